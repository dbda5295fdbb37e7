/*
 * report_text.c - the fixed text of a report: the caveats page and the method notes.
 */
#include "cli/report.h"

const char *const report_caveats[] = {
    "What OEWS is: the BLS Occupational Employment and Wage Statistics survey of about 1.1 "
    "million establishments over three years, published each May release as employment and wage "
    "percentiles of wage-and-salary jobs by occupation (SOC code), area and industry. What it is "
    "not: it excludes the self-employed, owners and unpaid family workers; it measures jobs, not "
    "people; wages are straight-time pay before overtime, bonuses and benefits; it is not a "
    "time series survey, so year-to-year changes mix real change with sampling and method "
    "changes (BLS advises against most comparisons over time).",
    "SOC breaks: OEWS used the 2010 SOC through May 2018, hybrid codes in May 2019 and 2020, and "
    "the 2018 SOC from May 2021. Codes were split and merged at the breaks (for example 15-1121 "
    "became 15-1211, and 29-2071 was split into 29-2072 and part of 29-9021), so a trend across "
    "a break may compare different populations. The trend charts mark the breaks.",
    "Top-codes: OEWS does not publish wages above a ceiling (USD 239,200 a year from May 2023, "
    "lower before); such a percentile is published as '#', a lower bound. The charts draw "
    "top-coded values open-ended and the tables mark them.",
    "The role mappings: laborstat's health-it roles are bundles of SOC codes (datasets/roles/"
    "health-it.json, `laborstat roles`). OEWS has no estimates for O*NET occupations such as "
    "15-1211.01 Health Informatics Specialists; a role uses the wages of its whole SOC codes, "
    "restricted to the health care sector (NAICS 62) where the data allow. A role's wage "
    "distribution is the employment-weighted mixture of its codes' fitted lognormal "
    "distributions, a model, not a published figure.",
    "Projections: BLS Employment Projections are national, ten-year, and not forecasts of the "
    "business cycle; state projections come from Projections Central and differ in cycle and "
    "method. The error bars of the projection chart are a rough scale (the largest published "
    "miss of the average ten-year growth), not a confidence interval.",
    "Price parities and real dollars: 'rpp' divides a state's wages by BEA's regional price "
    "parity of that state / 100, which adjusts for the state's average price level, not the "
    "metro or the household; 'real' uses the CPI-U (national).",
    NULL,
};

const char *const report_methods[] = {
    "Every chart is a `laborstat plot` command, rendered with gnuplot to PNG, SVG and PDF; the "
    "command is shown under each chart and its gnuplot script is in charts/ beside it, so plain "
    "`gnuplot charts/NAME.svg.gp` draws it again (run from where the report was made). The "
    "chart's data are in data/ as CSV.",
    "Confidence intervals of published estimates use the relative standard errors BLS publishes "
    "(95%: plus or minus 1.96 standard errors). Trends are ordinary least squares of the "
    "logarithm of the value on the year; the band uses the ends of the slope's 95% interval.",
    "Tables are the CSV output of laborstat's own commands (check, datasets) or the data of the "
    "chart they accompany.",
    NULL,
};
