set(LAB_FETCH_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/fetch.c
  ${CMAKE_CURRENT_LIST_DIR}/fetch_file.c
  ${CMAKE_CURRENT_LIST_DIR}/fetch_pace.c
  ${CMAKE_CURRENT_LIST_DIR}/fetch_sink.c
  ${CMAKE_CURRENT_LIST_DIR}/fetch_transfer.c)
list(APPEND LAB_FETCH_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/fetch_record.c
  ${CMAKE_CURRENT_LIST_DIR}/fetch_probe.c)
