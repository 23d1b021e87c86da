/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stands in for include/linux/mmdebug.h as built with CONFIG_DEBUG_VM:
 * every VM_BUG_ON* and VM_WARN* is live and fails loudly, naming the
 * file and line of the check (in page_ref.h, since these are macros) and
 * the condition.  A warning counts as a failure: a helper that warns on
 * a legal use is as wrong as one that crashes.
 */
#ifndef LINUX_MM_DEBUG_H
#define LINUX_MM_DEBUG_H 1

#include <stdbool.h>
#include <linux/compiler.h>

/* The harness decides what "fail" means: end the test, or the run. */
void rg_vm_bug(const char *kind, const char *file, int line, const char *cond);

/*
 * The assertion check (helpers/harness/asserts.c) must know which checks
 * a helper evaluated, not only which fired: while rg_vm_trace is set,
 * every evaluation is reported to rg_vm_check() first.
 */
extern bool rg_vm_trace;
void rg_vm_check(const char *kind, const char *file, int line, const char *cond,
		 bool fired);

#ifdef RG_NO_DEBUG_VM
/* As without CONFIG_DEBUG_VM (for benchmarks): type-checked, not run. */
#define __RG_VM_CHECK(kind, cond) ({ (void)sizeof(!!(cond)); false; })
#else
#define __RG_VM_CHECK(kind, cond) ({					\
	bool __c = !!(cond);						\
	if (unlikely(rg_vm_trace))					\
		rg_vm_check(kind, __FILE__, __LINE__, #cond, __c);	\
	if (unlikely(__c))						\
		rg_vm_bug(kind, __FILE__, __LINE__, #cond);		\
	__c;								\
})
#endif

#define VM_BUG_ON(cond)			((void)__RG_VM_CHECK("VM_BUG_ON", cond))
#define VM_BUG_ON_PAGE(cond, page)	((void)__RG_VM_CHECK("VM_BUG_ON_PAGE", cond))
#define VM_BUG_ON_FOLIO(cond, folio)	((void)__RG_VM_CHECK("VM_BUG_ON_FOLIO", cond))
#define VM_WARN_ON(cond)		__RG_VM_CHECK("VM_WARN_ON", cond)
#define VM_WARN_ON_ONCE(cond)		__RG_VM_CHECK("VM_WARN_ON_ONCE", cond)
#define VM_WARN_ON_PAGE(cond, page)	__RG_VM_CHECK("VM_WARN_ON_PAGE", cond)
#define VM_WARN_ON_ONCE_PAGE(cond, page) __RG_VM_CHECK("VM_WARN_ON_ONCE_PAGE", cond)
#define VM_WARN_ON_FOLIO(cond, folio)	__RG_VM_CHECK("VM_WARN_ON_FOLIO", cond)
#define VM_WARN_ON_ONCE_FOLIO(cond, folio) __RG_VM_CHECK("VM_WARN_ON_ONCE_FOLIO", cond)
#define VM_WARN_ONCE(cond, fmt...)	__RG_VM_CHECK("VM_WARN_ONCE", cond)
#define VM_WARN(cond, fmt...)		__RG_VM_CHECK("VM_WARN", cond)
#define BUG_ON(cond)			((void)__RG_VM_CHECK("BUG_ON", cond))
#define WARN_ON(cond)			__RG_VM_CHECK("WARN_ON", cond)
#define WARN_ON_ONCE(cond)		__RG_VM_CHECK("WARN_ON_ONCE", cond)

#endif
