/*
 * regress.c - ordinary least squares: Householder QR with column pivoting (GSL) on columns scaled
 * by powers of two, then Bjorck's iterative refinement with residuals in double-double.
 *
 * Why refinement: a QR solution in double is backward stable, but its forward error grows with
 * the condition number (NIST Filip: about 5e9 after scaling, so 6-7 correct digits). Bjorck's
 * method solves the augmented system
 *
 *     [ I   A ] [ r ]   [ y ]
 *     [ A'  0 ] [ u ] = [ c ]
 *
 * (c = 0 gives the least-squares solution u and its residual r; y = 0, c = -e_j gives column j
 * of (A'A)^-1) with the double QR factors, correcting the iterate from the residuals of both
 * block equations. Those residuals are computed in double-double arithmetic (about 32 digits)
 * from a design that is itself held in double-double (x^10 is not rounded to double), so each
 * step contracts the error by about cond * DBL_EPSILON until the double-double floor.
 * Everything is plain IEEE double arithmetic (no long double, no fma), so the results are the
 * same on every platform and under valgrind.
 *
 * References: A. Bjorck, "Iterative refinement of linear least squares solutions I", BIT 7
 * (1967), and "Numerical Methods for Least Squares Problems", SIAM 1996, section 2.9; T. Ogita,
 * S. M. Rump and S. Oishi, "Accurate sum and dot product", SIAM J. Sci. Comput. 26 (2005);
 * T. J. Dekker, "A floating-point technique for extending the available precision", Numer. Math.
 * 18 (1971).
 */
#include "analyzer/lab_regress.h"

#include <float.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_permutation.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------- double-double arithmetic */

/* An unevaluated sum hi + lo with |lo| <= ulp(hi) / 2. */
struct dd {
  double hi, lo;
};

/* Veltkamp's splitting constant for the 53-bit double significand: 2^27 + 1. */
static const double SPLITTER = 134217729.0;

/* s + e = a + b exactly (Knuth's TwoSum). */
static void two_sum(double a, double b, double *s, double *e)
{
  double z;

  *s = a + b;
  z = *s - a;
  *e = (a - (*s - z)) + (b - z);
}

/* p + e = a * b exactly (Dekker's TwoProduct with Veltkamp splitting; no overflow expected:
 * the design is scaled to |entries| <= 1). */
static void two_prod(double a, double b, double *p, double *e)
{
  double t = SPLITTER * a, ah = t - (t - a), al = a - ah;
  double u = SPLITTER * b, bh = u - (u - b), bl = b - bh;

  *p = a * b;
  *e = ((ah * bh - *p) + ah * bl + al * bh) + al * bl;
}

static struct dd dd_norm(double hi, double lo)
{
  struct dd r;

  two_sum(hi, lo, &r.hi, &r.lo);
  return r;
}

/* a + v, for a correction v of the iterate a */
static struct dd dd_add_d(struct dd a, double v)
{
  double s, e;

  two_sum(a.hi, v, &s, &e);
  return dd_norm(s, e + a.lo);
}

/* a * v */
static struct dd dd_mul_d(struct dd a, double v)
{
  double p, e;

  two_prod(a.hi, v, &p, &e);
  return dd_norm(p, e + a.lo * v);
}

/* A compensated sum (Ogita-Rump-Oishi Sum2/Dot2): s plus the running error c. */
struct acc {
  double s, c;
};

static void acc_add(struct acc *a, double v)
{
  double s, e;

  two_sum(a->s, v, &s, &e);
  a->s = s;
  a->c += e;
}

static void acc_add_dd(struct acc *a, struct dd v)
{
  acc_add(a, v.hi);
  a->c += v.lo;
}

/* a += x * y for double-double x and y (the lo * lo term is below the result's precision). */
static void acc_add_prod(struct acc *a, struct dd x, struct dd y)
{
  double p, e;

  two_prod(x.hi, y.hi, &p, &e);
  acc_add(a, p);
  a->c += e + (x.hi * y.lo + x.lo * y.hi);
}

static struct dd acc_value(const struct acc *a)
{
  return dd_norm(a->s, a->c);
}

/* -------------------------------------------------------------------------- the problem */

/* The problem and its workspace. The refinement works on the scaled design A = X S, S =
 * diag(2^-e[j]), with unknowns u = S^-1 b; scaling by powers of two is exact. */
struct ols {
  const double *y;
  const double *const *x;
  size_t n, k, p;  /* observations, predictors, coefficients */
  size_t degree;   /* > 1: one predictor and its powers */
  bool intercept;  /* column 0 of the design is all ones */
  int *e;          /* column j of A = column j of the design * 2^-e[j] */
  gsl_matrix *qr;  /* n x p: A rounded to double, then its QRPT factors */
  gsl_vector *tau; /* p: Householder coefficients */
  gsl_permutation *perm;
  gsl_vector *wn;  /* n: work */
  gsl_vector *wp;  /* p: work */
  gsl_vector *wp2; /* p: work */
  struct dd *row;  /* p: one row of A */
  struct dd *r;    /* n: residual of the augmented system */
  struct dd *u;    /* p: solution of the augmented system (scaled) */
  struct acc *g;   /* p: second block residual */
};

/* Row i of the unscaled design in double-double: [1,] terms. Powers are formed in double-double
 * so that x^10 keeps about 30 digits. */
static void design_row(const struct ols *o, size_t i, struct dd *row)
{
  size_t j = 0;

  if (o->intercept)
    row[j++] = (struct dd){1.0, 0.0};
  if (o->degree > 1) {
    double t = o->x[0][i];
    struct dd pw = {t, 0.0};
    for (size_t d = 0; d < o->degree; d++) {
      row[j++] = pw;
      pw = dd_mul_d(pw, t);
    }
  } else {
    for (size_t c = 0; c < o->k; c++)
      row[j++] = (struct dd){o->x[c][i], 0.0};
  }
}

/* Row i of A = design * 2^-e (exact). */
static void scaled_row(const struct ols *o, size_t i, struct dd *row)
{
  design_row(o, i, row);
  for (size_t j = 0; j < o->p; j++) {
    row[j].hi = ldexp(row[j].hi, -o->e[j]);
    row[j].lo = ldexp(row[j].lo, -o->e[j]);
  }
}

static void ols_free(struct ols *o)
{
  free(o->e);
  gsl_matrix_free(o->qr);
  gsl_vector_free(o->tau);
  gsl_permutation_free(o->perm);
  gsl_vector_free(o->wn);
  gsl_vector_free(o->wp);
  gsl_vector_free(o->wp2);
  free(o->row);
  free(o->r);
  free(o->u);
  free(o->g);
}

static lab_status ols_alloc(struct ols *o, struct lab_error *err)
{
  o->e = calloc(o->p, sizeof(*o->e));
  o->qr = gsl_matrix_alloc(o->n, o->p);
  o->tau = gsl_vector_alloc(o->p);
  o->perm = gsl_permutation_alloc(o->p);
  o->wn = gsl_vector_alloc(o->n);
  o->wp = gsl_vector_alloc(o->p);
  o->wp2 = gsl_vector_alloc(o->p);
  o->row = calloc(o->p, sizeof(*o->row));
  o->r = calloc(o->n, sizeof(*o->r));
  o->u = calloc(o->p, sizeof(*o->u));
  o->g = calloc(o->p, sizeof(*o->g));
  if (!o->e || !o->qr || !o->tau || !o->perm || !o->wn || !o->wp || !o->wp2 || !o->row || !o->r ||
      !o->u || !o->g)
    return lab_error_set(err, LAB_ERR_NOMEM, "out of memory for a %zu x %zu regression", o->n,
                         o->p);
  return LAB_OK;
}

static lab_status gsl_fail(struct lab_error *err, const char *what, int gst)
{
  return lab_error_set(err, LAB_ERR_DOMAIN, "%s failed: %s", what, gsl_strerror(gst));
}

/* --------------------------------------------------------------------- the factorisation */

/* Column scales: e[j] with 2^e[j] near the column's 2-norm (computed with a power-of-two
 * prescale by the column's largest entry, so no square overflows). */
static lab_status column_scales(struct ols *o, struct lab_error *err)
{
  int *big = calloc(o->p, sizeof(*big));
  double *ss = calloc(o->p, sizeof(*ss));
  lab_status st = LAB_OK;

  if (!big || !ss) {
    st = lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
    goto out;
  }
  for (size_t j = 0; j < o->p; j++)
    big[j] = INT_MIN;
  for (size_t i = 0; i < o->n; i++) {
    design_row(o, i, o->row);
    for (size_t j = 0; j < o->p; j++) {
      int ex;
      if (!isfinite(o->row[j].hi)) {
        st = lab_error_set(err, LAB_ERR_DOMAIN,
                           "term %zu of the design overflows double precision in row %zu", j + 1,
                           i + 1);
        goto out;
      }
      if (o->row[j].hi == 0)
        continue;
      frexp(o->row[j].hi, &ex);
      big[j] = ex > big[j] ? ex : big[j];
    }
  }
  for (size_t j = 0; j < o->p; j++)
    if (big[j] == INT_MIN) {
      st = lab_error_set(err, LAB_ERR_DOMAIN,
                         "term %zu of the design is all zeros (rank-deficient design)", j + 1);
      goto out;
    }
  for (size_t i = 0; i < o->n; i++) {
    design_row(o, i, o->row);
    for (size_t j = 0; j < o->p; j++) {
      double v = ldexp(o->row[j].hi, -big[j]);
      ss[j] += v * v;
    }
  }
  for (size_t j = 0; j < o->p; j++) {
    int ex;
    frexp(sqrt(ss[j]), &ex);
    o->e[j] = big[j] + ex;
  }
out:
  free(big);
  free(ss);
  return st;
}

/* Scale, factorise with column pivoting, and check the numerical rank. */
static lab_status factorise(struct ols *o, double tol, struct lab_error *err)
{
  gsl_vector *norm = NULL;
  int signum = 0;
  int gst;
  double r00;
  lab_status st;

  st = column_scales(o, err);
  if (st)
    return st;
  for (size_t i = 0; i < o->n; i++) {
    scaled_row(o, i, o->row);
    for (size_t j = 0; j < o->p; j++)
      gsl_matrix_set(o->qr, i, j, o->row[j].hi);
  }
  norm = gsl_vector_alloc(o->p);
  if (!norm)
    return lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
  gst = gsl_linalg_QRPT_decomp(o->qr, o->tau, o->perm, &signum, norm);
  if (gst) {
    st = gsl_fail(err, "QR decomposition", gst);
    goto out;
  }
  r00 = fabs(gsl_matrix_get(o->qr, 0, 0));
  for (size_t k = 0; k < o->p; k++) {
    double rkk = fabs(gsl_matrix_get(o->qr, k, k));
    if (!(rkk > tol * r00)) {
      st = lab_error_set(err, LAB_ERR_DOMAIN,
                         "the design is rank-deficient: numerical rank %zu of %zu columns "
                         "(pivot ratio %.3g below the tolerance %.3g); check for constant, "
                         "duplicate or collinear columns",
                         k, o->p, rkk / r00, tol);
      goto out;
    }
  }
out:
  gsl_vector_free(norm);
  return st;
}

/* ---------------------------------------------------------------------------- refinement */

/*
 * Residuals of both block equations for the current iterate (o->r, o->u), in double-double:
 * f = y - r - A u into o->wn (rounded to double), g = c - A' r into o->g.
 */
static void block_residuals(struct ols *o, bool with_y, size_t c_index)
{
  double *wn = o->wn->data;

  for (size_t j = 0; j < o->p; j++)
    o->g[j] = (struct acc){.s = j == c_index ? -ldexp(1.0, -o->e[j]) : 0.0};
  for (size_t i = 0; i < o->n; i++) {
    struct acc f = {.s = with_y ? o->y[i] : 0.0};
    struct dd ri = o->r[i], mri = {-ri.hi, -ri.lo};
    acc_add_dd(&f, mri);
    scaled_row(o, i, o->row);
    for (size_t j = 0; j < o->p; j++) {
      struct dd m = {-o->row[j].hi, -o->row[j].lo};
      acc_add_prod(&f, m, o->u[j]);
      acc_add_prod(&o->g[j], m, ri);
    }
    wn[i] = f.s + f.c;
  }
}

/*
 * Solve the augmented system for right-hand sides (y or zeros, c or zeros) into o->r and o->u.
 * c_index < p puts c = -e[c_index] in the unscaled system (then b = S u is column c_index of
 * (X'X)^-1); otherwise c = 0. Refinement stops when a correction no longer halves (the
 * double-double floor; that correction is not applied), when the error left after a
 * correction, estimated as the correction times its contraction ratio, is below DBL_EPSILON^2
 * of the solution, or after LAB_REGRESS_MAX_REFINE steps. *steps counts the corrections.
 */
static lab_status solve_refined(struct ols *o, bool with_y, size_t c_index, size_t *steps,
                                struct lab_error *err)
{
  gsl_matrix_const_view R = gsl_matrix_const_submatrix(o->qr, 0, 0, o->p, o->p);
  double *wn = o->wn->data, *h = o->wp->data, *dv = o->wp2->data;
  const size_t *perm = o->perm->data;
  const double floor = DBL_EPSILON * DBL_EPSILON;
  double prev = INFINITY;
  int gst;

  memset(o->r, 0, o->n * sizeof(*o->r));
  memset(o->u, 0, o->p * sizeof(*o->u));
  *steps = 0;
  for (size_t step = 0; step < LAB_REGRESS_MAX_REFINE; step++) {
    double delta = 0, size = 0;
    if (step == 0) { /* r = 0, u = 0: f = y, g = c */
      for (size_t i = 0; i < o->n; i++)
        wn[i] = with_y ? o->y[i] : 0.0;
      for (size_t j = 0; j < o->p; j++)
        o->g[j] = (struct acc){.s = j == c_index ? -ldexp(1.0, -o->e[j]) : 0.0};
    } else {
      block_residuals(o, with_y, c_index);
    }
    /* the permuted second block: h = R^-T P' g */
    for (size_t k = 0; k < o->p; k++)
      h[k] = o->g[perm[k]].s + o->g[perm[k]].c;
    gst = gsl_blas_dtrsv(CblasUpper, CblasTrans, CblasNonUnit, &R.matrix, o->wp);
    if (!gst)
      gst = gsl_linalg_QR_QTvec(o->qr, o->tau, o->wn); /* d = Q' f */
    if (gst)
      return gsl_fail(err, "least-squares solve", gst);
    /* du (permuted) = R^-1 (d1 - h); dr = Q [h; d2] */
    for (size_t k = 0; k < o->p; k++) {
      dv[k] = wn[k] - h[k];
      wn[k] = h[k];
    }
    gst = gsl_blas_dtrsv(CblasUpper, CblasNoTrans, CblasNonUnit, &R.matrix, o->wp2);
    if (!gst)
      gst = gsl_linalg_QR_Qvec(o->qr, o->tau, o->wn);
    if (gst)
      return gsl_fail(err, "least-squares solve", gst);
    for (size_t k = 0; k < o->p; k++) {
      double v = fabs(o->u[perm[k]].hi + dv[k]);
      delta = fabs(dv[k]) > delta ? fabs(dv[k]) : delta;
      size = v > size ? v : size;
    }
    if (step > 0 && !(delta <= prev / 2))
      break; /* no longer contracting: keep the current iterate */
    for (size_t k = 0; k < o->p; k++)
      o->u[perm[k]] = dd_add_d(o->u[perm[k]], dv[k]);
    for (size_t i = 0; i < o->n; i++)
      o->r[i] = dd_add_d(o->r[i], wn[i]);
    *steps = step + 1;
    if (delta <= floor * size || (step > 0 && delta * (delta / prev) <= floor * size))
      break;
    prev = delta;
  }
  return LAB_OK;
}

/* -------------------------------------------------------------------------------- public */

void lab_an_regress_release(struct lab_regress *r)
{
  if (!r)
    return;
  free(r->coef);
  memset(r, 0, sizeof(*r));
}

static lab_status check_input(const double *y, const double *const *x, size_t n, size_t k,
                              const struct lab_regress_opts *opts, struct lab_error *err)
{
  if (!y || !x || !opts)
    return lab_error_set(err, LAB_ERR_INVALID, "lab_an_regress: NULL argument");
  if (k == 0)
    return lab_error_set(err, LAB_ERR_INVALID, "a regression needs at least one predictor");
  if (opts->degree == 0)
    return lab_error_set(err, LAB_ERR_INVALID, "the polynomial degree must be at least 1");
  if (opts->degree > 1 && k != 1)
    return lab_error_set(err, LAB_ERR_INVALID,
                         "a polynomial (degree %zu) takes exactly one predictor, not %zu",
                         opts->degree, k);
  if (!(opts->rank_tol >= 0 && opts->rank_tol < 1))
    return lab_error_set(err, LAB_ERR_INVALID, "the rank tolerance must be in [0, 1)");
  for (size_t c = 0; c < k; c++)
    if (!x[c])
      return lab_error_set(err, LAB_ERR_INVALID, "lab_an_regress: NULL predictor %zu", c + 1);
  for (size_t i = 0; i < n; i++) {
    if (!isfinite(y[i]))
      return lab_error_set(err, LAB_ERR_DOMAIN, "the response in row %zu is not finite", i + 1);
    for (size_t c = 0; c < k; c++)
      if (!isfinite(x[c][i]))
        return lab_error_set(err, LAB_ERR_DOMAIN, "predictor %zu in row %zu is not finite", c + 1,
                             i + 1);
  }
  return LAB_OK;
}

/* Sums of squares of the final fit, in double-double: SSE from the residuals of the final
 * coefficients (recomputed, not the iterate), and the total sum of squares (centred or not). */
static void sums_of_squares(struct ols *o, struct dd *sse, struct dd *sst)
{
  struct acc e = {0}, t = {0}, sum = {0};
  struct dd mean = {0, 0};

  for (size_t i = 0; i < o->n; i++) {
    struct acc r = {.s = o->y[i]};
    struct dd ri;
    scaled_row(o, i, o->row);
    for (size_t j = 0; j < o->p; j++)
      acc_add_prod(&r, (struct dd){-o->row[j].hi, -o->row[j].lo}, o->u[j]);
    ri = acc_value(&r);
    acc_add_prod(&e, ri, ri);
    acc_add(&sum, o->y[i]);
  }
  if (o->intercept) {
    mean = acc_value(&sum);
    mean.hi /= (double)o->n; /* the centring needs no more than double accuracy */
    mean.lo = 0;
  }
  for (size_t i = 0; i < o->n; i++) {
    struct acc d = {.s = o->y[i]};
    struct dd di;
    acc_add(&d, -mean.hi);
    di = acc_value(&d);
    acc_add_prod(&t, di, di);
  }
  *sse = acc_value(&e);
  *sst = acc_value(&t);
}

lab_status lab_an_regress(const double *y, const double *const *x, size_t n, size_t k,
                          const struct lab_regress_opts *opts, struct lab_regress *out,
                          struct lab_error *err)
{
  struct ols o = {0};
  struct lab_regress res = {0};
  struct dd *beta = NULL;
  struct dd sse, sst;
  size_t steps;
  double s2;
  lab_status st;

  if (out)
    memset(out, 0, sizeof(*out));
  if (!out)
    return lab_error_set(err, LAB_ERR_INVALID, "lab_an_regress: NULL argument");
  st = check_input(y, x, n, k, opts, err);
  if (st)
    return st;
  o = (struct ols){.y = y,
                   .x = x,
                   .n = n,
                   .k = k,
                   .degree = opts->degree,
                   .intercept = opts->intercept,
                   .p = (opts->intercept ? 1 : 0) + (opts->degree > 1 ? opts->degree : k)};
  if (n <= o.p)
    return lab_error_set(err, LAB_ERR_DOMAIN,
                         "%zu observations cannot estimate %zu coefficients with a residual "
                         "(need more observations than coefficients)",
                         n, o.p);
  st = ols_alloc(&o, err);
  if (!st)
    st = factorise(&o, opts->rank_tol > 0 ? opts->rank_tol : LAB_REGRESS_RANK_TOL, err);
  if (st)
    goto out;
  res.n = n;
  res.p = o.p;
  res.df = n - o.p;
  res.uncentred = !o.intercept;
  res.coef = calloc(o.p, sizeof(*res.coef));
  beta = calloc(o.p, sizeof(*beta));
  if (!res.coef || !beta) {
    st = lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
    goto out;
  }
  /* coefficients */
  st = solve_refined(&o, true, o.p, &res.refine_steps, err);
  if (st)
    goto out;
  memcpy(beta, o.u, o.p * sizeof(*beta));
  sums_of_squares(&o, &sse, &sst);
  s2 = (sse.hi + sse.lo) / (double)res.df;
  res.residual_sd = sqrt(s2);
  if (sst.hi > 0) {
    /* R^2 = (SST - SSE) / SST with the difference in double-double: no cancellation when R^2
     * is small (NIST Wampler5: 0.00225) */
    struct acc d = {.s = sst.hi, .c = sst.lo};
    double q;
    acc_add_dd(&d, (struct dd){-sse.hi, -sse.lo});
    q = (sse.hi + sse.lo) / (sst.hi + sst.lo);
    res.r_squared = (d.s + d.c) / (sst.hi + sst.lo);
    res.adj_r_squared = 1 - q * (double)(n - (o.intercept ? 1 : 0)) / (double)res.df;
  } else {
    res.r_squared = NAN;
    res.adj_r_squared = NAN;
  }
  /* standard errors from the refined diagonal of (X'X)^-1 = S (A'A)^-1 S */
  for (size_t j = 0; j < o.p; j++) {
    struct lab_regress_coef *c = &res.coef[j];
    double cjj;
    st = solve_refined(&o, false, j, &steps, err);
    if (st)
      goto out;
    cjj = ldexp(o.u[j].hi + o.u[j].lo, -o.e[j]);
    c->estimate = ldexp(beta[j].hi + beta[j].lo, -o.e[j]);
    c->std_error = sqrt(s2 * (cjj > 0 ? cjj : 0));
    c->t = c->estimate / c->std_error;
    if (isinf(c->t))
      c->p = 0;
    else if (isnan(c->t))
      c->p = NAN;
    else
      c->p = 2 * gsl_cdf_tdist_Q(fabs(c->t), (double)res.df);
  }
  *out = res;
  res.coef = NULL;
out:
  free(res.coef);
  free(beta);
  ols_free(&o);
  return st;
}
