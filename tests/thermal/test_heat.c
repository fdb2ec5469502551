/* test_heat.c -- the heat sources of models/heat.c and the Arrhenius and entropic data they use.
 *
 *  -check values     every heat function against values worked out by hand (docs/thermal.md §2);
 *  -check balance    the discrete energy balance (docs/thermal.md §3) on a synthetic 1D sandwich
 *                    (graded cells, random potentials, a reaction distribution that satisfies the
 *                    charge balance): the face and reaction heats plus the contact heat sum to
 *                    -Ic V - sum a J U h + sum a J T dU/dT h to round-off, for the local form
 *                    (U at the surface) and the Rao-Newman form (U at the particle average), and
 * the half-cell split of every face keeps the sum; -check arrhenius  the Arrhenius factor at two
 * temperatures against hand values: DUALFOIL's E_a/R = 4000 K table (docs/cells/dualfoil-thermal.md
 * s4), the dualfoil_thermal case's kappa, D, k0 and Marquis2019's kappa (E = 34700 J/mol, 298.15
 * K); -check entropic   the Marquis2019 entropic forms against PyBaMM's expressions evaluated
 *                    independently (Moura's fastDFN fits, pybamm-sets.md s1.3, s1.4).
 */
#include "fvtest.h"
#include "heat.h"

static PetscErrorCode SetForm(FvProperty *p, const char *form) {
  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(p, sizeof *p));
  p->kind  = FV_PROP_FORM;
  p->arg   = FV_ARG_STO;
  p->scale = 1;
  p->Tref  = 298.15;
  PetscCall(PetscStrncpy(p->form, form, sizeof p->form));
  PetscCall(PetscStrncpy(p->name, form, sizeof p->name));
  PetscCall(FvPropertySetUp(p));
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode CheckValues(int *nfail) {
  int fails = 0;
  FvProperty U, dU, Ulco, none;
  PetscReal q[FV_NHEAT], qL, qR, u, du;
  PetscFunctionBeginUser;
  /* (T3): 2 A/m2 falling from 0.3 V to 0.1 V dissipates 0.4 W/m2; split by resistances 1:2 */
  FV_CLOSE(FvHeatFace(2.0, 0.3, 0.1), 0.4, 1e-15);
  FvHeatFaceSplit(1.0, 1e-6, 1.0, 2e-6, 1.0, &qL, &qR);
  FV_CLOSE(qL, 1.0 / 3.0, 1e-15);
  FV_CLOSE(qR, 2.0 / 3.0, 1e-15);
  FvHeatFaceSplit(0.5, 0.0, 1.0, 2e-6, 3.0, &qL, &qR); /* a boundary half cell of no width */
  FV_CHECK(qL == 0 && qR == 0.5, "qL %g qR %g", (double)qL, (double)qR);
  /* (T9), (T4)-(T6) with U = 0.1 V, dU/dT = -2e-4 V/K given at 298.15 K, T = 308.15 K:
   * U(T) = 0.1 - 10 x 2e-4 = 0.098 V; a J = 1e4 A/m3, phis - phie = 0.15 V:
   * irreversible 1e4 (0.15 - 0.098) = 520, reversible 1e4 x 308.15 x (-2e-4) = -616.3 W/m3 */
  PetscCall(FvPropertySetConstant(&U, "U", 0.1));
  PetscCall(FvPropertySetConstant(&dU, "dUdT", -2e-4));
  U.Tref = 298.15;
  FV_CHECK(FvHeatOpenCircuit(&U, &dU, 0.5, 308.15, 8.314, &u, &du) == 0, "in range");
  FV_CLOSE(u, 0.098, 1e-14);
  FV_CLOSE(du, -2e-4, 1e-15);
  FV_CHECK(FvHeatReaction(FV_REACTION_HEAT_LOCAL, &U, &dU, 8.314, 308.15, 1e4, 0.35, 0.2, 0.5, 0.4,
                          q) == 0,
           "in range");
  FV_CLOSE(q[FV_HEAT_IRREVERSIBLE], 520.0, 1e-12);
  FV_CLOSE(q[FV_HEAT_REVERSIBLE], -616.3, 1e-12);
  FV_CHECK(q[FV_HEAT_MIXING] == 0, "mixing %g", (double)q[FV_HEAT_MIXING]);
  /* without an entropic coefficient: U(T) = U, no reversible heat */
  PetscCall(PetscMemzero(&none, sizeof none));
  FV_CHECK(FvHeatReaction(FV_REACTION_HEAT_RAO_NEWMAN, &U, &none, 8.314, 308.15, 1e4, 0.35, 0.2,
                          0.5, 0.4, q) == 0,
           "in range");
  FV_CLOSE(q[FV_HEAT_IRREVERSIBLE], 500.0, 1e-12);
  FV_CHECK(q[FV_HEAT_REVERSIBLE] == 0 && q[FV_HEAT_MIXING] == 0, "rev %g mix %g",
           (double)q[FV_HEAT_REVERSIBLE], (double)q[FV_HEAT_MIXING]);
  /* Rao-Newman with LiCoO2's OCP: surface 0.7, average 0.6; the mixing term is a J (U(0.7) -
   * U(0.6)), the irreversible one still at the surface */
  PetscCall(SetForm(&Ulco, "dualfoil_lco_ocp"));
  {
    PetscReal U7, U6;
    FV_CHECK(FvPropertyEval(&Ulco, 0.7, 300, 8.314, &U7) == 0, "U(0.7)");
    FV_CHECK(FvPropertyEval(&Ulco, 0.6, 300, 8.314, &U6) == 0, "U(0.6)");
    FV_CHECK(FvHeatReaction(FV_REACTION_HEAT_RAO_NEWMAN, &Ulco, &none, 8.314, 300, -2e4, 4.0, 0.0,
                            0.7, 0.6, q) == 0,
             "in range");
    FV_CLOSE(q[FV_HEAT_IRREVERSIBLE], -2e4 * (4.0 - U7), 1e-13);
    FV_CLOSE(q[FV_HEAT_MIXING], -2e4 * (U7 - U6), 1e-13);
    printf("LiCoO2 at sto 0.7 / 0.6: U = %.6f / %.6f V: mixing heat at a J = -2e4 A/m3 %.4f W/m3\n",
           (double)U7, (double)U6, (double)q[FV_HEAT_MIXING]);
    FV_CHECK(FvHeatReaction(FV_REACTION_HEAT_RAO_NEWMAN, &Ulco, &none, 8.314, 300, -2e4, 4.0, 0.0,
                            1.2, 0.6, q) != 0,
             "a stoichiometry outside [0, 1] is out of range");
  }
  /* (T7), (T8) */
  FV_CLOSE(FvHeatInterface(10.0, 0.0, -0.02), 0.2, 1e-14);
  FV_CLOSE(FvHeatContact(2e-3, 24.0), 1.152, 1e-14);
  FV_CHECK(!strcmp(FvHeatTermName(FV_HEAT_TOTAL), "heat_total"), "%s",
           FvHeatTermName(FV_HEAT_TOTAL));
  PetscCall(FvPropertyDestroy(&Ulco));
  *nfail += fails;
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* A synthetic 1D sandwich: NN | NS | NP cells. */
#define NN 5
#define NS 3
#define NP 4
#define NC (NN + NS + NP)

static PetscErrorCode CheckBalance(int *nfail) {
  int fails = 0;
  FvProperty ocp[2], dudt[2];
  PetscReal h[NC], aJ[NC], ie[NC + 1], is[NC + 1], phie[NC], phis[NC], ss[NC], sa[NC];
  const PetscReal Ic = 24.1056, Rc = 3e-4, T = 305.0, R = 8.314, sig[2] = {58.57, 5.857};
  PetscReal Phi, V, sumn = 0, sump = 0;
  PetscRandom rnd;
  PetscFunctionBeginUser;
  PetscCall(SetForm(&ocp[0], "dualfoil_mcmb2528_ocp"));
  PetscCall(SetForm(&ocp[1], "dualfoil_lco_ocp"));
  PetscCall(SetForm(&dudt[0], "marquis2019_graphite_entropic"));
  PetscCall(SetForm(&dudt[1], "marquis2019_lco_entropic"));
  PetscCall(PetscRandomCreate(PETSC_COMM_SELF, &rnd));
  PetscCall(PetscRandomSetInterval(rnd, 0.0, 1.0));
  PetscCall(PetscRandomSetSeed(rnd, 17));
  PetscCall(PetscRandomSeed(rnd));
  /* graded widths, positive reaction shares normalised to +Ic (negative) and -Ic (positive) */
  for (int k = 0; k < NC; k++) {
    PetscReal r;
    PetscCall(PetscRandomGetValueReal(rnd, &r));
    h[k]  = (k < NN ? 100e-6 / NN : k < NN + NS ? 25e-6 / NS : 100e-6 / NP) * (0.7 + 0.6 * r);
    aJ[k] = 0;
    PetscCall(PetscRandomGetValueReal(rnd, &r));
    phie[k] = -0.1 + 0.05 * r; /* any electrolyte potential: the diffusion potential is free */
    PetscCall(PetscRandomGetValueReal(rnd, &r));
    ss[k] = 0.2 + 0.6 * r;
    PetscCall(PetscRandomGetValueReal(rnd, &r));
    sa[k] = 0.2 + 0.6 * r;
    if (k < NN || k >= NN + NS) {
      PetscCall(PetscRandomGetValueReal(rnd, &r));
      aJ[k] = 0.2 + r;
      if (k < NN)
        sumn += aJ[k] * h[k];
      else
        sump += aJ[k] * h[k];
    }
  }
  for (int k = 0; k < NC; k++)
    aJ[k] = k < NN ? aJ[k] * Ic / sumn : k >= NN + NS ? -aJ[k] * Ic / sump : 0;
  /* charge balance: i_e from 0 to 0, i_s = Ic - i_e in the electrodes, 0 in the separator */
  ie[0] = 0;
  for (int k = 0; k < NC; k++)
    ie[k + 1] = ie[k] + aJ[k] * h[k];
  ie[NC] = 0; /* round-off of the sums */
  for (int f = 0; f <= NC; f++)
    is[f] = (f <= NN || f >= NN + NS) ? Ic - ie[f] : 0;
  /* solid potentials by Ohm's law from the grounded collector; the positive from 3.9 V */
  phis[0] = -is[0] * h[0] / (2 * sig[0]);
  for (int k = 1; k < NN; k++)
    phis[k] = phis[k - 1] - is[k] * (h[k - 1] + h[k]) / (2 * sig[0]);
  for (int k = NN; k < NN + NS; k++)
    phis[k] = 0;
  phis[NN + NS] = 3.9;
  for (int k = NN + NS + 1; k < NC; k++)
    phis[k] = phis[k - 1] - is[k] * (h[k - 1] + h[k]) / (2 * sig[1]);
  Phi = phis[NC - 1] - Ic * h[NC - 1] / (2 * sig[1]);
  V   = Phi - Rc * Ic;
  for (int form = 0; form < 2; form++) {
    const FvReactionHeat rh = form ? FV_REACTION_HEAT_RAO_NEWMAN : FV_REACTION_HEAT_LOCAL;
    PetscReal faces = 0, reac = 0, cell[NC], cellsum = 0, expect = -Ic * V, qL, qR, q[FV_NHEAT];
    for (int k = 0; k < NC; k++)
      cell[k] = 0;
    /* electrolyte faces (the boundary faces carry no current) */
    for (int f = 1; f < NC; f++) {
      const PetscReal qf = FvHeatFace(ie[f], phie[f - 1], phie[f]);
      faces += qf;
      FvHeatFaceSplit(qf, h[f - 1], 1.0, h[f], 2.0, &qL, &qR);
      cell[f - 1] += qL;
      cell[f] += qR;
    }
    /* solid faces, with the half cells at both collectors */
    for (int f = 0; f <= NC; f++) {
      PetscReal qf;
      if (!(f <= NN || f >= NN + NS)) continue;
      if (f == 0)
        qf = FvHeatFace(is[0], 0.0, phis[0]);
      else if (f == NC)
        qf = FvHeatFace(Ic, phis[NC - 1], Phi);
      else if (f == NN || f == NN + NS)
        continue; /* electrode | separator: i_s = 0 */
      else
        qf = FvHeatFace(is[f], phis[f - 1], phis[f]);
      faces += qf;
      if (f == 0)
        cell[0] += qf;
      else if (f == NC)
        cell[NC - 1] += qf;
      else {
        const PetscReal s = f < NN ? sig[0] : sig[1];
        FvHeatFaceSplit(qf, h[f - 1], s, h[f], s, &qL, &qR);
        cell[f - 1] += qL;
        cell[f] += qR;
      }
    }
    /* reactions, per volume times width */
    for (int k = 0; k < NC; k++) {
      const int e = k < NN ? 0 : 1;
      PetscReal U0, d;
      const PetscReal sto = form ? sa[k] : ss[k];
      if (aJ[k] == 0) continue;
      FV_CHECK(FvHeatReaction(rh, &ocp[e], &dudt[e], R, T, aJ[k], phis[k], phie[k], ss[k], sa[k],
                              q) == 0,
               "cell %d in range", k);
      reac += h[k] * (q[FV_HEAT_IRREVERSIBLE] + q[FV_HEAT_REVERSIBLE] + q[FV_HEAT_MIXING]);
      cell[k] += h[k] * (q[FV_HEAT_IRREVERSIBLE] + q[FV_HEAT_REVERSIBLE] + q[FV_HEAT_MIXING]);
      /* the expectation from the OCP and its entropic coefficient directly */
      FV_CHECK(FvPropertyEval(&ocp[e], sto, T, R, &U0) == 0, "U");
      FV_CHECK(FvPropertyEval(&dudt[e], sto, T, R, &d) == 0, "dU/dT");
      expect += -aJ[k] * h[k] * (U0 + (T - 298.15) * d) + aJ[k] * h[k] * T * d;
    }
    faces += FvHeatContact(Rc, Ic);
    cell[NC - 1] += FvHeatContact(Rc, Ic);
    for (int k = 0; k < NC; k++)
      cellsum += cell[k];
    printf("%s form: heat %.15g W/m2 (ohmic + contact %.6g, reactions %.6g), expected -Ic V - "
           "sum aJ (U - T dU/dT) h = %.15g, difference %.3g\n",
           form ? "rao_newman" : "local", (double)(faces + reac), (double)faces, (double)reac,
           (double)expect, (double)(faces + reac - expect));
    FV_CHECK(PetscAbsReal(faces + reac - expect) <= 1e-12 * Ic * PetscAbsReal(V),
             "balance off by %g W/m2", (double)(faces + reac - expect));
    FV_CHECK(PetscAbsReal(cellsum - (faces + reac)) <= 1e-12 * Ic * PetscAbsReal(V),
             "the per-cell split loses %g W/m2", (double)(cellsum - faces - reac));
  }
  PetscCall(PetscRandomDestroy(&rnd));
  for (int e = 0; e < 2; e++) {
    PetscCall(FvPropertyDestroy(&ocp[e]));
    PetscCall(FvPropertyDestroy(&dudt[e]));
  }
  *nfail += fails;
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode CheckArrhenius(int *nfail) {
  int fails = 0;
  FvProperty p;
  FvCase c;
  PetscReal v, v0;
  /* docs/cells/dualfoil-thermal.md s4: A(T) = exp(4000 (1/298 - 1/T)) */
  const PetscReal T[2] = {300, 313}, A[2] = {1.093611, 1.902685};
  PetscFunctionBeginUser;
  PetscCall(FvPropertySetConstant(&p, "k", 1e-5));
  p.Ea   = 4000 * 8.314;
  p.Tref = 298.0;
  PetscCall(FvPropertySetUp(&p));
  for (int i = 0; i < 2; i++) {
    FV_CHECK(FvPropertyEval(&p, 0, T[i], 8.314, &v) == 0, "eval");
    FV_CLOSE(v / 1e-5, A[i], 5e-7); /* the page's 7 digits */
  }
  /* the dualfoil_thermal case: kappa(1000) = 1.1046 S/m at 298 K; A(310) = 1.681343 */
  PetscCall(FvTestLoadReference("dualfoil_thermal", &c));
  PetscCall(FvPropertySetUp(&c.electrolyte.kappa));
  FV_CHECK(FvPropertyEval(&c.electrolyte.kappa, 1000, 298.0, c.R, &v0) == 0, "kappa");
  FV_CHECK(FvPropertyEval(&c.electrolyte.kappa, 1000, 310.0, c.R, &v) == 0, "kappa");
  FV_CLOSE(v0, 1.1046, 1e-12);
  FV_CLOSE(v / v0, 1.681343, 5e-7);
  PetscCall(FvPropertySetUp(&c.electrolyte.D));
  FV_CHECK(FvPropertyEval(&c.electrolyte.D, 1000, 298.0, c.R, &v0) == 0, "D");
  FV_CHECK(FvPropertyEval(&c.electrolyte.D, 1000, 313.0, c.R, &v) == 0, "D");
  FV_CLOSE(v / v0, 1.902685, 5e-7);
  for (PetscInt g = 0; g < FV_NREGIONS; g += FV_POS) {
    PetscCall(FvPropertySetUp(&c.region[g].k0));
    FV_CHECK(FvPropertyEval(&c.region[g].k0, 0.5, 298.0, c.R, &v0) == 0, "k0");
    FV_CHECK(FvPropertyEval(&c.region[g].k0, 0.5, 305.0, c.R, &v) == 0, "k0");
    FV_CLOSE(v / v0, 1.360789, 5e-7);
    FV_CLOSE(v0, g == FV_NEG ? 1e-5 : 3e-11, 1e-12);
  }
  PetscCall(FvCaseDestroy(&c));
  /* Marquis2019 kappa: E = 34700 J/mol at 298.15 K with R = 8.314462618:
   * exp(34700/R (1/298.15 - 1/308.15)) = 1.574997, at 318.15 K 2.410782 */
  PetscCall(FvTestLoadReference("marquis2019", &c));
  PetscCall(FvPropertySetUp(&c.electrolyte.kappa));
  FV_CHECK(FvPropertyEval(&c.electrolyte.kappa, 1000, 298.15, c.R, &v0) == 0, "kappa");
  FV_CHECK(FvPropertyEval(&c.electrolyte.kappa, 1000, 308.15, c.R, &v) == 0, "kappa");
  FV_CLOSE(v / v0, 1.574997244540793, 1e-12);
  FV_CHECK(FvPropertyEval(&c.electrolyte.kappa, 1000, 318.15, c.R, &v) == 0, "kappa");
  FV_CLOSE(v / v0, 2.4107818437586377, 1e-12);
  PetscCall(FvCaseDestroy(&c));
  PetscCall(FvPropertyDestroy(&p));
  *nfail += fails;
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode CheckEntropic(int *nfail) {
  int fails = 0;
  FvProperty g, p;
  PetscReal v, d, vp, vm;
  /* PyBaMM's graphite_entropic_change_Moura2016 and lico2_entropic_change_Moura2016 with the set's
   * c_max, evaluated independently (double precision, Python) */
  const PetscReal sg[3]   = {0.2, 0.5, 0.8},
                  vg[3]   = {-2.194745330640493e-05, -1.84416291071142e-05, -2.10357686635773e-06};
  const PetscReal sp[3]   = {0.4, 0.6, 0.9},
                  vpos[3] = {-2.4494024717300526e-05, -2.0824519979857345e-05,
                             -2.2578518335693612e-06};
  PetscFunctionBeginUser;
  PetscCall(SetForm(&g, "marquis2019_graphite_entropic"));
  PetscCall(SetForm(&p, "marquis2019_lco_entropic"));
  for (int i = 0; i < 3; i++) {
    FV_CHECK(FvPropertyEval(&g, sg[i], 298.15, 8.314, &v) == 0, "graphite");
    FV_CLOSE(v, vg[i], 1e-12);
    FV_CHECK(FvPropertyEval(&p, sp[i], 298.15, 8.314, &v) == 0, "LiCoO2");
    FV_CLOSE(v, vpos[i], 1e-12);
  }
  /* the hand-derived derivatives against central differences */
  for (int i = 0; i < 3; i++) {
    const PetscReal e = 1e-6;
    FvPropertyEvalDeriv(&g, sg[i], 298.15, 8.314, &v, &d);
    FvPropertyEval(&g, sg[i] + e, 298.15, 8.314, &vp);
    FvPropertyEval(&g, sg[i] - e, 298.15, 8.314, &vm);
    FV_CLOSE(d, (vp - vm) / (2 * e), 1e-6);
    FvPropertyEvalDeriv(&p, sp[i], 298.15, 8.314, &v, &d);
    FvPropertyEval(&p, sp[i] + e, 298.15, 8.314, &vp);
    FvPropertyEval(&p, sp[i] - e, 298.15, 8.314, &vm);
    FV_CLOSE(d, (vp - vm) / (2 * e), 1e-6);
  }
  PetscCall(FvPropertyDestroy(&g));
  PetscCall(FvPropertyDestroy(&p));
  *nfail += fails;
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Butler-Volmer at a temperature (models/kinetics.c *T variants): the T derivative and the
 * surface-concentration derivative (with the entropic shift of the OCP) against central
 * differences on the Marquis2019 cell (k0 with an activation energy, entropic coefficients), and
 * the T variants at the model's T equal to the isothermal functions bit for bit. */
static PetscErrorCode CheckKineticsT(int *nfail) {
  int fails = 0;
  FvCase c;
  FvModel m;
  PetscFunctionBeginUser;
  PetscCall(FvTestLoadReference("marquis2019", &c));
  PetscCall(FvModelCreate(&c, &m));
  for (PetscInt g = 0; g < FV_NREGIONS; g += FV_POS) {
    const FvRegionModel *r = &m.reg[g];
    const PetscReal cs = 0.55 * r->c_max, ce = 900, phis = g == FV_NEG ? 0.02 : 4.05, phie = -0.15,
                    J = g == FV_NEG ? 0.7 : -0.4, fc = 1.0;
    PetscReal res, res0, d[7], d6[6], rp, rm;
    for (int it = 0; it < 2; it++) {
      const PetscReal T = it ? 312.0 : m.T, eT = 1e-4, eS = 1e-6 * r->c_max;
      FV_CHECK(FvKineticsJacobianContactT(&m, r, T, fc, ce, cs, phis, phie, J, &res, d) == 0, "J");
      FvKineticsResidualContactT(&m, r, T + eT, fc, ce, cs, phis, phie, J, &rp);
      FvKineticsResidualContactT(&m, r, T - eT, fc, ce, cs, phis, phie, J, &rm);
      FV_CLOSE(d[6], (rp - rm) / (2 * eT), 1e-6);
      FvKineticsResidualContactT(&m, r, T, fc, ce, cs + eS, phis, phie, J, &rp);
      FvKineticsResidualContactT(&m, r, T, fc, ce, cs - eS, phis, phie, J, &rm);
      FV_CLOSE(d[2], (rp - rm) / (2 * eS), 1e-5);
      printf("%s at %.2f K: dres/dT %.9e (difference quotient %.9e), dres/dcs %.6e\n",
             g == FV_NEG ? "negative" : "positive", (double)T, (double)d[6],
             (double)((rp - rm) / (2 * eS)), (double)d[2]);
    }
    FvKineticsResidualContactT(&m, r, m.T, fc, ce, cs, phis, phie, J, &res);
    FvKineticsResidualContact(&m, r, fc, ce, cs, phis, phie, J, &res0);
    FV_CHECK(res == res0, "isothermal residual changed: %.17g vs %.17g", (double)res, (double)res0);
    FvKineticsJacobianContact(&m, r, fc, ce, cs, phis, phie, J, &res0, d6);
    FvKineticsJacobianContactT(&m, r, m.T, fc, ce, cs, phis, phie, J, &res, d);
    for (int a = 0; a < 6; a++)
      FV_CHECK(d[a] == d6[a], "derivative %d changed", a);
  }
  PetscCall(FvModelDestroy(&m));
  PetscCall(FvCaseDestroy(&c));
  *nfail += fails;
  PetscFunctionReturn(PETSC_SUCCESS);
}

int main(int argc, char **argv) {
  char check[64] = "values";
  int nfail      = 0;
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCall(PetscOptionsGetString(NULL, NULL, "-check", check, sizeof check, NULL));
  if (!strcmp(check, "values"))
    PetscCall(CheckValues(&nfail));
  else if (!strcmp(check, "balance"))
    PetscCall(CheckBalance(&nfail));
  else if (!strcmp(check, "arrhenius"))
    PetscCall(CheckArrhenius(&nfail));
  else if (!strcmp(check, "entropic"))
    PetscCall(CheckEntropic(&nfail));
  else if (!strcmp(check, "kinetics"))
    PetscCall(CheckKineticsT(&nfail));
  else {
    printf("unknown -check %s\n", check);
    nfail++;
  }
  printf("%s: %s\n", check, nfail ? "FAILED" : "passed");
  PetscCall(PetscFinalize());
  return nfail ? 1 : 0;
}
