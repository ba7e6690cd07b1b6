# Debian packages of concert-server and concert-kiosk (`cpack -G DEB` in the build folder).
# Included last by the top-level CMakeLists.txt; each target installs itself.
set(CPACK_PACKAGE_NAME "concert")
set(CPACK_PACKAGE_VENDOR "Concert Ticketing")
set(CPACK_PACKAGE_CONTACT "ops@concert.invalid")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_GENERATOR "DEB")
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_SERVER_PACKAGE_NAME "concert-server")
# shlibdeps finds the Qt libraries but not the QMYSQL plugin the server loads at run time.
set(CPACK_DEBIAN_SERVER_PACKAGE_DEPENDS "libqt6sql6-mysql")
set(CPACK_DEBIAN_KIOSK_PACKAGE_NAME "concert-kiosk")
set(CPACK_DEBIAN_KIOSK_PACKAGE_DEPENDS
    "qml6-module-qtquick, qml6-module-qtquick-controls, qml6-module-qtquick-layouts, qml6-module-qtquick-window, qml6-module-qtquick-templates")
include(CPack)
