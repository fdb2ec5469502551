/* cell_params.h -- the cell's parameters as the models and meshes see them: everything a run
 * needs, validated and in SI units.
 *
 * Owns: FvCase and its parts (regions, electrolytes, contact mechanics, field and mesh specs, the
 * stack unit, sweep dimensions).  Plain data: solver/case.h loads it from a case file (units,
 * defaults, checks); models/ and meshes/ read it and never see YAML, units or the loader.
 *
 * Region indices: FV_NEG = 0 (x = 0 is the negative current collector), FV_SEP = 1, FV_POS = 2.
 */
#pragma once
#include <petscsys.h>
#include "property.h"
#include "interphase.h"

#define FV_MAX_RATES 64
#define FV_MAX_PROTOCOL 64
#define FV_STEP_TEXT 256
#define FV_PATH_LEN 4096

enum { FV_NEG = 0, FV_SEP = 1, FV_POS = 2, FV_NREGIONS = 3 };

typedef struct {
  PetscReal c0;                     /* initial salt concentration [mol m-3] */
  PetscReal zplus, nuplus, numinus; /* cation charge and salt stoichiometry (LiPF6: 1,1,1) */
  FvProperty kappa;                 /* conductivity [S m-1], arg = CONC */
  FvProperty D;                     /* salt diffusivity [m2 s-1], arg = CONC */
  FvProperty tplus;                 /* cation transference number [-], arg = CONC */
  FvProperty tdf;                   /* thermodynamic factor 1 + dlnf/dlnc [-], arg = CONC */
} FvElectrolyte;

/* A solid electrolyte in a region: a single-ion conductor, t+ = 1, only phi_e.
 * Its effective conductivity in the region follows one of three laws of its volume fraction. */
typedef enum { FV_SIGMA_PERCOLATION = 0, FV_SIGMA_BRUGGEMAN, FV_SIGMA_MEASURED } FvSigmaLaw;
typedef struct {
  PetscBool present;          /* the region's electrolyte is this solid (else the case's liquid) */
  char material[FV_NAME_LEN]; /* library name or path, "" when given inline */
  FvProperty sigma;  /* bulk ionic conductivity [S m-1] (constant with Arrhenius), arg NONE */
  PetscReal c_ion;   /* mobile-ion concentration [mol m-3]: the fixed c in i0 */
  PetscReal zplus;   /* charge of the mobile ion (1 for Li+) */
  PetscReal density; /* [kg m-3] (0 = not given) */
  PetscReal E, nu;   /* Young's modulus [Pa] and Poisson ratio (0 = not given) */
  FvSigmaLaw law;
  PetscReal threshold, exponent; /* percolation: sigma ((eps - eps_c)/(1 - eps_c))^mu;
                                    bruggeman: sigma eps^exponent */
  PetscReal sigma_measured;      /* law measured: the effective conductivity itself [S m-1] */
} FvSolidElectrolyte;

/* Contact-loss mechanics of an electrode's particles with the solid electrolyte (models/contact.h).
 * enabled = the case has a contact: section. */
#define FV_MAX_FAMILIES 8
typedef struct {
  PetscBool enabled;
  PetscReal e_c;         /* strain scale of reversible opening h(g) = exp(-g/e_c) */
  PetscReal k_irr;       /* fraction of f_p lost per e_c of gap opening */
  PetscReal f_iso;       /* isolation threshold of the contact fraction */
  PetscReal iso_width;   /* smoothing width of the isolation switch */
  PetscReal gap_width;   /* smoothing width of max(0, .) in the gap [strain] */
  PetscReal sto_fab;     /* stoichiometry at fabrication (reference of the strain) */
  FvProperty dvv;        /* volume change dV/V(sto) of the active material, arg STO */
  PetscReal E_am, nu_am; /* Young's modulus [Pa] and Poisson ratio of the active material */
  PetscReal phi_rec;     /* recoverable share of each contact loss (0: all permanent) */
  PetscReal p_rec;       /* pressure scale of recovery [Pa] */
  /* size-dependent isolation x(R) = x_max (1 - exp(-(R/R_c)^m)) (models/contact.h) */
  PetscReal iso_xmax, iso_radius, iso_exponent;
} FvContact;

/* A spatial field of a cell property or an interface map (sampled by meshes/field.h).
 * Values are in SI units of the quantity (a volume or area fraction is a pure number). */
typedef enum {
  FV_FIELDSPEC_NONE = 0,    /* not given: the region's uniform value */
  FV_FIELDSPEC_UNIFORM,     /* value */
  FV_FIELDSPEC_GAUSSIAN,    /* mean, std, corr_length, seed, nmodes; clipped to [min, max] */
  FV_FIELDSPEC_VOXEL,       /* file, variable, phase: a NetCDF voxel image spanning the region */
  FV_FIELDSPEC_PATCHES,     /* interface maps: value inside the patches, background elsewhere */
  FV_FIELDSPEC_RANDOM_VOIDS /* interface maps: 0 on a thresholded Gaussian field covering
                               void_fraction of the area (corr_length, seed), background elsewhere
                             */
} FvFieldKind;
#define FV_MAX_PATCHES 16
typedef struct {
  FvFieldKind kind;
  PetscReal value;            /* uniform; patches: the value inside the patches */
  PetscReal mean, std;        /* gaussian */
  PetscReal corr_length;      /* gaussian, random_voids: correlation length [m] */
  PetscReal min, max;         /* gaussian: clip range (defaults: a fraction 0, 1; a radius or a
                                 conductivity 0, PETSC_MAX_REAL) */
  PetscInt seed;              /* gaussian, random_voids (default 1) */
  PetscInt nmodes;            /* gaussian, random_voids: Fourier modes (default 256) */
  char file[FV_PATH_LEN];     /* voxel: NetCDF file, absolute (given relative to the case file) */
  char variable[FV_NAME_LEN]; /* voxel: variable name */
  PetscInt phase;             /* voxel: >= 0: the variable holds integer phase labels and the
                                 field is the fraction of voxels with this label; -1: the
                                 variable holds the quantity itself */
  PetscReal background;       /* patches, random_voids: value outside (default 1) */
  PetscInt npatches;
  PetscReal patch[FV_MAX_PATCHES][4]; /* patches: rectangles y0, y1, z0, z1 [m] */
  PetscReal void_fraction;            /* random_voids: target area fraction of voids (0, 1) */
} FvFieldSpec;

/* Per-cell fields of a region (`fields:` section of a region). */
enum {
  FV_PF_EPS = 0, /* the electrolyte phase's volume fraction: `solid_electrolyte_fraction` in a
                    region with a solid electrolyte, `porosity` otherwise; in an electrode the
                    active material takes up the difference to the region's value */
  FV_PF_RADIUS,  /* `particle_radius` [m] (electrodes; with families every radius scales by
                    field/radius of family 0) */
  FV_PF_SIGMA_S, /* `electronic_conductivity` [S m-1]: the bulk sigma before the Bruggeman factor */
  FV_NPFIELDS
};

/* The cell domain (`mesh:` section). Layers stack along x; y, z are in-plane. */
typedef struct {
  PetscInt dim;           /* 1 (default), 2 or 3 */
  PetscReal Ly, Lz;       /* in-plane extents [m] (1 m when the direction is absent) */
  PetscInt ny, nz;        /* in-plane cells (1 when the direction is absent) */
  PetscReal x_grading;    /* ratio of neighbouring cell widths in x, cells finer towards each
                             region boundary (1 = uniform, the default) */
  PetscInt output_stride; /* output every n-th cell in each direction (default 1) */
} FvMeshSpec;

/* Radial discretisation of the particles: nshells unknowns per particle either way. The zero value
 * is finite volumes (a region set up by hand); the case loader's default is spectral. */
typedef enum { FV_PARTICLE_FINITE_VOLUME = 0, FV_PARTICLE_SPECTRAL } FvParticleDisc;
#define FV_PARTICLE_SPECTRAL_MAX_UNKNOWNS 64

typedef struct {
  /* geometry and mesh */
  PetscReal thickness; /* [m] */
  PetscInt ncells;     /* control volumes across the region */
  /* electrolyte phase */
  PetscReal porosity; /* electrolyte volume fraction eps_e (0,1] */
  PetscReal brugg_e;  /* Bruggeman exponent for the electrolyte: X_eff = X eps^b */
  /* electrode-only fields (ignored for the separator) */
  PetscReal eps_am;         /* active material volume fraction */
  PetscReal sigma;          /* solid-phase conductivity [S m-1] */
  PetscReal brugg_s;        /* sigma_eff = sigma (1 - porosity)^brugg_s */
  PetscBool el_percolation; /* electronic network by the percolation law instead (percolation.h):
                               sigma ((phi_s - el_threshold)/(1 - el_threshold))^el_exponent */
  PetscReal el_threshold, el_exponent;
  PetscReal radius;        /* particle radius [m] */
  PetscInt nshells;        /* radial control volumes in a particle */
  PetscReal shell_grading; /* ratio of successive shell widths towards the surface (1 = equal) */
  FvParticleDisc particle_disc; /* radial scheme of the particles (models/particle.c) */
  PetscReal c_max;              /* [mol m-3] */
  PetscReal sto0;               /* initial stoichiometry c_s/c_max */
  PetscReal n_electrons;        /* charge of the inserted ion (1 for Li) */
  FvProperty ocp;               /* open-circuit potential vs the working-ion metal [V], arg = STO */
  FvProperty dUdT; /* entropic coefficient dU/dT [V K-1], arg = STO (unset: 0; docs/thermal.md) */
  FvProperty Ds;   /* solid diffusivity [m2 s-1], arg = STO or CONC */
  /* Butler-Volmer: i0 = n F k0 c_e^alpha_a (c_max - c_s)^alpha_a c_s^alpha_c, k0 may be a
   * table in stoichiometry (Chayambuka); ce_ref rescales c_e as (c_e/ce_ref)^alpha_a when > 0
   * (then k0 carries the c_e units). The units of k0 follow from the concentration exponents
   * (RateUnits in case.c): with alpha = 0.5, m^2.5 mol^-0.5 s^-1 without ce_ref and m s-1 with it.
   */
  FvProperty k0;
  PetscReal ce_ref; /* [mol m-3], 0 = none */
  PetscReal alpha_a, alpha_c;
  PetscReal R_film;      /* film resistance [Ohm m2] per particle surface area */
  PetscReal R_film_Ea;   /* its activation energy [J mol-1] (0: none); R_film falls as T rises */
  PetscReal R_film_Tref; /* its reference temperature [K]: the kinetics' reference_temperature */
  /* metal electrode (type: metal): a planar interface instead of a porous region (ncells = 0).
   * Butler-Volmer with U = 0 and i0 = i0_metal (c_e/ce_ref)^metal_ce_exponent (ce_ref = 0:
   * constant); alpha_a, alpha_c, R_film and n_electrons above apply to it. */
  PetscBool metal;
  PetscReal i0_metal;          /* exchange current density [A m-2] */
  PetscReal metal_capacity;    /* inventory [C m-2] (areal capacity of the foil) */
  PetscReal metal_ce_exponent; /* i0 = i0_metal (c_e/ce_ref)^exponent (default alpha_a) */
  /* solid electrolyte (separator or composite electrode); porosity above is then the void
   * fraction and eps_se the electrolyte's volume fraction */
  FvSolidElectrolyte se;
  PetscReal eps_se;
  /* composite electrode as a cell maker describes it (data for mass and energy accounting;
   * 0 when not given): volume fractions and densities of the other solids */
  PetscReal eps_carbon, eps_binder;
  PetscReal rho_am, rho_carbon, rho_binder; /* [kg m-3] */
  PetscReal sto_window[2]; /* stoichiometry window of the rated capacity (0,0 = not given) */
  PetscReal R_interface;   /* active | SE interface resistance [Ohm m2] per contacting area */
  /* particle families: radius, share of eps_am (sum 1), contact fraction at fabrication f_0.
   * Without particle_families: one family, radius = `radius`, fraction 1, f_0 from contact (or 1)
   */
  PetscInt nfam;
  PetscReal fam_radius[FV_MAX_FAMILIES], fam_fraction[FV_MAX_FAMILIES], fam_f0[FV_MAX_FAMILIES];
  FvContact contact;
  FvInterphaseLaw interphase; /* interphase: section (enabled = given; models/interphase.h) */
  /* energy accounting of a metal electrode (solver/energy.h): density [kg m-3] (0 = not
   * given), volumetric capacity [C m-3] (0 = not given) and the excess over the positive
   * electrode's rated capacity when the inventory is given as `excess` (-1 = not given) */
  PetscReal metal_density, metal_volcap, metal_excess;
  /* per-cell fields (kind NONE = uniform region value) and, for a metal electrode, the
   * map of its contact fraction with the electrolyte over the interface (y, z) */
  FvFieldSpec field[FV_NPFIELDS];
  FvFieldSpec contact_map;
} FvRegion;

/* The repeating stack unit of the energy accounting (`cell:` keys; solver/energy.h).
 * Current-collector thicknesses are whole foils; double_coated counts half of each per unit. */
typedef struct {
  PetscReal pos_cc_thickness, pos_cc_density; /* [m], [kg m-3] */
  PetscReal neg_cc_thickness, neg_cc_density;
  PetscBool double_coated;
  PetscReal liquid_density;           /* liquid electrolyte in the pores [kg m-3] */
  PetscReal separator_matrix_density; /* solid matrix of a liquid-filled separator [kg m-3] */
  PetscReal packaging_mass, packaging_volume; /* overhead as fractions of the unit's mass, volume */
} FvStackSpec;

/* The thermal model (`thermal:` section; docs/thermal.md).  isothermal (the default) keeps the
 * case's constant temperature; lumped is one cell temperature, x_resolved a temperature per
 * control volume with conduction through the collectors and the layers. */
typedef enum { FV_THERMAL_ISOTHERMAL = 0, FV_THERMAL_LUMPED, FV_THERMAL_X_RESOLVED } FvThermalModel;
/* The reaction heat's open-circuit potential: at the particle surface (local, Bernardi-type), or
 * at the particle's volume average as DUALFOIL evaluates it (Rao & Newman 1997). */
typedef enum { FV_REACTION_HEAT_LOCAL = 0, FV_REACTION_HEAT_RAO_NEWMAN } FvReactionHeat;
/* The collector faces of the x-resolved model: convective to the ambient, or held at it. */
typedef enum { FV_THERMAL_FACE_CONVECTIVE = 0, FV_THERMAL_FACE_FIXED } FvThermalFace;
/* A pair of in-plane faces of a 2D/3D cell (y = 0 and L_y, or z = 0 and L_z): insulated (the
 * default), convective (h to an ambient) or held at the ambient. */
typedef enum {
  FV_THERMAL_EDGE_INSULATED = 0,
  FV_THERMAL_EDGE_CONVECTIVE,
  FV_THERMAL_EDGE_FIXED
} FvThermalEdgeKind;
typedef struct {
  FvThermalEdgeKind kind;
  PetscReal h;     /* convective: heat-transfer coefficient [W m-2 K-1] */
  PetscReal T_amb; /* the faces' ambient [K] (0: the step's ambient, as at the collectors) */
} FvThermalEdge;
/* The layers of the sandwich, x = 0 to L: negative collector, negative, separator, positive,
 * positive collector. */
enum { FV_LAYER_NEG_CC = 0, FV_LAYER_NEG, FV_LAYER_SEP, FV_LAYER_POS, FV_LAYER_POS_CC, FV_NLAYERS };
typedef struct {
  PetscReal density;       /* the layer's mean density [kg m-3] (0: from the stack accounting) */
  PetscReal specific_heat; /* [J kg-1 K-1] (0: the section's specific_heat) */
  PetscReal conductivity;  /* effective thermal conductivity [W m-1 K-1] (0: not given) */
} FvThermalLayer;
typedef struct {
  FvThermalModel model;
  PetscReal T_amb;         /* ambient temperature [K] */
  PetscReal h;             /* heat-transfer coefficient [W m-2 K-1] */
  PetscReal cooling_ratio; /* cooled area per electrode area (lumped) */
  PetscReal heat_capacity; /* m c_p per electrode area [J m-2 K-1] (0: from the layers) */
  PetscReal specific_heat; /* one c_p for every layer without its own [J kg-1 K-1] (0: none) */
  FvReactionHeat reaction_heat;
  FvThermalFace face;
  FvThermalLayer layer[FV_NLAYERS];
  PetscReal T_max; /* safety limit: a run stops when a control volume reaches it [K] (0: none) */
  FvThermalEdge edge[2]; /* x_resolved in 2D/3D: the y faces and the z faces */
} FvThermal;

/* One swept case key of a `sweep:` section (solver/sweep.h): its dotted key, the unit text of its
 * values ("" = a pure number) and the values, as numbers in that unit and as option strings. */
#define FV_MAX_SWEEP 4
#define FV_MAX_SWEEP_VALUES 64
#define FV_SWEEP_TEXT 64
typedef struct {
  char key[FV_NAME_LEN];
  char unit[FV_SWEEP_TEXT];
  PetscInt n;
  PetscReal value[FV_MAX_SWEEP_VALUES];
  char text[FV_MAX_SWEEP_VALUES][FV_SWEEP_TEXT];
} FvSweepDim;

typedef struct {
  char name[FV_NAME_LEN]; /* case name: output file out/<name>.nc */
  char path[FV_PATH_LEN]; /* file it came from, "" for the built-in default */
  /* constants the case uses (DUALFOIL: F = 96487, R = 8.314) */
  PetscReal F, R, T;
  FvElectrolyte electrolyte;
  FvRegion region[FV_NREGIONS];
  /* operating conditions */
  PetscReal one_c;               /* 1C current density [A m-2] */
  PetscReal v_min, v_max;        /* voltage cut-offs [V] */
  PetscInt nrates;               /* 0: one discharge at rates[0] = 1 */
  PetscReal rates[FV_MAX_RATES]; /* C-rates */
  PetscReal r_contact;           /* series contact resistance [Ohm m2] */
  PetscReal stack_pressure;      /* cell.stack_pressure [Pa] (contact mechanics) */
  PetscReal electrode_area;      /* cell.electrode_area [m2] (0: not given, all per area) */
  PetscReal nominal_capacity;    /* cell.nominal_capacity [C] (0: not given); the electrode area
                                    is then nominal_capacity / (one_c x 1 h) */
  PetscBool liquid;              /* some region uses the liquid `electrolyte:` section */
  PetscReal t_max;               /* upper bound on a step's duration [s] (0 = from the rate) */
  /* protocol: PyBaMM-style step strings (solver/protocol.h), validated on load; empty = one
   * constant-current discharge at each rate to the lower cut-off */
  PetscInt nprotocol;
  char protocol[FV_MAX_PROTOCOL][FV_STEP_TEXT];
  PetscInt cycles;   /* repetitions of the whole protocol (>= 1) */
  char *yaml_text;   /* the resolved case as YAML (owned; stored in the output) */
  FvStackSpec stack; /* energy accounting (cell: keys) */
  PetscInt nsweep;   /* swept keys of the `sweep:` section (0 = none) */
  FvSweepDim sweep[FV_MAX_SWEEP];
  FvMeshSpec mesh;   /* cell domain */
  FvThermal thermal; /* heat and temperature (default isothermal at T) */
} FvCase;
