/* problem.h -- the discrete P2D problem: model + mesh + operating mode, and its residual.
 *
 * Owns: assembly of the DAE residual F(t, y, y') = 0 over the DMDA (design.md §4), the
 * differential/algebraic id vector, the initial state and guess for the algebraic unknowns,
 * and the derived outputs (cell voltage, working-ion inventory, output fields).
 */
#pragma once
#include "p2d.h"
#include "cell1d.h"
#include "output.h"

typedef enum { FV_MODE_CURRENT = 0, FV_MODE_VOLTAGE, FV_MODE_POWER } FvMode;

typedef struct {
  FvModel model;
  FvMesh1D mesh;
  FvMode mode;
  PetscReal set_point;    /* A m-2, V or W m-2 by mode; current positive on discharge */
  Vec Yloc;               /* ghosted work vector */
  PetscReal *N, *ie, *is; /* face fluxes of the owned cells' faces (xm + 1) */
  void *es;               /* electrolyte states on the ghosted range */
  PetscInt nres;          /* residual evaluations */
} FvProblem;

PetscErrorCode FvProblemCreate(MPI_Comm comm, const FvCase *c, FvProblem *p);
PetscErrorCode FvProblemDestroy(FvProblem *p);
/* Residual; *bad is set when the state is outside the physical domain. */
PetscErrorCode FvProblemResidual(FvProblem *p, PetscReal t, Vec Y, Vec Yp, Vec F, PetscBool *bad);
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
/* Working-ion inventory [mol m-2]: in the electrolyte and in the particles (every rank). */
PetscErrorCode FvProblemInventory(FvProblem *p, Vec Y, PetscReal *n_electrolyte,
                                  PetscReal *n_solid);
/* This rank's output fields (FV_NFIELDS arrays of xm values, NaN where a phase is absent). */
PetscErrorCode FvProblemFields(FvProblem *p, Vec Y, PetscReal *fields[]);
