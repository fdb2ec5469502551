/* output_thermal.c -- the thermal variables of a run in the result file (docs/output.md).
 *
 * Owns: the temperature field, the mean and maximum temperatures, the ambient of the running step,
 * the heat terms and the heat map of a run with a thermal model (docs/thermal.md), defined once
 * after the run begins and appended with every record. The names of the heat terms are the caller's
 * (FvHeatTermName of models/heat.h): the file layout does not depend on the physics.
 */
#include "output_impl.h"

PetscErrorCode FvOutputBeginThermal(FvOutput out, PetscInt nheat, const char *const heat_names[]) {
  static const char *const sname[3] = {"temperature_mean", "temperature_max",
                                       "ambient_temperature"};
  static const char *const slong[3] = {"volume-averaged temperature of the cell",
                                       "temperature of the hottest control volume",
                                       "ambient temperature of the protocol step"};
  int dt, dims[4];
  char lname[128];
  PetscFunctionBeginUser;
  FvAssertPointer(out, 1);
  PetscCheck(out->inrun && out->nrec == 0, PETSC_COMM_SELF, PETSC_ERR_ORDER,
             "FvOutputBeginThermal on '%s': expected right after FvOutputBeginRun", out->path);
  PetscCheck(nheat >= 0 && nheat <= FV_MAX_OUT_HEAT, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE,
             "FvOutputBeginThermal on '%s': %" PetscInt_FMT " heat terms, expected 0..%d",
             out->path, nheat, FV_MAX_OUT_HEAT);
  NCCall(out, nc_inq_dimid(out->gid, "time", &dt));
  dims[0] = dt;
  for (PetscInt a = 0; a < out->dim; a++)
    dims[1 + a] = out->dimid[out->dim - 1 - a];
  NCCall(out, nc_redef(out->ncid));
  PetscCall(FvOutDefVar(out, out->gid, "temperature", 1 + (int)out->dim, dims, NULL, "K",
                        "temperature of the control volume", &out->vtemp));
  PetscCall(FvOutDefVar(out, out->gid, "volumetric_heat_source", 1 + (int)out->dim, dims, NULL,
                        "W m-3", "heat released in the control volume (all sources)",
                        &out->vheatmap));
  for (int s = 0; s < 3; s++)
    PetscCall(FvOutDefVar(out, out->gid, sname[s], 1, &dt, NULL, "K", slong[s], &out->vtscal[s]));
  for (PetscInt k = 0; k < nheat; k++) {
    PetscCall(PetscSNPrintf(lname, sizeof lname, "%s released per electrode area", heat_names[k]));
    for (char *c = lname; *c && *c != ' '; c++)
      if (*c == '_') *c = ' ';
    PetscCall(
        FvOutDefVar(out, out->gid, heat_names[k], 1, &dt, NULL, "W m-2", lname, &out->vheat[k]));
  }
  {
    int st = nc_enddef(out->ncid);
    if (st != NC_ENOTINDEFINE) NCCall(out, st);
  }
  NCCall(out, nc_var_par_access(out->gid, out->vtemp, NC_COLLECTIVE));
  NCCall(out, nc_var_par_access(out->gid, out->vheatmap, NC_COLLECTIVE));
  for (int s = 0; s < 3; s++)
    NCCall(out, nc_var_par_access(out->gid, out->vtscal[s], NC_COLLECTIVE));
  for (PetscInt k = 0; k < nheat; k++)
    NCCall(out, nc_var_par_access(out->gid, out->vheat[k], NC_COLLECTIVE));
  out->nheat   = nheat;
  out->thermal = PETSC_TRUE;
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvOutputAppendThermal(FvOutput out, const PetscReal *T, PetscReal T_mean,
                                     PetscReal T_max, PetscReal T_ambient, const PetscReal heat[]) {
  const double s[3] = {T_mean, T_max, T_ambient};
  size_t start[4], count[4];
  const double *buf;
  PetscFunctionBeginUser;
  FvAssertPointer(out, 1);
  PetscCheck(out->thermal && out->nrec > 0, PETSC_COMM_SELF, PETSC_ERR_ORDER,
             "FvOutputAppendThermal on '%s': expected FvOutputBeginThermal and a record",
             out->path);
  /* scalars: rank 0 writes, the others take part with an empty selection */
  start[0] = out->nrec - 1;
  count[0] = out->rank == 0 ? 1 : 0;
  for (int k = 0; k < 3; k++)
    NCCall(out, nc_put_vara_double(out->gid, out->vtscal[k], start, count, &s[k]));
  if (out->nheat > 0) FvAssertPointer(heat, 6);
  for (PetscInt k = 0; k < out->nheat; k++)
    NCCall(out, nc_put_vara_double(out->gid, out->vheat[k], start, count, &heat[k]));
  count[0] = 1;
  FvOutBoxSelection(out, start, count, 1);
  PetscCall(FvOutPickBox(out, out->ncells > 0 ? T : NULL, &buf));
  NCCall(out, nc_put_vara_double(out->gid, out->vtemp, start, count, buf));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvOutputAppendHeatMap(FvOutput out, const PetscReal *q) {
  size_t start[4], count[4];
  const double *buf;
  PetscFunctionBeginUser;
  FvAssertPointer(out, 1);
  PetscCheck(out->thermal && out->nrec > 0, PETSC_COMM_SELF, PETSC_ERR_ORDER,
             "FvOutputAppendHeatMap on '%s': expected FvOutputBeginThermal and a record",
             out->path);
  start[0] = out->nrec - 1;
  count[0] = 1;
  FvOutBoxSelection(out, start, count, 1);
  PetscCall(FvOutPickBox(out, out->ncells > 0 ? q : NULL, &buf));
  NCCall(out, nc_put_vara_double(out->gid, out->vheatmap, start, count, buf));
  PetscFunctionReturn(PETSC_SUCCESS);
}
