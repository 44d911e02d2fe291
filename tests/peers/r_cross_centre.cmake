# The outcome report's comparison of centres adjusted for case mix against R:
# tests/peers/r_cross_centre.R runs `regenpath stats cross-centre` (the report's own code)
# on generated registries and compares with glm and coxph fitted by R in the same run.
find_program(RSCRIPT Rscript)
if(RSCRIPT)
  add_test(NAME r_cross_centre
           COMMAND ${RSCRIPT} --vanilla ${CMAKE_CURRENT_SOURCE_DIR}/peers/r_cross_centre.R $<TARGET_FILE:regenpath>)
  set_tests_properties(r_cross_centre PROPERTIES TIMEOUT 120 LABELS "peer;R")
endif()
