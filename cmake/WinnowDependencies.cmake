# Finds winnow's link dependencies, all from Debian packages. Shared between
# the build and the installed winnowConfig.cmake so a consumer of the static
# library resolves the same imported targets.
include(CMakeFindDependencyMacro)
find_package(PkgConfig REQUIRED)

# Packages without a CMake config in Debian 12: pkg-config imported targets.
if(NOT TARGET PkgConfig::RE2)
  pkg_check_modules(RE2 REQUIRED IMPORTED_TARGET GLOBAL re2)
endif()
if(NOT TARGET PkgConfig::XXHASH)
  pkg_check_modules(XXHASH REQUIRED IMPORTED_TARGET GLOBAL libxxhash)
endif()
if(NOT TARGET PkgConfig::UTF8PROC)
  pkg_check_modules(UTF8PROC REQUIRED IMPORTED_TARGET GLOBAL libutf8proc)
endif()
if(NOT TARGET PkgConfig::ZSTD)
  pkg_check_modules(ZSTD REQUIRED IMPORTED_TARGET GLOBAL libzstd)
endif()

find_dependency(ZLIB REQUIRED)
find_dependency(simdjson REQUIRED)
find_dependency(tomlplusplus REQUIRED)
find_dependency(TBB REQUIRED)
find_dependency(Threads REQUIRED)
