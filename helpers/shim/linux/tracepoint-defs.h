/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stands in for include/linux/tracepoint-defs.h.  The harness never sets
 * CONFIG_DEBUG_PAGE_REF, so page_ref.h's tracepoint hooks compile to
 * nothing; DECLARE_TRACEPOINT() only has to be well-formed.
 */
#ifndef TRACEPOINT_DEFS_H
#define TRACEPOINT_DEFS_H 1

#define DECLARE_TRACEPOINT(tp)	extern int __rg_unused_tracepoint_##tp

#endif
