/* linear_comb.h -- the positive collector's comb eliminated from the condensed operator.
 *
 * Owns: the exact elimination of the collector unknowns of docs/model.md §13 from the condensed
 * field operator S of linear_condensed.h. The comb ties the collector potentials of the last x
 * column to each other along a tree and sums the collector currents I_q down the same tree into
 * the cell current. Solved for I_q, it says that every collector cell sits at one potential Phi:
 *   I_q = (Phi + rho_q - a_q phi_s,q) / b_q,
 * with rho_q the comb residuals summed from q to the root. Put into the phi_s rows, the collector
 * becomes a boundary condition at one unknown potential (what multigrid can see), and the
 * operating-mode row becomes one bordered equation for Phi:
 *   [A u; v^T d] [y; Phi] = [r'; R],
 * solved by the Schur complement of the scalar d with z = A^-1 u computed once a Jacobian
 * (docs/p3d-solvers.md, "The collector"). What the elimination reads from S is checked against
 * that form on every set-up; a model whose comb rows differ (a metal positive electrode, whose
 * collector potential does not depend on I_q) reports it and the caller keeps its layer solve.
 */
#pragma once
#include <petscksp.h>
#include "dmda_cell.h"

typedef struct _p_FvComb *FvComb;

/* For S on mesh's cells, nf field unknowns a cell (c, phi_e, phi_s, I); mesh must outlive comb. */
PetscErrorCode FvCombCreate(MPI_Comm comm, const FvMesh *mesh, PetscInt nf, FvComb *comb);
/* Reads S's comb rows and builds A (S with the comb's unknowns decoupled as identities and the
 * collector's boundary term on phi_s), the border and the scalar row. *ok (the same on every
 * rank) is false when S's comb rows are not of the eliminable form; nothing else is valid then. */
PetscErrorCode FvCombSetUp(FvComb comb, Mat S, PetscBool *ok);
/* A, for the caller's solver of the comb-free system (borrowed). */
PetscErrorCode FvCombGetOperator(FvComb comb, Mat *A);
/* After FvCombSetUp and the set-up of ksp on A: z = A^-1 u with ksp, and the Schur scalar. */
PetscErrorCode FvCombSetUpBorder(FvComb comb, KSP ksp);
/* x ~= S^-1 r, with one application of pc (an approximate inverse of A) for the field part. */
PetscErrorCode FvCombApply(FvComb comb, PC pc, Vec r, Vec x);
PetscErrorCode FvCombDestroy(FvComb *comb);
