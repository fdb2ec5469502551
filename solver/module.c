/* module.c -- the registry of physics modules and the layout they declare (see module.h).
 *
 * Owns: the module table (the order modules run in), slot and coupling declarations, the face
 * columns and quantities, and the divergence helpers every conservation row uses.
 */
#include <string.h>
#include "module.h"

/* The order matters where modules share rows: the electrolyte and solid rows are written first,
 * the particles add their reaction source to them, the contact law reads the particles' mean
 * state, the interphase adds its side current (and its resistance, which the particles read
 * from its slot "R_int"), the collector rows close the current, the metal interfaces replace the
 * rows of the cells next to a metal electrode, and the thermal module consumes the heat the others
 * release, so it runs last. A new module is one line here (docs/modules.md). */
const FvModule *const FvModules[] = {&FvModuleElectrolyte, &FvModuleSolid,      &FvModuleParticles,
                                     &FvModuleContact,     &FvModuleInterphase, &FvModuleCollector,
                                     &FvModuleMetal,       &FvModuleThermal};
const PetscInt FvNModules         = (PetscInt)(sizeof FvModules / sizeof FvModules[0]);

PetscErrorCode FvLayoutAddSlots(FvLayout *L, const char *name, PetscInt n, PetscInt *first) {
  PetscFunctionBeginUser;
  PetscCheck(L->nslot < FV_MAX_SLOTS, PETSC_COMM_SELF, PETSC_ERR_SUP,
             "layout: more than %d slot groups (FV_MAX_SLOTS)", FV_MAX_SLOTS);
  PetscCheck(FvLayoutFindSlot(L, name) < 0, PETSC_COMM_SELF, PETSC_ERR_ARG_WRONG,
             "layout: slot group \"%s\" declared twice", name);
  PetscCall(PetscStrncpy(L->slot_name[L->nslot], name, sizeof L->slot_name[0]));
  L->slot_first[L->nslot] = L->dof;
  L->slot_n[L->nslot++]   = n;
  if (first) *first = L->dof;
  L->dof += n;
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscInt FvLayoutFindSlot(const FvLayout *L, const char *name) {
  for (PetscInt s = 0; s < L->nslot; s++)
    if (!strcmp(L->slot_name[s], name)) return L->slot_first[s];
  return -1;
}

static PetscErrorCode Append(PetscInt **v, PetscInt *n, PetscInt *cap, PetscInt a, PetscInt b) {
  PetscFunctionBeginUser;
  if (*n == *cap) {
    PetscInt *w;
    *cap = *cap ? 2 * *cap : 256;
    PetscCall(PetscMalloc1(2 * *cap, &w));
    if (*n) PetscCall(PetscArraycpy(w, *v, 2 * *n));
    PetscCall(PetscFree(*v));
    *v = w;
  }
  (*v)[2 * *n]     = a;
  (*v)[2 * *n + 1] = b;
  (*n)++;
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvLayoutCoupleCell(FvLayout *L, PetscInt row, PetscInt col) {
  PetscFunctionBeginUser;
  PetscCall(Append(&L->cell, &L->ncell, &L->cap_cell, row, col));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvLayoutFaceColumn(FvLayout *L, PetscInt col) {
  PetscFunctionBeginUser;
  if (FvLayoutFaceCol(L, col) >= 0) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCheck(L->nfc < FV_MAX_FACE_COLS, PETSC_COMM_SELF, PETSC_ERR_SUP,
             "layout: more than %d face columns (FV_MAX_FACE_COLS)", FV_MAX_FACE_COLS);
  L->fc_slot[L->nfc++] = col;
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvLayoutCoupleFace(FvLayout *L, PetscInt row, PetscInt col) {
  PetscFunctionBeginUser;
  PetscCall(FvLayoutFaceColumn(L, col));
  PetscCall(Append(&L->face, &L->nface, &L->cap_face, row, col));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvLayoutAddFaceQuantity(FvLayout *L, const char *name, PetscInt *q) {
  PetscFunctionBeginUser;
  PetscCheck(L->nq < FV_MAX_FACE_QTY, PETSC_COMM_SELF, PETSC_ERR_SUP,
             "layout: more than %d face quantities (FV_MAX_FACE_QTY)", FV_MAX_FACE_QTY);
  PetscCall(PetscStrncpy(L->q_name[L->nq], name, sizeof L->q_name[0]));
  if (q) *q = L->nq;
  L->nq++;
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscInt FvLayoutFaceCol(const FvLayout *L, PetscInt col) {
  for (PetscInt v = 0; v < L->nfc; v++)
    if (L->fc_slot[v] == col) return v;
  return -1;
}

PetscReal FvCellDivergence(const FvProblem *p, const FvCell *c, PetscInt qi) {
  const FvMesh *g = &p->mesh;
  PetscReal div   = c->face[1]->q[qi] - c->face[0]->q[qi];
  if (g->dim >= 2) div += c->h / g->dy * (c->face[3]->q[qi] - c->face[2]->q[qi]);
  if (g->dim >= 3) div += c->h / g->dz * (c->face[5]->q[qi] - c->face[4]->q[qi]);
  return div;
}

/* Row += coef times the derivatives of quantity qi of face f whose left cell is block neighbour
 * nL and right cell nR. */
static void AddFace(const FvBlock *b, PetscInt row, const FvFaceData *f, PetscInt qi, PetscInt nL,
                    PetscInt nR, PetscReal coef) {
  const PetscReal *dL = f->dq + (qi * 2 + 0) * b->nfc, *dR = f->dq + (qi * 2 + 1) * b->nfc;
  PetscReal *B = b->B + row * b->W;
  for (PetscInt v = 0; v < b->nfc; v++) {
    B[nL == FV_NB_SELF ? b->fslot[v] : b->dof + (nL - 1) * b->nfc + v] += coef * dL[v];
    B[nR == FV_NB_SELF ? b->fslot[v] : b->dof + (nR - 1) * b->nfc + v] += coef * dR[v];
  }
}

void FvCellDivergenceJacobian(const FvProblem *p, const FvCell *c, const FvBlock *b, PetscInt row,
                              PetscInt qi, PetscReal coef) {
  const FvMesh *g = &p->mesh;
  AddFace(b, row, c->face[1], qi, FV_NB_SELF, FV_NB_XP, coef);
  AddFace(b, row, c->face[0], qi, FV_NB_XM, FV_NB_SELF, -coef);
  if (g->dim >= 2) {
    AddFace(b, row, c->face[3], qi, FV_NB_SELF, FV_NB_YP, coef * c->h / g->dy);
    AddFace(b, row, c->face[2], qi, FV_NB_YM, FV_NB_SELF, -coef * c->h / g->dy);
  }
  if (g->dim >= 3) {
    AddFace(b, row, c->face[5], qi, FV_NB_SELF, FV_NB_ZP, coef * c->h / g->dz);
    AddFace(b, row, c->face[4], qi, FV_NB_ZM, FV_NB_SELF, -coef * c->h / g->dz);
  }
}

void FvCellInit(const FvProblem *p, PetscInt i, PetscInt j, PetscInt k, FvCell *c) {
  const FvMesh *g = &p->mesh;
  c->i            = i;
  c->j            = j;
  c->k            = k;
  c->q            = FvMeshOwned(g, i, j, k);
  c->gq           = FvMeshGhost(g, i, j, k);
  c->r            = &p->model.reg[g->region[i]];
  c->cp           = &p->props[c->gq];
  c->h            = g->h[i];
  c->rc           = p->rcell[c->gq];
  c->y            = NULL;
  c->yp           = NULL;
  c->heat         = 0;
  c->dheat        = NULL;
  for (int f = 0; f < 6; f++)
    c->face[f] = NULL;
}
