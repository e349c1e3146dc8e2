# Generates a class that gives every pure virtual method of a vendor API class (read from the
# user's SDK header at configure time) a harmless body: int -> -1 ("not sent"), pointer ->
# nullptr, void -> nothing. The fake vendor libraries derive from it and override what the
# tests use, so they build against whatever 6.7.x header the user has. Nothing of the vendor's
# is copied into the repository; the generated file lives in the build tree.
function(ctpgw_generate_vendor_stubs header vendor_class stub_class out_file)
  file(READ "${header}" text)
  string(REPLACE "\r" "" text "${text}")
  string(REGEX MATCH "class[ \t]+[A-Z_]*[ \t]*${vendor_class}[ \t]*\n{.*" body "${text}")
  if(NOT body)
    message(FATAL_ERROR "${header}: class ${vendor_class} not found")
  endif()
  string(FIND "${body}" "\n};" end)
  string(SUBSTRING "${body}" 0 ${end} body)
  string(REGEX MATCHALL "virtual[^;]*=[ \t]*0[ \t]*;" decls "${body}")
  # (";" separates CMake list items, so each declaration arrives without it.)
  set(methods "")
  foreach(decl IN LISTS decls)
    if(decl STREQUAL "")
      continue()
    endif()
    string(REGEX REPLACE "[ \t\n]+" " " decl "${decl}")
    string(REGEX MATCH "^virtual (.*[ *])([A-Za-z_][A-Za-z0-9_]*) ?\\((.*)\\) ?= ?0 ?$" m "${decl}")
    if(NOT m)
      message(FATAL_ERROR "cannot read the declaration '${decl}' in ${header}")
    endif()
    set(ret "${CMAKE_MATCH_1}")
    set(name "${CMAKE_MATCH_2}")
    set(params "${CMAKE_MATCH_3}")
    string(STRIP "${ret}" ret)
    if(ret MATCHES "\\*$")
      set(impl "{ return nullptr; }")
    elseif(ret STREQUAL "void")
      set(impl "{}")
    elseif(ret STREQUAL "int")
      set(impl "{ return -1; }")
    else()
      set(impl "{ return {}; }")
    endif()
    string(APPEND methods "  ${ret} ${name}(${params}) override ${impl}\n")
  endforeach()
  # The static factory's parameters differ between versions (6.7.11 added a production flag):
  # the fakes define it with exactly the header's parameters, defaults removed.
  string(REGEX MATCH "static[^;(]*CreateFtdc[A-Za-z]*Api[ \t]*\\(([^)]*)\\)" factory "${body}")
  set(factory_params "${CMAKE_MATCH_1}")
  string(REGEX REPLACE "[ \t]*=[^,]*" "" factory_params "${factory_params}")
  string(REGEX REPLACE "[ \t\n]+" " " factory_params "${factory_params}")
  file(WRITE "${out_file}.tmp"
       "// Generated from ${header}; do not edit.\n#pragma once\n"
       "#define ${stub_class}_FACTORY_PARAMS ${factory_params}\n"
       "class ${stub_class} : public ${vendor_class} {\n public:\n${methods}};\n")
  file(COPY_FILE "${out_file}.tmp" "${out_file}" ONLY_IF_DIFFERENT)
endfunction()
