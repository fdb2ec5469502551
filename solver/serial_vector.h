/* serial_vector.h -- SUNDIALS serial N_Vectors whose arithmetic is compiled with the project.
 *
 * Owns: making an NVECTOR_SERIAL vector over a caller's array and replacing its operations by the
 * project's own loops (including the fused operations IDA uses for its predictor and corrector),
 * so that every clone IDA makes inherits them. Why: the libsundials of the supported platform
 * (Debian 12, SUNDIALS 6.4.1) is built without optimisation; its serial loops keep every local
 * on the stack and cost 3-5x an optimised loop, and IDA spends its vector time in them.
 */
#pragma once
#include <petscsys.h>
#include <nvector/nvector_serial.h>

/* A serial N_Vector of length n over data (not owned: the caller keeps it alive), with the
 * project's kernels. N_VDestroy frees the vector, not the data. */
PetscErrorCode FvSerialVectorMake(SUNContext sun, PetscInt n, PetscScalar *data, N_Vector *v);
