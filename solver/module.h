/* module.h -- the physics-module interface of the discrete problem (docs/modules.md).
 *
 * Owns: what a physics module is (FvModule: a table of hooks), the per-cell unknown layout and
 * matrix pattern modules declare (FvLayout), the face quantities they exchange, the evaluation
 * context of one residual or Jacobian pass (FvEval), the per-cell context (FvCell) and the
 * local Jacobian block (FvBlock), and the registry (FvModules). problem.c and problem_jacobian.c
 * are loops over the registered modules: a module writes its residual rows and, in the same
 * file, their derivatives; it may add to any row of its cell and read any unknown of the cell's
 * stencil. Modules live in solver/ (module_*.c) because they loop over the meshes/ DMDA boxes and
 * fill the output fields of solver/output.h; the pointwise laws they chain stay in models/.
 */
#pragma once
#include "problem.h"

#define FV_MAX_SLOTS 16     /* named slot groups in a layout */
#define FV_MAX_FACE_QTY 8   /* face quantities */
#define FV_MAX_FACE_COLS 16 /* unknowns a face quantity may depend on */

/* Face quantities every problem has (fluxes positive along the axis). A module adds its own with
 * FvLayoutAddFaceQuantity (a heat flux, say). */
enum { FV_FQ_N = 0, FV_FQ_IE, FV_FQ_IS, FV_NFQ_BASE };

/* The per-cell unknown layout and the matrix pattern, declared by the modules at set-up. The
 * P2D unknowns of models/p2d.h (c, phi_e, phi_s, I, the particle families) come first at their
 * fixed indices; a module's new per-cell unknowns are appended (FvLayoutAddSlots). */
struct _p_FvLayout {
  PetscInt dof;   /* unknowns per cell (grows as modules add slots) */
  PetscInt nslot; /* named slot groups */
  char slot_name[FV_MAX_SLOTS][16];
  PetscInt slot_first[FV_MAX_SLOTS], slot_n[FV_MAX_SLOTS];
  PetscInt ncell, nface; /* declared couplings */
  PetscInt *cell, *face; /* (row, col) pairs: within a cell, and row of a cell to col of a face
                            neighbour */
  PetscInt cap_cell, cap_face;
  PetscInt nfc; /* face columns: the unknowns face quantities depend on */
  PetscInt fc_slot[FV_MAX_FACE_COLS];
  PetscInt nq; /* face quantities */
  char q_name[FV_MAX_FACE_QTY][16];
  PetscBool heat;    /* a module consumes the cells' heat term (FvCell.heat) */
  PetscInt heat_row; /* with heat: the row that reads it (the producers declare its couplings in
                        their couple hooks); -1: the consumer declares them itself */
  PetscInt T;        /* the temperature unknown (slot "T"), -1: isothermal at model.T; set
                        after every layout hook ran */
};

/* Declarations a module's layout hook makes. */
/* n new per-cell unknowns named name (appended); *first is the first one's index in the cell. */
PetscErrorCode FvLayoutAddSlots(FvLayout *L, const char *name, PetscInt n, PetscInt *first);
/* Index of the first unknown of the slot group name, or -1 (e.g. "T" when there is no thermal
 * module). The P2D groups are "c", "phi_e", "phi_s", "I" and "family". */
PetscInt FvLayoutFindSlot(const FvLayout *L, const char *name);
/* Row `row` of a cell depends on unknown `col` of the same cell. */
PetscErrorCode FvLayoutCoupleCell(FvLayout *L, PetscInt row, PetscInt col);
/* Row `row` of a cell depends on unknown `col` of its face neighbours (col becomes a face
 * column). */
PetscErrorCode FvLayoutCoupleFace(FvLayout *L, PetscInt row, PetscInt col);
/* Face quantities may depend on unknown `col` of the face's two cells. */
PetscErrorCode FvLayoutFaceColumn(FvLayout *L, PetscInt col);
/* A new face quantity; *q is its index in FvFaceData. */
PetscErrorCode FvLayoutAddFaceQuantity(FvLayout *L, const char *name, PetscInt *q);
/* Face column of unknown `col`, -1 when it is not one. */
PetscInt FvLayoutFaceCol(const FvLayout *L, PetscInt col);

/* One residual or Jacobian pass. */
typedef struct {
  PetscReal t;
  const PetscScalar *yl;  /* ghosted state, dof per ghosted cell (FvMeshGhost) */
  const PetscScalar *ypa; /* y' of the owned cells (FvMeshOwned) */
  PetscBool jac;          /* a Jacobian pass: hooks also fill derivatives */
  PetscReal cj;           /* d y'/d y of IDA's Newton matrix (Jacobian passes) */
  int err;                /* |= 1 when a law is outside its domain (the state is "bad") */
} FvEval;

/* A face: between cells L and R (ghosted indices) along axis dir (0 x, 1 y, 2 z) with half-cell
 * widths hL/2 and hR/2; side = -1 at the lower boundary of the axis (only R exists), +1 at the
 * upper boundary (only L exists), 0 inside. q holds the face quantities; dq (Jacobian passes)
 * their derivatives: dq[(qi * 2 + s) * nfc + fc] = d q_qi / d (face column fc of cell s), s = 0
 * left, 1 right. */
typedef struct FvFaceData_ {
  PetscInt dir, i, j, k; /* (i, j, k): the cell on the face's upper side along dir (R) */
  PetscInt L, R;         /* ghosted indices (-1 where the cell does not exist) */
  PetscReal hL, hR;
  int side;
  PetscReal *q, *dq;
} FvFaceData;

/* An owned cell during a pass. */
typedef struct {
  PetscInt i, j, k;
  PetscInt q, gq;          /* owned and ghosted index */
  const FvRegionModel *r;  /* its region */
  const FvRegionModel *rc; /* the region as this cell sees it (its fields applied) */
  const FvCellProps *cp;
  PetscReal h;           /* x width */
  const PetscScalar *y;  /* the cell's state (ghosted array) */
  const PetscScalar *yp; /* and its derivative */
  /* its faces: x lower/upper, y lower/upper, z lower/upper (NULL beyond the dimension) */
  const FvFaceData *face[6];
  /* exchange between modules inside the cell (zeroed per cell): the heat released [W m-2] and,
   * in Jacobian passes, its derivatives over the block's columns (FvBlock); a thermal module
   * reads them, others add to them */
  PetscReal heat;
  PetscReal *dheat;
} FvCell;

/* The Jacobian block of one owned cell: rows are its dof unknowns, columns its own unknowns
 * (0 .. dof - 1) and the face columns of its six face neighbours (FvBlockNb). */
enum { FV_NB_SELF = 0, FV_NB_XM, FV_NB_XP, FV_NB_YM, FV_NB_YP, FV_NB_ZM, FV_NB_ZP, FV_NB_N };
typedef struct {
  PetscReal *B;
  PetscInt W, dof, nfc;
  const PetscInt *fcol;  /* unknown -> face column, -1 */
  const PetscInt *fslot; /* face column -> unknown */
} FvBlock;
static inline PetscReal *FvBlockAt(const FvBlock *b, PetscInt row, PetscInt col) {
  return &b->B[row * b->W + col];
}
/* Column of unknown v (a face column) of neighbour nb (FV_NB_SELF: the cell's own v). */
static inline PetscInt FvBlockCol(const FvBlock *b, PetscInt nb, PetscInt v) {
  return nb == FV_NB_SELF ? v : b->dof + (nb - 1) * b->nfc + b->fcol[v];
}
static inline PetscReal *FvBlockNb(const FvBlock *b, PetscInt row, PetscInt nb, PetscInt v) {
  return &b->B[row * b->W + FvBlockCol(b, nb, v)];
}
/* The temperature of a cell whose unknowns are y (the model's T without a thermal module). */
static inline PetscReal FvTemperature(const FvProblem *p, const PetscScalar *y) {
  return p->layout->T >= 0 ? y[p->layout->T] : p->model.T;
}

/* Clear a row (a module that replaces another's row in this cell). */
static inline void FvBlockRowClear(const FvBlock *b, PetscInt row) {
  for (PetscInt c = 0; c < b->W; c++)
    b->B[row * b->W + c] = 0;
}

/* Divergence of face quantity qi over the cell per unit of its x-face area: upper minus lower
 * x face, plus h/dy and h/dz times the in-plane differences (docs/numerics.md §1). */
PetscReal FvCellDivergence(const FvProblem *p, const FvCell *c, PetscInt qi);
/* Its derivative added to row `row` of the block times coef. */
void FvCellDivergenceJacobian(const FvProblem *p, const FvCell *c, const FvBlock *b, PetscInt row,
                              PetscInt qi, PetscReal coef);

/* The operating point a guess of the algebraic unknowns starts from (FvProblemGuessAlgebraic). */
typedef struct {
  PetscReal U[FV_NREGIONS]; /* open-circuit potentials of the electrodes' mean states (0: metal) */
  PetscReal V, Icell;       /* cell voltage and current density guessed */
} FvGuess;

/* A physics module. Every hook may be NULL. Hooks run in registry order; a later module may add
 * to or replace (FvBlockRowClear) rows an earlier one wrote. */
struct FvModule_ {
  const char *name;
  /* before the mesh exists: declare slots, couplings and face quantities; *data is the module's
   * own (freed by destroy) */
  PetscErrorCode (*layout)(FvProblem *p, FvLayout *L, void **data);
  /* after every layout hook ran, before the mesh exists (L->T and L->heat_row known; no new
   * slots): couplings to unknowns later modules declared -- the rows that depend on T, and the
   * heat row's dependence on what the module's heat depends on */
  PetscErrorCode (*couple)(FvProblem *p, FvLayout *L, void *data);
  /* after the mesh exists: allocate work over the boxes */
  PetscErrorCode (*setup)(FvProblem *p, void *data);
  PetscErrorCode (*destroy)(FvProblem *p, void *data);
  /* once per pass, before the faces: cell states over the ghosted box */
  PetscErrorCode (*prepare)(FvProblem *p, FvEval *e, void *data);
  /* face quantities (and in Jacobian passes their derivatives) of one face */
  PetscErrorCode (*face)(FvProblem *p, FvEval *e, FvFaceData *f, void *data);
  /* the cell's residual rows f (dof values, zero on entry) */
  PetscErrorCode (*residual)(FvProblem *p, FvEval *e, FvCell *c, PetscScalar *f, void *data);
  /* their derivatives J = dF/dy + cj dF/dy' into the block (zero on entry) */
  PetscErrorCode (*jacobian)(FvProblem *p, FvEval *e, FvCell *c, const FvBlock *b, void *data);
  /* per owned cell: 1 for differential unknowns (v zero on entry), absolute tolerances, the rest
   * state, the guess of algebraic unknowns, the output fields (fields[FV_FIELD_*][c->q]) */
  PetscErrorCode (*set_id)(FvProblem *p, const FvCell *c, PetscScalar *v, void *data);
  PetscErrorCode (*abstol)(FvProblem *p, const FvCell *c, PetscReal rtol, PetscScalar *v,
                           void *data);
  PetscErrorCode (*initial)(FvProblem *p, const FvCell *c, PetscScalar *v, void *data);
  PetscErrorCode (*guess)(FvProblem *p, const FvGuess *gs, const FvCell *c, PetscScalar *v,
                          void *data);
  PetscErrorCode (*fields)(FvProblem *p, const FvCell *c, PetscReal *fields[], void *data);
};

/* The registry: the modules every problem runs, in order (module.c). */
extern const FvModule *const FvModules[];
extern const PetscInt FvNModules;

/* The modules (module_*.c). */
extern const FvModule FvModuleElectrolyte; /* liquid and solid electrolyte: c, phi_e */
extern const FvModule FvModuleSolid;       /* electronic conduction: phi_s */
extern const FvModule FvModuleParticles;   /* particles, Butler-Volmer with film: j_n, c_s */
extern const FvModule FvModuleContact;     /* contact law: f_p */
extern const FvModule FvModuleInterphase;  /* CAM | SE interphase: R_int, q_int */
extern const FvModule FvModuleCollector;   /* collector comb and operating mode: I */
extern const FvModule FvModuleMetal;       /* metal | electrolyte interfaces */
extern const FvModule FvModuleThermal;     /* temperature: lumped or x-resolved (last) */
/* The heat a thermal model consumes in state Y (module_thermal.c; docs/thermal.md §10): per owned
 * cell [W m-3] into q (natural order, FvMeshOwned) and over the cell [W m-2 of electrode] into
 * *total (every rank), from one residual pass; 1D, 2D and 3D. *bad: a law left its domain. */
PetscErrorCode FvThermalHeatMap(FvProblem *p, Vec Y, PetscReal *q, PetscReal *total,
                                PetscBool *bad);

/* The pass skeleton shared by problem.c and problem_jacobian.c: every module's face hook on
 * every face of the owned box (quantities zeroed first), and an owned cell's context. */
PetscErrorCode FvProblemPassFaces(FvProblem *p, FvEval *e);
/* The ghosted state array of a pass (FvEval.yl) from the global vector Y, and its release. */
PetscErrorCode FvProblemStateGet(FvProblem *p, Vec Y, const PetscScalar **yl);
PetscErrorCode FvProblemStateRestore(FvProblem *p, Vec Y, const PetscScalar **yl);
PetscErrorCode FvProblemPassCell(FvProblem *p, FvEval *e, PetscInt i, PetscInt j, PetscInt k,
                                 FvCell *c);

/* Helpers shared by the modules and problem.c. */
/* A cell's context for the owned cell (i, j, k) outside a pass (y from array a of owned cells). */
void FvCellInit(const FvProblem *p, PetscInt i, PetscInt j, PetscInt k, FvCell *c);
/* Potential of the positive collector at a cell of the last x column (module_collector.c). */
PetscReal FvCollectorPotential(const FvProblem *p, const PetscScalar *yc, const FvCellProps *cp);
