set(LAB_ANALYZER_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/ci.c)
list(APPEND LAB_ANALYZER_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/dist_boot.c
  ${CMAKE_CURRENT_LIST_DIR}/dist_constrain.c
  ${CMAKE_CURRENT_LIST_DIR}/dist_fit.c
  ${CMAKE_CURRENT_LIST_DIR}/dist_interp.c
  ${CMAKE_CURRENT_LIST_DIR}/dist_lognormal.c
  ${CMAKE_CURRENT_LIST_DIR}/dist_mean.c
  ${CMAKE_CURRENT_LIST_DIR}/dist_mixture.c)
list(APPEND LAB_ANALYZER_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/proj_accuracy.c
  ${CMAKE_CURRENT_LIST_DIR}/projection.c
  ${CMAKE_CURRENT_LIST_DIR}/trend.c)
list(APPEND LAB_ANALYZER_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/compare.c)
list(APPEND LAB_ANALYZER_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/regress.c
  ${CMAKE_CURRENT_LIST_DIR}/summary.c)
# regress.c: double-double arithmetic needs every a * b + c rounded twice (no fused multiply-add).
set_source_files_properties(${CMAKE_CURRENT_LIST_DIR}/regress.c PROPERTIES
  COMPILE_OPTIONS -ffp-contract=off)
