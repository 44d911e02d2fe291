# The registry's comparison statistics against R: tests/peers/r_registry.R runs
# `regenpath stats logistic|funnel|standardise|cusum` and compares with glm, qbinom/qpois
# and the CUSUM recursion computed by R in the same run.
find_program(RSCRIPT Rscript)
if(RSCRIPT)
  foreach(part logistic funnel standardise survival cusum)
    add_test(NAME r_registry_${part}
             COMMAND ${RSCRIPT} --vanilla ${CMAKE_CURRENT_SOURCE_DIR}/peers/r_registry.R $<TARGET_FILE:regenpath> ${part})
    set_tests_properties(r_registry_${part} PROPERTIES TIMEOUT 120 LABELS "peer;R")
  endforeach()
endif()
