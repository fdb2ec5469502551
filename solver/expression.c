/* expression.c -- parsing and evaluating expressions in x (see expression.h).
 *
 * A recursive-descent parser over Python's precedence levels builds a tree of nodes held in one
 * array; evaluation walks the tree.  Nesting is limited (FV_EXPR_MAX_DEPTH) so a hostile string
 * cannot exhaust the stack, and the node count is bounded by the string length.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "expression.h"

#define FV_EXPR_MAX_DEPTH 200

typedef enum { N_NUM, N_X, N_NEG, N_ADD, N_SUB, N_MUL, N_DIV, N_POW, N_FUN } NodeKind;

typedef double (*Fun1)(double);
static double Log10(double x) {
  return log10(x);
}
static const struct {
  const char *name;
  Fun1 fn;
} funs[] = {{"exp", exp},   {"log", log},       {"log10", Log10}, {"sqrt", sqrt}, {"abs", fabs},
            {"sin", sin},   {"cos", cos},       {"tan", tan},     {"sinh", sinh}, {"cosh", cosh},
            {"tanh", tanh}, {"arcsinh", asinh}, {"arctan", atan}};

typedef struct {
  NodeKind kind;
  double value; /* N_NUM */
  Fun1 fn;      /* N_FUN */
  int a, b;     /* children (node indices) */
} Node;

struct _p_FvExpr {
  Node *node;
  int n, root;
};

typedef struct {
  const char *s, *p;
  Node *node;
  int n, cap, depth;
  int failed;
  char *why;
  size_t whylen;
} Parser;

static void Fail(Parser *P, const char *what) {
  if (P->failed) return;
  P->failed = 1;
  if (*P->p)
    snprintf(P->why, P->whylen, "at character %d (\"%.12s\"): expected %s", (int)(P->p - P->s) + 1,
             P->p, what);
  else
    snprintf(P->why, P->whylen, "at the end: expected %s", what);
}

static void Skip(Parser *P) {
  while (isspace((unsigned char)*P->p))
    P->p++;
}

static int Add(Parser *P, NodeKind k, int a, int b) {
  if (P->failed) return -1;
  if (P->n >= P->cap) {
    Fail(P, "a shorter expression");
    return -1;
  }
  P->node[P->n] = (Node){k, 0, NULL, a, b};
  return P->n++;
}

static int Expr(Parser *P);
static int Unary(Parser *P);

static int Primary(Parser *P) {
  int i;
  Skip(P);
  if (P->failed) return -1;
  if (*P->p == '(') {
    P->p++;
    i = Expr(P);
    Skip(P);
    if (*P->p != ')') {
      Fail(P, "')'");
      return -1;
    }
    P->p++;
    return i;
  }
  if (isdigit((unsigned char)*P->p) || (*P->p == '.' && isdigit((unsigned char)P->p[1]))) {
    const char *q = P->p;
    char buf[64];
    size_t len;
    while (isdigit((unsigned char)*q))
      q++;
    if (*q == '.') q++;
    while (isdigit((unsigned char)*q))
      q++;
    if ((*q == 'e' || *q == 'E') &&
        (isdigit((unsigned char)q[1]) ||
         ((q[1] == '+' || q[1] == '-') && isdigit((unsigned char)q[2])))) {
      q += 2;
      while (isdigit((unsigned char)*q))
        q++;
    }
    len = (size_t)(q - P->p);
    if (len >= sizeof buf) {
      Fail(P, "a number of at most 63 characters");
      return -1;
    }
    memcpy(buf, P->p, len);
    buf[len] = 0;
    P->p     = q;
    i        = Add(P, N_NUM, -1, -1);
    if (i >= 0) P->node[i].value = strtod(buf, NULL);
    return i;
  }
  if (isalpha((unsigned char)*P->p) || *P->p == '_') {
    const char *q = P->p;
    size_t len;
    while (isalnum((unsigned char)*q) || *q == '_')
      q++;
    len = (size_t)(q - P->p);
    if (len == 1 && *P->p == 'x') {
      P->p = q;
      return Add(P, N_X, -1, -1);
    }
    for (size_t f = 0; f < sizeof funs / sizeof funs[0]; f++) {
      if (strlen(funs[f].name) != len || strncmp(funs[f].name, P->p, len)) continue;
      P->p = q;
      Skip(P);
      if (*P->p != '(') {
        Fail(P, "'(' after a function name");
        return -1;
      }
      P->p++;
      i = Expr(P);
      Skip(P);
      if (*P->p != ')') {
        Fail(P, "')' (functions take one argument)");
        return -1;
      }
      P->p++;
      i = Add(P, N_FUN, i, -1);
      if (i >= 0) P->node[i].fn = funs[f].fn;
      return i;
    }
    Fail(P, "the variable x or a function exp, log, log10, sqrt, abs, sin, cos, tan, sinh, cosh, "
            "tanh, arcsinh, arctan");
    return -1;
  }
  Fail(P, "a number, x, a function or '('");
  return -1;
}

/* power := primary ['**' unary]  (right-associative through unary) */
static int Power(Parser *P) {
  int a = Primary(P);
  Skip(P);
  if (!P->failed && P->p[0] == '*' && P->p[1] == '*') {
    P->p += 2;
    return Add(P, N_POW, a, Unary(P));
  }
  return a;
}

static int Unary(Parser *P) {
  int i;
  Skip(P);
  if (P->failed) return -1;
  if (++P->depth > FV_EXPR_MAX_DEPTH) {
    Fail(P, "a less deeply nested expression");
    return -1;
  }
  if (*P->p == '-' || *P->p == '+') {
    int neg = *P->p == '-';
    P->p++;
    i = Unary(P);
    i = neg ? Add(P, N_NEG, i, -1) : i;
  } else
    i = Power(P);
  P->depth--;
  return i;
}

static int Term(Parser *P) {
  int a = Unary(P);
  for (;;) {
    Skip(P);
    if (P->failed) return -1;
    if (*P->p == '*' && P->p[1] != '*') {
      P->p++;
      a = Add(P, N_MUL, a, Unary(P));
    } else if (*P->p == '/') {
      P->p++;
      a = Add(P, N_DIV, a, Unary(P));
    } else
      return a;
  }
}

static int Expr(Parser *P) {
  int a;
  if (++P->depth > FV_EXPR_MAX_DEPTH) {
    Fail(P, "a less deeply nested expression");
    return -1;
  }
  a = Term(P);
  for (;;) {
    Skip(P);
    if (P->failed) break;
    if (*P->p == '+') {
      P->p++;
      a = Add(P, N_ADD, a, Term(P));
    } else if (*P->p == '-') {
      P->p++;
      a = Add(P, N_SUB, a, Term(P));
    } else
      break;
  }
  P->depth--;
  return a;
}

PetscErrorCode FvExprParse(const char *text, FvExpr *expr, char *why, size_t whylen) {
  Parser P;
  size_t len = strlen(text);
  int root;
  PetscFunctionBeginUser;
  *expr = NULL;
  if (whylen) why[0] = 0;
  if (len > FV_EXPR_MAX_LEN) {
    snprintf(why, whylen, "expected an expression of at most %d characters, got %zu",
             FV_EXPR_MAX_LEN, len);
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  P = (Parser){text, text, NULL, 0, (int)len + 1, 0, 0, why, whylen};
  PetscCall(PetscMalloc1(P.cap, &P.node));
  root = Expr(&P);
  Skip(&P);
  if (!P.failed && *P.p) Fail(&P, "an operator + - * / ** or the end");
  if (P.failed || root < 0) {
    PetscCall(PetscFree(P.node));
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  PetscCall(PetscNew(expr));
  (*expr)->node = P.node;
  (*expr)->n    = P.n;
  (*expr)->root = root;
  PetscFunctionReturn(PETSC_SUCCESS);
}

static double Eval(const Node *nd, int i, double x) {
  const Node *n = &nd[i];
  switch (n->kind) {
  case N_NUM:
    return n->value;
  case N_X:
    return x;
  case N_NEG:
    return -Eval(nd, n->a, x);
  case N_ADD:
    return Eval(nd, n->a, x) + Eval(nd, n->b, x);
  case N_SUB:
    return Eval(nd, n->a, x) - Eval(nd, n->b, x);
  case N_MUL:
    return Eval(nd, n->a, x) * Eval(nd, n->b, x);
  case N_DIV:
    return Eval(nd, n->a, x) / Eval(nd, n->b, x);
  case N_POW:
    return pow(Eval(nd, n->a, x), Eval(nd, n->b, x));
  case N_FUN:
    return n->fn(Eval(nd, n->a, x));
  }
  return NAN;
}

double FvExprEval(FvExpr e, double x) {
  return Eval(e->node, e->root, x);
}

PetscErrorCode FvExprDestroy(FvExpr *e) {
  PetscFunctionBeginUser;
  if (!*e) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(PetscFree((*e)->node));
  PetscCall(PetscFree(*e));
  PetscFunctionReturn(PETSC_SUCCESS);
}
