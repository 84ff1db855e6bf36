# The web console (archive/web/): its sources are part of chaperone_archive (the GLOB in
# archive/CMakeLists.txt); this file adds what the console needs beyond them.
#
# cpp-httplib from Debian (libcpp-httplib-dev) is split into a header and a shared library
# built with OpenSSL, zlib and brotli; its pkg-config file carries the matching defines
# (CPPHTTPLIB_OPENSSL_SUPPORT, ...), which every file including httplib.h must share.
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
find_package(OpenSSL REQUIRED)
target_link_libraries(chaperone_archive PUBLIC PkgConfig::HTTPLIB OpenSSL::SSL OpenSSL::Crypto)

# Templates and the style sheet are files in the source tree, compiled into the program so
# an installed `chaperone serve` needs nothing beside it. Regenerated when any file changes.
file(GLOB WEB_ASSETS CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/web/templates/*.html
                                       ${CMAKE_CURRENT_SOURCE_DIR}/web/static/*)
set(WEB_ASSETS_CPP ${CMAKE_CURRENT_BINARY_DIR}/web_assets.cpp)
add_custom_command(
  OUTPUT ${WEB_ASSETS_CPP}
  COMMAND ${CMAKE_COMMAND} -DOUT=${WEB_ASSETS_CPP} -DROOT=${CMAKE_CURRENT_SOURCE_DIR}/web
          "-DFILES=${WEB_ASSETS}" -P ${CMAKE_CURRENT_SOURCE_DIR}/web/embed_assets.cmake
  DEPENDS ${WEB_ASSETS} ${CMAKE_CURRENT_SOURCE_DIR}/web/embed_assets.cmake
  COMMENT "Embedding web console templates and style sheet"
  VERBATIM)
target_sources(chaperone_archive PRIVATE ${WEB_ASSETS_CPP})
