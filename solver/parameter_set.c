/* parameter_set.c -- the registry of named published parameter sets (see parameter_set.h).
 *
 * Each entry names the shipped case file that holds the set; the case file's header comment
 * carries the full provenance of every value, docs/parameter-sets.md the check values the tests
 * hold each set to.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parameter_set.h"
#include "case.h" /* FV_PATH_LEN */
#include "edit_distance.h"

static const FvParameterSet sets[] = {
    {"DUALFOIL", "reference/dualfoil.yaml",
     "DUALFOIL 5.1 default cell: MCMB 2528 graphite | LiPF6 EC:DMC | LiCoO2 (fvcell's default "
     "case)",
     "dualfoil5.in / dualfoil5.1.f of DUALFOIL 5.1 (Doyle, Fuller, Newman; "
     "github.com/dansteingart/dualfoil5 at 0efd762)"},
    {"Marquis2019", "reference/marquis2019.yaml",
     "PyBaMM's default set, Kokam SLPB78205130H: graphite | LiPF6 EC:DMC | LiCoO2",
     "Marquis et al., J. Electrochem. Soc. 166, A3693 (2019), doi:10.1149/2.0341915jes; "
     "PyBaMM Marquis2019.py"},
    {"Chen2020", "reference/chen2020.yaml",
     "LG M50 21700 (5 A h): graphite | LiPF6 EC:EMC 3:7 | NMC 811",
     "Chen et al., J. Electrochem. Soc. 167, 080534 (2020), doi:10.1149/1945-7111/ab9050; "
     "PyBaMM Chen2020.py"},
    {"Chayambuka2022", "nib_hardcarbon_nvpf.yaml",
     "sodium ion (3 mA h): hard carbon | 1 M NaPF6 EC:PC | Na3V2(PO4)2F3",
     "Chayambuka et al., Electrochim. Acta 404, 139764 (2022), "
     "doi:10.1016/j.electacta.2021.139764; "
     "PyBaMM Chayambuka2022.py"},
    {"Xu2019", "li_metal_nmc_xu2019.yaml",
     "lithium-metal half cell (2.4 mA h): Li foil | LiPF6 (Valoen-Reimers) | NMC",
     "Xu et al., J. Electrochem. Soc. 166, A3456 (2019); Valoen and Reimers, J. Electrochem. Soc. "
     "152, A882 (2005); PyBaMM Xu2019.py"},
    {"Ecker2015", "reference/ecker2015.yaml",
     "Kokam SLPB 75106100, one electrode pair (0.156 A h): graphite | LiPF6 EC:DMC | NCO",
     "Ecker et al., J. Electrochem. Soc. 162, A1836 and A1849 (2015), doi:10.1149/2.0541509jes; "
     "Richardson et al., Electrochim. Acta 339, 135862 (2020); PyBaMM Ecker2015.py"},
};

const FvParameterSet *FvParameterSets(PetscInt *n) {
  *n = (PetscInt)(sizeof sets / sizeof sets[0]);
  return sets;
}

static int EqualNoCase(const char *a, const char *b) {
  for (; *a && *b; a++, b++)
    if (tolower((unsigned char)*a) != tolower((unsigned char)*b)) return 0;
  return !*a && !*b;
}

const FvParameterSet *FvParameterSetFind(const char *name) {
  for (size_t i = 0; i < sizeof sets / sizeof sets[0]; i++)
    if (EqualNoCase(sets[i].name, name)) return &sets[i];
  return NULL;
}

PetscErrorCode FvParameterSetPath(const FvParameterSet *s, char *path, size_t len) {
  const char *env = getenv("FVCELL_CASES");
  PetscFunctionBeginUser;
  snprintf(path, len, "%s/%s", env && env[0] ? env : FVCELL_SOURCE_DIR "/cases", s->file);
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvParameterSetFromOptions(MPI_Comm comm, char *path, size_t len, PetscBool *given,
                                         PetscBool *ok) {
  char name[256] = "";
  const FvParameterSet *s;
  PetscFunctionBeginUser;
  *ok = PETSC_TRUE;
  PetscOptionsBegin(comm, NULL, "Named parameter sets (`fvcell parameter-sets` lists them)", NULL);
  PetscCall(
      PetscOptionsString("-parameter_set",
                         "Run or check a published parameter set by name (DUALFOIL, "
                         "Marquis2019, Chen2020, Chayambuka2022, Xu2019) instead of a case file",
                         NULL, name, name, sizeof name, given));
  PetscOptionsEnd();
  if (!*given) PetscFunctionReturn(PETSC_SUCCESS);
  s = FvParameterSetFind(name);
  if (s) {
    PetscCall(FvParameterSetPath(s, path, len));
    PetscFunctionReturn(PETSC_SUCCESS);
  }
  {
    char list[512]   = "";
    const char *best = NULL;
    size_t bestd     = FV_EDIT_FAR;
    for (size_t i = 0; i < sizeof sets / sizeof sets[0]; i++) {
      const size_t d = FvEditDistance(name, sets[i].name, 1);
      if (d < bestd) bestd = d, best = sets[i].name;
      PetscCall(PetscStrlcat(list, i ? ", " : "", sizeof list));
      PetscCall(PetscStrlcat(list, sets[i].name, sizeof list));
    }
    *ok = PETSC_FALSE;
    if (bestd <= 3)
      PetscCall(
          PetscFPrintf(comm, PETSC_STDERR,
                       "command line: -parameter_set: \"%s\": expected the name of a parameter "
                       "set (did you mean \"%s\"? known: %s)\n",
                       name, best, list));
    else
      PetscCall(
          PetscFPrintf(comm, PETSC_STDERR,
                       "command line: -parameter_set: \"%s\": expected the name of a parameter "
                       "set (known: %s)\n",
                       name, list));
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}

PetscErrorCode FvParameterSetsView(MPI_Comm comm) {
  PetscFunctionBeginUser;
  PetscCall(PetscPrintf(comm, "published parameter sets (use as -parameter_set NAME):\n"));
  for (size_t i = 0; i < sizeof sets / sizeof sets[0]; i++) {
    char path[FV_PATH_LEN];
    PetscCall(FvParameterSetPath(&sets[i], path, sizeof path));
    PetscCall(PetscPrintf(comm, "  %-15s %s\n  %-15s   case file: %s\n  %-15s   source: %s\n",
                          sets[i].name, sets[i].description, "", path, "", sets[i].source));
  }
  PetscFunctionReturn(PETSC_SUCCESS);
}
