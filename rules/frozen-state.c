// SPDX-License-Identifier: GPL-2.0
/*
 * The flow rules' lattice (frozen-state.h): a page's facts along a set
 * of paths, its state split by a guard, their joins, and the effect of
 * taking and dropping references.  Built into the plugin (as C++, like
 * the kernel's gcc-plugins) and into refguard for the sparse engine.
 */
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
