/* bpx.h -- importing a BPX parameter file (Battery Parameter eXchange, JSON) as an fvcell case.
 *
 * Owns: `fvcell import-bpx CELL.json -o CASE.yaml`: reading a BPX 0.x/1.x file (libjansson),
 * converting every parameter with its units to the case keys, writing the case as commented YAML
 * (each key names the BPX field it comes from) and the functions as CSV tables next to it:
 * BPX tables as given, BPX expression strings in x (solver/expression.h) sampled adaptively until
 * the Steffen interpolant of the table reproduces the expression (docs/bpx.md states the
 * tolerance).  Arrhenius activation energies go to the properties' activation_energy with BPX's
 * reference temperature.  A file with something fvcell cannot represent (blended electrodes, OCP
 * hysteresis, degradation state, an unknown field) is refused with one line naming the file, the
 * field, the value and what was expected; nothing is dropped silently (data fvcell's isothermal
 * model does not use, such as thermal parameters, are kept as comments).
 */
#pragma once
#include <petscsys.h>

/* Defaults of what BPX does not say (docs/bpx.md). */
#define FV_BPX_CELLS_ELECTRODE 20
#define FV_BPX_CELLS_SEPARATOR 10
#define FV_BPX_SHELLS 10

/* Import json_path and write yaml_path (and its CSV tables in the same directory); collective,
 * rank 0 reads and writes.  *ok = PETSC_FALSE on a user error (printed on rank 0 as one line).
 * Options: -bpx_initial_soc S (initial state of charge in [0, 1]; default: the file's State, else
 * 1). */
PetscErrorCode FvBpxImport(MPI_Comm comm, const char *json_path, const char *yaml_path,
                           PetscBool *ok);
