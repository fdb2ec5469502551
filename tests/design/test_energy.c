/* test_energy.c -- the stack accounting of solver/energy.c against hand-computed stacks.
 *
 *  -check page    the ASSB reference cell (cases/assb_nmc811_lps_li.yaml, Li density 534 kg/m3
 * added): every areal mass and thickness against the arithmetic of docs/cells/assb-nmc-lps-li.md s9
 * written out independently here (the composite from the weight fractions, not from the loader's
 * volume fractions) to 1e-12; the page's rounded totals (27.3 mg/cm2, 96.3 um; 332 Wh/kg and 942
 * Wh/L at 3.85 V) and its window mean OCV 3.88 V; packaging and single-coated collectors. -check
 * excess  the design case (cases/assb_loading_vs_separator.yaml): negative.excess 0.2 gives a (2 +
 * 0.2) Q inventory for the charged start and a (1 + 0.2) Q fabricated foil.
 */
#include <string.h>
#include "fvtest.h"
#include "energy.h"

static PetscErrorCode LoadCase(const char *rel, FvCase *c) {
  char path[FV_PATH_LEN];
  PetscFunctionBeginUser;
  snprintf(path, sizeof path, "%s/%s", FVCELL_SOURCE_DIR, rel);
  PetscCall(FvCaseLoad(PETSC_COMM_WORLD, path, c));
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode CheckPage(int *nfail) {
  FvCase c;
  FvStack s;
  int fails = 0;
  /* page s1-s3, s6, s9 by hand (SI) */
  const double L = 50e-6, por = 0.10, w_am = 0.80, w_se = 0.14, w_c = 0.06, r_am = 4778,
               r_se = 1870, r_c = 2000;
  const double m_pos =
      (1 - por) * L /
      (w_am / r_am + w_se / r_se + w_c / r_c); /* solids per volume = 1 / sum(w/rho) */
  const double m_sep = 20e-6 * 0.95 * 1870;
  const double m_li  = 13.8e-6 * 534;
  const double m_al = 0.5 * 15e-6 * 2700, m_cu = 0.5 * 10e-6 * 8960;
  const double m_tot  = m_pos + m_sep + m_li + m_al + m_cu;
  const double t_tot  = 50e-6 + 20e-6 + 13.8e-6 + 7.5e-6 + 5e-6;
  const double q_page = 23.57; /* A h m-2 = 2.357 mAh/cm2 (page s8) */
  PetscFunctionBeginUser;
  PetscCall(PetscOptionsSetValue(NULL, "-negative_density", "534 kg/m3"));
  PetscCall(LoadCase("cases/assb_nmc811_lps_li.yaml", &c));
  PetscCall(FvStackCompute(&c, &s));
  FV_CHECK(s.mass_known && s.energy_known, "%s", s.missing);
  FV_CLOSE(s.mass_part[FV_STACK_POS], m_pos, 1e-12);
  FV_CLOSE(s.mass_part[FV_STACK_SEP], m_sep, 1e-12);
  FV_CLOSE(s.mass_part[FV_STACK_NEG], m_li, 1e-12);
  FV_CLOSE(s.mass_part[FV_STACK_POS_CC], m_al, 1e-12);
  FV_CLOSE(s.mass_part[FV_STACK_NEG_CC], m_cu, 1e-12);
  FV_CLOSE(s.mass, m_tot, 1e-12);
  FV_CLOSE(s.thickness, t_tot, 1e-12);
  FV_CLOSE(s.metal_fabricated, 13.8e-6 * 2046 * 3.6e6, 1e-12); /* 2046 mAh/cm3 = 7.3656e9 C/m3 */
  /* the page's rounded numbers */
  FV_CLOSE(s.mass * 100, 27.3, 2e-3);      /* mg/cm2 */
  FV_CLOSE(s.thickness * 1e6, 96.3, 1e-9); /* um */
  FV_CLOSE(s.rated_capacity, q_page, 1e-3);
  FV_CLOSE(s.rated_voltage, 3.88, 3e-3);
  FV_CLOSE(FvStackSpecificEnergy(&s, q_page * 3.85), 332, 3e-3);
  FV_CLOSE(FvStackEnergyDensity(&s, q_page * 3.85), 942, 3e-3);
  printf("page stack: %.6g mg/cm2, %.6g um; window %.6g A h/m2 at mean OCV %.6g V: %.6g Wh/kg, "
         "%.6g Wh/L (at 3.85 V: %.6g, %.6g)\n",
         s.mass * 100, s.thickness * 1e6, s.rated_capacity, s.rated_voltage,
         FvStackSpecificEnergy(&s, s.rated_energy), FvStackEnergyDensity(&s, s.rated_energy),
         FvStackSpecificEnergy(&s, q_page * 3.85), FvStackEnergyDensity(&s, q_page * 3.85));
  PetscCall(FvCaseDestroy(&c));
  /* packaging overhead and single-coated collectors */
  PetscCall(PetscOptionsSetValue(NULL, "-cell_packaging_mass_fraction", "0.2"));
  PetscCall(PetscOptionsSetValue(NULL, "-cell_packaging_volume_fraction", "0.1"));
  PetscCall(PetscOptionsSetValue(NULL, "-cell_double_coated", "false"));
  PetscCall(LoadCase("cases/assb_nmc811_lps_li.yaml", &c));
  PetscCall(FvStackCompute(&c, &s));
  FV_CLOSE(s.mass, (m_tot + m_al + m_cu) / 0.8, 1e-12);
  FV_CLOSE(s.thickness, (t_tot + 7.5e-6 + 5e-6) / 0.9, 1e-12);
  PetscCall(FvCaseDestroy(&c));
  PetscCall(PetscOptionsClearValue(NULL, "-cell_packaging_mass_fraction"));
  PetscCall(PetscOptionsClearValue(NULL, "-cell_packaging_volume_fraction"));
  PetscCall(PetscOptionsClearValue(NULL, "-cell_double_coated"));
  PetscCall(PetscOptionsClearValue(NULL, "-negative_density"));
  *nfail += fails;
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode CheckExcess(int *nfail) {
  FvCase c;
  FvStack s;
  int fails = 0;
  PetscFunctionBeginUser;
  PetscCall(LoadCase("cases/assb_loading_vs_separator.yaml", &c));
  PetscCall(FvStackCompute(&c, &s));
  {
    const FvRegion *p = &c.region[FV_POS];
    const double Q    = p->eps_am * p->thickness * p->c_max * c.F *
                     (p->sto_window[1] - p->sto_window[0]); /* C/m2 */
    FV_CLOSE(c.region[FV_NEG].metal_capacity, 2.2 * Q, 1e-12);
    FV_CLOSE(s.metal_fabricated, 1.2 * Q, 1e-12);
    FV_CLOSE(s.thick_part[FV_STACK_NEG], 1.2 * Q / (2046 * 3.6e6), 1e-12);
    FV_CLOSE(c.one_c, Q / 3600, 1e-12);
    FV_CLOSE(s.rated_capacity, Q / 3600, 1e-12);
    printf("NMC622 design cell: Q = %.6g mAh/cm2, Li %.6g um as fabricated; static %.6g Wh/kg, "
           "%.6g Wh/L\n",
           Q / 36000, s.thick_part[FV_STACK_NEG] * 1e6, FvStackSpecificEnergy(&s, s.static_energy),
           FvStackEnergyDensity(&s, s.static_energy));
  }
  PetscCall(FvCaseDestroy(&c));
  *nfail += fails;
  PetscFunctionReturn(PETSC_SUCCESS);
}

int main(int argc, char **argv) {
  char check[64] = "page";
  int nfail      = 0;
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCall(PetscOptionsGetString(NULL, NULL, "-check", check, sizeof check, NULL));
  if (!strcmp(check, "page"))
    PetscCall(CheckPage(&nfail));
  else if (!strcmp(check, "excess"))
    PetscCall(CheckExcess(&nfail));
  else {
    printf("unknown -check %s\n", check);
    nfail++;
  }
  printf("%s: %s\n", check, nfail ? "FAILED" : "passed");
  PetscCall(PetscFinalize());
  return nfail ? 1 : 0;
}
