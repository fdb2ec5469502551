/* example_module.h -- the worked example module of docs/modules.md (example_module.c). */
#pragma once
#include "module.h"

extern const FvModule FvModuleExample;
