# Per-target build hygiene: warnings, optional -Werror and sanitizers.
# Applied per target (never globally) so third-party code is not affected.

function(ctpgw_target_defaults target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor)
  # GCC 12 reports -Wrestrict inside libstdc++'s std::string concatenation at -O2 (GCC bug
  # 105329, a false positive); it would make optimised -Werror builds fail on correct code.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
  if(CTPGW_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  if(CTPGW_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-sanitize-recover=undefined
                                             -fno-omit-frame-pointer)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  endif()
  if(CTPGW_TSAN)
    # -Wno-tsan: Boost.Asio's std_fenced_block uses atomic_thread_fence, which GCC warns TSan
    # does not model; the io thread owns everything it guards, so it is not a race we rely on.
    target_compile_options(${target} PRIVATE -fsanitize=thread -fno-omit-frame-pointer -Wno-tsan)
    target_link_options(${target} PRIVATE -fsanitize=thread)
  endif()
endfunction()
