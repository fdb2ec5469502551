/* output_tables.c -- the tables of a run and of a rate list in the result file (see output.h).
 *
 * Owns: FvOutputWriteSteps (one row per protocol step: times, capacity, energy, the voltage after
 * the switch, cycle and protocol index, why it ended; one row per cycle: capacities, coulombic
 * efficiency, and per mass of active material) and FvOutputWriteRateSummary (one row per C-rate
 * of a rate list in the root group). The file, its runs and records are output.c's.
 */
#include <math.h>
#include "output_impl.h"

PetscErrorCode FvOutputWriteSteps(FvOutput out, PetscInt nsteps, const FvStepInfo steps[],
                                  PetscInt ncycles, const PetscReal cycle_discharge[],
                                  const PetscReal cycle_charge[], PetscReal am_loading) {
  enum { ND = 5, NI = 2, NC = 3 };
  /* per cycle: efficiency, and per mass of active material (A h kg-1 = mA h g-1) */
  static const char *const cname[NC] = {"cycle_coulombic_efficiency",
                                        "cycle_specific_discharge_capacity",
                                        "cycle_specific_charge_capacity"};
  static const char *const cunit[NC] = {"1", "mA h g-1", "mA h g-1"};
  static const char *const clng[NC]  = {
       "discharge over charge capacity of each cycle",
       "discharge capacity of each cycle per mass of positive active material",
       "charge capacity of each cycle per mass of positive active material"};
  int cvar[NC];
  static const char *const name[ND] = {"step_start_time", "step_end_time", "step_capacity",
                                       "step_energy", "step_initial_voltage"};
  static const char *const unit[ND] = {"s", "s", "A h m-2", "W h m-2", "V"};
  static const char *const lng[ND]  = {
       "time the step started", "time the step ended",
       "charge delivered in the step (negative on charge)",
       "energy delivered in the step (negative on charge)",
       "cell voltage at the start of the step, after the switch to its control"};
  static const char *const iname[NI] = {"step_cycle", "step_protocol_index"};
  static const char *const ilng[NI]  = {"cycle of the step (0-based)",
                                        "index of the step in the protocol (0-based)"};
  int ds, dc, var[ND], ivar[NI], vreason, vcd, vcc;
  size_t start[1] = {0}, count[1];
  PetscReal *col;
  int *icol;
  const char **text;
  PetscFunctionBeginUser;
  FvAssertPointer(out, 1);
  PetscCheck(out->inrun, PETSC_COMM_SELF, PETSC_ERR_ORDER,
             "FvOutputWriteSteps on '%s' outside a run", out->path);
  if (nsteps <= 0) PetscFunctionReturn(PETSC_SUCCESS);
  NCCall(out, nc_redef(out->ncid));
  NCCall(out, nc_def_dim(out->gid, "step", (size_t)nsteps, &ds));
  for (int k = 0; k < ND; k++)
    PetscCall(FvOutDefVar(out, out->gid, name[k], 1, &ds, NULL, unit[k], lng[k], &var[k]));
  for (int k = 0; k < NI; k++)
    PetscCall(FvOutDefVarT(out, out->gid, NC_INT, PETSC_FALSE, iname[k], 1, &ds, NULL, "1", ilng[k],
                           &ivar[k]));
  PetscCall(FvOutDefVarT(out, out->gid, NC_STRING, PETSC_FALSE, "step_end_reason", 1, &ds, NULL,
                         NULL, "why the step ended", &vreason));
  if (ncycles > 0) {
    NCCall(out, nc_def_dim(out->gid, "cycle", (size_t)ncycles, &dc));
    PetscCall(FvOutDefVar(out, out->gid, "cycle_discharge_capacity", 1, &dc, NULL, "A h m-2",
                          "charge delivered by the discharge steps of each cycle", &vcd));
    PetscCall(FvOutDefVar(out, out->gid, "cycle_charge_capacity", 1, &dc, NULL, "A h m-2",
                          "charge stored by the charge steps of each cycle", &vcc));
    for (int k = 0; k < (am_loading > 0 ? NC : 1); k++)
      PetscCall(FvOutDefVar(out, out->gid, cname[k], 1, &dc, NULL, cunit[k], clng[k], &cvar[k]));
  }
  {
    int st = nc_enddef(out->ncid);
    if (st != NC_ENOTINDEFINE) NCCall(out, st);
  }
  PetscCall(PetscMalloc3(nsteps, &col, nsteps, &icol, nsteps, &text));
  count[0] = out->rank == 0 ? (size_t)nsteps : 0;
  for (int k = 0; k < ND; k++) {
    for (PetscInt i = 0; i < nsteps; i++) {
      const FvStepInfo *S = &steps[i];
      col[i]              = k == 0   ? S->start_time
                            : k == 1 ? S->end_time
                            : k == 2 ? S->capacity
                            : k == 3 ? S->energy
                                     : S->initial_voltage;
    }
    NCCall(out, nc_var_par_access(out->gid, var[k], NC_COLLECTIVE));
    NCCall(out, nc_put_vara_double(out->gid, var[k], start, count, col));
  }
  for (int k = 0; k < NI; k++) {
    for (PetscInt i = 0; i < nsteps; i++)
      icol[i] = (int)(k == 0 ? steps[i].cycle : steps[i].protocol_step);
    NCCall(out, nc_var_par_access(out->gid, ivar[k], NC_COLLECTIVE));
    NCCall(out, nc_put_vara_int(out->gid, ivar[k], start, count, icol));
  }
  /* the reasons are written when the file is closed (DeferStrings) */
  for (PetscInt i = 0; i < nsteps; i++)
    text[i] = steps[i].reason;
  PetscCall(FvOutDeferStrings(out, "step_end_reason", nsteps, text));
  if (ncycles > 0) {
    count[0] = out->rank == 0 ? (size_t)ncycles : 0;
    NCCall(out, nc_var_par_access(out->gid, vcd, NC_COLLECTIVE));
    NCCall(out, nc_put_vara_double(out->gid, vcd, start, count, cycle_discharge));
    NCCall(out, nc_var_par_access(out->gid, vcc, NC_COLLECTIVE));
    NCCall(out, nc_put_vara_double(out->gid, vcc, start, count, cycle_charge));
    PetscCall(PetscFree3(col, icol, text));
    PetscCall(PetscMalloc3(ncycles, &col, 1, &icol, 1, &text));
    for (int k = 0; k < (am_loading > 0 ? NC : 1); k++) {
      for (PetscInt i = 0; i < ncycles; i++)
        col[i] = k == 0   ? (cycle_charge[i] > 0 ? cycle_discharge[i] / cycle_charge[i] : NAN)
                 : k == 1 ? cycle_discharge[i] / am_loading
                          : cycle_charge[i] / am_loading;
      NCCall(out, nc_var_par_access(out->gid, cvar[k], NC_COLLECTIVE));
      NCCall(out, nc_put_vara_double(out->gid, cvar[k], start, count, col));
    }
  }
  PetscCall(PetscFree3(col, icol, text));
  PetscCall(FvOutSync(out));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvOutputWriteRateSummary(FvOutput out, PetscInt nrates, const PetscReal c_rate[],
                                        const PetscReal capacity[], const PetscReal energy[],
                                        const PetscReal mean_voltage[], const PetscReal power[]) {
  const PetscReal *data[5]         = {c_rate, capacity, energy, mean_voltage, power};
  static const char *const name[5] = {"rate", "discharge_capacity", "discharge_energy",
                                      "mean_discharge_voltage", "specific_power"};
  static const char *const unit[5] = {"1", "A h m-2", "W h m-2", "V", "W m-2"};
  static const char *const lng[5]  = {
       "C-rate (multiple of the 1C current density)", "capacity delivered on discharge",
       "energy delivered on discharge",
       "mean discharge voltage (discharge energy / discharge capacity)",
       "mean discharge power per electrode area (energy / duration)"};
  const int nvar = mean_voltage && power ? 5 : 3;
  int dr, var[5];
  size_t start = 0, count;

  PetscFunctionBeginUser;
  FvAssertPointer(out, 1);
  PetscCheck(!out->inrun, PETSC_COMM_SELF, PETSC_ERR_ORDER,
             "FvOutputWriteRateSummary on '%s' inside a run (call FvOutputEndRun first)",
             out->path);
  PetscCheck(!out->summary, PETSC_COMM_SELF, PETSC_ERR_ORDER,
             "FvOutputWriteRateSummary on '%s' called twice", out->path);
  PetscCheck(nrates > 0, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE,
             "FvOutputWriteRateSummary on '%s': nrates = %" PetscInt_FMT " must be positive",
             out->path, nrates);
  for (int k = 0; k < 3; k++)
    FvAssertPointer(data[k], 3 + k);
  NCCall(out, nc_def_dim(out->ncid, "rate", (size_t)nrates, &dr));
  for (int k = 0; k < nvar; k++) /* rate(rate) is the coordinate variable: no fill */
    PetscCall(FvOutDefVarT(out, out->ncid, NC_DOUBLE, (PetscBool)(k == 0), name[k], 1, &dr, NULL,
                           unit[k], lng[k], &var[k]));
  {
    int st = nc_enddef(out->ncid);
    if (st != NC_ENOTINDEFINE) NCCall(out, st);
  }
  count = out->rank == 0 ? (size_t)nrates : 0;
  for (int k = 0; k < nvar; k++) {
    NCCall(out, nc_var_par_access(out->ncid, var[k], NC_COLLECTIVE));
    NCCall(out, nc_put_vara_double(out->ncid, var[k], &start, &count, data[k]));
  }
  PetscCall(FvOutSync(out));
  out->summary = PETSC_TRUE;
  PetscFunctionReturn(PETSC_SUCCESS);
}
