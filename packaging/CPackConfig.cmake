# Packaging: `cpack` in a build directory produces a Debian package and a tarball.
# SPDX-License-Identifier: GPL-3.0-or-later

install(FILES ${CMAKE_CURRENT_LIST_DIR}/cop-viewer.desktop DESTINATION share/applications)
install(FILES ${CMAKE_CURRENT_LIST_DIR}/org.copviewer.CopViewer.metainfo.xml DESTINATION share/metainfo)
install(FILES ${CMAKE_CURRENT_LIST_DIR}/cop-viewer.svg DESTINATION share/icons/hicolor/scalable/apps)
install(FILES ${CMAKE_SOURCE_DIR}/LICENSE ${CMAKE_SOURCE_DIR}/README.md DESTINATION share/doc/cop-viewer)
install(FILES ${CMAKE_SOURCE_DIR}/net/proto/cop/wire/v1/feed.proto DESTINATION share/cop-viewer/proto/cop/wire/v1)

set(CPACK_PACKAGE_NAME "cop-viewer")
set(CPACK_PACKAGE_VENDOR "COP Viewer project")
set(CPACK_PACKAGE_CONTACT "COP Viewer maintainers")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_RESOURCE_FILE_LICENSE "${CMAKE_SOURCE_DIR}/LICENSE")
set(CPACK_GENERATOR "DEB;TGZ")
set(CPACK_DEBIAN_PACKAGE_SECTION "science")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
include(CPack)
