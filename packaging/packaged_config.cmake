# Writes the configuration file the Debian package installs in /etc/regenpath: the
# server's own documented sample (`regenpath config sample`, so that every key stays
# described as the binary reads it) with the installed paths filled in. A sample line
# this expects and no longer finds stops the build, rather than shipping a default.
#   cmake -DBINARY=... -DOUT=... -P packaged_config.cmake
execute_process(COMMAND ${BINARY} config sample OUTPUT_VARIABLE sample RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "regenpath config sample failed (${rc})")
endif()

function(replace_line from to)
  string(FIND "${sample}" "${from}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "the sample config no longer has the line '${from}'")
  endif()
  string(REPLACE "${from}" "${to}" sample "${sample}")
  set(sample "${sample}" PARENT_SCOPE)
endfunction()

string(REGEX MATCH "\ndb: [^\n]*" db_line "${sample}")
if(db_line STREQUAL "")
  message(FATAL_ERROR "the sample config no longer has a db: line")
endif()
replace_line("${db_line}" "\ndb: /var/lib/regenpath/regenpath.db")
replace_line("# web_dir: /usr/share/regenpath/web" "web_dir: /usr/share/regenpath/web")

set(header "# /etc/regenpath/regenpath.yaml: the configuration of the regenpath service, installed
# by its Debian package (a conffile: your changes are kept on upgrade). The service reads
# it at start: `systemctl restart regenpath` after a change. The database, the audit
# anchors and the signing key live in /var/lib/regenpath, the only folder the service
# may write (see the unit: systemctl cat regenpath).
#
")
file(WRITE ${OUT} "${header}${sample}")
