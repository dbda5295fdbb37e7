set(LAB_CLI_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/main.c
  ${CMAKE_CURRENT_LIST_DIR}/util.c
  ${CMAKE_CURRENT_LIST_DIR}/basis.c
  ${CMAKE_CURRENT_LIST_DIR}/table.c
  ${CMAKE_CURRENT_LIST_DIR}/cmd_datasets.c
  ${CMAKE_CURRENT_LIST_DIR}/cmd_find.c
  ${CMAKE_CURRENT_LIST_DIR}/cmd_import.c
  ${CMAKE_CURRENT_LIST_DIR}/cmd_plot.c
  ${CMAKE_CURRENT_LIST_DIR}/plot_common.c
  ${CMAKE_CURRENT_LIST_DIR}/plot_wages.c
  ${CMAKE_CURRENT_LIST_DIR}/cmd_wages.c
  ${CMAKE_CURRENT_LIST_DIR}/wages_cells.c
  ${CMAKE_CURRENT_LIST_DIR}/wages_fit.c
  ${CMAKE_CURRENT_LIST_DIR}/wages_print.c
  ${CMAKE_CURRENT_LIST_DIR}/role_dist.c
  ${CMAKE_CURRENT_LIST_DIR}/wages_role.c
  ${CMAKE_CURRENT_LIST_DIR}/cmd_check.c
  ${CMAKE_CURRENT_LIST_DIR}/check_eval.c)
list(APPEND LAB_CLI_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/cmd_roles.c)
list(APPEND LAB_CLI_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/cmd_compare.c
  ${CMAKE_CURRENT_LIST_DIR}/compare_role.c
  ${CMAKE_CURRENT_LIST_DIR}/cmd_rank.c
  ${CMAKE_CURRENT_LIST_DIR}/cmd_diff.c
  ${CMAKE_CURRENT_LIST_DIR}/cmd_shiftshare.c)
list(APPEND LAB_CLI_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/cmd_project.c
  ${CMAKE_CURRENT_LIST_DIR}/project_core.c
  ${CMAKE_CURRENT_LIST_DIR}/project_role.c
  ${CMAKE_CURRENT_LIST_DIR}/cmd_trend.c)
list(APPEND LAB_CLI_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/cmd_stats.c)
list(APPEND LAB_CLI_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/trend_series.c
  ${CMAKE_CURRENT_LIST_DIR}/trend_fit.c
  ${CMAKE_CURRENT_LIST_DIR}/trend_print.c
  ${CMAKE_CURRENT_LIST_DIR}/compare_eval.c
  ${CMAKE_CURRENT_LIST_DIR}/compare_text.c
  ${CMAKE_CURRENT_LIST_DIR}/compare_data.c
  ${CMAKE_CURRENT_LIST_DIR}/rank_eval.c
  ${CMAKE_CURRENT_LIST_DIR}/rank_print.c
  ${CMAKE_CURRENT_LIST_DIR}/stats_read.c
  ${CMAKE_CURRENT_LIST_DIR}/stats_summary.c
  ${CMAKE_CURRENT_LIST_DIR}/stats_regress.c)
list(APPEND LAB_CLI_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/plot_trend.c
  ${CMAKE_CURRENT_LIST_DIR}/plot_growth_pay.c
  ${CMAKE_CURRENT_LIST_DIR}/plot_projection.c)
list(APPEND LAB_CLI_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/plot_compare.c
  ${CMAKE_CURRENT_LIST_DIR}/plot_map.c)
list(APPEND LAB_CLI_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/plot_sectors.c)
list(APPEND LAB_CLI_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/cmd_report.c
  ${CMAKE_CURRENT_LIST_DIR}/report_spec.c
  ${CMAKE_CURRENT_LIST_DIR}/report_plan.c
  ${CMAKE_CURRENT_LIST_DIR}/report_build.c
  ${CMAKE_CURRENT_LIST_DIR}/report_render.c
  ${CMAKE_CURRENT_LIST_DIR}/report_tables.c
  ${CMAKE_CURRENT_LIST_DIR}/report_html.c
  ${CMAKE_CURRENT_LIST_DIR}/report_md.c
  ${CMAKE_CURRENT_LIST_DIR}/report_text.c)
list(APPEND LAB_CLI_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/cache_walk.c
  ${CMAKE_CURRENT_LIST_DIR}/cmd_cache.c
  ${CMAKE_CURRENT_LIST_DIR}/cmd_fetch.c
  ${CMAKE_CURRENT_LIST_DIR}/fetch_check.c
  ${CMAKE_CURRENT_LIST_DIR}/fetch_content.c
  ${CMAKE_CURRENT_LIST_DIR}/fetch_quota.c
  ${CMAKE_CURRENT_LIST_DIR}/fetch_run.c
  ${CMAKE_CURRENT_LIST_DIR}/fetch_series.c
  ${CMAKE_CURRENT_LIST_DIR}/fetch_sources.c
  ${CMAKE_CURRENT_LIST_DIR}/import_summary.c)
# The files of `fetch` that need libcurl: only in laborstat-net (CMakeLists.txt).
set(LAB_CLI_NET_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/fetch_check.c
  ${CMAKE_CURRENT_LIST_DIR}/fetch_content.c
  ${CMAKE_CURRENT_LIST_DIR}/fetch_quota.c
  ${CMAKE_CURRENT_LIST_DIR}/fetch_run.c
  ${CMAKE_CURRENT_LIST_DIR}/fetch_series.c
  ${CMAKE_CURRENT_LIST_DIR}/fetch_sources.c)
