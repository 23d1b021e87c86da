// SPDX-License-Identifier: GPL-2.0
/* PLACEHOLDER: the syntactic engine (raw-set-count, direct-refcount). */
#include "refguard.h"

void rg_syntactic_register(const char *plugin_name)
{
}
