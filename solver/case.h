/* case.h -- the validated case: everything a run needs, in SI units.
 *
 * Owns: FvCase, its loading from a YAML case file (units converted once with UDUNITS-2,
 * every key validated), command-line overrides (`-positive_thickness "80 um"`), the
 * built-in default case, and printing the resolved case (`fvcell check`).
 * Downstream code (models, meshes, solver) reads FvCase and never sees YAML or units.
 *
 * Region indices: FV_NEG = 0 (x = 0 is the negative current collector), FV_SEP = 1, FV_POS = 2.
 */
#pragma once
#include <petscsys.h>
#include "property.h"

#define FV_MAX_RATES 64
#define FV_MAX_PROTOCOL 64
#define FV_STEP_TEXT 256
#define FV_PATH_LEN 4096

enum { FV_NEG = 0, FV_SEP = 1, FV_POS = 2, FV_NREGIONS = 3 };

typedef struct {
  PetscReal c0;                  /* initial salt concentration [mol m-3] */
  PetscReal zplus, nuplus, numinus; /* cation charge and salt stoichiometry (LiPF6: 1,1,1) */
  FvProperty kappa;              /* conductivity [S m-1], arg = CONC */
  FvProperty D;                  /* salt diffusivity [m2 s-1], arg = CONC */
  FvProperty tplus;              /* cation transference number [-], arg = CONC */
  FvProperty tdf;                /* thermodynamic factor 1 + dlnf/dlnc [-], arg = CONC */
} FvElectrolyte;

typedef struct {
  /* geometry and mesh */
  PetscReal thickness;   /* [m] */
  PetscInt  ncells;      /* control volumes across the region */
  /* electrolyte phase */
  PetscReal porosity;    /* electrolyte volume fraction eps_e (0,1] */
  PetscReal brugg_e;     /* Bruggeman exponent for the electrolyte: X_eff = X eps^b */
  /* electrode-only fields (ignored for the separator) */
  PetscReal eps_am;      /* active material volume fraction */
  PetscReal sigma;       /* solid-phase conductivity [S m-1] */
  PetscReal brugg_s;     /* sigma_eff = sigma (1 - porosity)^brugg_s */
  PetscReal radius;      /* particle radius [m] */
  PetscInt  nshells;     /* radial control volumes in a particle */
  PetscReal shell_grading; /* ratio of successive shell widths towards the surface (1 = equal) */
  PetscReal c_max;       /* [mol m-3] */
  PetscReal sto0;        /* initial stoichiometry c_s/c_max */
  PetscReal n_electrons; /* charge of the inserted ion (1 for Li) */
  FvProperty ocp;        /* open-circuit potential vs the working-ion metal [V], arg = STO */
  FvProperty Ds;         /* solid diffusivity [m2 s-1], arg = STO or CONC */
  /* Butler-Volmer: i0 = n F k0 c_e^alpha_a (c_max - c_s)^alpha_a c_s^alpha_c, k0 may be a
   * table in stoichiometry (Chayambuka); ce_ref rescales c_e as (c_e/ce_ref)^alpha_a when > 0
   * (then k0 carries the c_e units). The units of k0 follow from the concentration exponents
   * (RateUnits in case.c): with alpha = 0.5, m^2.5 mol^-0.5 s^-1 without ce_ref and m s-1 with it. */
  FvProperty k0;
  PetscReal  ce_ref;     /* [mol m-3], 0 = none */
  PetscReal  alpha_a, alpha_c;
  PetscReal  R_film;     /* film resistance [Ohm m2] per particle surface area */
  /* metal electrode (type: metal): a planar interface instead of a porous region (ncells = 0).
   * Butler-Volmer with U = 0 and i0 = i0_metal (c_e/ce_ref)^metal_ce_exponent (ce_ref = 0: constant);
   * alpha_a, alpha_c, R_film and n_electrons above apply to it. */
  PetscBool  metal;
  PetscReal  i0_metal;       /* exchange current density [A m-2] */
  PetscReal  metal_capacity; /* inventory [C m-2] (areal capacity of the foil) */
  PetscReal  metal_ce_exponent; /* i0 = i0_metal (c_e/ce_ref)^exponent (default alpha_a) */
} FvRegion;

typedef struct {
  char name[FV_NAME_LEN];   /* case name: output file out/<name>.nc */
  char path[FV_PATH_LEN];   /* file it came from, "" for the built-in default */
  /* constants the case uses (DUALFOIL: F = 96487, R = 8.314) */
  PetscReal F, R, T;
  FvElectrolyte electrolyte;
  FvRegion region[FV_NREGIONS];
  /* operating conditions */
  PetscReal one_c;          /* 1C current density [A m-2] */
  PetscReal v_min, v_max;   /* voltage cut-offs [V] */
  PetscInt  nrates;         /* 0: one discharge at rates[0] = 1 */
  PetscReal rates[FV_MAX_RATES]; /* C-rates */
  PetscReal r_contact;      /* series contact resistance [Ohm m2] */
  PetscReal t_max;          /* upper bound on a step's duration [s] (0 = from the rate) */
  /* protocol: PyBaMM-style step strings (solver/protocol.h), validated on load; empty = one
   * constant-current discharge at each rate to the lower cut-off */
  PetscInt  nprotocol;
  char      protocol[FV_MAX_PROTOCOL][FV_STEP_TEXT];
  PetscInt  cycles;         /* repetitions of the whole protocol (>= 1) */
  char     *yaml_text;      /* the resolved case as YAML (owned; stored in the output) */
} FvCase;

/* Load and validate CASE file; on any error prints "file:line: key: value: expected ..."
 * (rank 0) and returns PETSC_ERR_USER.  Applies command-line overrides from the PETSc
 * options database (prefix-free: -positive_thickness "80 um", -rates 0.5,1,2). */
PetscErrorCode FvCaseLoad(MPI_Comm comm, const char *path, FvCase *c);
/* The built-in default case (the DUALFOIL reference cell with its rate list). */
PetscErrorCode FvCaseLoadDefault(MPI_Comm comm, FvCase *c);
/* Print the resolved case in SI (rank 0). */
PetscErrorCode FvCaseView(MPI_Comm comm, const FvCase *c);
PetscErrorCode FvCaseDestroy(FvCase *c);
