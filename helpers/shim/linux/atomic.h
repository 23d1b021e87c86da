/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stands in for include/linux/atomic.h: the atomic_t API on GCC __atomic
 * builtins, with the kernel's ordering rules (Documentation/atomic_t.txt):
 *
 *  - value-returning RMW ops (add_return, fetch_*, xchg, cmpxchg,
 *    *_and_test, ...) are fully ordered (__ATOMIC_SEQ_CST);
 *  - non-value-returning RMW ops (add, sub, inc, and, ...) and
 *    atomic_read()/atomic_set() are relaxed;
 *  - _relaxed/_acquire/_release variants are what they say;
 *  - a failed cmpxchg gives no ordering at all (relaxed failure order),
 *    so code relying on one is caught by ThreadSanitizer.
 *
 * Composite ops (fetch_add_unless, inc_not_zero, ...) are built from
 * atomic_read() and atomic_try_cmpxchg() exactly like the kernel's generic
 * fallbacks (include/linux/atomic/atomic-arch-fallback.h), so the
 * interleaving explorer sees their real steps.
 *
 * Arithmetic wraps, as the kernel's (built with -fno-strict-overflow).
 *
 * With RG_HOOKS defined every primitive op calls rg_atomic_hooks->before
 * (a scheduling point for the explorer) and ->after (old and new value,
 * for traces) around the access.
 */
#ifndef _LINUX_ATOMIC_H
#define _LINUX_ATOMIC_H

#include <linux/compiler.h>
#include <linux/types.h>

#ifdef RG_HOOKS
struct rg_atomic_hooks {
	void (*before)(const atomic_t *v, const char *op);
	void (*after)(const atomic_t *v, const char *op, int old, int new);
};
extern const struct rg_atomic_hooks *rg_atomic_hooks;

#define rg_atomic_before(v, op) do {					\
	if (rg_atomic_hooks)						\
		rg_atomic_hooks->before(v, op);				\
} while (0)
#define rg_atomic_after(v, op, o, n) do {				\
	if (rg_atomic_hooks)						\
		rg_atomic_hooks->after(v, op, o, n);			\
} while (0)
#else
#define rg_atomic_before(v, op)		do { } while (0)
#define rg_atomic_after(v, op, o, n)	do { } while (0)
#endif

#define __RG_FULL	__ATOMIC_SEQ_CST
#define __RG_RELAXED	__ATOMIC_RELAXED
#define __RG_ACQUIRE	__ATOMIC_ACQUIRE
#define __RG_RELEASE	__ATOMIC_RELEASE

/* Wrapping int arithmetic for the "new value" of a traced RMW. */
#define __rg_wrap(a, c_op, b)	((int)((unsigned int)(a) c_op (unsigned int)(b)))

static __always_inline int atomic_read(const atomic_t *v)
{
	int val;

	rg_atomic_before(v, "atomic_read");
	val = __atomic_load_n(&v->counter, __RG_RELAXED);
	rg_atomic_after(v, "atomic_read", val, val);
	return val;
}

static __always_inline int atomic_read_acquire(const atomic_t *v)
{
	int val;

	rg_atomic_before(v, "atomic_read_acquire");
	val = __atomic_load_n(&v->counter, __RG_ACQUIRE);
	rg_atomic_after(v, "atomic_read_acquire", val, val);
	return val;
}

#define __RG_SET(name, order)						\
static __always_inline void name(atomic_t *v, int i)			\
{									\
	int old;							\
									\
	rg_atomic_before(v, #name);					\
	old = __atomic_exchange_n(&v->counter, i, order);		\
	rg_atomic_after(v, #name, old, i);				\
}
/*
 * An exchange rather than a store only so traces can show the value
 * overwritten; the ordering is that of the store.
 */
__RG_SET(atomic_set, __RG_RELAXED)
__RG_SET(atomic_set_release, __RG_RELEASE)

/* RMW returning the new (ret_new) or the old value; void ops discard it. */
#define __RG_RMW(name, rtype, builtin, c_op, i_expr, order, ret)	\
static __always_inline rtype name(int i, atomic_t *v)			\
{									\
	int old, new, arg = (i_expr);					\
									\
	rg_atomic_before(v, #name);					\
	old = builtin(&v->counter, arg, order);				\
	new = __rg_wrap(old, c_op, arg);				\
	rg_atomic_after(v, #name, old, new);				\
	(void)new;							\
	return (rtype)(ret);						\
}

#define __RG_RMW_VOID(name, builtin, c_op, i_expr)			\
	__RG_RMW(name, void, builtin, c_op, i_expr, __RG_RELAXED, 0)

#define __RG_RMW_ORDERS(prefix, suffix, builtin, c_op, i_expr, ret)	\
	__RG_RMW(prefix##suffix, int, builtin, c_op, i_expr, __RG_FULL, ret) \
	__RG_RMW(prefix##suffix##_relaxed, int, builtin, c_op, i_expr, __RG_RELAXED, ret) \
	__RG_RMW(prefix##suffix##_acquire, int, builtin, c_op, i_expr, __RG_ACQUIRE, ret) \
	__RG_RMW(prefix##suffix##_release, int, builtin, c_op, i_expr, __RG_RELEASE, ret)

__RG_RMW_VOID(atomic_add, __atomic_fetch_add, +, i)
__RG_RMW_VOID(atomic_sub, __atomic_fetch_sub, -, i)
__RG_RMW_VOID(atomic_and, __atomic_fetch_and, &, i)
__RG_RMW_VOID(atomic_andnot, __atomic_fetch_and, &, ~i)
__RG_RMW_VOID(atomic_or, __atomic_fetch_or, |, i)
__RG_RMW_VOID(atomic_xor, __atomic_fetch_xor, ^, i)

__RG_RMW_ORDERS(atomic_add, _return, __atomic_fetch_add, +, i, new)
__RG_RMW_ORDERS(atomic_sub, _return, __atomic_fetch_sub, -, i, new)
__RG_RMW_ORDERS(atomic_fetch_, add, __atomic_fetch_add, +, i, old)
__RG_RMW_ORDERS(atomic_fetch_, sub, __atomic_fetch_sub, -, i, old)
__RG_RMW_ORDERS(atomic_fetch_, and, __atomic_fetch_and, &, i, old)
__RG_RMW_ORDERS(atomic_fetch_, andnot, __atomic_fetch_and, &, ~i, old)
__RG_RMW_ORDERS(atomic_fetch_, or, __atomic_fetch_or, |, i, old)
__RG_RMW_ORDERS(atomic_fetch_, xor, __atomic_fetch_xor, ^, i, old)

/* inc/dec: their own names in traces, the add/sub builtins underneath. */
#define __RG_INCDEC(name, builtin, c_op, rtype, order, ret)		\
static __always_inline rtype name(atomic_t *v)				\
{									\
	int old, new;							\
									\
	rg_atomic_before(v, #name);					\
	old = builtin(&v->counter, 1, order);				\
	new = __rg_wrap(old, c_op, 1);					\
	rg_atomic_after(v, #name, old, new);				\
	(void)new;							\
	return (rtype)(ret);						\
}

#define __RG_INCDEC_ORDERS(name, builtin, c_op, ret)			\
	__RG_INCDEC(name, builtin, c_op, int, __RG_FULL, ret)		\
	__RG_INCDEC(name##_relaxed, builtin, c_op, int, __RG_RELAXED, ret) \
	__RG_INCDEC(name##_acquire, builtin, c_op, int, __RG_ACQUIRE, ret) \
	__RG_INCDEC(name##_release, builtin, c_op, int, __RG_RELEASE, ret)

__RG_INCDEC(atomic_inc, __atomic_fetch_add, +, void, __RG_RELAXED, 0)
__RG_INCDEC(atomic_dec, __atomic_fetch_sub, -, void, __RG_RELAXED, 0)
__RG_INCDEC_ORDERS(atomic_inc_return, __atomic_fetch_add, +, new)
__RG_INCDEC_ORDERS(atomic_dec_return, __atomic_fetch_sub, -, new)
__RG_INCDEC_ORDERS(atomic_fetch_inc, __atomic_fetch_add, +, old)
__RG_INCDEC_ORDERS(atomic_fetch_dec, __atomic_fetch_sub, -, old)
/* Fully ordered tests, one RMW each, as the kernel's. */
__RG_INCDEC(atomic_dec_and_test, __atomic_fetch_sub, -, bool, __RG_FULL, new == 0)
__RG_INCDEC(atomic_inc_and_test, __atomic_fetch_add, +, bool, __RG_FULL, new == 0)
__RG_RMW(atomic_sub_and_test, bool, __atomic_fetch_sub, -, i, __RG_FULL, new == 0)
__RG_RMW(atomic_add_negative, bool, __atomic_fetch_add, +, i, __RG_FULL, new < 0)
__RG_RMW(atomic_add_negative_relaxed, bool, __atomic_fetch_add, +, i, __RG_RELAXED, new < 0)
__RG_RMW(atomic_add_negative_acquire, bool, __atomic_fetch_add, +, i, __RG_ACQUIRE, new < 0)
__RG_RMW(atomic_add_negative_release, bool, __atomic_fetch_add, +, i, __RG_RELEASE, new < 0)

#define __RG_XCHG(name, order)						\
static __always_inline int name(atomic_t *v, int new)			\
{									\
	int old;							\
									\
	rg_atomic_before(v, #name);					\
	old = __atomic_exchange_n(&v->counter, new, order);		\
	rg_atomic_after(v, #name, old, new);				\
	return old;							\
}
__RG_XCHG(atomic_xchg, __RG_FULL)
__RG_XCHG(atomic_xchg_relaxed, __RG_RELAXED)
__RG_XCHG(atomic_xchg_acquire, __RG_ACQUIRE)
__RG_XCHG(atomic_xchg_release, __RG_RELEASE)

/* A failed compare-and-exchange is relaxed, whatever the variant. */
#define __RG_TRY_CMPXCHG(name, order)					\
static __always_inline bool name(atomic_t *v, int *old, int new)	\
{									\
	int expect = *old;						\
	bool ok;							\
									\
	rg_atomic_before(v, #name);					\
	ok = __atomic_compare_exchange_n(&v->counter, &expect, new,	\
					 false, order, __RG_RELAXED);	\
	rg_atomic_after(v, #name, ok ? *old : expect, ok ? new : expect); \
	*old = expect;							\
	return ok;							\
}
__RG_TRY_CMPXCHG(atomic_try_cmpxchg, __RG_FULL)
__RG_TRY_CMPXCHG(atomic_try_cmpxchg_relaxed, __RG_RELAXED)
__RG_TRY_CMPXCHG(atomic_try_cmpxchg_acquire, __RG_ACQUIRE)
__RG_TRY_CMPXCHG(atomic_try_cmpxchg_release, __RG_RELEASE)

#define __RG_CMPXCHG(name, order)					\
static __always_inline int name(atomic_t *v, int old, int new)		\
{									\
	int expect = old;						\
	bool ok;							\
									\
	rg_atomic_before(v, #name);					\
	ok = __atomic_compare_exchange_n(&v->counter, &expect, new,	\
					 false, order, __RG_RELAXED);	\
	rg_atomic_after(v, #name, expect, ok ? new : expect);		\
	return expect;							\
}
__RG_CMPXCHG(atomic_cmpxchg, __RG_FULL)
__RG_CMPXCHG(atomic_cmpxchg_relaxed, __RG_RELAXED)
__RG_CMPXCHG(atomic_cmpxchg_acquire, __RG_ACQUIRE)
__RG_CMPXCHG(atomic_cmpxchg_release, __RG_RELEASE)

/* The kernel's generic fallbacks: a read, then a try_cmpxchg loop. */
static __always_inline int atomic_fetch_add_unless(atomic_t *v, int a, int u)
{
	int c = atomic_read(v);

	do {
		if (unlikely(c == u))
			break;
	} while (!atomic_try_cmpxchg(v, &c, __rg_wrap(c, +, a)));
	return c;
}

static __always_inline bool atomic_add_unless(atomic_t *v, int a, int u)
{
	return atomic_fetch_add_unless(v, a, u) != u;
}

static __always_inline bool atomic_inc_not_zero(atomic_t *v)
{
	return atomic_add_unless(v, 1, 0);
}

static __always_inline bool atomic_inc_unless_negative(atomic_t *v)
{
	int c = atomic_read(v);

	do {
		if (unlikely(c < 0))
			return false;
	} while (!atomic_try_cmpxchg(v, &c, __rg_wrap(c, +, 1)));
	return true;
}

static __always_inline bool atomic_dec_unless_positive(atomic_t *v)
{
	int c = atomic_read(v);

	do {
		if (unlikely(c > 0))
			return false;
	} while (!atomic_try_cmpxchg(v, &c, __rg_wrap(c, -, 1)));
	return true;
}

static __always_inline int atomic_dec_if_positive(atomic_t *v)
{
	int dec, c = atomic_read(v);

	do {
		dec = __rg_wrap(c, -, 1);
		if (unlikely(dec < 0))
			break;
	} while (!atomic_try_cmpxchg(v, &c, dec));
	return dec;
}

#endif
