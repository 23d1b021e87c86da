// SPDX-License-Identifier: GPL-2.0
/*
 * The flow rules' lattice (frozen-state.h): a page's facts along a set
 * of paths, its state split by a guard, their joins, and the effect of
 * taking and dropping references.  Built into the plugin (as C++, like
 * the kernel's gcc-plugins) and into refguard for the sparse engine.
 */
#include <stddef.h>

#include "frozen-state.h"

static struct rg_side side_make(unsigned char bits, rg_site site)
{
	struct rg_side s;

	s.bits = bits;
	s.site = (bits & RG_MAY_FROZEN) ? site : 0;
	return s;
}

struct rg_side rg_side_frozen(rg_site site)
{
	return side_make(RG_MAY_FROZEN | RG_ALL_FROZEN, site);
}

struct rg_side rg_side_live(void)
{
	return side_make(RG_ALL_LIVE, 0);
}

struct rg_side rg_side_unknown(void)
{
	return side_make(0, 0);
}

struct rg_side rg_side_no_path(void)
{
	return side_make(RG_NO_PATH, 0);
}

bool rg_side_equal(const struct rg_side *a, const struct rg_side *b)
{
	return a->bits == b->bits && a->site == b->site;
}

/*
 * The freeze kept for the note is the earliest in the source, so that
 * the result does not depend on the order paths are visited in.
 */
void rg_side_join(struct rg_side *acc, const struct rg_side *s, bool *seen)
{
	unsigned char may, all;
	rg_site site;

	if (!*seen || (acc->bits & RG_NO_PATH)) {
		*acc = *s;
		*seen = true;
		return;
	}
	if (s->bits & RG_NO_PATH)
		return;
	may = (acc->bits | s->bits) & RG_MAY_FROZEN;
	all = (acc->bits & s->bits) & (RG_ALL_FROZEN | RG_ALL_LIVE);
	if (!(acc->bits & RG_MAY_FROZEN) || !acc->site)
		site = (s->bits & RG_MAY_FROZEN) && s->site ? s->site : acc->site;
	else if (!(s->bits & RG_MAY_FROZEN) || !s->site)
		site = acc->site;
	else
		site = s->site < acc->site ? s->site : acc->site;
	*acc = side_make(may | all, site);
}

struct rg_side rg_state_view(const struct rg_obj_state *st)
{
	struct rg_side v = st->t;
	bool seen = true;

	if (st->guard)
		rg_side_join(&v, &st->f, &seen);
	return v;
}

bool rg_state_equal(const struct rg_obj_state *a, const struct rg_obj_state *b)
{
	return a->guard == b->guard && rg_side_equal(&a->t, &b->t) &&
	       rg_side_equal(&a->f, &b->f);
}

void rg_state_set(struct rg_obj_state *st, struct rg_side s)
{
	st->t = s;
	st->f = s;
	st->guard = 0;
}

void rg_state_split(struct rg_obj_state *st, rg_guard guard,
		    struct rg_side t, struct rg_side f)
{
	st->t = t;
	st->f = f;
	st->guard = rg_side_equal(&t, &f) ? 0 : guard;
}

/* Take references: a live page stays live, a frozen path stays frozen. */
struct rg_side rg_side_get(struct rg_side s)
{
	if (s.bits & RG_NO_PATH)
		return s;
	return (s.bits & RG_MAY_FROZEN) ? side_make(s.bits & ~RG_ALL_LIVE, s.site)
					: rg_side_live();
}

/* Drop references: ownership may end, a frozen path stays frozen. */
struct rg_side rg_side_put(struct rg_side s)
{
	if (s.bits & RG_NO_PATH)
		return s;
	return (s.bits & RG_MAY_FROZEN) ? side_make(s.bits & ~RG_ALL_LIVE, s.site)
					: rg_side_unknown();
}

void rg_state_map(struct rg_obj_state *st, struct rg_side (*fn)(struct rg_side))
{
	rg_state_split(st, st->guard, fn(st->t), fn(st->f));
}

/* ------------------------------------------- what a call does */

enum check { CHECK_NONE, CHECK_IF_FROZEN, CHECK_IF_LIVE };
enum effect {
	EFFECT_KEEP, EFFECT_LIVE, EFFECT_FROZEN, EFFECT_UNKNOWN, EFFECT_GET,
	EFFECT_PUT, EFFECT_SPLIT_FROZEN, EFFECT_SPLIT_LIVE, EFFECT_BY_VALUE,
	EFFECT_SPLIT_TEST,
};

static const struct {
	enum check check;
	enum effect effect;
} kind_effects[] = {
#define KIND(id, name, summary, check, effect) { CHECK_##check, EFFECT_##effect },
#include "kinds.def"
#undef KIND
};

bool rg_kind_freezes(enum rg_api_kind kind)
{
	enum effect e = kind_effects[kind].effect;

	/* a predicate too: where it says frozen, the frozen state starts */
	return e == EFFECT_FROZEN || e == EFFECT_SPLIT_FROZEN || e == EFFECT_BY_VALUE ||
	       e == EFFECT_SPLIT_TEST;
}

bool rg_kind_starts_flow(enum rg_api_kind kind)
{
	return rg_kind_freezes(kind) || kind_effects[kind].check == CHECK_IF_LIVE;
}

struct rg_call_effect rg_call_effect(enum rg_api_kind kind, struct rg_side view,
				     rg_site site)
{
	struct rg_call_effect e;

	e.check = RG_NR_RULES;
	if (kind_effects[kind].check == CHECK_IF_FROZEN && (view.bits & RG_MAY_FROZEN))
		e.check = RG_RULE_FROZEN_ARITH;
	else if (kind_effects[kind].check == CHECK_IF_LIVE && (view.bits & RG_ALL_LIVE))
		e.check = RG_RULE_UNFREEZE_UNFROZEN;
	e.how = RG_EFFECT_SET;
	e.t = e.f = rg_side_unknown();
	e.map = NULL;
	switch (kind_effects[kind].effect) {
	case EFFECT_LIVE:
		e.t = rg_side_live();
		break;
	case EFFECT_FROZEN:
		e.t = rg_side_frozen(site);
		break;
	case EFFECT_UNKNOWN:
		break;
	case EFFECT_GET:
	case EFFECT_PUT:
		e.how = RG_EFFECT_MAP;
		e.map = kind_effects[kind].effect == EFFECT_GET ? rg_side_get : rg_side_put;
		break;
	case EFFECT_SPLIT_FROZEN:
		e.how = RG_EFFECT_SPLIT;
		e.t = rg_side_frozen(site);
		e.f = rg_side_get(view);
		break;
	case EFFECT_SPLIT_LIVE:
		e.how = RG_EFFECT_SPLIT;
		e.t = rg_side_live();
		e.f = view;
		break;
	case EFFECT_SPLIT_TEST:
		/*
		 * The predicate changes nothing; it tells.  Where it says
		 * frozen, the page is, since whichever freeze reached here
		 * (or, with none in sight, since the test); where it says
		 * not, it is live.
		 */
		e.how = RG_EFFECT_SPLIT;
		e.t = rg_side_frozen((view.bits & RG_MAY_FROZEN) && view.site ?
				     view.site : site);
		e.f = rg_side_live();
		break;
	case EFFECT_KEEP:
	case EFFECT_BY_VALUE:
		e.how = RG_EFFECT_KEEP;
		break;
	}
	return e;
}
