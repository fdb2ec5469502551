/* test_case_load.c -- case loading (solver/case.c): the reference cases and their derived
 * values, the built-in default case, command-line overrides, tables, the resolved YAML
 * (which must load back to the same case) and user errors returning PETSC_ERR_USER.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <petscsys.h>
#include "case.h"
#include "fvtest.h" /* FV_CHECK, FV_CLOSE */

static int fails = 0;

#define REF(name) FVCELL_SOURCE_DIR "/cases/reference/" name ".yaml"
#define DATA(name) FVCELL_SOURCE_DIR "/tests/case/data/" name

static const double F_CODATA = 96485.33212;

/* The resolved YAML text must load back to the same case (identical resolved text). */
static PetscErrorCode RoundTrip(MPI_Comm comm, const FvCase *c, const char *tmpname) {
  FILE *f;
  FvCase d;
  PetscErrorCode ierr;
  char *a, *b;

  PetscFunctionBeginUser;
  f = fopen(tmpname, "w");
  FV_CHECK(f != NULL, "cannot write %s", tmpname);
  if (!f) PetscFunctionReturn(PETSC_SUCCESS);
  fputs(c->yaml_text, f);
  fclose(f);
  ierr = FvCaseLoad(comm, tmpname, &d);
  FV_CHECK(ierr == 0, "the resolved case of %s does not load back (error %d)", c->name, (int)ierr);
  if (ierr) PetscFunctionReturn(PETSC_SUCCESS);
  /* the same text except comment lines (they name the source file) */
  PetscCall(FvTestStripComments(c->yaml_text, &a));
  PetscCall(FvTestStripComments(d.yaml_text, &b));
  FV_CHECK(!strcmp(a, b), "resolved text of %s changes on reloading:\n%s\n----\n%s", c->name,
           c->yaml_text, d.yaml_text);
  PetscCall(PetscFree(a));
  PetscCall(PetscFree(b));
  FV_CHECK(d.region[FV_NEG].c_max == c->region[FV_NEG].c_max, "c_max changes on reloading");
  FV_CHECK(d.region[FV_POS].k0.value == c->region[FV_POS].k0.value, "k0 changes on reloading");
  FV_CHECK(d.one_c == c->one_c, "one_c changes on reloading");
  PetscCall(FvCaseDestroy(&d));
  remove(tmpname);
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode TestDualfoil(MPI_Comm comm) {
  FvCase c;
  const FvRegion *n = &c.region[FV_NEG], *s = &c.region[FV_SEP], *p = &c.region[FV_POS];
  PetscFunctionBeginUser;
  PetscCall(FvCaseLoad(comm, REF("dualfoil"), &c));
  FV_CHECK(!strcmp(c.name, "dualfoil"), "name %s", c.name);
  FV_CHECK(c.F == 96487 && c.R == 8.314 && c.T == 298.0, "F %g R %g T %g", c.F, c.R, c.T);
  FV_CLOSE(n->c_max, 24983.262, 1e-6);
  FV_CLOSE(p->c_max, 51217.926, 1e-6);
  FV_CLOSE(n->c_max, 3.6e3 * 372 * 1800 / 96487.0, 1e-14);
  FV_CLOSE(n->thickness, 100e-6, 1e-14);
  FV_CLOSE(s->thickness, 25e-6, 1e-14);
  FV_CLOSE(p->thickness, 100e-6, 1e-14);
  FV_CHECK(n->ncells == 20 && s->ncells == 10 && p->ncells == 20, "cells %d %d %d", (int)n->ncells,
           (int)s->ncells, (int)p->ncells);
  FV_CHECK(n->nshells == 10 && p->nshells == 10, "shells");
  FV_CHECK(n->porosity == 0.3 && s->porosity == 1.0 && p->porosity == 0.3, "porosity");
  FV_CHECK(n->eps_am == 0.6 && p->eps_am == 0.5, "active fractions");
  FV_CHECK(n->brugg_e == 1.5 && s->brugg_e == 1.5 && n->brugg_s == 1.5 && p->brugg_s == 1.5,
           "Bruggeman");
  FV_CLOSE(n->sigma * pow(1 - n->porosity, n->brugg_s), 58.5662, 1e-5);
  FV_CLOSE(p->sigma * pow(1 - p->porosity, p->brugg_s), 5.85662, 1e-5);
  FV_CLOSE(n->radius, 10e-6, 1e-14);
  FV_CHECK(n->sto0 == 0.6 && p->sto0 == 0.5, "initial stoichiometries %g %g", n->sto0, p->sto0);
  FV_CHECK(n->n_electrons == 1 && p->n_electrons == 1, "n");
  FV_CHECK(n->Ds.kind == FV_PROP_CONST && n->Ds.arg == FV_ARG_NONE, "negative D_s constant");
  FV_CLOSE(n->Ds.value, 3.9e-14, 1e-14);
  FV_CLOSE(p->Ds.value, 1e-13, 1e-14);
  FV_CHECK(n->k0.kind == FV_PROP_CONST, "k0 constant");
  FV_CLOSE(n->k0.value, 1e-5, 1e-14);
  FV_CLOSE(p->k0.value, 3e-11, 1e-14);
  FV_CHECK(n->k0.Ea == 0 && n->k0.scale == 1, "k0 Ea %g scale %g", n->k0.Ea, n->k0.scale);
  FV_CHECK(n->alpha_a == 0.5 && n->alpha_c == 0.5 && p->alpha_a == 0.5, "alphas");
  FV_CLOSE(n->R_film, 1e-3, 1e-14);
  FV_CHECK(p->R_film == 0 && n->ce_ref == 0, "R_film pos %g ce_ref %g", p->R_film, n->ce_ref);
  FV_CHECK(n->ocp.kind == FV_PROP_FORM && !strcmp(n->ocp.form, "dualfoil_mcmb2528_ocp") &&
               n->ocp.arg == FV_ARG_STO,
           "negative ocp");
  FV_CHECK(p->ocp.kind == FV_PROP_FORM && !strcmp(p->ocp.form, "dualfoil_lco_ocp"), "positive ocp");
  FV_CHECK(!strcmp(n->ocp.name, "negative.ocp"), "property name %s", n->ocp.name);
  FV_CHECK(c.electrolyte.kappa.kind == FV_PROP_FORM && c.electrolyte.kappa.arg == FV_ARG_CONC &&
               !strcmp(c.electrolyte.kappa.form, "dualfoil_lipf6_conductivity"),
           "kappa");
  FV_CHECK(c.electrolyte.kappa.scale == 1 && c.electrolyte.kappa.Tref == 298.15 &&
               c.electrolyte.kappa.Ea == 0,
           "kappa defaults");
  FV_CHECK(c.electrolyte.tplus.kind == FV_PROP_CONST && c.electrolyte.tplus.value == 0.4, "t+");
  FV_CHECK(c.electrolyte.tdf.kind == FV_PROP_CONST && c.electrolyte.tdf.value == 1, "TDF");
  FV_CHECK(c.electrolyte.c0 == 1000 && c.electrolyte.zplus == 1 && c.electrolyte.nuplus == 1 &&
               c.electrolyte.numinus == 1,
           "electrolyte");
  FV_CLOSE(c.one_c, 24.1056, 1e-14);
  FV_CHECK(c.v_min == 3.0 && c.v_max == 4.7, "cut-offs %g %g", c.v_min, c.v_max);
  FV_CHECK(c.nrates == 5 && c.rates[0] == 0.1 && c.rates[4] == 5, "rates");
  FV_CHECK(c.r_contact == 0 && c.t_max == 0, "contact, t_max");
  /* a liquid cell under the issue-7 schema: one particle family in full contact, no solids besides
   * the active material, no solid electrolyte, no contact law, no stack pressure */
  FV_CHECK(c.liquid && !n->se.present && !s->se.present && !p->se.present, "liquid electrolyte");
  FV_CHECK(n->nfam == 1 && p->nfam == 1 && s->nfam == 0, "nfam %d %d %d", (int)n->nfam,
           (int)s->nfam, (int)p->nfam);
  FV_CHECK(n->fam_radius[0] == n->radius && n->fam_fraction[0] == 1 && n->fam_f0[0] == 1 &&
               p->fam_f0[0] == 1,
           "the single family");
  FV_CHECK(!n->contact.enabled && !p->contact.enabled && c.stack_pressure == 0, "no contact");
  FV_CHECK(n->eps_se == 0 && n->eps_carbon == 0 && p->eps_binder == 0 && n->R_interface == 0,
           "no composite data");
  FV_CLOSE(n->rho_am, 1800, 1e-14); /* the density of its specific capacity */
  FV_CHECK(c.yaml_text && strstr(c.yaml_text, "max_concentration: \"24983.26"),
           "resolved YAML has c_max:\n%s", c.yaml_text ? c.yaml_text : "(null)");
  PetscCall(RoundTrip(comm, &c, "roundtrip_dualfoil.yaml"));
  PetscCall(FvCaseView(comm, &c));
  PetscCall(FvCaseDestroy(&c));
  FV_CHECK(c.yaml_text == NULL, "destroyed");
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode TestMarquis(MPI_Comm comm) {
  FvCase c;
  const FvRegion *n = &c.region[FV_NEG], *p = &c.region[FV_POS];
  PetscFunctionBeginUser;
  PetscCall(FvCaseLoad(comm, REF("marquis2019"), &c));
  FV_CHECK(c.F == F_CODATA && c.R == 8.314462618 && c.T == 298.15, "constants");
  FV_CHECK(n->c_max == 24983.2619938437 && p->c_max == 51217.9257309275, "c_max");
  FV_CLOSE(n->sto0, 0.8, 1e-12);
  FV_CLOSE(p->sto0, 0.6, 1e-12);
  /* m_ref -> k0 = m_ref / F */
  FV_CLOSE(n->k0.value, 2e-5 / F_CODATA, 1e-14);
  FV_CLOSE(p->k0.value, 6e-7 / F_CODATA, 1e-14);
  FV_CHECK(n->k0.Ea == 37480 && p->k0.Ea == 39570 && n->k0.Tref == 298.15, "k0 Arrhenius");
  FV_CHECK(n->Ds.kind == FV_PROP_CONST && n->Ds.Ea == 42770 && p->Ds.Ea == 18550, "D_s Arrhenius");
  FV_CLOSE(n->Ds.value, 3.9e-14, 1e-14);
  FV_CHECK(c.electrolyte.kappa.Ea == 34700 && c.electrolyte.D.Ea == 37040, "electrolyte Arrhenius");
  FV_CHECK(!strcmp(p->ocp.form, "marquis2019_lco_ocp"), "positive ocp %s", p->ocp.form);
  FV_CLOSE(n->sigma * pow(1 - n->porosity, n->brugg_s), 58.57, 1e-4);
  FV_CLOSE(c.one_c, 24.0, 1e-14);
  FV_CHECK(c.v_min == 3.105 && c.v_max == 4.1, "cut-offs");
  FV_CHECK(c.nrates >= 1, "rates");
  PetscCall(RoundTrip(comm, &c, "roundtrip_marquis2019.yaml"));
  PetscCall(FvCaseDestroy(&c));
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode TestChen(MPI_Comm comm) {
  FvCase c;
  const FvRegion *n = &c.region[FV_NEG], *s = &c.region[FV_SEP], *p = &c.region[FV_POS];
  PetscFunctionBeginUser;
  PetscCall(FvCaseLoad(comm, REF("chen2020"), &c));
  FV_CLOSE(c.one_c, 5.0 / (0.065 * 1.58), 1e-13);
  FV_CLOSE(c.one_c, 48.69, 1e-4);
  FV_CHECK(n->brugg_s == 0 && p->brugg_s == 0, "b_s = 0");
  FV_CLOSE(n->thickness, 85.2e-6, 1e-14);
  FV_CLOSE(s->thickness, 12e-6, 1e-14);
  FV_CLOSE(p->thickness, 75.6e-6, 1e-14);
  FV_CHECK(s->porosity == 0.47 && p->porosity == 0.335 && p->eps_am == 0.665, "fractions");
  FV_CLOSE(n->radius, 5.86e-6, 1e-14);
  FV_CLOSE(n->sto0, 29866.0 / 33133.0, 1e-14);
  FV_CLOSE(p->sto0, 0.2700, 1e-4);
  FV_CLOSE(n->k0.value, 6.48e-7 / F_CODATA, 1e-14);
  FV_CLOSE(p->k0.value, 3.42e-6 / F_CODATA, 1e-14);
  FV_CHECK(n->k0.Ea == 35000 && p->k0.Ea == 17800, "Ea");
  FV_CHECK(!strcmp(c.electrolyte.kappa.form, "nyman2008_conductivity") &&
               !strcmp(c.electrolyte.D.form, "nyman2008_diffusivity"),
           "electrolyte forms");
  FV_CHECK(c.electrolyte.tplus.value == 0.2594, "t+");
  FV_CHECK(!strcmp(n->ocp.form, "chen2020_graphite_ocp") &&
               !strcmp(p->ocp.form, "chen2020_nmc_ocp"),
           "ocps");
  FV_CHECK(c.v_min == 2.5 && c.v_max == 4.2, "cut-offs");
  PetscCall(RoundTrip(comm, &c, "roundtrip_chen2020.yaml"));
  PetscCall(FvCaseDestroy(&c));
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode TestDefault(MPI_Comm comm) {
  FvCase c, d;
  PetscFunctionBeginUser;
  PetscCall(FvCaseLoadDefault(comm, &c));
  PetscCall(FvCaseLoad(comm, REF("dualfoil"), &d));
  FV_CHECK(!strcmp(c.name, "dualfoil") && c.path[0] == 0, "default name %s path %s", c.name,
           c.path);
  FV_CLOSE(c.region[FV_NEG].c_max, 24983.262, 1e-6);
  FV_CHECK(c.region[FV_POS].c_max == d.region[FV_POS].c_max && c.one_c == d.one_c &&
               c.nrates == d.nrates,
           "default = dualfoil.yaml");
  FV_CHECK(strstr(c.yaml_text, "built-in default case") != NULL, "source line");
  PetscCall(FvCaseDestroy(&c));
  PetscCall(FvCaseDestroy(&d));
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode TestOverrides(MPI_Comm comm) {
  FvCase c;
  PetscErrorCode ierr;
  FvCaseOverrides ov = {PETSC_FALSE, NULL}; /* overrides are an explicit input of the load */
  FvCaseOutcome outcome;
  char msg[2048];
  PetscFunctionBeginUser;
  PetscCall(PetscOptionsCreate(&ov.extra));
  PetscCall(PetscOptionsSetValue(ov.extra, "-positive_thickness", "80 um"));
  PetscCall(PetscOptionsSetValue(ov.extra, "-rates", "0.5,1,2"));
  PetscCall(PetscOptionsSetValue(ov.extra, "-name", "override_test"));
  PetscCall(PetscOptionsSetValue(ov.extra, "-electrolyte_transference_number", "0.38"));
  PetscCall(PetscOptionsSetValue(ov.extra, "-electrolyte_conductivity", "1.1 S/m"));
  PetscCall(PetscOptionsSetValue(ov.extra, "-negative_ocp", "{form: chen2020_graphite_ocp}"));
  PetscCall(PetscOptionsSetValue(
      ov.extra, "-positive_kinetics_rate_constant",
      "{value: \"3e-11 m^2.5 mol^-0.5 s^-1\", activation_energy: \"30 kJ/mol\"}"));
  PetscCall(PetscOptionsSetValue(ov.extra, "-negative_kinetics_film_resistance", "20 ohm cm2"));
  PetscCall(PetscOptionsSetValue(ov.extra, "-temperature", "25 degC"));
  PetscCall(PetscOptionsSetValue(ov.extra, "-operation_one_c", "2.41056 mA/cm2"));
  PetscCall(PetscOptionsSetValue(ov.extra, "-separator_cells", "7"));
  PetscCall(FvCaseLoadWith(comm, REF("dualfoil"), &ov, &c, &outcome, NULL, 0));
  FV_CLOSE(c.region[FV_POS].thickness, 8e-5, 1e-14);
  FV_CLOSE(c.region[FV_NEG].thickness, 1e-4, 1e-14);
  FV_CHECK(c.nrates == 3 && c.rates[0] == 0.5 && c.rates[2] == 2, "rates %d", (int)c.nrates);
  FV_CHECK(!strcmp(c.name, "override_test"), "name %s", c.name);
  FV_CHECK(c.electrolyte.tplus.kind == FV_PROP_CONST && c.electrolyte.tplus.value == 0.38, "t+");
  FV_CHECK(c.electrolyte.kappa.kind == FV_PROP_CONST && c.electrolyte.kappa.value == 1.1,
           "kappa form -> constant");
  FV_CHECK(c.region[FV_NEG].ocp.kind == FV_PROP_FORM &&
               !strcmp(c.region[FV_NEG].ocp.form, "chen2020_graphite_ocp"),
           "ocp form");
  FV_CHECK(c.region[FV_POS].k0.Ea == 30000, "k0 Ea %g", c.region[FV_POS].k0.Ea);
  FV_CLOSE(c.region[FV_NEG].R_film, 2e-3, 1e-14);
  FV_CLOSE(c.T, 298.15, 1e-14);
  FV_CLOSE(c.one_c, 24.1056, 1e-14);
  FV_CHECK(c.region[FV_SEP].ncells == 7, "cells");
  FV_CHECK(c.region[FV_POS].thickness == 8e-5,
           "80 um is exactly the double 8e-5 (decimal shift, one rounding)");
  FV_CHECK(strstr(c.yaml_text, "thickness: \"8e-05 m\"") != NULL,
           "resolved YAML shows the override");
  PetscCall(FvCaseDestroy(&c));
  PetscCall(PetscOptionsClear(ov.extra));

  /* a bad override is a user error, reported like a file error */
  PetscCall(PetscOptionsSetValue(ov.extra, "-positive_porosity", "1.5"));
  ierr = FvCaseLoadWith(comm, REF("dualfoil"), &ov, &c, &outcome, NULL, 0);
  FV_CHECK(ierr == PETSC_ERR_USER, "bad override gives %d", (int)ierr);
  FV_CHECK(outcome == FV_CASE_INVALID, "a bad override value is outcome %d", (int)outcome);
  FV_CHECK(c.yaml_text == NULL && c.name[0] == 0, "a failed load leaves an empty case");
  PetscCall(FvCaseDestroy(&c)); /* harmless on an empty case */
  PetscCall(PetscOptionsClear(ov.extra));
  /* a misspelt override is not ignored */
  PetscCall(PetscOptionsSetValue(ov.extra, "-positive_thicknes", "80 um"));
  ierr = FvCaseLoadWith(comm, REF("dualfoil"), &ov, &c, &outcome, NULL, 0);
  FV_CHECK(ierr == PETSC_ERR_USER, "misspelt override gives %d", (int)ierr);
  FV_CHECK(outcome == FV_CASE_UNKNOWN_OVERRIDE, "a misspelt override is outcome %d", (int)outcome);
  PetscCall(PetscOptionsClear(ov.extra));
  /* and -rates 0.5,0 is refused */
  PetscCall(PetscOptionsSetValue(ov.extra, "-rates", "0.5,0"));
  ierr = FvCaseLoadWith(comm, REF("dualfoil"), &ov, &c, &outcome, NULL, 0);
  FV_CHECK(ierr == PETSC_ERR_USER, "-rates 0.5,0 gives %d", (int)ierr);
  PetscCall(PetscOptionsClear(ov.extra));

  /* the global options database is not a channel into a load that does not take the command line */
  PetscCall(PetscOptionsSetValue(NULL, "-positive_thickness", "80 um"));
  PetscCall(FvCaseLoadWith(comm, REF("dualfoil"), &ov, &c, &outcome, msg, sizeof msg));
  FV_CHECK(outcome == FV_CASE_OK && c.region[FV_POS].thickness != 8e-5,
           "a load without the command line ignores the global options (thickness %g)",
           (double)c.region[FV_POS].thickness);
  PetscCall(FvCaseDestroy(&c));
  /* ... and one that takes it sees them, under its explicit set */
  ov.command_line = PETSC_TRUE;
  PetscCall(PetscOptionsSetValue(ov.extra, "-positive_thickness", "70 um"));
  PetscCall(FvCaseLoadWith(comm, REF("dualfoil"), &ov, &c, &outcome, msg, sizeof msg));
  FV_CLOSE(c.region[FV_POS].thickness, 7e-5, 1e-14);
  PetscCall(FvCaseDestroy(&c));
  PetscCall(PetscOptionsClear(ov.extra));
  PetscCall(FvCaseLoadWith(comm, REF("dualfoil"), &ov, &c, &outcome, msg, sizeof msg));
  FV_CLOSE(c.region[FV_POS].thickness, 8e-5, 1e-14);
  PetscCall(FvCaseDestroy(&c));
  PetscCall(PetscOptionsClearValue(NULL, "-positive_thickness"));
  PetscCall(PetscOptionsDestroy(&ov.extra));
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode TestTables(MPI_Comm comm) {
  FvCase c;
  const FvProperty *ocp, *D;
  PetscFunctionBeginUser;
  PetscCall(FvCaseLoad(comm, DATA("table_case.yaml"), &c));
  ocp = &c.region[FV_NEG].ocp;
  D   = &c.electrolyte.D;
  FV_CHECK(ocp->kind == FV_PROP_TABLE && ocp->arg == FV_ARG_STO && ocp->n == 11,
           "ocp table kind %d n %d", (int)ocp->kind, (int)ocp->n);
  if (ocp->n == 11)
    FV_CHECK(ocp->x[0] == 0.01 && ocp->y[0] == 0.770310 && ocp->x[10] == 0.9 &&
                 ocp->y[10] == 0.130300,
             "ocp table values");
  FV_CHECK(ocp->interp == FV_INTERP_LINEAR && ocp->extrapolate, "ocp interpolation");
  FV_CHECK(strstr(ocp->source, "graphite_ocp.csv") != NULL, "source %s", ocp->source);
  FV_CHECK(D->kind == FV_PROP_TABLE && D->arg == FV_ARG_CONC && D->n == 3, "D table");
  if (D->n == 3) {
    FV_CLOSE(D->x[1], 1000, 1e-14);
    FV_CLOSE(D->y[1], 2.787724e-10, 1e-14);
  }
  FV_CHECK(D->interp == FV_INTERP_STEFFEN && !D->extrapolate, "D interpolation defaults");
  PetscCall(RoundTrip(comm, &c, "roundtrip_tables.yaml"));
  PetscCall(FvCaseDestroy(&c));
  PetscFunctionReturn(PETSC_SUCCESS);
}

#define CASE(name) FVCELL_SOURCE_DIR "/cases/" name ".yaml"

/* The all-solid-state reference cell (docs/cells/assb-nmc-lps-li.md): the derived
 * numbers of its composite cathode (page s2, s8), the solid electrolytes, particle families,
 * contact law and stack pressure, the resolved YAML round trip and the -cell_stack_pressure
 * override. */
static PetscErrorCode TestAssb(MPI_Comm comm) {
  FvCase c;
  const FvRegion *n, *s, *p;
  PetscFunctionBeginUser;
  PetscCall(FvCaseLoad(comm, CASE("assb_nmc811_lps_li"), &c));
  n = &c.region[FV_NEG];
  s = &c.region[FV_SEP];
  p = &c.region[FV_POS];
  /* page s2: volume fractions of the 80/14/6 wt% composite with 10 % porosity */
  FV_CHECK(fabs(p->eps_am - 0.553) <= 1e-3, "eps_am %g", p->eps_am);
  FV_CHECK(fabs(p->eps_se - 0.247) <= 1e-3, "eps_se %g", p->eps_se);
  FV_CHECK(fabs(p->eps_carbon - 0.099) <= 1e-3, "eps_carbon %g", p->eps_carbon);
  FV_CHECK(p->eps_binder == 0 && p->rho_binder == 0, "no binder");
  FV_CLOSE(p->eps_am + p->eps_se + p->eps_carbon + p->porosity, 1, 1e-14);
  FV_CLOSE(p->rho_am, 4778, 1e-14);
  FV_CLOSE(p->rho_carbon, 2000, 1e-14);
  FV_CLOSE(p->se.density, 1870, 1e-14);
  FV_CLOSE(p->thickness, 50e-6, 1e-14);
  /* page s2: NMC811 loading 13.2 mg/cm2; page s8: 1C = 23.57 A/m2 from the window */
  FV_CHECK(fabs(p->eps_am * p->thickness * p->rho_am * 100 - 13.2) <= 0.05, "loading %g mg/cm2",
           p->eps_am * p->thickness * p->rho_am * 100);
  FV_CHECK(fabs(c.one_c - 23.57) <= 0.02, "one_c %g A/m2", c.one_c);
  FV_CLOSE(c.one_c,
           p->eps_am * p->thickness * p->c_max * p->n_electrons * c.F *
               (p->sto_window[1] - p->sto_window[0]) / 3600,
           1e-14);
  FV_CHECK(p->sto_window[0] == 0.2613 && p->sto_window[1] == 0.9084, "window %g %g",
           p->sto_window[0], p->sto_window[1]);
  FV_CLOSE(p->c_max, 49111, 1e-14);
  FV_CHECK(p->n_electrons == 1 && n->n_electrons == 1, "n");
  /* solid electrolytes; no liquid: the electrolyte's fields are the placeholders of the working ion
   */
  FV_CHECK(!c.liquid, "no liquid electrolyte");
  FV_CHECK(s->se.present && p->se.present && !n->se.present, "SE present: sep %d pos %d",
           (int)s->se.present, (int)p->se.present);
  FV_CHECK(!strcmp(s->se.material, "li3ps4") && !strcmp(p->se.material, "li3ps4"),
           "SE materials %s %s", s->se.material, p->se.material);
  FV_CHECK(p->se.law == FV_SIGMA_PERCOLATION && p->se.threshold == 0.1 && p->se.exponent == 2,
           "percolation law");
  FV_CHECK(s->se.law == FV_SIGMA_PERCOLATION && s->se.threshold == 0.1 && s->se.exponent == 2,
           "separator law");
  FV_CHECK(p->se.sigma.kind == FV_PROP_CONST && p->se.sigma.value == 0.016 &&
               p->se.sigma.Ea == 38594 && p->se.sigma.Tref == 298.15,
           "SE conductivity %g Ea %g", p->se.sigma.value, p->se.sigma.Ea);
  FV_CHECK(p->se.c_ion == 31160 && p->se.zplus == 1 && p->se.E == 18.5e9 && p->se.nu == 0.3,
           "SE data");
  FV_CLOSE(s->eps_se, 0.95, 1e-14);
  FV_CHECK(c.electrolyte.zplus == 1 && c.electrolyte.nuplus == 1 && c.electrolyte.numinus == 1 &&
               c.electrolyte.c0 == 31160,
           "electrolyte placeholders z %g c0 %g", c.electrolyte.zplus, c.electrolyte.c0);
  FV_CHECK(c.electrolyte.kappa.kind == FV_PROP_CONST && c.electrolyte.kappa.arg == FV_ARG_CONC &&
               c.electrolyte.tplus.value == 1 && c.electrolyte.D.value == 1 &&
               c.electrolyte.tdf.value == 1,
           "electrolyte placeholder properties");
  /* kinetics: c/c_ref = 1 with the composite's Li+ concentration */
  FV_CHECK(p->k0.kind == FV_PROP_CONST && p->k0.value == 2.11e-10 && p->ce_ref == 31160 &&
               p->k0.Ea == 0,
           "k0 %g ce_ref %g Ea %g", p->k0.value, p->ce_ref, p->k0.Ea);
  FV_CHECK(p->R_interface == 0 && p->ocp.kind == FV_PROP_TABLE && p->ocp.n == 26, "ocp table n %d",
           (int)p->ocp.n);
  /* particle families (page s7.3) */
  FV_CHECK(p->nfam == 3 && s->nfam == 0 && n->nfam == 0, "nfam %d %d %d", (int)n->nfam,
           (int)s->nfam, (int)p->nfam);
  if (p->nfam == 3) {
    FV_CHECK(p->fam_f0[0] == 0.3 && p->fam_f0[1] == 0.5 && p->fam_f0[2] == 0.7, "f0");
    FV_CLOSE(p->fam_fraction[0] + p->fam_fraction[1] + p->fam_fraction[2], 1, 1e-12);
    FV_CHECK(p->fam_radius[0] == 5e-6 && p->fam_radius[2] == 5e-6 && p->radius == 5e-6, "radii");
  }
  /* contact law and stack pressure */
  FV_CHECK(p->contact.enabled && !n->contact.enabled && !s->contact.enabled, "contact enabled");
  FV_CHECK(p->contact.e_c == 0.03 && p->contact.k_irr == 0.714 && p->contact.f_iso == 0.05 &&
               p->contact.iso_width == 0.01 && p->contact.gap_width == 1e-4 &&
               p->contact.sto_fab == 1,
           "contact parameters");
  FV_CHECK(p->contact.dvv.kind == FV_PROP_TABLE && p->contact.dvv.arg == FV_ARG_STO &&
               p->contact.dvv.n == 13,
           "dV/V table");
  FV_CHECK(p->contact.E_am == 140e9 && p->contact.nu_am == 0.25, "active moduli");
  FV_CHECK(c.stack_pressure == 5e6, "stack pressure %g", c.stack_pressure);
  /* Li metal, 13.8 um at 2046 mAh/cm3 (page s6) */
  FV_CHECK(n->metal, "negative metal");
  FV_CLOSE(n->metal_capacity, 13.8e-6 * 2046 * 3.6e6, 1e-12);
  FV_CHECK(n->i0_metal == 10 && n->ce_ref == 0, "metal i0");
  FV_CHECK(c.nprotocol == 4 && c.nrates == 5 && c.cycles == 1, "protocol %d rates %d",
           (int)c.nprotocol, (int)c.nrates);
  FV_CHECK(strstr(c.yaml_text, "stack_pressure: \"5000000 Pa\"") != NULL,
           "resolved YAML has the stack pressure");
  FV_CHECK(strstr(c.yaml_text, "\nelectrolyte:") == NULL,
           "resolved YAML without a liquid electrolyte");
  PetscCall(RoundTrip(comm, &c, "roundtrip_assb.yaml"));
  PetscCall(FvCaseDestroy(&c));

  /* the stack-pressure sweep is a command-line override */
  PetscCall(PetscOptionsSetValue(NULL, "-cell_stack_pressure", "25 MPa"));
  PetscCall(FvCaseLoad(comm, CASE("assb_nmc811_lps_li"), &c));
  FV_CHECK(c.stack_pressure == 25e6, "-cell_stack_pressure 25 MPa gives %g", c.stack_pressure);
  FV_CHECK(strstr(c.yaml_text, "stack_pressure: \"25000000 Pa\"") != NULL,
           "resolved YAML shows the override");
  PetscCall(FvCaseDestroy(&c));
  PetscCall(PetscOptionsClear(NULL));

  /* the Li6PS5Cl-composite variant: LPS separator, LPSCl composite */
  PetscCall(FvCaseLoad(comm, CASE("assb_nmc811_lpscl_li"), &c));
  s = &c.region[FV_SEP];
  p = &c.region[FV_POS];
  FV_CHECK(!strcmp(s->se.material, "li3ps4") && !strcmp(p->se.material, "li6ps5cl"),
           "SE materials %s %s", s->se.material, p->se.material);
  FV_CHECK(p->se.c_ion == 41700 && p->ce_ref == 41700 && p->se.E == 22e9, "LPSCl data");
  FV_CHECK(c.electrolyte.c0 == 31160,
           "placeholder c0 from the first solid electrolyte (the separator's)");
  FV_CHECK(fabs(p->eps_am - 0.553) <= 1e-3 && fabs(p->eps_se - 0.248) <= 1e-3, "eps %g %g",
           p->eps_am, p->eps_se);
  FV_CHECK(fabs(c.one_c - 23.55) <= 0.02, "one_c %g", c.one_c);
  PetscCall(RoundTrip(comm, &c, "roundtrip_assb_lpscl.yaml"));
  PetscCall(FvCaseDestroy(&c));
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode TestErrors(MPI_Comm comm) {
  FvCase c;
  PetscErrorCode ierr;
  PetscFunctionBeginUser;
  ierr = FvCaseLoad(comm, DATA("does_not_exist.yaml"), &c);
  FV_CHECK(ierr == PETSC_ERR_USER, "missing file gives %d", (int)ierr);
  ierr = FvCaseLoad(comm, DATA("graphite_ocp.csv"), &c); /* not a case file */
  FV_CHECK(ierr == PETSC_ERR_USER, "a CSV as a case gives %d", (int)ierr);
  PetscFunctionReturn(PETSC_SUCCESS);
}

int main(int argc, char **argv) {
  MPI_Comm comm;
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  comm = PETSC_COMM_WORLD;
  PetscCall(TestDualfoil(comm));
  PetscCall(TestMarquis(comm));
  PetscCall(TestChen(comm));
  PetscCall(TestDefault(comm));
  PetscCall(TestOverrides(comm));
  PetscCall(TestTables(comm));
  PetscCall(TestAssb(comm));
  PetscCall(TestErrors(comm));
  printf("%s: %d failure(s)\n", fails ? "FAILED" : "passed", fails);
  PetscCall(PetscFinalize());
  return fails ? 1 : 0;
}
