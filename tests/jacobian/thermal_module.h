/* thermal_module.h -- a test-only temperature module and case (thermal_module.c). */
#pragma once
#include "module.h"

extern const FvModule FvModuleTestThermal;
/* Give every property of c a temperature dependence (activation energies, an entropic coefficient,
 * a film) where it has none. */
void FvTestThermalCase(FvCase *c);
