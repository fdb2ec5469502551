/* p2d_model.c -- derives the model parameters from a validated case (once, before a run).
 *
 * Owns: FvModelCreate/Destroy. Effective properties follow docs/model.md §3: X_eff = X eps^b
 * (Bruggeman), sigma_eff = sigma (1 - eps_e)^b_s (DUALFOIL and PyBaMM both use one minus
 * the porosity, i.e. all solids incl. filler), a = 3 eps_am / R per particle family; a solid
 * electrolyte's effective conductivity by percolation, Bruggeman or a measured value (docs/model.md
 * §3); the contact law's accommodation strain p/E*.
 */
#include <math.h>
#include "p2d.h"
#include "percolation.h"

static PetscErrorCode SetUpCopy(const FvProperty *src, FvProperty *dst) {
  PetscFunctionBeginUser;
  PetscCall(FvPropertyCopy(src, dst));
  PetscCall(FvPropertySetUp(dst));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Effective conductivity of a solid electrolyte at volume fraction e by the region's law. Below
 * the percolation threshold a residual 1e-6 of the bulk value keeps phi_e defined (the network
 * does not conduct; the reaction collapses onto the separator face). */
static PetscReal SESigmaEff(const FvRegionModel *r, PetscReal e) {
  PetscReal eff = 0;
  switch (r->se_law) {
  case FV_SIGMA_PERCOLATION:
    eff = FvPercolationConductivity(r->se_sigma, e, r->se_threshold, r->se_exponent);
    break;
  case FV_SIGMA_BRUGGEMAN:
    eff = r->se_sigma * PetscPowReal(e, r->se_exponent);
    break;
  case FV_SIGMA_MEASURED:
    eff = r->se_measured;
    break;
  }
  return PetscMax(eff, 1e-6 * r->se_sigma);
}

/* Electronic conductivity of an electrode's solids (volume fraction phi_s) with bulk sigma:
 * Bruggeman (docs/model.md eq. (6)) or the percolation law of the network (docs/assb.md §1); below
 * the threshold a residual 1e-6 sigma keeps phi_s defined, as for the solid electrolyte. */
static PetscReal ElSigmaEff(const FvRegionModel *r, PetscReal sigma, PetscReal phi_s) {
  phi_s = PetscMax(phi_s, 0.0);
  if (!r->el_percolation) return sigma * PetscPowReal(phi_s, r->brugg_s);
  return PetscMax(FvPercolationConductivity(sigma, phi_s, r->el_threshold, r->el_exponent),
                  1e-6 * sigma);
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
  m->heat_form = c->thermal.reaction_heat;
  PetscCall(SetUpCopy(&c->electrolyte.kappa, &m->kappa));
  PetscCall(SetUpCopy(&c->electrolyte.D, &m->D));
  PetscCall(SetUpCopy(&c->electrolyte.tplus, &m->tplus));
  PetscCall(SetUpCopy(&c->electrolyte.tdf, &m->tdf));
  m->nr   = 1;
  m->nfam = 1;
  for (PetscInt g = 0; g < FV_NREGIONS; g++) {
    const FvRegion *in = &c->region[g];
    FvRegionModel *r   = &m->reg[g];
    r->metal           = (PetscBool)(g != FV_SEP && in->metal);
    r->electrode       = (PetscBool)(g != FV_SEP && !in->metal);
    r->h               = in->thickness / in->ncells;
    r->eps_e           = in->porosity;
    r->eps_brugg       = PetscPowReal(in->porosity, in->brugg_e);
    if (r->metal || r->electrode) { /* the interface's Butler-Volmer keys, either kind */
      r->n       = in->n_electrons;
      r->alpha_a = in->alpha_a;
      r->alpha_c = in->alpha_c;
      r->R_film  = in->R_film + in->R_interface; /* both per contacting area (0 for a metal) */
      r->ce_ref  = in->ce_ref;
      /* the film's Arrhenius factor applies to the interface resistance as well */
      r->R_film_Ea   = in->R_film_Ea;
      r->R_film_Tref = in->R_film_Tref > 0 ? in->R_film_Tref : 298.15;
    }
    if (r->metal) {
      r->i0_metal          = in->i0_metal;
      r->metal_capacity    = in->metal_capacity;
      r->metal_ce_exponent = in->metal_ce_exponent;
    }
    r->porosity = in->porosity;
    r->brugg_e  = in->brugg_e;
    r->brugg_s  = in->brugg_s;
    if (in->se.present) {
      /* single-ion solid electrolyte (docs/model.md §4): conductivity of the network by the case's
       * law of its volume fraction; the bulk Arrhenius factor at the cell temperature */
      (void)FvPropertyEval(&in->se.sigma, 0, c->T, c->R, &r->se_sigma);
      r->se_law       = in->se.law;
      r->se_threshold = in->se.threshold;
      r->se_exponent  = in->se.exponent;
      r->se_measured  = in->se.sigma_measured;
      r->eps_se       = in->eps_se;
      r->solid        = PETSC_TRUE;
      r->sigma_se_eff = SESigmaEff(r, in->eps_se);
      r->se_Ea        = in->se.sigma.Ea;
      r->c_ion        = in->se.c_ion;
      r->eps_e        = in->eps_se;
      r->eps_brugg    = 1;
    }
    if (!r->electrode) continue;
    r->eps_am = in->eps_am;
    /* electronic network: all solids of a liquid-filled electrode; in a solid-electrolyte
     * composite the active material and carbon, not the SE (docs/model.md eq. (6)) */
    r->sigma_bulk     = in->sigma;
    r->el_percolation = in->el_percolation;
    r->el_threshold   = in->el_threshold;
    r->el_exponent    = in->el_exponent;
    r->sigma_eff = ElSigmaEff(r, in->sigma, 1.0 - in->porosity - (in->se.present ? in->eps_se : 0));
    r->nshells   = in->nshells;
    r->c_max     = in->c_max;
    r->sto0      = in->sto0;
    PetscCall(SetUpCopy(&in->ocp, &r->ocp));
    PetscCall(SetUpCopy(&in->Ds, &r->Ds));
    PetscCall(SetUpCopy(&in->k0, &r->k0));
    if (in->dUdT.kind != FV_PROP_UNSET) PetscCall(SetUpCopy(&in->dUdT, &r->dUdT));
    if (in->contact.enabled) {
      /* accommodation strain p/E* (docs/model.md §8) of the active material and the region's SE */
      const PetscReal Einv = (1 - in->contact.nu_am * in->contact.nu_am) / in->contact.E_am +
                             (1 - in->se.nu * in->se.nu) / in->se.E;
      FvContactLaw *law = &r->contact;
      law->kind         = FV_CONTACT_GAP;
      law->e_c          = in->contact.e_c;
      law->k_irr        = in->contact.k_irr;
      law->f_iso        = in->contact.f_iso;
      law->iso_width    = in->contact.iso_width;
      law->gap_width    = in->contact.gap_width;
      law->sto_fab      = in->contact.sto_fab;
      law->compliance   = Einv;
      law->phi_rec      = in->contact.phi_rec;
      law->p_rec        = in->contact.p_rec;
      FvContactSetPressure(law, c->stack_pressure); /* e_acc; a protocol step may change it */
      PetscCall(SetUpCopy(&in->contact.dvv, &law->dvv));
      (void)FvPropertyEval(&law->dvv, law->sto_fab, c->T, c->R, &law->dvv_fab);
      m->contact = PETSC_TRUE;
    }
    r->interphase = in->interphase;
    {
      /* size-dependent isolation (models/contact.h): each family of the case gets an isolated
       * twin (f_0 = 0, families nin .. 2 nin - 1) holding the share x(R) of its volume */
      const PetscInt nin            = in->nfam > 0 ? in->nfam : 1;
      const FvSizeIsolation sizelaw = {in->contact.iso_xmax, in->contact.iso_radius,
                                       in->contact.iso_exponent};
      const PetscBool split         = (PetscBool)(in->contact.enabled && sizelaw.x_max > 0);
      r->nfam                       = split ? 2 * nin : nin;
      PetscCall(PetscCalloc1(r->nfam, &r->fam));
      r->a = 0;
      for (PetscInt f = 0; f < r->nfam; f++) {
        FvRegionModel *fm   = &r->fam[f];
        const PetscInt fi   = f % nin;
        const PetscBool iso = (PetscBool)(f >= nin);
        const PetscReal R   = in->nfam > 0 ? in->fam_radius[fi] : in->radius;
        const PetscReal x   = split ? FvContactSizeIsolated(&sizelaw, R) : 0;
        const PetscReal w   = (in->nfam > 0 ? in->fam_fraction[fi] : 1.0) * (iso ? x : 1 - x);
        *fm                 = *r; /* shares ocp, Ds, k0, contact with the region (owned there) */
        fm->fam             = NULL;
        fm->nfam            = 0;
        fm->R               = R;
        fm->a               = 3.0 * in->eps_am * w / R;
        fm->eps_am          = in->eps_am * w;
        fm->f0              = iso ? 0 : (in->nfam > 0 ? in->fam_f0[fi] : 1.0);
        PetscCall(FvParticleSetUp(fm, in->particle_disc, in->nshells, R, in->shell_grading));
        r->a += fm->a;
      }
    }
    /* the region's own particle geometry is family 0's */
    r->R     = r->fam[0].R;
    r->dr    = r->fam[0].dr;
    r->rface = r->fam[0].rface;
    r->vol   = r->fam[0].vol;
    r->pdisc = r->fam[0].pdisc;
    r->xn = r->fam[0].xn, r->w = r->fam[0].w, r->Dx = r->fam[0].Dx, r->G = r->fam[0].G;
    r->f0   = r->fam[0].f0;
    m->nr   = PetscMax(m->nr, in->nshells);
    m->nfam = PetscMax(m->nfam, r->nfam);
  }
  m->fstride = 1 + m->nr + (m->contact ? 1 : 0);
  m->dof     = FV_JN + m->nfam * m->fstride;
  PetscFunctionReturn(PETSC_SUCCESS);
}

void FvModelCellProps(const FvModel *m, PetscInt g, const PetscReal val[], FvCellProps *cp) {
  const FvRegionModel *r = &m->reg[g];
  cp->eps_e              = r->eps_e;
  cp->eps_brugg          = r->eps_brugg;
  cp->sigma_se_eff       = r->sigma_se_eff;
  cp->sigma_eff          = r->sigma_eff;
  cp->am_scale           = 1;
  cp->r_scale            = 1;
  cp->contact            = 1;
  if (!val) return;
  {
    const PetscBool eps = (PetscBool)!PetscIsNanReal(val[FV_PF_EPS]);
    const PetscBool sig = (PetscBool)!PetscIsNanReal(val[FV_PF_SIGMA_S]);
    const PetscReal e0  = r->solid ? r->eps_se : r->porosity; /* the region's phase fraction */
    PetscReal e = e0, eps_am = r->eps_am;
    if (eps) {
      /* exchange with the active material: eps_am + e stays the region's sum */
      e = PetscMin(PetscMax(val[FV_PF_EPS], 0.0), r->electrode ? e0 + r->eps_am : 1.0);
      if (r->electrode) eps_am = r->eps_am + e0 - e;
      if (r->solid) {
        cp->eps_e        = e;
        cp->sigma_se_eff = SESigmaEff(r, e);
      } else {
        cp->eps_e     = e;
        cp->eps_brugg = PetscPowReal(e, r->brugg_e);
      }
      if (r->electrode && r->eps_am > 0) cp->am_scale = eps_am / r->eps_am;
    }
    if (r->electrode && (eps || sig)) {
      /* electronic network as in FvModelCreate: the solids, without the SE in a composite */
      const PetscReal solids = r->solid ? 1.0 - r->porosity - e : 1.0 - e;
      cp->sigma_eff          = ElSigmaEff(r, sig ? val[FV_PF_SIGMA_S] : r->sigma_bulk, solids);
    }
    if (r->electrode && !PetscIsNanReal(val[FV_PF_RADIUS]) && r->R > 0)
      cp->r_scale = val[FV_PF_RADIUS] / r->R;
  }
}

void FvRegionForCell(const FvRegionModel *r, const FvCellProps *cp, FvRegionModel *rc,
                     FvRegionModel *famc, PetscReal *scratch) {
  const PetscReal s = cp->r_scale;
  *rc               = *r;
  rc->eps_e         = cp->eps_e;
  rc->eps_brugg     = cp->eps_brugg;
  rc->sigma_se_eff  = cp->sigma_se_eff;
  rc->sigma_eff     = cp->sigma_eff;
  if (!r->electrode) return;
  rc->eps_am = r->eps_am * cp->am_scale;
  rc->a      = r->a * cp->am_scale / s; /* a = 3 eps_am w / R per family */
  rc->fam    = famc;
  for (PetscInt f = 0; f < r->nfam; f++) {
    FvRegionModel *fm = &famc[f];
    *fm               = r->fam[f];
    fm->eps_am        = r->fam[f].eps_am * cp->am_scale;
    fm->a             = r->fam[f].a * cp->am_scale / s;
    if (s != 1) { /* the geometry scales with the radius (the spectral operators are in r/R) */
      PetscReal *rf = scratch + f * (2 * r->nshells + 1), *vol = rf + r->nshells + 1;
      for (PetscInt k = 0; k <= r->nshells; k++)
        rf[k] = r->fam[f].rface[k] * s;
      for (PetscInt k = 0; k < r->nshells; k++)
        vol[k] = r->fam[f].vol[k] * s * s * s;
      fm->rface = rf;
      fm->vol   = vol;
      fm->R     = r->fam[f].R * s;
      fm->dr    = r->fam[f].dr * s;
    }
  }
  rc->R     = famc[0].R;
  rc->dr    = famc[0].dr;
  rc->rface = famc[0].rface;
  rc->vol   = famc[0].vol;
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
    for (PetscInt f = 0; f < r->nfam; f++)
      PetscCall(FvParticleDestroy(&r->fam[f]));
    PetscCall(PetscFree(r->fam));
    if (r->contact.kind != FV_CONTACT_NONE) PetscCall(FvPropertyDestroy(&r->contact.dvv));
    PetscCall(FvPropertyDestroy(&r->ocp));
    PetscCall(FvPropertyDestroy(&r->Ds));
    PetscCall(FvPropertyDestroy(&r->k0));
    PetscCall(FvPropertyDestroy(&r->dUdT));
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}
