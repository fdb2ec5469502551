/* test_assb.c -- all-solid-state composite cathodes: solid electrolyte, percolation,
 * contact-loss mechanics, lithium conservation with the metal anode.
 *
 * Runs on cases/assb_nmc811_lps_li.yaml (NMC811 | Li3PS4 | Li, docs/cells/assb-nmc-lps-li.md),
 * changed in memory after loading for each check; cycling checks use a coarser mesh
 * (-positive_cells 10, -separator_cells 5, 8 shells) set as command-line overrides. One check per
 * invocation: -check ocv          infinite SE conductivity, full contact, 5 um electrode, C/100:
 * the voltage follows U(theta_avg) of the positive (Li metal at U = 0) -check percolation  1C
 * utilisation vs SE volume fraction: collapses below the threshold, rises through it, saturates
 * above -check zero_strain  dV/V = 0: no contact lost, no fade over 20 cycles -check pressure fade
 * over 10 cycles falls monotonically with stack pressure; k_irr = 0 gives fully reversible contact
 * (cycle 10 = cycle 2 within 0.1 %) -check isolation    f_iso above one family's f_0 (no strain)
 * cuts it off: 2/3 of the capacity -check hybrid       Li | LPS | liquid-flooded NMC (electrolyte
 * chosen per region): lithium conserved, SE concentration fixed, salt gradient towards the LPS face
 *   -check conservation lithium in the particles + the Li metal + the SE constant to 1e-9 over a
 *                       C/10 charge and discharge
 */
#include <stdlib.h>
#include <string.h>
#include "fvtest.h"
#include "assb_run.h"

static int fails = 0;

static PetscErrorCode LoadAssb(FvCase *c, PetscBool coarse) {
  char path[FV_PATH_LEN];
  PetscFunctionBeginUser;
  if (coarse) {
    PetscCall(PetscOptionsSetValue(NULL, "-positive_cells", "10"));
    PetscCall(PetscOptionsSetValue(NULL, "-separator_cells", "5"));
    PetscCall(PetscOptionsSetValue(NULL, "-positive_particle_shells", "8"));
  }
  snprintf(path, sizeof path, "%s/cases/assb_nmc811_lps_li.yaml", FVCELL_SOURCE_DIR);
  PetscCall(FvCaseLoad(PETSC_COMM_WORLD, path, c));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Rated capacity of the positive [A h m-2]: eps_am L c_max F (window) */
static PetscReal RatedCapacity(const FvCase *c) {
  const FvRegion *r = &c->region[FV_POS];
  return r->eps_am * r->thickness * r->c_max * c->F *
         PetscAbsReal(r->sto_window[1] - r->sto_window[0]) / 3600.0;
}

/* Cycle the case: charge at C/10 to the upper cut-off, discharge at `rate` to the lower. */
static PetscErrorCode Cycle(FvCase *c, PetscReal rate, PetscInt ncycles, FvObserver obs, void *ctx,
                            FvRunResult *res) {
  char text[256];
  PetscFunctionBeginUser;
  snprintf(text, sizeof text, "Charge at C/10 until %g V; Discharge at %gC until %g V",
           (double)c->v_max, (double)rate, (double)c->v_min);
  PetscCall(AssbRunText(PETSC_COMM_WORLD, c, text, rate, ncycles, obs, ctx, res));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* ---- ocv ---------------------------------------------------------------------------------- */
typedef struct {
  PetscReal worst, theta_lo, theta_hi;
  PetscInt n;
} OcvCtx;

static PetscErrorCode ObserveOcv(FvProblem *p, Vec Y, const FvRecord *rec, void *vctx) {
  OcvCtx *o = (OcvCtx *)vctx;
  PetscReal cn, cp, U;
  FvRegionModel *r = &p->model.reg[FV_POS];
  PetscFunctionBeginUser;
  PetscCall(FvTestMeanConcentrations(p, Y, &cn, &cp));
  if (rec->time > 0 && cp / r->c_max > o->theta_lo && cp / r->c_max < o->theta_hi) {
    (void)FvOpenCircuit(&p->model, r, cp, &U);
    o->worst = PetscMax(o->worst, PetscAbsReal(rec->voltage - U));
    o->n++;
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode CheckOcv(void) {
  FvCase c;
  FvRunResult res;
  OcvCtx o = {0, 0.27, 0.94, 0};
  PetscFunctionBeginUser;
  PetscCall(LoadAssb(&c, PETSC_FALSE));
  for (PetscInt g = FV_SEP; g <= FV_POS; g++) { /* an "infinitely" conducting SE */
    c.region[g].se.law            = FV_SIGMA_MEASURED;
    c.region[g].se.sigma_measured = 1e4;
  }
  { /* full contact, no mechanics, one family, thin electrode, discharge from the charged state */
    FvRegion *r        = &c.region[FV_POS];
    r->contact.enabled = PETSC_FALSE;
    r->nfam            = 1;
    r->fam_fraction[0] = 1;
    r->fam_f0[0]       = 1;
    r->thickness       = 5e-6;
    r->sto0            = r->sto_window[0];
    c.one_c            = RatedCapacity(&c);
    c.region[FV_NEG].metal_capacity *= 10; /* plenty of Li */
  }
  PetscCall(FvRunDischarge(PETSC_COMM_WORLD, &c, 0.01, ObserveOcv, &o, &res));
  printf("ocv: C/100, 5 um, sigma_SE = 1e4 S/m, full contact: %s; max |V - U(theta_avg)| = %.3f mV "
         "over %d records "
         "with theta_avg in [%.2f, %.2f]; delivered %.4f A h/m2 (rated %.4f)\n",
         res.reason, (double)(1e3 * o.worst), (int)o.n, (double)o.theta_lo, (double)o.theta_hi,
         (double)res.dis_capacity, (double)(c.one_c));
  FV_CHECK(res.ok, "did not reach the cut-off: %s", res.reason);
  FV_CHECK(o.n > 20, "too few records (%d)", (int)o.n);
  /* what remains at C/100 is real: solid diffusion (surface - mean ~ 1.8 mV on the steep OCV
   * near theta = 0.3) and cathode kinetics (~0.8 mV) */
  FV_CHECK(o.worst < 5e-3, "voltage departs from the OCV by %g V", (double)o.worst);
  { /* and it delivers the whole window down to U = lower cut-off (theta = 1 on this OCV) */
    const FvRegion *r  = &c.region[FV_POS];
    const PetscReal qw = r->eps_am * r->thickness * r->c_max * c.F * (1.0 - r->sto0) / 3600.0;
    printf("ocv: window theta %.4f -> 1: %.5f A h/m2; delivered %.5f (%.2f %%)\n", (double)r->sto0,
           (double)qw, (double)res.dis_capacity, (double)(100 * res.dis_capacity / qw));
    FV_CHECK(PetscAbsReal(res.dis_capacity - qw) < 0.01 * qw, "C/100 capacity %g vs window %g",
             (double)res.dis_capacity, (double)qw);
  }
  PetscCall(FvRunResultReset(&res));
  PetscCall(FvCaseDestroy(&c));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* ---- percolation -------------------------------------------------------------------------- */
static PetscErrorCode CheckPercolation(void) {
  const PetscReal eps[] = {0.04, 0.08, 0.12, 0.16, 0.22, 0.30, 0.40, 0.48};
  const PetscInt n      = (PetscInt)(sizeof eps / sizeof eps[0]);
  PetscReal util[8];
  PetscFunctionBeginUser;
  for (PetscInt k = 0; k < n; k++) {
    FvCase c;
    FvRunResult res;
    FvRegion *r;
    PetscCall(LoadAssb(&c, PETSC_TRUE));
    r = &c.region[FV_POS];
    /* a fast SE (Li6PS5Cl-like bulk 0.2 S/m) so that transport saturates above the threshold;
     * active 0.40, carbon 0.05, SE eps, pores the rest; full contact, no mechanics */
    PetscCall(FvPropertyDestroy(&r->se.sigma));
    PetscCall(FvPropertySetConstant(&r->se.sigma, "sigma", 0.2));
    r->eps_am          = 0.40;
    r->eps_se          = eps[k];
    r->porosity        = 1 - 0.40 - 0.05 - eps[k];
    r->contact.enabled = PETSC_FALSE;
    r->nfam            = 1;
    r->fam_fraction[0] = 1;
    r->fam_f0[0]       = 1;
    r->sto0            = r->sto_window[0];
    c.one_c            = RatedCapacity(&c);
    /* 3.2 V = U(0.99): the cut-off comes from the OCP tail, not from i0 -> 0 at theta -> 1,
     * which the separator-face cell reaches first when the network does not conduct */
    c.v_min = 3.2;
    PetscCall(FvRunDischarge(PETSC_COMM_WORLD, &c, 1.0, NULL, NULL, &res));
    util[k] = res.dis_capacity / c.one_c;
    printf("percolation: eps_SE = %.2f (threshold %.2f): 1C utilisation %.4f (%s)\n",
           (double)eps[k], (double)r->se.threshold, (double)util[k], res.reason);
    FV_CHECK(res.ok, "eps_SE = %g: %s", (double)eps[k], res.reason);
    PetscCall(FvRunResultReset(&res));
    PetscCall(FvCaseDestroy(&c));
  }
  /* below the threshold (0.10): collapsed; through it: rising; far above: saturated */
  FV_CHECK(util[0] < 0.02 && util[1] < 0.02, "no collapse below the threshold: %g, %g",
           (double)util[0], (double)util[1]);
  for (PetscInt k = 2; k < n; k++)
    FV_CHECK(util[k] > util[k - 1], "utilisation not rising at eps_SE = %g", (double)eps[k]);
  FV_CHECK(util[n - 1] > 0.8, "no saturation: %g at eps_SE = %g", (double)util[n - 1],
           (double)eps[n - 1]);
  FV_CHECK(util[n - 1] - util[n - 2] <
               0.25 * (util[3] - util[2]) / (eps[3] - eps[2]) * (eps[n - 1] - eps[n - 2]),
           "not saturating: slope at the top %g vs near the threshold %g",
           (double)((util[n - 1] - util[n - 2]) / (eps[n - 1] - eps[n - 2])),
           (double)((util[3] - util[2]) / (eps[3] - eps[2])));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* ---- cycling: fade and contact -------------------------------------------------------------- */
typedef struct {
  PetscReal fp_min; /* smallest permanent contact seen */
} FpCtx;

static PetscErrorCode ObserveFp(FvProblem *p, Vec Y, const FvRecord *rec, void *vctx) {
  FpCtx *o         = (FpCtx *)vctx;
  const FvModel *m = &p->model;
  PetscInt xs, xm;
  const PetscScalar **v;
  PetscReal loc, glob;
  (void)rec;
  PetscFunctionBeginUser;
  if (!m->contact) PetscFunctionReturn(PETSC_SUCCESS);
  loc = PETSC_MAX_REAL;
  PetscCall(DMDAGetCorners(p->mesh.da, &xs, NULL, NULL, &xm, NULL, NULL));
  PetscCall(DMDAVecGetArrayDOFRead(p->mesh.da, Y, (void *)&v));
  for (PetscInt i = xs; i < xs + xm; i++) {
    const FvRegionModel *r = &m->reg[p->mesh.region[i]];
    if (!r->electrode) continue;
    for (PetscInt f = 0; f < r->nfam; f++)
      loc = PetscMin(loc, v[i][FvIdxFp(m, f)]);
  }
  PetscCall(DMDAVecRestoreArrayDOFRead(p->mesh.da, Y, (void *)&v));
  PetscCall(MPIU_Allreduce(&loc, &glob, 1, MPIU_REAL, MPI_MIN, PETSC_COMM_WORLD));
  o->fp_min = PetscMin(o->fp_min, glob);
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Discharge capacities of cycles 2 and ncycles at C/2 after C/10 charges. */
static PetscErrorCode FadeRun(PetscReal pressure, PetscReal kirr, PetscBool zero_strain,
                              PetscInt ncycles, PetscReal *q2, PetscReal *qn, PetscReal *fp_min) {
  FvCase c;
  FvRunResult res;
  FpCtx o = {PETSC_MAX_REAL};
  PetscFunctionBeginUser;
  PetscCall(LoadAssb(&c, PETSC_TRUE));
  c.stack_pressure               = pressure;
  c.region[FV_POS].contact.k_irr = kirr;
  if (zero_strain) {
    PetscCall(FvPropertyDestroy(&c.region[FV_POS].contact.dvv));
    PetscCall(FvPropertySetConstant(&c.region[FV_POS].contact.dvv, "dvv", 0.0));
  }
  PetscCall(Cycle(&c, 0.5, ncycles, ObserveFp, &o, &res));
  FV_CHECK(res.ok && res.ncycles == ncycles, "p = %g Pa, k_irr = %g: %s after %d cycles",
           (double)pressure, (double)kirr, res.reason, (int)res.ncycles);
  *q2     = res.ncycles > 1 ? res.cycle_discharge[1] : 0;
  *qn     = res.ncycles >= ncycles ? res.cycle_discharge[ncycles - 1] : 0;
  *fp_min = o.fp_min;
  PetscCall(FvRunResultReset(&res));
  PetscCall(FvCaseDestroy(&c));
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode CheckZeroStrain(void) {
  PetscReal q2, qn, fpmin;
  PetscFunctionBeginUser;
  PetscCall(FadeRun(5e6, 0.005, PETSC_TRUE, 20, &q2, &qn, &fpmin));
  printf("zero strain, 5 MPa, k_irr 0.005: C/2 discharge cycle 2 %.6f, cycle 20 %.6f A h/m2 "
         "(change %.2e); min f_p %.12f\n",
         (double)q2, (double)qn, (double)((qn - q2) / q2), (double)fpmin);
  FV_CHECK(PetscAbsReal(qn - q2) < 1e-4 * q2, "capacity fades without strain: %g -> %g", (double)q2,
           (double)qn);
  FV_CHECK(fpmin > 1 - 1e-9, "contact lost without strain: f_p = %.12g", (double)fpmin);
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode CheckPressure(void) {
  /* the page's sweep (assb-nmc-lps-li.md s1): 5, 25, 50, 100 MPa. Permanent contact must improve
   * at every step; the capacity fade must fall from 5 to 50 to 100 MPa (at 5 and 25 MPa the C/2
   * fade is equal to 1e-6: the smaller contact loss at 25 MPa is offset by a capacity more
   * sensitive to area, so that pair is reported, not ranked) */
  const PetscReal p[] = {5e6, 25e6, 50e6, 100e6};
  PetscReal fade[4], q2, qn, fpmin[4];
  PetscFunctionBeginUser;
  for (int k = 0; k < 4; k++) {
    PetscCall(FadeRun(p[k], 0.005, PETSC_FALSE, 10, &q2, &qn, &fpmin[k]));
    fade[k] = (q2 - qn) / q2;
    printf("pressure %5.0f MPa: C/2 discharge cycle 2 %.5f, cycle 10 %.5f A h/m2, fade %.4f %%, "
           "min f_p %.5f\n",
           (double)(p[k] / 1e6), (double)q2, (double)qn, (double)(100 * fade[k]), (double)fpmin[k]);
    FV_CHECK(fade[k] > 0, "no fade at %g MPa", (double)(p[k] / 1e6));
    if (k > 0)
      FV_CHECK(fpmin[k] > fpmin[k - 1], "permanent contact not better at %g MPa",
               (double)(p[k] / 1e6));
  }
  FV_CHECK(fade[2] < 0.95 * fade[0], "fade at 50 MPa (%g) not below 5 MPa (%g)", (double)fade[2],
           (double)fade[0]);
  FV_CHECK(fade[3] < 0.95 * fade[2], "fade at 100 MPa (%g) not below 50 MPa (%g)", (double)fade[3],
           (double)fade[2]);
  FV_CHECK(fade[1] <= fade[0] * (1 + 1e-3), "fade at 25 MPa (%g) above 5 MPa (%g)", (double)fade[1],
           (double)fade[0]);
  PetscCall(FadeRun(5e6, 0.0, PETSC_FALSE, 10, &q2, &qn, &fpmin[0]));
  printf("k_irr = 0, 5 MPa: cycle 2 %.6f, cycle 10 %.6f A h/m2 (change %.2e), min f_p %.12f\n",
         (double)q2, (double)qn, (double)((qn - q2) / q2), (double)fpmin[0]);
  FV_CHECK(PetscAbsReal(qn - q2) < 1e-3 * q2, "k_irr = 0 fades: %g -> %g", (double)q2, (double)qn);
  FV_CHECK(fpmin[0] > 1 - 1e-9, "k_irr = 0 lost permanent contact: %.12g", (double)fpmin[0]);
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* ---- isolation ---------------------------------------------------------------------------- */
/* Without strain and with f_iso = 0.35 the family fabricated at f_0 = 0.3 is isolated from the
 * start (loss of active material): it neither charges nor discharges, so a slow cycle delivers 2/3
 * of the capacity of the same cell with f_iso = 0.05, and its particles keep their fabricated
 * state. */
static PetscErrorCode CheckIsolation(void) {
  PetscReal q[2];
  const PetscReal fiso[2] = {0.05, 0.35};
  PetscFunctionBeginUser;
  for (int k = 0; k < 2; k++) {
    FvCase c;
    FvRunResult res;
    PetscCall(LoadAssb(&c, PETSC_TRUE));
    c.region[FV_POS].contact.f_iso = fiso[k];
    /* a fast electrolyte network, so that the slow cycle uses every connected particle alike */
    for (PetscInt g = FV_SEP; g <= FV_POS; g++) {
      c.region[g].se.law            = FV_SIGMA_MEASURED;
      c.region[g].se.sigma_measured = 1e4;
    }
    /* no strain: h = 1, so only the fabricated contact decides (the reversible gap would
     * isolate the f_0 = 0.5 family near the top of charge too) */
    PetscCall(FvPropertyDestroy(&c.region[FV_POS].contact.dvv));
    PetscCall(FvPropertySetConstant(&c.region[FV_POS].contact.dvv, "dvv", 0.0));
    PetscCall(Cycle(&c, 0.05, 1, NULL, NULL, &res));
    q[k] = res.cycle_discharge[0];
    printf("isolation: f_iso = %.2f (families f_0 = 0.3, 0.5, 0.7): C/10 charge %.5f, C/20 "
           "discharge %.5f A h/m2 (%s)\n",
           (double)fiso[k], (double)res.cycle_charge[0], (double)q[k], res.reason);
    FV_CHECK(res.ok, "%s", res.reason);
    PetscCall(FvRunResultReset(&res));
    PetscCall(FvCaseDestroy(&c));
  }
  printf(
      "isolation: capacity ratio %.4f (expected 2/3: one of three equal-volume families cut off)\n",
      (double)(q[1] / q[0]));
  FV_CHECK(PetscAbsReal(q[1] / q[0] - 2.0 / 3.0) < 0.02, "ratio %g", (double)(q[1] / q[0]));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* ---- conservation ------------------------------------------------------------------------- */
typedef struct {
  PetscBool first;
  PetscReal n0, drift, nF;
} ConsCtx;

static PetscErrorCode ObserveCons(FvProblem *p, Vec Y, const FvRecord *rec, void *vctx) {
  ConsCtx *o = (ConsCtx *)vctx;
  PetscReal ne, ns, nm;
  PetscFunctionBeginUser;
  PetscCall(FvProblemInventory(p, Y, &ne, &ns));
  nm = (p->model.reg[FV_NEG].metal_capacity - rec->capacity * 3600.0) /
       o->nF; /* Li metal [mol m-2] */
  if (o->first) o->n0 = ne + ns + nm, o->first = PETSC_FALSE;
  o->drift = PetscMax(o->drift, PetscAbsReal(ne + ns + nm - o->n0) / o->n0);
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode CheckConservation(void) {
  FvCase c;
  FvRunResult res;
  ConsCtx o = {PETSC_TRUE, 0, 0, 0};
  PetscFunctionBeginUser;
  PetscCall(LoadAssb(&c, PETSC_FALSE));
  o.nF = c.electrolyte.zplus * c.F;
  PetscCall(Cycle(&c, 0.1, 1, ObserveCons, &o, &res));
  printf("conservation: C/10 charge + discharge (%s): lithium drift (particles + Li metal + SE) "
         "%.3e (limit 1e-9); "
         "charge %.4f, discharge %.4f A h/m2 (rated %.4f)\n",
         res.reason, (double)o.drift, (double)-res.cycle_charge[0], (double)res.cycle_discharge[0],
         (double)RatedCapacity(&c));
  FV_CHECK(res.ok, "%s", res.reason);
  FV_CHECK(o.drift < 1e-9, "lithium not conserved: %g", (double)o.drift);
  PetscCall(FvRunResultReset(&res));
  PetscCall(FvCaseDestroy(&c));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* ---- hybrid ------------------------------------------------------------------------------- */
/* Li | LPS (solid) | NMC with a liquid catholyte: the electrolyte is chosen per region. Lithium
 * (metal + liquid + particles + SE) is conserved, the SE's ion concentration does not move, and
 * the liquid's salt piles up at the LPS face (Li+ enters there, the anion cannot leave). */
typedef struct {
  ConsCtx cons;
  PetscReal se_dev,
      dc_pos; /* max |c - c_ion| in the SE; last c_e(separator side) - c_e(collector) */
} HybridCtx;

static PetscErrorCode ObserveHybrid(FvProblem *p, Vec Y, const FvRecord *rec, void *vctx) {
  HybridCtx *o = (HybridCtx *)vctx;
  PetscInt xs, xm;
  const PetscScalar **v;
  PetscFunctionBeginUser;
  PetscCall(ObserveCons(p, Y, rec, &o->cons));
  PetscCall(DMDAGetCorners(p->mesh.da, &xs, NULL, NULL, &xm, NULL, NULL));
  PetscCall(DMDAVecGetArrayDOFRead(p->mesh.da, Y, (void *)&v));
  for (PetscInt i = xs; i < xs + xm; i++) {
    const FvRegionModel *r = &p->model.reg[p->mesh.region[i]];
    if (r->solid) o->se_dev = PetscMax(o->se_dev, PetscAbsReal(v[i][FV_C] - r->c_ion));
  }
  o->dc_pos = v[p->mesh.first[FV_POS]][FV_C] - v[p->mesh.M - 1][FV_C]; /* serial test */
  PetscCall(DMDAVecRestoreArrayDOFRead(p->mesh.da, Y, (void *)&v));
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode CheckHybrid(void) {
  FvCase c;
  FvRunResult res;
  HybridCtx o = {{PETSC_TRUE, 0, 0, 0}, 0, 0};
  char path[FV_PATH_LEN];
  PetscFunctionBeginUser;
  snprintf(path, sizeof path, "%s/tests/assb/cases/hybrid_lps_liquid_nmc.yaml", FVCELL_SOURCE_DIR);
  PetscCall(FvCaseLoad(PETSC_COMM_WORLD, path, &c));
  o.cons.nF = c.electrolyte.zplus * c.F;
  PetscCall(FvRunDischarge(PETSC_COMM_WORLD, &c, 0.5, ObserveHybrid, &o, &res));
  printf("hybrid (Li | LPS | liquid-flooded NMC), C/2: %s, %.4f A h/m2; lithium drift %.3e (limit "
         "1e-9); SE c moved by "
         "%.3e mol/m3; liquid c_e(separator side) - c_e(collector) = %.1f mol/m3 at the end\n",
         res.reason, (double)res.dis_capacity, (double)o.cons.drift, (double)o.se_dev,
         (double)o.dc_pos);
  FV_CHECK(res.ok, "%s", res.reason);
  FV_CHECK(o.cons.drift < 1e-9, "lithium not conserved: %g", (double)o.cons.drift);
  FV_CHECK(o.se_dev < 1e-9 * c.region[FV_SEP].se.c_ion, "SE concentration moved by %g",
           (double)o.se_dev);
  FV_CHECK(o.dc_pos > 0, "no salt gradient towards the LPS face: %g", (double)o.dc_pos);
  PetscCall(FvRunResultReset(&res));
  PetscCall(FvCaseDestroy(&c));
  PetscFunctionReturn(PETSC_SUCCESS);
}

int main(int argc, char **argv) {
  char check[64] = "";
  PetscBool set;
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCall(PetscOptionsGetString(NULL, NULL, "-check", check, sizeof check, &set));
  if (!strcmp(check, "ocv"))
    PetscCall(CheckOcv());
  else if (!strcmp(check, "percolation"))
    PetscCall(CheckPercolation());
  else if (!strcmp(check, "zero_strain"))
    PetscCall(CheckZeroStrain());
  else if (!strcmp(check, "pressure"))
    PetscCall(CheckPressure());
  else if (!strcmp(check, "conservation"))
    PetscCall(CheckConservation());
  else if (!strcmp(check, "isolation"))
    PetscCall(CheckIsolation());
  else if (!strcmp(check, "hybrid"))
    PetscCall(CheckHybrid());
  else {
    printf("unknown -check '%s'\n", check);
    fails++;
  }
  printf(fails ? "FAIL\n" : "PASS\n");
  PetscCall(PetscFinalize());
  return fails ? 1 : 0;
}
