# The Debian package (`cpack -G DEB` in the build tree, or scripts/package): the binary,
# the web app, the protocols, instruments, claims and report templates, a documented
# configuration file in /etc/regenpath and a hardened systemd unit. The maintainer scripts
# (packaging/postinst, prerm, postrm) create the service account and its data folder.
include(GNUInstallDirs)

install(TARGETS regenpath RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# The binary finds these beside itself: <prefix>/bin/../share/regenpath (service::data_dir).
install(DIRECTORY protocols instruments claims templates insurance DESTINATION ${CMAKE_INSTALL_DATADIR}/regenpath)
# The built web app (scripts/build-web): a package without it would serve a "not built" page.
install(DIRECTORY web/dist/ DESTINATION ${CMAKE_INSTALL_DATADIR}/regenpath/web)
install(FILES packaging/regenpath.service DESTINATION lib/systemd/system)
install(FILES README.md LICENSE DESTINATION ${CMAKE_INSTALL_DOCDIR})

set(packaged_config ${CMAKE_BINARY_DIR}/packaging/regenpath.yaml)
add_custom_command(
  OUTPUT ${packaged_config}
  COMMAND ${CMAKE_COMMAND} -DBINARY=$<TARGET_FILE:regenpath> -DOUT=${packaged_config} -P
          ${RP_ROOT}/packaging/packaged_config.cmake
  DEPENDS regenpath ${RP_ROOT}/packaging/packaged_config.cmake
  COMMENT "Writing the packaged configuration file"
  VERBATIM)
add_custom_target(packaged_config ALL DEPENDS ${packaged_config})
# An absolute destination: the package's file is /etc/regenpath/regenpath.yaml whatever the
# prefix (a conffile, packaging/conffiles).
install(FILES ${packaged_config} DESTINATION /etc/regenpath)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME regenpath)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "regenerative-orthopaedics pathway and outcomes server (autologous cell therapy for hip osteoarthritis)")
set(CPACK_PACKAGE_DESCRIPTION
    "Runs a clinic's cell-therapy pathway from first consult to three-year outcome: work-up, drug holds, harvest, injection, rehabilitation, follow-up questionnaires and red flags, in Persian and English with the Jalali calendar, and measures the treatment's outcomes honestly (survival, responder rates, claims with confidence intervals).")
set(CPACK_PACKAGE_CONTACT "regenpath maintainers <maintainers@regenpath.invalid>")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser, util-linux")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "systemd")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${RP_ROOT}/packaging/postinst ${RP_ROOT}/packaging/prerm ${RP_ROOT}/packaging/postrm
    ${RP_ROOT}/packaging/conffiles)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION TRUE)
include(CPack)
