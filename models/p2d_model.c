/* p2d_model.c -- derives the model parameters from a validated case (once, before a run).
 *
 * Owns: FvModelCreate/Destroy. Effective properties follow design.md §3: X_eff = X eps^b
 * (Bruggeman), sigma_eff = sigma (1 - eps_e)^b_s (DUALFOIL and PyBaMM both use one minus
 * the porosity, i.e. all solids incl. filler), a = 3 eps_am / R.
 */
#include <math.h>
#include "p2d.h"

static PetscErrorCode SetUpCopy(const FvProperty *src, FvProperty *dst) {
  PetscFunctionBeginUser;
  PetscCall(FvPropertyCopy(src, dst));
  PetscCall(FvPropertySetUp(dst));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvModelCreate(const FvCase *c, FvModel *m) {
  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(m, sizeof *m));
  m->F         = c->F;
  m->R         = c->R;
  m->T         = c->T;
  m->FRT       = c->F / (c->R * c->T);
  m->zplus     = c->electrolyte.zplus;
  m->nuplus    = c->electrolyte.nuplus;
  m->nu        = c->electrolyte.nuplus + c->electrolyte.numinus;
  m->c0        = c->electrolyte.c0;
  m->one_c     = c->one_c;
  m->r_contact = c->r_contact;
  PetscCall(SetUpCopy(&c->electrolyte.kappa, &m->kappa));
  PetscCall(SetUpCopy(&c->electrolyte.D, &m->D));
  PetscCall(SetUpCopy(&c->electrolyte.tplus, &m->tplus));
  PetscCall(SetUpCopy(&c->electrolyte.tdf, &m->tdf));
  m->nr = 1;
  for (PetscInt g = 0; g < FV_NREGIONS; g++) {
    const FvRegion *in = &c->region[g];
    FvRegionModel *r   = &m->reg[g];
    r->metal           = (PetscBool)(g != FV_SEP && in->metal);
    r->electrode       = (PetscBool)(g != FV_SEP && !in->metal);
    r->h               = in->thickness / in->ncells;
    r->eps_e           = in->porosity;
    r->eps_brugg       = PetscPowReal(in->porosity, in->brugg_e);
    if (r->metal) {
      r->n                 = in->n_electrons;
      r->alpha_a           = in->alpha_a;
      r->alpha_c           = in->alpha_c;
      r->R_film            = in->R_film;
      r->ce_ref            = in->ce_ref;
      r->i0_metal          = in->i0_metal;
      r->metal_capacity    = in->metal_capacity;
      r->metal_ce_exponent = in->metal_ce_exponent;
    }
    if (!r->electrode) continue;
    r->eps_am    = in->eps_am;
    r->sigma_eff = in->sigma * PetscPowReal(1.0 - in->porosity, in->brugg_s);
    r->R         = in->radius;
    r->a         = 3.0 * in->eps_am / in->radius;
    r->nshells   = in->nshells;
    r->dr        = in->radius / in->nshells;
    r->c_max     = in->c_max;
    r->sto0      = in->sto0;
    r->n         = in->n_electrons;
    r->alpha_a   = in->alpha_a;
    r->alpha_c   = in->alpha_c;
    r->R_film    = in->R_film;
    r->ce_ref    = in->ce_ref;
    PetscCall(PetscMalloc2(in->nshells + 1, &r->rface, in->nshells, &r->vol));
    /* shell widths w_k proportional to q^-k (q = particle_grading >= 1: finer towards the
     * surface, where the concentration gradients are), scaled to sum to R */
    {
      const PetscReal q = in->shell_grading > 0 ? in->shell_grading : 1.0;
      PetscReal w = 1, sum = 0;
      r->rface[0] = 0;
      for (PetscInt k = 0; k < in->nshells; k++, w /= q)
        sum += w, r->rface[k + 1] = sum;
      for (PetscInt k = 0; k <= in->nshells; k++)
        r->rface[k] *= in->radius / sum;
      r->rface[in->nshells] = in->radius;
      r->dr = r->rface[in->nshells] - r->rface[in->nshells - 1]; /* the outer shell's width */
    }
    for (PetscInt k = 0; k < in->nshells; k++)
      r->vol[k] = (PetscPowReal(r->rface[k + 1], 3) - PetscPowReal(r->rface[k], 3)) / 3.0;
    PetscCall(SetUpCopy(&in->ocp, &r->ocp));
    PetscCall(SetUpCopy(&in->Ds, &r->Ds));
    PetscCall(SetUpCopy(&in->k0, &r->k0));
    m->nr = PetscMax(m->nr, in->nshells);
  }
  m->dof = FV_CS0 + m->nr;
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvModelDestroy(FvModel *m) {
  PetscFunctionBeginUser;
  PetscCall(FvPropertyDestroy(&m->kappa));
  PetscCall(FvPropertyDestroy(&m->D));
  PetscCall(FvPropertyDestroy(&m->tplus));
  PetscCall(FvPropertyDestroy(&m->tdf));
  for (PetscInt g = 0; g < FV_NREGIONS; g++) {
    FvRegionModel *r = &m->reg[g];
    if (!r->electrode) continue;
    PetscCall(PetscFree2(r->rface, r->vol));
    PetscCall(FvPropertyDestroy(&r->ocp));
    PetscCall(FvPropertyDestroy(&r->Ds));
    PetscCall(FvPropertyDestroy(&r->k0));
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}
