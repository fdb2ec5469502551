/* case_schema.c -- the table of every case key, and the key reference generated from it (see
 * case_schema.h).
 *
 * Rows are in the order the keys are listed in messages ("positive takes: ...") and written in
 * the resolved case.  A row with a field is loaded, defaulted, range-checked (CaseLoadRows, or
 * CaseLoadKey from a section's rules) and written (CaseWriteRows) from the row; a row without one
 * is read by its section's rules.
 */
#define _POSIX_C_SOURCE 200809L
#include "case_loader.h"
#include "case_schema.h"

#define ELECTRODE (FV_SEC_POROUS | FV_SEC_METAL)
#define SEPARATOR (FV_SEC_SEPARATOR | FV_SEC_SEPARATOR_SCAN)
#define REGION (FV_SEC_POROUS | SEPARATOR)
#define KINETICS (FV_SEC_KINETICS | FV_SEC_METAL_KINETICS)
/* a key without a field: read by its section's rules */
#define K(sec, nm, kd, u, hlp)                                                                     \
  {                                                                                                \
    .sections = (sec), .name = (nm), .kind = (kd), .unit = (u), .help = (hlp),                     \
    .offset = FV_KEY_NO_FIELD                                                                      \
  }
/* ... that a material of kinds mats may give */
#define KM(sec, nm, kd, u, mats, hlp)                                                              \
  {                                                                                                \
    .sections = (sec), .name = (nm), .kind = (kd), .unit = (u), .help = (hlp),                     \
    .offset = FV_KEY_NO_FIELD, .materials = (mats)                                                 \
  }
/* ... with a default */
#define KD(sec, nm, kd, u, d, src, hlp)                                                            \
  {                                                                                                \
    .sections = (sec), .name = (nm), .kind = (kd), .unit = (u), .def = (d), .source = (src),       \
    .help = (hlp), .offset = FV_KEY_NO_FIELD                                                       \
  }
/* Rows with a field, as designated initializers: the section and name, then where the value
 * lands (field fld of struct T) and what it is. */
#define SEC(sec, nm) .sections = (sec), .name = (nm)
#define QTY(T, fld, q_) .kind = FV_KEY_QUANTITY, .offset = offsetof(T, fld), .q = &(q_)
#define INT(T, fld, q_) .kind = FV_KEY_INTEGER, .offset = offsetof(T, fld), .q = &(q_)
#define PROP(T, fld, ps) .kind = FV_KEY_PROPERTY, .offset = offsetof(T, fld), .prop = &(ps)
#define DEF(dv, d, src) .defval = (dv), .def = (d), .source = (src)
/* A quantity landing in FvCase field fld with its range inline (lo..hi, open ends lo_o, hi_o, what
 * is expected wh, an example ex), default value dv written d, from src; KFO: optional without a
 * default, written when > 0.  (The row macros of the first table, kept for rows written with
 * them; a new row can use the designated form above.) */
#define KF(sec, nm, u, fld, d, dv, src, lo_, hi_, lo_o, hi_o, wh, ex, hlp)                         \
  {                                                                                                \
    SEC(sec, nm), .kind = FV_KEY_QUANTITY, .offset = offsetof(FvCase, fld),                        \
                  .q = &(const FvCaseQty){(u), (wh), (ex), (lo_), (hi_), (lo_o), (hi_o), 0},       \
                  DEF(dv, d, src), .help = (hlp)                                                   \
  }
#define KFO(sec, nm, u, fld, lo_, hi_, wh, ex, hlp)                                                \
  {                                                                                                \
    SEC(sec, nm),                                                                                  \
        .kind = FV_KEY_QUANTITY, .offset = offsetof(FvCase, fld),                                  \
        .q     = &(const FvCaseQty){(u), (wh), (ex), (lo_), (hi_), PETSC_TRUE, PETSC_FALSE, 0},    \
        .flags = FV_KEYF_WRITE_IF_POSITIVE, .help = (hlp)                                          \
  }
#define BATPAC "BatPaC convention (half of each foil per stack unit)"
#define CODATA "CODATA 2018 (exact)"
#define BRUGGEMAN "Bruggeman's relation"

static const char *const interphase_limits[] = {"parabolic", "logarithmic",
                                                NULL}; /* FvInterphaseLimit */
static const char *const particle_discs[]    = {"finite_volume", "spectral",
                                                NULL}; /* FvParticleDisc */

static const FvCaseKey schema[] = {
    /* the top level */
    K(FV_SEC_ROOT, "name", FV_KEY_TEXT, NULL,
      "the case name: letters, digits, _ - . (names the output file; default: the file name)"),
    K(FV_SEC_ROOT, "description", FV_KEY_TEXT, NULL, "a free text"),
    K(FV_SEC_ROOT, "constants", FV_KEY_SECTION, NULL, "physical constants the case uses"),
    {SEC(FV_SEC_ROOT, "temperature"), QTY(FvCase, T, Q_TEMP), .flags = FV_KEYF_REQUIRED,
     .help = "the cell temperature (required)"},
    K(FV_SEC_ROOT, "electrolyte", FV_KEY_SECTION, NULL,
      "the liquid electrolyte (required when a region has no solid_electrolyte)"),
    K(FV_SEC_ROOT, "negative", FV_KEY_SECTION, NULL, "the negative electrode (x = 0)"),
    K(FV_SEC_ROOT, "separator", FV_KEY_SECTION, NULL, "the separator"),
    K(FV_SEC_ROOT, "positive", FV_KEY_SECTION, NULL, "the positive electrode"),
    K(FV_SEC_ROOT, "operation", FV_KEY_SECTION, NULL, "operating conditions (required)"),
    K(FV_SEC_ROOT, "cell", FV_KEY_SECTION, NULL, "the cell and its stack unit (energy accounting)"),
    {.sections = FV_SEC_ROOT,
     .name     = "sweep",
     .kind     = FV_KEY_SECTION,
     .flags    = FV_KEYF_NO_OVERRIDE,
     .help     = "swept case keys: a map of dotted keys to value lists or ranges",
     .offset   = FV_KEY_NO_FIELD},
    K(FV_SEC_ROOT, "mesh", FV_KEY_SECTION, NULL, "the cell domain (default: 1D)"),
    K(FV_SEC_ROOT, "thermal", FV_KEY_SECTION, NULL,
      "heat sources and the cell temperature (default: isothermal at temperature)"),
    /* constants: */
    {SEC(FV_SEC_CONSTANTS, "faraday"), QTY(FvCase, F, Q_FARADAY),
     DEF(FV_CODATA_F, "96485.33212 C/mol", CODATA), .help = "the Faraday constant"},
    {SEC(FV_SEC_CONSTANTS, "gas_constant"), QTY(FvCase, R, Q_GAS),
     DEF(FV_CODATA_R, "8.314462618 J/mol/K", CODATA), .help = "the gas constant"},
    /* electrolyte: */
    K(FV_SEC_ELECTROLYTE, "material", FV_KEY_TEXT, NULL,
      "a library material or a material file; the section's keys override it"),
    {SEC(FV_SEC_ELECTROLYTE, "initial_concentration"), QTY(FvElectrolyte, c0, Q_CONC),
     .flags = FV_KEYF_CASE_REQUIRED, .materials = FV_MATS_ELECTROLYTE,
     .help = "the initial salt concentration (required)"},
    {SEC(FV_SEC_ELECTROLYTE, "cation_charge"), INT(FvElectrolyte, zplus, Q_ZPLUS), .defval = 1,
     .flags = FV_KEYF_REAL, .materials = FV_MATS_ELECTROLYTE,
     .help = "cation charge z+ (default 1)"},
    {SEC(FV_SEC_ELECTROLYTE, "cation_stoichiometry"), INT(FvElectrolyte, nuplus, Q_NUPLUS),
     .defval = 1, .flags = FV_KEYF_REAL, .materials = FV_MATS_ELECTROLYTE,
     .help = "salt stoichiometry nu+ (default 1)"},
    {SEC(FV_SEC_ELECTROLYTE, "anion_stoichiometry"), INT(FvElectrolyte, numinus, Q_NUMINUS),
     .defval = 1, .flags = FV_KEYF_REAL, .materials = FV_MATS_ELECTROLYTE,
     .help = "salt stoichiometry nu- (default 1)"},
    {SEC(FV_SEC_ELECTROLYTE, "conductivity"), PROP(FvElectrolyte, kappa, P_ELECTROLYTE_KAPPA),
     .flags = FV_KEYF_REQUIRED, .materials = FV_MATS_ELECTROLYTE,
     .help = "ionic conductivity of concentration (required)"},
    {SEC(FV_SEC_ELECTROLYTE, "diffusivity"), PROP(FvElectrolyte, D, P_ELECTROLYTE_D),
     .flags = FV_KEYF_REQUIRED, .materials = FV_MATS_ELECTROLYTE,
     .help = "salt diffusivity of concentration (required)"},
    {SEC(FV_SEC_ELECTROLYTE, "transference_number"),
     PROP(FvElectrolyte, tplus, P_ELECTROLYTE_TPLUS), .flags = FV_KEYF_REQUIRED,
     .materials = FV_MATS_ELECTROLYTE, .help = "cation transference number t+ (required)"},
    {SEC(FV_SEC_ELECTROLYTE, "thermodynamic_factor"), PROP(FvElectrolyte, tdf, P_ELECTROLYTE_TDF),
     .materials = FV_MATS_ELECTROLYTE, .help = "1 + dln f/dln c (default 1)"},
    /* negative:, positive: (porous or metal) and separator:, in the order they are written */
    {SEC(ELECTRODE, "type"), .kind = FV_KEY_WORD, .offset = FV_KEY_NO_FIELD,
     .write = CaseWriteMetalType, .help = "porous (default) or metal (a planar foil)"},
    K(ELECTRODE, "material", FV_KEY_TEXT, NULL,
      "a library material or a material file; the section's keys override it"),
    {SEC(FV_SEC_POROUS | SEPARATOR, "thickness"), QTY(FvRegion, thickness, Q_LENGTH),
     .flags = FV_KEYF_RULE,
     .help  = "the region's thickness (or active_loading / areal_capacity in a composite "
              "electrode)"},
    K(FV_SEC_METAL, "thickness", FV_KEY_QUANTITY, "m",
      "the region's thickness (or active_loading / areal_capacity in a composite electrode)"),
    {SEC(FV_SEC_METAL, "density"), QTY(FvRegion, metal_density, Q_DENSITY),
     .flags = FV_KEYF_NO_WRITE, .help = "the active material's (or the metal's) density"},
    {SEC(FV_SEC_METAL, "volumetric_capacity"), .kind = FV_KEY_QUANTITY, .unit = "C/m3",
     .offset = FV_KEY_NO_FIELD, .materials = FV_MATS_METAL,
     .help = "the metal's capacity per volume (with thickness: the inventory)"},
    {SEC(FV_SEC_METAL, "areal_capacity"), QTY(FvRegion, metal_capacity, Q_AREALQ),
     .flags = FV_KEYF_RULE,
     .help  = "the inventory per area (metal), or the rated areal capacity (composite "
              "electrode)"},
    K(FV_SEC_METAL, "excess", FV_KEY_QUANTITY, "1",
      "inventory as excess over the other electrode's rated capacity"),
    {SEC(FV_SEC_POROUS, "cells"), INT(FvRegion, ncells, Q_CELLS), DEF(20, "20", NULL),
     .help = "control volumes across the region"},
    {SEC(SEPARATOR, "cells"), INT(FvRegion, ncells, Q_CELLS), DEF(10, "10", NULL),
     .help = "control volumes across the region"},
    {SEC(FV_SEC_POROUS, "porosity"), QTY(FvRegion, porosity, Q_POR_ELEC), .flags = FV_KEYF_REQUIRED,
     .help = "the electrolyte (liquid) volume fraction"},
    {SEC(SEPARATOR, "porosity"), QTY(FvRegion, porosity, Q_POR_SEP), .flags = FV_KEYF_REQUIRED,
     .help = "the electrolyte (liquid) volume fraction"},
    {SEC(REGION, "bruggeman"), QTY(FvRegion, brugg_e, Q_BRUGG), DEF(1.5, "1.5", BRUGGEMAN),
     .help = "Bruggeman exponent of the electrolyte"},
    {SEC(FV_SEC_POROUS, "active_fraction"), QTY(FvRegion, eps_am, Q_FRACTION),
     .flags = FV_KEYF_RULE, .help = "the active material's volume fraction"},
    {SEC(FV_SEC_POROUS, "conductivity"), QTY(FvRegion, sigma, Q_SIGMA), .flags = FV_KEYF_REQUIRED,
     .help = "the solid phase's electronic conductivity"},
    {SEC(FV_SEC_POROUS, "bruggeman_solid"), QTY(FvRegion, brugg_s, Q_BRUGG),
     DEF(1.5, "1.5", BRUGGEMAN), .write = CaseWriteElectronicLaw,
     .help = "Bruggeman exponent of the solid phase"},
    {SEC(FV_SEC_POROUS, "electronic_percolation_threshold"),
     QTY(FvRegion, el_threshold, Q_THRESHOLD), .flags = FV_KEYF_RULE,
     .write = CaseWriteElectronicLaw,
     .help  = "electronic network by the percolation law instead: threshold phi_c of the solids' "
              "fraction"},
    {SEC(FV_SEC_POROUS, "electronic_percolation_exponent"), QTY(FvRegion, el_exponent, Q_PERC_EXP),
     DEF(2, "2", "percolation theory"), .flags = FV_KEYF_RULE, .write = CaseWriteElectronicLaw,
     .help = "mu of the electronic network's percolation law"},
    {SEC(FV_SEC_POROUS | SEPARATOR, "solid_electrolyte"), .kind = FV_KEY_SECTION,
     .offset = FV_KEY_NO_FIELD, .write = CaseWriteSolidElectrolyte,
     .help = "the region's solid electrolyte (then the region has no liquid)"},
    K(FV_SEC_POROUS, "composition", FV_KEY_SECTION, NULL,
      "the composite's composition by weight or volume"),
    {SEC(FV_SEC_POROUS, "carbon_fraction"), QTY(FvRegion, eps_carbon, Q_SOLID_FRACTION),
     .flags = FV_KEYF_RULE | FV_KEYF_WRITE_IF_POSITIVE, .help = "carbon volume fraction"},
    {SEC(FV_SEC_POROUS, "binder_fraction"), QTY(FvRegion, eps_binder, Q_SOLID_FRACTION),
     .flags = FV_KEYF_RULE | FV_KEYF_WRITE_IF_POSITIVE, .help = "binder volume fraction"},
    {SEC(FV_SEC_POROUS, "carbon_density"), QTY(FvRegion, rho_carbon, Q_DENSITY),
     .flags = FV_KEYF_RULE | FV_KEYF_WRITE_IF_POSITIVE,
     .help  = "carbon density (or carbon_material)"},
    K(FV_SEC_POROUS, "carbon_material", FV_KEY_TEXT, NULL,
      "an inactive material giving the carbon's density"),
    {SEC(FV_SEC_POROUS, "binder_density"), QTY(FvRegion, rho_binder, Q_DENSITY),
     .flags = FV_KEYF_RULE | FV_KEYF_WRITE_IF_POSITIVE,
     .help  = "binder density (or binder_material)"},
    K(FV_SEC_POROUS, "binder_material", FV_KEY_TEXT, NULL,
      "an inactive material giving the binder's density"),
    {SEC(FV_SEC_POROUS, "density"), QTY(FvRegion, rho_am, Q_DENSITY), .flags = FV_KEYF_RULE,
     .materials = FV_MATS_ACTIVE, .write = CaseWriteComposite,
     .help = "the active material's (or the metal's) density"},
    {SEC(FV_SEC_POROUS, "active_loading"), .kind = FV_KEY_QUANTITY, .unit = "kg/m2",
     .offset = FV_KEY_NO_FIELD, .write = CaseWriteComposite,
     .help = "active material mass per area (instead of thickness)"},
    {SEC(FV_SEC_POROUS, "stoichiometry_window"), .kind = FV_KEY_LIST, .unit = "1",
     .offset = FV_KEY_NO_FIELD, .write = CaseWriteWindow,
     .help = "[sto_charged, sto_discharged] of the rated capacity"},
    {SEC(FV_SEC_POROUS, "areal_capacity"), .kind = FV_KEY_QUANTITY, .unit = "C/m2",
     .offset = FV_KEY_NO_FIELD, .write = CaseWriteWindow,
     .help = "the inventory per area (metal), or the rated areal capacity (composite "
             "electrode)"},
    {SEC(FV_SEC_POROUS, "interface_resistance"), QTY(FvRegion, R_interface, Q_RINTERFACE),
     .flags = FV_KEYF_RULE, .write = CaseWriteWithSolidElectrolyte,
     .help = "active | solid-electrolyte interface resistance per contacting area"},
    {SEC(FV_SEC_POROUS, "particle_radius"), QTY(FvRegion, radius, Q_LENGTH), .flags = FV_KEYF_RULE,
     .write = CaseWriteParticles, .help = "the particles' radius"},
    {SEC(FV_SEC_POROUS, "particle_families"), .kind = FV_KEY_LIST, .offset = FV_KEY_NO_FIELD,
     .write = CaseWriteParticles,
     .help  = "particle families [{radius, fraction, initial_contact}, ...]"},
    {SEC(FV_SEC_POROUS, "contact"), .kind = FV_KEY_SECTION, .offset = FV_KEY_NO_FIELD,
     .write = CaseWriteContact, .help = "contact-loss mechanics with the solid electrolyte"},
    {SEC(FV_SEC_POROUS, "interphase"), .kind = FV_KEY_SECTION, .offset = FV_KEY_NO_FIELD,
     .write = CaseWriteInterphase,
     .help =
         "a resistive interphase growing between the active particles and the solid electrolyte"},
    {SEC(FV_SEC_POROUS, "volume_change"), PROP(FvRegion, contact.dvv, P_DVV), .flags = FV_KEYF_RULE,
     .write = CaseWriteWithContact, .help = "dV/V of the active material of stoichiometry"},
    {SEC(FV_SEC_POROUS, "youngs_modulus"), QTY(FvRegion, contact.E_am, Q_MODULUS),
     .flags = FV_KEYF_RULE, .write = CaseWriteWithContact,
     .help = "the active material's Young's modulus"},
    {SEC(FV_SEC_POROUS, "poisson_ratio"), QTY(FvRegion, contact.nu_am, Q_POISSON),
     .flags = FV_KEYF_RULE, .write = CaseWriteWithContact,
     .help = "the active material's Poisson ratio"},
    {SEC(FV_SEC_POROUS, "particle_shells"), INT(FvRegion, nshells, Q_SHELLS), DEF(10, "10", NULL),
     .help = "radial control volumes of a particle (2 to 200)"},
    {SEC(FV_SEC_POROUS, "particle_discretisation"), .kind = FV_KEY_WORD,
     .offset = offsetof(FvRegion, particle_disc), .q = &Q_DISC, .words = particle_discs,
     DEF(FV_PARTICLE_SPECTRAL, "spectral", "bench/results_particles.md"),
     .help = "radial scheme: spectral (Chebyshev collocation, at most 64 unknowns) or "
             "finite_volume; particle_shells is its number of unknowns"},
    {SEC(FV_SEC_POROUS, "particle_grading"), QTY(FvRegion, shell_grading, Q_GRADING),
     DEF(1, "1", "the 1C DUALFOIL discharge (bench/results.md)"), .write = CaseWriteIfFiniteVolume,
     .help = "finite volumes only: ratio of successive shell widths towards the surface, in [1, "
             "2]"},
    {SEC(FV_SEC_POROUS, "max_concentration"), QTY(FvRegion, c_max, Q_CMAX), .flags = FV_KEYF_RULE,
     .materials = FV_MATS_ACTIVE, .help = "c_s,max (or specific_capacity and density)"},
    KM(FV_SEC_POROUS, "specific_capacity", FV_KEY_QUANTITY, "A s/kg", FV_MATS_ACTIVE,
       "the active material's specific capacity (with density: c_s,max)"),
    {SEC(FV_SEC_POROUS, "initial_stoichiometry"), QTY(FvRegion, sto0, Q_STO), .flags = FV_KEYF_RULE,
     .help = "the initial c_s/c_s,max (or initial_concentration)"},
    K(FV_SEC_POROUS, "initial_concentration", FV_KEY_QUANTITY, "mol/m3",
      "the initial solid concentration"),
    {SEC(FV_SEC_POROUS, "ocp"), PROP(FvRegion, ocp, P_OCP),
     .flags = FV_KEYF_RULE | FV_KEYF_REQUIRED, .materials = FV_MATS_ACTIVE,
     .help = "open-circuit potential of stoichiometry, vs the working-ion metal"},
    {SEC(FV_SEC_POROUS, "diffusivity"), PROP(FvRegion, Ds, P_DS),
     .flags = FV_KEYF_RULE | FV_KEYF_REQUIRED, .materials = FV_MATS_ACTIVE,
     .help = "solid diffusivity (constant, or of stoichiometry)"},
    {SEC(FV_SEC_POROUS, "entropic_coefficient"), PROP(FvRegion, dUdT, P_DUDT),
     .flags = FV_KEYF_RULE, .materials = FV_MATS_ACTIVE, .write = CaseWriteIfThermal,
     .help = "dU/dT of stoichiometry: the reversible heat (default 0; docs/thermal.md)"},
    {SEC(ELECTRODE, "kinetics"), .kind = FV_KEY_SECTION, .offset = FV_KEY_NO_FIELD,
     .materials = FV_MATS_ACTIVE | FV_MATS_METAL, .write = CaseWriteKinetics,
     .help = "Butler-Volmer kinetics of the interface"},
    {SEC(FV_SEC_POROUS | SEPARATOR, "fields"), .kind = FV_KEY_SECTION, .offset = FV_KEY_NO_FIELD,
     .write = CaseWriteFields, .help = "per-cell fields of the region's properties"},
    {SEC(FV_SEC_METAL | FV_SEC_SEPARATOR_SCAN, "contact_map"), .kind = FV_KEY_FIELD, .unit = "1",
     .offset = FV_KEY_NO_FIELD, .write = CaseWriteContactMap,
     .help = "a metal interface's contact fraction over (y, z)"},
    /* kinetics: of a porous electrode */
    {SEC(FV_SEC_KINETICS, "alpha_a"), QTY(FvRegion, alpha_a, Q_ALPHA), DEF(0.5, "0.5", NULL),
     .help = "anodic transfer coefficient"},
    {SEC(FV_SEC_KINETICS, "alpha_c"), QTY(FvRegion, alpha_c, Q_ALPHA), DEF(0.5, "0.5", NULL),
     .help = "cathodic transfer coefficient"},
    {SEC(FV_SEC_KINETICS, "reference_concentration"), QTY(FvRegion, ce_ref, Q_CONC),
     .flags = FV_KEYF_WRITE_IF_POSITIVE, .help = "c_e scale of the kinetics (0: none)"},
    {SEC(FV_SEC_KINETICS, "rate_constant"), .kind = FV_KEY_PROPERTY, .offset = FV_KEY_NO_FIELD,
     .write = CaseWriteRateConstant,
     .help  = "k0 of i0 = n F k0 c_e^alpha_a (c_max - c_s)^alpha_a c_s^alpha_c"},
    K(FV_SEC_KINETICS, "exchange_current_coefficient", FV_KEY_PROPERTY, NULL,
      "n F k0 (instead of rate_constant)"),
    {SEC(FV_SEC_KINETICS, "film_resistance"), QTY(FvRegion, R_film, Q_RFILM), DEF(0, "0", NULL),
     .help = "film resistance per particle surface"},
    K(FV_SEC_KINETICS, "activation_energy", FV_KEY_QUANTITY, "J/mol",
      "Arrhenius activation energy of k0"),
    {SEC(FV_SEC_KINETICS, "film_activation_energy"), QTY(FvRegion, R_film_Ea, Q_EA),
     .flags = FV_KEYF_WRITE_IF_NONZERO,
     .help  = "Arrhenius activation energy of the film and interface resistances, which fall as T "
              "rises (0: none)"},
    K(FV_SEC_KINETICS, "reference_temperature", FV_KEY_QUANTITY, "K",
      "reference temperature of the Arrhenius factor"),
    /* kinetics: of a metal electrode */
    {SEC(FV_SEC_METAL_KINETICS, "exchange_current_density"), QTY(FvRegion, i0_metal, Q_I0),
     .flags = FV_KEYF_REQUIRED, .help = "i0 of the metal interface"},
    {SEC(FV_SEC_METAL_KINETICS, "reference_concentration"), QTY(FvRegion, ce_ref, Q_CONC),
     .flags = FV_KEYF_WRITE_IF_POSITIVE, .help = "c_e scale of the kinetics (0: none)"},
    {SEC(FV_SEC_METAL_KINETICS, "concentration_exponent"),
     QTY(FvRegion, metal_ce_exponent, Q_EXPONENT), .flags = FV_KEYF_RULE,
     .help = "i0 = i0_metal (c_e/c_ref)^exponent (default alpha_a)"},
    {SEC(FV_SEC_METAL_KINETICS, "alpha_a"), QTY(FvRegion, alpha_a, Q_ALPHA), DEF(0.5, "0.5", NULL),
     .help = "anodic transfer coefficient"},
    {SEC(FV_SEC_METAL_KINETICS, "alpha_c"), QTY(FvRegion, alpha_c, Q_ALPHA), DEF(0.5, "0.5", NULL),
     .help = "cathodic transfer coefficient"},
    {SEC(FV_SEC_METAL_KINETICS, "film_resistance"), QTY(FvRegion, R_film, Q_RFILM),
     DEF(0, "0", NULL), .help = "film resistance per particle surface"},
    /* solid_electrolyte: */
    K(FV_SEC_SOLID_ELECTROLYTE, "material", FV_KEY_TEXT, NULL,
      "a solid_electrolyte library material or file"),
    {SEC(FV_SEC_SOLID_ELECTROLYTE, "conductivity"), PROP(FvSolidElectrolyte, sigma, P_SE_SIGMA),
     .flags = FV_KEYF_REQUIRED, .help = "bulk ionic conductivity"},
    {SEC(FV_SEC_SOLID_ELECTROLYTE, "ion_concentration"), QTY(FvSolidElectrolyte, c_ion, Q_ION_CONC),
     .flags = FV_KEYF_REQUIRED, .help = "mobile-ion concentration"},
    {SEC(FV_SEC_SOLID_ELECTROLYTE, "ion_charge"), QTY(FvSolidElectrolyte, zplus, Q_ION_CHARGE),
     .flags = FV_KEYF_RULE, .help = "charge of the mobile ion"},
    {SEC(FV_SEC_SOLID_ELECTROLYTE, "density"), QTY(FvSolidElectrolyte, density, Q_DENSITY),
     .flags = FV_KEYF_WRITE_IF_POSITIVE, .help = "density"},
    {SEC(FV_SEC_SOLID_ELECTROLYTE, "youngs_modulus"), QTY(FvSolidElectrolyte, E, Q_MODULUS),
     .flags = FV_KEYF_WRITE_IF_POSITIVE, .help = "Young's modulus"},
    {SEC(FV_SEC_SOLID_ELECTROLYTE, "poisson_ratio"), QTY(FvSolidElectrolyte, nu, Q_POISSON),
     .flags = FV_KEYF_WRITE_IF_NONZERO, .help = "Poisson ratio"},
    {SEC(FV_SEC_SOLID_ELECTROLYTE, "effective_conductivity"), .kind = FV_KEY_WORD,
     .offset = FV_KEY_NO_FIELD, .write = CaseWriteConductivityLaw,
     .help = "percolation, bruggeman or measured"},
    {SEC(FV_SEC_SOLID_ELECTROLYTE, "percolation_threshold"),
     QTY(FvSolidElectrolyte, threshold, Q_THRESHOLD), .flags = FV_KEYF_RULE,
     .write = CaseWriteConductivityLaw, .help = "eps_c of the percolation law"},
    /* mu = 2: the universal exponent of 3D percolation; b = 1.5: Bruggeman (1935) */
    {SEC(FV_SEC_SOLID_ELECTROLYTE, "percolation_exponent"),
     QTY(FvSolidElectrolyte, exponent, Q_PERC_EXP), DEF(2, "2", "percolation theory"),
     .flags = FV_KEYF_RULE, .write = CaseWriteConductivityLaw, .help = "mu of the percolation law"},
    {SEC(FV_SEC_SOLID_ELECTROLYTE, "bruggeman"), QTY(FvSolidElectrolyte, exponent, Q_BRUGG),
     DEF(1.5, "1.5", BRUGGEMAN), .flags = FV_KEYF_RULE, .write = CaseWriteConductivityLaw,
     .help = "exponent of the Bruggeman law"},
    {SEC(FV_SEC_SOLID_ELECTROLYTE, "measured_conductivity"),
     QTY(FvSolidElectrolyte, sigma_measured, Q_SIGMA_MEASURED), .flags = FV_KEYF_RULE,
     .write = CaseWriteConductivityLaw, .help = "the effective conductivity itself"},
    {SEC(FV_SEC_SOLID_ELECTROLYTE, "volume_fraction"), .kind = FV_KEY_QUANTITY, .unit = "1",
     .offset = FV_KEY_NO_FIELD, .write = CaseWriteVolumeFraction,
     .help = "the solid electrolyte's volume fraction in the region"},
    /* composition: */
    K(FV_SEC_COMPOSITION, "basis", FV_KEY_WORD, NULL, "weight or volume"),
    K(FV_SEC_COMPOSITION, "active", FV_KEY_QUANTITY, "1", "share of the active material (percent)"),
    K(FV_SEC_COMPOSITION, "solid_electrolyte", FV_KEY_QUANTITY, "1",
      "share of the solid electrolyte"),
    K(FV_SEC_COMPOSITION, "carbon", FV_KEY_QUANTITY, "1", "share of carbon"),
    K(FV_SEC_COMPOSITION, "binder", FV_KEY_QUANTITY, "1", "share of binder"),
    /* particle_families: items */
    K(FV_SEC_FAMILY, "radius", FV_KEY_QUANTITY, "m", "the family's particle radius"),
    K(FV_SEC_FAMILY, "fraction", FV_KEY_QUANTITY, "1",
      "its share of the active volume (shares sum to 1)"),
    K(FV_SEC_FAMILY | FV_SEC_CONTACT, "initial_contact", FV_KEY_QUANTITY, "1",
      "contact fraction at fabrication"),
    /* contact: */
    {SEC(FV_SEC_CONTACT, "strain_scale"), QTY(FvContact, e_c, Q_STRAIN), .flags = FV_KEYF_REQUIRED,
     .help = "strain scale e_c of reversible opening"},
    {SEC(FV_SEC_CONTACT, "irreversibility"), QTY(FvContact, k_irr, Q_KIRR),
     .flags = FV_KEYF_REQUIRED, .help = "fraction of contact lost per e_c of gap opening"},
    {SEC(FV_SEC_CONTACT, "isolation_threshold"), QTY(FvContact, f_iso, Q_FISO),
     .flags = FV_KEYF_REQUIRED, .help = "contact fraction below which a particle is isolated"},
    /* isolation width and gap smoothing are smoothing widths of the contact model, small against
     * its strain scales */
    {SEC(FV_SEC_CONTACT, "isolation_width"), QTY(FvContact, iso_width, Q_WIDTH),
     DEF(0.01, "0.01", NULL), .help = "smoothing width of the isolation switch"},
    {SEC(FV_SEC_CONTACT, "gap_smoothing"), QTY(FvContact, gap_width, Q_WIDTH),
     DEF(1e-4, "1e-4", NULL), .help = "smoothing width of max(0, .) in the gap"},
    {SEC(FV_SEC_CONTACT, "fabrication_stoichiometry"), QTY(FvContact, sto_fab, Q_STO_CLOSED),
     .flags = FV_KEYF_REQUIRED, .help = "stoichiometry at fabrication (reference of the strain)"},
    /* recovery by pressure (docs/assb.md §8): 0 keeps every loss permanent */
    {SEC(FV_SEC_CONTACT, "recoverable_fraction"), QTY(FvContact, phi_rec, Q_RECOVERABLE),
     DEF(0, "0", "every loss permanent"),
     .help = "share of each contact loss that a higher stack pressure re-closes"},
    {SEC(FV_SEC_CONTACT, "recovery_pressure"), QTY(FvContact, p_rec, Q_PRESSURE_SCALE),
     DEF(1.9e9, "1.9 GPa", "hardness of Li2S-P2S5 glass, McGrogan et al. 2017"),
     .help = "pressure scale p_rec of recovery, R = 1 - exp(-(p_new - p_old)/p_rec)"},
    /* size-dependent isolation (docs/assb.md §9): 0 keeps every particle connected */
    {SEC(FV_SEC_CONTACT, "size_isolation_fraction"), QTY(FvContact, iso_xmax, Q_ISO_SHARE),
     DEF(0, "0", "no size-dependent isolation"),
     .help = "x_max: share of large particles isolated, x(R) = x_max (1 - exp(-(R/R_c)^m))"},
    {SEC(FV_SEC_CONTACT, "size_isolation_radius"), QTY(FvContact, iso_radius, Q_LENGTH),
     DEF(10e-6, "10 um", "unused without size_isolation_fraction"),
     .help = "R_c: the particle radius of the size law"},
    {SEC(FV_SEC_CONTACT, "size_isolation_exponent"), QTY(FvContact, iso_exponent, Q_WEIBULL),
     DEF(3, "3", "Weibull volume flaws at a size-independent stress"),
     .help = "m: the Weibull exponent of the size law"},
    /* interphase: (models/interphase.h, docs/assb.md s7) */
    {SEC(FV_SEC_INTERPHASE, "reference_potential"), QTY(FvInterphaseLaw, U_ref, Q_VOLT),
     .flags = FV_KEYF_REQUIRED,
     .help  = "phi_s - phi_e at which the oxidation's kinetic rate is reference_current_density"},
    {SEC(FV_SEC_INTERPHASE, "reference_current_density"), QTY(FvInterphaseLaw, i_ref, Q_IP_CURRENT),
     .flags = FV_KEYF_REQUIRED,
     .help  = "kinetic side current per contacting area at reference_potential (0: no growth)"},
    {SEC(FV_SEC_INTERPHASE, "transfer_coefficient"), QTY(FvInterphaseLaw, alpha, Q_ALPHA),
     DEF(0.5, "0.5", "symmetric barrier"), .help = "transfer coefficient of the Tafel rate"},
    {SEC(FV_SEC_INTERPHASE, "resistance_per_charge"), QTY(FvInterphaseLaw, beta, Q_IP_BETA),
     .flags = FV_KEYF_REQUIRED,
     .help  = "film resistance gained per charge consumed, per contacting area"},
    {SEC(FV_SEC_INTERPHASE, "limitation"), .kind = FV_KEY_WORD,
     .offset = offsetof(FvInterphaseLaw, limit), .q = &Q_IP_LIMIT, .words = interphase_limits,
     DEF(FV_INTERPHASE_PARABOLIC, "parabolic", NULL),
     .help = "how the film limits its growth: parabolic (transport through it, R^2 ~ t; "
             "parabolic_rate) or logarithmic (tunnelling; tunnelling_resistance)"},
    {SEC(FV_SEC_INTERPHASE, "parabolic_rate"), QTY(FvInterphaseLaw, k_R, Q_IP_PARABOLIC),
     .flags = FV_KEYF_RULE | FV_KEYF_WRITE_IF_POSITIVE,
     .help  = "limitation parabolic: transport-limited growth R^2 = k_R t of the film resistance"},
    {SEC(FV_SEC_INTERPHASE, "tunnelling_resistance"), QTY(FvInterphaseLaw, R_t, Q_RINTERFACE),
     .flags = FV_KEYF_RULE | FV_KEYF_WRITE_IF_POSITIVE,
     .help  = "limitation logarithmic: the rate falls as exp(-R/R_t) with the film resistance R"},
    {SEC(FV_SEC_INTERPHASE, "initial_resistance"), QTY(FvInterphaseLaw, R0, Q_RINTERFACE),
     DEF(0, "0 ohm m2", "a fresh interface"), .help = "film resistance at fabrication"},
    /* cell: */
    {SEC(FV_SEC_CELL, "stack_pressure"), QTY(FvCase, stack_pressure, Q_PRESSURE), DEF(0, "0", NULL),
     .flags = FV_KEYF_RULE | FV_KEYF_WRITE_IF_POSITIVE,
     .help  = "stack pressure (required with contact mechanics)"},
    {SEC(FV_SEC_CELL, "positive_collector_thickness"), QTY(FvCase, stack.pos_cc_thickness, Q_FOIL),
     DEF(15e-6, "15 um", "typical Al foil"), .help = "positive current-collector foil thickness"},
    {SEC(FV_SEC_CELL, "positive_collector_density"), QTY(FvCase, stack.pos_cc_density, Q_DENSITY),
     DEF(2700, "2700 kg/m3", "aluminium, handbook"), .help = "positive current-collector density"},
    {SEC(FV_SEC_CELL, "negative_collector_thickness"), QTY(FvCase, stack.neg_cc_thickness, Q_FOIL),
     DEF(10e-6, "10 um", "typical Cu foil"), .help = "negative current-collector foil thickness"},
    {SEC(FV_SEC_CELL, "negative_collector_density"), QTY(FvCase, stack.neg_cc_density, Q_DENSITY),
     DEF(8960, "8960 kg/m3", "copper, handbook"), .help = "negative current-collector density"},
    {SEC(FV_SEC_CELL, "double_coated"), .kind = FV_KEY_BOOL,
     .offset = offsetof(FvCase, stack.double_coated), DEF(1, "true", BATPAC),
     .help   = "electrodes coated on both sides of each foil"},
    {SEC(FV_SEC_CELL, "liquid_density"), QTY(FvCase, stack.liquid_density, Q_DENSITY),
     DEF(1200, "1200 kg/m3", "assumption for carbonate electrolytes"),
     .help = "density of the liquid electrolyte in the pores"},
    {SEC(FV_SEC_CELL, "separator_matrix_density"),
     QTY(FvCase, stack.separator_matrix_density, Q_DENSITY),
     DEF(946, "946 kg/m3", "assumption: polyolefin"),
     .help = "density of a liquid-filled separator's solid matrix"},
    KF(FV_SEC_CELL, "packaging_mass_fraction", "1", stack.packaging_mass, "0", 0, NULL, 0, 1,
       PETSC_FALSE, PETSC_TRUE, "a packaging share in [0, 1)", "0.1",
       "packaging overhead as a share of the stack unit's mass"),
    KF(FV_SEC_CELL, "packaging_volume_fraction", "1", stack.packaging_volume, "0", 0, NULL, 0, 1,
       PETSC_FALSE, PETSC_TRUE, "a packaging share in [0, 1)", "0.1",
       "packaging overhead as a share of the stack unit's volume"),
    {SEC(FV_SEC_CELL, "electrode_area"), QTY(FvCase, electrode_area, Q_AREA),
     .flags = FV_KEYF_WRITE_IF_POSITIVE,
     .help  = "the cell's electrode area: protocols in A, W, A h and outputs per cell (optional)"},
    {SEC(FV_SEC_CELL, "nominal_capacity"), QTY(FvCase, nominal_capacity, Q_NOMINAL),
     .flags = FV_KEYF_WRITE_IF_POSITIVE,
     .help = "the cell's rated capacity, instead of electrode_area: the area is nominal_capacity / "
             "(one_c x 1 h) (optional)"},
    /* operation: */
    {SEC(FV_SEC_OPERATION, "one_c"), QTY(FvCase, one_c, Q_ONE_C), .flags = FV_KEYF_RULE,
     .help = "the 1C current density (default: the positive electrode's window capacity over 1 "
             "h)"},
    {SEC(FV_SEC_OPERATION, "lower_cutoff"), QTY(FvCase, v_min, Q_VOLT), .flags = FV_KEYF_REQUIRED,
     .help = "lower voltage cut-off (required)"},
    {SEC(FV_SEC_OPERATION, "upper_cutoff"), QTY(FvCase, v_max, Q_VOLT), .flags = FV_KEYF_REQUIRED,
     .help = "upper voltage cut-off (required)"},
    {SEC(FV_SEC_OPERATION, "rates"), .kind = FV_KEY_LIST, .unit = "1", .offset = FV_KEY_NO_FIELD,
     .flags = FV_KEYF_SHORT_OPTION, .write = CaseWriteRates,
     .help = "C-rates to discharge at (command line: -rates 0.5,1,2)"},
    {SEC(FV_SEC_OPERATION, "contact_resistance"), QTY(FvCase, r_contact, Q_RCONTACT),
     DEF(0, "0", NULL), .help = "series contact resistance"},
    {SEC(FV_SEC_OPERATION, "max_duration"), QTY(FvCase, t_max, Q_DURATION),
     .flags = FV_KEYF_WRITE_IF_POSITIVE,
     .help  = "upper bound on a step's duration (default: from the rate)"},
    {SEC(FV_SEC_OPERATION, "protocol"), .kind = FV_KEY_LIST, .offset = FV_KEY_NO_FIELD,
     .flags = FV_KEYF_SHORT_OPTION, .write = CaseWriteProtocol,
     .help = "step strings (\"Discharge at 1C until 3.0 V\"; command line: -protocol \"a; b\")"},
    {SEC(FV_SEC_OPERATION, "cycles"), INT(FvCase, cycles, Q_CYCLES), DEF(1, "1", NULL),
     .flags = FV_KEYF_SHORT_OPTION, .help = "repetitions of the protocol (command line: -cycles)"},
    /* mesh: */
    {SEC(FV_SEC_MESH, "dimension"), INT(FvMeshSpec, dim, Q_DIMENSION), DEF(1, "1", NULL),
     .help = "1, 2 or 3"},
    {SEC(FV_SEC_MESH, "y"), .kind = FV_KEY_SECTION, .offset = FV_KEY_NO_FIELD,
     .write = CaseWriteMeshAxis, .help = "in-plane direction y {length, cells} (2D, 3D)"},
    {SEC(FV_SEC_MESH, "z"), .kind = FV_KEY_SECTION, .offset = FV_KEY_NO_FIELD,
     .write = CaseWriteMeshAxis, .help = "in-plane direction z {length, cells} (3D)"},
    {SEC(FV_SEC_MESH, "x_grading"), QTY(FvMeshSpec, x_grading, Q_XGRADING), DEF(1, "1", NULL),
     .help = "ratio of neighbouring cell widths in x, in [1, 4]"},
    /* absent: every cell in 1D; in 2D/3D the smallest stride writing <= 2048 cells a record (the
     * rule CaseResolveOutputStride) */
    {SEC(FV_SEC_MESH, "output_stride"), INT(FvMeshSpec, output_stride, Q_STRIDE),
     DEF(1, "1 in 1D; 2D/3D: <= 2048 cells a record", NULL), .flags = FV_KEYF_RULE,
     .help = "output every n-th cell in each direction"},
    K(FV_SEC_MESH_AXIS, "length", FV_KEY_QUANTITY, "m", "extent of the direction"),
    K(FV_SEC_MESH_AXIS, "cells", FV_KEY_INTEGER, NULL, "cells along the direction"),
    /* fields: */
    K(FV_SEC_FIELDS, "solid_electrolyte_fraction", FV_KEY_FIELD, "1",
      "field of the solid electrolyte's volume fraction"),
    K(FV_SEC_FIELDS, "porosity", FV_KEY_FIELD, "1", "field of the porosity"),
    K(FV_SEC_FIELDS, "particle_radius", FV_KEY_FIELD, "m",
      "field of the particle radius (electrodes)"),
    K(FV_SEC_FIELDS, "electronic_conductivity", FV_KEY_FIELD, "S/m",
      "field of the bulk electronic conductivity (electrodes)"),
    /* thermal: (docs/thermal.md; loaded and written by solver/case_thermal.c) */
    KD(FV_SEC_THERMAL, "model", FV_KEY_WORD, NULL, "isothermal", NULL,
       "isothermal, lumped (one cell temperature) or x_resolved (a temperature per control volume, "
       "conduction through collectors and layers)"),
    K(FV_SEC_THERMAL, "ambient_temperature", FV_KEY_QUANTITY, "K",
      "the ambient (default: temperature, which is also the initial temperature)"),
    K(FV_SEC_THERMAL, "heat_transfer_coefficient", FV_KEY_QUANTITY, "W/m2/K",
      "h of the cooled faces (required unless isothermal; 0: adiabatic)"),
    KD(FV_SEC_THERMAL, "cooling_area_ratio", FV_KEY_QUANTITY, "1", "1",
       "DUALFOIL's lumped model: one face of the cell",
       "lumped: cooled area per electrode area (PyBaMM: cooling area / electrode area)"),
    K(FV_SEC_THERMAL, "heat_capacity", FV_KEY_QUANTITY, "J/m2/K",
      "lumped: m c_p per electrode area (default: sum of the layers' density x specific heat x "
      "thickness)"),
    K(FV_SEC_THERMAL, "specific_heat", FV_KEY_QUANTITY, "J/kg/K",
      "one c_p for every layer that gives none (DUALFOIL's lumped Cp)"),
    KD(FV_SEC_THERMAL, "reaction_heat", FV_KEY_WORD, NULL, "local", NULL,
       "the reaction heat's OCP: local (at the particle surface) or rao_newman (at the particle "
       "average, as DUALFOIL)"),
    KD(FV_SEC_THERMAL, "boundary", FV_KEY_WORD, NULL, "convective", NULL,
       "x_resolved: the collector faces are convective (h) or fixed (at the ambient)"),
    K(FV_SEC_THERMAL, "maximum_temperature", FV_KEY_QUANTITY, "K",
      "safety limit: a run stops when a control volume reaches it (default: none)"),
    KD(FV_SEC_THERMAL, "y_boundary", FV_KEY_WORD, NULL, "insulated", NULL,
       "x_resolved in 2D/3D: the faces y = 0 and y = L_y are insulated, convective "
       "(y_heat_transfer_coefficient) or fixed (held at y_ambient_temperature)"),
    K(FV_SEC_THERMAL, "y_heat_transfer_coefficient", FV_KEY_QUANTITY, "W/m2/K",
      "h of the y faces (required by y_boundary: convective)"),
    K(FV_SEC_THERMAL, "y_ambient_temperature", FV_KEY_QUANTITY, "K",
      "the y faces' ambient (default: the ambient of the protocol step, as at the collectors)"),
    KD(FV_SEC_THERMAL, "z_boundary", FV_KEY_WORD, NULL, "insulated", NULL,
       "x_resolved in 3D: the faces z = 0 and z = L_z, as y_boundary"),
    K(FV_SEC_THERMAL, "z_heat_transfer_coefficient", FV_KEY_QUANTITY, "W/m2/K",
      "h of the z faces (required by z_boundary: convective)"),
    K(FV_SEC_THERMAL, "z_ambient_temperature", FV_KEY_QUANTITY, "K",
      "the z faces' ambient (default: the ambient of the protocol step)"),
    K(FV_SEC_THERMAL, "negative_collector", FV_KEY_SECTION, NULL,
      "the layer's density, specific_heat, conductivity"),
    K(FV_SEC_THERMAL, "negative", FV_KEY_SECTION, NULL,
      "the layer's density, specific_heat, conductivity"),
    K(FV_SEC_THERMAL, "separator", FV_KEY_SECTION, NULL,
      "the layer's density, specific_heat, conductivity"),
    K(FV_SEC_THERMAL, "positive", FV_KEY_SECTION, NULL,
      "the layer's density, specific_heat, conductivity"),
    K(FV_SEC_THERMAL, "positive_collector", FV_KEY_SECTION, NULL,
      "the layer's density, specific_heat, conductivity"),
    K(FV_SEC_THERMAL_LAYER, "density", FV_KEY_QUANTITY, "kg/m3",
      "the layer's mean density (default: its mass in the stack accounting over its thickness)"),
    K(FV_SEC_THERMAL_LAYER, "specific_heat", FV_KEY_QUANTITY, "J/kg/K",
      "the layer's specific heat (default: the section's specific_heat)"),
    K(FV_SEC_THERMAL_LAYER, "conductivity", FV_KEY_QUANTITY, "W/m/K",
      "the layer's effective thermal conductivity (required by x_resolved)"),
    /* material files: keys a material of the kinds given may hold besides its case keys, kept for
     * the models and the mass accounting (FvMaterial), in the order they are checked */
    {SEC(FV_SEC_MATERIAL, "conductivity"), .kind = FV_KEY_PROPERTY, .prop = &P_SE_SIGMA,
     .offset = FV_KEY_NO_FIELD, .flags = FV_KEYF_REQUIRED, .materials = FV_MATS_SOLID_ELECTROLYTE,
     .help = "bulk ionic conductivity (a constant, with an optional Arrhenius factor)"},
    {SEC(FV_SEC_MATERIAL, "density"), .kind = FV_KEY_QUANTITY, .q = &Q_DENSITY,
     .offset    = FV_KEY_NO_FIELD,
     .materials = FV_MATS_ELECTROLYTE | FV_MATS_SOLID_ELECTROLYTE | FV_MATS_METAL,
     .help      = "density"},
    {SEC(FV_SEC_MATERIAL, "density"), .kind = FV_KEY_QUANTITY, .q = &Q_DENSITY,
     .offset = FV_KEY_NO_FIELD, .flags = FV_KEYF_REQUIRED, .materials = FV_MATS_INACTIVE,
     .help = "density (what a composition needs of carbon or binder)"},
    {SEC(FV_SEC_MATERIAL, "ion_concentration"), .kind = FV_KEY_QUANTITY, .q = &Q_ION_CONC,
     .offset = FV_KEY_NO_FIELD, .materials = FV_MATS_SOLID_ELECTROLYTE,
     .help = "mobile-ion concentration"},
    {SEC(FV_SEC_MATERIAL, "ion_charge"), .kind = FV_KEY_QUANTITY, .q = &Q_ION_CHARGE,
     .offset = FV_KEY_NO_FIELD, .flags = FV_KEYF_REQUIRED, .materials = FV_MATS_SOLID_ELECTROLYTE,
     .help = "charge of the mobile ion (an integer)"},
    {SEC(FV_SEC_MATERIAL, "molar_volume"), .kind = FV_KEY_QUANTITY, .q = &Q_MOLAR_VOLUME,
     .offset = FV_KEY_NO_FIELD, .materials = FV_MATS_METAL, .help = "molar volume"},
    {SEC(FV_SEC_MATERIAL, "specific_capacity"), .kind = FV_KEY_QUANTITY, .q = &Q_CAPACITY,
     .offset = FV_KEY_NO_FIELD, .materials = FV_MATS_METAL, .help = "specific capacity"},
    {SEC(FV_SEC_MATERIAL, "conductivity"), .kind = FV_KEY_QUANTITY, .q = &Q_SIGMA,
     .offset = FV_KEY_NO_FIELD, .materials = FV_MATS_METAL | FV_MATS_INACTIVE,
     .help = "electronic conductivity"},
    {SEC(FV_SEC_MATERIAL, "volume_change"), .kind = FV_KEY_PROPERTY, .prop = &P_DVV,
     .offset = FV_KEY_NO_FIELD, .materials = FV_MATS_ACTIVE,
     .help = "dV/V of stoichiometry (the contact law's)"},
    {SEC(FV_SEC_MATERIAL, "youngs_modulus"), .kind = FV_KEY_QUANTITY, .q = &Q_MODULUS,
     .offset    = FV_KEY_NO_FIELD,
     .materials = FV_MATS_ACTIVE | FV_MATS_SOLID_ELECTROLYTE | FV_MATS_METAL,
     .help      = "Young's modulus"},
    {SEC(FV_SEC_MATERIAL, "poisson_ratio"), .kind = FV_KEY_QUANTITY, .q = &Q_POISSON,
     .offset    = FV_KEY_NO_FIELD,
     .materials = FV_MATS_ACTIVE | FV_MATS_SOLID_ELECTROLYTE | FV_MATS_METAL,
     .help      = "Poisson ratio"},
    {SEC(FV_SEC_MATERIAL, "molar_mass"), .kind = FV_KEY_QUANTITY, .q = &Q_MOLAR_MASS,
     .offset = FV_KEY_NO_FIELD, .materials = FV_MATS_ACTIVE, .help = "molar mass"},
    {SEC(FV_SEC_MATERIAL, "heat_capacity"), .kind = FV_KEY_QUANTITY, .q = &Q_SPECIFIC_HEAT,
     .offset = FV_KEY_NO_FIELD, .materials = FV_MATS_ALL,
     .help = "specific heat capacity (docs/thermal.md)"},
    {SEC(FV_SEC_MATERIAL, "thermal_conductivity"), .kind = FV_KEY_QUANTITY,
     .q = &Q_THERMAL_CONDUCTIVITY, .offset = FV_KEY_NO_FIELD, .materials = FV_MATS_ALL,
     .help = "thermal conductivity (docs/thermal.md)"},
    /* a sweep range */
    K(FV_SEC_SWEEP_RANGE, "from", FV_KEY_TEXT, NULL, "first value, with an optional unit"),
    K(FV_SEC_SWEEP_RANGE, "to", FV_KEY_TEXT, NULL, "last value, in the unit of from"),
    K(FV_SEC_SWEEP_RANGE, "num", FV_KEY_INTEGER, NULL, "number of values (1 to 64)"),
    KD(FV_SEC_SWEEP_RANGE, "spacing", FV_KEY_WORD, NULL, "linear", NULL, "linear or log"),
    {.name = NULL}};

const FvCaseKey *FvCaseSchema(void) {
  return schema;
}

/* The SI unit of a row: its quantity's, its property's, or the one it names. */
const char *FvCaseKeyUnit(const FvCaseKey *k) {
  if (k->q && k->q->unit) return k->q->unit;
  if (k->prop && k->prop->q) return k->prop->q->unit;
  return k->unit;
}

static const char *KindName(FvCaseKeyKind kind) {
  switch (kind) {
  case FV_KEY_QUANTITY:
    return "quantity";
  case FV_KEY_INTEGER:
    return "integer";
  case FV_KEY_BOOL:
    return "true/false";
  case FV_KEY_WORD:
    return "word";
  case FV_KEY_TEXT:
    return "text";
  case FV_KEY_PROPERTY:
    return "property";
  case FV_KEY_SECTION:
    return "section";
  case FV_KEY_LIST:
    return "list";
  case FV_KEY_FIELD:
    return "field";
  }
  return "?";
}

PetscErrorCode FvCaseSchemaView(MPI_Comm comm) {
  static const struct {
    unsigned mask;
    const char *title;
  } secs[]                         = {{FV_SEC_ROOT, "Top level"},
                                      {FV_SEC_CONSTANTS, "constants:"},
                                      {FV_SEC_ELECTROLYTE, "electrolyte:"},
                                      {FV_SEC_POROUS, "negative:, positive: (type: porous)"},
                                      {FV_SEC_METAL, "negative:, positive: (type: metal)"},
                                      {FV_SEC_SEPARATOR, "separator:"},
                                      {FV_SEC_KINETICS, "kinetics: of a porous electrode"},
                                      {FV_SEC_METAL_KINETICS, "kinetics: of a metal electrode"},
                                      {FV_SEC_SOLID_ELECTROLYTE, "solid_electrolyte: (separator or electrode)"},
                                      {FV_SEC_COMPOSITION, "composition: (composite electrode)"},
                                      {FV_SEC_FAMILY, "particle_families: items"},
                                      {FV_SEC_CONTACT, "contact: (composite electrode)"},
                                      {FV_SEC_INTERPHASE, "interphase: (composite electrode)"},
                                      {FV_SEC_CELL, "cell:"},
                                      {FV_SEC_OPERATION, "operation:"},
                                      {FV_SEC_MESH, "mesh:"},
                                      {FV_SEC_MESH_AXIS, "mesh: y:, z:"},
                                      {FV_SEC_FIELDS, "fields: (of a region)"},
                                      {FV_SEC_SWEEP_RANGE, "sweep: a range {from, to, num, spacing}"},
                                      {FV_SEC_THERMAL, "thermal:"},
                                      {FV_SEC_THERMAL_LAYER, "thermal: negative_collector:, negative:, separator:, "
                                                                                     "positive:, positive_collector:"},
                                      {FV_SEC_MATERIAL, "material files: data-only keys"}};
  static const char *const kinds[] = {"active", "electrolyte", "solid_electrolyte", "metal",
                                      "inactive"}; /* FvMaterialKind */
  PetscMPIInt rank;
  PetscFunctionBeginUser;
  PetscCallMPI(MPI_Comm_rank(comm, &rank));
  if (rank) PetscFunctionReturn(PETSC_SUCCESS);
  printf("# Case keys\n\n"
         "Generated by `fvcell schema` from the schema table (solver/case_schema.c); do not edit.\n"
         "Values are written with their unit (`\"80 um\"`) and converted to the SI unit shown.\n"
         "Every key is also a command-line option: `negative.kinetics.alpha_a` is\n"
         "`-negative_kinetics_alpha_a`.  Limits beyond the ranges: docs/limits.md.  A new key is\n"
         "a row of the table and its consumer (docs/architecture.md, section 6).\n");
  for (size_t j = 0; j < sizeof secs / sizeof secs[0]; j++) {
    printf("\n## %s\n\n| key | kind | SI unit | default | description |\n|---|---|---|---|---|\n",
           secs[j].title);
    for (int i = 0; schema[i].name; i++) {
      const FvCaseKey *k = &schema[i];
      if (!(k->sections & secs[j].mask)) continue;
      const char *unit = FvCaseKeyUnit(k);
      char also[160]   = ""; /* a material file's key: the kinds that may hold it */
      if (secs[j].mask == FV_SEC_MATERIAL) {
        for (int m = 0; m < 5; m++)
          if (k->materials & (1u << m)) {
            PetscCall(PetscStrlcat(also, also[0] ? ", " : " (", sizeof also));
            PetscCall(PetscStrlcat(also, kinds[m], sizeof also));
          }
        PetscCall(
            PetscStrlcat(also, (k->flags & FV_KEYF_REQUIRED) ? "; required)" : ")", sizeof also));
      }
      printf("| `%s` | %s | %s | %s%s%s%s | %s%s |\n", k->name, KindName(k->kind),
             unit && strcmp(unit, "1") ? unit : (k->kind == FV_KEY_QUANTITY ? "1" : ""),
             k->def ? k->def : "", k->source ? " (" : "", k->source ? k->source : "",
             k->source ? ")" : "", k->help, also);
    }
  }
  fflush(stdout);
  PetscFunctionReturn(PETSC_SUCCESS);
}
