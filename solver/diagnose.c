/* diagnose.c -- physical names for a stopped run (see diagnose.h).
 *
 * Why: a run that cannot continue used to end with IDA's return code (IDA_CONV_FAIL,
 * IDA_REP_RES_ERR, ...), which says that the Newton iteration or the residual failed, not why.
 * In a porous-electrode cell the solver gives up for a handful of physical reasons: the salt
 * concentration reaching zero somewhere at a high rate (the diffusion limit of Doyle, Fuller &
 * Newman, J. Electrochem. Soc. 140, 1526 (1993)), the surface of the particles filling or
 * emptying (the solid-diffusion limit), where the open-circuit potential and the exchange
 * current diverge or vanish. Naming the condition, where it happened and its value tells the
 * user what to change (a thinner electrode, a lower rate, a wider voltage window).
 */
#include <stdio.h>
#include "diagnose.h"

static const char *RegionWord(PetscInt g) {
  return g == FV_NEG ? "negative electrode" : g == FV_SEP ? "separator" : "positive electrode";
}

/* Severity of a condition, comparable across kinds: how far past (or how close to) its limit the
 * value is, on [0, inf): 0 = at the limit, larger = worse. */
typedef struct {
  PetscReal severity;
  PetscMPIInt rank;
} SevRank;

PetscErrorCode FvDiagnoseState(FvProblem *p, Vec Y, const FvDiagnoseLimits *lim, FvDiagnosis *d) {
  const FvMesh *g  = &p->mesh;
  const FvModel *m = &p->model;
  const PetscInt n = FvMeshNOwned(g);
  PetscReal *fields[FV_NFIELDS + FV_MAX_OUT_FAMILIES + 1];
  FvDiagnosis best = {FV_STOP_NONE, 0, 0, 0, 0};
  SevRank loc      = {-1, 0}, glob;
  MPI_Comm comm    = PetscObjectComm((PetscObject)g->da);
  PetscFunctionBeginUser;
  PetscCall(PetscArrayzero(fields, FV_NFIELDS + FV_MAX_OUT_FAMILIES + 1));
  for (PetscInt f = 0; f < FV_NFIELDS + PetscMin(m->nfam > 1 ? m->nfam : 0, FV_MAX_OUT_FAMILIES);
       f++)
    PetscCall(PetscMalloc1(PetscMax(n, 1), &fields[f]));
  PetscCall(FvProblemFields(p, Y, fields));
  for (PetscInt k = g->zs; k < g->zs + g->zm; k++)
    for (PetscInt j = g->ys; j < g->ys + g->ym; j++)
      for (PetscInt i = g->xs; i < g->xs + g->xm; i++) {
        const PetscInt q = FvMeshOwned(g, i, j, k), rg = g->region[i];
        const FvRegionModel *r = &m->reg[rg];
        if (!r->solid) { /* the liquid's salt: solids keep their mobile-ion concentration */
          const PetscReal ce = fields[FV_FIELD_CE][q], frac = ce / m->c0;
          /* severity: 1 at c_e = 0, 0 at the threshold */
          const PetscReal sev = frac < lim->depleted ? 1 - frac / lim->depleted : -1;
          if (sev >= 0 && sev > loc.severity)
            loc.severity = sev,
            best         = (FvDiagnosis){FV_STOP_ELECTROLYTE_DEPLETED, rg, g->xc[i], ce, m->c0};
        }
        if (r->electrode) {
          const PetscReal th = fields[FV_FIELD_CSSURF][q] / r->c_max;
          const PetscReal lo = th < lim->surface ? 1 - th / lim->surface : -1;
          const PetscReal hi = 1 - th < lim->surface ? 1 - (1 - th) / lim->surface : -1;
          if (PetscIsNanReal(th)) continue;
          if (lo >= 0 && lo > loc.severity)
            loc.severity = lo, best = (FvDiagnosis){FV_STOP_SURFACE_EXHAUSTED, rg, g->xc[i], th, 0};
          if (hi >= 0 && hi > loc.severity)
            loc.severity = hi, best = (FvDiagnosis){FV_STOP_SURFACE_SATURATED, rg, g->xc[i], th, 0};
        }
      }
  for (PetscInt f = 0; f < FV_NFIELDS + FV_MAX_OUT_FAMILIES + 1; f++)
    PetscCall(PetscFree(fields[f]));
  /* the worst over the ranks, then its owner's description everywhere */
  PetscCallMPI(MPI_Comm_rank(comm, &loc.rank));
  PetscCallMPI(MPI_Allreduce(
      &loc, &glob, 1, MPIU_REAL == MPI_DOUBLE ? MPI_DOUBLE_INT : MPI_FLOAT_INT, MPI_MAXLOC, comm));
  {
    PetscReal buf[5] = {(PetscReal)best.cause, (PetscReal)best.region, best.x, best.value,
                        best.initial};
    PetscCallMPI(MPI_Bcast(buf, 5, MPIU_REAL, glob.rank, comm));
    *d = (FvDiagnosis){(FvStopCause)(PetscInt)buf[0], (PetscInt)buf[1], buf[2], buf[3], buf[4]};
  }
  if (glob.severity < 0) d->cause = FV_STOP_NONE;
  PetscFunctionReturn(PETSC_SUCCESS);
}

void FvDiagnosisText(const FvDiagnosis *d, char *buf, size_t len) {
  switch (d->cause) {
  case FV_STOP_ELECTROLYTE_DEPLETED:
    snprintf(buf, len,
             "electrolyte depleted: c_e = %.3g mol/m3 (%.3g %% of initial) in the %s, x = %.4g um",
             (double)d->value, (double)(100 * d->value / d->initial), RegionWord(d->region),
             (double)(1e6 * d->x));
    break;
  case FV_STOP_SURFACE_SATURATED:
    snprintf(buf, len, "particle surface saturated: stoichiometry %.6g in the %s, x = %.4g um",
             (double)d->value, RegionWord(d->region), (double)(1e6 * d->x));
    break;
  case FV_STOP_SURFACE_EXHAUSTED:
    snprintf(buf, len, "particle surface exhausted: stoichiometry %.3g in the %s, x = %.4g um",
             (double)d->value, RegionWord(d->region), (double)(1e6 * d->x));
    break;
  default:
    snprintf(buf, len, "no physical limit found in the last state");
    break;
  }
}

PetscErrorCode FvDiagnoseMargins(FvProblem *p, Vec Y, const FvDiagnoseLimits *lim,
                                 PetscReal g[FV_DIAGNOSE_NMARGINS]) {
  const FvMesh *mesh = &p->mesh;
  const FvModel *m   = &p->model;
  const PetscScalar *a;
  PetscReal loc = PETSC_MAX_REAL;
  PetscFunctionBeginUser;
  PetscCall(VecGetArrayRead(Y, &a));
  for (PetscInt k = mesh->zs; k < mesh->zs + mesh->zm; k++)
    for (PetscInt j = mesh->ys; j < mesh->ys + mesh->ym; j++)
      for (PetscInt i = mesh->xs; i < mesh->xs + mesh->xm; i++) {
        if (m->reg[mesh->region[i]].solid) continue;
        loc = PetscMin(loc, a[FvMeshOwned(mesh, i, j, k) * m->dof + FV_C] / m->c0 - lim->depleted);
      }
  PetscCall(VecRestoreArrayRead(Y, &a));
  PetscCallMPI(
      MPIU_Allreduce(&loc, &g[0], 1, MPIU_REAL, MPIU_MIN, PetscObjectComm((PetscObject)mesh->da)));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* The name of row d of a cell of region rg. */
static void RowName(const FvModel *m, PetscInt rg, PetscInt d, PetscInt i, PetscInt M, char *buf,
                    size_t len) {
  const FvRegionModel *r = &m->reg[rg];
  switch (d) {
  case FV_C:
    snprintf(buf, len, "%s", r->solid ? "mobile-ion balance" : "salt balance of the electrolyte");
    return;
  case FV_PHIE:
    snprintf(buf, len, "charge balance of the electrolyte (phi_e)");
    return;
  case FV_PHIS:
    snprintf(buf, len, "%s",
             r->electrode ? "charge balance of the solid (phi_s)"
                          : (i == M - 1 && m->reg[FV_POS].metal ? "positive metal current"
                                                                : "phi_s identity"));
    return;
  case FV_CUR:
    snprintf(buf, len, "%s",
             i == M - 1 ? "operating-mode (current, voltage or power) or collector row"
                        : "collector current sum");
    return;
  default: {
    const PetscInt f = (d - FV_JN) / m->fstride, o = (d - FV_JN) % m->fstride;
    if (!r->electrode && d == FV_JN)
      snprintf(buf, len, "Butler-Volmer equation of the metal interface");
    else if (o == 0)
      snprintf(buf, len, "Butler-Volmer equation of particle family %d", (int)f);
    else if (o <= m->nr)
      snprintf(buf, len, "solid diffusion in particle family %d (unknown %d)", (int)f,
               (int)(o - 1));
    else
      snprintf(buf, len, "contact law of particle family %d", (int)f);
  }
  }
}

PetscErrorCode FvDiagnoseResidual(FvProblem *p, Vec F, Vec w, char *buf, size_t len) {
  const FvMesh *g  = &p->mesh;
  const FvModel *m = &p->model;
  const PetscScalar *fa, *wa;
  struct {
    PetscReal v;
    PetscMPIInt rank;
  } loc         = {-1, 0}, glob;
  PetscInt best = -1, bi = 0;
  PetscReal info[4] = {0, 0, 0, 0}; /* region, row, x index, value */
  MPI_Comm comm     = PetscObjectComm((PetscObject)g->da);
  PetscFunctionBeginUser;
  PetscCall(VecGetArrayRead(F, &fa));
  PetscCall(VecGetArrayRead(w, &wa));
  for (PetscInt k = g->zs; k < g->zs + g->zm; k++)
    for (PetscInt j = g->ys; j < g->ys + g->ym; j++)
      for (PetscInt i = g->xs; i < g->xs + g->xm; i++) {
        const PetscInt q = FvMeshOwned(g, i, j, k);
        for (PetscInt d = 0; d < m->dof; d++) {
          const PetscReal v = PetscAbsReal(fa[q * m->dof + d] * wa[q * m->dof + d]);
          if (PetscIsNanReal(fa[q * m->dof + d]) ? loc.v < PETSC_MAX_REAL : v > loc.v)
            loc.v = PetscIsNanReal(fa[q * m->dof + d]) ? PETSC_MAX_REAL : v, best = q * m->dof + d,
            bi = i;
        }
      }
  PetscCall(VecRestoreArrayRead(F, &fa));
  PetscCall(VecRestoreArrayRead(w, &wa));
  if (best >= 0) info[0] = g->region[bi], info[1] = best % m->dof, info[2] = bi, info[3] = loc.v;
  PetscCallMPI(MPI_Comm_rank(comm, &loc.rank));
  PetscCallMPI(MPI_Allreduce(
      &loc, &glob, 1, MPIU_REAL == MPI_DOUBLE ? MPI_DOUBLE_INT : MPI_FLOAT_INT, MPI_MAXLOC, comm));
  PetscCallMPI(MPI_Bcast(info, 4, MPIU_REAL, glob.rank, comm));
  {
    char row[96];
    const PetscInt rg = (PetscInt)info[0], i = (PetscInt)info[2];
    RowName(m, rg, (PetscInt)info[1], i, g->M, row, sizeof row);
    if (glob.v < 0)
      snprintf(buf, len, "no residual to report");
    else if (info[3] >= PETSC_MAX_REAL)
      snprintf(buf, len, "%s in the %s at x = %.4g um is not a number", row, RegionWord(rg),
               (double)(1e6 * g->xc[i]));
    else
      snprintf(buf, len, "%s in the %s at x = %.4g um (scaled residual %.3g)", row, RegionWord(rg),
               (double)(1e6 * g->xc[i]), (double)info[3]);
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* One property at x: 1 when it cannot be evaluated or, for a transport coefficient, is not
 * positive. */
static int PropertyBad(const FvModel *m, const FvProperty *pr, PetscReal x, PetscBool positive,
                       PetscReal *v) {
  *v = NAN;
  return FvPropertyEval(pr, x, m->T, m->R, v) || PetscIsNanReal(*v) || (positive && !(*v > 0));
}

PetscErrorCode FvDiagnoseDomain(FvProblem *p, Vec Y, char *buf, size_t len) {
  const FvMesh *g  = &p->mesh;
  const FvModel *m = &p->model;
  const PetscScalar *a;
  char loc[256] = "";
  PetscMPIInt rank, found = 0, first;
  MPI_Comm comm = PetscObjectComm((PetscObject)g->da);
  PetscFunctionBeginUser;
  PetscCallMPI(MPI_Comm_rank(comm, &rank));
  PetscCall(VecGetArrayRead(Y, &a));
  for (PetscInt k = g->zs; k < g->zs + g->zm && !found; k++)
    for (PetscInt j = g->ys; j < g->ys + g->ym && !found; j++)
      for (PetscInt i = g->xs; i < g->xs + g->xm && !found; i++) {
        const PetscInt rg      = g->region[i];
        const FvRegionModel *r = &m->reg[rg];
        const PetscScalar *y   = a + FvMeshOwned(g, i, j, k) * m->dof;
        const PetscReal c = y[FV_C], xum = 1e6 * g->xc[i];
        PetscReal v;
        if (!(c > 0)) {
          snprintf(loc, sizeof loc,
                   "%s concentration %.3g mol/m3 is not positive in the %s, x = %.4g um",
                   r->solid ? "mobile-ion" : "salt", (double)c, RegionWord(rg), (double)xum);
          found = 1;
          break;
        }
        if (!r->solid) {
          const struct {
            const FvProperty *pr;
            const char *name;
            PetscBool positive;
          } e[4] = {{&m->kappa, "electrolyte conductivity", PETSC_TRUE},
                    {&m->D, "salt diffusivity", PETSC_TRUE},
                    {&m->tplus, "transference number", PETSC_FALSE},
                    {&m->tdf, "thermodynamic factor", PETSC_FALSE}};
          for (int q = 0; q < 4 && !found; q++)
            if (PropertyBad(m, e[q].pr, c, e[q].positive, &v)) {
              snprintf(loc, sizeof loc,
                       "%s is %.3g (undefined or not positive) at c_e = %.4g mol/m3, T = %.5g K in "
                       "the %s, x = %.4g um",
                       e[q].name, (double)v, (double)c, (double)m->T, RegionWord(rg), (double)xum);
              found = 1;
            }
        }
        if (!found && r->electrode)
          for (PetscInt f = 0; f < r->nfam && !found; f++) {
            const PetscReal cs = y[FvIdxCs(m, f) + r->nshells - 1], th = cs / r->c_max;
            const PetscReal xd = r->Ds.arg == FV_ARG_CONC ? cs : th;
            if (!(th > 0 && th < 1))
              snprintf(loc, sizeof loc,
                       "particle surface %s: stoichiometry %.6g, outside (0, 1), in the %s, x = "
                       "%.4g um",
                       th >= 1 ? "saturated" : "exhausted", (double)th, RegionWord(rg),
                       (double)xum),
                  found = 1;
            else if (PropertyBad(m, &r->ocp, th, PETSC_FALSE, &v))
              snprintf(
                  loc, sizeof loc,
                  "open-circuit potential undefined at stoichiometry %.6g in the %s, x = %.4g um",
                  (double)th, RegionWord(rg), (double)xum),
                  found = 1;
            else if (PropertyBad(m, &r->Ds, xd, PETSC_TRUE, &v))
              snprintf(loc, sizeof loc,
                       "solid diffusivity is %.3g (undefined or not positive) at stoichiometry "
                       "%.6g, T = %.5g K in the %s, x = %.4g um",
                       (double)v, (double)th, (double)m->T, RegionWord(rg), (double)xum),
                  found = 1;
          }
      }
  PetscCall(VecRestoreArrayRead(Y, &a));
  /* the lowest rank that found something tells */
  {
    PetscMPIInt mine = found ? rank : PETSC_MPI_INT_MAX;
    PetscCallMPI(MPI_Allreduce(&mine, &first, 1, MPI_INT, MPI_MIN, comm));
  }
  if (first == PETSC_MPI_INT_MAX) {
    if (buf && len) buf[0] = 0;
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  PetscCallMPI(MPI_Bcast(loc, sizeof loc, MPI_CHAR, first, comm));
  snprintf(buf, len, "%s", loc);
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Why a fold: a finite-volume particle's surface value is extrapolated from its outer shell,
 * c_surf = c_N - J w_N / (2 n F D_s) (docs/numerics.md §3), so c_surf answers the interface
 * current J at once, with a gain set by the outer half-shell width w_N/2. When the exchange
 * current grows as the surface empties (or fills) -- hard carbon's tabulated rate constant k(c_s)
 * falls to a minimum near c_s = 10 400 mol/m3 and rises 7x below it (Chayambuka et al.,
 * Electrochim. Acta 404, 139764 (2022)) -- the row J - i_BV(c_surf(J), eta) has the derivative
 * 1 + (w_N/(2 n F D_s)) di0/dc_s (2 sinh) + ..., which falls through zero when that gain times
 * the kinetic feedback exceeds one. There the row no longer determines J: the discrete system has
 * a turning point that the continuous model (where the surface answers a flux change only through
 * diffusion, over time) does not have, and IDA's Newton iteration fails at the smallest step. A
 * finer outer shell removes it. */
PetscErrorCode FvDiagnoseInterfaceFold(FvProblem *p, PetscReal t, Vec Y, Vec Yp, Mat J,
                                       PetscReal margin, char *buf, size_t len) {
  const FvMesh *g  = &p->mesh;
  const FvModel *m = &p->model;
  const PetscScalar *da;
  PetscBool bad;
  Vec diag;
  struct {
    PetscReal v;
    PetscMPIInt rank;
  } loc             = {PETSC_MAX_REAL, 0}, glob;
  PetscReal info[4] = {0, 0, 0, 0}; /* region, family, x index, the diagonal */
  MPI_Comm comm     = PetscObjectComm((PetscObject)g->da);
  PetscFunctionBeginUser;
  if (buf && len) buf[0] = 0;
  PetscCall(FvProblemJacobian(p, t, Y, Yp, 1.0, J, &bad));
  {
    PetscBool any = bad;
    PetscCallMPI(MPIU_Allreduce(MPI_IN_PLACE, &any, 1, MPIU_BOOL, MPI_LOR, comm));
    if (any) PetscFunctionReturn(PETSC_SUCCESS); /* a state outside the domain: named elsewhere */
  }
  PetscCall(MatCreateVecs(J, &diag, NULL));
  PetscCall(MatGetDiagonal(J, diag));
  PetscCall(VecGetArrayRead(diag, &da));
  for (PetscInt k = g->zs; k < g->zs + g->zm; k++)
    for (PetscInt j = g->ys; j < g->ys + g->ym; j++)
      for (PetscInt i = g->xs; i < g->xs + g->xm; i++) {
        const PetscInt rg      = g->region[i];
        const FvRegionModel *r = &m->reg[rg];
        if (!r->electrode) continue;
        for (PetscInt f = 0; f < r->nfam; f++) {
          /* only a finite-volume surface closure couples c_surf to J inside the row */
          if (r->fam[f].pdisc == FV_PARTICLE_SPECTRAL) continue;
          const PetscReal v = da[FvMeshOwned(g, i, j, k) * m->dof + FvIdxJn(m, f)];
          if (v < loc.v) loc.v = v, info[0] = rg, info[1] = f, info[2] = i, info[3] = v;
        }
      }
  PetscCall(VecRestoreArrayRead(diag, &da));
  PetscCall(VecDestroy(&diag));
  PetscCallMPI(MPI_Comm_rank(comm, &loc.rank));
  PetscCallMPI(MPI_Allreduce(
      &loc, &glob, 1, MPIU_REAL == MPI_DOUBLE ? MPI_DOUBLE_INT : MPI_FLOAT_INT, MPI_MINLOC, comm));
  if (!(glob.v <= margin)) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCallMPI(MPI_Bcast(info, 4, MPIU_REAL, glob.rank, comm));
  {
    const PetscInt rg = (PetscInt)info[0], f = (PetscInt)info[1], i = (PetscInt)info[2];
    const FvRegionModel *fm = &m->reg[rg].fam[f];
    const PetscReal wN      = fm->rface[fm->nshells] - fm->rface[fm->nshells - 1];
    snprintf(buf, len,
             "interface current undetermined: the Butler-Volmer equation of particle family %d in "
             "the %s, x = %.4g um, folds (slope %.2g): its %.3g nm outer shell is too coarse for "
             "the surface; refine the particle (shells, grading or spectral)",
             (int)f, RegionWord(rg), (double)(1e6 * g->xc[i]), (double)info[3], (double)(1e9 * wN));
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Why: a cell as fabricated with a fully lithiated cathode (an ASSB composite, theta0 = 1) has
 * nothing to give on discharge. The consistent initialisation then puts the surface of the
 * positive particles beyond full at any current, which the residual refuses, and the failure
 * would read as a solver problem; it is the state of the cell. The mean (not the surface)
 * stoichiometry is judged: it is what a rest or a lower current cannot change. */
PetscErrorCode FvDiagnoseNoCapacity(FvProblem *p, Vec Y, PetscReal current, PetscReal margin,
                                    char *buf, size_t len) {
  const FvMesh *g  = &p->mesh;
  const FvModel *m = &p->model;
  const PetscInt n = FvMeshNOwned(g);
  PetscReal *fields[FV_NFIELDS + FV_MAX_OUT_FAMILIES + 1];
  /* per electrode: the least and the largest mean stoichiometry over its cells */
  PetscReal lo[2] = {PETSC_MAX_REAL, PETSC_MAX_REAL}, hi[2] = {-PETSC_MAX_REAL, -PETSC_MAX_REAL};
  MPI_Comm comm = PetscObjectComm((PetscObject)g->da);
  PetscFunctionBeginUser;
  if (buf && len) buf[0] = 0;
  if (current == 0) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(PetscArrayzero(fields, FV_NFIELDS + FV_MAX_OUT_FAMILIES + 1));
  for (PetscInt f = 0; f < FV_NFIELDS + PetscMin(m->nfam > 1 ? m->nfam : 0, FV_MAX_OUT_FAMILIES);
       f++)
    PetscCall(PetscMalloc1(PetscMax(n, 1), &fields[f]));
  PetscCall(FvProblemFields(p, Y, fields));
  for (PetscInt k = g->zs; k < g->zs + g->zm; k++)
    for (PetscInt j = g->ys; j < g->ys + g->ym; j++)
      for (PetscInt i = g->xs; i < g->xs + g->xm; i++) {
        const PetscInt rg = g->region[i], e = rg == FV_POS;
        const PetscReal th =
            fields[FV_FIELD_CSAVG][FvMeshOwned(g, i, j, k)] / PetscMax(m->reg[rg].c_max, 1e-300);
        if (!m->reg[rg].electrode || PetscIsNanReal(th)) continue;
        lo[e] = PetscMin(lo[e], th), hi[e] = PetscMax(hi[e], th);
      }
  for (PetscInt f = 0; f < FV_NFIELDS + FV_MAX_OUT_FAMILIES + 1; f++)
    PetscCall(PetscFree(fields[f]));
  PetscCallMPI(MPIU_Allreduce(MPI_IN_PLACE, lo, 2, MPIU_REAL, MPIU_MIN, comm));
  PetscCallMPI(MPIU_Allreduce(MPI_IN_PLACE, hi, 2, MPIU_REAL, MPIU_MAX, comm));
  {
    const char *what = current > 0 ? "discharge" : "charge";
    /* discharge fills the positive and empties the negative; charge the reverse */
    const PetscBool pos_full  = lo[1] < PETSC_MAX_REAL && lo[1] >= 1 - margin;
    const PetscBool pos_empty = hi[1] > -PETSC_MAX_REAL && hi[1] <= margin;
    const PetscBool neg_full  = lo[0] < PETSC_MAX_REAL && lo[0] >= 1 - margin;
    const PetscBool neg_empty = hi[0] > -PETSC_MAX_REAL && hi[0] <= margin;
    if (current > 0 && pos_full)
      snprintf(
          buf, len,
          "nothing to %s: the positive electrode is fully intercalated (mean stoichiometry "
          "%.6g or more everywhere), as a pristine cell with a fully lithiated cathode is, and "
          "takes up no more ions; charge it first",
          what, (double)lo[1]);
    else if (current > 0 && neg_empty)
      snprintf(buf, len,
               "nothing to %s: the negative electrode is empty (mean stoichiometry %.3g or less "
               "everywhere) and gives up no more ions; charge it first",
               what, (double)hi[0]);
    else if (current < 0 && pos_empty)
      snprintf(buf, len,
               "nothing to %s: the positive electrode is empty (mean stoichiometry %.3g or less "
               "everywhere) and gives up no more ions; discharge it first",
               what, (double)hi[1]);
    else if (current < 0 && neg_full)
      snprintf(buf, len,
               "nothing to %s: the negative electrode is fully intercalated (mean stoichiometry "
               "%.6g or more everywhere) and takes up no more ions; discharge it first",
               what, (double)lo[0]);
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Why: a composite electrode whose particles have all lost their contact with the electrolyte
 * (the isolation switch of the contact law, models/contact.h (C1), is exactly 0 below f_iso -
 * w_iso) has no path left for the current: no particle can react, the Butler-Volmer rows give no
 * current whatever the overpotential, and the solver fails (Shi et al., J. Mater. Chem. A 8, 17399
 * (2020) read near-zero capacity there). That is the state of the cell, which a higher stack
 * pressure can change (a re-press reconnects part of the lost contact, docs/assb.md §8), so the
 * run driver ends the step and goes on with the protocol. A family counts as isolated when its
 * contact before the switch, f = f_0 f_p h(g), is at most f_iso + band w_iso: band -1 is exactly
 * isolated, band +1 is inside the switch (isolating: about to take no current). */
PetscErrorCode FvDiagnoseNoPath(FvProblem *p, Vec Y, PetscReal band, char *buf, size_t len) {
  const FvMesh *g  = &p->mesh;
  const FvModel *m = &p->model;
  const PetscScalar *a;
  /* per electrode: active volume per area, its connected part, the largest contact f */
  PetscReal loc[6] = {0, 0, 0, 0, -1, -1}, glob[6];
  MPI_Comm comm    = PetscObjectComm((PetscObject)g->da);
  PetscFunctionBeginUser;
  if (buf && len) buf[0] = 0;
  if (!m->contact) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(VecGetArrayRead(Y, &a));
  for (PetscInt k = g->zs; k < g->zs + g->zm; k++)
    for (PetscInt j = g->ys; j < g->ys + g->ym; j++)
      for (PetscInt i = g->xs; i < g->xs + g->xm; i++) {
        const PetscInt rg = g->region[i], e = rg == FV_POS;
        const FvRegionModel *r  = &m->reg[rg];
        const FvRegionModel *rc = p->rcell[FvMeshGhost(g, i, j, k)];
        const PetscScalar *v    = a + FvMeshOwned(g, i, j, k) * m->dof;
        if (!r->electrode || r->contact.kind == FV_CONTACT_NONE) continue;
        for (PetscInt fi = 0; fi < r->nfam; fi++) {
          const FvRegionModel *fm = &rc->fam[fi];
          const PetscReal theta   = FvParticleAverage(fm, &v[FvIdxCs(m, fi)]) / r->c_max;
          const PetscReal vol     = fm->eps_am * g->h[i];
          PetscReal gap, dg, f;
          if (FvContactGap(&rc->contact, m->T, m->R, theta, &gap, &dg)) continue; /* not judged */
          f = fm->f0 * v[FvIdxFp(m, fi)] * PetscExpReal(-gap / rc->contact.e_c);
          loc[2 * e] += vol;
          if (f > rc->contact.f_iso + band * rc->contact.iso_width) loc[2 * e + 1] += vol;
          loc[4 + e] = PetscMax(loc[4 + e], f);
        }
      }
  PetscCall(VecRestoreArrayRead(Y, &a));
  PetscCallMPI(MPIU_Allreduce(loc, glob, 4, MPIU_REAL, MPIU_SUM, comm));
  PetscCallMPI(MPIU_Allreduce(loc + 4, glob + 4, 2, MPIU_REAL, MPIU_MAX, comm));
  for (PetscInt e = 1; e >= 0; e--) {
    const FvRegionModel *r = &m->reg[e ? FV_POS : FV_NEG];
    if (!(glob[2 * e] > 0) || glob[2 * e + 1] > 0) continue;
    snprintf(buf, len,
             "no path for the current: every active particle of the %s electrode has lost its "
             "contact with the electrolyte (largest contact fraction %.3g, isolated at or below "
             "%.3g); a higher stack pressure may reconnect it",
             e ? "positive" : "negative", (double)glob[4 + e],
             (double)(r->contact.f_iso + band * r->contact.iso_width));
    break;
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}
