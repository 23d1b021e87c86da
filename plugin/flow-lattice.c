// SPDX-License-Identifier: GPL-2.0
/*
 * The flow pass's lattice: a page's facts along a set of paths
 * (struct rg_side, flow.h) and its state split by a guard
 * (struct rg_obj_state), with their joins and the effect of taking and
 * dropping references.  Pure operations on values: flow.c joins states at
 * merges with them, flow-transfer.c moves them along statements.
 */
#include "flow.h"

static struct rg_side side_make(unsigned char bits, location_t loc)
{
	struct rg_side s = { bits, (bits & RG_MAY_FROZEN) ? loc : UNKNOWN_LOCATION };

	return s;
}

struct rg_side rg_side_frozen(location_t loc)
{
	return side_make(RG_MAY_FROZEN | RG_ALL_FROZEN, loc);
}

struct rg_side rg_side_live(void)
{
	return side_make(RG_ALL_LIVE, UNKNOWN_LOCATION);
}

struct rg_side rg_side_unknown(void)
{
	return side_make(0, UNKNOWN_LOCATION);
}

struct rg_side rg_side_no_path(void)
{
	return side_make(RG_NO_PATH, UNKNOWN_LOCATION);
}

static bool side_equal(const struct rg_side *a, const struct rg_side *b)
{
	return a->bits == b->bits && a->loc == b->loc;
}

/*
 * ACC joined with S (ACC empty while !*SEEN).  The freeze location kept
 * for the note is the earliest one, so that the result does not depend
 * on the order paths are visited in.
 */
void rg_side_join(struct rg_side *acc, const struct rg_side *s, bool *seen)
{
	unsigned char may, all;
	location_t loc;

	if (!*seen || (acc->bits & RG_NO_PATH)) {
		*acc = *s;
		*seen = true;
		return;
	}
	if (s->bits & RG_NO_PATH)
		return;
	may = (acc->bits | s->bits) & RG_MAY_FROZEN;
	all = (acc->bits & s->bits) & (RG_ALL_FROZEN | RG_ALL_LIVE);
	if (!(acc->bits & RG_MAY_FROZEN))
		loc = s->loc;
	else if (!(s->bits & RG_MAY_FROZEN) || s->loc == UNKNOWN_LOCATION)
		loc = acc->loc;
	else if (acc->loc == UNKNOWN_LOCATION)
		loc = s->loc;
	else
		loc = MIN(acc->loc, s->loc);
	*acc = side_make(may | all, loc);
}

/* The state over all paths, whatever the guard's value. */
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
	return a->guard == b->guard && side_equal(&a->t, &b->t) &&
	       side_equal(&a->f, &b->f);
}

void rg_state_set(struct rg_obj_state *st, struct rg_side s)
{
	st->t = s;
	st->f = s;
	st->guard = 0;
}

/* T where GUARD is non-zero, F where it is zero. */
void rg_state_split(struct rg_obj_state *st, unsigned int guard,
			struct rg_side t, struct rg_side f)
{
	st->t = t;
	st->f = f;
	st->guard = guard;
	if (side_equal(&t, &f))
		st->guard = 0;
}

/* Take references: a live page stays live, a frozen path stays frozen. */
struct rg_side rg_side_get(struct rg_side s)
{
	if (s.bits & RG_NO_PATH)
		return s;
	return (s.bits & RG_MAY_FROZEN) ? side_make(s.bits & ~RG_ALL_LIVE, s.loc)
					: rg_side_live();
}

/* Drop references: ownership may end, a frozen path stays frozen. */
struct rg_side rg_side_put(struct rg_side s)
{
	if (s.bits & RG_NO_PATH)
		return s;
	return (s.bits & RG_MAY_FROZEN) ? side_make(s.bits & ~RG_ALL_LIVE, s.loc)
					: rg_side_unknown();
}

void rg_state_map(struct rg_obj_state *st, struct rg_side (*fn)(struct rg_side))
{
	rg_state_split(st, st->guard, fn(st->t), fn(st->f));
}
