// SPDX-License-Identifier: GPL-2.0
/*
 * The flow rules' solver (flow-solver.h): the fixed point over an IR's
 * blocks (the worklist, the join at merges with guards kept, the choice
 * of the PHIs that may be guards, the last walks), a call's and a
 * guard's effect on the pages' states, and the table of pages, for the
 * plugin and the sparse engine alike.
 * Built as C++ into the plugin (casts on malloc's result) and as C into
 * refguard.
 */
#include <stdlib.h>
#include <string.h>

#include "flow-solver.h"

#define NOBJ	RG_FLOW_MAX_OBJECTS
#define NPHIS	RG_SOLVER_MAX_PHIS

/* One join's accumulators, per page. */
struct rg_solver_scratch {
	struct rg_obj_state edge_state[NOBJ];
	struct rg_obj_state when_true[NOBJ];
	struct rg_obj_state when_false[NOBJ];
	struct rg_side plain[NOBJ];		/* everything joined */
	struct rg_side gt[NOBJ], gf[NOBJ];	/* the sides of a common guard */
	struct rg_side ct[NPHIS][NOBJ];		/* where PHI c is non-zero */
	struct rg_side cf[NPHIS][NOBJ];		/* where it is zero */
	bool plain_seen[NOBJ];
	bool gt_seen[NOBJ], gf_seen[NOBJ];
	bool ct_seen[NPHIS][NOBJ];
	bool cf_seen[NPHIS][NOBJ];
	rg_guard guard[NOBJ];			/* common guard, 0 none */
	bool guard_set[NOBJ];
};

bool rg_solver_init(struct rg_solver *s, const struct rg_solver_ops *ops,
		    void *ir, int nblocks, unsigned int nobj)
{
	memset(s, 0, sizeof(*s));
	s->ops = ops;
	s->ir = ir;
	s->nblocks = nblocks;
	s->nobj = nobj;
	/* One more exit state: the entry's, every page unknown (all zero). */
	s->out = (struct rg_obj_state *)calloc((size_t)(nblocks + 1) * nobj + 1,
					       sizeof(*s->out));
	s->visited = (bool *)calloc(nblocks + 1, sizeof(*s->visited));
	s->cur = (struct rg_obj_state *)calloc(nobj + 1, sizeof(*s->cur));
	s->phis = (void **)calloc((size_t)nblocks * NPHIS + 1, sizeof(*s->phis));
	s->nphis = (signed char *)malloc(nblocks + 1);
	s->js = (struct rg_solver_scratch *)malloc(sizeof(*s->js));
	if (s->out && s->visited && s->cur && s->phis && s->nphis && s->js) {
		memset(s->nphis, -1, nblocks + 1);
		return true;
	}
	rg_solver_fini(s);
	/* Enough for rg_solver_report_unknown(). */
	s->ops = ops;
	s->ir = ir;
	s->nblocks = nblocks;
	s->nobj = nobj;
	return false;
}

void rg_solver_fini(struct rg_solver *s)
{
	free(s->js);
	free(s->nphis);
	free(s->phis);
	free(s->cur);
	free(s->visited);
	free(s->out);
	memset(s, 0, sizeof(*s));
}

static struct rg_obj_state *out_of(struct rg_solver *s, int b)
{
	if (b == RG_SOLVER_ENTRY)
		b = s->nblocks;
	return s->out + (size_t)b * s->nobj;
}

static bool visited(struct rg_solver *s, int b)
{
	if (b == RG_SOLVER_ENTRY)
		return true;
	return b >= 0 && b < s->nblocks && s->visited[b];
}

struct phi_choice {
	struct rg_solver *s;
	int b;
	void **phis;
	int n;
};

/*
 * Keep PHI if it is a guard (struct rg_solver_ops): every incoming edge
 * brings a value, some a constant, the others constants or, with
 * refine(), any value.  False once the block's slots are full.
 */
static bool choose_phi(void *phi, void *arg)
{
	struct phi_choice *pc = (struct phi_choice *)arg;
	struct rg_solver *s = pc->s;
	bool some_const = false;
	enum rg_phi_arg a;
	unsigned int k;
	long long val;
	void *edge;
	int from;

	for (k = 0; s->ops->pred(s->ir, pc->b, k, &from, &edge); k++) {
		a = s->ops->phi_arg(s->ir, phi, edge, &val);
		if (a == RG_PHI_ARG_NONE || (a == RG_PHI_ARG_VALUE && !s->ops->refine))
			return true;
		some_const |= a == RG_PHI_ARG_CONST;
	}
	if (some_const)
		pc->phis[pc->n++] = phi;
	return pc->n < NPHIS;
}

/* B's guard PHIs, chosen on the first visit: the IR does not change. */
static unsigned int guard_phis(struct rg_solver *s, int b, void ***phis)
{
	struct phi_choice pc = { s, b, s->phis + (size_t)b * NPHIS, 0 };

	*phis = pc.phis;
	if (s->nphis[b] < 0) {
		s->ops->each_phi(s->ir, b, choose_phi, &pc);
		s->nphis[b] = (signed char)pc.n;
	}
	return s->nphis[b];
}

/*
 * Join one incoming state ES (along EDGE into B) into the scratch.  For
 * each guard PHI, the paths where its value along EDGE is non-zero go to
 * ct, the others to cf: a constant goes one way, another value splits ES
 * by what its truth says (every edge has a value: choose_phi()).
 */
static void join_edge(struct rg_solver *s, void *edge, struct rg_obj_state *es,
		      void **phis, unsigned int nphis)
{
	struct rg_solver_scratch *js = s->js;
	unsigned int nobj = s->nobj, o, c;

	for (o = 0; o < nobj; o++) {
		struct rg_side v = rg_state_view(&es[o]);

		rg_side_join(&js->plain[o], &v, &js->plain_seen[o]);
		if (!js->guard_set[o]) {
			js->guard[o] = es[o].guard;
			js->guard_set[o] = true;
		} else if (js->guard[o] != es[o].guard) {
			js->guard[o] = 0;
		}
		rg_side_join(&js->gt[o], &es[o].t, &js->gt_seen[o]);
		rg_side_join(&js->gf[o], &es[o].f, &js->gf_seen[o]);
	}
	for (c = 0; c < nphis; c++) {
		long long val = 0;
		bool cst = s->ops->phi_arg(s->ir, phis[c], edge, &val) == RG_PHI_ARG_CONST;

		memcpy(js->when_true, es, nobj * sizeof(*es));
		memcpy(js->when_false, es, nobj * sizeof(*es));
		if (!cst && s->ops->refine) {
			s->ops->refine(s->ir, phis[c], edge, true, js->when_true);
			s->ops->refine(s->ir, phis[c], edge, false, js->when_false);
		}
		for (o = 0; o < nobj; o++) {
			struct rg_side t = rg_state_view(&js->when_true[o]);
			struct rg_side f = rg_state_view(&js->when_false[o]);

			if (!cst || val)
				rg_side_join(&js->ct[c][o], &t, &js->ct_seen[c][o]);
			if (!cst || !val)
				rg_side_join(&js->cf[c][o], &f, &js->cf_seen[c][o]);
		}
	}
}

/* Do the paths where guard PHI C is non-zero differ from the others? */
static bool phi_separates(struct rg_solver *s, unsigned int c, unsigned int o)
{
	struct rg_solver_scratch *js = s->js;

	if (!js->ct_seen[c][o] || !js->cf_seen[c][o])
		return false;
	if (js->ct[c][o].bits != js->cf[c][o].bits)
		return true;
	return s->ops->guard_by_site && js->ct[c][o].site != js->cf[c][o].site;
}

/* IN = the state on entry to B; false if no predecessor is visited. */
static bool compute_in(struct rg_solver *s, int b, struct rg_obj_state *in)
{
	struct rg_solver_scratch *js = s->js;
	unsigned int nobj = s->nobj, nphis, o, c, k, npreds = 0;
	void *edge, **phis;
	int from;

	nphis = guard_phis(s, b, &phis);
	for (o = 0; o < nobj; o++) {
		js->plain_seen[o] = js->gt_seen[o] = js->gf_seen[o] = false;
		js->guard_set[o] = false;
		js->guard[o] = 0;
		for (c = 0; c < nphis; c++)
			js->ct_seen[c][o] = js->cf_seen[c][o] = false;
	}
	for (k = 0; s->ops->pred(s->ir, b, k, &from, &edge); k++) {
		if (!visited(s, from))
			continue;
		npreds++;
		memcpy(js->edge_state, out_of(s, from), nobj * sizeof(*js->edge_state));
		s->ops->leave(s->ir, b, edge, js->edge_state);
		join_edge(s, edge, js->edge_state, phis, nphis);
	}
	if (!npreds)
		return false;

	for (o = 0; o < nobj; o++) {
		if (js->guard[o]) {
			in[o].t = js->gt[o];
			in[o].f = js->gf[o];
			in[o].guard = js->guard[o];
			continue;
		}
		rg_state_set(&in[o], js->plain[o]);
		for (c = 0; c < nphis; c++) {
			if (!phi_separates(s, c, o))
				continue;
			in[o].t = js->ct[c][o];
			in[o].f = js->cf[c][o];
			in[o].guard = s->ops->phi_guard(s->ir, phis[c]);
			break;
		}
	}
	return true;
}

static bool states_equal(const struct rg_obj_state *a, const struct rg_obj_state *b,
			 unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (!rg_state_equal(&a[i], &b[i]))
			return false;
	return true;
}

bool rg_solver_solve(struct rg_solver *s)
{
	long budget = 20L * s->nblocks + 100;
	bool *work = (bool *)calloc(s->nblocks + 1, sizeof(*work));
	int b, to, pending = s->nblocks;
	unsigned int k;

	if (!work)
		return false;
	for (b = 0; b < s->nblocks; b++)
		work[b] = true;
	s->visits = 0;
	while (pending) {
		for (b = 0; b < s->nblocks && !work[b]; b++)
			;
		work[b] = false;
		pending--;
		s->visits++;
		if (--budget < 0) {
			free(work);
			return false;
		}
		if (!compute_in(s, b, s->cur))
			continue;
		s->ops->transfer(s->ir, b, s->cur);
		if (s->visited[b] && states_equal(out_of(s, b), s->cur, s->nobj))
			continue;
		memcpy(out_of(s, b), s->cur, s->nobj * sizeof(*s->cur));
		s->visited[b] = true;
		for (k = 0; s->ops->succ(s->ir, b, k, &to); k++)
			if (to >= 0 && to < s->nblocks && !work[to]) {
				work[to] = true;
				pending++;
			}
	}
	free(work);
	return true;
}

void rg_solver_report(struct rg_solver *s)
{
	int b;

	for (b = 0; b < s->nblocks; b++)
		if (s->visited[b] && compute_in(s, b, s->cur))
			s->ops->transfer(s->ir, b, s->cur);
}

void rg_solver_report_unknown(struct rg_solver *s)
{
	struct rg_obj_state st[NOBJ + 1];
	int b;

	for (b = 0; b < s->nblocks; b++) {
		/* Each block on its own: nothing carries over from the last. */
		memset(st, 0, sizeof(st));
		s->ops->transfer(s->ir, b, st);
	}
}

/* ------------------------------------------- a call's and a branch's effect */

void rg_states_drop_guard(struct rg_obj_state *st, unsigned int nobj, rg_guard guard)
{
	unsigned int i;

	for (i = 0; i < nobj; i++)
		if (st[i].guard == guard)
			rg_state_set(&st[i], rg_state_view(&st[i]));
}

void rg_states_take(struct rg_obj_state *st, unsigned int nobj, rg_guard guard,
		    bool truth)
{
	unsigned int i;

	for (i = 0; i < nobj; i++) {
		if (st[i].guard != guard)
			continue;
		if (truth)
			st[i].f = rg_side_no_path();
		else
			st[i].t = rg_side_no_path();
	}
}

enum rg_rule rg_states_call(struct rg_obj_state *st, unsigned int nobj, int obj,
			    enum rg_api_kind kind, rg_site site, rg_guard result,
			    struct rg_side *view)
{
	struct rg_call_effect e;
	bool seen = true;

	*view = rg_state_view(&st[obj]);
	e = rg_call_effect(kind, *view, site);
	switch (e.how) {
	case RG_EFFECT_KEEP:
		break;
	case RG_EFFECT_SET:
		rg_state_set(&st[obj], e.t);
		break;
	case RG_EFFECT_SPLIT:
		if (result) {
			/* A new value of the result: what it guarded holds either way. */
			rg_states_drop_guard(st, nobj, result);
			rg_state_split(&st[obj], result, e.t, e.f);
		} else {
			rg_side_join(&e.t, &e.f, &seen);
			rg_state_set(&st[obj], e.t);
		}
		break;
	case RG_EFFECT_MAP:
		rg_state_map(&st[obj], e.map);
		break;
	}
	return e.check;
}

/* ------------------------------------------------------ the pages */

int rg_objects_find(const struct rg_objects *t, const void *base, long long off)
{
	unsigned int i;

	for (i = 0; i < t->nobj; i++)
		if (t->keys[i].base == base && t->keys[i].off == off)
			return i;
	return -1;
}

int rg_objects_add(struct rg_objects *t, const void *base, long long off)
{
	if (t->nobj >= RG_FLOW_MAX_OBJECTS) {
		t->overflow = true;
		return -1;
	}
	t->keys[t->nobj].base = base;
	t->keys[t->nobj].off = off;
	return t->nobj++;
}

bool rg_objects_is_base(const struct rg_objects *t, const void *base)
{
	unsigned int i;

	for (i = 0; i < t->nobj; i++)
		if (t->keys[i].base == base)
			return true;
	return false;
}

void rg_objects_define(const struct rg_objects *t, const void *base,
		       struct rg_obj_state *st)
{
	unsigned int i;

	for (i = 0; i < t->nobj; i++)
		if (t->keys[i].base == base)
			rg_state_set(&st[i], rg_side_unknown());
}

void rg_phi_entry_add(struct rg_phi_entry *pe, const struct rg_objects *t,
		      const void *res, int src, const struct rg_obj_state *st)
{
	unsigned int i;

	for (i = 0; i < t->nobj && pe->n < NOBJ; i++) {
		if (t->keys[i].base != res)
			continue;
		pe->set[pe->n].obj = i;
		pe->set[pe->n].s = !t->keys[i].off && src >= 0 ?
				   rg_state_view(&st[src]) : rg_side_unknown();
		pe->n++;
	}
}

void rg_phi_entry_apply(const struct rg_phi_entry *pe, struct rg_obj_state *st)
{
	unsigned int i;

	for (i = 0; i < pe->n; i++)
		rg_state_set(&st[pe->set[i].obj], pe->set[i].s);
}
