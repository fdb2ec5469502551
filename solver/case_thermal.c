/* case_thermal.c -- the `thermal:` section of a case (docs/thermal.md; keys in case_schema.c).
 *
 * Owns: loading FvCase.thermal (the thermal model, the ambient, the cooling, the layers' densities,
 * specific heats and conductivities, the reaction-heat form), the rules between these keys, and
 * writing the resolved section.  An isothermal case (the default) writes nothing, so every case
 * without the section resolves exactly as before.
 */
#include "case_loader.h"
#include "thermal.h"

static const char *const thermal_models[] = {"isothermal", "lumped", "x_resolved", NULL};
static const char *const reaction_heats[] = {"local", "rao_newman", NULL};
static const char *const thermal_faces[]  = {"convective", "fixed", NULL};
static const char *const thermal_edges[]  = {"insulated", "convective", "fixed", NULL};
static const char *const edge_axes[2]     = {"y", "z"};

/* The in-plane face pair of axis a (y or z): <a>_boundary, <a>_heat_transfer_coefficient,
 * <a>_ambient_temperature, and their rules (docs/thermal.md §9). */
static PetscErrorCode LoadEdge(Loader *L, const Sec *s, PetscInt a, FvThermalEdge *ed, Val *vb) {
  char kb[64], kh[64], ka[64];
  Val vh, va;
  int kind = 0;
  PetscFunctionBeginUser;
  PetscCall(PetscSNPrintf(kb, sizeof kb, "%s_boundary", edge_axes[a]));
  PetscCall(PetscSNPrintf(kh, sizeof kh, "%s_heat_transfer_coefficient", edge_axes[a]));
  PetscCall(PetscSNPrintf(ka, sizeof ka, "%s_ambient_temperature", edge_axes[a]));
  PetscCall(CaseGetWord(L, s, kb, thermal_edges,
                        "a boundary of the in-plane faces: insulated, convective or fixed", 0,
                        &kind, vb));
  PetscCall(CaseGetQty(L, s, kh, &Q_HTC, PETSC_FALSE, 0, &vh, &ed->h));
  PetscCall(CaseGetQty(L, s, ka, &Q_TEMP, PETSC_FALSE, 0, &va, &ed->T_amb));
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  ed->kind = (FvThermalEdgeKind)kind;
  if (ed->kind == FV_THERMAL_EDGE_CONVECTIVE && !vh.present)
    CaseFail(L, &vh,
             "expected the heat-transfer coefficient of the %s faces for %s: convective (e.g. "
             "\"%s\")",
             edge_axes[a], kb, Q_HTC.example);
  else if (ed->kind == FV_THERMAL_EDGE_INSULATED && (vh.present || va.present))
    CaseFail(L, vh.present ? &vh : &va,
             "expected %s: convective or fixed with it (the %s faces are insulated by default)", kb,
             edge_axes[a]);
  else if (ed->kind == FV_THERMAL_EDGE_FIXED && vh.present)
    CaseFail(L, &vh, "expected no heat-transfer coefficient with %s: fixed (held at %s)", kb, ka);
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode CaseLoadThermal(Loader *L, const Sec *root) {
  FvCase *c    = L->c;
  FvThermal *t = &c->thermal;
  Sec s;
  Val vm, vh, vhc, vr, vf, vtm, v, vlam[FV_NLAYERS], vedge[2];
  int model = 0, rh = 0, face = 0;
  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(t, sizeof *t));
  PetscCall(PetscMemzero(vlam, sizeof vlam));
  PetscCall(PetscMemzero(vedge, sizeof vedge));
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(CaseGetSection(L, root, "thermal", CaseSchemaKeys(L, FV_SEC_THERMAL), PETSC_FALSE,
                           "a map {model: lumped, heat_transfer_coefficient: \"10 W/m2/K\", ...}",
                           &s));
  PetscCall(CaseGetWord(L, &s, "model", thermal_models,
                        "a thermal model: isothermal, lumped or x_resolved", 0, &model, &vm));
  PetscCall(CaseGetQty(L, &s, "ambient_temperature", &Q_TEMP, PETSC_FALSE, c->T, &v, &t->T_amb));
  PetscCall(CaseGetQty(L, &s, "heat_transfer_coefficient", &Q_HTC, PETSC_FALSE, 0, &vh, &t->h));
  PetscCall(
      CaseGetQty(L, &s, "cooling_area_ratio", &Q_COOLING, PETSC_FALSE, 1, &v, &t->cooling_ratio));
  PetscCall(CaseGetQty(L, &s, "heat_capacity", &Q_AREAL_HEAT_CAPACITY, PETSC_FALSE, 0, &vhc,
                       &t->heat_capacity));
  PetscCall(
      CaseGetQty(L, &s, "specific_heat", &Q_SPECIFIC_HEAT, PETSC_FALSE, 0, &v, &t->specific_heat));
  PetscCall(CaseGetWord(L, &s, "reaction_heat", reaction_heats,
                        "a reaction-heat form: local or rao_newman", 0, &rh, &vr));
  PetscCall(CaseGetWord(L, &s, "boundary", thermal_faces,
                        "a boundary of the collector faces: convective or fixed", 0, &face, &vf));
  PetscCall(CaseGetQty(L, &s, "maximum_temperature", &Q_TEMP, PETSC_FALSE, 0, &vtm, &t->T_max));
  for (PetscInt a = 0; a < 2; a++)
    PetscCall(LoadEdge(L, &s, a, &t->edge[a], &vedge[a]));
  for (PetscInt k = 0; k < FV_NLAYERS && !L->failed; k++) {
    FvThermalLayer *ly = &t->layer[k];
    Sec ls;
    PetscCall(CaseGetSection(L, &s, FvThermalLayerName(k), CaseSchemaKeys(L, FV_SEC_THERMAL_LAYER),
                             PETSC_FALSE,
                             "a map {density: \"1657 kg/m3\", specific_heat: \"700 J/kg/K\", "
                             "conductivity: \"1.7 W/m/K\"}",
                             &ls));
    PetscCall(CaseGetQty(L, &ls, "density", &Q_DENSITY, PETSC_FALSE, 0, &v, &ly->density));
    PetscCall(CaseGetQty(L, &ls, "specific_heat", &Q_SPECIFIC_HEAT, PETSC_FALSE, 0, &v,
                         &ly->specific_heat));
    PetscCall(CaseGetQty(L, &ls, "conductivity", &Q_THERMAL_CONDUCTIVITY, PETSC_FALSE, 0, &vlam[k],
                         &ly->conductivity));
  }
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  t->model         = (FvThermalModel)model;
  t->reaction_heat = (FvReactionHeat)rh;
  t->face          = (FvThermalFace)face;
  if (t->model == FV_THERMAL_ISOTHERMAL) PetscFunctionReturn(PETSC_SUCCESS);

  /* the rules between keys of a thermal model */
  if (!vh.present && !(t->model == FV_THERMAL_X_RESOLVED && t->face == FV_THERMAL_FACE_FIXED)) {
    CaseFail(L, &vh,
             "expected the heat-transfer coefficient of the cooled faces for model %s (e.g. "
             "\"10 W/m2/K\"; 0 for an adiabatic cell)",
             thermal_models[model]);
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  if (vtm.present && !(t->T_max > c->T && t->T_max > t->T_amb)) {
    CaseFail(L, &vtm,
             "expected a safety limit above the initial (%g K) and the ambient (%g K) "
             "temperatures",
             (double)c->T, (double)t->T_amb);
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  for (PetscInt a = 0; a < 2; a++)
    if (t->model == FV_THERMAL_LUMPED && t->edge[a].kind != FV_THERMAL_EDGE_INSULATED) {
      CaseFail(L, &vedge[a],
               "expected insulated %s faces with model lumped (its cooling is "
               "heat_transfer_coefficient x cooling_area_ratio); in-plane faces take x_resolved",
               edge_axes[a]);
      PetscFunctionReturn(PETSC_SUCCESS);
    }
  if (t->model == FV_THERMAL_X_RESOLVED) {
    if (vhc.present) {
      CaseFail(L, &vhc,
               "expected no heat_capacity with model x_resolved: its heat capacity is per layer "
               "(each layer's density and specific_heat)");
      PetscFunctionReturn(PETSC_SUCCESS);
    }
    for (PetscInt k = 0; k < FV_NLAYERS; k++)
      if (!vlam[k].present) {
        CaseFail(L, &vlam[k],
                 "expected the %s layer's thermal conductivity for model x_resolved (e.g. "
                 "\"%s\")",
                 FvThermalLayerName(k), Q_THERMAL_CONDUCTIVITY.example);
        PetscFunctionReturn(PETSC_SUCCESS);
      }
  }
  {
    FvThermalStack ts;
    PetscCall(FvThermalStackCompute(c, &ts));
    if (!(t->heat_capacity > 0) && !ts.known) {
      CaseFail(L, &vhc,
               "expected heat_capacity (m c_p per electrode area, e.g. \"%s\"), or the heat "
               "capacity of every layer: %s is not known",
               Q_AREAL_HEAT_CAPACITY.example, ts.missing);
      PetscFunctionReturn(PETSC_SUCCESS);
    }
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* The resolved section: the model with every value it uses (lumped: the heat capacity; x_resolved:
 * every layer), nothing for an isothermal case. */
PetscErrorCode CaseWriteThermal(Str *b, const FvCase *c) {
  const FvThermal *t = &c->thermal;
  FvThermalStack ts;
  PetscFunctionBeginUser;
  if (t->model == FV_THERMAL_ISOTHERMAL) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(FvThermalStackCompute(c, &ts));
  PetscCall(CaseStrAdd(b, "thermal:\n  model: %s\n", thermal_models[t->model]));
  PetscCall(CaseAddQ(b, 2, "ambient_temperature", t->T_amb, "K"));
  PetscCall(CaseAddQ(b, 2, "heat_transfer_coefficient", t->h, "W/m2/K"));
  PetscCall(CaseStrAdd(b, "  reaction_heat: %s\n", reaction_heats[t->reaction_heat]));
  if (t->T_max > 0) PetscCall(CaseAddQ(b, 2, "maximum_temperature", t->T_max, "K"));
  if (t->model == FV_THERMAL_LUMPED) {
    PetscCall(CaseAddQ(b, 2, "cooling_area_ratio", t->cooling_ratio, "1"));
    PetscCall(CaseAddQ(b, 2, "heat_capacity", ts.heat_capacity, "J/m2/K"));
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  PetscCall(CaseStrAdd(b, "  boundary: %s\n", thermal_faces[t->face]));
  for (PetscInt a = 0; a < 2; a++) { /* insulated (the default) writes nothing */
    const FvThermalEdge *ed = &t->edge[a];
    char k[64];
    if (ed->kind == FV_THERMAL_EDGE_INSULATED) continue;
    PetscCall(CaseStrAdd(b, "  %s_boundary: %s\n", edge_axes[a], thermal_edges[ed->kind]));
    PetscCall(PetscSNPrintf(k, sizeof k, "%s_heat_transfer_coefficient", edge_axes[a]));
    if (ed->kind == FV_THERMAL_EDGE_CONVECTIVE) PetscCall(CaseAddQ(b, 2, k, ed->h, "W/m2/K"));
    PetscCall(PetscSNPrintf(k, sizeof k, "%s_ambient_temperature", edge_axes[a]));
    if (ed->T_amb > 0) PetscCall(CaseAddQ(b, 2, k, ed->T_amb, "K"));
  }
  for (PetscInt k = 0; k < FV_NLAYERS; k++) {
    PetscCall(CaseStrAdd(b, "  %s:\n", FvThermalLayerName(k)));
    PetscCall(CaseAddQ(b, 4, "density", ts.density[k], "kg/m3"));
    PetscCall(CaseAddQ(b, 4, "specific_heat", ts.cp[k], "J/kg/K"));
    PetscCall(CaseAddQ(b, 4, "conductivity", ts.lambda[k], "W/m/K"));
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}
