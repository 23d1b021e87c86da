/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The lattice of the flow rules (frozen-arith, unfreeze-unfrozen and the
 * flow part of raw-set-count), shared by the two engines that run them
 * over SSA code: the plugin on GIMPLE (plugin/flow*.c) and the sparse
 * engine on sparse's linearized code (sparse/flow*.c).  Pure operations on
 * values; what moves them (rules/api.def's kinds) and how states meet at
 * a merge are the engines'.  docs/design.md, "Flow rules".
 */
#ifndef REFGUARD_FROZEN_STATE_H
#define REFGUARD_FROZEN_STATE_H

#include <stdbool.h>
#include <stdint.h>

#include "catalogue.h"

/*
 * Facts about one page along a set of paths.  "Unknown" is no bit set;
 * the join of two path sets ORs RG_MAY_FROZEN and ANDs the other two.
 */
#define RG_MAY_FROZEN	1	/* frozen on at least one path */
#define RG_ALL_FROZEN	2	/* frozen on every path */
#define RG_ALL_LIVE	4	/* live (not frozen) on every path */
#define RG_NO_PATH	8	/* alone: no path gets here (see the guard) */

/*
 * Where a freeze that reaches here was made: the engine's source position
 * as a number that orders positions as the source does, 0 for none (the
 * plugin's location_t; the sparse engine packs stream, line and column).
 */
typedef uint64_t rg_site;

struct rg_side {
	unsigned char bits;
	rg_site site;		/* if RG_MAY_FROZEN: the earliest freeze */
};

/*
 * The engine's name for an SSA value as a number, 0 for none (the
 * plugin's SSA_NAME_VERSION, the sparse engine's pseudo).
 */
typedef uintptr_t rg_guard;

/*
 * One page's state.  A freeze's outcome is only known where its result
 * is tested, maybe much later: until then the state is split by the
 * guard (the call's result, or a PHI of constants built from it).  t
 * holds when the guard is non-zero, f when it is zero; without a guard t
 * and f are equal.  Reports look at the join of both.  A branch on the
 * guard keeps it and makes the other side RG_NO_PATH, so a second test of
 * the same result (`if (frozen) ...; if (frozen) page_ref_unfreeze(...)`)
 * still knows which paths froze the page.
 */
struct rg_obj_state {
	struct rg_side t, f;
	rg_guard guard;
};

struct rg_side rg_side_frozen(rg_site site);
struct rg_side rg_side_live(void);
struct rg_side rg_side_unknown(void);
struct rg_side rg_side_no_path(void);
struct rg_side rg_side_get(struct rg_side s);	/* take references */
struct rg_side rg_side_put(struct rg_side s);	/* drop references */
bool rg_side_equal(const struct rg_side *a, const struct rg_side *b);
/* ACC joined with S (ACC empty while !*SEEN). */
void rg_side_join(struct rg_side *acc, const struct rg_side *s, bool *seen);

/* The state over all paths, whatever the guard's value. */
struct rg_side rg_state_view(const struct rg_obj_state *st);
bool rg_state_equal(const struct rg_obj_state *a, const struct rg_obj_state *b);
void rg_state_set(struct rg_obj_state *st, struct rg_side s);
/* T where GUARD is non-zero, F where it is zero. */
void rg_state_split(struct rg_obj_state *st, rg_guard guard,
		    struct rg_side t, struct rg_side f);
/* FN applied to both sides. */
void rg_state_map(struct rg_obj_state *st, struct rg_side (*fn)(struct rg_side));

/*
 * What a call of an API kind does (rules/kinds.def's check and effect),
 * for a page whose state over all paths before it is VIEW, the call at
 * SITE: report CHECK (RG_NR_RULES: nothing), then the page is
 *   RG_EFFECT_KEEP	unchanged
 *   RG_EFFECT_SET	T on every path
 *   RG_EFFECT_SPLIT	split by the call's result: T where it is non-zero,
 *			F where it is zero (an engine without the result
 *			joins them)
 *   RG_EFFECT_MAP	MAP (rg_side_get or rg_side_put) on both sides
 * RG_SET (BY_VALUE) depends on the count: the engines decide it.
 */
enum rg_effect_how { RG_EFFECT_KEEP, RG_EFFECT_SET, RG_EFFECT_SPLIT, RG_EFFECT_MAP };

struct rg_call_effect {
	enum rg_rule check;
	enum rg_effect_how how;
	struct rg_side t, f;
	struct rg_side (*map)(struct rg_side);
};

struct rg_call_effect rg_call_effect(enum rg_api_kind kind, struct rg_side view,
				     rg_site site);
/* Does a call of KIND freeze the page on some outcome? */
bool rg_kind_freezes(enum rg_api_kind kind);
/*
 * Can a call of KIND begin a flow finding: does it freeze the page, or is
 * it checked against a live one?  A function calling no such kind gets
 * none (its pages are never frozen, and nothing checks them live).
 */
bool rg_kind_starts_flow(enum rg_api_kind kind);

#endif
