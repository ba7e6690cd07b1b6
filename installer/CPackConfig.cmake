# Debian packages (`cpack -G DEB` in the build folder), one per CPack component; included last by
# the top-level CMakeLists.txt; each target installs itself into its component.
# A new program is one line in concert_packages plus its own CPACK_DEBIAN_<C>_* settings below.
set(concert_packages server)
if(CONCERT_BUILD_KIOSK)
    list(APPEND concert_packages kiosk)
endif()
if(TARGET concert-boxoffice)
    list(APPEND concert_packages boxoffice)
endif()
set(CPACK_COMPONENTS_ALL ${concert_packages})

set(CPACK_PACKAGE_NAME "concert")
set(CPACK_PACKAGE_VENDOR "Concert Ticketing")
set(CPACK_PACKAGE_CONTACT "Concert Ticketing <ops@concert.invalid>")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_GENERATOR "DEB")
set(CPACK_STRIP_FILES ON)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SECTION "misc")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://concert.invalid/")
set(concert_debian ${CMAKE_CURRENT_LIST_DIR}/debian)

# concert-server: the binary, its unit, configuration, logrotate, man page.
set(CPACK_DEBIAN_SERVER_PACKAGE_NAME "concert-server")
set(CPACK_DEBIAN_SERVER_PACKAGE_SECTION "net")
set(CPACK_COMPONENT_SERVER_DESCRIPTION "concert ticketing server with a fair waiting queue
 concert-server sells concert seats to people who first wait their turn in a
 strictly first-come, first-served queue: seat holds, balances, idempotent
 payments, box office, webhooks, Prometheus metrics and an OpenAPI document.
 Any number of instances share one MariaDB database. It runs as the systemd
 service concert-server (user concert).")
# shlibdeps finds the Qt libraries but not the QMYSQL plugin the server loads at run time.
set(CPACK_DEBIAN_SERVER_PACKAGE_DEPENDS "libqt6sql6-mysql, adduser")
set(CPACK_DEBIAN_SERVER_PACKAGE_SUGGESTS "mariadb-server, prometheus")
set(CPACK_DEBIAN_SERVER_PACKAGE_CONTROL_EXTRA
    "${concert_debian}/server/postinst;${concert_debian}/server/prerm;${concert_debian}/server/postrm;${concert_debian}/server/conffiles")

# concert-kiosk: the QML kiosk; every QML module it imports at run time (QtQuick.Controls needs
# Templates; QtQuick needs QtQml.WorkerScript; tests/package checks the list), and cage for a bare kiosk.
set(CPACK_DEBIAN_KIOSK_PACKAGE_NAME "concert-kiosk")
set(CPACK_COMPONENT_KIOSK_DESCRIPTION "concert ticketing kiosk (QML)
 concert-kiosk walks a customer through a concert-server: sign in, wait in
 the queue, choose seats, top up the balance, pay and get a receipt. It runs
 on a desktop or, with the concert-kiosk.service unit and cage, full screen
 on a bare kiosk machine.")
set(CPACK_DEBIAN_KIOSK_PACKAGE_DEPENDS
    "qml6-module-qtquick, qml6-module-qtquick-controls, qml6-module-qtquick-layouts, qml6-module-qtquick-window, qml6-module-qtquick-templates, qml6-module-qtqml-workerscript, qml6-module-qtqml, adduser")
set(CPACK_DEBIAN_KIOSK_PACKAGE_RECOMMENDS "cage")
set(CPACK_DEBIAN_KIOSK_PACKAGE_CONTROL_EXTRA
    "${concert_debian}/kiosk/postinst;${concert_debian}/kiosk/postrm;${concert_debian}/kiosk/conffiles")

# concert-boxoffice: the Qt Widgets box-office desktop (desktop entry, no kiosk unit). shlibdeps
# finds the Qt libraries (QtQuickWidgets included); the seat map is the kiosk's QML SeatMapView
# in a QQuickWidget, so the QML modules it imports at run time are listed here.
set(CPACK_DEBIAN_BOXOFFICE_PACKAGE_NAME "concert-boxoffice")
set(CPACK_COMPONENT_BOXOFFICE_DESCRIPTION "concert ticketing box office (Qt Widgets)
 concert-boxoffice is the box-office desktop for a concert-server: counter
 sales, cancellations, check-in at the door, customers, sales and queue
 overview, API keys and the audit log.")
set(CPACK_DEBIAN_BOXOFFICE_PACKAGE_DEPENDS
    "qml6-module-qtquick, qml6-module-qtquick-controls, qml6-module-qtquick-layouts, qml6-module-qtquick-window, qml6-module-qtquick-templates, qml6-module-qtqml-workerscript, qml6-module-qtqml")

include(CPack)
