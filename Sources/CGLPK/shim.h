#ifndef RELIEF_CGLPK_SHIM_H
#define RELIEF_CGLPK_SHIM_H
#include <glpk.h>
#endif
