/* problem.c -- assembles the P2D residual over the 1D DMDA (see problem.h).
 *
 * Finite volumes, cell-centred; each equation is integrated over its control volume, so the
 * sum of the salt rows telescopes to the interface sources and the charge rows to zero:
 * conservation is exact up to the nonlinear solve (design.md §4, §6).
 * Boundary conditions (design.md §3): ions blocked at both collectors; phi_s = 0 at the
 * negative collector face; i_s = I at the positive collector face; no electronic current
 * into the separator. The cell current I is an unknown in every cell: I_i = I_{i+1} chains it
 * to the last cell, which carries the operating-mode equation (current, voltage or power).
 * A metal electrode (Li, Na, K, Mg foil) is a planar interface at x = 0 or x = L instead of a
 * porous region: the boundary cell's interface-current unknown (FV_JN, unused in separator
 * cells) is the metal's anodic current density, with the Butler-Volmer equation (U = 0) as its
 * row; the electrolyte face carries that current and the matching cation flux (design.md §3).
 * A metal positive keeps its potential in the last cell's FV_PHIS slot, with the row
 * I + j = 0 (the metal passes the interface current to the collector).
 */
#include <math.h>
#include "problem.h"

PetscErrorCode FvProblemCreate(MPI_Comm comm, const FvCase *c, FvProblem *p) {
  PetscInt xs, xm, gs, gm, dof, *dfill, *ofill;
  PetscBool fv_dense = PETSC_FALSE;
  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(p, sizeof *p));
  PetscCall(FvModelCreate(c, &p->model));
  PetscCall(PetscOptionsGetBool(NULL, NULL, "-fvcell_dense_stencil", &fv_dense, NULL));
  dof = p->model.dof;
  /* Coupling. Within a cell: the non-particle unknowns see each other and the outer shell
   * (FvParticleSurface); the shells are tridiagonal (FvParticleResidual) and see the interface
   * current j_n. Across a face only c, phi_e, phi_s (fluxes) and I (the chain). Particles stay
   * local and sparse, which keeps the Jacobian colouring small: with the assembled-pattern
   * colouring of integrator.c, 14-17 colours instead of dof + 8 (bench/results.md:
   * 10/5/10 cells with 50 shells went from 283 to 71 ms of solve). */
  PetscCall(PetscCalloc2(dof * dof, &dfill, dof * dof, &ofill));
  for (PetscInt r = 0; r < dof; r++)
    dfill[r * dof + r] = 1;
  for (PetscInt r = 0; r <= FV_JN; r++)
    for (PetscInt s = 0; s <= FV_JN; s++)
      dfill[r * dof + s] = 1;
  for (PetscInt g = 0; g < FV_NREGIONS; g++) {
    const FvRegionModel *rg = &p->model.reg[g];
    if (!rg->electrode) continue;
    for (PetscInt f = 0; f < rg->nfam; f++) {
      const PetscInt jn = FvIdxJn(&p->model, f), c0 = FvIdxCs(&p->model, f);
      const PetscInt last = c0 + rg->nshells - 1;
      if (rg->contact.kind != FV_CONTACT_NONE) {
        /* the contact fraction depends on the family's mean stoichiometry and f_p: the family
         * block is dense; c, phi_e, phi_s see the family only through its current J_f, and
         * every row of the block may see c, phi_e, phi_s, I */
        for (PetscInt a = 0; a < FV_JN; a++) {
          dfill[a * dof + jn] = 1;
          for (PetscInt b = jn; b <= FvIdxFp(&p->model, f); b++)
            dfill[b * dof + a] = 1;
        }
        for (PetscInt a = jn; a <= FvIdxFp(&p->model, f); a++)
          for (PetscInt b = jn; b <= FvIdxFp(&p->model, f); b++)
            dfill[a * dof + b] = 1;
        continue;
      }
      for (PetscInt a = 0; a < FV_JN; a++)
        dfill[a * dof + jn] = dfill[jn * dof + a] = 1;
      for (PetscInt a = 0; a < FV_JN; a++)
        dfill[a * dof + last] = 1;
      dfill[jn * dof + last] = 1;
      for (PetscInt k = c0; k <= last; k++) {
        if (k > c0) dfill[k * dof + k - 1] = 1;
        if (k < last) dfill[k * dof + k + 1] = 1;
        dfill[k * dof + jn] = 1;
      }
    }
  }
  for (PetscInt r = FV_C; r <= FV_CUR; r++)
    for (PetscInt s = FV_C; s <= FV_CUR; s++)
      ofill[r * dof + s] = 1;
  PetscCall(
      FvMesh1DCreate(comm, c, dof, fv_dense ? NULL : dfill, fv_dense ? NULL : ofill, &p->mesh));
  PetscCall(PetscFree2(dfill, ofill));
  PetscCall(DMCreateLocalVector(p->mesh.da, &p->Yloc));
  PetscCall(DMDAGetCorners(p->mesh.da, &xs, NULL, NULL, &xm, NULL, NULL));
  PetscCall(DMDAGetGhostCorners(p->mesh.da, &gs, NULL, NULL, &gm, NULL, NULL));
  PetscCall(PetscMalloc3(xm + 1, &p->N, xm + 1, &p->ie, xm + 1, &p->is));
  PetscCall(PetscMalloc(gm * sizeof(FvElectrolyteState), &p->es));
  p->mode      = FV_MODE_CURRENT;
  p->set_point = c->one_c;
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvProblemDestroy(FvProblem *p) {
  PetscFunctionBeginUser;
  PetscCall(PetscFree3(p->N, p->ie, p->is));
  PetscCall(PetscFree(p->es));
  PetscCall(VecDestroy(&p->Yloc));
  PetscCall(FvMesh1DDestroy(&p->mesh));
  PetscCall(FvModelDestroy(&p->model));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Voltage of the last cell's state: phi_s at the collector face minus the contact drop. */
static PetscReal CellVoltage(const FvProblem *p, const PetscScalar *ylast) {
  const FvRegionModel *r = &p->model.reg[FV_POS];
  const PetscReal Ic     = ylast[FV_CUR];
  if (r->metal) return ylast[FV_PHIS] - p->model.r_contact * Ic;
  return ylast[FV_PHIS] - Ic * 0.5 * r->h / r->sigma_eff - p->model.r_contact * Ic;
}

PetscErrorCode FvProblemResidual(FvProblem *p, PetscReal t, Vec Y, Vec Yp, Vec F, PetscBool *bad) {
  const FvModel *m       = &p->model;
  const FvMesh1D *mesh   = &p->mesh;
  FvElectrolyteState *es = (FvElectrolyteState *)p->es;
  PetscInt xs, xm, gs, gm, M = mesh->M;
  const PetscScalar **y, **yp;
  PetscScalar **f;
  int err = 0;
  (void)t;
  PetscFunctionBeginUser;
  p->nres++;
  PetscCall(DMGlobalToLocal(mesh->da, Y, INSERT_VALUES, p->Yloc));
  PetscCall(DMDAGetCorners(mesh->da, &xs, NULL, NULL, &xm, NULL, NULL));
  PetscCall(DMDAGetGhostCorners(mesh->da, &gs, NULL, NULL, &gm, NULL, NULL));
  PetscCall(DMDAVecGetArrayDOFRead(mesh->da, p->Yloc, (void *)&y));
  PetscCall(DMDAVecGetArrayDOFRead(mesh->da, Yp, (void *)&yp));
  PetscCall(DMDAVecGetArrayDOF(mesh->da, F, &f));

  for (PetscInt i = gs; i < gs + gm; i++)
    err |= FvElectrolyteEval(m, &m->reg[mesh->region[i]], y[i][FV_C], &es[i - gs]);
  if (err) goto done;
  /* faces xs .. xs+xm; face k lies between cells k-1 and k */
  for (PetscInt k = xs; k <= xs + xm; k++) {
    PetscReal *N = &p->N[k - xs], *ie = &p->ie[k - xs], *is = &p->is[k - xs];
    if (k == 0 && m->reg[FV_NEG].metal) { /* metal | electrolyte: the anodic metal current enters */
      *ie = y[0][FV_JN];
      *N  = *ie / (m->zplus * m->nuplus * m->F);
      *is = 0;
    } else if (k == 0) {
      const FvRegionModel *r = &m->reg[mesh->region[0]];
      *N = *ie = 0;
      *is      = -y[0][FV_PHIS] / (0.5 * mesh->h[0] / r->sigma_eff); /* phi_s = 0 at x = 0 */
    } else if (k == M && m->reg[FV_POS].metal) { /* electrolyte | metal: the current leaves */
      *ie = -y[M - 1][FV_JN];
      *N  = *ie / (m->zplus * m->nuplus * m->F);
      *is = 0;
    } else if (k == M) {
      *N = *ie = 0;
      *is      = y[M - 1][FV_CUR];
    } else {
      const PetscInt gL = mesh->region[k - 1], gR = mesh->region[k];
      FvElectrolyteFace(m, mesh->h[k - 1], mesh->h[k], &es[k - 1 - gs], &es[k - gs], y[k - 1][FV_C],
                        y[k][FV_C], y[k - 1][FV_PHIE], y[k][FV_PHIE], N, ie);
      if (gL == gR && m->reg[gL].electrode) {
        const PetscReal rs =
            0.5 * mesh->h[k - 1] / m->reg[gL].sigma_eff + 0.5 * mesh->h[k] / m->reg[gR].sigma_eff;
        *is = -(y[k][FV_PHIS] - y[k - 1][FV_PHIS]) / rs;
      } else
        *is = 0;
    }
  }
  for (PetscInt i = xs; i < xs + xm; i++) {
    const FvRegionModel *r = &m->reg[mesh->region[i]];
    const PetscInt k       = i - xs;
    const PetscReal h = mesh->h[i], jn = y[i][FV_JN];
    PetscReal src = 0; /* reaction current in the cell [A m-2] */
    /* particle families: every slot has a row; unused slots are identities */
    for (PetscInt fi = 0; fi < m->nfam; fi++) {
      const PetscInt J = FvIdxJn(m, fi), C0 = FvIdxCs(m, fi), P = FvIdxFp(m, fi);
      if (r->electrode && fi < r->nfam) {
        const FvRegionModel *fm = &r->fam[fi];
        const PetscReal jf = y[i][J], fp = m->contact ? y[i][P] : 1.0;
        const PetscReal theta = FvParticleAverage(fm, &y[i][C0]) / r->c_max;
        PetscReal fc, cs_surf;
        err |= FvContactFraction(&r->contact, m->T, m->R, fm->f0, fp, theta, &fc);
        /* jf: current per particle area, spread over the particle's surface (p2d.h) */
        err |= FvParticleSurface(m, fm, &y[i][C0], jf, &cs_surf);
        err |= FvKineticsResidualContact(m, fm, fc, y[i][FV_C], cs_surf, y[i][FV_PHIS],
                                         y[i][FV_PHIE], jf, &f[i][J]);
        err |= FvParticleResidual(m, fm, &y[i][C0], &yp[i][C0], jf, &f[i][C0]);
        for (PetscInt sh = r->nshells; sh < m->nr; sh++)
          f[i][C0 + sh] = y[i][C0 + sh];
        if (m->contact) {
          if (r->contact.kind != FV_CONTACT_NONE) {
            const PetscReal theta_t = FvParticleAverage(fm, &yp[i][C0]) / r->c_max;
            err |=
                FvContactResidual(&r->contact, m->T, m->R, fp, yp[i][P], theta, theta_t, &f[i][P]);
          } else
            f[i][P] = fp - 1.0;
        }
        src += fm->a * jf * h;
      } else {
        f[i][J] = y[i][J];
        for (PetscInt sh = 0; sh < m->nr; sh++)
          f[i][C0 + sh] = y[i][C0 + sh];
        if (m->contact) f[i][P] = y[i][P];
      }
    }
    if (r->solid) /* single-ion conductor: its mobile-ion concentration does not change */
      f[i][FV_C] = r->eps_e * h * yp[i][FV_C];
    else
      f[i][FV_C] = r->eps_e * h * yp[i][FV_C] + (p->N[k + 1] - p->N[k]) -
                   src / (m->zplus * m->nuplus * m->F);
    f[i][FV_PHIE] = (p->ie[k + 1] - p->ie[k]) - src;
    if (i < M - 1)
      f[i][FV_CUR] = y[i][FV_CUR] - y[i + 1][FV_CUR];
    else {
      const PetscReal V = CellVoltage(p, y[i]), Ic = y[i][FV_CUR];
      switch (p->mode) {
      case FV_MODE_CURRENT:
        f[i][FV_CUR] = Ic - p->set_point;
        break;
      case FV_MODE_VOLTAGE:
        f[i][FV_CUR] = V - p->set_point;
        break;
      case FV_MODE_POWER:
        f[i][FV_CUR] = Ic * V - p->set_point;
        break;
      }
    }
    if (r->electrode) {
      f[i][FV_PHIS] = (p->is[k + 1] - p->is[k]) + src;
    } else {
      f[i][FV_PHIS] = y[i][FV_PHIS];
      if (i == 0 && m->reg[FV_NEG].metal) { /* negative metal at x = 0, grounded */
        PetscReal cf, pf;
        FvElectrolyteBoundaryFace(m, h, &es[i - gs], y[i][FV_C], y[i][FV_PHIE], jn, -1, &cf, &pf);
        err |= FvMetalKineticsResidual(m, &m->reg[FV_NEG], cf, 0.0, pf, jn, &f[i][FV_JN]);
      }
      if (i == M - 1 && m->reg[FV_POS].metal) { /* positive metal at x = L, potential in FV_PHIS */
        PetscReal cf, pf;
        FvElectrolyteBoundaryFace(m, h, &es[i - gs], y[i][FV_C], y[i][FV_PHIE], -jn, +1, &cf, &pf);
        err |= FvMetalKineticsResidual(m, &m->reg[FV_POS], cf, y[i][FV_PHIS], pf, jn, &f[i][FV_JN]);
        f[i][FV_PHIS] = y[i][FV_CUR] + jn;
      }
    }
  }
done:
  PetscCall(DMDAVecRestoreArrayDOFRead(mesh->da, p->Yloc, (void *)&y));
  PetscCall(DMDAVecRestoreArrayDOFRead(mesh->da, Yp, (void *)&yp));
  PetscCall(DMDAVecRestoreArrayDOF(mesh->da, F, &f));
  *bad = err ? PETSC_TRUE : PETSC_FALSE;
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvProblemSetId(FvProblem *p, Vec id) {
  PetscInt xs, xm;
  PetscScalar **v;
  PetscFunctionBeginUser;
  PetscCall(DMDAGetCorners(p->mesh.da, &xs, NULL, NULL, &xm, NULL, NULL));
  PetscCall(DMDAVecGetArrayDOF(p->mesh.da, id, &v));
  for (PetscInt i = xs; i < xs + xm; i++) {
    const FvRegionModel *r = &p->model.reg[p->mesh.region[i]];
    for (PetscInt d = 0; d < p->model.dof; d++)
      v[i][d] = 0;
    v[i][FV_C] = 1;
    if (r->electrode)
      for (PetscInt fi = 0; fi < r->nfam; fi++) {
        for (PetscInt s = 0; s < r->nshells; s++)
          v[i][FvIdxCs(&p->model, fi) + s] = 1;
        if (r->contact.kind != FV_CONTACT_NONE) v[i][FvIdxFp(&p->model, fi)] = 1;
      }
  }
  PetscCall(DMDAVecRestoreArrayDOF(p->mesh.da, id, &v));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvProblemSetAbsTol(FvProblem *p, PetscReal rtol, Vec atol) {
  PetscInt xs, xm;
  PetscScalar **v;
  const FvModel *m = &p->model;
  PetscFunctionBeginUser;
  PetscCall(DMDAGetCorners(p->mesh.da, &xs, NULL, NULL, &xm, NULL, NULL));
  PetscCall(DMDAVecGetArrayDOF(p->mesh.da, atol, &v));
  for (PetscInt i = xs; i < xs + xm; i++) {
    const FvRegionModel *r = &m->reg[p->mesh.region[i]];
    /* scales: concentration c0, potentials 1 V, current 1C, interface current 1C/(a L) */
    v[i][FV_C]    = rtol * m->c0;
    v[i][FV_PHIE] = rtol;
    v[i][FV_PHIS] = rtol;
    v[i][FV_CUR]  = rtol * m->one_c;
    for (PetscInt fi = 0; fi < m->nfam; fi++) {
      v[i][FvIdxJn(m, fi)] =
          r->electrode ? rtol * m->one_c / (r->a * r->h * p->mesh.M) : rtol * m->one_c;
      for (PetscInt s = 0; s < m->nr; s++)
        v[i][FvIdxCs(m, fi) + s] = rtol * (r->electrode ? r->c_max : 1.0);
      if (m->contact) v[i][FvIdxFp(m, fi)] = rtol; /* f_p is of order one */
    }
  }
  PetscCall(DMDAVecRestoreArrayDOF(p->mesh.da, atol, &v));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvProblemInitialState(FvProblem *p, Vec Y) {
  PetscInt xs, xm;
  PetscScalar **v;
  const FvModel *m = &p->model;
  PetscFunctionBeginUser;
  PetscCall(DMDAGetCorners(p->mesh.da, &xs, NULL, NULL, &xm, NULL, NULL));
  PetscCall(DMDAVecGetArrayDOF(p->mesh.da, Y, &v));
  for (PetscInt i = xs; i < xs + xm; i++) {
    const FvRegionModel *r = &m->reg[p->mesh.region[i]];
    for (PetscInt d = 0; d < m->dof; d++)
      v[i][d] = 0;
    v[i][FV_C] = r->solid ? r->c_ion : m->c0;
    if (r->electrode)
      for (PetscInt fi = 0; fi < r->nfam; fi++) {
        for (PetscInt s = 0; s < r->nshells; s++)
          v[i][FvIdxCs(m, fi) + s] = r->sto0 * r->c_max;
        if (m->contact) v[i][FvIdxFp(m, fi)] = 1; /* full permanent contact at fabrication */
      }
  }
  PetscCall(DMDAVecRestoreArrayDOF(p->mesh.da, Y, &v));
  PetscCall(FvProblemGuessAlgebraic(p, Y));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Guess: open-circuit potentials of the mean particle states, phi_e so that the negative is at
 * equilibrium, the current spread uniformly over each electrode. IDACalcIC corrects it. */
PetscErrorCode FvProblemGuessAlgebraic(FvProblem *p, Vec Y) {
  PetscInt xs, xm;
  PetscScalar **v;
  const FvModel *m         = &p->model;
  PetscReal U[FV_NREGIONS] = {0, 0, 0}, loc[4] = {0, 0, 0, 0}, glob[4], Iguess, V;
  PetscFunctionBeginUser;
  PetscCall(DMDAGetCorners(p->mesh.da, &xs, NULL, NULL, &xm, NULL, NULL));
  PetscCall(DMDAVecGetArrayDOF(p->mesh.da, Y, &v));
  /* mean surface stoichiometry of each electrode (outer shell), volume-weighted */
  for (PetscInt i = xs; i < xs + xm; i++) {
    const PetscInt g       = p->mesh.region[i];
    const FvRegionModel *r = &m->reg[g];
    if (!r->electrode) continue;
    for (PetscInt fi = 0; fi < r->nfam; fi++)
      loc[g == FV_NEG ? 0 : 2] +=
          v[i][FvIdxCs(m, fi) + r->nshells - 1] * p->mesh.h[i] * r->fam[fi].eps_am / r->eps_am;
    loc[g == FV_NEG ? 1 : 3] += p->mesh.h[i];
  }
  PetscCall(
      MPIU_Allreduce(loc, glob, 4, MPIU_REAL, MPI_SUM, PetscObjectComm((PetscObject)p->mesh.da)));
  for (PetscInt g = 0; g < FV_NREGIONS; g += 2) {
    const FvRegionModel *r = &m->reg[g];
    if (!r->electrode) continue; /* a metal is at U = 0 */
    {
      const PetscReal cs = glob[g == FV_NEG ? 0 : 2] / glob[g == FV_NEG ? 1 : 3];
      (void)FvOpenCircuit(m, r, PetscMin(PetscMax(cs, 1e-6 * r->c_max), (1 - 1e-6) * r->c_max),
                          &U[g]);
    }
  }
  V = U[FV_POS] - U[FV_NEG];
  switch (p->mode) {
  case FV_MODE_CURRENT:
    Iguess = p->set_point;
    break;
  case FV_MODE_VOLTAGE:
    Iguess = 0;
    break;
  default:
    Iguess = p->set_point / V;
    break;
  }
  for (PetscInt i = xs; i < xs + xm; i++) {
    const PetscInt g       = p->mesh.region[i];
    const FvRegionModel *r = &m->reg[g];
    const PetscReal Lg     = p->mesh.h[i] * (p->mesh.first[g + 1] - p->mesh.first[g]);
    v[i][FV_PHIE]          = -U[FV_NEG];
    v[i][FV_CUR]           = Iguess;
    v[i][FV_PHIS]          = g == FV_NEG ? 0 : (g == FV_POS ? V : 0);
    if (r->electrode) { /* uniform reaction over the particle area */
      for (PetscInt fi = 0; fi < r->nfam; fi++)
        v[i][FvIdxJn(m, fi)] = (g == FV_NEG ? 1 : -1) * Iguess / (r->a * Lg);
    } else
      v[i][FV_JN] = 0;
    if (i == 0 && m->reg[FV_NEG].metal) v[i][FV_JN] = Iguess;
    if (i == p->mesh.M - 1 && m->reg[FV_POS].metal) v[i][FV_JN] = -Iguess, v[i][FV_PHIS] = V;
  }
  PetscCall(DMDAVecRestoreArrayDOF(p->mesh.da, Y, &v));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvProblemVoltage(FvProblem *p, Vec Y, PetscReal *V, PetscReal *Icell) {
  PetscInt xs, xm, M = p->mesh.M;
  PetscReal loc[2] = {0, 0}, glob[2];
  const PetscScalar **v;
  PetscFunctionBeginUser;
  PetscCall(DMDAGetCorners(p->mesh.da, &xs, NULL, NULL, &xm, NULL, NULL));
  PetscCall(DMDAVecGetArrayDOFRead(p->mesh.da, Y, (void *)&v));
  if (xs + xm == M) {
    loc[0] = CellVoltage(p, v[M - 1]);
    loc[1] = v[M - 1][FV_CUR];
  }
  PetscCall(DMDAVecRestoreArrayDOFRead(p->mesh.da, Y, (void *)&v));
  PetscCall(
      MPIU_Allreduce(loc, glob, 2, MPIU_REAL, MPI_SUM, PetscObjectComm((PetscObject)p->mesh.da)));
  *V = glob[0];
  if (Icell) *Icell = glob[1];
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvProblemInventory(FvProblem *p, Vec Y, PetscReal *n_e, PetscReal *n_s) {
  PetscInt xs, xm;
  PetscReal loc[2] = {0, 0}, glob[2];
  const PetscScalar **v;
  PetscFunctionBeginUser;
  PetscCall(DMDAGetCorners(p->mesh.da, &xs, NULL, NULL, &xm, NULL, NULL));
  PetscCall(DMDAVecGetArrayDOFRead(p->mesh.da, Y, (void *)&v));
  for (PetscInt i = xs; i < xs + xm; i++) {
    const FvRegionModel *r = &p->model.reg[p->mesh.region[i]];
    /* salt moles times nu+ = cation moles: the working ion in solution */
    loc[0] += r->eps_e * p->mesh.h[i] * v[i][FV_C] * p->model.nuplus;
    if (r->electrode)
      for (PetscInt fi = 0; fi < r->nfam; fi++)
        loc[1] += r->fam[fi].eps_am * p->mesh.h[i] *
                  FvParticleAverage(&r->fam[fi], &v[i][FvIdxCs(&p->model, fi)]);
  }
  PetscCall(DMDAVecRestoreArrayDOFRead(p->mesh.da, Y, (void *)&v));
  PetscCall(
      MPIU_Allreduce(loc, glob, 2, MPIU_REAL, MPI_SUM, PetscObjectComm((PetscObject)p->mesh.da)));
  *n_e = glob[0];
  *n_s = glob[1];
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvProblemFields(FvProblem *p, Vec Y, PetscReal *fields[]) {
  PetscInt xs, xm;
  const PetscScalar **v;
  PetscFunctionBeginUser;
  PetscCall(DMDAGetCorners(p->mesh.da, &xs, NULL, NULL, &xm, NULL, NULL));
  PetscCall(DMDAVecGetArrayDOFRead(p->mesh.da, Y, (void *)&v));
  for (PetscInt i = xs; i < xs + xm; i++) {
    const FvModel *m         = &p->model;
    const FvRegionModel *r   = &m->reg[p->mesh.region[i]];
    const PetscInt k         = i - xs;
    fields[FV_FIELD_CE][k]   = v[i][FV_C];
    fields[FV_FIELD_PHIE][k] = v[i][FV_PHIE];
    for (PetscInt fi = 0; m->nfam > 1 && fi < PetscMin(m->nfam, FV_MAX_OUT_FAMILIES); fi++)
      fields[FV_NFIELDS + fi][k] = NAN;
    if (r->electrode) {
      /* volume-weighted over the families; contact area-weighted */
      PetscReal surf = 0, avg = 0, area = 0;
      for (PetscInt fi = 0; fi < r->nfam; fi++) {
        const FvRegionModel *fm = &r->fam[fi];
        const PetscInt C0       = FvIdxCs(m, fi);
        const PetscReal w = fm->eps_am / r->eps_am, fp = m->contact ? v[i][FvIdxFp(m, fi)] : 1.0;
        const PetscReal mean = FvParticleAverage(fm, &v[i][C0]);
        PetscReal cs_surf = NAN, fc = NAN;
        (void)FvContactFraction(&r->contact, m->T, m->R, fm->f0, fp, mean / r->c_max, &fc);
        (void)FvParticleSurface(m, fm, &v[i][C0], v[i][FvIdxJn(m, fi)], &cs_surf);
        surf += w * cs_surf;
        avg += w * mean;
        area += fm->a * fc;
        if (m->nfam > 1 && fi < FV_MAX_OUT_FAMILIES) fields[FV_NFIELDS + fi][k] = fc;
      }
      fields[FV_FIELD_PHIS][k]    = v[i][FV_PHIS];
      fields[FV_FIELD_CSSURF][k]  = surf;
      fields[FV_FIELD_CSAVG][k]   = avg;
      fields[FV_FIELD_CONTACT][k] = area / r->a;
      fields[FV_FIELD_AREA][k]    = area;
    } else {
      fields[FV_FIELD_PHIS][k] = fields[FV_FIELD_CSSURF][k] = fields[FV_FIELD_CSAVG][k] = NAN;
      fields[FV_FIELD_CONTACT][k] = fields[FV_FIELD_AREA][k] = NAN;
    }
  }
  PetscCall(DMDAVecRestoreArrayDOFRead(p->mesh.da, Y, (void *)&v));
  PetscFunctionReturn(PETSC_SUCCESS);
}
