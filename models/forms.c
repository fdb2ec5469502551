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
 * Transcribed in docs/cells/dualfoil-lco-graphite.md section 5. This is the fit that
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
 * Divalent cell: Mg | Mg[B(hfip)4]2 in DME | Chevrel Mo6S8 (mg-mo6s8.md; shapes assumed there, A).
 * ------------------------------------------------------------------------------------------- */
/* kappa = 1.1 (c/0.3) exp(1 - c/0.3) S/m, c in mol/L (mg-mo6s8.md s2, A: peak 1.1 S/m at 0.3 M). */
static int FormMgBhfip4Conductivity(PetscReal c, PetscReal T, PetscReal *val) {
  const PetscReal x = (c > 0 ? c : 0) / 300.0;
  (void)T;
  *val = 1.1 * x * exp(1.0 - x);
  return !(c >= 0);
}

/* Chevrel Mg_xMo6S8, theta = x/2 (mg-mo6s8.md s5.1, A): two plateaus (1.20 / 1.04 V), the ideal
 * divalent entropy term (RT/2F) ln((1-theta)/theta) at 298.15 K, steep ends, and with s_trap = 1
 * the phenomenological room-temperature trapping barrier at theta = 0.20. */
static PetscReal Mo6S8OCP(PetscReal th, PetscReal s_trap) {
  const PetscReal RT2F = 8.314462618 * 298.15 / (2 * 96485.33212);
  return 1.12 + 0.08 * tanh((0.5 - th) / 0.025) + RT2F * log((1 - th) / th) +
         0.3 * (exp(-th / 0.015) - exp((th - 1) / 0.015)) + s_trap * 0.5 * exp(-(th - 0.20) / 0.01);
}
static int FormMo6S8OCPRoomTemperature(PetscReal th, PetscReal T, PetscReal *val) {
  (void)T;
  if (!(th > 0 && th < 1)) return *val = Mo6S8OCP(th > 0.5 ? 1 - 1e-12 : 1e-12, 1), 1;
  *val = Mo6S8OCP(th, 1);
  return 0;
}
static int FormMo6S8OCPNoTrapping(PetscReal th, PetscReal T, PetscReal *val) {
  (void)T;
  if (!(th > 0 && th < 1)) return *val = Mo6S8OCP(th > 0.5 ? 1 - 1e-12 : 1e-12, 0), 1;
  *val = Mo6S8OCP(th, 0);
  return 0;
}

/* ---------------------------------------------------------------------------------------------
 * Xu2019 Li-metal | NMC half cell (pybamm-sets.md s4): Valoen & Reimers, J. Electrochem. Soc.
 * 152, A882 (2005) LiPF6 electrolyte, with its own temperature dependence; Mohtat2020 NMC OCP.
 * ------------------------------------------------------------------------------------------- */
static int FormValoen2005Conductivity(PetscReal c, PetscReal T, PetscReal *val) {
  const PetscReal x = (c > 0 ? c : 0) / 1000.0;
  const PetscReal b = (-10.5 + 0.0740 * T - 6.96e-5 * T * T) +
                      x * (0.668 - 0.0178 * T + 2.80e-5 * T * T) + x * x * (0.494 - 8.86e-4 * T);
  *val = 0.1 * x * b * b; /* the bracket squared is in mS/cm per mol/L: x 0.1 gives S/m */
  return !(c >= 0) || !(T > 0);
}
static int FormValoen2005Diffusivity(PetscReal c, PetscReal T, PetscReal *val) {
  const PetscReal x = (c > 0 ? c : 0) / 1000.0, Tg = 229.0 + 5.0 * x;
  const PetscReal D0 = -4.43 - 54.0 / (T - Tg), D1 = -0.22;
  *val = 1e-4 * pow(10.0, D0 + D1 * x); /* "ln" in the paper is log10 (PyBaMM's note) */
  return !(c >= 0) || !(T > Tg);
}
static int FormXu2019NMCOCP(PetscReal x, PetscReal T, PetscReal *val) {
  (void)T;
  *val = 4.3452 - 1.6518 * x + 1.6225 * x * x - 2.0843 * pow(x, 3) + 3.5146 * pow(x, 4) -
         2.2166 * pow(x, 5) - 0.5623e-4 * exp(109.451 * x - 100.006);
  return StoOutOfRange(x);
}

/* ---------------------------------------------------------------------------------------------
 * K-ion cell graphite | KPF6 | K2Mn[Fe(CN)6] (kib-graphite-pba.md; shape assumed there, A, with
 * published anchors: 3.8 V average vs K/K+, Hosaka et al. ECS MA2020-02 170 and Tang et al. Chem.
 * Eng. J. 2020, doi:10.1016/j.cej.2020.125269; two redox plateaus). Section 5.1:
 *   U_p(theta) = 3.85 + 0.20 tanh((0.5 - theta)/0.03) + (RT/F) ln((1 - theta)/theta)
 *                + 0.3 [exp(-theta/0.015) - exp((theta - 1)/0.015)],  theta = x/2 in K_xMnFe(CN)6,
 * with RT/F at 298.15 K (0.0256926 V, as the page's check table), so T is unused like the other
 * forms. The log has poles at theta = 0 and 1: outside (0, 1) the value at theta = 1e-12 or
 * 1 - 1e-12 is returned with the out-of-range flag.
 * ------------------------------------------------------------------------------------------- */
static PetscReal KMFOCP(PetscReal th) {
  const PetscReal RTF = 8.314462618 * 298.15 / 96485.33212;
  return 3.85 + 0.20 * tanh((0.5 - th) / 0.03) + RTF * log((1 - th) / th) +
         0.3 * (exp(-th / 0.015) - exp((th - 1) / 0.015));
}
static int FormKMFOCP(PetscReal th, PetscReal T, PetscReal *val) {
  (void)T;
  if (!(th > 0 && th < 1)) return *val = KMFOCP(th > 0.5 ? 1 - 1e-12 : 1e-12), 1;
  *val = KMFOCP(th);
  return 0;
}

/* ---------------------------------------------------------------------------------------------
 * Derivatives df/dx of the forms above, derived by hand term by term (d tanh(u) = (1 - tanh^2 u)
 * du, d exp(u) = exp(u) du, d log u = du / u). Each returns what its form returns and writes the
 * form's value too, so the pair cannot disagree on the domain. Where a form clamps its argument
 * (c < 0, theta outside (0, 1)) the value is constant there and so the derivative is 0.
 * tests/unit/test_form_derivs.c checks every one against a central difference.
 * ------------------------------------------------------------------------------------------- */
static inline PetscReal DTanh(PetscReal u) {
  const PetscReal t = tanh(u);
  return 1.0 - t * t;
}

static int DFormMCMB2528OCP(PetscReal x, PetscReal T, PetscReal *val, PetscReal *d) {
  const int rc = FormMCMB2528OCP(x, T, val);
  *d           = -180.0 * exp(-120.0 * x) + 0.0351 / 0.083 * DTanh((x - 0.286) / 0.083) -
       0.0045 / 0.119 * DTanh((x - 0.849) / 0.119) - 0.035 / 0.05 * DTanh((x - 0.9233) / 0.05) -
       0.0147 / 0.034 * DTanh((x - 0.5) / 0.034) - 0.102 / 0.142 * DTanh((x - 0.194) / 0.142) -
       0.022 / 0.0164 * DTanh((x - 0.9) / 0.0164) - 0.011 / 0.0226 * DTanh((x - 0.124) / 0.0226) +
       0.0155 / 0.029 * DTanh((x - 0.105) / 0.029);
  return rc;
}

static inline PetscReal DLCOFit(PetscReal s) {
  return -0.07645 * 54.4806 * DTanh(30.834 - 54.4806 * s) -
         2.1581 * 50.294 * DTanh(52.294 - 50.294 * s) +
         0.14169 * 19.8543 * DTanh(11.0923 - 19.8543 * s) -
         0.2051 * 5.4888 * DTanh(1.4684 - 5.4888 * s) -
         0.2531 / 0.1316 * DTanh((-s + 0.56478) / 0.1316) -
         0.02167 / 0.006 * DTanh((s - 0.525) / 0.006);
}

static int DFormDualfoilLCOOCP(PetscReal y, PetscReal T, PetscReal *val, PetscReal *d) {
  const int rc = FormDualfoilLCOOCP(y, T, val);
  *d           = DLCOFit(y);
  return rc;
}

static int DFormMarquis2019LCOOCP(PetscReal y, PetscReal T, PetscReal *val, PetscReal *d) {
  const int rc = FormMarquis2019LCOOCP(y, T, val);
  *d           = 1.062 * DLCOFit(1.062 * y);
  return rc;
}

static int DFormChen2020GraphiteOCP(PetscReal x, PetscReal T, PetscReal *val, PetscReal *d) {
  const int rc = FormChen2020GraphiteOCP(x, T, val);
  *d = -1.9793 * 39.3631 * exp(-39.3631 * x) - 0.0909 * 29.8538 * DTanh(29.8538 * (x - 0.1234)) -
       0.04478 * 14.9159 * DTanh(14.9159 * (x - 0.2769)) -
       0.0205 * 30.4444 * DTanh(30.4444 * (x - 0.6103));
  return rc;
}

static int DFormChen2020NMCOCP(PetscReal x, PetscReal T, PetscReal *val, PetscReal *d) {
  const int rc = FormChen2020NMCOCP(x, T, val);
  *d           = -0.8090 - 0.0428 * 18.5138 * DTanh(18.5138 * (x - 0.5542)) -
       17.7326 * 15.7890 * DTanh(15.7890 * (x - 0.3117)) +
       17.5842 * 15.9308 * DTanh(15.9308 * (x - 0.3120));
  return rc;
}

static int DFormDualfoilLiPF6Conductivity(PetscReal c, PetscReal T, PetscReal *val, PetscReal *d) {
  const int rc      = FormDualfoilLiPF6Conductivity(c, T, val);
  const PetscReal m = rc ? 0.0 : c / 1000.0;
  *d                = rc ? 0.0 : (1.9101 + m * (-2.104 + m * 0.4662)) / 1000.0;
  return rc;
}

static int DFormDualfoilLiPF6Diffusivity(PetscReal c, PetscReal T, PetscReal *val, PetscReal *d) {
  const int rc = FormDualfoilLiPF6Diffusivity(c, T, val);
  *d           = rc ? 0.0 : -0.65 / 1000.0 * *val;
  return rc;
}

static int DFormNyman2008Conductivity(PetscReal c, PetscReal T, PetscReal *val, PetscReal *d) {
  const int rc      = FormNyman2008Conductivity(c, T, val);
  const PetscReal m = rc ? 0.0 : c / 1000.0;
  *d                = rc ? 0.0 : (3 * 0.1297 * m * m - 1.5 * 2.51 * sqrt(m) + 3.329) / 1000.0;
  return rc;
}

static int DFormNyman2008Diffusivity(PetscReal c, PetscReal T, PetscReal *val, PetscReal *d) {
  const int rc      = FormNyman2008Diffusivity(c, T, val);
  const PetscReal m = rc ? 0.0 : c / 1000.0;
  *d                = rc ? 0.0 : (-3.972e-10 + 2 * m * 8.794e-11) / 1000.0;
  return rc;
}

static int DFormMgBhfip4Conductivity(PetscReal c, PetscReal T, PetscReal *val, PetscReal *d) {
  const int rc      = FormMgBhfip4Conductivity(c, T, val);
  const PetscReal x = c / 300.0;
  *d                = c > 0 ? 1.1 * (1.0 - x) * exp(1.0 - x) / 300.0 : 0.0;
  return rc;
}

static PetscReal DMo6S8OCP(PetscReal th, PetscReal s_trap) {
  const PetscReal RT2F = 8.314462618 * 298.15 / (2 * 96485.33212);
  return -0.08 / 0.025 * DTanh((0.5 - th) / 0.025) - RT2F * (1.0 / (1 - th) + 1.0 / th) +
         0.3 / 0.015 * (-exp(-th / 0.015) - exp((th - 1) / 0.015)) -
         s_trap * 0.5 / 0.01 * exp(-(th - 0.20) / 0.01);
}
static int DFormMo6S8OCPRoomTemperature(PetscReal th, PetscReal T, PetscReal *val, PetscReal *d) {
  const int rc = FormMo6S8OCPRoomTemperature(th, T, val);
  *d           = rc ? 0.0 : DMo6S8OCP(th, 1);
  return rc;
}
static int DFormMo6S8OCPNoTrapping(PetscReal th, PetscReal T, PetscReal *val, PetscReal *d) {
  const int rc = FormMo6S8OCPNoTrapping(th, T, val);
  *d           = rc ? 0.0 : DMo6S8OCP(th, 0);
  return rc;
}

static int DFormValoen2005Conductivity(PetscReal c, PetscReal T, PetscReal *val, PetscReal *d) {
  const int rc       = FormValoen2005Conductivity(c, T, val);
  const PetscReal x  = (c > 0 ? c : 0) / 1000.0;
  const PetscReal b1 = 0.668 - 0.0178 * T + 2.80e-5 * T * T, b2 = 0.494 - 8.86e-4 * T;
  const PetscReal b = (-10.5 + 0.0740 * T - 6.96e-5 * T * T) + x * b1 + x * x * b2;
  *d                = c > 0 ? 0.1 * (b * b + 2.0 * x * b * (b1 + 2.0 * x * b2)) / 1000.0 : 0.0;
  return rc;
}
static int DFormValoen2005Diffusivity(PetscReal c, PetscReal T, PetscReal *val, PetscReal *d) {
  const int rc      = FormValoen2005Diffusivity(c, T, val);
  const PetscReal x = (c > 0 ? c : 0) / 1000.0, Tg = 229.0 + 5.0 * x;
  /* d/dx [-54/(T - Tg)] = -54 dTg/dx / (T - Tg)^2 with dTg/dx = 5 */
  *d = c > 0 ? *val * log(10.0) * (-0.22 - 270.0 / ((T - Tg) * (T - Tg))) / 1000.0 : 0.0;
  return rc;
}
static int DFormXu2019NMCOCP(PetscReal x, PetscReal T, PetscReal *val, PetscReal *d) {
  const int rc = FormXu2019NMCOCP(x, T, val);
  *d           = -1.6518 + 2 * 1.6225 * x - 3 * 2.0843 * x * x + 4 * 3.5146 * pow(x, 3) -
       5 * 2.2166 * pow(x, 4) - 0.5623e-4 * 109.451 * exp(109.451 * x - 100.006);
  return rc;
}
static PetscReal DKMFOCP(PetscReal th) {
  const PetscReal RTF = 8.314462618 * 298.15 / 96485.33212;
  return -0.20 / 0.03 * DTanh((0.5 - th) / 0.03) - RTF * (1.0 / (1 - th) + 1.0 / th) +
         0.3 / 0.015 * (-exp(-th / 0.015) - exp((th - 1) / 0.015));
}
static int DFormKMFOCP(PetscReal th, PetscReal T, PetscReal *val, PetscReal *d) {
  const int rc = FormKMFOCP(th, T, val);
  *d           = rc ? 0.0 : DKMFOCP(th);
  return rc;
}

/* ---------------------------------------------------------------------------------------------
 * Entropic coefficients dU/dT [V/K] of PyBaMM's Marquis2019 set (pybamm-sets.md sections 1.3,
 * 1.4): S. Moura's fastDFN construction, each OCP term's derivative in stoichiometry divided by
 * c_s,max (PyBaMM graphite_entropic_change_Moura2016 and lico2_entropic_change_Moura2016, with the
 * set's c_s,max 24983.2619938437 and 51217.9257309275 mol/m3 in the forms).  The graphite one is
 * dU_n/dx / c_max exactly; the LiCoO2 one takes PyBaMM's coefficients as they are (19.854 where
 * the OCP has 19.8543, and no chain factor 1.062 of the stretch s = 1.062 y).  Their derivatives
 * in x use d sech^2(u)/du = -2 sech^2(u) tanh(u).
 * ------------------------------------------------------------------------------------------- */
#define MARQUIS2019_CMAX_NEG 24983.2619938437
#define MARQUIS2019_CMAX_POS 51217.9257309275
static inline PetscReal D2Tanh(PetscReal u) {
  return -2.0 * DTanh(u) * tanh(u);
}
static int DFormMarquis2019GraphiteEntropic(PetscReal x, PetscReal T, PetscReal *val,
                                            PetscReal *d) {
  PetscReal U;
  const int rc = DFormMCMB2528OCP(x, T, &U, val);
  *val /= MARQUIS2019_CMAX_NEG;
  *d = (21600.0 * exp(-120.0 * x) + 0.0351 / (0.083 * 0.083) * D2Tanh((x - 0.286) / 0.083) -
        0.0045 / (0.119 * 0.119) * D2Tanh((x - 0.849) / 0.119) -
        0.035 / (0.05 * 0.05) * D2Tanh((x - 0.9233) / 0.05) -
        0.0147 / (0.034 * 0.034) * D2Tanh((x - 0.5) / 0.034) -
        0.102 / (0.142 * 0.142) * D2Tanh((x - 0.194) / 0.142) -
        0.022 / (0.0164 * 0.0164) * D2Tanh((x - 0.9) / 0.0164) -
        0.011 / (0.0226 * 0.0226) * D2Tanh((x - 0.124) / 0.0226) +
        0.0155 / (0.029 * 0.029) * D2Tanh((x - 0.105) / 0.029)) /
       MARQUIS2019_CMAX_NEG;
  return rc;
}
static int FormMarquis2019GraphiteEntropic(PetscReal x, PetscReal T, PetscReal *val) {
  PetscReal d;
  return DFormMarquis2019GraphiteEntropic(x, T, val, &d);
}
static int DFormMarquis2019LCOEntropic(PetscReal y, PetscReal T, PetscReal *val, PetscReal *d) {
  const PetscReal s = 1.062 * y, c = MARQUIS2019_CMAX_POS;
  (void)T;
  *val = (-0.07645 * 54.4806 * DTanh(30.834 - 54.4806 * s) -
          2.1581 * 50.294 * DTanh(52.294 - 50.294 * s) +
          0.14169 * 19.854 * DTanh(11.0923 - 19.8543 * s) -
          0.2051 * 5.4888 * DTanh(1.4684 - 5.4888 * s) -
          0.2531 / 0.1316 * DTanh((-s + 0.56478) / 0.1316) -
          0.02167 / 0.006 * DTanh((s - 0.525) / 0.006)) /
         c;
  *d = 1.062 *
       (0.07645 * 54.4806 * 54.4806 * D2Tanh(30.834 - 54.4806 * s) +
        2.1581 * 50.294 * 50.294 * D2Tanh(52.294 - 50.294 * s) -
        0.14169 * 19.854 * 19.8543 * D2Tanh(11.0923 - 19.8543 * s) +
        0.2051 * 5.4888 * 5.4888 * D2Tanh(1.4684 - 5.4888 * s) +
        0.2531 / (0.1316 * 0.1316) * D2Tanh((-s + 0.56478) / 0.1316) -
        0.02167 / (0.006 * 0.006) * D2Tanh((s - 0.525) / 0.006)) /
       c;
  return StoOutOfRange(y);
}
static int FormMarquis2019LCOEntropic(PetscReal y, PetscReal T, PetscReal *val) {
  PetscReal d;
  return DFormMarquis2019LCOEntropic(y, T, val, &d);
}

/* ---------------------------------------------------------------------------------------------
 * Ecker2015: Kokam SLPB 75106100, graphite | LiPF6 in EC:DMC | NCO. M. Ecker et al., J.
 * Electrochem. Soc. 162(9) A1836 and A1849 (2015), with the OCP fits of S. O'Kane (G. Richardson
 * et al., Electrochim. Acta 339, 135862 (2020)) as PyBaMM's Ecker2015 set evaluates them
 * (docs/cells/pybamm-sets.md section 5). The OCPs are sums of exponentials and tanh steps; the
 * diffusivities are functions of sto whose Arrhenius factor the material file supplies; the
 * conductivity carries its own temperature law (a 296/T factor besides the Arrhenius one), and the
 * electrolyte diffusivity is the Nernst-Einstein relation D = R T kappa / (F^2 c) of that
 * conductivity, as the set defines it. Values and derivatives side by side.
 * ------------------------------------------------------------------------------------------- */
static int FormEcker2015GraphiteOCP(PetscReal x, PetscReal T, PetscReal *val) {
  (void)T;
  *val = 0.716502 * exp(-369.028 * x) + 0.12193 * exp(-35.6478 * (x - 0.0530947)) -
         0.0189193 * tanh(21.1967 * (x - 0.196176)) - 0.0169644 * tanh(27.1365 * (x - 0.312832)) -
         0.0199313 * tanh(28.5697 * (x - 0.614221)) - 0.931153 * exp(36.328 * (x - 1.10743)) +
         0.140031;
  return StoOutOfRange(x);
}
static int DFormEcker2015GraphiteOCP(PetscReal x, PetscReal T, PetscReal *val, PetscReal *d) {
  const int rc = FormEcker2015GraphiteOCP(x, T, val);
  *d           = -0.716502 * 369.028 * exp(-369.028 * x) -
       0.12193 * 35.6478 * exp(-35.6478 * (x - 0.0530947)) -
       0.0189193 * 21.1967 * DTanh(21.1967 * (x - 0.196176)) -
       0.0169644 * 27.1365 * DTanh(27.1365 * (x - 0.312832)) -
       0.0199313 * 28.5697 * DTanh(28.5697 * (x - 0.614221)) -
       0.931153 * 36.328 * exp(36.328 * (x - 1.10743));
  return rc;
}
static int FormEcker2015NCOOCP(PetscReal x, PetscReal T, PetscReal *val) {
  (void)T;
  *val = -2.35211 * x - 0.0747061 * tanh(31.886 * (x - 0.0219921)) +
         6.34984 * tanh(2.66395 * (x - 0.174352)) - 0.640243 * tanh(5.48623 * (x - 0.439245)) -
         3.82383 * tanh(4.12167 * (x - 0.176187)) - 0.0542123 * tanh(18.2919 * (x - 0.762272)) +
         4.23285;
  return StoOutOfRange(x);
}
static int DFormEcker2015NCOOCP(PetscReal x, PetscReal T, PetscReal *val, PetscReal *d) {
  const int rc = FormEcker2015NCOOCP(x, T, val);
  *d           = -2.35211 - 0.0747061 * 31.886 * DTanh(31.886 * (x - 0.0219921)) +
       6.34984 * 2.66395 * DTanh(2.66395 * (x - 0.174352)) -
       0.640243 * 5.48623 * DTanh(5.48623 * (x - 0.439245)) -
       3.82383 * 4.12167 * DTanh(4.12167 * (x - 0.176187)) -
       0.0542123 * 18.2919 * DTanh(18.2919 * (x - 0.762272));
  return rc;
}
static int FormEcker2015GraphiteDiffusivity(PetscReal x, PetscReal T, PetscReal *val) {
  (void)T;
  *val = 8.4e-13 * exp(-11.3 * x) + 8.2e-15;
  return StoOutOfRange(x);
}
static int DFormEcker2015GraphiteDiffusivity(PetscReal x, PetscReal T, PetscReal *val,
                                             PetscReal *d) {
  const int rc = FormEcker2015GraphiteDiffusivity(x, T, val);
  *d           = -11.3 * 8.4e-13 * exp(-11.3 * x);
  return rc;
}
static int FormEcker2015NCODiffusivity(PetscReal x, PetscReal T, PetscReal *val) {
  (void)T;
  *val = 3.7e-13 - 3.4e-13 * exp(-12.0 * (x - 0.62) * (x - 0.62));
  return StoOutOfRange(x);
}
static int DFormEcker2015NCODiffusivity(PetscReal x, PetscReal T, PetscReal *val, PetscReal *d) {
  const int rc = FormEcker2015NCODiffusivity(x, T, val);
  *d           = 3.4e-13 * 24.0 * (x - 0.62) * exp(-12.0 * (x - 0.62) * (x - 0.62));
  return rc;
}
/* kappa(c, T) = sigma_296(c) (296 K / T) exp[(17100 J/mol / R)(1/296 K - 1/T)], c in mol/L in the
 * cubic; T must be positive. */
static PetscReal Ecker2015TFactor(PetscReal T) {
  return 296.0 / T * exp(17100.0 / 8.314462618 * (1.0 / 296.0 - 1.0 / T));
}
static int DFormEcker2015Conductivity(PetscReal c, PetscReal T, PetscReal *val, PetscReal *d) {
  const int bad     = !(c >= 0.0) || !(T > 0.0);
  const PetscReal m = bad ? 0.0 : c / 1000.0, f = bad ? 1.0 : Ecker2015TFactor(T);
  *val = (((0.2667 * m - 1.2983) * m + 1.7919) * m + 0.1726) * f;
  *d   = bad ? 0.0 : ((0.8001 * m - 2.5966) * m + 1.7919) / 1000.0 * f;
  return bad;
}
static int FormEcker2015Conductivity(PetscReal c, PetscReal T, PetscReal *val) {
  PetscReal d;
  return DFormEcker2015Conductivity(c, T, val, &d);
}
/* D(c, T) = R T kappa(c, T) / (F^2 c): defined for c > 0 only (it grows as 1/c near zero). */
static int DFormEcker2015Diffusivity(PetscReal c, PetscReal T, PetscReal *val, PetscReal *d) {
  const PetscReal RF2 = 8.314462618 / (96485.33212 * 96485.33212);
  const PetscReal cc  = c > 1e-3 ? c : 1e-3;
  PetscReal k, dk;
  const int bad = DFormEcker2015Conductivity(cc, T, &k, &dk) || !(c > 1e-3);
  *val          = RF2 * T * k / cc;
  *d            = bad ? 0.0 : RF2 * T * (dk / cc - k / (cc * cc));
  return bad;
}
static int FormEcker2015Diffusivity(PetscReal c, PetscReal T, PetscReal *val) {
  PetscReal d;
  return DFormEcker2015Diffusivity(c, T, val, &d);
}

/* ---------------------------------------------------------------------------------------------
 * Registry. One X-macro list generates both the lookup table and the NULL-terminated name list,
 * so the two cannot drift apart.
 * ------------------------------------------------------------------------------------------- */
#define FV_FORM_LIST(X)                                                                            \
  X("dualfoil_mcmb2528_ocp", FormMCMB2528OCP, DFormMCMB2528OCP,                                    \
    "U(x) [V] of MCMB 2528 graphite, x = sto; DUALFOIL 5.1 nneg=3, Bogatu 2000 fit, stated "       \
    "validity 0.01<x<0.9 (dualfoil-lco-graphite.md s5)")                                           \
  X("marquis2019_graphite_ocp", FormMCMB2528OCP, DFormMCMB2528OCP,                                 \
    "alias of dualfoil_mcmb2528_ocp: PyBaMM Marquis2019 graphite_mcmb2528_ocp_Dualfoil1998 is "    \
    "the identical formula (pybamm-sets.md s1.3)")                                                 \
  X("dualfoil_lco_ocp", FormDualfoilLCOOCP, DFormDualfoilLCOOCP,                                   \
    "U(y) [V] of LiCoO2, y = sto; DUALFOIL 5.1 npos=6, Garcia 2001/Thomas 2003 fit, no stretch, "  \
    "stated validity 0<y<0.99 (dualfoil-lco-graphite.md s5)")                                      \
  X("marquis2019_lco_ocp", FormMarquis2019LCOOCP, DFormMarquis2019LCOOCP,                          \
    "U(y) [V] of LiCoO2 = DUALFOIL npos=6 fit at s = 1.062 y; PyBaMM Marquis2019 "                 \
    "lico2_ocp_Dualfoil1998 (pybamm-sets.md s1.4); collapses above y~0.95")                        \
  X("chen2020_graphite_ocp", FormChen2020GraphiteOCP, DFormChen2020GraphiteOCP,                    \
    "U(x) [V] of LG M50 graphite, x = sto; Chen et al. JES 167 080534 (2020), PyBaMM "             \
    "graphite_LGM50_ocp_Chen2020 (pybamm-sets.md s2.3)")                                           \
  X("chen2020_nmc_ocp", FormChen2020NMCOCP, DFormChen2020NMCOCP,                                   \
    "U(x) [V] of LG M50 NMC 811, x = sto; Chen et al. JES 167 080534 (2020), PyBaMM "              \
    "nmc_LGM50_ocp_Chen2020 (pybamm-sets.md s2.4)")                                                \
  X("dualfoil_lipf6_conductivity", FormDualfoilLiPF6Conductivity, DFormDualfoilLiPF6Conductivity,  \
    "kappa(c) [S/m] of LiPF6 in EC:DMC, c in mol/m3; DUALFOIL 5.1 nprop=11, Bellcore data "        \
    "(dualfoil-lco-graphite.md s6); = PyBaMM Capiglia1999 without its Arrhenius factor")           \
  X("dualfoil_lipf6_diffusivity", FormDualfoilLiPF6Diffusivity, DFormDualfoilLiPF6Diffusivity,     \
    "D(c) [m2/s] of LiPF6 in EC:DMC, c in mol/m3; DUALFOIL 5.1 nprop=11, fit to J. Power Sources " \
    "82 (1999) 859 (dualfoil-lco-graphite.md s6)")                                                 \
  X("nyman2008_conductivity", FormNyman2008Conductivity, DFormNyman2008Conductivity,               \
    "kappa(c) [S/m] of LiPF6 in EC:EMC 3:7, c in mol/m3; Nyman et al. Electrochim. Acta 53 "       \
    "(2008) 6356, PyBaMM Chen2020 (pybamm-sets.md s2.2)")                                          \
  X("nyman2008_diffusivity", FormNyman2008Diffusivity, DFormNyman2008Diffusivity,                  \
    "D(c) [m2/s] of LiPF6 in EC:EMC 3:7, c in mol/m3; Nyman et al. Electrochim. Acta 53 (2008) "   \
    "6356, PyBaMM Chen2020 (pybamm-sets.md s2.2)")                                                 \
  X("mg_bhfip4_dme_conductivity", FormMgBhfip4Conductivity, DFormMgBhfip4Conductivity,             \
    "kappa(c) [S/m] of Mg[B(hfip)4]2 in DME, 1.1 (c/0.3 M) exp(1 - c/0.3 M); 11 mS/cm at 0.3 M "   \
    "(seed L565), shape assumed (mg-mo6s8.md s2)")                                                 \
  X("mo6s8_ocp_room_temperature", FormMo6S8OCPRoomTemperature, DFormMo6S8OCPRoomTemperature,       \
    "U(theta) [V vs Mg] of Chevrel MgxMo6S8, theta = x/2, with the room-temperature trapping "     \
    "barrier at theta = 0.2 (mg-mo6s8.md s5.1; shape assumed, plateaus seed L597)")                \
  X("mo6s8_ocp_no_trapping", FormMo6S8OCPNoTrapping, DFormMo6S8OCPNoTrapping,                      \
    "U(theta) [V vs Mg] of Chevrel MgxMo6S8 without trapping (60 C variant; mg-mo6s8.md s5.1)")    \
  X("valoen2005_conductivity", FormValoen2005Conductivity, DFormValoen2005Conductivity,            \
    "kappa(c, T) [S/m] of LiPF6 in PC:EC:DMC, c in mol/m3; Valoen & Reimers JES 152 A882 (2005), " \
    "PyBaMM Xu2019 (pybamm-sets.md s4.2)")                                                         \
  X("valoen2005_diffusivity", FormValoen2005Diffusivity, DFormValoen2005Diffusivity,               \
    "D(c, T) [m2/s] of LiPF6 in PC:EC:DMC, c in mol/m3; Valoen & Reimers JES 152 A882 (2005), "    \
    "PyBaMM Xu2019 (pybamm-sets.md s4.2)")                                                         \
  X("xu2019_nmc_ocp", FormXu2019NMCOCP, DFormXu2019NMCOCP,                                         \
    "U(x) [V] of NMC (Mohtat2020 values), x = sto; PyBaMM Xu2019 (pybamm-sets.md s4.4)")           \
  X("marquis2019_graphite_entropic", FormMarquis2019GraphiteEntropic,                              \
    DFormMarquis2019GraphiteEntropic,                                                              \
    "dU/dT(x) [V/K] of MCMB 2528 graphite, x = sto; PyBaMM Marquis2019 "                           \
    "graphite_entropic_change_Moura2016 (dU_n/dx / c_max, fastDFN; pybamm-sets.md s1.3)")          \
  X("marquis2019_lco_entropic", FormMarquis2019LCOEntropic, DFormMarquis2019LCOEntropic,           \
    "dU/dT(y) [V/K] of LiCoO2, y = sto; PyBaMM Marquis2019 lico2_entropic_change_Moura2016 "       \
    "(fastDFN, at s = 1.062 y; pybamm-sets.md s1.4)")                                              \
  X("ecker2015_graphite_ocp", FormEcker2015GraphiteOCP, DFormEcker2015GraphiteOCP,                 \
    "U(x) [V] of Kokam graphite, x = sto; Ecker et al. JES 162 A1836 (2015), O'Kane's fit as "     \
    "PyBaMM graphite_ocp_Ecker2015 (pybamm-sets.md s5.3)")                                         \
  X("ecker2015_nco_ocp", FormEcker2015NCOOCP, DFormEcker2015NCOOCP,                                \
    "U(x) [V] of Kokam NCO, x = sto; Ecker et al. JES 162 A1836 (2015), O'Kane's fit as PyBaMM "   \
    "nco_ocp_Ecker2015 (pybamm-sets.md s5.4)")                                                     \
  X("ecker2015_graphite_diffusivity", FormEcker2015GraphiteDiffusivity,                            \
    DFormEcker2015GraphiteDiffusivity,                                                             \
    "D_s(x) [m2/s] of Kokam graphite, 8.4e-13 exp(-11.3 x) + 8.2e-15, x = sto, without its "       \
    "Arrhenius factor; Ecker et al. (2015), PyBaMM Ecker2015 (pybamm-sets.md s5.3)")               \
  X("ecker2015_nco_diffusivity", FormEcker2015NCODiffusivity, DFormEcker2015NCODiffusivity,        \
    "D_s(x) [m2/s] of Kokam NCO, 3.7e-13 - 3.4e-13 exp(-12 (x - 0.62)^2), x = sto, without its "   \
    "Arrhenius factor; Ecker et al. (2015), PyBaMM Ecker2015 (pybamm-sets.md s5.4)")               \
  X("ecker2015_conductivity", FormEcker2015Conductivity, DFormEcker2015Conductivity,               \
    "kappa(c, T) [S/m] of LiPF6 in EC:DMC, c in mol/m3, with its 296/T and Arrhenius (17.1 "       \
    "kJ/mol) factors; Ecker et al. (2015), PyBaMM Ecker2015 (pybamm-sets.md s5.2)")                \
  X("ecker2015_diffusivity", FormEcker2015Diffusivity, DFormEcker2015Diffusivity,                  \
    "D(c, T) = R T kappa(c, T) / (F^2 c) [m2/s] of LiPF6 in EC:DMC, c > 0 in mol/m3; Ecker et "    \
    "al. "                                                                                         \
    "(2015), PyBaMM Ecker2015 (pybamm-sets.md s5.2)")                                              \
  X("kmf_ocp", FormKMFOCP, DFormKMFOCP,                                                            \
    "U(theta) [V vs K] of K2Mn[Fe(CN)6], theta = x/2; two plateaus around 3.85 V + (RT/F) "        \
    "ln((1-theta)/theta) at 298.15 K; shape assumed, 3.8 V average from Hosaka 2020 / Tang 2020 "  \
    "(kib-graphite-pba.md s5.1)")

typedef struct {
  const char *name;
  FvFormFn fn;
  FvFormDerivFn dfn;
  const char *description;
} FvFormEntry;

#define FV_FORM_ENTRY(n, f, df, d) {n, f, df, d},
#define FV_FORM_NAME(n, f, df, d) n,
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

FvFormDerivFn FvFormDerivLookup(const char *name) {
  const FvFormEntry *e = FindForm(name);
  return e ? e->dfn : NULL;
}

const char *const *FvFormNames(void) {
  return fv_form_names;
}

/* Never NULL, so callers can print it directly; use FvFormLookup to test whether a name exists. */
const char *FvFormDescription(const char *name) {
  const FvFormEntry *e = FindForm(name);
  return e ? e->description : "(no such form)";
}
