# Per-target build hygiene: warnings, optional -Werror and sanitizers.
# Applied per target (never globally) so third-party code is not affected.

function(ctpgw_target_defaults target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor)
  if(CTPGW_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  if(CTPGW_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-sanitize-recover=undefined
                                             -fno-omit-frame-pointer)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  endif()
endfunction()
