set(LAB_DATASETS_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/areas.c
  ${CMAKE_CURRENT_LIST_DIR}/csv.c
  ${CMAKE_CURRENT_LIST_DIR}/import.c
  ${CMAKE_CURRENT_LIST_DIR}/keyset.c
  ${CMAKE_CURRENT_LIST_DIR}/lsnap.c
  ${CMAKE_CURRENT_LIST_DIR}/norm_oews.c
  ${CMAKE_CURRENT_LIST_DIR}/norm_simple.c
  ${CMAKE_CURRENT_LIST_DIR}/norm_util.c
  ${CMAKE_CURRENT_LIST_DIR}/oews_measures.c
  ${CMAKE_CURRENT_LIST_DIR}/rowbuf.c
  ${CMAKE_CURRENT_LIST_DIR}/snapshot.c
  ${CMAKE_CURRENT_LIST_DIR}/store.c
  ${CMAKE_CURRENT_LIST_DIR}/store_cells.c
  ${CMAKE_CURRENT_LIST_DIR}/store_deflators.c
  ${CMAKE_CURRENT_LIST_DIR}/store_occ.c
  ${CMAKE_CURRENT_LIST_DIR}/store_query.c
  ${CMAKE_CURRENT_LIST_DIR}/store_schema.c
  ${CMAKE_CURRENT_LIST_DIR}/store_write.c)
list(APPEND LAB_DATASETS_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/store_regional.c)
list(APPEND LAB_DATASETS_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/roles.c
  ${CMAKE_CURRENT_LIST_DIR}/roles_preset.c)
