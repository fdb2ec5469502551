/* p2d.h -- the pseudo-2D porous-electrode model: unknowns, derived parameters, pointwise physics.
 *
 * Owns: the per-cell unknown layout, the parameters derived once from the case (effective
 * transport coefficients, specific area, particle shells), and the pointwise pieces of the
 * residual (electrolyte face fluxes, Butler-Volmer, the radial particle operator). Assembly over
 * a mesh lives in the modules of solver/ (module_*.c); nothing here knows about PETSc vectors or
 * files.
 *
 * Equations (docs/model.md §2-§8; Doyle, Fuller & Newman, J. Electrochem. Soc. 140, 1526 (1993)):
 *   d(eps c)/dt = div(D_eff grad c) + (1 - t+) a i_n / (z+ nu+ F)
 *   i_e = -kappa_eff grad phi_e + kappa_eff (nu R T/F) ((1 - t+)/(z+ nu+)) TDF grad ln c
 *   div i_e = a i_n,   div i_s = -a i_n,   i_s = -sigma_eff grad phi_s
 *   i_n = i0 [exp(alpha_a n F eta/RT) - exp(-alpha_c n F eta/RT)],
 *   eta = phi_s - phi_e - U(theta) - R_film i_n
 *   dc_s/dt = r^-2 d/dr (r^2 D_s dc_s/dr),  -D_s dc_s/dr|_R = f_c i_n/(n F)  (= J/(nF))
 * A solid electrolyte (single-ion conductor, docs/model.md §4) is the t+ = 1, D = 0 limit: its c
 * (the mobile-ion concentration, the fixed c in i0) stays constant and i_e = -sigma_eff grad phi_e.
 * Particle families (radius R_f, share w_f of eps_am, specific area a_f = 3 eps_am w_f / R_f)
 * react through the contacting fraction f_c of their surface (models/contact.h). A family's
 * interface unknown J_f is its current per particle area, J_f = f_c i_n,f with i_n,f the
 * Butler-Volmer current through the contacting area; the reaction current per volume is
 * sum_f a_f J_f and the particle's surface flux J_f/(nF).
 */
#pragma once
#include "cell_params.h"

/* Unknowns in every cell, in this order: c, phi_e, phi_s, I, then one block per particle family
 * f = 0..nfam-1 of stride m->fstride = 1 + nr (+ 1 with contact mechanics):
 *   [j_n,f, c_s,f shells 0..nr-1, (f_p,f permanent contact)].
 * Family 0's j_n is FV_JN and its first shell FV_CS0 (FvIdx* give any family's).
 * Cells without a phase carry identity equations so the layout is uniform (docs/model.md §1). */
enum { FV_C = 0, FV_PHIE, FV_PHIS, FV_CUR, FV_JN, FV_CS0 };
#include "contact.h"

typedef struct FvRegionModel_ {
  PetscBool electrode; /* porous electrode with particles */
  PetscBool metal;     /* planar metal electrode at the cell boundary (no cells) */
  PetscReal i0_metal, metal_capacity, metal_ce_exponent;
  PetscReal h;                /* cell width [m] (uniform within a region) */
  PetscReal eps_e, eps_brugg; /* porosity and eps^b for the electrolyte */
  PetscReal sigma_eff;        /* [S m-1] */
  PetscReal a;                /* specific area 3 eps_am / R [m-1] */
  PetscReal eps_am;
  /* particle geometry (models/particle.c, FvParticleSetUp): nshells unknowns per particle */
  FvParticleDisc pdisc;
  PetscInt nshells;
  PetscReal R, dr;  /* particle radius and the outer unknown's spacing from the surface [m] */
  PetscReal *rface; /* nshells+1 radii: shell faces (finite volumes); node radii and R (spectral) */
  PetscReal *vol;   /* nshells quadrature volumes / (4 pi): (r+^3 - r-^3)/3, or R^3 w_k */
  /* spectral only (NULL otherwise), dimensionless in x = r/R, shared by scaled copies: nodes,
   * quadrature weights, d/dx of the even interpolant, divergence of the odd interpolant (N x N) */
  PetscReal *xn, *w, *Dx, *G;
  PetscReal c_max, sto0, n, alpha_a, alpha_c, R_film, ce_ref;
  /* Arrhenius of the film (and interface) resistance, which falls as T rises (DUALFOIL divides
   * R_film by the factor): R_film(T) = R_film exp(-R_film_Ea/R (1/R_film_Tref - 1/T)) */
  PetscReal R_film_Ea, R_film_Tref;
  FvProperty ocp, Ds, k0; /* set-up copies */
  FvProperty dUdT;        /* entropic coefficient, set up (kind UNSET: 0; docs/thermal.md (T9)) */
  /* solid electrolyte (single-ion): its effective conductivity and mobile-ion concentration */
  PetscBool solid;
  PetscReal sigma_se_eff, c_ion;
  PetscReal se_Ea; /* the SE's activation energy: sigma_se_eff is at the model's T; at T it is
                      times exp(se_Ea/R (1/T_model - 1/T)) */
  /* particle families: fam[f] is a copy of this region with its own R, dr, rface, vol, a (the
   * family's area per volume) and f0; the region's own R, rface, vol are family 0's and its a
   * is the sum over the families */
  PetscInt nfam;
  struct FvRegionModel_ *fam;
  PetscReal f0;
  FvContactLaw contact;       /* contact mechanics (enabled flag inside) */
  FvInterphaseLaw interphase; /* CAM | SE interphase growth (enabled flag inside) */
  /* the raw volume fractions and laws behind eps_e, eps_brugg, sigma_eff and sigma_se_eff, for
   * cells whose fields differ from the region's (FvModelCellProps) */
  PetscReal porosity, eps_se, brugg_e, brugg_s, sigma_bulk;
  PetscBool el_percolation; /* electronic network: percolation law (else Bruggeman brugg_s) */
  PetscReal el_threshold, el_exponent;
  FvSigmaLaw se_law;
  PetscReal se_sigma, se_threshold, se_exponent, se_measured;
} FvRegionModel;

/* Properties of one control volume that the fields of a region (case.h FV_PF_*) may vary
 * (docs/model.md §13); a cell without fields has its region's values. */
typedef struct {
  PetscReal eps_e, eps_brugg,
      sigma_se_eff;    /* electrolyte phase: fraction, eps^b, solid sigma_eff */
  PetscReal sigma_eff; /* electronic sigma_eff [S m-1] */
  PetscReal am_scale;  /* eps_am of the cell / eps_am of the region */
  PetscReal r_scale;   /* particle radii of the cell / the region's */
  PetscReal contact;   /* contact fraction of a metal interface at this cell's face (1 = full) */
} FvCellProps;

typedef struct {
  PetscReal F, R, T, FRT;
  PetscReal zplus, nuplus, nu; /* nu = nu+ + nu- */
  PetscReal c0;
  FvProperty kappa, D, tplus, tdf; /* set-up copies */
  FvRegionModel reg[FV_NREGIONS];
  PetscInt nr;       /* shells per family in the layout: max over the electrodes */
  PetscInt nfam;     /* families in the layout: max over the electrodes */
  PetscInt fstride;  /* unknowns per family block: 1 + nr (+ 1 with contact mechanics) */
  PetscBool contact; /* some electrode has contact mechanics (the f_p slots exist) */
  PetscInt dof;      /* FV_JN + nfam fstride */
  PetscReal one_c, r_contact;
  FvReactionHeat heat_form; /* where the reaction heat takes U (docs/thermal.md §2.3) */
} FvModel;

/* Index of family f's interface current, first shell and permanent contact in a cell. */
static inline PetscInt FvIdxJn(const FvModel *m, PetscInt f) {
  return FV_JN + f * m->fstride;
}
static inline PetscInt FvIdxCs(const FvModel *m, PetscInt f) {
  return FV_JN + f * m->fstride + 1;
}
static inline PetscInt FvIdxFp(const FvModel *m, PetscInt f) {
  return FV_JN + f * m->fstride + 1 + m->nr;
}

PetscErrorCode FvModelCreate(const FvCase *c, FvModel *m);
PetscErrorCode FvModelDestroy(FvModel *m);
/* Properties of a cell of region g given the values of the region's fields at the cell, val[f]
 * for f < FV_NPFIELDS (NaN = no field: the region's value). The electrolyte-phase fraction
 * (FV_PF_EPS) is exchanged with the active material in an electrode: eps_am changes by the
 * opposite amount, clipped at 0; conductivities follow the region's laws of the new fractions. */
void FvModelCellProps(const FvModel *m, PetscInt g, const PetscReal val[], FvCellProps *cp);
/* Region r as seen by a cell with properties cp: rc (its fam points to famc, r->nfam entries).
 * With r_scale != 1 the scaled shell geometry is kept in scratch (2 nshells + 1 reals per family).
 */
void FvRegionForCell(const FvRegionModel *r, const FvCellProps *cp, FvRegionModel *rc,
                     FvRegionModel *famc, PetscReal *scratch);

/* Pointwise physics. They return 0, or 1 when the state is outside the physical domain
 * (negative concentration, stoichiometry outside (0,1), a property out of its range):
 * the integrator then retries with a smaller step. */

/* Bulk electrolyte properties at concentration c and temperature T. */
typedef struct {
  PetscReal D_eff, kappa_eff, tplus, tdf;
  PetscBool solid; /* single-ion solid electrolyte: t+ = 1, no diffusion */
  PetscReal T;     /* the temperature they were evaluated at */
  /* their d/dT (FvElectrolyteEvalDerivT with dT) */
  PetscReal dT_D_eff, dT_kappa_eff, dT_tplus, dT_tdf;
} FvElectrolyteState;
int FvElectrolyteEval(const FvModel *m, const FvRegionModel *r, PetscReal c, FvElectrolyteState *s);
/* The same at temperature T: every property's Arrhenius factor (and a form's own T) at T, a solid
 * electrolyte's conductivity times its Arrhenius factor from the model's T to T (docs/thermal.md
 * "Temperature dependence"); FvElectrolyteEval is this at the model's T. */
int FvElectrolyteEvalT(const FvModel *m, const FvRegionModel *r, PetscReal c, PetscReal T,
                       FvElectrolyteState *s);
/* Face between two cells (L left, R right) of widths hL, hR: salt flux N [mol m-2 s-1] and
 * ionic current i_e [A m-2], both positive along +x, with harmonic averaging of the transport
 * coefficients across the face (exact for a material jump at the face). At a face with a solid
 * electrolyte on either side the anion is blocked: all the current is carried by the cation,
 * N = i_e/(z+ nu+ F), and i_e is ohmic (the liquid half cell's diffusion potential at a
 * liquid | solid face is neglected, as is the interfacial potential step). */
void FvElectrolyteFace(const FvModel *m, PetscReal hL, PetscReal hR, const FvElectrolyteState *sL,
                       const FvElectrolyteState *sR, PetscReal cL, PetscReal cR, PetscReal phiL,
                       PetscReal phiR, PetscReal *N, PetscReal *ie);

/* Particle (models/particle.c). The spectral scheme takes at most this many unknowns. */
#define FV_PARTICLE_SPECTRAL_MAX FV_PARTICLE_SPECTRAL_MAX_UNKNOWNS
/* Radial geometry of a particle of radius R with N unknowns by scheme disc (grading: the
 * shell-width ratio of finite volumes, ignored by the spectral scheme): allocates rface, vol (and
 * the spectral operators), sets pdisc, nshells, R, dr. FvParticleDestroy frees them. */
PetscErrorCode FvParticleSetUp(FvRegionModel *r, FvParticleDisc disc, PetscInt N, PetscReal R,
                               PetscReal grading);
PetscErrorCode FvParticleDestroy(FvRegionModel *r);
/* Surface concentration: extrapolated from the outer shell with the surface flux (finite volumes,
 * second order), or the surface node (spectral). */
int FvParticleSurface(const FvModel *m, const FvRegionModel *r, const PetscReal *cs, PetscReal jn,
                      PetscReal *cs_surf);
/* Residual rows of the particle, volume-integrated: res[k] = vol_k dcs_k/dt + (outward flux terms),
 * J = jn/(nF) the outward molar flux at R; sum_k res[k] = sum_k vol_k dcs_k/dt + R^2 J exactly. */
int FvParticleResidual(const FvModel *m, const FvRegionModel *r, const PetscReal *cs,
                       const PetscReal *cs_t, PetscReal jn, PetscReal *res);
/* The same three at temperature T (D_s's Arrhenius factor at T); the functions without T use the
 * model's T. */
int FvParticleSurfaceT(const FvModel *m, const FvRegionModel *r, PetscReal T, const PetscReal *cs,
                       PetscReal jn, PetscReal *cs_surf);
int FvParticleResidualT(const FvModel *m, const FvRegionModel *r, PetscReal T, const PetscReal *cs,
                        const PetscReal *cs_t, PetscReal jn, PetscReal *res);
/* d res_k/dT (nshells values) and d c_surf/dT through D_s(T) (0 when D_s does not depend on T);
 * work holds 3 nshells reals. */
int FvParticleTemperatureDeriv(const FvModel *m, const FvRegionModel *r, PetscReal T,
                               const PetscReal *cs, PetscReal jn, PetscReal *work,
                               PetscReal *dres_dT, PetscReal *dsurf_dT);
/* Volume-averaged concentration of a particle: the exact discrete inventory sum_k vol_k cs_k over
 * R^3/3 (the quadrature the conservation statement uses). */
PetscReal FvParticleAverage(const FvRegionModel *r, const PetscReal *cs);

/* The same at temperature T (F/RT, k0's Arrhenius factor and the OCP through the entropic
 * coefficient at T; docs/thermal.md (T9)); the functions without T use the model's T. */
int FvKineticsResidualContactT(const FvModel *m, const FvRegionModel *r, PetscReal T, PetscReal fc,
                               PetscReal c, PetscReal cs_surf, PetscReal phis, PetscReal phie,
                               PetscReal J, PetscReal *res);
/* Its derivatives with respect to (fc, c, cs_surf, phis, phie, J, T). */
int FvKineticsJacobianContactT(const FvModel *m, const FvRegionModel *r, PetscReal T, PetscReal fc,
                               PetscReal c, PetscReal cs_surf, PetscReal phis, PetscReal phie,
                               PetscReal J, PetscReal *res, PetscReal d[7]);
/* A metal interface's Butler-Volmer at temperature T (F/RT and the film at T), and its derivatives
 * with respect to (c_face, phi_metal, phi_e_face, j, T). */
int FvMetalKineticsResidualContactT(const FvModel *m, const FvRegionModel *r, PetscReal T,
                                    PetscReal fc, PetscReal c_face, PetscReal phi_metal,
                                    PetscReal phi_e_face, PetscReal j, PetscReal *res);
int FvMetalKineticsJacobianContactT(const FvModel *m, const FvRegionModel *r, PetscReal T,
                                    PetscReal fc, PetscReal c_face, PetscReal phi_metal,
                                    PetscReal phi_e_face, PetscReal j, PetscReal *res,
                                    PetscReal d[5]);
/* Butler-Volmer residual jn - i_BV(eta(jn)) [A m-2] given the potentials and concentrations. */
int FvKineticsResidual(const FvModel *m, const FvRegionModel *r, PetscReal c, PetscReal cs_surf,
                       PetscReal phis, PetscReal phie, PetscReal jn, PetscReal *res);
/* The same for a particle family in contact with the electrolyte over a fraction fc of its surface:
 * J is the current per particle area (J = fc jn); residual J - fc i_BV(eta), eta with R_film J/fc.
 * fc = 0 (isolated) gives J = 0. */
int FvKineticsResidualContact(const FvModel *m, const FvRegionModel *r, PetscReal fc, PetscReal c,
                              PetscReal cs_surf, PetscReal phis, PetscReal phie, PetscReal J,
                              PetscReal *res);
/* Butler-Volmer residual j - i_BV at a metal | electrolyte interface (U = 0): j is the anodic
 * (metal-dissolving) current density, c_face and phi_e_face the electrolyte at the interface. */
int FvMetalKineticsResidual(const FvModel *m, const FvRegionModel *r, PetscReal c_face,
                            PetscReal phi_metal, PetscReal phi_e_face, PetscReal j, PetscReal *res);
/* The same where the metal touches the electrolyte on a fraction fc of the face (voids):
 * j is the current per face area, j - fc i_BV(eta) with eta using R_film j/fc; fc = 0 gives j = 0.
 */
int FvMetalKineticsResidualContact(const FvModel *m, const FvRegionModel *r, PetscReal fc,
                                   PetscReal c_face, PetscReal phi_metal, PetscReal phi_e_face,
                                   PetscReal j, PetscReal *res);
/* Electrolyte concentration and potential at a cell's boundary face (side = -1: left face,
 * +1: right face) when ionic current i (along +x) crosses it carried entirely by the cation
 * (a metal interface): second-order extrapolation with the known face gradients. */
void FvElectrolyteBoundaryFace(const FvModel *m, PetscReal h, const FvElectrolyteState *s,
                               PetscReal c, PetscReal phi, PetscReal i, int side, PetscReal *c_face,
                               PetscReal *phi_face);
/* Open-circuit potential of the region at surface concentration cs_surf (at the model's T, with the
 * entropic shift of docs/thermal.md (T9) when the region has an entropic coefficient). */
int FvOpenCircuit(const FvModel *m, const FvRegionModel *r, PetscReal cs_surf, PetscReal *U);

/* Derivatives of the pointwise physics for the analytic Jacobian (solver/problem_jacobian.c).
 * Each mirrors the residual function of the same name and returns what it returns; derivatives
 * are with respect to the arguments listed, in that order. */

/* d/dc of each field of the electrolyte state (ds->solid as s->solid). */
int FvElectrolyteEvalDeriv(const FvModel *m, const FvRegionModel *r, PetscReal c,
                           FvElectrolyteState *s, FvElectrolyteState *ds);
/* The same at temperature T; with dT also the d/dT fields of s. */
int FvElectrolyteEvalDerivT(const FvModel *m, const FvRegionModel *r, PetscReal c, PetscReal T,
                            PetscBool dT, FvElectrolyteState *s, FvElectrolyteState *ds);
/* d/dTL, d/dTR of the face fluxes of FvElectrolyteFace (states with their d/dT fields): through
 * each half cell's coefficients at its own T and the diffusion potential's nu R T_f/F at the
 * face temperature T_f = (TL + TR)/2. ie is the face's current. */
void FvElectrolyteFaceTemperatureDeriv(const FvModel *m, PetscReal hL, PetscReal hR,
                                       const FvElectrolyteState *sL, const FvElectrolyteState *sR,
                                       PetscReal cL, PetscReal cR, PetscReal ie, PetscReal dN[2],
                                       PetscReal die[2]);
/* d/dT of the boundary face values of FvElectrolyteBoundaryFace (the cell's own T). */
void FvElectrolyteBoundaryFaceTemperatureDeriv(const FvModel *m, PetscReal h,
                                               const FvElectrolyteState *s, PetscReal c,
                                               PetscReal i, int side, PetscReal *dc_face,
                                               PetscReal *dphi_face);
/* Face fluxes and their derivatives with respect to (cL, cR, phiL, phiR). */
void FvElectrolyteFaceJacobian(const FvModel *m, PetscReal hL, PetscReal hR,
                               const FvElectrolyteState *sL, const FvElectrolyteState *sR,
                               const FvElectrolyteState *dsL, const FvElectrolyteState *dsR,
                               PetscReal cL, PetscReal cR, PetscReal phiL, PetscReal phiR,
                               PetscReal *N, PetscReal *ie, PetscReal dN[4], PetscReal die[4]);
/* Boundary face values and their derivatives with respect to (c, phi, i). */
void FvElectrolyteBoundaryFaceJacobian(const FvModel *m, PetscReal h, const FvElectrolyteState *s,
                                       const FvElectrolyteState *ds, PetscReal c, PetscReal phi,
                                       PetscReal i, int side, PetscReal *c_face,
                                       PetscReal *phi_face, PetscReal dc_face[3],
                                       PetscReal dphi_face[3]);
/* Particle kinetics residual and its derivatives with respect to (fc, c, cs_surf, phis, phie, J).
 */
int FvKineticsJacobianContact(const FvModel *m, const FvRegionModel *r, PetscReal fc, PetscReal c,
                              PetscReal cs_surf, PetscReal phis, PetscReal phie, PetscReal J,
                              PetscReal *res, PetscReal d[6]);
/* Metal kinetics residual and its derivatives with respect to (c_face, phi_metal, phi_e_face, j).
 */
int FvMetalKineticsJacobianContact(const FvModel *m, const FvRegionModel *r, PetscReal fc,
                                   PetscReal c_face, PetscReal phi_metal, PetscReal phi_e_face,
                                   PetscReal j, PetscReal *res, PetscReal d[4]);
/* Particle: n = r->nshells: dres[k*n + l] = d res_k/d cs_l + cj d res_k/d cs_t,l; dres_djn[k] =
 * d res_k/d jn; dsurf[l] = d c_surf/d cs_l; *dsurf_djn = d c_surf/d jn; returns 1 outside the
 * domain. */
int FvParticleJacobian(const FvModel *m, const FvRegionModel *r, const PetscReal *cs, PetscReal jn,
                       PetscReal cj, PetscReal *dres, PetscReal *dres_djn, PetscReal *dsurf,
                       PetscReal *dsurf_djn);
int FvParticleJacobianT(const FvModel *m, const FvRegionModel *r, PetscReal T, const PetscReal *cs,
                        PetscReal jn, PetscReal cj, PetscReal *dres, PetscReal *dres_djn,
                        PetscReal *dsurf, PetscReal *dsurf_djn);
