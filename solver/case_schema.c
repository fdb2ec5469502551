/* case_schema.c -- the table of every case key, and what is generated from it (see
 * case_schema.h).
 *
 * Rows are in the order the keys are listed in messages ("positive takes: ...") and written in
 * the resolved case.  Rows with a field offset are loaded, defaulted, range-checked and written
 * by CaseLoadRows/CaseWriteRows; the other rows are read by their section's loader, which holds
 * the rules between keys.
 */
#define _POSIX_C_SOURCE 200809L
#include "case_loader.h"
#include "case_schema.h"

#define ELECTRODE (FV_SEC_POROUS | FV_SEC_METAL)
#define SEPARATOR (FV_SEC_SEPARATOR | FV_SEC_SEPARATOR_SCAN)
#define REGION (FV_SEC_POROUS | SEPARATOR)
/* a key read by its section's loader */
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
/* A quantity landing in FvCase field fld, loaded and written by the table: default value dv
 * (text d, its source src), valid range lo..hi (open ends lo_o, hi_o), an example. */
#define KF(sec, nm, u, fld, d, dv, src, lo_, hi_, lo_o, hi_o, wh, ex, hlp)                         \
  {                                                                                                \
    .sections = (sec), .name = (nm), .kind = FV_KEY_QUANTITY, .unit = (u), .def = (d),             \
    .defval = (dv), .source = (src), .help = (hlp), .offset = offsetof(FvCase, fld), .lo = (lo_),  \
    .hi = (hi_), .lo_open = (lo_o), .hi_open = (hi_o), .what = (wh), .example = (ex)               \
  }
/* An optional quantity without a default landing in FvCase field fld: written when given (> 0). */
#define KFO(sec, nm, u, fld, lo_, hi_, wh, ex, hlp)                                                \
  {                                                                                                \
    .sections = (sec), .name = (nm), .kind = FV_KEY_QUANTITY, .unit = (u), .help = (hlp),          \
    .offset = offsetof(FvCase, fld), .flags = FV_KEYF_WRITE_IF_POSITIVE, .lo = (lo_), .hi = (hi_), \
    .lo_open = PETSC_TRUE, .what = (wh), .example = (ex)                                           \
  }
#define BATPAC "BatPaC convention (half of each foil per stack unit)"

static const FvCaseKey schema[] = {
    /* the top level */
    K(FV_SEC_ROOT, "name", FV_KEY_TEXT, NULL,
      "the case name: letters, digits, _ - . (names the output file; default: the file name)"),
    K(FV_SEC_ROOT, "description", FV_KEY_TEXT, NULL, "a free text"),
    K(FV_SEC_ROOT, "constants", FV_KEY_SECTION, NULL, "physical constants the case uses"),
    K(FV_SEC_ROOT, "temperature", FV_KEY_QUANTITY, "K", "the cell temperature (required)"),
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
    KD(FV_SEC_CONSTANTS, "faraday", FV_KEY_QUANTITY, "C/mol", "96485.33212 C/mol",
       "CODATA 2018 (exact)", "the Faraday constant"),
    KD(FV_SEC_CONSTANTS, "gas_constant", FV_KEY_QUANTITY, "J/mol/K", "8.314462618 J/mol/K",
       "CODATA 2018 (exact)", "the gas constant"),
    /* electrolyte: */
    K(FV_SEC_ELECTROLYTE, "material", FV_KEY_TEXT, NULL,
      "a library material or a material file; the section's keys override it"),
    KM(FV_SEC_ELECTROLYTE, "initial_concentration", FV_KEY_QUANTITY, "mol/m3", FV_MATS_ELECTROLYTE,
       "the initial salt concentration (required)"),
    KM(FV_SEC_ELECTROLYTE, "cation_charge", FV_KEY_INTEGER, "1", FV_MATS_ELECTROLYTE,
       "cation charge z+ (default 1)"),
    KM(FV_SEC_ELECTROLYTE, "cation_stoichiometry", FV_KEY_INTEGER, "1", FV_MATS_ELECTROLYTE,
       "salt stoichiometry nu+ (default 1)"),
    KM(FV_SEC_ELECTROLYTE, "anion_stoichiometry", FV_KEY_INTEGER, "1", FV_MATS_ELECTROLYTE,
       "salt stoichiometry nu- (default 1)"),
    KM(FV_SEC_ELECTROLYTE, "conductivity", FV_KEY_PROPERTY, "S/m", FV_MATS_ELECTROLYTE,
       "ionic conductivity of concentration (required)"),
    KM(FV_SEC_ELECTROLYTE, "diffusivity", FV_KEY_PROPERTY, "m2/s", FV_MATS_ELECTROLYTE,
       "salt diffusivity of concentration (required)"),
    KM(FV_SEC_ELECTROLYTE, "transference_number", FV_KEY_PROPERTY, "1", FV_MATS_ELECTROLYTE,
       "cation transference number t+ (required)"),
    KM(FV_SEC_ELECTROLYTE, "thermodynamic_factor", FV_KEY_PROPERTY, "1", FV_MATS_ELECTROLYTE,
       "1 + dln f/dln c (default 1)"),
    /* negative:, positive: (porous or metal) and separator: */
    K(ELECTRODE, "type", FV_KEY_WORD, NULL, "porous (default) or metal (a planar foil)"),
    K(ELECTRODE, "material", FV_KEY_TEXT, NULL,
      "a library material or a material file; the section's keys override it"),
    K(ELECTRODE | SEPARATOR, "thickness", FV_KEY_QUANTITY, "m",
      "the region's thickness (or active_loading / areal_capacity in a composite electrode)"),
    KD(REGION, "cells", FV_KEY_INTEGER, NULL, "20 (electrode), 10 (separator)", NULL,
       "control volumes across the region"),
    K(REGION, "porosity", FV_KEY_QUANTITY, "1", "the electrolyte (liquid) volume fraction"),
    KD(REGION, "bruggeman", FV_KEY_QUANTITY, "1", "1.5", "Bruggeman's relation",
       "Bruggeman exponent of the electrolyte"),
    K(FV_SEC_POROUS, "active_fraction", FV_KEY_QUANTITY, "1",
      "the active material's volume fraction"),
    K(FV_SEC_POROUS, "conductivity", FV_KEY_QUANTITY, "S/m",
      "the solid phase's electronic conductivity"),
    KD(FV_SEC_POROUS, "bruggeman_solid", FV_KEY_QUANTITY, "1", "1.5", "Bruggeman's relation",
       "Bruggeman exponent of the solid phase"),
    K(FV_SEC_POROUS, "particle_radius", FV_KEY_QUANTITY, "m", "the particles' radius"),
    KD(FV_SEC_POROUS, "particle_shells", FV_KEY_INTEGER, NULL, "10", NULL,
       "radial control volumes of a particle (2 to 200)"),
    KD(FV_SEC_POROUS, "particle_grading", FV_KEY_QUANTITY, "1", "1",
       "the 1C DUALFOIL discharge (bench/results.md)",
       "finite volumes only: ratio of successive shell widths towards the surface, in [1, 2]"),
    KD(FV_SEC_POROUS, "particle_discretisation", FV_KEY_WORD, NULL, "spectral",
       "bench/results_particles.md",
       "radial scheme: spectral (Chebyshev collocation, at most 64 unknowns) or finite_volume; "
       "particle_shells is its number of unknowns"),
    KM(FV_SEC_POROUS, "max_concentration", FV_KEY_QUANTITY, "mol/m3", FV_MATS_ACTIVE,
       "c_s,max (or specific_capacity and density)"),
    KM(FV_SEC_POROUS, "specific_capacity", FV_KEY_QUANTITY, "A s/kg", FV_MATS_ACTIVE,
       "the active material's specific capacity (with density: c_s,max)"),
    KM(ELECTRODE, "density", FV_KEY_QUANTITY, "kg/m3", FV_MATS_ACTIVE,
       "the active material's (or the metal's) density"),
    K(FV_SEC_POROUS, "initial_stoichiometry", FV_KEY_QUANTITY, "1",
      "the initial c_s/c_s,max (or initial_concentration)"),
    K(FV_SEC_POROUS, "initial_concentration", FV_KEY_QUANTITY, "mol/m3",
      "the initial solid concentration"),
    KM(FV_SEC_POROUS, "ocp", FV_KEY_PROPERTY, "V", FV_MATS_ACTIVE,
       "open-circuit potential of stoichiometry, vs the working-ion metal"),
    KM(FV_SEC_POROUS, "diffusivity", FV_KEY_PROPERTY, "m2/s", FV_MATS_ACTIVE,
       "solid diffusivity (constant, or of stoichiometry)"),
    KM(FV_SEC_POROUS, "entropic_coefficient", FV_KEY_PROPERTY, "V/K", FV_MATS_ACTIVE,
       "dU/dT of stoichiometry: the reversible heat (default 0; docs/thermal.md)"),
    KM(ELECTRODE, "kinetics", FV_KEY_SECTION, NULL, FV_MATS_ACTIVE | FV_MATS_METAL,
       "Butler-Volmer kinetics of the interface"),
    KM(FV_SEC_METAL, "volumetric_capacity", FV_KEY_QUANTITY, "C/m3", FV_MATS_METAL,
       "the metal's capacity per volume (with thickness: the inventory)"),
    K(ELECTRODE, "areal_capacity", FV_KEY_QUANTITY, "C/m2",
      "the inventory per area (metal), or the rated areal capacity (composite electrode)"),
    K(FV_SEC_POROUS | SEPARATOR, "solid_electrolyte", FV_KEY_SECTION, NULL,
      "the region's solid electrolyte (then the region has no liquid)"),
    K(FV_SEC_POROUS, "composition", FV_KEY_SECTION, NULL,
      "the composite's composition by weight or volume"),
    K(FV_SEC_POROUS, "carbon_fraction", FV_KEY_QUANTITY, "1", "carbon volume fraction"),
    K(FV_SEC_POROUS, "binder_fraction", FV_KEY_QUANTITY, "1", "binder volume fraction"),
    K(FV_SEC_POROUS, "carbon_density", FV_KEY_QUANTITY, "kg/m3",
      "carbon density (or carbon_material)"),
    K(FV_SEC_POROUS, "carbon_material", FV_KEY_TEXT, NULL,
      "an inactive material giving the carbon's density"),
    K(FV_SEC_POROUS, "binder_density", FV_KEY_QUANTITY, "kg/m3",
      "binder density (or binder_material)"),
    K(FV_SEC_POROUS, "binder_material", FV_KEY_TEXT, NULL,
      "an inactive material giving the binder's density"),
    K(FV_SEC_POROUS, "active_loading", FV_KEY_QUANTITY, "kg/m2",
      "active material mass per area (instead of thickness)"),
    K(FV_SEC_POROUS, "stoichiometry_window", FV_KEY_LIST, "1",
      "[sto_charged, sto_discharged] of the rated capacity"),
    K(FV_SEC_POROUS, "interface_resistance", FV_KEY_QUANTITY, "ohm m2",
      "active | solid-electrolyte interface resistance per contacting area"),
    K(FV_SEC_POROUS, "particle_families", FV_KEY_LIST, NULL,
      "particle families [{radius, fraction, initial_contact}, ...]"),
    K(FV_SEC_POROUS, "contact", FV_KEY_SECTION, NULL,
      "contact-loss mechanics with the solid electrolyte"),
    K(FV_SEC_POROUS, "volume_change", FV_KEY_PROPERTY, "1",
      "dV/V of the active material of stoichiometry"),
    K(FV_SEC_POROUS, "youngs_modulus", FV_KEY_QUANTITY, "Pa",
      "the active material's Young's modulus"),
    K(FV_SEC_POROUS, "poisson_ratio", FV_KEY_QUANTITY, "1", "the active material's Poisson ratio"),
    K(FV_SEC_METAL, "excess", FV_KEY_QUANTITY, "1",
      "inventory as excess over the other electrode's rated capacity"),
    K(FV_SEC_POROUS | SEPARATOR, "fields", FV_KEY_SECTION, NULL,
      "per-cell fields of the region's properties"),
    K(FV_SEC_METAL | FV_SEC_SEPARATOR_SCAN, "contact_map", FV_KEY_FIELD, "1",
      "a metal interface's contact fraction over (y, z)"),
    /* kinetics: of a porous electrode */
    K(FV_SEC_KINETICS, "rate_constant", FV_KEY_PROPERTY, NULL,
      "k0 of i0 = n F k0 c_e^alpha_a (c_max - c_s)^alpha_a c_s^alpha_c"),
    K(FV_SEC_KINETICS, "exchange_current_coefficient", FV_KEY_PROPERTY, NULL,
      "n F k0 (instead of rate_constant)"),
    KD(FV_SEC_KINETICS | FV_SEC_METAL_KINETICS, "alpha_a", FV_KEY_QUANTITY, "1", "0.5", NULL,
       "anodic transfer coefficient"),
    KD(FV_SEC_KINETICS | FV_SEC_METAL_KINETICS, "alpha_c", FV_KEY_QUANTITY, "1", "0.5", NULL,
       "cathodic transfer coefficient"),
    KD(FV_SEC_KINETICS | FV_SEC_METAL_KINETICS, "film_resistance", FV_KEY_QUANTITY, "ohm m2", "0",
       NULL, "film resistance per particle surface"),
    K(FV_SEC_KINETICS | FV_SEC_METAL_KINETICS, "reference_concentration", FV_KEY_QUANTITY, "mol/m3",
      "c_e scale of the kinetics (0: none)"),
    K(FV_SEC_KINETICS, "activation_energy", FV_KEY_QUANTITY, "J/mol",
      "Arrhenius activation energy of k0"),
    K(FV_SEC_KINETICS, "reference_temperature", FV_KEY_QUANTITY, "K",
      "reference temperature of the Arrhenius factor"),
    /* kinetics: of a metal electrode */
    K(FV_SEC_METAL_KINETICS, "exchange_current_density", FV_KEY_QUANTITY, "A/m2",
      "i0 of the metal interface"),
    K(FV_SEC_METAL_KINETICS, "concentration_exponent", FV_KEY_QUANTITY, "1",
      "i0 = i0_metal (c_e/c_ref)^exponent (default alpha_a)"),
    /* solid_electrolyte: */
    K(FV_SEC_SOLID_ELECTROLYTE, "material", FV_KEY_TEXT, NULL,
      "a solid_electrolyte library material or file"),
    K(FV_SEC_SOLID_ELECTROLYTE, "conductivity", FV_KEY_PROPERTY, "S/m", "bulk ionic conductivity"),
    K(FV_SEC_SOLID_ELECTROLYTE, "ion_concentration", FV_KEY_QUANTITY, "mol/m3",
      "mobile-ion concentration"),
    K(FV_SEC_SOLID_ELECTROLYTE, "ion_charge", FV_KEY_QUANTITY, "1", "charge of the mobile ion"),
    K(FV_SEC_SOLID_ELECTROLYTE, "density", FV_KEY_QUANTITY, "kg/m3", "density"),
    K(FV_SEC_SOLID_ELECTROLYTE, "youngs_modulus", FV_KEY_QUANTITY, "Pa", "Young's modulus"),
    K(FV_SEC_SOLID_ELECTROLYTE, "poisson_ratio", FV_KEY_QUANTITY, "1", "Poisson ratio"),
    K(FV_SEC_SOLID_ELECTROLYTE, "effective_conductivity", FV_KEY_WORD, NULL,
      "percolation, bruggeman or measured"),
    K(FV_SEC_SOLID_ELECTROLYTE, "percolation_threshold", FV_KEY_QUANTITY, "1",
      "eps_c of the percolation law"),
    KD(FV_SEC_SOLID_ELECTROLYTE, "percolation_exponent", FV_KEY_QUANTITY, "1", "2",
       "percolation theory", "mu of the percolation law"),
    KD(FV_SEC_SOLID_ELECTROLYTE, "bruggeman", FV_KEY_QUANTITY, "1", "1.5", "Bruggeman's relation",
       "exponent of the Bruggeman law"),
    K(FV_SEC_SOLID_ELECTROLYTE, "measured_conductivity", FV_KEY_QUANTITY, "S/m",
      "the effective conductivity itself"),
    K(FV_SEC_SOLID_ELECTROLYTE, "volume_fraction", FV_KEY_QUANTITY, "1",
      "the solid electrolyte's volume fraction in the region"),
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
    K(FV_SEC_CONTACT, "strain_scale", FV_KEY_QUANTITY, "1",
      "strain scale e_c of reversible opening"),
    K(FV_SEC_CONTACT, "irreversibility", FV_KEY_QUANTITY, "1",
      "fraction of contact lost per e_c of gap opening"),
    K(FV_SEC_CONTACT, "isolation_threshold", FV_KEY_QUANTITY, "1",
      "contact fraction below which a particle is isolated"),
    KD(FV_SEC_CONTACT, "isolation_width", FV_KEY_QUANTITY, "1", "0.01", NULL,
       "smoothing width of the isolation switch"),
    KD(FV_SEC_CONTACT, "gap_smoothing", FV_KEY_QUANTITY, "1", "1e-4", NULL,
       "smoothing width of max(0, .) in the gap"),
    K(FV_SEC_CONTACT, "fabrication_stoichiometry", FV_KEY_QUANTITY, "1",
      "stoichiometry at fabrication (reference of the strain)"),
    /* cell: */
    {.sections = FV_SEC_CELL,
     .name     = "stack_pressure",
     .kind     = FV_KEY_QUANTITY,
     .unit     = "Pa",
     .def      = "0",
     .help     = "stack pressure (required with contact mechanics)",
     .offset   = FV_KEY_NO_FIELD},
    KF(FV_SEC_CELL, "positive_collector_thickness", "m", stack.pos_cc_thickness, "15 um", 15e-6,
       "typical Al foil", 0, INF, PETSC_FALSE, PETSC_TRUE, "a foil thickness >= 0", "15 um",
       "positive current-collector foil thickness"),
    KF(FV_SEC_CELL, "positive_collector_density", "kg/m3", stack.pos_cc_density, "2700 kg/m3", 2700,
       "aluminium, handbook", 0, INF, PETSC_TRUE, PETSC_TRUE, "a positive density", "1800 kg/m3",
       "positive current-collector density"),
    KF(FV_SEC_CELL, "negative_collector_thickness", "m", stack.neg_cc_thickness, "10 um", 10e-6,
       "typical Cu foil", 0, INF, PETSC_FALSE, PETSC_TRUE, "a foil thickness >= 0", "15 um",
       "negative current-collector foil thickness"),
    KF(FV_SEC_CELL, "negative_collector_density", "kg/m3", stack.neg_cc_density, "8960 kg/m3", 8960,
       "copper, handbook", 0, INF, PETSC_TRUE, PETSC_TRUE, "a positive density", "1800 kg/m3",
       "negative current-collector density"),
    {.sections = FV_SEC_CELL,
     .name     = "double_coated",
     .kind     = FV_KEY_BOOL,
     .def      = "true",
     .defval   = 1,
     .source   = BATPAC,
     .help     = "electrodes coated on both sides of each foil",
     .offset   = offsetof(FvCase, stack.double_coated)},
    KF(FV_SEC_CELL, "liquid_density", "kg/m3", stack.liquid_density, "1200 kg/m3", 1200,
       "assumption for carbonate electrolytes", 0, INF, PETSC_TRUE, PETSC_TRUE,
       "a positive density", "1800 kg/m3", "density of the liquid electrolyte in the pores"),
    KF(FV_SEC_CELL, "separator_matrix_density", "kg/m3", stack.separator_matrix_density,
       "946 kg/m3", 946, "assumption: polyolefin", 0, INF, PETSC_TRUE, PETSC_TRUE,
       "a positive density", "1800 kg/m3", "density of a liquid-filled separator's solid matrix"),
    KF(FV_SEC_CELL, "packaging_mass_fraction", "1", stack.packaging_mass, "0", 0, NULL, 0, 1,
       PETSC_FALSE, PETSC_TRUE, "a packaging share in [0, 1)", "0.1",
       "packaging overhead as a share of the stack unit's mass"),
    KF(FV_SEC_CELL, "packaging_volume_fraction", "1", stack.packaging_volume, "0", 0, NULL, 0, 1,
       PETSC_FALSE, PETSC_TRUE, "a packaging share in [0, 1)", "0.1",
       "packaging overhead as a share of the stack unit's volume"),
    KFO(FV_SEC_CELL, "electrode_area", "m2", electrode_area, 0, 100,
        "a positive electrode area up to 100 m2", "0.1 m2",
        "the cell's electrode area: protocols in A, W, A h and outputs per cell (optional)"),
    /* operation: */
    K(FV_SEC_OPERATION, "one_c", FV_KEY_QUANTITY, "A/m2",
      "the 1C current density (default: the positive electrode's window capacity over 1 h)"),
    K(FV_SEC_OPERATION, "lower_cutoff", FV_KEY_QUANTITY, "V", "lower voltage cut-off (required)"),
    K(FV_SEC_OPERATION, "upper_cutoff", FV_KEY_QUANTITY, "V", "upper voltage cut-off (required)"),
    {.sections = FV_SEC_OPERATION,
     .name     = "rates",
     .kind     = FV_KEY_LIST,
     .unit     = "1",
     .flags    = FV_KEYF_SHORT_OPTION,
     .help     = "C-rates to discharge at (command line: -rates 0.5,1,2)",
     .offset   = FV_KEY_NO_FIELD},
    KD(FV_SEC_OPERATION, "contact_resistance", FV_KEY_QUANTITY, "ohm m2", "0", NULL,
       "series contact resistance"),
    K(FV_SEC_OPERATION, "max_duration", FV_KEY_QUANTITY, "s",
      "upper bound on a step's duration (default: from the rate)"),
    {.sections = FV_SEC_OPERATION,
     .name     = "protocol",
     .kind     = FV_KEY_LIST,
     .flags    = FV_KEYF_SHORT_OPTION,
     .help     = "step strings (\"Discharge at 1C until 3.0 V\"; command line: -protocol \"a; b\")",
     .offset   = FV_KEY_NO_FIELD},
    {.sections = FV_SEC_OPERATION,
     .name     = "cycles",
     .kind     = FV_KEY_INTEGER,
     .def      = "1",
     .flags    = FV_KEYF_SHORT_OPTION,
     .help     = "repetitions of the protocol (command line: -cycles)",
     .offset   = FV_KEY_NO_FIELD},
    /* mesh: */
    KD(FV_SEC_MESH, "dimension", FV_KEY_INTEGER, NULL, "1", NULL, "1, 2 or 3"),
    K(FV_SEC_MESH, "y", FV_KEY_SECTION, NULL, "in-plane direction y {length, cells} (2D, 3D)"),
    K(FV_SEC_MESH, "z", FV_KEY_SECTION, NULL, "in-plane direction z {length, cells} (3D)"),
    KD(FV_SEC_MESH, "x_grading", FV_KEY_QUANTITY, "1", "1", NULL,
       "ratio of neighbouring cell widths in x, in [1, 4]"),
    KD(FV_SEC_MESH, "output_stride", FV_KEY_INTEGER, NULL, "1 in 1D; 2D/3D: <= 2048 cells a record",
       NULL, "output every n-th cell in each direction"),
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
    /* thermal: (docs/thermal.md; solver/case_thermal.c) */
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
    /* a sweep range */
    K(FV_SEC_SWEEP_RANGE, "from", FV_KEY_TEXT, NULL, "first value, with an optional unit"),
    K(FV_SEC_SWEEP_RANGE, "to", FV_KEY_TEXT, NULL, "last value, in the unit of from"),
    K(FV_SEC_SWEEP_RANGE, "num", FV_KEY_INTEGER, NULL, "number of values (1 to 64)"),
    KD(FV_SEC_SWEEP_RANGE, "spacing", FV_KEY_WORD, NULL, "linear", NULL, "linear or log"),
    {.name = NULL}};

const FvCaseKey *FvCaseSchema(void) {
  return schema;
}

/* The keys of the sections in mask, in table order (a NULL-terminated list the loader keeps). */
const char *const *CaseSchemaKeys(Loader *L, unsigned mask) {
  CaseKeyList *kl;
  for (int i = 0; i < L->nkeylists; i++)
    if (L->keylists[i].mask == mask) return L->keylists[i].keys;
  if (L->nkeylists >= CASE_MAX_KEYLISTS) return L->keylists[0].keys; /* cannot happen: sections */
  kl       = &L->keylists[L->nkeylists++];
  kl->mask = mask;
  for (int i = 0, n = 0; schema[i].name && n < CASE_MAX_SECTION_KEYS; i++)
    if (schema[i].sections & mask) kl->keys[n++] = schema[i].name;
  return kl->keys;
}

/* Is name an option of the top level (exact) or the prefix of a section's options? */
PetscBool CaseSchemaOverridable(const char *name) {
  for (int i = 0; schema[i].name; i++) {
    const FvCaseKey *k = &schema[i];
    size_t len         = strlen(k->name);
    if (k->flags & FV_KEYF_NO_OVERRIDE) continue;
    if (!(k->sections & FV_SEC_ROOT) && !(k->flags & FV_KEYF_SHORT_OPTION)) continue;
    if (!strcmp(name, k->name)) return PETSC_TRUE;
    if ((k->sections & FV_SEC_ROOT) && k->kind == FV_KEY_SECTION && !strncmp(name, k->name, len) &&
        name[len] == '_')
      return PETSC_TRUE;
  }
  return PETSC_FALSE;
}

/* Every row of section sec with a field: looked up, defaulted, checked and stored. */
PetscErrorCode CaseLoadRows(Loader *L, const Sec *s, unsigned sec) {
  PetscFunctionBeginUser;
  for (int i = 0; schema[i].name && !L->failed; i++) {
    const FvCaseKey *k = &schema[i];
    char *field;
    if (!(k->sections & sec) || k->offset == FV_KEY_NO_FIELD) continue;
    field = (char *)L->c + k->offset; /* only for rows with a field: NO_FIELD is (size_t)-1 */
    if (k->kind == FV_KEY_BOOL) {
      PetscCall(CaseGetBool(L, s, k->name, (PetscBool)(k->defval != 0), (PetscBool *)field));
    } else {
      const Qty q = {k->unit, k->what, k->example, k->lo, k->hi, k->lo_open, k->hi_open};
      Val v;
      PetscCall(CaseGetQty(L, s, k->name, &q, PETSC_FALSE, k->defval, &v, (PetscReal *)field));
    }
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Every row of section sec with a field, as resolved YAML (indent 2). */
PetscErrorCode CaseWriteRows(Str *b, const FvCase *c, unsigned sec) {
  PetscFunctionBeginUser;
  for (int i = 0; schema[i].name; i++) {
    const FvCaseKey *k = &schema[i];
    const char *field;
    if (!(k->sections & sec) || k->offset == FV_KEY_NO_FIELD) continue;
    field = (const char *)c + k->offset;
    if (k->kind == FV_KEY_BOOL)
      PetscCall(CaseStrAdd(b, "  %s: %s\n", k->name, *(const PetscBool *)field ? "true" : "false"));
    else if (!(k->flags & FV_KEYF_WRITE_IF_POSITIVE) || *(const PetscReal *)field > 0)
      PetscCall(CaseAddQ(b, 2, k->name, *(const PetscReal *)field, k->unit));
  }
  PetscFunctionReturn(PETSC_SUCCESS);
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
  } secs[] = {{FV_SEC_ROOT, "Top level"},
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
              {FV_SEC_CELL, "cell:"},
              {FV_SEC_OPERATION, "operation:"},
              {FV_SEC_MESH, "mesh:"},
              {FV_SEC_MESH_AXIS, "mesh: y:, z:"},
              {FV_SEC_FIELDS, "fields: (of a region)"},
              {FV_SEC_SWEEP_RANGE, "sweep: a range {from, to, num, spacing}"},
              {FV_SEC_THERMAL, "thermal:"},
              {FV_SEC_THERMAL_LAYER,
               "thermal: negative_collector:, negative:, separator:, positive:, "
               "positive_collector:"}};
  PetscMPIInt rank;
  PetscFunctionBeginUser;
  PetscCallMPI(MPI_Comm_rank(comm, &rank));
  if (rank) PetscFunctionReturn(PETSC_SUCCESS);
  printf("# Case keys\n\n"
         "Generated by `fvcell schema` from the schema table (solver/case_schema.c); do not edit.\n"
         "Values are written with their unit (`\"80 um\"`) and converted to the SI unit shown.\n"
         "Every key is also a command-line option: `negative.kinetics.alpha_a` is\n"
         "`-negative_kinetics_alpha_a`.  Limits beyond the ranges: docs/limits.md.\n");
  for (size_t j = 0; j < sizeof secs / sizeof secs[0]; j++) {
    printf("\n## %s\n\n| key | kind | SI unit | default | description |\n|---|---|---|---|---|\n",
           secs[j].title);
    for (int i = 0; schema[i].name; i++) {
      const FvCaseKey *k = &schema[i];
      if (!(k->sections & secs[j].mask)) continue;
      printf("| `%s` | %s | %s | %s%s%s%s | %s |\n", k->name, KindName(k->kind),
             k->unit && strcmp(k->unit, "1") ? k->unit : (k->kind == FV_KEY_QUANTITY ? "1" : ""),
             k->def ? k->def : "", k->source ? " (" : "", k->source ? k->source : "",
             k->source ? ")" : "", k->help);
    }
  }
  fflush(stdout);
  PetscFunctionReturn(PETSC_SUCCESS);
}
