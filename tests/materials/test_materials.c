/* test_materials.c -- the material library (models/materials/, loaded by solver/case.c).
 *
 *  1. every material file of the library loads (parse, validate, sources), every property sets up
 *     (FvPropertySetUp) and evaluates to a finite value over its declared range: OCPs over the open
 *     stoichiometry interval (0, 1) (tables: their own x range), electrolyte properties over
 *     0.1 .. 3 times the material's concentration (1000 mol/m3 when it gives none), at T = 263.15
 * .. 333.15 K where the property depends on T (an activation energy, or a closed form, which may
 * use T itself); a table outside its range is an error;
 *  2. spot values against the cell pages (the files hold what the pages say);
 *  3. a case naming library materials resolves to the same case as the same case written inline
 *     (the reference cases, the Mg | Mo6S8 and Xu2019 Li-metal cases against frozen inline copies,
 * the built-in default case, overrides of material keys, a metal electrode whose type follows from
 * its material, a material named by its path, a command-line override);
 *  4. bad material files give ok = false and one message with the file and line.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <petscsys.h>
#include "case.h"
#include "fvtest.h" /* FV_CHECK, FV_CLOSE */
#include "materials.h"

static int fails = 0;

#define SRC(p) FVCELL_SOURCE_DIR "/" p
#define TCASE(n) FVCELL_SOURCE_DIR "/tests/materials/cases/" n ".yaml"
#define TLIB(n) FVCELL_SOURCE_DIR "/tests/materials/lib/" n ".yaml"

static const FvMaterialProperty *Prop(const FvMaterial *m, const char *key) {
  for (PetscInt i = 0; i < m->nprops; i++)
    if (!strcmp(m->props[i].key, key)) return &m->props[i];
  return NULL;
}

/* Evaluate p at x, T; count failures. */
static void EvalOk(const FvMaterial *m, const FvMaterialProperty *mp, PetscReal x, PetscReal T) {
  PetscReal v;
  int rc = FvPropertyEval(&mp->prop, x, T, 8.314462618, &v);
  FV_CHECK(rc == FV_PROP_OK && isfinite(v), "%s.%s at x = %g, T = %g: rc %d, value %g", m->name,
           mp->key, (double)x, (double)T, rc, (double)v);
}

/* Part 1 for one material. */
static PetscErrorCode CheckMaterial(MPI_Comm comm, const char *name, PetscInt *nevals) {
  FvMaterial *m;
  PetscBool ok;
  char msg[FV_MAT_MSG_LEN];
  PetscFunctionBeginUser;
  PetscCall(PetscNew(&m));
  PetscCall(FvMaterialLoad(comm, name, m, &ok, msg, sizeof msg));
  FV_CHECK(ok, "material %s does not load: %s", name, msg);
  if (!ok) {
    PetscCall(PetscFree(m));
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  FV_CHECK(!strcmp(m->name, name), "name %s in file %s", m->name, name);
  FV_CHECK(m->description[0], "%s: no description", name);
  FV_CHECK(m->nsources > 0, "%s: no sources", name);
  FV_CHECK(m->nprops > 0, "%s: no properties", name);
  for (PetscInt j = 0; j < m->nsources; j++)
    FV_CHECK(strlen(m->source[j]) > 5, "%s: source of %s too short", name, m->source_key[j]);
  switch (m->kind) { /* what each kind must provide to the solver */
  case FV_MAT_ACTIVE:
    FV_CHECK(Prop(m, "ocp") && Prop(m, "diffusivity") && Prop(m, "kinetics.rate_constant") &&
                 Prop(m, "max_concentration"),
             "%s: an active material without ocp, diffusivity, kinetics or c_max", name);
    FV_CHECK(m->c_max > 0, "%s: c_max %g", name, (double)m->c_max);
    break;
  case FV_MAT_ELECTROLYTE:
    FV_CHECK(Prop(m, "conductivity") && Prop(m, "diffusivity") && Prop(m, "transference_number") &&
                 Prop(m, "thermodynamic_factor"),
             "%s: an electrolyte without conductivity, diffusivity, t+ or TDF", name);
    break;
  case FV_MAT_METAL:
    FV_CHECK(Prop(m, "volumetric_capacity") && Prop(m, "kinetics.exchange_current_density"),
             "%s: a metal without capacity or i0", name);
    break;
  case FV_MAT_SOLID_ELECTROLYTE:
    FV_CHECK(Prop(m, "conductivity") && Prop(m, "conductivity")->data_only,
             "%s: a solid electrolyte without conductivity", name);
    break;
  case FV_MAT_INACTIVE:
    FV_CHECK(Prop(m, "density") && Prop(m, "density")->data_only,
             "%s: an inactive material without density", name);
    break;
  }
  for (PetscInt i = 0; i < m->nprops; i++) {
    FvMaterialProperty *mp = &m->props[i];
    FvProperty *p          = &mp->prop;
    PetscReal lo, hi, Ts[8];
    PetscInt nT = 0, ns = 0;
    PetscBool open = PETSC_FALSE;
    PetscCall(FvPropertySetUp(p));
    if (p->Ea != 0 || p->kind == FV_PROP_FORM) /* Arrhenius, or T inside a form (Valoen-Reimers) */
      for (PetscReal T = 263.15; T <= 333.16; T += 10)
        Ts[nT++] = T;
    else
      Ts[nT++] = 298.15;
    if (p->kind == FV_PROP_TABLE) { /* its own range, and an error outside unless it extrapolates */
      PetscReal v;
      lo = p->x[0];
      hi = p->x[p->n - 1];
      if (!p->extrapolate) {
        FV_CHECK(FvPropertyEval(p, lo - 1e-3 * (hi - lo), 298.15, 8.314462618, &v) ==
                     FV_PROP_OUT_OF_RANGE,
                 "%s.%s below its table", name, mp->key);
        FV_CHECK(FvPropertyEval(p, hi + 1e-3 * (hi - lo), 298.15, 8.314462618, &v) ==
                     FV_PROP_OUT_OF_RANGE,
                 "%s.%s above its table", name, mp->key);
      }
      ns = 101;
    } else if (p->kind == FV_PROP_CONST) {
      lo = hi = 0;
      ns      = 1;
    } else if (p->arg == FV_ARG_STO) {
      lo   = 0;
      hi   = 1;
      open = PETSC_TRUE;
      ns   = 199;
    } else if (m->kind == FV_MAT_ELECTROLYTE) {
      PetscReal c = m->c_ref > 0 ? m->c_ref : 1000;
      lo          = 0.1 * c;
      hi          = 3 * c;
      ns          = 101;
    } else { /* a solid property in concentration: 0 .. c_max */
      lo   = 0;
      hi   = m->c_max;
      open = PETSC_TRUE;
      ns   = 199;
    }
    for (PetscInt t = 0; t < nT; t++)
      for (PetscInt k = 0; k < ns; k++) {
        PetscReal x = ns == 1 ? lo
                      : open  ? lo + (hi - lo) * (k + 1) / (ns + 1)
                              : lo + (hi - lo) * k / (ns - 1);
        EvalOk(m, mp, x, Ts[t]);
        (*nevals)++;
      }
  }
  PetscCall(FvMaterialDestroy(m));
  PetscCall(PetscFree(m));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Part 2: the files hold what the cell pages say. */
static PetscErrorCode SpotValues(MPI_Comm comm) {
  FvMaterial *m;
  PetscBool ok;
  char msg[FV_MAT_MSG_LEN];
  PetscReal v;
  const FvMaterialProperty *mp;
  PetscFunctionBeginUser;
  PetscCall(PetscNew(&m));
  /* dualfoil-lco-graphite.md s4-s6 (c_max here with CODATA F; the case uses F = 96487) */
  PetscCall(FvMaterialLoad(comm, "graphite_mcmb2528", m, &ok, msg, sizeof msg));
  FV_CHECK(ok, "%s", msg);
  FV_CLOSE(m->c_max, 372 * 3.6e3 * 1800 / 96485.33212, 1e-12);
  mp = Prop(m, "ocp");
  PetscCall(FvPropertySetUp((FvProperty *)&mp->prop));
  FvPropertyEval(&mp->prop, 0.5, 298.15, 8.314, &v);
  FV_CLOSE(v, 0.195377, 2e-6);
  mp = Prop(m, "kinetics.film_resistance");
  FV_CLOSE(mp->prop.value, 1e-3, 1e-12);
  PetscCall(FvMaterialDestroy(m));
  PetscCall(FvMaterialLoad(comm, "lipf6_ec_dmc_dualfoil", m, &ok, msg, sizeof msg));
  FV_CHECK(ok, "%s", msg);
  mp = Prop(m, "conductivity");
  PetscCall(FvPropertySetUp((FvProperty *)&mp->prop));
  FvPropertyEval(&mp->prop, 1500, 298.15, 8.314, &v);
  FV_CLOSE(v, 1.113725, 1e-5);
  FV_CLOSE(m->c_ref, 1000, 1e-12);
  FV_CHECK(Prop(m, "density") && Prop(m, "density")->data_only, "electrolyte density is data only");
  PetscCall(FvMaterialDestroy(m));
  /* pybamm-sets.md s2.2: Chen kappa(1000) = 0.9487 S/m */
  PetscCall(FvMaterialLoad(comm, "lipf6_ec_emc_nyman2008", m, &ok, msg, sizeof msg));
  FV_CHECK(ok, "%s", msg);
  mp = Prop(m, "conductivity");
  PetscCall(FvPropertySetUp((FvProperty *)&mp->prop));
  FvPropertyEval(&mp->prop, 1000, 298.15, 8.314, &v);
  FV_CLOSE(v, 0.9487, 1e-3);
  PetscCall(FvMaterialDestroy(m));
  /* assb-nmc-lps-li.md s7.1: dV/V(0.22) = -0.051, a table file next to the material */
  PetscCall(FvMaterialLoad(comm, "nmc811_chen2020", m, &ok, msg, sizeof msg));
  FV_CHECK(ok, "%s", msg);
  mp = Prop(m, "volume_change");
  FV_CHECK(mp && mp->data_only && mp->prop.kind == FV_PROP_TABLE,
           "nmc811 volume_change is a data-only table");
  if (mp) {
    PetscCall(FvPropertySetUp((FvProperty *)&mp->prop));
    FV_CHECK(FvPropertyEval(&mp->prop, 0.22, 298.15, 8.314, &v) == FV_PROP_OK, "in range");
    FV_CLOSE(v, -0.051, 1e-12);
    FV_CHECK(FvPropertyEval(&mp->prop, 0.1, 298.15, 8.314, &v) == FV_PROP_OUT_OF_RANGE,
             "below the table: an error");
  }
  FV_CLOSE(Prop(m, "density")->prop.value, 4778, 1e-12);
  FV_CHECK(Prop(m, "density")->data_only, "density next to max_concentration is data only");
  FV_CLOSE(Prop(m, "youngs_modulus")->prop.value, 140e9, 1e-12);
  FV_CLOSE(m->c_max, 63104, 1e-12);
  PetscCall(FvMaterialDestroy(m));
  /* metals: volumetric capacities in C/m3 */
  PetscCall(FvMaterialLoad(comm, "magnesium_metal", m, &ok, msg, sizeof msg));
  FV_CHECK(ok, "%s", msg);
  FV_CLOSE(Prop(m, "volumetric_capacity")->prop.value, 3833 * 3.6 * 1e6, 1e-12);
  PetscCall(FvMaterialDestroy(m));
  PetscCall(FvMaterialLoad(comm, "lithium_metal", m, &ok, msg, sizeof msg));
  FV_CHECK(ok, "%s", msg);
  FV_CLOSE(Prop(m, "volumetric_capacity")->prop.value, 96485.33212 / 1.3e-5,
           2e-6); /* 2061.65 mAh/cm3 as written */
  PetscCall(FvMaterialDestroy(m));
  /* a solid electrolyte: Arrhenius conductivity, 0.016 S/m at 298.15 K, more when warmer */
  PetscCall(FvMaterialLoad(comm, "li3ps4", m, &ok, msg, sizeof msg));
  FV_CHECK(ok, "%s", msg);
  mp = Prop(m, "conductivity");
  PetscCall(FvPropertySetUp((FvProperty *)&mp->prop));
  FvPropertyEval(&mp->prop, 0, 298.15, 8.314462618, &v);
  FV_CLOSE(v, 0.016, 1e-12);
  FvPropertyEval(&mp->prop, 0, 333.15, 8.314462618, &v);
  FV_CLOSE(v, 0.016 * exp(38594 / 8.314462618 * (1 / 298.15 - 1 / 333.15)), 1e-12);
  PetscCall(FvMaterialDestroy(m));
  PetscCall(PetscFree(m));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Part 3: a and b resolve to the same case (b_default: b is the built-in default case). */
static PetscErrorCode SameCase(MPI_Comm comm, const char *a, const char *b, PetscBool b_default) {
  FvCase ca, cb;
  PetscErrorCode ia, ib;
  char *ta, *tb;
  PetscFunctionBeginUser;
  ia = FvCaseLoad(comm, a, &ca);
  ib = b_default ? FvCaseLoadDefault(comm, &cb) : FvCaseLoad(comm, b, &cb);
  FV_CHECK(!ia, "%s does not load", a);
  FV_CHECK(!ib, "%s does not load", b_default ? "the default case" : b);
  if (!ia && !ib) {
    PetscCall(FvTestStripComments(ca.yaml_text, &ta));
    PetscCall(FvTestStripComments(cb.yaml_text, &tb));
    FV_CHECK(!strcmp(ta, tb), "%s and %s resolve differently:\n%s\n----\n%s", a,
             b_default ? "the default case" : b, ta, tb);
    PetscCall(PetscFree(ta));
    PetscCall(PetscFree(tb));
  }
  if (!ia) PetscCall(FvCaseDestroy(&ca));
  if (!ib) PetscCall(FvCaseDestroy(&cb));
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode CaseChecks(MPI_Comm comm) {
  FvCase c;
  PetscFunctionBeginUser;
  PetscCall(
      SameCase(comm, TCASE("dualfoil_inline"), SRC("cases/reference/dualfoil.yaml"), PETSC_FALSE));
  PetscCall(SameCase(comm, TCASE("dualfoil_inline"), NULL, PETSC_TRUE));
  PetscCall(
      SameCase(comm, TCASE("chen2020_inline"), SRC("cases/reference/chen2020.yaml"), PETSC_FALSE));
  PetscCall(SameCase(comm, TCASE("marquis2019_inline"), SRC("cases/reference/marquis2019.yaml"),
                     PETSC_FALSE));
  PetscCall(SameCase(comm, TCASE("override_inline"), TCASE("override"), PETSC_FALSE));
  PetscCall(SameCase(comm, TCASE("li_metal_inline"), TCASE("li_metal_material"), PETSC_FALSE));
  /* frozen copies of cases/mg_mo6s8.yaml (divalent: z+ = 2) and cases/li_metal_nmc_xu2019.yaml */
  PetscCall(SameCase(comm, TCASE("mg_mo6s8_inline"), TCASE("mg_mo6s8_material"), PETSC_FALSE));
  PetscCall(SameCase(comm, TCASE("li_metal_nmc_xu2019_inline"),
                     TCASE("li_metal_nmc_xu2019_material"), PETSC_FALSE));

  /* what the override case must hold: case keys win, the material fills the rest */
  FV_CHECK(!FvCaseLoad(comm, TCASE("override"), &c), "override.yaml loads");
  FV_CLOSE(c.region[FV_NEG].c_max, 30000, 1e-15);
  FV_CLOSE(c.region[FV_NEG].k0.value, 1e-5, 1e-15);
  FV_CLOSE(c.region[FV_NEG].R_film, 2e-3, 1e-15);
  FV_CLOSE(c.region[FV_POS].Ds.value, 1e-14, 1e-15);
  FV_CLOSE(c.region[FV_POS].k0.value, 1e-11, 1e-15);
  FV_CLOSE(c.region[FV_POS].k0.Ea, 17800, 1e-15);
  FV_CLOSE(c.electrolyte.tplus.value, 0.3, 1e-15);
  FV_CHECK(!strcmp(c.electrolyte.kappa.form, "nyman2008_conductivity"), "kappa %s",
           c.electrolyte.kappa.form);
  PetscCall(FvCaseDestroy(&c));

  /* the c_max of a material's specific capacity uses the case's F (DUALFOIL's 96487) */
  FV_CHECK(!FvCaseLoad(comm, SRC("cases/reference/dualfoil.yaml"), &c), "dualfoil.yaml loads");
  FV_CLOSE(c.region[FV_NEG].c_max, 24983.262, 1e-7);
  FV_CLOSE(c.region[FV_POS].c_max, 51217.926, 1e-7);
  PetscCall(FvCaseDestroy(&c));

  /* a material named by its path relative to the case; its table relative to the material file */
  FV_CHECK(!FvCaseLoad(comm, TCASE("path_material"), &c), "path_material.yaml loads");
  FV_CHECK(c.region[FV_NEG].ocp.kind == FV_PROP_TABLE && c.region[FV_NEG].ocp.n == 21,
           "the OCP table of good_graphite");
  FV_CHECK(strstr(c.region[FV_NEG].ocp.source, "lib/tables/graphite_ocp.csv") != NULL,
           "table from %s", c.region[FV_NEG].ocp.source);
  FV_CHECK(strstr(c.yaml_text, "# material: good_graphite") != NULL,
           "resolved case notes the material");
  PetscCall(FvCaseDestroy(&c));

  /* the material on the command line; a case key still wins over it */
  PetscCall(PetscOptionsSetValue(NULL, "-negative_material", "graphite_chen2020"));
  FV_CHECK(!FvCaseLoad(comm, TCASE("override"), &c),
           "override.yaml -negative_material graphite_chen2020 loads");
  FV_CHECK(!strcmp(c.region[FV_NEG].ocp.form, "chen2020_graphite_ocp"), "ocp %s",
           c.region[FV_NEG].ocp.form);
  FV_CLOSE(c.region[FV_NEG].c_max, 30000, 1e-15);
  FV_CLOSE(c.region[FV_NEG].R_film, 2e-3, 1e-15);
  FV_CLOSE(c.region[FV_NEG].k0.value, 6.48e-7 / (1 * c.F), 1e-12);
  FV_CLOSE(c.region[FV_NEG].k0.Ea, 35000, 1e-15);
  PetscCall(FvCaseDestroy(&c));
  PetscCall(PetscOptionsClearValue(NULL, "-negative_material"));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Part 4: broken files report file:line, not a crash. */
static PetscErrorCode BadFiles(MPI_Comm comm) {
  static const char *const bad[][2] = {
      {"typo_key", "typo_key.yaml:12: kinetcs"},
      {"missing_source", "missing_source.yaml:11: diffusivity"},
      {"missing_subsource", "missing_subsource.yaml:17: kinetics.alpha_c"},
      {"source_typo", "source_typo.yaml:6: sources.densty"},
      {"bad_value", "bad_value.yaml:12: diffusivity"},
      {"wrong_name", "wrong_name.yaml:2: name"},
      {"bad_kind", "bad_kind.yaml:3: kind"},
      {"data_typo", "data_typo.yaml:14: youngs_modulus"},
  };
  FvMaterial *m;
  PetscBool ok;
  char msg[FV_MAT_MSG_LEN], path[FV_PATH_LEN];
  PetscFunctionBeginUser;
  PetscCall(PetscNew(&m));
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    PetscCall(PetscSNPrintf(path, sizeof path, "%s", TLIB("X")));
    path[strlen(path) - strlen("X.yaml")] = 0;
    PetscCall(PetscStrlcat(path, bad[i][0], sizeof path));
    PetscCall(PetscStrlcat(path, ".yaml", sizeof path));
    PetscCall(FvMaterialLoad(comm, path, m, &ok, msg, sizeof msg));
    FV_CHECK(!ok, "%s was accepted", bad[i][0]);
    FV_CHECK(strstr(msg, bad[i][1]) != NULL && !strchr(msg, '\n'),
             "%s: message \"%s\" lacks \"%s\"", bad[i][0], msg, bad[i][1]);
  }
  PetscCall(FvMaterialLoad(comm, "graphite_mcmb252", m, &ok, msg, sizeof msg));
  FV_CHECK(!ok && strstr(msg, "no material \"graphite_mcmb252\"") &&
               strstr(msg, "did you mean \"graphite_mcmb2528\""),
           "unknown name: %s", msg);
  PetscCall(PetscFree(m));
  PetscFunctionReturn(PETSC_SUCCESS);
}

int main(int argc, char **argv) {
  MPI_Comm comm;
  PetscInt n, nevals = 0;
  char **names;
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  comm = PETSC_COMM_WORLD;
  PetscCall(FvMaterialsNames(comm, &n, &names));
  FV_CHECK(n >= 21, "the library has %d material files", (int)n);
  for (PetscInt i = 0; i + 1 < n; i++)
    FV_CHECK(strcmp(names[i], names[i + 1]) < 0, "names sorted");
  for (PetscInt i = 0; i < n; i++)
    PetscCall(CheckMaterial(comm, names[i], &nevals));
  PetscCall(PetscPrintf(comm, "%d material files loaded; %d property evaluations\n", (int)n,
                        (int)nevals));
  PetscCall(FvMaterialsNamesDestroy(n, &names));
  PetscCall(SpotValues(comm));
  PetscCall(CaseChecks(comm));
  PetscCall(BadFiles(comm));
  PetscCall(PetscPrintf(comm, "%s: %d failure(s)\n", fails ? "FAILED" : "passed", fails));
  PetscCall(PetscFinalize());
  return fails ? 1 : 0;
}
