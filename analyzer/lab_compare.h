/*
 * lab_compare.h - regional measures and comparisons: standard errors from published relative
 * standard errors (RSEs), confidence intervals and z-tests of differences, ratios by the delta
 * method (location quotient, jobs per 1,000), rankings with tie groups, and occupational
 * shift-share. The formulas are written down in docs/methods.md ("Regional measures").
 *
 * Inputs are plain numbers and arrays; nothing here sees the store. A standard error that is not
 * known (no RSE published) is passed as NAN where a parameter says so.
 *
 * Ownership: every pointer parameter is borrowed for the call; results go to caller-owned
 * structs, arrays and buffers. Nothing keeps a pointer after returning; nothing allocates.
 *
 * GSL's error handler must be off (gsl_set_error_handler_off(), done once by main()).
 */
#ifndef LAB_COMPARE_H
#define LAB_COMPARE_H

#include "analyzer/lab_analyzer.h"
#include "common/lab_common.h"

#include <stdbool.h>
#include <stddef.h>

/*
 * Documented constant (docs/methods.md, "Regional measures"). LAB_CMP_SUM_REL_TOL: the
 * shift-share identity national + mix + regional = change holds exactly in algebra; in floating
 * point the three products differ from it by a few units in the last place of the largest term.
 * lab_cmp_shiftshare() checks the identity to this fraction of the sum of the absolute terms,
 * far above rounding (about 1e-16) and far below any real error.
 */
#define LAB_CMP_SUM_REL_TOL 1e-9

/*
 * Standard error of an estimate published with a percent RSE: se = |est| * rse_pct / 100.
 * LAB_ERR_DOMAIN when est or rse_pct is not finite or rse_pct < 0.
 */
lab_status lab_cmp_se_from_rse(double est, double rse_pct, double *se, struct lab_error *err);

/* The difference a - b of two independent estimates and its two-sided z-test. */
struct lab_cmp_diff {
  double diff;            /* a - b */
  double se;              /* sqrt(se_a^2 + se_b^2) */
  struct lab_interval ci; /* diff -/+ z_{(1+level)/2} * se */
  double z;               /* diff / se */
  double p;               /* two-sided: 2 * Phi(-|z|) */
  double level;           /* the confidence level used (0.95) */
  int sign;               /* +1: a significantly higher, -1: significantly lower, 0: p >= 1-level */
};

/*
 * Difference of two independent estimates a (standard error se_a) and b (se_b): the CI at
 * `level` and the two-sided z-test (p from gsl_cdf_ugaussian_P). The difference is significant
 * when p < 1 - level. LAB_ERR_DOMAIN when a value or SE is not finite, an SE is negative, both
 * SEs are 0 (no test is possible) or level is not in (0, 1).
 */
lab_status lab_cmp_diff(double a, double se_a, double b, double se_b, double level,
                        struct lab_cmp_diff *out, struct lab_error *err);

/*
 * The p-value as text: "p < 0.001" below 0.001, else "p = " and two significant digits ("p =
 * 0.41", "p = 0.003"), with more digits (up to six) when two would put the printed value on the
 * other side of alpha than p itself (p = 0.04996 at alpha 0.05 prints "p = 0.04996"). Writes at
 * most size bytes, always NUL-terminated; returns out.
 */
char *lab_cmp_format_p(double p, double alpha, char *out, size_t size);

/*
 * The verdict of a difference in words, for a = name_a and b = name_b: "California is higher
 * than Texas (p = 0.003)", "... is lower than ...", or "no significant difference at 5% (p =
 * 0.41)". Writes at most size bytes, always NUL-terminated; returns out.
 */
char *lab_cmp_verdict(const struct lab_cmp_diff *d, const char *name_a, const char *name_b,
                      char *out, size_t size);

/* An estimate with its standard error and confidence interval. */
struct lab_cmp_est {
  double value;
  double se;              /* NAN when not known */
  struct lab_interval ci; /* NAN ends when se is not known */
};

/*
 * Ratio num/den of two independent estimates by the delta method:
 * se^2 = se_num^2 / den^2 + num^2 * se_den^2 / den^4, CI = ratio -/+ z * se at `level`. se_num
 * or se_den may be NAN (not known): the ratio is then returned with se and CI NAN.
 * LAB_ERR_DOMAIN when num or den is not finite, den is 0, an SE is negative or infinite, or level
 * is not in (0, 1).
 */
lab_status lab_cmp_ratio(double num, double se_num, double den, double se_den, double level,
                         struct lab_cmp_est *out, struct lab_error *err);

/* Employment of an occupation and of all occupations (00-0000) in an area and in the nation. */
struct lab_cmp_lq_in {
  double e_area, total_area; /* occupation and all-occupation employment in the area */
  double e_nat, total_nat;   /* the same for the nation */
  /* Percent RSEs of the four; NAN = not published (the derived SE is then NAN too). */
  double rse_e_area, rse_total_area, rse_e_nat, rse_total_nat;
};

struct lab_cmp_lq {
  struct lab_cmp_est jobs_1000; /* e_area / total_area * 1000 */
  struct lab_cmp_est lq;        /* (e_area / total_area) / (e_nat / total_nat) */
};

/*
 * Location quotient and jobs per 1,000 recomputed from employment, with delta-method SEs and CIs
 * at `level` treating the four estimates as independent (the area's estimate is part of the
 * nation's, a positive covariance that is ignored: the SE of the LQ is slightly overstated, so the
 * interval errs on the wide side). jobs_1000 needs rse_e_area and rse_total_area; lq needs all
 * four. LAB_ERR_DOMAIN when a count is not finite, negative, or a total (or e_nat) is 0, an RSE is
 * negative, e_area > total_area or e_nat > total_nat, or level is not in (0, 1).
 */
lab_status lab_cmp_lq(const struct lab_cmp_lq_in *in, double level, struct lab_cmp_lq *out,
                      struct lab_error *err);

/* One entry of a ranking, in rank order. */
struct lab_cmp_rank {
  size_t index;   /* position in the caller's arrays */
  size_t group;   /* tie group, 1-based, in rank order */
  size_t rank_lo; /* first rank (1-based) of the entry's tie group */
  size_t rank_hi; /* last rank of the group; == rank_lo when the entry stands alone */
  bool tested;    /* false: the entry has no SE and forms a group of its own */
};

/*
 * Rank value[0..n) (highest first when descending, else lowest first; equal values keep their
 * input order) and group entries whose differences are not significant at 1 - level. The rule,
 * walking the ranked entries in order: the first entry opens group 1 and is its leader; each
 * following entry joins the current group when the two-sided z-test of its difference from the
 * leader (lab_cmp_diff with se[]) gives p >= 1 - level, otherwise it opens a new group and becomes
 * its leader (when both SEs are 0 no test is possible: it joins only an equal value). An entry
 * whose SE is not known (se NULL, or se[i] NAN) cannot be tested: it forms a
 * group of its own, and the entry after it opens a new group. Groups are therefore runs of
 * consecutive ranks; rank_lo..rank_hi is the run's span ("3-5").
 * out has n entries. LAB_ERR_DOMAIN when n is 0, a value is not finite, an SE is negative or
 * infinite, or level is not in (0, 1).
 * Cost: O(n^2) comparisons for the (stable insertion) sort; n is a few hundred areas at most.
 */
lab_status lab_cmp_rank(const double *value, const double *se, size_t n, bool descending,
                        double level, struct lab_cmp_rank *out, struct lab_error *err);

/* Shift-share components of one occupation (or of their total). */
struct lab_cmp_shift {
  double base, end; /* area employment at the start and the end */
  double change;    /* end - base */
  double national;  /* national growth effect: base * g_N */
  double mix;       /* occupational mix effect: base * (g_i - g_N) */
  double regional;  /* regional share effect: end - base * (1 + g_i) = base * (r_i - g_i) */
  double g_occ;     /* g_i, national growth of the occupation (total: base-weighted mean) */
  double g_area;    /* r_i = change / base, the area's growth (NAN when base is 0) */
};

/*
 * Classic (Dunn) occupational shift-share of the employment change of n occupations in an area
 * between two releases. For occupation i with area employment area0[i] -> area1[i] and national
 * employment nat0[i] -> nat1[i], and national all-occupation employment nat_total0 ->
 * nat_total1: g_N = nat_total1 / nat_total0 - 1, g_i = nat1[i] / nat0[i] - 1; national =
 * area0 * g_N, mix = area0 * (g_i - g_N), regional = area1 - area0 * (1 + g_i), so national + mix
 * + regional = change exactly. per[0..n) receives each occupation, *total (may be NULL) their
 * sums, *g_national (may be NULL) g_N. The identity is verified for every occupation and the total
 * (to LAB_CMP_SUM_REL_TOL of the absolute terms; failure is LAB_ERR_DOMAIN).
 * LAB_ERR_DOMAIN when n is 0, a value is not finite or negative, nat0[i] or a national total is
 * 0.
 */
lab_status lab_cmp_shiftshare(const double *area0, const double *area1, const double *nat0,
                              const double *nat1, size_t n, double nat_total0, double nat_total1,
                              struct lab_cmp_shift *per, struct lab_cmp_shift *total,
                              double *g_national, struct lab_error *err);

#endif
