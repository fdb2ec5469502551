/* edit_distance.c -- the edit distance of "did you mean" (see edit_distance.h). */
#include <ctype.h>
#include <string.h>
#include "edit_distance.h"

static int Same(char x, char y, int ignore_case) {
  if (ignore_case) return tolower((unsigned char)x) == tolower((unsigned char)y);
  return x == y;
}

size_t FvEditDistance(const char *a, const char *b, int ignore_case) {
  /* three rows of the dynamic programme: i - 2, i - 1 and i */
  size_t rows[3][FV_EDIT_MAX_LEN + 1];
  const size_t la = strlen(a), lb = strlen(b);
  if (la > FV_EDIT_MAX_LEN || lb > FV_EDIT_MAX_LEN) return FV_EDIT_FAR;
  for (size_t j = 0; j <= lb; j++)
    rows[0][j] = j;
  for (size_t i = 1; i <= la; i++) {
    size_t *cur = rows[i % 3], *prev = rows[(i - 1) % 3], *prev2 = rows[(i + 1) % 3];
    cur[0] = i;
    for (size_t j = 1; j <= lb; j++) {
      size_t v = prev[j - 1] + !Same(a[i - 1], b[j - 1], ignore_case);
      if (prev[j] + 1 < v) v = prev[j] + 1;
      if (cur[j - 1] + 1 < v) v = cur[j - 1] + 1;
      if (i > 1 && j > 1 && Same(a[i - 1], b[j - 2], ignore_case) &&
          Same(a[i - 2], b[j - 1], ignore_case) && prev2[j - 2] + 1 < v)
        v = prev2[j - 2] + 1;
      cur[j] = v;
    }
  }
  return rows[la % 3][lb];
}
