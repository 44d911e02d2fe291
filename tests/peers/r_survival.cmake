# Statistics against R: tests/peers/r_survival.R runs `regenpath stats ...` and compares
# each figure with survfit / survdiff / coxph / prop.test / binom.test / t.test to 1e-9;
# r_survival_cases checks the numbers in tests/cases/statistics/*.yaml are R's.
find_program(RSCRIPT Rscript)
if(RSCRIPT)
  foreach(part km logrank proportion mean cox cases)
    add_test(NAME r_survival_${part}
             COMMAND ${RSCRIPT} --vanilla ${CMAKE_CURRENT_SOURCE_DIR}/peers/r_survival.R $<TARGET_FILE:regenpath> ${part})
    set_tests_properties(r_survival_${part} PROPERTIES TIMEOUT 120 LABELS "peer;R")
  endforeach()
else()
  message(WARNING "Rscript not found: the statistics comparisons with R are skipped (install r-base-core r-cran-survival)")
endif()
