/* edit_distance.h -- how far apart two names are, for "did you mean ..." messages.
 *
 * Owns: the one edit distance fvcell uses to suggest the nearest known name (case keys,
 * command-line options, BPX fields, parameter sets).
 */
#pragma once
#include <stddef.h>

/* Longest name FvEditDistance compares; longer names are FV_EDIT_FAR from everything. */
#define FV_EDIT_MAX_LEN 128
#define FV_EDIT_FAR ((size_t)1 << 20)

/* Optimal string alignment distance of a and b: insertions, deletions, substitutions and swaps of
 * two adjacent characters each count 1 (Damerau's typo classes).  ignore_case: letters compare
 * without case. */
size_t FvEditDistance(const char *a, const char *b, int ignore_case);
