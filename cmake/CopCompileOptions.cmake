# Compile options every COP Viewer target shares, applied per target (never global flags).
# SPDX-License-Identifier: GPL-3.0-or-later

add_library(cop_compile_options INTERFACE)
target_compile_options(cop_compile_options INTERFACE
    -Wall -Wextra -Wpedantic)
# Strict Qt: no implicit ASCII casts, no lower-case keywords, nothing deprecated before 6.4.
target_compile_definitions(cop_compile_options INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_KEYWORDS
    QT_DISABLE_DEPRECATED_UP_TO=0x060400)

# Compiler launcher: ccache keeps rebuilds on a clean clone cheap.
find_program(COP_CCACHE ccache)
if(COP_CCACHE AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
    set(CMAKE_CXX_COMPILER_LAUNCHER "${COP_CCACHE}" CACHE STRING "" FORCE)
endif()

# Helper so every library and executable gets the same options in one line.
function(cop_target_defaults target)
    target_link_libraries(${target} PRIVATE cop_compile_options)
endfunction()
