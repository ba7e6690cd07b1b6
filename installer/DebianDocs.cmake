# concert_install_debian_docs(COMPONENT PACKAGE): the copyright file and the compressed changelog
# every Debian package carries in /usr/share/doc/PACKAGE (Debian policy 12.5, 12.7).
set(concert_changelog_gz ${CMAKE_BINARY_DIR}/installer/changelog.gz)
add_custom_command(OUTPUT ${concert_changelog_gz}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/installer
    COMMAND gzip -9n -c ${PROJECT_SOURCE_DIR}/installer/debian/changelog > ${concert_changelog_gz}
    DEPENDS ${PROJECT_SOURCE_DIR}/installer/debian/changelog)
add_custom_target(concert-debian-changelog ALL DEPENDS ${concert_changelog_gz})

function(concert_install_debian_docs component package)
    install(FILES ${PROJECT_SOURCE_DIR}/installer/debian/copyright ${concert_changelog_gz}
            DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/${package} COMPONENT ${component})
endfunction()
