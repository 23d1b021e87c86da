// SPDX-License-Identifier: GPL-2.0
/* PLACEHOLDER: the frozen-state flow pass (frozen-arith, unfreeze-unfrozen). */
#include "refguard.h"

void rg_flow_register(const char *plugin_name)
{
}
