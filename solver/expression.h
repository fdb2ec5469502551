/* expression.h -- an arithmetic expression in one variable x, as BPX files write functions.
 *
 * Owns: FvExpr, an expression string parsed once into a small tree and evaluated at any x.
 * Syntax and semantics are Python's (BPX function strings are Python expressions in x, and
 * PyBaMM evaluates them as such): numbers (1, 2.5, .5, 1e-3), the variable x, + - * / and **,
 * unary + and -, parentheses, and the functions exp, log (natural), log10, sqrt, abs, sin, cos,
 * tan, sinh, cosh, tanh, arcsinh, arctan (one argument each).  ** binds tighter than a unary
 * minus on its left (-x**2 = -(x**2)) and is right-associative (2**3**2 = 2**9).
 * A bad string is a user mistake: FvExprParse sets *expr = NULL and writes one line saying
 * where (1-based character) and what was expected; it never fails otherwise.
 */
#pragma once
#include <petscsys.h>

typedef struct _p_FvExpr *FvExpr;

#define FV_EXPR_MAX_LEN 8192 /* longest accepted expression string */

PetscErrorCode FvExprParse(const char *text, FvExpr *expr, char *why, size_t whylen);
/* The value at x (IEEE semantics: log(-1) is NaN, 1/0 is inf; the caller checks finiteness). */
double FvExprEval(FvExpr e, double x);
PetscErrorCode FvExprDestroy(FvExpr *e);
