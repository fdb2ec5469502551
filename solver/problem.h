/* problem.h -- the discrete P2D/P3D problem: model + mesh + fields + operating mode, residual.
 *
 * Owns: assembly of the DAE residual F(t, y, y') = 0 over the DMDA of dimension 1, 2 or 3
 * (one code path for all three) as a loop over the registered physics modules (module.h), the
 * per-cell properties sampled from the case's fields, the differential/algebraic id vector, the
 * initial state and guess for the algebraic unknowns, and the derived outputs (cell voltage,
 * working-ion inventory, fields).
 */
#pragma once
#include "p2d.h"
#include "dmda_cell.h"
#include "output.h"

typedef enum { FV_MODE_CURRENT = 0, FV_MODE_VOLTAGE, FV_MODE_POWER } FvMode;

typedef struct _p_FvLayout FvLayout; /* module.h */
typedef struct FvModule_ FvModule;   /* module.h */
struct FvFaceData_;                  /* module.h */
#define FV_MAX_MODULES 16

typedef struct {
  FvModel model;
  FvMesh mesh;
  FvMode mode;
  PetscReal set_point; /* A m-2, V or W m-2 by mode; current positive on discharge */
  Vec Yloc;            /* ghosted work vector */
  /* the physics modules (module.h) in the order they run, their layout and their data */
  const FvModule *mod[FV_MAX_MODULES];
  PetscInt nmod;
  FvLayout *layout;
  void *mdata[FV_MAX_MODULES];
  /* faces of the owned cells: x faces (xm + 1) ym zm, y faces xm (ym + 1) zm, z faces
   * xm ym (zm + 1), each with its face quantities (nq values) and their derivatives */
  struct FvFaceData_ *faces[3];
  PetscInt nfaces[3];
  PetscReal *fq, *fdq;
  void *es, *ds;        /* electrolyte states and their d/dc on the ghosted box */
  FvCellProps *props;   /* per-cell properties on the ghosted box */
  PetscBool has_fields; /* some region has a field or a contact map */
  /* per cell of the ghosted box, the region as the cell sees it (FvRegionForCell, built once at
   * set-up: the fields do not change during a run); cells of a region without fields share one
   * copy */
  const FvRegionModel **rcell;
  FvRegionModel *rstore; /* the copies and their families */
  PetscReal *rscratch;   /* and their scaled shell geometry */
  PetscInt nres;         /* residual evaluations */
  PetscInt *dfill;       /* the within-cell coupling of the matrix pattern (NULL: dense) */
  PetscInt *ofill;       /* the face-neighbour coupling (NULL: dense) */
  PetscInt *fcol;        /* unknown -> face column (-1: none), see module.h */
  PetscBool face_locals; /* an unknown after the field unknowns (FV_CUR) couples across faces */
  void *jw;              /* work space of FvProblemJacobian (created on first use) */
  PetscReal ambient;     /* the ambient temperature of the running step [K] (thermal models; the
                            run driver sets it per protocol step) */
  const FvCase *kase;    /* the case being built: set in the modules' layout and setup hooks
                            only (NULL otherwise) */
} FvProblem;

/* The root of the comb over the positive collector (module_collector.c): its row holds the mode. */
static inline PetscBool FvMeshIsCombRoot(const FvMesh *g, PetscInt j, PetscInt k) {
  return (PetscBool)(j == g->ny - 1 && k == g->nz - 1);
}

PetscErrorCode FvProblemCreate(MPI_Comm comm, const FvCase *c, FvProblem *p);
/* The same with modules run after the registered ones (module.h; tests and experiments: a
 * module of the program belongs in the registry of module.c). */
PetscErrorCode FvProblemCreateWith(MPI_Comm comm, const FvCase *c, const FvModule *const extra[],
                                   PetscInt nextra, FvProblem *p);
PetscErrorCode FvProblemDestroy(FvProblem *p);
/* Residual; *bad is set when the state is outside the physical domain. */
PetscErrorCode FvProblemResidual(FvProblem *p, PetscReal t, Vec Y, Vec Yp, Vec F, PetscBool *bad);
/* The analytic Jacobian J = dF/dy + cj dF/dy' at (t, Y, Yp), assembled into the matrix of
 * DMCreateMatrix on the problem's DMDA (problem_jacobian.c); *bad as for the residual. */
PetscErrorCode FvProblemJacobian(FvProblem *p, PetscReal t, Vec Y, Vec Yp, PetscReal cj, Mat J,
                                 PetscBool *bad);
PetscErrorCode FvProblemJacobianWorkDestroy(FvProblem *p);
/* 1 for differential unknowns, 0 for algebraic ones. */
PetscErrorCode FvProblemSetId(FvProblem *p, Vec id);
/* Per-unknown absolute tolerance: rtol times the unknown's physical scale. */
PetscErrorCode FvProblemSetAbsTol(FvProblem *p, PetscReal rtol, Vec atol);
/* Rest state of the case (uniform concentrations) with a guess for the algebraic unknowns at
 * the current set point. */
PetscErrorCode FvProblemInitialState(FvProblem *p, Vec Y);
/* Re-guess the algebraic unknowns of state Y for the current set point (after a mode switch). */
PetscErrorCode FvProblemGuessAlgebraic(FvProblem *p, Vec Y);
/* Cell voltage and current density (the same on every rank). */
PetscErrorCode FvProblemVoltage(FvProblem *p, Vec Y, PetscReal *V, PetscReal *Icell);
/* The hottest control volume's temperature [K] (the model's T without a thermal model; every
 * rank). */
PetscErrorCode FvProblemMaxTemperature(FvProblem *p, Vec Y, PetscReal *Tmax);
/* This rank's temperatures in the layout of FvProblemFields [K] (the model's T without a thermal
 * model). */
PetscErrorCode FvProblemTemperatureField(FvProblem *p, Vec Y, PetscReal *T);
/* The mean temperature over the cell's control volumes, weighted by volume [K] (every rank). */
PetscErrorCode FvProblemMeanTemperature(FvProblem *p, Vec Y, PetscReal *Tmean);
/* Working-ion inventory [mol m-2]: in the electrolyte and in the particles (every rank). */
PetscErrorCode FvProblemInventory(FvProblem *p, Vec Y, PetscReal *n_electrolyte,
                                  PetscReal *n_solid);
/* This rank's output fields (FV_NFIELDS arrays over the owned box in natural order, x fastest;
 * NaN where a phase is absent). */
PetscErrorCode FvProblemFields(FvProblem *p, Vec Y, PetscReal *fields[]);
/* The microstructure of the owned box (time independent), in natural order: electrolyte-phase
 * fraction, active-material fraction, particle radius (family 0) [m], electronic and ionic
 * effective conductivities [S m-1] (NaN where absent). */
enum {
  FV_STATIC_EPS = 0,
  FV_STATIC_EPS_AM,
  FV_STATIC_RADIUS,
  FV_STATIC_SIGMA_S,
  FV_STATIC_SIGMA_E,
  FV_NSTATIC
};
PetscErrorCode FvProblemStaticFields(FvProblem *p, PetscReal *fields[]);
/* Contact fraction of the metal negative over the x = 0 face of the owned box, (zm x ym), y
 * fastest; PETSC_FALSE in *has when this rank owns no cell at x = 0 or the negative is porous. */
PetscErrorCode FvProblemInterfaceMap(FvProblem *p, PetscReal *vals, PetscBool *has);
/* The same layout for the current density through the metal negative's face [A m-2] in state Y. */
PetscErrorCode FvProblemInterfaceCurrent(FvProblem *p, Vec Y, PetscReal *vals, PetscBool *has);
