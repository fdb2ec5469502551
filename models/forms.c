/* forms.c -- the closed-form material functions the reference cells need, and their registry.
 *
 * Owns: every FvFormFn, the static const table that maps a name to (function, description),
 * and FvFormLookup / FvFormNames / FvFormDescription (forms.h).
 *
 * Conventions (forms.h, property.h): x is the stoichiometry for OCPs and the salt
 * concentration in mol m-3 for electrolyte properties; the result is in SI (V, S m-1, m2 s-1).
 * No form applies a temperature factor: Arrhenius factors come from FvProperty (Ea, Tref), so
 * T is unused here. Forms are evaluated in the residual hot path, hence plain functions, no
 * allocation, no PETSc error machinery, no global mutable state.
 *
 * Domain. A form returns 1 ("out of range") where its argument has no physical meaning:
 *   - OCPs: x outside [0, 1] (a stoichiometry), or NaN. The fits below are tanh/exp sums that
 *     are finite for every x, so *val is still f(x): a solver that tolerates a small overshoot
 *     during a Newton iteration gets a smooth continuation, one that does not sees the flag.
 *   - electrolyte properties: c < 0, or NaN. *val is f(max(c, 0)) (Nyman's c^1.5 is undefined
 *     for c < 0, so the value at the boundary is the only finite choice there).
 * None of these forms has a log or a pole inside its domain, so the endpoints 0 and 1 are in range.
 * The cell pages give narrower "stated validity" ranges for the fits (for example 0.01 < x < 0.9
 * for MCMB 2528); those are documented in the descriptions but not enforced, because PyBaMM and
 * DUALFOIL evaluate the fits outside them too.
 */
#include <math.h>
#include <string.h>
#include "forms.h"

#if !defined(PETSC_USE_REAL_DOUBLE)
#error                                                                                             \
    "forms.c evaluates the fits with the double-precision libm functions: build PETSc with real double"
#endif

/* ---------------------------------------------------------------------------------------------
 * Domain helpers. `!(x >= 0)` is also true for NaN, which is deliberate.
 * ------------------------------------------------------------------------------------------- */
static inline int StoOutOfRange(PetscReal x) {
  return !(x >= 0.0 && x <= 1.0);
}

/* ---------------------------------------------------------------------------------------------
 * Negative electrode: MCMB 2528 graphite.
 * DUALFOIL 5.1 (dansteingart/dualfoil5 @ 0efd762, dualfoil5.1.f, subroutine ekin, nneg = 3),
 * fit of Bogatu (Telcordia/PolyStor) 2000 data; stated validity 0.01 < x < 0.9.
 * Transcribed in /work/shared/cells/dualfoil-lco-graphite.md section 5. This is the fit that
 * DUALFOIL uses; the "May 2003 Shim" fit (0.124 + 1.5 exp(-150 x) ...) in the same source is
 * bypassed there and is NOT this one.
 * PyBaMM's graphite_mcmb2528_ocp_Dualfoil1998 (Marquis2019, pybamm-sets.md section 1.3) is the
 * identical formula, hence the alias marquis2019_graphite_ocp below.
 * ------------------------------------------------------------------------------------------- */
static int FormMCMB2528OCP(PetscReal x, PetscReal T, PetscReal *val) {
  (void)T;
  *val = 0.194 + 1.5 * exp(-120.0 * x) + 0.0351 * tanh((x - 0.286) / 0.083) -
         0.0045 * tanh((x - 0.849) / 0.119) - 0.035 * tanh((x - 0.9233) / 0.05) -
         0.0147 * tanh((x - 0.5) / 0.034) - 0.102 * tanh((x - 0.194) / 0.142) -
         0.022 * tanh((x - 0.9) / 0.0164) - 0.011 * tanh((x - 0.124) / 0.0226) +
         0.0155 * tanh((x - 0.105) / 0.029);
  return StoOutOfRange(x);
}

/* ---------------------------------------------------------------------------------------------
 * Positive electrode: LiCoO2.
 * DUALFOIL 5.1 (dualfoil5.1.f, ekin, npos = 6), Garcia 2001 / Thomas 2003 fit, stated validity
 * 0 < y < 0.99; dualfoil-lco-graphite.md section 5. LCOFit(s) is that fit: dualfoil_lco_ocp
 * evaluates it at s = y, marquis2019_lco_ocp at s = 1.062 y as PyBaMM's Marquis2019
 * lico2_ocp_Dualfoil1998 does (pybamm-sets.md section 1.4; the stretch makes U_p collapse above
 * y ~ 0.95).
 * ------------------------------------------------------------------------------------------- */
static inline PetscReal LCOFit(PetscReal s) {
  return 2.16216 + 0.07645 * tanh(30.834 - 54.4806 * s) + 2.1581 * tanh(52.294 - 50.294 * s) -
         0.14169 * tanh(11.0923 - 19.8543 * s) + 0.2051 * tanh(1.4684 - 5.4888 * s) +
         0.2531 * tanh((-s + 0.56478) / 0.1316) - 0.02167 * tanh((s - 0.525) / 0.006);
}

static int FormDualfoilLCOOCP(PetscReal y, PetscReal T, PetscReal *val) {
  (void)T;
  *val = LCOFit(y);
  return StoOutOfRange(y);
}

static int FormMarquis2019LCOOCP(PetscReal y, PetscReal T, PetscReal *val) {
  (void)T;
  *val = LCOFit(1.062 * y);
  return StoOutOfRange(y);
}

/* ---------------------------------------------------------------------------------------------
 * Chen2020 (LG M50) OCP fits: PyBaMM graphite_LGM50_ocp_Chen2020 and nmc_LGM50_ocp_Chen2020,
 * C.-H. Chen et al., J. Electrochem. Soc. 167 080534 (2020); pybamm-sets.md sections 2.3, 2.4.
 * ------------------------------------------------------------------------------------------- */
static int FormChen2020GraphiteOCP(PetscReal x, PetscReal T, PetscReal *val) {
  (void)T;
  *val = 1.9793 * exp(-39.3631 * x) + 0.2482 - 0.0909 * tanh(29.8538 * (x - 0.1234)) -
         0.04478 * tanh(14.9159 * (x - 0.2769)) - 0.0205 * tanh(30.4444 * (x - 0.6103));
  return StoOutOfRange(x);
}

static int FormChen2020NMCOCP(PetscReal x, PetscReal T, PetscReal *val) {
  /* The two 17.x V tanh terms nearly cancel (their sum is O(0.1) V). In double each carries
   * ~4e-15 V of rounding, harmless; in single precision it would be ~2e-6 V, hence the
   * PETSC_USE_REAL_DOUBLE check at the top of this file. */
  (void)T;
  *val = -0.8090 * x + 4.4875 - 0.0428 * tanh(18.5138 * (x - 0.5542)) -
         17.7326 * tanh(15.7890 * (x - 0.3117)) + 17.5842 * tanh(15.9308 * (x - 0.3120));
  return StoOutOfRange(x);
}

/* ---------------------------------------------------------------------------------------------
 * LiPF6 in EC:DMC, DUALFOIL 5.1 nprop = 11 (dualfoil5.1.f, subroutine prop); transcribed in
 * dualfoil-lco-graphite.md section 6. kappa from Bellcore data (Doyle's thesis), D fitted to
 * J. Power Sources 82 (1999) 859. PyBaMM's Marquis2019 electrolyte_conductivity_Capiglia1999 /
 * electrolyte_diffusivity_Capiglia1999 are the same polynomials times an Arrhenius factor
 * (pybamm-sets.md section 1.2), which FvProperty supplies from Ea/Tref.
 * ------------------------------------------------------------------------------------------- */
static int FormDualfoilLiPF6Conductivity(PetscReal c, PetscReal T, PetscReal *val) {
  const int bad     = !(c >= 0.0);
  const PetscReal m = bad ? 0.0 : c / 1000.0; /* mol/L */
  (void)T;
  *val = 0.0911 + m * (1.9101 + m * (-1.052 + m * 0.1554));
  return bad;
}

static int FormDualfoilLiPF6Diffusivity(PetscReal c, PetscReal T, PetscReal *val) {
  const int bad     = !(c >= 0.0);
  const PetscReal m = bad ? 0.0 : c / 1000.0;
  (void)T;
  *val = 5.34e-10 * exp(-0.65 * m);
  return bad;
}

/* ---------------------------------------------------------------------------------------------
 * LiPF6 in EC:EMC 3:7, A. Nyman, M. Behm, G. Lindbergh, Electrochim. Acta 53 (2008) 6356, as
 * PyBaMM's electrolyte_conductivity_Nyman2008 / electrolyte_diffusivity_Nyman2008 (Chen2020);
 * pybamm-sets.md section 2.2. No temperature dependence in the source.
 * ------------------------------------------------------------------------------------------- */
static int FormNyman2008Conductivity(PetscReal c, PetscReal T, PetscReal *val) {
  const int bad     = !(c >= 0.0);
  const PetscReal m = bad ? 0.0 : c / 1000.0;
  (void)T;
  *val = 0.1297 * m * m * m - 2.51 * m * sqrt(m) + 3.329 * m;
  return bad;
}

static int FormNyman2008Diffusivity(PetscReal c, PetscReal T, PetscReal *val) {
  /* 8.794e-11 m^2 - 3.972e-10 m + 4.862e-10 has a negative discriminant: positive for all m. */
  const int bad     = !(c >= 0.0);
  const PetscReal m = bad ? 0.0 : c / 1000.0;
  (void)T;
  *val = 4.862e-10 + m * (-3.972e-10 + m * 8.794e-11);
  return bad;
}

/* ---------------------------------------------------------------------------------------------
 * Registry. One X-macro list generates both the lookup table and the NULL-terminated name list,
 * so the two cannot drift apart.
 * ------------------------------------------------------------------------------------------- */
#define FV_FORM_LIST(X)                                                                            \
  X("dualfoil_mcmb2528_ocp", FormMCMB2528OCP,                                                      \
    "U(x) [V] of MCMB 2528 graphite, x = sto; DUALFOIL 5.1 nneg=3, Bogatu 2000 fit, stated "       \
    "validity 0.01<x<0.9 (dualfoil-lco-graphite.md s5)")                                           \
  X("marquis2019_graphite_ocp", FormMCMB2528OCP,                                                   \
    "alias of dualfoil_mcmb2528_ocp: PyBaMM Marquis2019 graphite_mcmb2528_ocp_Dualfoil1998 is "    \
    "the identical formula (pybamm-sets.md s1.3)")                                                 \
  X("dualfoil_lco_ocp", FormDualfoilLCOOCP,                                                        \
    "U(y) [V] of LiCoO2, y = sto; DUALFOIL 5.1 npos=6, Garcia 2001/Thomas 2003 fit, no stretch, "  \
    "stated validity 0<y<0.99 (dualfoil-lco-graphite.md s5)")                                      \
  X("marquis2019_lco_ocp", FormMarquis2019LCOOCP,                                                  \
    "U(y) [V] of LiCoO2 = DUALFOIL npos=6 fit at s = 1.062 y; PyBaMM Marquis2019 "                 \
    "lico2_ocp_Dualfoil1998 (pybamm-sets.md s1.4); collapses above y~0.95")                        \
  X("chen2020_graphite_ocp", FormChen2020GraphiteOCP,                                              \
    "U(x) [V] of LG M50 graphite, x = sto; Chen et al. JES 167 080534 (2020), PyBaMM "             \
    "graphite_LGM50_ocp_Chen2020 (pybamm-sets.md s2.3)")                                           \
  X("chen2020_nmc_ocp", FormChen2020NMCOCP,                                                        \
    "U(x) [V] of LG M50 NMC 811, x = sto; Chen et al. JES 167 080534 (2020), PyBaMM "              \
    "nmc_LGM50_ocp_Chen2020 (pybamm-sets.md s2.4)")                                                \
  X("dualfoil_lipf6_conductivity", FormDualfoilLiPF6Conductivity,                                  \
    "kappa(c) [S/m] of LiPF6 in EC:DMC, c in mol/m3; DUALFOIL 5.1 nprop=11, Bellcore data "        \
    "(dualfoil-lco-graphite.md s6); = PyBaMM Capiglia1999 without its Arrhenius factor")           \
  X("dualfoil_lipf6_diffusivity", FormDualfoilLiPF6Diffusivity,                                    \
    "D(c) [m2/s] of LiPF6 in EC:DMC, c in mol/m3; DUALFOIL 5.1 nprop=11, fit to J. Power Sources " \
    "82 (1999) 859 (dualfoil-lco-graphite.md s6)")                                                 \
  X("nyman2008_conductivity", FormNyman2008Conductivity,                                           \
    "kappa(c) [S/m] of LiPF6 in EC:EMC 3:7, c in mol/m3; Nyman et al. Electrochim. Acta 53 "       \
    "(2008) 6356, PyBaMM Chen2020 (pybamm-sets.md s2.2)")                                          \
  X("nyman2008_diffusivity", FormNyman2008Diffusivity,                                             \
    "D(c) [m2/s] of LiPF6 in EC:EMC 3:7, c in mol/m3; Nyman et al. Electrochim. Acta 53 (2008) "   \
    "6356, PyBaMM Chen2020 (pybamm-sets.md s2.2)")

typedef struct {
  const char *name;
  FvFormFn fn;
  const char *description;
} FvFormEntry;

#define FV_FORM_ENTRY(n, f, d) {n, f, d},
#define FV_FORM_NAME(n, f, d) n,
static const FvFormEntry fv_forms[]      = {FV_FORM_LIST(FV_FORM_ENTRY)};
static const char *const fv_form_names[] = {FV_FORM_LIST(FV_FORM_NAME) NULL};
#undef FV_FORM_ENTRY
#undef FV_FORM_NAME

static const FvFormEntry *FindForm(const char *name) {
  if (!name) return NULL;
  for (size_t i = 0; i < sizeof(fv_forms) / sizeof(fv_forms[0]); i++)
    if (!strcmp(fv_forms[i].name, name)) return &fv_forms[i];
  return NULL;
}

FvFormFn FvFormLookup(const char *name) {
  const FvFormEntry *e = FindForm(name);
  return e ? e->fn : NULL;
}

const char *const *FvFormNames(void) {
  return fv_form_names;
}

/* Never NULL, so callers can print it directly; use FvFormLookup to test whether a name exists. */
const char *FvFormDescription(const char *name) {
  const FvFormEntry *e = FindForm(name);
  return e ? e->description : "(no such form)";
}
