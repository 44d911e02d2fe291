cmake_minimum_required(VERSION 3.25)
# Refuses an #include that runs up the layers, run as `cmake -DROOT=<dir> -P check_layers.cmake`.
# The include roots (see the root CMakeLists.txt) already make such an include fail to
# compile; this check names every offending line at once, and also catches what an include
# path cannot: nlohmann/json in a layer where JSON is no format, and "../" includes that
# would step around the roots.
#
# The order must match RP_LAYERS in the root CMakeLists.txt.
set(layers base stats domain store channels service demo api app)
# Layers for which JSON is no format: their code takes and returns types.
set(no_json base stats domain service)
# A database engine's headers and its adapter (store/sqlite/, store/postgres/) are seen only
# by the adapter itself and by app/, which chooses the engine: the rest of store/ (the
# Store interface, records, audit chain) and every layer above it work on any engine.
set(engine_includes "^(sqlite3\\.h|SQLiteCpp/|libpq-fe\\.h|pqxx/|store/(sqlite|postgres)/)")
set(engine_folders "^(store/sqlite|store/postgres|app)/")

if(NOT ROOT)
  message(FATAL_ERROR "check_layers: pass -DROOT=<source dir>")
endif()

set(problems "")
set(index 0)
foreach(layer ${layers})
  list(SUBLIST layers 0 ${index} below)
  string(REPLACE ";" " " below_text "${below}")
  math(EXPR index "${index} + 1")
  file(GLOB_RECURSE files "${ROOT}/${layer}/*.cpp" "${ROOT}/${layer}/*.hpp" "${ROOT}/${layer}/*.h")
  foreach(f ${files})
    file(STRINGS "${f}" lines REGEX "^[ \t]*#[ \t]*include")
    file(RELATIVE_PATH rel "${ROOT}" "${f}")
    foreach(line ${lines})
      if(line MATCHES "#[ \t]*include[ \t]*[<\"]([^>\"]*)[>\"]")
        set(target "${CMAKE_MATCH_1}")
      else()
        continue()
      endif()
      if(target MATCHES "^\\.\\./" OR target MATCHES "/\\.\\./")
        string(APPEND problems "  ${rel}: ${line}  (a relative include leaves the folder)\n")
        continue()
      endif()
      if(layer IN_LIST no_json AND target MATCHES "^nlohmann/")
        string(APPEND problems "  ${rel}: ${line}  (${layer}/ takes and returns types; JSON belongs to store/ or api/)\n")
        continue()
      endif()
      if(target MATCHES "${engine_includes}" AND NOT rel MATCHES "${engine_folders}")
        string(APPEND problems "  ${rel}: ${line}  (a database engine is seen only by its adapter in store/ and by app/)\n")
        continue()
      endif()
      if(target MATCHES "^([a-z_]+)/")
        set(folder "${CMAKE_MATCH_1}")
        if(folder IN_LIST layers AND NOT folder STREQUAL layer AND NOT folder IN_LIST below)
          string(APPEND problems "  ${rel}: ${line}  (${layer}/ may include only ${below_text} ${layer})\n")
        endif()
      endif()
    endforeach()
  endforeach()
endforeach()

# api/ decodes, asks the service and encodes: every transaction (its audit row, its
# idempotency key) begins in a use case of service/, so no api/ file names one.
file(GLOB_RECURSE api_files "${ROOT}/api/*.cpp" "${ROOT}/api/*.hpp")
foreach(f ${api_files})
  file(STRINGS "${f}" lines REGEX "store::Transaction|\\.(read|write)\\(\\[")
  file(RELATIVE_PATH rel "${ROOT}" "${f}")
  foreach(line ${lines})
    string(STRIP "${line}" line)
    string(APPEND problems "  ${rel}: ${line}  (api/ opens no store transaction: a use case in service/ does)\n")
  endforeach()
endforeach()

if(problems)
  message(FATAL_ERROR "An include runs up the layers (base <- stats <- domain <- store <- service <- demo <- api <- app):\n${problems}")
endif()
