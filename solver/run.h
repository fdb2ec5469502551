/* run.h -- running a case: its protocol (or a constant-current discharge) once per C-rate.
 *
 * Owns: the execution of protocol steps ("operating mode as an equation": each
 * step sets the mode equation of the cell current -- current, voltage or power -- and the
 * integrator is re-initialised consistently at every switch), step end conditions (voltage and
 * current by IDA root finding, time by the stop time, capacity by interpolation inside the
 * step), cycles, delivered capacity and energy, the per-step table, the rate loop into one
 * NetCDF file, and the progress line. Nothing here parses files; step strings are parsed by
 * solver/protocol.c.
 */
#pragma once
#include "case.h"
#include "problem.h"
#include "output.h"
#include "protocol.h"

/* How a protocol step ended (beside its reason in words). */
typedef enum {
  FV_STEP_END_NONE = 0,          /* still running */
  FV_STEP_END_VOLTAGE,           /* a voltage limit: the step's own or the case's cut-off */
  FV_STEP_END_CURRENT,           /* |I| fell to the step's limit */
  FV_STEP_END_DURATION,          /* the step's duration */
  FV_STEP_END_TIME_LIMIT,        /* the time bound of a step without a time end */
  FV_STEP_END_CAPACITY,          /* the step's capacity */
  FV_STEP_END_METAL_EXHAUSTED,   /* a metal electrode ran out: the run stops */
  FV_STEP_END_DEPLETED,          /* the electrolyte's salt ran out somewhere: the step ends, the
                                    protocol goes on (the cell cannot carry the current further) */
  FV_STEP_END_TEMPERATURE,       /* the step's own temperature end ("until 60 degC") */
  FV_STEP_END_TEMPERATURE_LIMIT, /* the safety limit thermal.maximum_temperature: the run stops */
  FV_STEP_END_NO_PATH,           /* no particle of an electrode has contact left: the step ends, the
                                    protocol goes on (a re-press may reconnect) */
  FV_STEP_END_STOP /* the integrator stopped (a failed solve, or a stop it named): the run stops */
} FvStepEnd;

typedef struct {
  PetscReal c_rate;
  PetscReal capacity;                           /* net charge delivered over the run [A h m-2] */
  PetscReal energy;                             /* net energy delivered over the run [W h m-2] */
  PetscReal dis_capacity, dis_energy, dis_time; /* discharge steps of the first cycle */
  PetscReal t_end;                              /* [s] */
  PetscReal v_end;                              /* [V] */
  PetscReal solve_time;                         /* wall seconds of the time integration alone */
  PetscInt nsteps, nres, njac, nlin; /* integrator counters (summed over protocol steps) */
  PetscBool ok;     /* every step ended on one of its own conditions or a cut-off */
  FvStepEnd end;    /* how the last step ended */
  char reason[384]; /* why the run ended (the last step's reason) */
  /* the per-step table and per-cycle capacities (owned; FvRunResultReset frees them) */
  PetscInt nstep_info, ncycles;
  FvStepInfo *step_info;
  PetscReal *cycle_discharge, *cycle_charge; /* [A h m-2] */
} FvRunResult;

/* Called with each recorded state: the initial one, every internal step (or every output
 * interval), the start and end of each protocol step. */
typedef PetscErrorCode (*FvObserver)(FvProblem *p, Vec Y, const FvRecord *rec, void *ctx);

/* Run protocol steps (already parsed, SI) ncycles times from the case's initial state. */
PetscErrorCode FvRunSteps(MPI_Comm comm, const FvCase *c, PetscReal c_rate,
                          const FvProtocolStep *steps, PetscInt nsteps, PetscInt ncycles,
                          FvObserver observe, void *ctx, FvRunResult *res);
/* One constant-current discharge at c_rate x 1C to the lower cut-off. observe may be NULL. */
PetscErrorCode FvRunDischarge(MPI_Comm comm, const FvCase *c, PetscReal c_rate, FvObserver observe,
                              void *ctx, FvRunResult *res);
/* Free what a result owns. */
PetscErrorCode FvRunResultReset(FvRunResult *res);
/* Largest number of records -fvcell_output_interval may ask for in one run (by default). */
#define FV_MAX_INTERVAL_RECORDS 1000000
/* Run every rate of the case (its protocol, or a discharge to the lower cut-off) and write
 * outpath (collective). A protocol without {rate} runs once, whatever the rate list. Before the
 * first run: the options are read, the first run's problem and integrator created once, every
 * command-line option checked (an unknown one: PETSC_ERR_USER after one line), -help answered
 * (nothing is run or written), the record bound and outpath checked (output_file.h: FV_ERR_IO or
 * PETSC_ERR_USER after one line). *stopped: some run ended before its protocol did (its solve
 * failed or it stopped on a named condition; the file says "solver stop: <reason>"). results may
 * be NULL, else holds at least max(1, c->nrates) entries (the caller resets them). */
PetscErrorCode FvRunCase(MPI_Comm comm, const FvCase *c, const char *outpath, FvRunResult *results,
                         PetscBool *stopped);
/* For commands that run no protocol (`fvcell check`): read the run options, create the problem
 * and integrator of a 1C discharge once, and check that every command-line option was used. */
PetscErrorCode FvRunCheckSetup(MPI_Comm comm, const FvCase *c);
