/* serial_vector.c -- NVECTOR_SERIAL with the project's kernels (see serial_vector.h).
 *
 * Every operation here has the semantics of SUNDIALS' serial implementation (SUNDIALS 6.4
 * documentation, "Description of the NVECTOR operations"); only where the loop is compiled
 * differs. Outputs may alias inputs, so no pointer is declared restrict; every loop reads an
 * element's inputs before it writes that element.
 */
#include <math.h>
#include <float.h>
#include "serial_vector.h"

#define LEN(v) NV_LENGTH_S(v)
#define DAT(v) NV_DATA_S(v)

static void LinearSum(realtype a, N_Vector x, realtype b, N_Vector y, N_Vector z) {
  const sunindextype n = LEN(x);
  const realtype *xd = DAT(x), *yd = DAT(y);
  realtype *zd = DAT(z);
  for (sunindextype i = 0; i < n; i++)
    zd[i] = a * xd[i] + b * yd[i];
}

static void Const(realtype c, N_Vector z) {
  const sunindextype n = LEN(z);
  realtype *zd         = DAT(z);
  for (sunindextype i = 0; i < n; i++)
    zd[i] = c;
}

static void Prod(N_Vector x, N_Vector y, N_Vector z) {
  const sunindextype n = LEN(x);
  const realtype *xd = DAT(x), *yd = DAT(y);
  realtype *zd = DAT(z);
  for (sunindextype i = 0; i < n; i++)
    zd[i] = xd[i] * yd[i];
}

static void Div(N_Vector x, N_Vector y, N_Vector z) {
  const sunindextype n = LEN(x);
  const realtype *xd = DAT(x), *yd = DAT(y);
  realtype *zd = DAT(z);
  for (sunindextype i = 0; i < n; i++)
    zd[i] = xd[i] / yd[i];
}

static void Scale(realtype c, N_Vector x, N_Vector z) {
  const sunindextype n = LEN(x);
  const realtype *xd   = DAT(x);
  realtype *zd         = DAT(z);
  for (sunindextype i = 0; i < n; i++)
    zd[i] = c * xd[i];
}

static void Abs(N_Vector x, N_Vector z) {
  const sunindextype n = LEN(x);
  const realtype *xd   = DAT(x);
  realtype *zd         = DAT(z);
  for (sunindextype i = 0; i < n; i++)
    zd[i] = fabs(xd[i]);
}

static void Inv(N_Vector x, N_Vector z) {
  const sunindextype n = LEN(x);
  const realtype *xd   = DAT(x);
  realtype *zd         = DAT(z);
  for (sunindextype i = 0; i < n; i++)
    zd[i] = 1.0 / xd[i];
}

static void AddConst(N_Vector x, realtype b, N_Vector z) {
  const sunindextype n = LEN(x);
  const realtype *xd   = DAT(x);
  realtype *zd         = DAT(z);
  for (sunindextype i = 0; i < n; i++)
    zd[i] = xd[i] + b;
}

static realtype DotProd(N_Vector x, N_Vector y) {
  const sunindextype n = LEN(x);
  const realtype *xd = DAT(x), *yd = DAT(y);
  realtype s = 0;
  for (sunindextype i = 0; i < n; i++)
    s += xd[i] * yd[i];
  return s;
}

static realtype MaxNorm(N_Vector x) {
  const sunindextype n = LEN(x);
  const realtype *xd   = DAT(x);
  realtype m           = 0;
  for (sunindextype i = 0; i < n; i++)
    m = fabs(xd[i]) > m ? fabs(xd[i]) : m;
  return m;
}

static realtype WSqrSum(N_Vector x, N_Vector w) {
  const sunindextype n = LEN(x);
  const realtype *xd = DAT(x), *wd = DAT(w);
  realtype s = 0;
  for (sunindextype i = 0; i < n; i++) {
    const realtype p = xd[i] * wd[i];
    s += p * p;
  }
  return s;
}

static realtype WSqrSumMask(N_Vector x, N_Vector w, N_Vector id) {
  const sunindextype n = LEN(x);
  const realtype *xd = DAT(x), *wd = DAT(w), *idd = DAT(id);
  realtype s = 0;
  for (sunindextype i = 0; i < n; i++) {
    const realtype p = idd[i] > 0 ? xd[i] * wd[i] : 0;
    s += p * p;
  }
  return s;
}

static realtype WrmsNorm(N_Vector x, N_Vector w) {
  return sqrt(WSqrSum(x, w) / (realtype)LEN(x));
}

static realtype WrmsNormMask(N_Vector x, N_Vector w, N_Vector id) {
  return sqrt(WSqrSumMask(x, w, id) / (realtype)LEN(x));
}

static realtype WL2Norm(N_Vector x, N_Vector w) {
  return sqrt(WSqrSum(x, w));
}

static realtype L1Norm(N_Vector x) {
  const sunindextype n = LEN(x);
  const realtype *xd   = DAT(x);
  realtype s           = 0;
  for (sunindextype i = 0; i < n; i++)
    s += fabs(xd[i]);
  return s;
}

static realtype Min(N_Vector x) {
  const sunindextype n = LEN(x);
  const realtype *xd   = DAT(x);
  realtype m           = n > 0 ? xd[0] : DBL_MAX;
  for (sunindextype i = 1; i < n; i++)
    m = xd[i] < m ? xd[i] : m;
  return m;
}

static void Compare(realtype c, N_Vector x, N_Vector z) {
  const sunindextype n = LEN(x);
  const realtype *xd   = DAT(x);
  realtype *zd         = DAT(z);
  for (sunindextype i = 0; i < n; i++)
    zd[i] = fabs(xd[i]) >= c ? 1.0 : 0.0;
}

static booleantype InvTest(N_Vector x, N_Vector z) {
  const sunindextype n = LEN(x);
  const realtype *xd   = DAT(x);
  realtype *zd         = DAT(z);
  booleantype ok       = SUNTRUE;
  for (sunindextype i = 0; i < n; i++) {
    if (xd[i] == 0)
      ok = SUNFALSE;
    else
      zd[i] = 1.0 / xd[i];
  }
  return ok;
}

/* c[i] = +-2: x[i] must be > 0 (< 0); c[i] = +-1: >= 0 (<= 0); m[i] = 1 where violated. */
static booleantype ConstrMask(N_Vector c, N_Vector x, N_Vector m) {
  const sunindextype n = LEN(x);
  const realtype *cd = DAT(c), *xd = DAT(x);
  realtype *md   = DAT(m);
  booleantype ok = SUNTRUE;
  for (sunindextype i = 0; i < n; i++) {
    const realtype ci = cd[i], xi = xd[i];
    PetscBool bad = PETSC_FALSE;
    if (ci == 2.0)
      bad = (PetscBool)(xi <= 0);
    else if (ci == 1.0)
      bad = (PetscBool)(xi < 0);
    else if (ci == -2.0)
      bad = (PetscBool)(xi >= 0);
    else if (ci == -1.0)
      bad = (PetscBool)(xi > 0);
    md[i] = bad ? 1.0 : 0.0;
    if (bad) ok = SUNFALSE;
  }
  return ok;
}

static realtype MinQuotient(N_Vector num, N_Vector denom) {
  const sunindextype n = LEN(num);
  const realtype *nd = DAT(num), *dd = DAT(denom);
  realtype m = DBL_MAX;
  for (sunindextype i = 0; i < n; i++)
    if (dd[i] != 0 && nd[i] / dd[i] < m) m = nd[i] / dd[i];
  return m;
}

/* z = sum_i c[i] X[i] (IDA's predictor and its history updates), in passes of up to three
 * vectors with the data pointers in locals. As in SUNDIALS' own implementation, z may be X[0]
 * but no other X[i]. */
static int LinearCombination(int nvec, realtype *c, N_Vector *X, N_Vector z) {
  const sunindextype n = LEN(z);
  realtype *zd         = DAT(z);
  if (nvec < 1) return -1;
  if (nvec == 1) {
    Scale(c[0], X[0], z);
    return 0;
  }
  {
    const realtype *x0 = DAT(X[0]), *x1 = DAT(X[1]), c0 = c[0], c1 = c[1];
    if (nvec == 2)
      for (sunindextype j = 0; j < n; j++)
        zd[j] = c0 * x0[j] + c1 * x1[j];
    else {
      const realtype *x2 = DAT(X[2]), c2 = c[2];
      for (sunindextype j = 0; j < n; j++)
        zd[j] = c0 * x0[j] + c1 * x1[j] + c2 * x2[j];
    }
  }
  for (int i = 3; i < nvec; i += 2) {
    const realtype *xa = DAT(X[i]), ca = c[i];
    if (i + 1 < nvec) {
      const realtype *xb = DAT(X[i + 1]), cb = c[i + 1];
      for (sunindextype j = 0; j < n; j++)
        zd[j] += ca * xa[j] + cb * xb[j];
    } else
      for (sunindextype j = 0; j < n; j++)
        zd[j] += ca * xa[j];
  }
  return 0;
}

/* Z[i] = a[i] x + Y[i] for each i. */
static int ScaleAddMulti(int nvec, realtype *a, N_Vector x, N_Vector *Y, N_Vector *Z) {
  if (nvec < 1) return -1;
  for (int i = 0; i < nvec; i++)
    LinearSum(a[i], x, 1.0, Y[i], Z[i]);
  return 0;
}

static int DotProdMulti(int nvec, N_Vector x, N_Vector *Y, realtype *d) {
  if (nvec < 1) return -1;
  for (int i = 0; i < nvec; i++)
    d[i] = DotProd(x, Y[i]);
  return 0;
}

static int LinearSumVectorArray(int nvec, realtype a, N_Vector *X, realtype b, N_Vector *Y,
                                N_Vector *Z) {
  if (nvec < 1) return -1;
  for (int i = 0; i < nvec; i++)
    LinearSum(a, X[i], b, Y[i], Z[i]);
  return 0;
}

static int ScaleVectorArray(int nvec, realtype *c, N_Vector *X, N_Vector *Z) {
  if (nvec < 1) return -1;
  for (int i = 0; i < nvec; i++)
    Scale(c[i], X[i], Z[i]);
  return 0;
}

static int ConstVectorArray(int nvec, realtype c, N_Vector *Z) {
  if (nvec < 1) return -1;
  for (int i = 0; i < nvec; i++)
    Const(c, Z[i]);
  return 0;
}

static int WrmsNormVectorArray(int nvec, N_Vector *X, N_Vector *W, realtype *nrm) {
  if (nvec < 1) return -1;
  for (int i = 0; i < nvec; i++)
    nrm[i] = WrmsNorm(X[i], W[i]);
  return 0;
}

static int WrmsNormMaskVectorArray(int nvec, N_Vector *X, N_Vector *W, N_Vector id, realtype *nrm) {
  if (nvec < 1) return -1;
  for (int i = 0; i < nvec; i++)
    nrm[i] = WrmsNormMask(X[i], W[i], id);
  return 0;
}

PetscErrorCode FvSerialVectorMake(SUNContext sun, PetscInt n, PetscScalar *data, N_Vector *out) {
  N_Vector v;
  N_Vector_Ops o;
  PetscFunctionBeginUser;
  v = N_VMake_Serial((sunindextype)n, data, sun);
  PetscCheck(v, PETSC_COMM_SELF, PETSC_ERR_LIB, "N_VMake_Serial failed");
  o                                 = v->ops;
  o->nvlinearsum                    = LinearSum;
  o->nvconst                        = Const;
  o->nvprod                         = Prod;
  o->nvdiv                          = Div;
  o->nvscale                        = Scale;
  o->nvabs                          = Abs;
  o->nvinv                          = Inv;
  o->nvaddconst                     = AddConst;
  o->nvdotprod                      = DotProd;
  o->nvmaxnorm                      = MaxNorm;
  o->nvwrmsnorm                     = WrmsNorm;
  o->nvwrmsnormmask                 = WrmsNormMask;
  o->nvmin                          = Min;
  o->nvwl2norm                      = WL2Norm;
  o->nvl1norm                       = L1Norm;
  o->nvcompare                      = Compare;
  o->nvinvtest                      = InvTest;
  o->nvconstrmask                   = ConstrMask;
  o->nvminquotient                  = MinQuotient;
  o->nvlinearcombination            = LinearCombination;
  o->nvscaleaddmulti                = ScaleAddMulti;
  o->nvdotprodmulti                 = DotProdMulti;
  o->nvlinearsumvectorarray         = LinearSumVectorArray;
  o->nvscalevectorarray             = ScaleVectorArray;
  o->nvconstvectorarray             = ConstVectorArray;
  o->nvwrmsnormvectorarray          = WrmsNormVectorArray;
  o->nvwrmsnormmaskvectorarray      = WrmsNormMaskVectorArray;
  o->nvscaleaddmultivectorarray     = NULL; /* generic fallback: loops of ScaleAddMulti */
  o->nvlinearcombinationvectorarray = NULL; /* generic fallback: loops of LinearCombination */
  o->nvdotprodlocal                 = DotProd;
  o->nvmaxnormlocal                 = MaxNorm;
  o->nvminlocal                     = Min;
  o->nvl1normlocal                  = L1Norm;
  o->nvinvtestlocal                 = InvTest;
  o->nvconstrmasklocal              = ConstrMask;
  o->nvminquotientlocal             = MinQuotient;
  o->nvwsqrsumlocal                 = WSqrSum;
  o->nvwsqrsummasklocal             = WSqrSumMask;
  *out                              = v;
  PetscFunctionReturn(PETSC_SUCCESS);
}
