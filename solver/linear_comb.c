/* linear_comb.c -- the collector comb eliminated from the condensed operator (see linear_comb.h,
 * docs/model.md §13 for the comb's rows and docs/p3d-solvers.md for why).
 *
 * Unknowns of S (linear_condensed.c): nf a cell, cell-major in the DMDA's global cell order, so
 * field s of global cell n is row n nf + s. The comb lives in the FV_CUR slots of the last two x
 * columns: I_q in column M - 1 (q = j + ny k), the running sums S_q in column M - 2. Its rows, as
 * read from S and checked on every set-up:
 *   eq_q:  a_q phi_s,q + b_q I_q - a_p phi_s,p - b_p I_p = r_q  (q not the root, p its parent)
 *   root:  alpha (a phi_s + b I)_root + beta S_root = r_root    (the operating mode, linearised)
 *   sum_q: S_q - w_q I_q - (S_c summed over the children c) = rs_q
 * and the collector cell's phi_s row holds g_q I_q. With Phi the root's collector potential,
 * Phi_q = Phi + rho_q (rho_q: r summed from q up to the root), so
 *   I_q = (Phi + rho_q - a_q phi_s,q) / b_q,    S_root = sum_q (w_q I_q + rs_q),
 * and the rest follows as in linear_comb.h. Every rank keeps the comb's few per-cell numbers for
 * all ny nz collector cells, so the tree passes need no messages: an application gathers the
 * comb's residuals (one message round) and the collector cells' phi_s of the field solve
 * (another), and computes v^T y from the latter on every rank.
 */
#include "linear_comb.h"
#include "p2d.h"

struct _p_FvComb {
  MPI_Comm comm;
  const FvMesh *mesh;
  PetscInt nf, nq, root;
  PetscBool init;
  PetscInt s0; /* first row of S on this rank */
  /* owned collector cells (column M - 1), in owned-box order: q, rows of phi_s and I, the
   * parent's columns (-1 at the root); the root's running-sum column if the root is owned */
  PetscInt n1, *q1, *phis1, *cur1, *pphis1, *pcur1, rootsum;
  /* owned running-sum cells (column M - 2): q, row of S_q, columns of I_q and of the children */
  PetscInt n2, *q2, *sum2, *ci2, *ch2a, *ch2b;
  PetscMPIInt *cnt1, *dsp1, *cnt2, *dsp2, *cntc, *dspc; /* c: column M - 1's then M - 2's */
  PetscInt *gq1, *gq2;                                  /* q of the gathered entries */
  /* by q: Phi_q = a_q phi_s,q + b_q I_q, w_q; the parent's coefficients in q's row (checked) */
  PetscScalar *a, *b, *w, *pa, *pb;
  PetscScalar *g;      /* owned collector cells: g_q */
  PetscScalar *v, *zp; /* by q: v_q = -beta w_q a_q / b_q, and z's phi_s,q */
  PetscScalar alpha, beta, d, vz;
  PetscScalar *rho, *re, *rs, *ph, *cur, *sq, *sbuf, *gbuf, *l1;
  Mat A;
  Vec u, z, rp, y;
};

static PetscInt Parent(const FvComb cb, PetscInt q) {
  const PetscInt ny = cb->mesh->ny, nz = cb->mesh->nz, j = q % ny, k = q / ny;
  if (j < ny - 1) return q + 1;
  if (k < nz - 1) return q + ny;
  return -1;
}

PetscErrorCode FvCombCreate(MPI_Comm comm, const FvMesh *mesh, PetscInt nf, FvComb *out) {
  FvComb cb;
  PetscFunctionBeginUser;
  PetscCall(PetscNew(&cb));
  cb->comm = comm;
  cb->mesh = mesh;
  cb->nf   = nf;
  cb->nq   = mesh->ny * mesh->nz;
  cb->root = cb->nq - 1;
  *out     = cb;
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* All ranks' values of one per-cell array (owned order, n1 or n2 of them) into byq. */
static PetscErrorCode Gather(FvComb cb, PetscInt which, const PetscScalar *loc, PetscScalar *byq) {
  const PetscInt n = which == 1 ? cb->n1 : cb->n2, *gq = which == 1 ? cb->gq1 : cb->gq2;
  const PetscMPIInt *cnt = which == 1 ? cb->cnt1 : cb->cnt2,
                    *dsp = which == 1 ? cb->dsp1 : cb->dsp2;
  PetscMPIInt nloc;
  PetscFunctionBeginUser;
  PetscCall(PetscMPIIntCast(n, &nloc));
  PetscCallMPI(MPI_Allgatherv(loc, nloc, MPIU_SCALAR, cb->gbuf, cnt, dsp, MPIU_SCALAR, cb->comm));
  for (PetscInt t = 0; t < cb->nq; t++)
    byq[gq[t]] = cb->gbuf[t];
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Both columns' values at once (loc: the n1 of column M - 1, then the n2 of column M - 2). */
static PetscErrorCode GatherBoth(FvComb cb, const PetscScalar *loc, PetscScalar *byq1,
                                 PetscScalar *byq2) {
  PetscMPIInt size, nloc;
  PetscFunctionBeginUser;
  PetscCallMPI(MPI_Comm_size(cb->comm, &size));
  PetscCall(PetscMPIIntCast(cb->n1 + cb->n2, &nloc));
  PetscCallMPI(
      MPI_Allgatherv(loc, nloc, MPIU_SCALAR, cb->gbuf, cb->cntc, cb->dspc, MPIU_SCALAR, cb->comm));
  for (PetscMPIInt r = 0; r < size; r++) {
    for (PetscMPIInt t = 0; t < cb->cnt1[r]; t++)
      byq1[cb->gq1[cb->dsp1[r] + t]] = cb->gbuf[cb->dspc[r] + t];
    for (PetscMPIInt t = 0; t < cb->cnt2[r]; t++)
      byq2[cb->gq2[cb->dsp2[r] + t]] = cb->gbuf[cb->dspc[r] + cb->cnt1[r] + t];
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode GatherLayout(FvComb cb, PetscInt n, const PetscInt *q, PetscMPIInt **cnt,
                                   PetscMPIInt **dsp, PetscInt **gq) {
  PetscMPIInt size, nloc, total = 0;
  PetscFunctionBeginUser;
  PetscCallMPI(MPI_Comm_size(cb->comm, &size));
  PetscCall(PetscMPIIntCast(n, &nloc));
  PetscCall(PetscMalloc2(size, cnt, size, dsp));
  PetscCallMPI(MPI_Allgather(&nloc, 1, MPI_INT, *cnt, 1, MPI_INT, cb->comm));
  for (PetscMPIInt r = 0; r < size; r++)
    (*dsp)[r] = total, total += (*cnt)[r];
  PetscCheck(total == cb->nq, cb->comm, PETSC_ERR_PLIB,
             "collector comb: %d cells of a column across the ranks, expected %" PetscInt_FMT,
             total, cb->nq);
  PetscCall(PetscMalloc1(cb->nq, gq));
  PetscCallMPI(MPI_Allgatherv(q, nloc, MPIU_INT, *gq, *cnt, *dsp, MPIU_INT, cb->comm));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* First set-up: the comb's rows and columns of S on this rank and the gather layout. */
static PetscErrorCode Init(FvComb cb, Mat S) {
  const FvMesh *g  = cb->mesh;
  const PetscInt M = g->M, last = M - 1, sumi = M - 2, nf = cb->nf, ny = g->ny;
  ISLocalToGlobalMapping ltog;
  const PetscInt *gc;
  PetscFunctionBeginUser;
  PetscCall(MatGetOwnershipRange(S, &cb->s0, NULL));
  PetscCall(DMGetLocalToGlobalMapping(g->da, &ltog));
  PetscCall(ISLocalToGlobalMappingGetBlockIndices(ltog, &gc));
#define SIDX(i, j, k, s) (gc[FvMeshGhost(g, i, j, k)] * nf + (s))
  cb->n1      = (g->xs <= last && last < g->xs + g->xm) ? g->ym * g->zm : 0;
  cb->n2      = (g->xs <= sumi && sumi < g->xs + g->xm) ? g->ym * g->zm : 0;
  cb->rootsum = -1;
  PetscCall(PetscMalloc6(cb->n1, &cb->q1, cb->n1, &cb->phis1, cb->n1, &cb->cur1, cb->n1,
                         &cb->pphis1, cb->n1, &cb->pcur1, cb->n1, &cb->g));
  PetscCall(PetscMalloc6(cb->n2, &cb->q2, cb->n2, &cb->sum2, cb->n2, &cb->ci2, cb->n2, &cb->ch2a,
                         cb->n2, &cb->ch2b, cb->nq, &cb->v));
  for (PetscInt k = g->zs, t = 0; k < g->zs + g->zm && cb->n1; k++)
    for (PetscInt j = g->ys; j < g->ys + g->ym; j++, t++) {
      const PetscInt q = j + ny * k, p = Parent(cb, q);
      cb->q1[t]     = q;
      cb->phis1[t]  = SIDX(last, j, k, FV_PHIS);
      cb->cur1[t]   = SIDX(last, j, k, FV_CUR);
      cb->pphis1[t] = cb->pcur1[t] = -1;
      if (p >= 0) {
        cb->pphis1[t] = SIDX(last, p % ny, p / ny, FV_PHIS);
        cb->pcur1[t]  = SIDX(last, p % ny, p / ny, FV_CUR);
      } else
        cb->rootsum = SIDX(sumi, j, k, FV_CUR);
    }
  for (PetscInt k = g->zs, t = 0; k < g->zs + g->zm && cb->n2; k++)
    for (PetscInt j = g->ys; j < g->ys + g->ym; j++, t++) {
      cb->q2[t]   = j + ny * k;
      cb->sum2[t] = SIDX(sumi, j, k, FV_CUR);
      cb->ci2[t]  = SIDX(last, j, k, FV_CUR);
      cb->ch2a[t] = j > 0 ? SIDX(sumi, j - 1, k, FV_CUR) : -1;
      cb->ch2b[t] = (j == ny - 1 && k > 0) ? SIDX(sumi, j, k - 1, FV_CUR) : -1;
    }
#undef SIDX
  PetscCall(ISLocalToGlobalMappingRestoreBlockIndices(ltog, &gc));
  PetscCall(GatherLayout(cb, cb->n1, cb->q1, &cb->cnt1, &cb->dsp1, &cb->gq1));
  PetscCall(GatherLayout(cb, cb->n2, cb->q2, &cb->cnt2, &cb->dsp2, &cb->gq2));
  {
    PetscMPIInt size, total = 0;
    PetscCallMPI(MPI_Comm_size(cb->comm, &size));
    PetscCall(PetscMalloc2(size, &cb->cntc, size, &cb->dspc));
    for (PetscMPIInt r = 0; r < size; r++)
      cb->cntc[r] = cb->cnt1[r] + cb->cnt2[r], cb->dspc[r] = total, total += cb->cntc[r];
  }
  PetscCall(PetscMalloc6(cb->nq, &cb->a, cb->nq, &cb->b, cb->nq, &cb->w, cb->nq, &cb->pa, cb->nq,
                         &cb->pb, cb->nq, &cb->rho));
  PetscCall(PetscMalloc6(cb->nq, &cb->re, cb->nq, &cb->rs, cb->nq, &cb->ph, cb->nq, &cb->cur,
                         cb->nq, &cb->sq, 2 * cb->nq, &cb->gbuf));
  PetscCall(PetscMalloc3(cb->n1 + cb->n2 + 1, &cb->sbuf, 4 * cb->n1 + 1, &cb->l1, cb->nq, &cb->zp));
  cb->init = PETSC_TRUE;
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscBool Near(PetscScalar x, PetscScalar y) {
  return (PetscBool)(PetscAbsScalar(x - y) <= 1e-10 * (PetscAbsScalar(x) + PetscAbsScalar(y)));
}

/* Reads the comb's coefficients from S and checks every row of the last three x columns: only
 * the rows of the form in the file's header may touch a comb unknown. */
static PetscErrorCode ReadRows(FvComb cb, Mat S, PetscBool *okp) {
  const FvMesh *g  = cb->mesh;
  const PetscInt M = g->M, last = M - 1, sumi = M - 2, nf = cb->nf, ny = g->ny;
  PetscScalar *b1 = cb->l1, *a1 = b1 + cb->n1, *pb1 = a1 + cb->n1, *pa1 = pb1 + cb->n1;
  PetscScalar root[3] = {0, 0, 0}; /* alpha_phi, alpha_I, beta */
  PetscBool ok        = PETSC_TRUE;
  ISLocalToGlobalMapping ltog;
  const PetscInt *gc;
  PetscFunctionBeginUser;
  PetscCall(DMGetLocalToGlobalMapping(g->da, &ltog));
  PetscCall(ISLocalToGlobalMappingGetBlockIndices(ltog, &gc));
  for (PetscInt k = g->zs; k < g->zs + g->zm; k++)
    for (PetscInt j = g->ys; j < g->ys + g->ym; j++)
      for (PetscInt i = PetscMax(g->xs, M - 3); i < g->xs + g->xm; i++) {
        const PetscInt t = (k - g->zs) * g->ym + (j - g->ys); /* index among the column's owned */
        const PetscInt nb[7][3] = {{i, j, k},     {i - 1, j, k}, {i + 1, j, k}, {i, j - 1, k},
                                   {i, j + 1, k}, {i, j, k - 1}, {i, j, k + 1}};
        PetscInt cand[7], nc = 0;
        for (PetscInt e = 0; e < 7; e++) /* the comb unknowns this cell's rows can reach */
          if (nb[e][0] >= sumi && nb[e][0] <= last && nb[e][1] >= 0 && nb[e][1] < ny &&
              nb[e][2] >= 0 && nb[e][2] < g->nz)
            cand[nc++] = gc[FvMeshGhost(g, nb[e][0], nb[e][1], nb[e][2])] * nf + FV_CUR;
        for (PetscInt s = 0; s < nf; s++) {
          const PetscInt row  = gc[FvMeshGhost(g, i, j, k)] * nf + s;
          const PetscBool eq  = (PetscBool)(i == last && s == FV_CUR);
          const PetscBool sum = (PetscBool)(i == sumi && s == FV_CUR);
          PetscInt ncols;
          const PetscInt *cols;
          const PetscScalar *vals;
          if (eq) b1[t] = a1[t] = pb1[t] = pa1[t] = 0;
          if (sum) cb->sbuf[t] = 0;
          if (i == last && s == FV_PHIS) cb->g[t] = 0;
          PetscCall(MatGetRow(S, row, &ncols, &cols, &vals));
          for (PetscInt e = 0; e < ncols; e++) {
            const PetscInt c    = cols[e];
            const PetscScalar x = vals[e];
            PetscBool comb      = PETSC_FALSE;
            for (PetscInt m = 0; m < nc; m++)
              if (cand[m] == c) comb = PETSC_TRUE;
            if (eq && c == cb->cur1[t])
              b1[t] = x;
            else if (eq && c == cb->phis1[t])
              a1[t] = x;
            else if (eq && cb->pcur1[t] >= 0 && c == cb->pcur1[t])
              pb1[t] = x;
            else if (eq && cb->pphis1[t] >= 0 && c == cb->pphis1[t])
              pa1[t] = x;
            else if (eq && cb->pcur1[t] < 0 && c == cb->rootsum)
              root[2] = x;
            else if (i == last && s == FV_PHIS && c == cb->cur1[t])
              cb->g[t] = x;
            else if (sum && c == cb->sum2[t])
              ok = (PetscBool)(ok && Near(x, 1));
            else if (sum && c == cb->ci2[t])
              cb->sbuf[t] = -x; /* w_q */
            else if (sum && (c == cb->ch2a[t] || c == cb->ch2b[t]))
              ok = (PetscBool)(ok && Near(x, -1));
            else if ((eq || sum || comb) && x != 0)
              ok = PETSC_FALSE;
          }
          PetscCall(MatRestoreRow(S, row, &ncols, &cols, &vals));
          if (eq && cb->pcur1[t] < 0) { /* the root's row: alpha_phi, alpha_I */
            root[0] = a1[t], root[1] = b1[t];
            a1[t] = b1[t] = 0; /* the root's own a, b come from a child's row */
          }
        }
      }
  PetscCall(ISLocalToGlobalMappingRestoreBlockIndices(ltog, &gc));
  PetscCallMPI(MPI_Allreduce(MPI_IN_PLACE, root, 3, MPIU_SCALAR, MPIU_SUM, cb->comm));
  PetscCall(Gather(cb, 1, b1, cb->b));
  PetscCall(Gather(cb, 1, a1, cb->a));
  PetscCall(Gather(cb, 1, pb1, cb->pb));
  PetscCall(Gather(cb, 1, pa1, cb->pa));
  PetscCall(Gather(cb, 2, cb->sbuf, cb->w));
  for (PetscInt q = 0; q < cb->nq; q++) /* the root's a, b from (the first of) its children */
    if (Parent(cb, q) == cb->root && cb->a[cb->root] == 0)
      cb->a[cb->root] = -cb->pa[q], cb->b[cb->root] = -cb->pb[q];
  for (PetscInt q = 0; q < cb->nq; q++) { /* the same on every rank: no reduction needed */
    const PetscInt p = Parent(cb, q);
    if (cb->a[q] == 0 || cb->b[q] == 0) ok = PETSC_FALSE; /* e.g. a metal collector: b = 0 */
    if (p >= 0 && !(Near(cb->pa[q], -cb->a[p]) && Near(cb->pb[q], -cb->b[p]))) ok = PETSC_FALSE;
  }
  cb->alpha = cb->a[cb->root] != 0 ? root[0] / cb->a[cb->root] : 0;
  cb->beta  = root[2];
  if (!(root[1] == 0 && root[0] == 0) && !Near(root[1], cb->alpha * cb->b[cb->root]))
    ok = PETSC_FALSE;
  PetscCallMPI(MPI_Allreduce(MPI_IN_PLACE, &ok, 1, MPIU_BOOL, MPI_LAND, cb->comm));
  *okp = ok;
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvCombSetUp(FvComb cb, Mat S, PetscBool *ok) {
  PetscScalar *ua, sw = 0;
  PetscInt *rows;
  PetscFunctionBeginUser;
  if (!cb->init) PetscCall(Init(cb, S));
  PetscCall(ReadRows(cb, S, ok));
  if (!*ok) PetscFunctionReturn(PETSC_SUCCESS);
  for (PetscInt q = 0; q < cb->nq; q++)
    sw += cb->w[q] / cb->b[q];
  cb->d = cb->alpha + cb->beta * sw;
  if (!cb->A) {
    PetscCall(MatDuplicate(S, MAT_COPY_VALUES, &cb->A));
    PetscCall(MatSetOption(cb->A, MAT_KEEP_NONZERO_PATTERN, PETSC_TRUE));
    PetscCall(MatCreateVecs(S, &cb->u, &cb->z));
    PetscCall(VecDuplicate(cb->u, &cb->rp));
    PetscCall(VecDuplicate(cb->u, &cb->y));
  } else
    PetscCall(MatCopy(S, cb->A, SAME_NONZERO_PATTERN));
  /* the comb's unknowns out of A: their rows and columns become the identity */
  PetscCall(PetscMalloc1(cb->n1 + cb->n2, &rows));
  for (PetscInt t = 0; t < cb->n1; t++)
    rows[t] = cb->cur1[t];
  for (PetscInt t = 0; t < cb->n2; t++)
    rows[cb->n1 + t] = cb->sum2[t];
  PetscCall(MatZeroRowsColumns(cb->A, cb->n1 + cb->n2, rows, 1.0, NULL, NULL));
  PetscCall(PetscFree(rows));
  /* g_q I_q in the phi_s rows with I_q = (Phi + rho_q - a_q phi_s,q) / b_q: the boundary term
   * on the diagonal, the border u in Phi's column */
  PetscCall(VecSet(cb->u, 0));
  PetscCall(VecGetArray(cb->u, &ua));
  for (PetscInt t = 0; t < cb->n1; t++) {
    const PetscInt q = cb->q1[t];
    PetscCall(MatSetValue(cb->A, cb->phis1[t], cb->phis1[t], -cb->g[t] * cb->a[q] / cb->b[q],
                          ADD_VALUES));
    ua[cb->phis1[t] - cb->s0] = cb->g[t] / cb->b[q];
  }
  for (PetscInt q = 0; q < cb->nq; q++)
    cb->v[q] = -cb->beta * cb->w[q] * cb->a[q] / cb->b[q];
  PetscCall(VecRestoreArray(cb->u, &ua));
  PetscCall(MatAssemblyBegin(cb->A, MAT_FINAL_ASSEMBLY));
  PetscCall(MatAssemblyEnd(cb->A, MAT_FINAL_ASSEMBLY));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvCombGetOperator(FvComb cb, Mat *A) {
  PetscFunctionBeginUser;
  *A = cb->A;
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* y's phi_s at every collector cell (all ranks) into byq, and v^T y. */
static PetscErrorCode CollectorPhis(FvComb cb, Vec y, PetscScalar *byq, PetscScalar *vy) {
  const PetscScalar *ya;
  PetscFunctionBeginUser;
  PetscCall(VecGetArrayRead(y, &ya));
  for (PetscInt t = 0; t < cb->n1; t++)
    cb->sbuf[t] = ya[cb->phis1[t] - cb->s0];
  PetscCall(VecRestoreArrayRead(y, &ya));
  PetscCall(Gather(cb, 1, cb->sbuf, byq));
  *vy = 0;
  for (PetscInt q = 0; q < cb->nq; q++)
    *vy += cb->v[q] * byq[q];
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvCombSetUpBorder(FvComb cb, KSP ksp) {
  PetscFunctionBeginUser;
  PetscCall(KSPSolve(ksp, cb->u, cb->z));
  PetscCall(CollectorPhis(cb, cb->z, cb->zp, &cb->vz));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvCombApply(FvComb cb, PC pc, Vec r, Vec x) {
  const FvMesh *g   = cb->mesh;
  const PetscInt ny = g->ny, nz = g->nz;
  const PetscScalar *ra;
  PetscScalar *pa, *xa, R, rsum = 0, wrb = 0, vy, Phi, run;
  PetscFunctionBeginUser;
  PetscCall(VecGetArrayRead(r, &ra));
  for (PetscInt t = 0; t < cb->n1; t++)
    cb->sbuf[t] = ra[cb->cur1[t] - cb->s0];
  for (PetscInt t = 0; t < cb->n2; t++)
    cb->sbuf[cb->n1 + t] = ra[cb->sum2[t] - cb->s0];
  PetscCall(VecRestoreArrayRead(r, &ra));
  PetscCall(GatherBoth(cb, cb->sbuf, cb->re, cb->rs));
  /* rho_q = r_q + rho_parent: parents come first going down k, then down j */
  for (PetscInt q = cb->nq - 1; q >= 0; q--) {
    const PetscInt p = Parent(cb, q);
    cb->rho[q]       = p < 0 ? 0 : cb->re[q] + cb->rho[p];
    rsum += cb->rs[q];
    wrb += cb->w[q] * cb->rho[q] / cb->b[q];
  }
  R = cb->re[cb->root] - cb->beta * (rsum + wrb);
  PetscCall(VecCopy(r, cb->rp));
  PetscCall(VecGetArray(cb->rp, &pa));
  for (PetscInt t = 0; t < cb->n1; t++) {
    const PetscInt q = cb->q1[t];
    pa[cb->phis1[t] - cb->s0] -= cb->g[t] * cb->rho[q] / cb->b[q];
    pa[cb->cur1[t] - cb->s0] = 0;
  }
  for (PetscInt t = 0; t < cb->n2; t++)
    pa[cb->sum2[t] - cb->s0] = 0;
  PetscCall(VecRestoreArray(cb->rp, &pa));
  PetscCall(PCApply(pc, cb->rp, cb->y));
  PetscCall(CollectorPhis(cb, cb->y, cb->ph, &vy));
  Phi = (R - vy) / (cb->d - cb->vz);
  PetscCall(VecWAXPY(x, -Phi, cb->z, cb->y));
  /* back: I_q from the collector potential (phi_s of x = y - Phi z), then the running sums */
  for (PetscInt q = 0; q < cb->nq; q++)
    cb->cur[q] = (Phi + cb->rho[q] - cb->a[q] * (cb->ph[q] - Phi * cb->zp[q])) / cb->b[q];
  run = 0; /* along y in each row k, then along the spine j = ny - 1 */
  for (PetscInt k = 0; k < nz; k++) {
    PetscScalar row = 0;
    for (PetscInt j = 0; j < ny; j++) {
      const PetscInt q = j + ny * k;
      row += cb->w[q] * cb->cur[q] + cb->rs[q];
      cb->sq[q] = row;
    }
    run += row;
    cb->sq[ny - 1 + ny * k] = run;
  }
  PetscCall(VecGetArray(x, &xa));
  for (PetscInt t = 0; t < cb->n1; t++)
    xa[cb->cur1[t] - cb->s0] = cb->cur[cb->q1[t]];
  for (PetscInt t = 0; t < cb->n2; t++)
    xa[cb->sum2[t] - cb->s0] = cb->sq[cb->q2[t]];
  PetscCall(VecRestoreArray(x, &xa));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvCombDestroy(FvComb *pcb) {
  FvComb cb = *pcb;
  PetscFunctionBeginUser;
  if (!cb) PetscFunctionReturn(PETSC_SUCCESS);
  if (cb->init) {
    PetscCall(PetscFree6(cb->q1, cb->phis1, cb->cur1, cb->pphis1, cb->pcur1, cb->g));
    PetscCall(PetscFree6(cb->q2, cb->sum2, cb->ci2, cb->ch2a, cb->ch2b, cb->v));
    PetscCall(PetscFree2(cb->cnt1, cb->dsp1));
    PetscCall(PetscFree2(cb->cnt2, cb->dsp2));
    PetscCall(PetscFree2(cb->cntc, cb->dspc));
    PetscCall(PetscFree(cb->gq1));
    PetscCall(PetscFree(cb->gq2));
    PetscCall(PetscFree6(cb->a, cb->b, cb->w, cb->pa, cb->pb, cb->rho));
    PetscCall(PetscFree6(cb->re, cb->rs, cb->ph, cb->cur, cb->sq, cb->gbuf));
    PetscCall(PetscFree3(cb->sbuf, cb->l1, cb->zp));
  }
  PetscCall(MatDestroy(&cb->A));
  PetscCall(VecDestroy(&cb->u));
  PetscCall(VecDestroy(&cb->z));
  PetscCall(VecDestroy(&cb->rp));
  PetscCall(VecDestroy(&cb->y));
  PetscCall(PetscFree(*pcb));
  PetscFunctionReturn(PETSC_SUCCESS);
}
