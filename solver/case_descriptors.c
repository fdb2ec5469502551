/* case_descriptors.c -- the descriptors the case loaders share (see case_loader.h).
 *
 * Owns: the quantities (SI unit, what is expected, an example, the valid range, fvcell's limit),
 * the property specs, the field quantities and the word lists of the case and material loaders,
 * defined once here (the schema table, case_schema.c, and the section loaders point at them).
 */
#include "case_loader.h"

const char *const default_origin = "built-in default case";
const Qty Q_LENGTH   = {"m", "a positive length", "100 um", 0, INF, PETSC_TRUE, PETSC_TRUE, 0.1};
const Qty Q_POR_ELEC = {"1", "a porosity in (0, 1)", "0.3", 0, 1, PETSC_TRUE, PETSC_TRUE, 0};
const Qty Q_POR_SEP  = {"1", "a porosity in (0, 1]", "0.4", 0, 1, PETSC_TRUE, PETSC_FALSE, 0};
const Qty Q_FRACTION = {
    "1", "an active material volume fraction in (0, 1)", "0.6", 0, 1, PETSC_TRUE, PETSC_TRUE, 0};
const Qty Q_BRUGG = {"1", "a Bruggeman exponent >= 0", "1.5", 0, INF, PETSC_FALSE, PETSC_TRUE, 0};
const Qty Q_SIGMA = {"S/m", "a positive conductivity", "100 S/m", 0, INF, PETSC_TRUE, PETSC_TRUE,
                     1e9};
const Qty Q_CONC  = {
     "mol/m3", "a positive concentration", "1000 mol/m3", 0, INF, PETSC_TRUE, PETSC_TRUE, 1e6};
const Qty Q_CMAX = {
    "mol/m3", "a positive concentration", "24983 mol/m3", 0, INF, PETSC_TRUE, PETSC_TRUE, 1e6};
const Qty Q_STO      = {"1", "a stoichiometry in (0, 1)", "0.6", 0, 1, PETSC_TRUE, PETSC_TRUE, 0};
const Qty Q_CAPACITY = {
    "A s/kg", "a positive specific capacity", "372 mAh/g", 0, INF, PETSC_TRUE, PETSC_TRUE, 0};
const Qty Q_DENSITY = {"kg/m3", "a positive density", "1800 kg/m3", 0,
                       INF,     PETSC_TRUE,           PETSC_TRUE,   1e5};
const Qty Q_DIFF    = {
       "m2/s", "a positive diffusivity", "3.9e-14 m2/s", 0, INF, PETSC_TRUE, PETSC_TRUE, 0};
const Qty Q_ALPHA = {"1", "a transfer coefficient in (0, 1]", "0.5", 0, 1, PETSC_TRUE, PETSC_FALSE,
                     0};
const Qty Q_RFILM = {
    "ohm m2", "a film resistance >= 0", "1e-3 ohm m2", 0, INF, PETSC_FALSE, PETSC_TRUE, 0};
const Qty Q_EA = {
    "J/mol", "an activation energy >= 0", "37480 J/mol", 0, INF, PETSC_FALSE, PETSC_TRUE, 0};
const Qty Q_TEMP    = {"K", "a positive temperature", "298.15 K", 0, INF, PETSC_TRUE, PETSC_TRUE,
                       1000};
const Qty Q_FARADAY = {
    "C/mol", "a positive Faraday constant", "96485.33212 C/mol", 0, INF, PETSC_TRUE, PETSC_TRUE, 0};
const Qty Q_GAS = {
    "J/mol/K", "a positive gas constant", "8.314462618 J/mol/K", 0, INF, PETSC_TRUE, PETSC_TRUE, 0};
const Qty Q_ONE_C = {
    "A/m2", "a positive current density", "24.1056 A/m2", 0, INF, PETSC_TRUE, PETSC_TRUE, 1e5};
const Qty Q_VOLT     = {"V", "a voltage", "3.0 V", -INF, INF, PETSC_TRUE, PETSC_TRUE, 0};
const Qty Q_RCONTACT = {
    "ohm m2", "a contact resistance >= 0", "0 ohm m2", 0, INF, PETSC_FALSE, PETSC_TRUE, 0};
const Qty Q_DURATION = {"s", "a positive duration", "10 h", 0, INF, PETSC_TRUE, PETSC_TRUE, 1e9};
const Qty Q_RATE = {"1", "a positive C-rate", "1", 0, INF, PETSC_TRUE, PETSC_TRUE, FV_LIMIT_C_RATE};
const Qty Q_KAPPA  = {"S/m", "a positive conductivity", "1.1 S/m", 0, INF, PETSC_TRUE, PETSC_TRUE,
                      1e9};
const Qty Q_DIFF_E = {
    "m2/s", "a positive diffusivity", "2.5e-10 m2/s", 0, INF, PETSC_TRUE, PETSC_TRUE, 0};
const Qty Q_TPLUS = {"1", "a transference number below 1", "0.4", -INF, 1, PETSC_TRUE, PETSC_TRUE,
                     0};
const Qty Q_TDF = {"1", "a positive thermodynamic factor", "1", 0, INF, PETSC_TRUE, PETSC_TRUE, 0};
const Qty Q_OCP = {"V", "an open-circuit potential", "3.7 V", -INF, INF, PETSC_TRUE, PETSC_TRUE, 0};
const Qty Q_SCALE = {"1", "a positive scale factor", "1", 0, INF, PETSC_TRUE, PETSC_TRUE, 0};
const PropSpec P_ELECTROLYTE_KAPPA = {&Q_KAPPA, FV_ARG_CONC, FV_ARG_CONC, PETSC_FALSE, PETSC_TRUE};
const PropSpec P_ELECTROLYTE_D     = {&Q_DIFF_E, FV_ARG_CONC, FV_ARG_CONC, PETSC_FALSE, PETSC_TRUE};
const PropSpec P_ELECTROLYTE_TPLUS = {&Q_TPLUS, FV_ARG_CONC, FV_ARG_CONC, PETSC_FALSE, PETSC_TRUE};
const PropSpec P_ELECTROLYTE_TDF   = {&Q_TDF, FV_ARG_CONC, FV_ARG_CONC, PETSC_FALSE, PETSC_TRUE};
const PropSpec P_OCP               = {&Q_OCP, FV_ARG_STO, FV_ARG_STO, PETSC_TRUE, PETSC_FALSE};
const PropSpec P_DS                = {&Q_DIFF, FV_ARG_NONE, FV_ARG_STO, PETSC_TRUE, PETSC_TRUE};
const Qty Q_MODULUS                = {
                   "Pa", "a positive Young's modulus", "140 GPa", 0, INF, PETSC_TRUE, PETSC_TRUE, 0};
const Qty Q_POISSON = {"1", "a Poisson ratio in (-1, 0.5]", "0.3", -1, 0.5, PETSC_TRUE, PETSC_FALSE,
                       0};
const Qty Q_ION_CONC = {
    "mol/m3", "a positive mobile-ion concentration", "31160 mol/m3", 0, INF, PETSC_TRUE, PETSC_TRUE,
    0};
const Qty Q_ION_CHARGE = {
    "1", "an integer ion charge from 1 to 8 (1 for Li+)", "1", 1, 8, PETSC_FALSE, PETSC_FALSE, 0};
const Qty Q_DVV = {"1",        "a volume change dV/V above -1 (relative to the reference state)",
                   "-0.051",   -1,
                   INF,        PETSC_TRUE,
                   PETSC_TRUE, 0};
const Qty Q_SE_SIGMA = {
    "S/m", "a positive ionic conductivity", "0.016 S/m", 0, INF, PETSC_TRUE, PETSC_TRUE, 0};
const Qty Q_SIGMA_MEASURED = {
    "S/m", "a positive effective conductivity", "0.4 mS/cm", 0, INF, PETSC_TRUE, PETSC_TRUE, 0};
const Qty Q_SE_FRACTION = {
    "1", "a solid-electrolyte volume fraction in (0, 1]", "0.25", 0, 1, PETSC_TRUE, PETSC_FALSE, 0};
const Qty Q_SOLID_FRACTION = {
    "1", "a volume fraction in [0, 1)", "0.1", 0, 1, PETSC_FALSE, PETSC_TRUE, 0};
const Qty Q_THRESHOLD = {
    "1", "a percolation threshold in [0, 1)", "0.1", 0, 1, PETSC_FALSE, PETSC_TRUE, 0};
const Qty Q_PERC_EXP = {"1", "a percolation exponent > 0", "2", 0, INF, PETSC_TRUE, PETSC_TRUE, 0};
const Qty Q_PERCENT  = {"1", "a percentage in [0, 100]", "80", 0, 100, PETSC_FALSE, PETSC_FALSE, 0};
const Qty Q_LOADING  = {
     "kg/m2", "a positive active-material loading", "13.2 mg/cm2", 0, INF, PETSC_TRUE, PETSC_TRUE,
     0};
const Qty Q_STO_CLOSED = {
    "1", "a stoichiometry in [0, 1]", "0.9084", 0, 1, PETSC_FALSE, PETSC_FALSE, 0};
const Qty Q_RINTERFACE = {
    "ohm m2", "an interface resistance >= 0", "5 ohm cm2", 0, INF, PETSC_FALSE, PETSC_TRUE, 0};
const Qty Q_FAM_FRACTION = {
    "1", "a share of the active volume in (0, 1]", "0.5", 0, 1, PETSC_TRUE, PETSC_FALSE, 0};
const Qty Q_CONTACT = {"1", "a contact fraction in (0, 1]", "0.5", 0, 1, PETSC_TRUE, PETSC_FALSE,
                       0};
const Qty Q_STRAIN  = {"1", "a positive strain scale", "0.03", 0, INF, PETSC_TRUE, PETSC_TRUE, 0};
const Qty Q_IP_CURRENT = {
    "A/m2", "a side current density >= 0", "1e-3 A/m2", 0, INF, PETSC_FALSE, PETSC_TRUE, 0};
const Qty Q_IP_BETA = {
    "ohm m4/C", "a resistance per charge > 0", "1e-4 ohm m4/C", 0, INF, PETSC_TRUE, PETSC_TRUE, 0};
const Qty Q_IP_PARABOLIC = {
    "ohm2 m4/s", "a parabolic rate > 0", "1e-6 ohm2 m4/s", 0, INF, PETSC_TRUE, PETSC_TRUE, 0};
const Qty Q_IP_LIMIT = {NULL, "parabolic or logarithmic", NULL, 0, 0, PETSC_FALSE, PETSC_FALSE, 0};
const Qty Q_KIRR  = {"1", "an irreversibility >= 0", "0.005", 0, INF, PETSC_FALSE, PETSC_TRUE, 0};
const Qty Q_FISO  = {"1", "an isolation threshold in [0, 1)", "0.05", 0, 1, PETSC_FALSE, PETSC_TRUE,
                     0};
const Qty Q_WIDTH = {"1", "a positive smoothing width", "0.01", 0, INF, PETSC_TRUE, PETSC_TRUE, 0};
const Qty Q_PRESSURE      = {"Pa", "a pressure >= 0", "5 MPa", 0, INF, PETSC_FALSE, PETSC_TRUE, 0};
const PropSpec P_DVV      = {&Q_DVV, FV_ARG_STO, FV_ARG_STO, PETSC_TRUE, PETSC_FALSE};
const PropSpec P_SE_SIGMA = {&Q_SE_SIGMA, FV_ARG_NONE, FV_ARG_NONE, PETSC_FALSE, PETSC_FALSE};
const char *const prop_keys[]         = {"value",
                                         "form",
                                         "table",
                                         "x",
                                         "x_unit",
                                         "y_unit",
                                         "interpolation",
                                         "extrapolate",
                                         "scale",
                                         "activation_energy",
                                         "reference_temperature",
                                         NULL};
const char *const sigma_laws[]        = {"percolation", "bruggeman", "measured", NULL};
const char *const composition_bases[] = {"weight", "volume", NULL};
const char *const sweep_spacings[]    = {"linear", "log", NULL};
const Qty Q_EXPONENT = {"1", "an exponent >= 0", "0.5", 0, INF, PETSC_FALSE, PETSC_TRUE, 0};
const char *const electrode_types[] = {"porous", "metal", NULL};
const Qty Q_GRADING = {"1", "a shell-width ratio in [1, 2]", "1.2", 1, 2, PETSC_FALSE, PETSC_FALSE,
                       0};
const Qty Q_I0      = {
         "A/m2", "a positive exchange current density", "10 A/m2", 0, INF, PETSC_TRUE, PETSC_TRUE, 0};
const Qty Q_NOMINAL = {"C", "a positive capacity", "5 A h", 0, INF, PETSC_TRUE, PETSC_TRUE, 0};
const Qty Q_AREALQ  = {
     "C/m2", "a positive areal capacity", "10 mAh/cm2", 0, INF, PETSC_TRUE, PETSC_TRUE, 0};
const Qty Q_VOLQ = {
    "C/m3", "a positive volumetric capacity", "2061 mAh/cm3", 0, INF, PETSC_TRUE, PETSC_TRUE, 0};
const char *const porous_alternatives[]   = {"max_concentration", "specific_capacity", NULL};
const char *const kinetics_alternatives[] = {"rate_constant", "exchange_current_coefficient", NULL};
const char *const metal_alternatives[] = {"areal_capacity", "thickness volumetric_capacity", NULL};
const char *const mat_kinds[]          = {"active", "electrolyte", "solid_electrolyte",
                                          "metal",  "inactive",    NULL};
const char *const region_names[]       = {"negative", "separator", "positive"};
const char *const field_kinds[] = {"uniform", "gaussian", "voxel", "patches", "random_voids", NULL};
const char *const cell_kinds[]  = {"uniform", "gaussian", "voxel", NULL};
const char *const field_keys[]  = {
     "kind", "value", "mean",     "std",   "correlation_length", "seed",    "modes",         "min",
     "max",  "file",  "variable", "phase", "background",         "patches", "void_fraction", NULL};
const char *const kind_keys[5][9] = {
    {"kind", "value", NULL},
    {"kind", "mean", "std", "correlation_length", "seed", "modes", "min", "max", NULL},
    {"kind", "file", "variable", "phase", NULL},
    {"kind", "value", "background", "patches", NULL},
    {"kind", "void_fraction", "correlation_length", "seed", "modes", "background", NULL}};
const char *const patch_keys[] = {"y", "z", NULL};
const Qty Q_XGRADING = {"1", "a cell-width ratio in [1, 4]", "1.2", 1, 4, PETSC_FALSE, PETSC_FALSE,
                        0};
const Qty Q_CORR = {"m", "a positive correlation length", "5 um", 0, INF, PETSC_TRUE, PETSC_TRUE,
                    0};
const Qty Q_POSITION = {
    "m", "a position >= 0 (from the edge of the cell)", "10 um", 0, INF, PETSC_FALSE, PETSC_TRUE,
    0};
const Qty Q_VOIDS     = {"1", "a void fraction in (0, 1)", "0.3", 0, 1, PETSC_TRUE, PETSC_TRUE, 0};
const Qty Q_FIELD_EPS = {"1", "a volume fraction in [0, 1]", "0.25", 0, 1, PETSC_FALSE, PETSC_FALSE,
                         0};
const Qty Q_FIELD_RADIUS = {
    "m", "a positive particle radius", "4 um", 0, INF, PETSC_TRUE, PETSC_TRUE, 0};
const Qty Q_FIELD_SIGMA = {
    "S/m", "a positive electronic conductivity", "100 S/m", 0, INF, PETSC_TRUE, PETSC_TRUE, 0};
const Qty Q_FIELD_CONTACT = {
    "1", "a contact fraction in [0, 1]", "0.8", 0, 1, PETSC_FALSE, PETSC_FALSE, 0};
const FieldQty FQ_EPS     = {&Q_FIELD_EPS, "0.05", "0.6", 0, 1};
const FieldQty FQ_RADIUS  = {&Q_FIELD_RADIUS, "1 um", "10 um", 0, PETSC_MAX_REAL};
const FieldQty FQ_SIGMA   = {&Q_FIELD_SIGMA, "10 S/m", "1000 S/m", 0, PETSC_MAX_REAL};
const FieldQty FQ_CONTACT = {&Q_FIELD_CONTACT, "0.1", "1", 0, 1};
const Qty Q_MOLAR_MASS    = {
       "kg/mol", "a positive molar mass", "97.28 g/mol", 0, INF, PETSC_TRUE, PETSC_TRUE, 0};
const Qty Q_MOLAR_VOLUME = {
    "m3/mol", "a positive molar volume", "1.3e-5 m3/mol", 0, INF, PETSC_TRUE, PETSC_TRUE, 0};
const char *const mat_meta_keys[] = {"name", "kind", "description", "sources", NULL};

/* heat (docs/thermal.md): material data, the entropic coefficient and the `thermal:` section */
const Qty Q_DUDT = {
    "V/K", "an entropic coefficient dU/dT", "-1e-4 V/K", -INF, INF, PETSC_TRUE, PETSC_TRUE, 0};
const Qty Q_SPECIFIC_HEAT = {
    "J/kg/K", "a positive specific heat capacity", "700 J/kg/K", 0, INF, PETSC_TRUE, PETSC_TRUE, 0};
const Qty Q_THERMAL_CONDUCTIVITY = {
    "W/m/K", "a positive thermal conductivity", "1.7 W/m/K", 0, INF, PETSC_TRUE, PETSC_TRUE, 0};
const PropSpec P_DUDT = {&Q_DUDT, FV_ARG_NONE, FV_ARG_STO, PETSC_TRUE, PETSC_FALSE};
const Qty Q_HTC       = {
          "W/m2/K", "a heat-transfer coefficient >= 0", "10 W/m2/K", 0, INF, PETSC_FALSE, PETSC_TRUE, 0};
const Qty Q_COOLING = {
    "1", "a cooled area per electrode area > 0", "2", 0, INF, PETSC_TRUE, PETSC_TRUE, 0};
const Qty Q_AREAL_HEAT_CAPACITY = {"J/m2/K",      "a positive heat capacity per electrode area",
                                   "1633 J/m2/K", 0,
                                   INF,           PETSC_TRUE,
                                   PETSC_TRUE,    0};

/* integer keys: what is expected, an example, the valid range and fvcell's limit */
const Qty Q_ZPLUS   = {NULL, "a cation charge z+ >= 1", "1", 1, 8, PETSC_FALSE, PETSC_FALSE, 0};
const Qty Q_NUPLUS  = {NULL, "a salt stoichiometry nu+ >= 1", "1", 1, 8, PETSC_FALSE, PETSC_FALSE,
                       0};
const Qty Q_NUMINUS = {NULL, "a salt stoichiometry nu- >= 1", "1", 1, 8, PETSC_FALSE, PETSC_FALSE,
                       0};
const Qty Q_CELLS   = {NULL,        "a number of control volumes >= 1",
                       "20",        1,
                       1000000,     PETSC_FALSE,
                       PETSC_FALSE, FV_LIMIT_REGION_CELLS};
const Qty Q_SHELLS  = {
     NULL,           "a number of particle shells >= 2", "10", 2, 100000, PETSC_FALSE, PETSC_FALSE,
     FV_LIMIT_SHELLS};
const Qty Q_CYCLES    = {NULL,        "a number of protocol repetitions >= 1",
                         "10",        1,
                         100000,      PETSC_FALSE,
                         PETSC_FALSE, FV_LIMIT_CYCLES};
const Qty Q_DIMENSION = {NULL, "a mesh dimension: 1, 2 or 3", "2", 1, 3, PETSC_FALSE, PETSC_FALSE,
                         0};
const Qty Q_STRIDE    = {
       NULL, "an output stride >= 1 (every n-th cell)", "2", 1, 1000000, PETSC_FALSE, PETSC_FALSE, 0};
/* word keys: what is expected */
const Qty Q_DISC = {NULL, "spectral or finite_volume", NULL, 0, 0, PETSC_FALSE, PETSC_FALSE, 0};
/* cell: keys */
const Qty Q_FOIL = {"m", "a foil thickness >= 0", "15 um", 0, INF, PETSC_FALSE, PETSC_TRUE, 0};
const Qty Q_AREA = {
    "m2", "a positive electrode area up to 100 m2", "0.1 m2", 0, 100, PETSC_TRUE, PETSC_FALSE, 0};
