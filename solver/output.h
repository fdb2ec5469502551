/* output.h -- the NetCDF-4 result file (MPI build of NetCDF, written collectively).
 *
 * Owns: the file layout that postprocess/ and users rely on, exactly as docs/output.md states it
 * (CF-1.8): root attributes Conventions, title, fvcell_version, case (the resolved case YAML),
 * one_c_current_density [A m-2], termination_reason and status ("ok", "solver stop: <reason>",
 * "incomplete"); a run in the root group (a plain run) or in groups rate_<i> (a rate list), each
 * with a scalar coordinate rate [1], dimensions time (unlimited, strictly increasing) and x
 * [, y [, z]], the time series time [s], voltage, current_density, capacity, energy, step_index
 * and cycle_index (int32), the fields on (time, [z, y,] x), time-independent fields and interface
 * maps (2D/3D), the per-step table (FvOutputWriteSteps) with step_end_reason as strings; with a
 * rate list a root summary on dimension rate with coordinate rate(rate). Coordinates (time, x, y,
 * z, rate) carry no _FillValue; data variables _FillValue NaN.
 * The file is written as PATH.part, locked, and renamed to PATH by FvOutputDestroy
 * (output_file.h). Records are synced at most once per sync interval and on FvOutputSync.
 * All calls are collective over the communicator given at creation.
 */
#pragma once
#include <petscsys.h>

typedef struct _p_FvOutput *FvOutput;

/* Fields written per time record, in this order. */
enum {
  FV_FIELD_CE = 0,
  FV_FIELD_PHIE,
  FV_FIELD_PHIS,
  FV_FIELD_CSSURF,
  FV_FIELD_CSAVG,
  FV_FIELD_CONTACT, /* area-weighted contact fraction of the particles with the electrolyte */
  FV_FIELD_AREA,    /* active (contacting) specific area sum_f a_f f_c,f [m-1] */
  FV_FIELD_RINT,    /* interphase resistance per contacting area [ohm m2] (module_interphase.c) */
  FV_FIELD_ACTIVE,  /* connected (not isolated) share of the active material's volume [1] */
  FV_NFIELDS
};
/* With several particle families (FvOutputSetFamilies), fields[FV_NFIELDS + f] is family f's
 * contact fraction, written to contact_fraction_family(time, family, x). */
#define FV_MAX_OUT_FAMILIES 8
/* The most heat terms FvOutputBeginThermal writes. */
#define FV_MAX_OUT_HEAT 16

typedef struct {
  PetscReal time, voltage, current_density, capacity, energy;
  PetscInt step_index, cycle_index; /* protocol step (0-based, in the run) and cycle (0-based) */
  PetscBool step_start; /* the state just after a step switch, at the time the previous step
                           ended (the run driver's observers see it; the file keeps its voltage
                           in step_initial_voltage, so that time stays strictly increasing) */
  PetscBool step_end;   /* the last state of a step */
} FvRecord;

/* One protocol step as it ran (the per-step table of a run). */
typedef struct {
  PetscInt cycle, protocol_step;  /* 0-based */
  PetscReal start_time, end_time; /* [s] */
  PetscReal capacity, energy; /* delivered in the step [A h m-2], [W h m-2] (negative on charge) */
  PetscReal initial_voltage;  /* [V] at the start of the step, after the switch to its control */
  PetscInt end;               /* how it ended: an FvStepEnd (run.h) */
  char reason[384];           /* why it ended */
} FvStepInfo;

/* Create path: lock and create path.part (directories are not created; FvOutputFileCheck does
 * that). A path another run is writing fails with FV_ERR_IO (cli.h) after one line on stderr. */
PetscErrorCode FvOutputCreate(MPI_Comm comm, const char *path, FvOutput *out);
/* Wall seconds between syncs of appended records (default 1; 0 syncs every record). */
PetscErrorCode FvOutputSetSyncInterval(FvOutput out, PetscReal seconds);
/* Deflate level 0..9 of the chunked variables of the runs begun afterwards (default 0). */
PetscErrorCode FvOutputSetDeflate(FvOutput out, PetscInt level);
/* Flush the appended records to disk now (the end of a protocol step). */
PetscErrorCode FvOutputSync(FvOutput out);
/* Records of the current run on disk as of the last sync. */
PetscErrorCode FvOutputGetSynced(FvOutput out, PetscInt *nrec);
/* Root attribute status: "ok", "solver stop: <reason>" (set at the end; "incomplete" before). */
PetscErrorCode FvOutputSetStatus(FvOutput out, const char *status);
/* Root attributes; case_yaml may be NULL. */
PetscErrorCode FvOutputSetRunInfo(FvOutput out, const char *version, const char *case_yaml,
                                  PetscReal one_c_current_density);
/* The cell's electrode area [m2] (0: not given). With an area, each run's group also holds
 * the cell-level cell_current [A], cell_capacity [A h] and cell_energy [W h] next to the areal
 * current_density, capacity and energy. */
PetscErrorCode FvOutputSetCellArea(FvOutput out, PetscReal area);
/* The cell grid of the fields and this rank's part of it. Field arrays hold the owned
 * box in natural order, x fastest: index (k - start[2]) count[1] count[0] + (j - start[1]) count[0]
 * + (i - start[0]). */
typedef struct {
  PetscInt dim;                /* 1, 2 or 3: fields are (time, x), (time, y, x), (time, z, y, x) */
  PetscInt n[3];               /* global cells in x, y, z (1 beyond dim) */
  PetscInt start[3], count[3]; /* this rank's owned box */
  const PetscReal *x;          /* centres of the owned cells in x [m] (count[0] values) */
  PetscReal Ly, Lz;            /* in-plane extents [m]; y, z centres are (j + 1/2) Ly / n[1] */
  PetscInt stride;             /* write every stride-th cell in each direction, from index 0 */
} FvOutputGrid;
/* With stride s the written grid has ceil(n[d] / s) cells in direction d, the cells with global
 * index % s == 0; callers still pass full owned boxes, the output picks the kept cells. A rank may
 * own no kept cell (or no cell at all: count 0) and still takes part in every call. The owned boxes
 * must tile the grid; every rank must pass the same dim, n and stride (checked collectively). x
 * need only be given by the ranks owning the row y = z = 0 (they write the x coordinate). */

/* Start a run. group = NULL writes into the root group; otherwise a subgroup of that name. */
PetscErrorCode FvOutputBeginRun(FvOutput out, const char *group, PetscReal c_rate,
                                const FvOutputGrid *grid);
/* Inside a run: a time-independent field on the grid (same layout and stride as the fields), e.g.
 * the microstructure (solid_electrolyte_fraction, particle_radius, ...); vals holds the owned box.
 * units NULL means "1". Any time after FvOutputBeginRun; a name already in the run is an error. */
PetscErrorCode FvOutputWriteStatic(FvOutput out, const char *name, const char *units,
                                   const PetscReal *vals);
/* Inside a run, dim >= 2: a map over the x = 0 interface, (y) or (z, y) (stride applied), e.g. the
 * metal contact fraction. Ranks that own cells with i = 0 (start[0] == 0, count > 0) pass their
 * (count[2] x count[1]) values, y fastest; the others pass NULL (and still call). A 1D run gives
 * PETSC_ERR_ARG_WRONG. */
PetscErrorCode FvOutputWritePlane(FvOutput out, const char *name, const char *units,
                                  const PetscReal *vals);
/* Number of particle families whose contact fractions the next runs write (default 1: none
 * beyond contact_fraction). Call before FvOutputBeginRun. */
PetscErrorCode FvOutputSetFamilies(FvOutput out, PetscInt nfam);
/* Whether the next runs write interface_current_density(time, y) / (time, z, y) [A m-2], the
 * current density through the x = 0 metal face (2D/3D grids; default off). Call before
 * FvOutputBeginRun. With it, FvOutputAppend's fields[] holds one more array after the family
 * fields: on the ranks that own cells with i = 0 their (count[2] x count[1]) face values, y
 * fastest; NULL elsewhere. */
PetscErrorCode FvOutputSetInterfaceSeries(FvOutput out, PetscBool on);
/* Append one time record: scalars (same on every rank) and this rank's box of each field,
 * fields[f][c] for f < FV_NFIELDS (plus the family fields), c < count[0] count[1] count[2]. */
PetscErrorCode FvOutputAppend(FvOutput out, const FvRecord *rec, const PetscReal *const fields[]);
/* The thermal variables of the current run (a thermal model; output_thermal.c; call right after
 * FvOutputBeginRun): temperature(time, [z, y,] x) [K], temperature_mean, temperature_max and
 * ambient_temperature (time) [K], the heat terms heat_names[0..nheat-1] (time) [W m-2 of
 * electrode area] (nheat may be 0) and the heat map volumetric_heat_source(time, [z, y,] x) [W
 * m-3]. */
PetscErrorCode FvOutputBeginThermal(FvOutput out, PetscInt nheat, const char *const heat_names[]);
/* The thermal values of the record FvOutputAppend wrote last: this rank's box of the temperature
 * (as a field of FvOutputAppend), the mean, maximum and ambient temperatures and the nheat heat
 * terms (same on every rank; NULL when nheat is 0). */
PetscErrorCode FvOutputAppendThermal(FvOutput out, const PetscReal *T, PetscReal T_mean,
                                     PetscReal T_max, PetscReal T_ambient, const PetscReal heat[]);
/* The same record's heat map: this rank's box of volumetric_heat_source (time, [z, y,] x) [W m-3],
 * the heat each control volume releases (FvThermalHeatMap), defined by FvOutputBeginThermal. */
PetscErrorCode FvOutputAppendHeatMap(FvOutput out, const PetscReal *q);
/* Inside a run: the per-step table (dimension step) and per-cycle capacities (dimension cycle):
 * step_start_time, step_end_time, step_capacity, step_energy, step_initial_voltage (double),
 * step_cycle, step_protocol_index (int32), step_end_reason (string); cycle_discharge_capacity,
 * cycle_charge_capacity [A h m-2], cycle_coulombic_efficiency [1] and, with the positive
 * electrode's active mass per area am_loading [kg m-2] > 0 (0: unknown), the same per mass of
 * active material, cycle_specific_discharge_capacity and cycle_specific_charge_capacity
 * [mA h g-1]. */
PetscErrorCode FvOutputWriteSteps(FvOutput out, PetscInt nsteps, const FvStepInfo steps[],
                                  PetscInt ncycles, const PetscReal cycle_discharge[],
                                  const PetscReal cycle_charge[], PetscReal am_loading);
/* Finish a run: its status ("ok" or "solver stop: <reason>"; a group attribute of a rate_<i>
 * run), termination reason and wall seconds of the time integration. */
PetscErrorCode FvOutputEndRun(FvOutput out, const char *status, const char *reason,
                              PetscReal solve_time_s);
/* Root-level rate summary (after all runs of a rate list): rate (the coordinate),
 * discharge_capacity, discharge_energy, mean_discharge_voltage [V] (energy / capacity) and
 * specific_power [W m-2] (discharge energy / discharge duration); mean_voltage and power may be
 * NULL. */
PetscErrorCode FvOutputWriteRateSummary(FvOutput out, PetscInt nrates, const PetscReal c_rate[],
                                        const PetscReal capacity[], const PetscReal energy[],
                                        const PetscReal mean_voltage[], const PetscReal power[]);
/* Root attribute termination_reason (for a rate list: a summary line). */
PetscErrorCode FvOutputSetTermination(FvOutput out, const char *reason);
PetscErrorCode FvOutputDestroy(FvOutput *out);
