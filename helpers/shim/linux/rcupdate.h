/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stands in for include/linux/rcupdate.h.  Nothing in the harness frees
 * struct page memory (pages are recycled, never unmapped), so read-side
 * critical sections have nothing to protect: they only check nesting.
 */
#ifndef __LINUX_RCUPDATE_H
#define __LINUX_RCUPDATE_H

static inline void rcu_read_lock(void)
{
}

static inline void rcu_read_unlock(void)
{
}

#endif
