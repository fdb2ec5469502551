/* case_limits.h -- fvcell's stated limits on its inputs, checked when a case loads.
 *
 * Owns: every maximum the case loader enforces beyond a key's physical range.  Each limit keeps
 * a hostile or mistyped input from exhausting the machine (memory, time) before anything runs,
 * and each is refused with a one-line message naming the file, the key, the value and the limit.
 * docs/limits.md lists them with their reasons; keep the two in step.
 */
#pragma once

/* Case, table (CSV) and material files: regular files of at most this many bytes.  The largest
 * shipped file is under 10 kB; a device such as /dev/zero would otherwise be read until memory
 * runs out. */
#define FV_LIMIT_FILE_BYTES (4L * 1024 * 1024)

/* Nesting of YAML maps and lists: a case needs 5 levels; libyaml takes quadratic time on very
 * deep nesting (100k levels: 49 s). */
#define FV_LIMIT_YAML_DEPTH 32

/* Control volumes across one region, along y or z, and radial shells of a particle.  The
 * particle block of the Jacobian is dense in the shells (shells^2 entries per cell). */
#define FV_LIMIT_REGION_CELLS 100000
#define FV_LIMIT_AXIS_CELLS 4096
#define FV_LIMIT_SHELLS 200

/* Repetitions of the protocol (each cycle adds output records). */
#define FV_LIMIT_CYCLES 10000

/* A C-rate (the rates list and the operation's rates): beyond it no cell model is valid. */
#define FV_LIMIT_C_RATE 1000.0

/* Voxel images (a field's `kind: voxel`): at most this many voxels (1 GiB as doubles). */
#define FV_LIMIT_VOXELS (128L * 1024 * 1024)

/* The share of this machine's physical memory a run may be estimated to need (see
 * CaseCheckMemory in case_limits.c). */
#define FV_LIMIT_MEMORY_SHARE 0.75
