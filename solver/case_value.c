/* case_value.c -- values: where each value comes from and what it is (see case.h, case_loader.h).
 *
 * Owns: looking a key up (the command-line overrides first, then the case section, then the
 * material the section names), key checks with "did you mean", reading files on rank 0, parsing
 * YAML with line numbers, and typed values (quantities with units and ranges, integers, words,
 * booleans, texts).
 */
#define _POSIX_C_SOURCE 200809L
#include <sys/stat.h>
#include <unistd.h>
#include "case_loader.h"
#include "edit_distance.h"
void CaseSfmt(char *buf, size_t n, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, n, fmt, ap);
  va_end(ap);
}

void CaseKeyJoin(char *dst, size_t n, const char *prefix, const char *name) {
  if (prefix && prefix[0])
    CaseSfmt(dst, n, "%s.%s", prefix, name);
  else
    CaseSfmt(dst, n, "%s", name);
}

/* The option name of a dotted key: negative.kinetics.rate_constant ->
 * -negative_kinetics_rate_constant */
static void OptName(char *dst, size_t n, const char *key) {
  size_t i = 0;
  if (n < 2) return;
  dst[i++] = '-';
  for (; *key && i < n - 1; key++)
    dst[i++] = *key == '.' ? '_' : *key;
  dst[i] = 0;
}

const char *CaseNodeScalar(yaml_node_t *n) {
  return (n && n->type == YAML_SCALAR_NODE) ? (const char *)n->data.scalar.value : NULL;
}

int CaseNodeLine(yaml_node_t *n) {
  return n ? (int)n->start_mark.line + 1 : 0;
}

PetscBool CaseIsNullScalar(yaml_node_t *n) {
  const char *s = CaseNodeScalar(n);
  if (!s || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE) return PETSC_FALSE;
  return (PetscBool)(!s[0] || !strcmp(s, "~") || !strcmp(s, "null") || !strcmp(s, "Null") ||
                     !strcmp(s, "NULL"));
}

/* Item i of the sequence value seq as a value of its own (its node, line, text), keyed "key[i]"
 * so that a message names the item. */
void CaseSeqItem(const Val *seq, PetscInt i, Val *item) {
  yaml_node_t *it = yaml_document_get_node(seq->doc, seq->node->data.sequence.items.start[i]);
  *item           = *seq;
  item->node      = it;
  item->line      = seq->cmdline ? 0 : CaseNodeLine(it);
  item->isnull    = CaseIsNullScalar(it);
  item->str       = item->isnull ? NULL : CaseNodeScalar(it);
  CaseSfmt(item->key, sizeof item->key, "%s[%d]", seq->key, (int)i);
}

int CaseInList(const char *s, const char *const *list) {
  for (; *list; list++)
    if (!strcmp(s, *list)) return 1;
  return 0;
}

/* The closest name in list, or NULL when nothing is close. */
const char *CaseClosest(const char *word, const char *const *list) {
  const char *best = NULL;
  size_t bd = FV_EDIT_FAR, lim = strlen(word) / 3 + 1;
  if (lim > 4) lim = 4;
  for (; *list; list++) {
    size_t d = FvEditDistance(word, *list, 1);
    if (d < bd) {
      bd   = d;
      best = *list;
    }
  }
  return bd <= lim ? best : NULL;
}

/* Shortest text that reads back as exactly v. */
void CaseFmtReal(char *buf, size_t n, double v) {
  for (int prec = 15; prec <= 17; prec++) {
    CaseSfmt(buf, n, "%.*g", prec, v);
    if (strtod(buf, NULL) == v) return;
  }
}

/* ---- error reporting ----------------------------------------------------------------------- */

static void ValText(const Val *v, char *buf, size_t n) {
  if (!v->present)
    CaseSfmt(buf, n, "missing");
  else if (v->isnull)
    CaseSfmt(buf, n, "(no value)");
  else if (v->str) {
    size_t len = strlen(v->str);
    if (len > 80)
      CaseSfmt(buf, n, "\"%.77s...\"", v->str);
    else
      CaseSfmt(buf, n, "\"%s\"", v->str);
  } else if (v->node && v->node->type == YAML_MAPPING_NODE)
    CaseSfmt(buf, n, "{...}");
  else if (v->node && v->node->type == YAML_SEQUENCE_NODE)
    CaseSfmt(buf, n, "[...]");
  else
    CaseSfmt(buf, n, "?");
}

/* " (line N)" or " (command line)": where a value was given, for messages about two values. */
void CaseValWhere(const Val *v, char *buf, size_t n) {
  if (v->cmdline)
    CaseSfmt(buf, n, " (command line)");
  else
    CaseSfmt(buf, n, " (line %d)", v->line);
}
void CaseFail(Loader *L, const Val *v, const char *fmt, ...) {
  char where[FV_PATH_LEN + 64], val[128], tail[MSG_LEN];
  va_list ap;
  if (L->failed) return;
  L->failed = PETSC_TRUE;
  if (L->outcome == FV_CASE_OK) L->outcome = FV_CASE_INVALID;
  const char *file = v->org ? v->org->path : L->origin;
  if (v->cmdline)
    CaseSfmt(where, sizeof where, "command line: %s (%s)", v->key, v->opt);
  else if (v->line > 0)
    CaseSfmt(where, sizeof where, "%s:%d: %s", file, v->line, v->key);
  else
    CaseSfmt(where, sizeof where, "%s: %s", file, v->key);
  ValText(v, val, sizeof val);
  va_start(ap, fmt);
  vsnprintf(tail, sizeof tail, fmt, ap);
  va_end(ap);
  if (v->org && !v->cmdline) /* a value from a material file: say which case section uses it */
    CaseSfmt(L->msg, sizeof L->msg, "%s: %s: %s (material \"%s\" named at %s)", where, val, tail,
             v->org->name, v->org->via);
  else
    CaseSfmt(L->msg, sizeof L->msg, "%s: %s: %s", where, val, tail);
}
void CaseFailMsg(Loader *L, const char *fmt, ...) {
  va_list ap;
  if (L->failed) return;
  L->failed = PETSC_TRUE;
  if (L->outcome == FV_CASE_OK) L->outcome = FV_CASE_INVALID;
  va_start(ap, fmt);
  vsnprintf(L->msg, sizeof L->msg, fmt, ap);
  va_end(ap);
}

/* ---- files --------------------------------------------------------------------------------- */

/* The reason a file could not be read: an errno or one of CASE_ERR_*. */
const char *CaseFileError(int err) {
  if (err == CASE_ERR_NOT_REGULAR) return "not a regular file";
  /* the text states FV_LIMIT_FILE_BYTES */
  if (err == CASE_ERR_TOO_LARGE) return "larger than 4 MiB, fvcell's limit for an input file";
  return strerror(err);
}

/* Read a whole file on rank 0 and broadcast it: *text is malloc'd and NUL-terminated, or
 * NULL with *err = errno. */
PetscErrorCode CaseReadFileBcast(MPI_Comm comm, const char *path, char **text, size_t *len,
                                 int *err) {
  PetscMPIInt rank;
  long long meta[2] = {0, 0}; /* length, errno */
  char *buf         = NULL;

  PetscFunctionBeginUser;
  *text = NULL;
  *len  = 0;
  *err  = 0;
  PetscCallMPI(MPI_Comm_rank(comm, &rank));
  if (rank == 0) {
    struct stat st;
    FILE *f  = NULL;
    size_t n = 0, cap = 0;
    /* only regular files, of a stated size: /dev/zero or a FIFO would be read until memory or
     * patience runs out */
    if (stat(path, &st) != 0)
      meta[1] = errno ? errno : EIO;
    else if (S_ISDIR(st.st_mode))
      meta[1] = EISDIR;
    else if (!S_ISREG(st.st_mode))
      meta[1] = CASE_ERR_NOT_REGULAR;
    else if (st.st_size > FV_LIMIT_FILE_BYTES)
      meta[1] = CASE_ERR_TOO_LARGE;
    else if (!(f = fopen(path, "rb")))
      meta[1] = errno ? errno : EIO;
    if (f) {
      for (;;) {
        size_t got;
        if (n + 4096 + 1 > cap) {
          char *nb;
          cap = 2 * cap + 8192;
          nb  = (char *)realloc(buf, cap);
          PetscCheck(nb, PETSC_COMM_SELF, PETSC_ERR_MEM, "out of memory reading %s", path);
          buf = nb;
        }
        got = fread(buf + n, 1, 4096, f);
        n += got;
        if (got < 4096 || n > (size_t)FV_LIMIT_FILE_BYTES) break; /* a file growing as it is read */
      }
      if (n > (size_t)FV_LIMIT_FILE_BYTES)
        meta[1] = CASE_ERR_TOO_LARGE;
      else if (ferror(f))
        meta[1] = errno ? errno : EIO;
      fclose(f);
      meta[0] = (long long)n;
    }
  }
  PetscCallMPI(MPI_Bcast(meta, 2, MPI_LONG_LONG, 0, comm));
  if (meta[1]) {
    free(buf);
    *err = (int)meta[1];
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  if (rank != 0) {
    buf = (char *)malloc((size_t)meta[0] + 1);
    PetscCheck(buf, PETSC_COMM_SELF, PETSC_ERR_MEM, "out of memory reading %s", path);
  }
  if (meta[0] > 0) {
    long long off = 0;
    while (off < meta[0]) { /* MPI counts are int */
      int chunk = (int)PetscMin(meta[0] - off, (long long)1 << 30);
      PetscCallMPI(MPI_Bcast(buf + off, chunk, MPI_CHAR, 0, comm));
      off += chunk;
    }
  }
  buf[meta[0]] = 0;
  *text        = buf;
  *len         = (size_t)meta[0];
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Path of a file named in the case: relative paths are relative to the file that names it (the
 * case file, or the material file the value came from). */
void CaseResolvePath(const Loader *L, const MatFile *org, const char *name, char *out, size_t n) {
  const char *dir = org ? org->dir : L->dir;
  if (name[0] == '/' || !dir[0])
    CaseSfmt(out, n, "%s", name);
  else
    CaseSfmt(out, n, "%s/%s", dir, name);
}

/* The directory part of path ("" when none). */
void CaseDirName(const char *path, char *dir, size_t n) {
  const char *slash = strrchr(path, '/');
  dir[0]            = 0;
  if (slash == path)
    CaseSfmt(dir, n, "/");
  else if (slash)
    CaseSfmt(dir, n, "%.*s", (int)(slash - path), path);
}

/* ---- YAML ---------------------------------------------------------------------------------- */

/* Parse text as one YAML document.  On a syntax error returns *ok = false and a message. */
/* Is text nested at most FV_LIMIT_YAML_DEPTH maps and lists deep?  A pass over libyaml's events
 * (linear in the text) before building the document, which takes quadratic time on deep nesting.
 * A syntax error ends the pass with *ok = true: the document parse reports it. */
static PetscErrorCode YamlDepthOK(const char *text, size_t len, PetscBool *ok, int *line) {
  yaml_parser_t parser;
  int depth = 0;
  PetscFunctionBeginUser;
  *ok = PETSC_TRUE;
  PetscCheck(yaml_parser_initialize(&parser), PETSC_COMM_SELF, PETSC_ERR_MEM,
             "cannot initialise the YAML parser");
  yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
  for (;;) {
    yaml_event_t ev;
    if (!yaml_parser_parse(&parser, &ev)) break;
    const yaml_event_type_t t = ev.type;
    if (t == YAML_SEQUENCE_START_EVENT || t == YAML_MAPPING_START_EVENT) depth++;
    if (t == YAML_SEQUENCE_END_EVENT || t == YAML_MAPPING_END_EVENT) depth--;
    if (depth > FV_LIMIT_YAML_DEPTH) {
      *ok   = PETSC_FALSE;
      *line = (int)ev.start_mark.line + 1;
    }
    yaml_event_delete(&ev);
    if (t == YAML_STREAM_END_EVENT || !*ok) break;
  }
  yaml_parser_delete(&parser);
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode CaseParseYaml(const char *text, size_t len, yaml_document_t *doc, PetscBool *ok,
                             char *why, size_t whylen, int *line) {
  yaml_parser_t parser;
  PetscFunctionBeginUser;
  *ok   = PETSC_FALSE;
  *line = 0;
  PetscCheck(yaml_parser_initialize(&parser), PETSC_COMM_SELF, PETSC_ERR_MEM,
             "cannot initialise the YAML parser");
  {
    PetscBool shallow;
    PetscCall(YamlDepthOK(text, len, &shallow, line));
    if (!shallow) {
      CaseSfmt(why, whylen, "maps and lists nested deeper than %d levels, fvcell's limit",
               FV_LIMIT_YAML_DEPTH);
      yaml_parser_delete(&parser);
      PetscFunctionReturn(PETSC_SUCCESS);
    }
  }
  yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
  if (!yaml_parser_load(&parser, doc)) {
    *line = (int)parser.problem_mark.line + 1;
    if (parser.context)
      CaseSfmt(why, whylen, "%s %s (line %d)", parser.problem ? parser.problem : "syntax error",
               parser.context, (int)parser.context_mark.line + 1);
    else
      CaseSfmt(why, whylen, "%s", parser.problem ? parser.problem : "syntax error");
    yaml_parser_delete(&parser);
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  { /* a second document is a mistake (a stray ---) */
    yaml_document_t extra;
    if (!yaml_parser_load(&parser, &extra)) {
      *line = (int)parser.problem_mark.line + 1;
      CaseSfmt(why, whylen, "%s", parser.problem ? parser.problem : "syntax error");
      yaml_document_delete(doc);
      yaml_parser_delete(&parser);
      PetscFunctionReturn(PETSC_SUCCESS);
    }
    if (yaml_document_get_root_node(&extra)) {
      *line = (int)yaml_document_get_root_node(&extra)->start_mark.line + 1;
      CaseSfmt(why, whylen, "a second YAML document: a case file holds one");
      yaml_document_delete(&extra);
      yaml_document_delete(doc);
      yaml_parser_delete(&parser);
      PetscFunctionReturn(PETSC_SUCCESS);
    }
    yaml_document_delete(&extra);
  }
  yaml_parser_delete(&parser);
  *ok = PETSC_TRUE;
  PetscFunctionReturn(PETSC_SUCCESS);
}

static PetscErrorCode SeenAdd(Loader *L, const char *opt) {
  PetscFunctionBeginUser;
  for (int i = 0; i < L->nseen; i++)
    if (!strcmp(L->seen[i], opt)) PetscFunctionReturn(PETSC_SUCCESS);
  if (L->nseen + 1 >= L->capseen) {
    L->capseen = 2 * L->capseen + 64;
    PetscCall(PetscRealloc(sizeof(char *) * (size_t)L->capseen, &L->seen));
  }
  PetscCall(PetscStrallocpy(opt, &L->seen[L->nseen++]));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode CaseSeenList(Loader *L) {
  PetscFunctionBeginUser;
  PetscCall(PetscFree(L->seenlist));
  PetscCall(PetscCalloc1(L->nseen + 1, &L->seenlist));
  for (int i = 0; i < L->nseen; i++)
    L->seenlist[i] = L->seen[i];
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* ---- looking keys up (command line first, then the file, then its material) --------------- */

/* Key `name` of map (of file org) into v, when it is there. */
PetscErrorCode CaseFindInMap(yaml_document_t *doc, yaml_node_t *map, const MatFile *org,
                             const char *name, Val *v) {
  PetscFunctionBeginUser;
  if (!map) PetscFunctionReturn(PETSC_SUCCESS);
  for (yaml_node_pair_t *pr = map->data.mapping.pairs.start; pr < map->data.mapping.pairs.top;
       pr++) {
    const char *k = CaseNodeScalar(yaml_document_get_node(doc, pr->key));
    if (k && !strcmp(k, name)) {
      v->doc     = doc;
      v->node    = yaml_document_get_node(doc, pr->value);
      v->present = PETSC_TRUE;
      v->org     = org;
      v->line   = CaseNodeLine(yaml_document_get_node(doc, pr->key)); /* where the key is written */
      v->isnull = CaseIsNullScalar(v->node);
      v->str    = v->isnull ? NULL : CaseNodeScalar(v->node);
      break;
    }
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Sections a case and its material both give merge key by key; every other value (a property
 * map such as {form: ..., activation_energy: ...}) is taken whole from one of them. */
static PetscBool Mergeable(const char *name) {
  return (PetscBool)!strcmp(name, "kinetics");
}

static PetscBool Masked(const Sec *s, const char *name) {
  for (int i = 0; i < s->nmask; i++)
    if (!strcmp(s->mask[i], name)) return PETSC_TRUE;
  return PETSC_FALSE;
}

/* Option opt among the load's overrides (the explicit set first, then the command line's when the
 * load takes them); a load without overrides finds nothing. */
PetscErrorCode CaseOptGet(Loader *L, const char *opt, char *buf, size_t n, PetscBool *set) {
  PetscFunctionBeginUser;
  *set = PETSC_FALSE;
  if (L->material_file) PetscFunctionReturn(PETSC_SUCCESS);
  if (L->ov.extra) PetscCall(PetscOptionsGetString(L->ov.extra, NULL, opt, buf, n, set));
  if (!*set && L->ov.command_line) PetscCall(PetscOptionsGetString(NULL, NULL, opt, buf, n, set));
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode CaseOptHas(Loader *L, const char *opt, PetscBool *has) {
  PetscFunctionBeginUser;
  *has = PETSC_FALSE;
  if (L->material_file) PetscFunctionReturn(PETSC_SUCCESS);
  if (L->ov.extra) PetscCall(PetscOptionsHasName(L->ov.extra, NULL, opt, has));
  if (!*has && L->ov.command_line) PetscCall(PetscOptionsHasName(NULL, NULL, opt, has));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Find key `name` of section s.  altopt, when given, is another option name that also sets it. */
PetscErrorCode CaseLookupAlt(Loader *L, const Sec *s, const char *name, const char *altopt,
                             Val *v) {
  PetscBool set = PETSC_FALSE;

  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(v, sizeof *v));
  CaseKeyJoin(v->key, sizeof v->key, s->key, name);
  OptName(v->opt, sizeof v->opt, v->key);
  v->line    = s->line;
  v->cmdline = s->cmdline;
  v->org     = s->cmdline ? NULL : s->org;
  if (L->material_file) { /* a material file on its own: no command-line overrides */
    PetscCall(CaseFindInMap(s->doc, s->map, s->org, name, v));
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  PetscCall(SeenAdd(L, v->opt));
  if (altopt) {
    PetscBool also;
    PetscCall(SeenAdd(L, altopt));
    PetscCall(CaseOptHas(L, v->opt, &also));
    PetscCall(CaseOptGet(L, altopt, v->buf, sizeof v->buf, &set));
    if (set && also) {
      v->present = v->cmdline = PETSC_TRUE;
      v->line                 = 0;
      v->str                  = v->buf;
      char other[KEY_LEN + 2];
      PetscCall(PetscStrncpy(other, v->opt, sizeof other));
      PetscCall(PetscStrncpy(v->opt, altopt, sizeof v->opt));
      CaseFail(L, v, "also given as %s: give one of them", other);
      PetscFunctionReturn(PETSC_SUCCESS);
    }
    if (set) PetscCall(PetscStrncpy(v->opt, altopt, sizeof v->opt));
  }
  if (!set) PetscCall(CaseOptGet(L, v->opt, v->buf, sizeof v->buf, &set));
  if (set) {
    const char *p = v->buf;
    v->org        = NULL; /* the command line: relative paths are relative to the case file */
    v->present    = PETSC_TRUE;
    v->cmdline    = PETSC_TRUE;
    v->line       = 0;
    while (isspace((unsigned char)*p))
      p++;
    if (!*p) {
      v->isnull = PETSC_TRUE;
      PetscFunctionReturn(PETSC_SUCCESS);
    }
    if (*p == '{' || *p == '[') { /* a map or list given on the command line */
      char why[512];
      int line;
      PetscBool ok;
      v->str = v->buf;
      if (L->nodoc >= MAX_ODOCS) {
        CaseFail(L, v, "too many structured command-line values");
        PetscFunctionReturn(PETSC_SUCCESS);
      }
      PetscCall(PetscNew(&L->odoc[L->nodoc]));
      PetscCall(CaseParseYaml(p, strlen(p), L->odoc[L->nodoc], &ok, why, sizeof why, &line));
      if (!ok) {
        PetscCall(PetscFree(L->odoc[L->nodoc]));
        CaseFail(L, v, "not valid YAML: %s", why);
        PetscFunctionReturn(PETSC_SUCCESS);
      }
      v->doc  = L->odoc[L->nodoc++];
      v->node = yaml_document_get_root_node(v->doc);
      v->str  = NULL;
    } else
      v->str = v->buf;
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  PetscCall(CaseFindInMap(s->doc, s->map, s->org, name, v));
  if (s->fmap && !Masked(s, name)) { /* the material layer */
    if (!v->present) {
      PetscCall(CaseFindInMap(s->fdoc, s->fmap, s->forg, name, v));
      if (v->present) v->cmdline = PETSC_FALSE; /* a value of the material file */
    } else if (Mergeable(name) && v->node && v->node->type == YAML_MAPPING_NODE) {
      Val f;
      PetscCall(PetscMemzero(&f, sizeof f));
      PetscCall(CaseFindInMap(s->fdoc, s->fmap, s->forg, name, &f));
      if (f.present && f.node && f.node->type == YAML_MAPPING_NODE) {
        v->fdoc  = f.doc;
        v->fnode = f.node;
        v->forg  = f.org;
      }
    }
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode CaseLookup(Loader *L, const Sec *s, const char *name, Val *v) {
  PetscFunctionBeginUser;
  PetscCall(CaseLookupAlt(L, s, name, NULL, v));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Every key of s must be one of known (no typos, no duplicates). */
void CaseCheckKeys(Loader *L, const Sec *s, const char *const *known) {
  if (L->failed || !s->map) return;
  for (yaml_node_pair_t *pr = s->map->data.mapping.pairs.start; pr < s->map->data.mapping.pairs.top;
       pr++) {
    yaml_node_t *kn = yaml_document_get_node(s->doc, pr->key);
    yaml_node_t *vn = yaml_document_get_node(s->doc, pr->value);
    const char *k   = CaseNodeScalar(kn);
    Val v;
    memset(&v, 0, sizeof v);
    CaseKeyJoin(v.key, sizeof v.key, s->key, k ? k : "?");
    OptName(v.opt, sizeof v.opt, v.key);
    v.cmdline = s->cmdline;
    v.org     = s->cmdline ? NULL : s->org;
    v.line    = CaseNodeLine(kn);
    v.present = PETSC_TRUE;
    v.node    = vn;
    v.isnull  = CaseIsNullScalar(vn);
    v.str     = v.isnull ? NULL : CaseNodeScalar(vn);
    if (!k) {
      CaseFail(L, &v, "a key must be a plain name");
      return;
    }
    if (!CaseInList(k, known)) {
      const char *near = CaseClosest(k, known);
      char list[1024]  = "";
      for (const char *const *q = known; *q; q++) {
        if (q != known) strncat(list, ", ", sizeof list - strlen(list) - 1);
        strncat(list, *q, sizeof list - strlen(list) - 1);
      }
      if (near)
        CaseFail(L, &v, "unknown key \"%s\" (did you mean \"%s\"?); %s takes: %s", k, near,
                 s->key[0]         ? s->key
                 : L->root_what[0] ? L->root_what
                                   : "a case",
                 list);
      else
        CaseFail(L, &v, "unknown key \"%s\"; %s takes: %s", k,
                 s->key[0]         ? s->key
                 : L->root_what[0] ? L->root_what
                                   : "a case",
                 list);
      return;
    }
    for (yaml_node_pair_t *q = s->map->data.mapping.pairs.start; q < pr; q++) {
      const char *k2 = CaseNodeScalar(yaml_document_get_node(s->doc, q->key));
      if (k2 && !strcmp(k, k2)) {
        CaseFail(L, &v, "duplicate key \"%s\" (first given at line %d)", k,
                 CaseNodeLine(yaml_document_get_node(s->doc, q->key)));
        return;
      }
    }
  }
}

/* Open value v as a sub-section (a map) checked against known keys. */
void CaseOpenSection(Loader *L, const Val *v, const char *const *known, const char *what, Sec *s) {
  memset(s, 0, sizeof *s);
  CaseSfmt(s->key, sizeof s->key, "%s", v->key);
  s->line    = v->line;
  s->cmdline = v->cmdline;
  s->org     = v->org;
  if (L->failed || !v->present) return;
  if (!v->node || v->node->type != YAML_MAPPING_NODE) {
    CaseFail(L, v, "expected %s", what);
    return;
  }
  s->doc  = v->doc;
  s->map  = v->node;
  s->fdoc = v->fdoc; /* the material's map of the same section, if any */
  s->fmap = v->fnode;
  s->forg = v->forg;
  CaseCheckKeys(L, s, known);
}

/* Is key `name` given by the case itself (its section map or the command line)? */
PetscErrorCode CaseHas(Loader *L, const Sec *s, const char *name, PetscBool *has) {
  Val v;
  PetscFunctionBeginUser;
  *has = PETSC_FALSE;
  PetscCall(PetscMemzero(&v, sizeof v));
  PetscCall(CaseFindInMap(s->doc, s->map, s->org, name, &v));
  if (v.present) *has = PETSC_TRUE;
  if (!*has && !L->material_file) {
    char key[KEY_LEN], opt[KEY_LEN + 2];
    CaseKeyJoin(key, sizeof key, s->key, name);
    OptName(opt, sizeof opt, key);
    PetscCall(CaseOptHas(L, opt, has));
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Alternatives (groups of space-separated keys, NULL-terminated): when the case gives a key of
 * one group, the material's keys of the other groups are not used (a case's max_concentration
 * replaces its material's specific_capacity). */
PetscErrorCode CaseMaskAlternatives(Loader *L, Sec *s, const char *const *groups) {
  PetscFunctionBeginUser;
  if (L->failed || !s->fmap) PetscFunctionReturn(PETSC_SUCCESS);
  for (int i = 0; groups[i]; i++) {
    char buf[256];
    PetscBool touched = PETSC_FALSE;
    CaseSfmt(buf, sizeof buf, "%s", groups[i]);
    for (char *k = strtok(buf, " "); k && !touched; k = strtok(NULL, " "))
      PetscCall(CaseHas(L, s, k, &touched));
    if (!touched) continue;
    for (int j = 0; groups[j]; j++) {
      if (j == i) continue;
      CaseSfmt(buf, sizeof buf, "%s", groups[j]);
      for (char *k = strtok(buf, " "); k; k = strtok(NULL, " "))
        if (!Masked(s, k) && s->nmask < 8)
          CaseSfmt(s->mask[s->nmask++], sizeof s->mask[0], "%s", k);
    }
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* ---- typed values -------------------------------------------------------------------------- */

PetscBool CaseInRange(const Qty *q, PetscReal x) {
  if (!isfinite(x)) return PETSC_FALSE;
  if (q->lo_open ? !(x > q->lo) : !(x >= q->lo)) return PETSC_FALSE;
  if (q->hi_open ? !(x < q->hi) : !(x <= q->hi)) return PETSC_FALSE;
  return PETSC_TRUE;
}

/* A value beyond fvcell's limit: one line naming the limit, outcome FV_CASE_LIMIT. */
void CaseFailLimit(Loader *L, const Val *v, double limit, const char *unit) {
  if (L->failed) return;
  L->outcome = FV_CASE_LIMIT;
  CaseFail(L, v, "expected at most %g%s%s, fvcell's limit (docs/limits.md)", limit,
           unit && strcmp(unit, "1") ? " " : "", unit && strcmp(unit, "1") ? unit : "");
}

/* Value v as quantity q (unit given explicitly when q->unit is not the one wanted). */
PetscErrorCode CaseQtyOf(Loader *L, const Val *v, const Qty *q, const char *unit, PetscReal *out) {
  char why[512];
  PetscBool ok;
  PetscFunctionBeginUser;
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  if (!unit) unit = q->unit;
  if (!v->str) {
    CaseFail(L, v, "expected %s (e.g. \"%s\")%s", q->what, q->example,
             v->isnull                                       ? ""
             : v->node && v->node->type == YAML_MAPPING_NODE ? ", not a map"
                                                             : ", not a list");
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  PetscCall(FvUnitsConvert(L->units, v->str, unit, out, &ok, why, sizeof why));
  if (!ok)
    CaseFail(L, v, "expected %s (e.g. \"%s\"): %s", q->what, q->example, why);
  else if (!CaseInRange(q, *out))
    CaseFail(L, v, "expected %s (e.g. \"%s\")", q->what, q->example);
  else if (q->limit > 0 && *out > q->limit) /* fvcell's ceiling (docs/limits.md): a thickness
                                               of 1e300 m is a positive length, but no cell */
    CaseFailLimit(L, v, (double)q->limit, unit);
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Key `name` of s as a quantity; def when absent and not required. */
PetscErrorCode CaseGetQty(Loader *L, const Sec *s, const char *name, const Qty *q,
                          PetscBool required, PetscReal def, Val *v, PetscReal *out) {
  PetscFunctionBeginUser;
  *out = def;
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(CaseLookup(L, s, name, v));
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  if (!v->present) {
    if (required) CaseFail(L, v, "expected %s (e.g. \"%s\")", q->what, q->example);
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  PetscCall(CaseQtyOf(L, v, q, NULL, out));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Value v as an integer in [lo, hi] (*out unchanged on an error). */
void CaseIntOf(Loader *L, const Val *v, PetscInt lo, PetscInt hi, const char *what,
               const char *example, PetscInt *out) {
  char *end;
  long x;
  if (L->failed) return;
  if (!v->str) {
    CaseFail(L, v, "expected %s (e.g. %s)", what, example);
    return;
  }
  errno = 0;
  x     = strtol(v->str, &end, 10);
  while (isspace((unsigned char)*end))
    end++;
  if (end == v->str || *end || errno || x < lo || x > hi)
    CaseFail(L, v, "expected %s (e.g. %s)", what, example);
  else
    *out = (PetscInt)x;
}

/* An integer key; altopt, when given, is another option name that also sets it (-cycles). */
PetscErrorCode CaseGetIntAlt(Loader *L, const Sec *s, const char *name, const char *altopt,
                             PetscInt lo, PetscInt hi, const char *what, const char *example,
                             PetscInt def, PetscInt *out) {
  Val v;
  PetscFunctionBeginUser;
  *out = def;
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(CaseLookupAlt(L, s, name, altopt, &v));
  if (L->failed || !v.present) PetscFunctionReturn(PETSC_SUCCESS);
  CaseIntOf(L, &v, lo, hi, what, example, out);
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* An integer key with fvcell's limit above its valid range [lo, hi]. */
PetscErrorCode CaseGetIntLimit(Loader *L, const Sec *s, const char *name, const char *altopt,
                               PetscInt lo, PetscInt hi, PetscInt limit, const char *what,
                               const char *example, PetscInt def, PetscInt *out) {
  Val v;
  PetscFunctionBeginUser;
  *out = def;
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(CaseLookupAlt(L, s, name, altopt, &v));
  if (L->failed || !v.present) PetscFunctionReturn(PETSC_SUCCESS);
  CaseIntOf(L, &v, lo, hi, what, example, out);
  if (!L->failed && *out > limit) CaseFailLimit(L, &v, (double)limit, NULL);
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode CaseGetInt(Loader *L, const Sec *s, const char *name, PetscInt lo, PetscInt hi,
                          const char *what, const char *example, PetscInt def, PetscInt *out) {
  PetscFunctionBeginUser;
  PetscCall(CaseGetIntAlt(L, s, name, NULL, lo, hi, what, example, def, out));
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Look name up and match it against words: *idx = its index when it is one of them; *other =
 * PETSC_TRUE when it is present but none of them (the caller says what was expected). */
PetscErrorCode CaseMatchWord(Loader *L, const Sec *s, const char *name, const char *const *words,
                             int *idx, Val *v, PetscBool *other) {
  PetscFunctionBeginUser;
  *other = PETSC_FALSE;
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(CaseLookup(L, s, name, v));
  if (L->failed || !v->present) PetscFunctionReturn(PETSC_SUCCESS);
  if (v->str)
    for (int i = 0; words[i]; i++)
      if (!strcmp(v->str, words[i])) {
        *idx = i;
        PetscFunctionReturn(PETSC_SUCCESS);
      }
  *other = PETSC_TRUE;
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* One of a list of words; *idx = index in words, def when absent. */
PetscErrorCode CaseGetWord(Loader *L, const Sec *s, const char *name, const char *const *words,
                           const char *what, int def, int *idx, Val *v) {
  PetscBool other;
  PetscFunctionBeginUser;
  *idx = def;
  PetscCall(CaseMatchWord(L, s, name, words, idx, v, &other));
  if (other) CaseFail(L, v, "expected %s", what);
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode CaseGetBool(Loader *L, const Sec *s, const char *name, PetscBool def,
                           PetscBool *out) {
  static const char *const words[] = {"false", "False", "FALSE", "no",  "No", "off", "true",
                                      "True",  "TRUE",  "yes",   "Yes", "on", NULL};
  int idx;
  Val v;
  PetscFunctionBeginUser;
  PetscCall(CaseGetWord(L, s, name, words, "true or false", def ? 6 : 0, &idx, &v));
  *out = (PetscBool)(idx >= 6);
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* A text value (name, description). */
PetscErrorCode CaseGetText(Loader *L, const Sec *s, const char *name, char *out, size_t n, Val *v) {
  PetscFunctionBeginUser;
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(CaseLookup(L, s, name, v));
  if (L->failed || !v->present) PetscFunctionReturn(PETSC_SUCCESS);
  if (!v->str) {
    CaseFail(L, v, "expected a text");
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  if (strlen(v->str) >= n) {
    CaseFail(L, v, "expected a text of at most %d characters", (int)n - 1);
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  CaseSfmt(out, n, "%s", v->str);
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode CaseGetSection(Loader *L, const Sec *root, const char *name,
                              const char *const *known, PetscBool required, const char *what,
                              Sec *s) {
  Val v;
  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(s, sizeof *s));
  if (L->failed) PetscFunctionReturn(PETSC_SUCCESS);
  PetscCall(CaseLookup(L, root, name, &v));
  if (!v.present && required) {
    CaseFail(L, &v, "expected a section: %s", what);
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  CaseOpenSection(L, &v, known, what, s);
  PetscFunctionReturn(PETSC_SUCCESS);
}

/* Read section s over its material m: keys the case does not give come from the material. */
void CaseAttachMaterial(Sec *s, MatFile *m) {
  if (!m || !s->map) return;
  s->fdoc = &m->doc;
  s->fmap = m->root;
  s->forg = m;
}
