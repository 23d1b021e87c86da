// SPDX-License-Identifier: GPL-2.0
/*
 * The .def files turned into tables.  Compiled into both the plugin
 * (as C++) and the driver (as C), so it stays in the common subset:
 * positional initializers, no designated ones.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "catalogue.h"
#include "helper-roles.h"

const struct rg_rule_info rg_rules[RG_NR_RULES] = {
#define RULE(id, name, sev, msg, msg_fix, note, why) \
	{ name, sev, msg, msg_fix, note, why },
#include "rules.def"
#undef RULE
};

const struct rg_api rg_api_table[] = {
#define API(name, kind, obj, page_arg, value_arg, unfreeze_with) \
	{ #name, kind, obj, page_arg, value_arg, unfreeze_with },
#include "api.def"
#undef API
};
const unsigned int rg_api_count = sizeof(rg_api_table) / sizeof(rg_api_table[0]);

const struct rg_set_rewrite rg_set_rewrites[] = {
#define SET_REWRITE(setter, value, replacement) { #setter, value, #replacement },
#define LIVE_SET(setter, value, suggestion, reason)
#include "rewrite.def"
#undef SET_REWRITE
#undef LIVE_SET
};
const unsigned int rg_set_rewrite_count =
	sizeof(rg_set_rewrites) / sizeof(rg_set_rewrites[0]);

const struct rg_live_set rg_live_sets[] = {
#define SET_REWRITE(setter, value, replacement)
#define LIVE_SET(setter, value, suggestion, reason) \
	{ #setter, value, #suggestion, reason },
#include "rewrite.def"
#undef SET_REWRITE
#undef LIVE_SET
};
const unsigned int rg_live_set_count =
	sizeof(rg_live_sets) / sizeof(rg_live_sets[0]);

const struct rg_direct rg_direct_table[] = {
#define DIRECT(op, page_helper, folio_helper, args) \
	{ op, page_helper, folio_helper, args },
#include "direct.def"
#undef DIRECT
};
const unsigned int rg_direct_count =
	sizeof(rg_direct_table) / sizeof(rg_direct_table[0]);

const char *const rg_helper_files[] = {
	"include/linux/page_ref.h",
	"include/linux/mm_types.h",
};
const unsigned int rg_helper_file_count =
	sizeof(rg_helper_files) / sizeof(rg_helper_files[0]);

const struct rg_kind_info rg_kinds[RG_NR_KINDS] = {
#define KIND(id, name, summary, check, effect) { name, summary },
#include "kinds.def"
#undef KIND
};

const struct rg_engine_info rg_engines[RG_NR_ENGINES] = {
#define ENGINE(id, name, summary) { name, summary },
#define PASS(id, engine, name, summary)
#define SERVE(rule, pass, modes, kinds, token)
#define COVER(rule, pass)
#include "engines.def"
#undef ENGINE
#undef PASS
#undef SERVE
#undef COVER
};

const struct rg_pass_info rg_passes[RG_NR_PASSES] = {
#define ENGINE(id, name, summary)
#define PASS(id, engine, name, summary) { RG_ENGINE_##engine, name, summary },
#define SERVE(rule, pass, modes, kinds, token)
#define COVER(rule, pass)
#include "engines.def"
#undef ENGINE
#undef PASS
#undef SERVE
#undef COVER
};

const struct rg_serve rg_serves[] = {
#define ENGINE(id, name, summary)
#define PASS(id, engine, name, summary)
#define SERVE(rule, pass, modes, kinds, token) \
	{ RG_RULE_##rule, RG_PASS_##pass, modes, kinds, token },
#define COVER(rule, pass)
#include "engines.def"
#undef ENGINE
#undef PASS
#undef SERVE
#undef COVER
};
const unsigned int rg_serve_count = sizeof(rg_serves) / sizeof(rg_serves[0]);

const char *rg_api_kind_name(enum rg_api_kind kind)
{
	if ((unsigned int)kind >= RG_NR_KINDS)
		return "?";
	return rg_kinds[kind].name;
}

int rg_api_kind_find(const char *name)
{
	int i;

	for (i = 0; i < RG_NR_KINDS; i++)
		if (!strcmp(rg_kinds[i].name, name))
			return i;
	return -1;
}

int rg_engine_find(const char *name)
{
	int i;

	for (i = 0; i < RG_NR_ENGINES; i++)
		if (!strcmp(rg_engines[i].name, name))
			return i;
	return -1;
}

/* engines.def's COVER entries: which pass vouches for which rule. */
static const struct { enum rg_rule rule; enum rg_pass pass; } covers[] = {
#define ENGINE(id, name, summary)
#define PASS(id, engine, name, summary)
#define SERVE(rule, pass, modes, kinds, token)
#define COVER(rule, pass) { RG_RULE_##rule, RG_PASS_##pass },
#include "engines.def"
#undef ENGINE
#undef PASS
#undef SERVE
#undef COVER
};

int rg_pass_find(enum rg_engine engine, const char *name)
{
	int i;

	for (i = 0; i < RG_NR_PASSES; i++)
		if (rg_passes[i].engine == engine && !strcmp(rg_passes[i].name, name))
			return i;
	return -1;
}

unsigned int rg_pass_rules(enum rg_pass pass)
{
	unsigned int i, rules = 0;

	for (i = 0; i < rg_serve_count; i++)
		if (rg_serves[i].pass == pass)
			rules |= RG_RULE_BIT(rg_serves[i].rule);
	for (i = 0; i < sizeof(covers) / sizeof(covers[0]); i++)
		if (covers[i].pass == pass)
			rules |= RG_RULE_BIT(covers[i].rule);
	return rules;
}

unsigned int rg_engine_rules(enum rg_engine engine)
{
	unsigned int i, rules = 0;

	for (i = 0; i < rg_serve_count; i++)
		if (rg_passes[rg_serves[i].pass].engine == engine)
			rules |= RG_RULE_BIT(rg_serves[i].rule);
	return rules;
}

const struct rg_serve *rg_served_by(enum rg_rule rule, enum rg_engine engine,
				    unsigned int mode)
{
	unsigned int i;

	for (i = 0; i < rg_serve_count; i++)
		if (rg_serves[i].rule == rule &&
		    rg_passes[rg_serves[i].pass].engine == engine &&
		    (rg_serves[i].modes & mode) == mode)
			return &rg_serves[i];
	return NULL;
}

/* Does the word W occur in S, not as part of a longer identifier? */
static int has_word(const char *s, const char *w)
{
	size_t len = strlen(w);
	const char *p;

	if (!len)
		return 0;
	for (p = strstr(s, w); p; p = strstr(p + 1, w)) {
		int left = p == s || !(isalnum((unsigned char)p[-1]) || p[-1] == '_');
		int right = !(isalnum((unsigned char)p[len]) || p[len] == '_');

		if (left && right)
			return 1;
	}
	return 0;
}

int rg_serve_selects(const struct rg_serve *serve, const char *text)
{
	unsigned int i;

	if (has_word(text, serve->select_token))
		return 1;
	for (i = 0; i < rg_api_count; i++)
		if ((serve->select_kinds & (1u << rg_api_table[i].kind)) &&
		    has_word(text, rg_api_table[i].name))
			return 1;
	return 0;
}

const struct rg_api *rg_api_find(const char *name)
{
	unsigned int i;

	for (i = 0; i < rg_api_count; i++)
		if (!strcmp(rg_api_table[i].name, name))
			return &rg_api_table[i];
	return NULL;
}

int rg_rule_find(const char *name)
{
	int i;

	for (i = 0; i < RG_NR_RULES; i++)
		if (!strcmp(rg_rules[i].name, name))
			return i;
	return -1;
}

const char *rg_set_rewrite_find(const char *setter, long value)
{
	unsigned int i;

	for (i = 0; i < rg_set_rewrite_count; i++)
		if (rg_set_rewrites[i].value == value &&
		    !strcmp(rg_set_rewrites[i].setter, setter))
			return rg_set_rewrites[i].replacement;
	return NULL;
}

const struct rg_live_set *rg_live_set_find(const char *setter, long value)
{
	unsigned int i;

	for (i = 0; i < rg_live_set_count; i++)
		if (rg_live_sets[i].value == value &&
		    !strcmp(rg_live_sets[i].setter, setter))
			return &rg_live_sets[i];
	return NULL;
}

const struct rg_direct *rg_direct_find(const char *atomic_op)
{
	unsigned int i;

	for (i = 0; i < rg_direct_count; i++)
		if (!strcmp(rg_direct_table[i].atomic_op, atomic_op))
			return &rg_direct_table[i];
	return NULL;
}

const struct rg_name_role_info rg_name_roles[RG_NR_NAME_ROLES] = {
#define ROLE(id, label, required) { #id, label, required },
#define SPELLING(role, name, object, arity, origin)
#define DEFAULT(role, names, name)
#include "spellings.def"
#undef ROLE
#undef SPELLING
#undef DEFAULT
};

const struct rg_spelling rg_spellings[] = {
#define ROLE(id, label, required)
#define SPELLING(role, name, object, arity, origin) \
	{ RG_NAME_ROLE_##role, #name, object, arity, origin },
#define DEFAULT(role, names, name)
#include "spellings.def"
#undef ROLE
#undef SPELLING
#undef DEFAULT
};
const unsigned int rg_spelling_count =
	sizeof(rg_spellings) / sizeof(rg_spellings[0]);

const struct rg_name_default rg_name_defaults[] = {
#define ROLE(id, label, required)
#define SPELLING(role, name, object, arity, origin)
#define DEFAULT(role, names, name) { RG_NAME_ROLE_##role, names, #name },
#include "spellings.def"
#undef ROLE
#undef SPELLING
#undef DEFAULT
};
const unsigned int rg_name_default_count =
	sizeof(rg_name_defaults) / sizeof(rg_name_defaults[0]);

/* ------------------------------------ spellings learned from definitions */

/*
 * What rules/helper-roles.c learned, for the rest of the process: kept
 * here with the table it extends, so that whatever links the catalogue
 * (the testsuite's small programs too) sees one spelling table.
 */
#define MAX_LEARNED	32

static struct learned {
	struct rg_spelling sp;
	struct rg_api api;
	char *where;
	bool said, pending;
} learned[MAX_LEARNED];
static unsigned int nr_learned;
static bool deferred;

static struct learned *find_learned(const char *name)
{
	unsigned int i;

	for (i = 0; i < nr_learned; i++)
		if (!strcmp(learned[i].sp.name, name))
			return &learned[i];
	return NULL;
}

const struct rg_spelling *rg_learned_find(const char *name)
{
	struct learned *l = find_learned(name);

	return l ? &l->sp : NULL;
}

const struct rg_spelling *rg_learned_add(const char *name, enum rg_name_role role,
					 enum rg_object object, int arity,
					 enum rg_api_kind kind, const char *where)
{
	struct learned *l;

	if (nr_learned == MAX_LEARNED || find_learned(name))
		return NULL;
	l = &learned[nr_learned];
	l->sp.role = role;
	l->sp.name = strdup(name);
	l->sp.object = object;
	l->sp.arity = arity;
	l->sp.origin = RG_LEARNED_ORIGIN;
	l->where = strdup(where);
	if (!l->sp.name || !l->where) {
		free((char *)l->sp.name);
		free(l->where);
		return NULL;
	}
	l->api.name = l->sp.name;
	l->api.kind = kind;
	l->api.object = object;
	l->api.page_arg = 0;
	l->api.value_arg = kind == RG_TRY_GET ? 1 : -1;
	l->api.unfreeze_with = "";
	l->said = l->pending = false;
	nr_learned++;
	return &l->sp;
}

unsigned int rg_learned_count(void)
{
	return nr_learned;
}

const struct rg_spelling *rg_learned_spelling(unsigned int i)
{
	return i < nr_learned ? &learned[i].sp : NULL;
}

const char *rg_learned_where(const char *name)
{
	struct learned *l = find_learned(name);

	return l ? l->where : NULL;
}

const struct rg_api *rg_learned_api(const char *name)
{
	struct learned *l = find_learned(name);

	return l ? &l->api : NULL;
}

void rg_learned_say(const char *name)
{
	struct learned *l = find_learned(name);

	if (!l || l->said)
		return;
	if (deferred) {
		l->pending = true;
		return;
	}
	l->said = true;
	fprintf(stderr, "refguard: %s(): %s, from its definition (%s)\n", l->sp.name,
		rg_name_roles[l->sp.role].label, l->where);
}

void rg_learned_defer(bool defer)
{
	deferred = defer;
}

void rg_learned_flush(void)
{
	unsigned int i;

	for (i = 0; i < nr_learned; i++)
		if (learned[i].pending) {
			learned[i].pending = false;
			rg_learned_say(learned[i].sp.name);
		}
}

/*
 * The table's spellings, then those learned from a definition
 * (rules/helper-roles.c): the newest, since no table has them yet.
 */
static const struct rg_spelling *spelling_at(unsigned int i)
{
	return i < rg_spelling_count ? &rg_spellings[i] :
	       rg_learned_spelling(i - rg_spelling_count);
}

int rg_spelling_role(const char *name)
{
	unsigned int i, n = rg_spelling_count + rg_learned_count();

	for (i = 0; i < n; i++)
		if (!strcmp(spelling_at(i)->name, name))
			return spelling_at(i)->role;
	return -1;
}

unsigned int rg_role_spellings(enum rg_name_role role,
			       const struct rg_spelling **out, unsigned int max)
{
	unsigned int i, n = 0, all = rg_spelling_count + rg_learned_count();

	for (i = 0; i < all; i++)
		if (spelling_at(i)->role == role) {
			if (n < max)
				out[n] = spelling_at(i);
			n++;
		}
	return n;
}

#define MAX_SPELLINGS	8

/* malloc'd printf, NULL on failure. */
static char *printf_alloc(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *printf_alloc(const char *fmt, ...)
{
	va_list ap;
	char *s;
	int len;

	va_start(ap, fmt);
	len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	s = len < 0 ? NULL : (char *)malloc(len + 1);
	if (!s)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(s, len + 1, fmt, ap);
	va_end(ap);
	return s;
}

const char *rg_unit_spelling_of(const char *name,
				int (*declared)(const char *spelling, struct rg_decl *d),
				char **why)
{
	const struct rg_spelling *sp[MAX_SPELLINGS], *own = NULL, *pick = NULL;
	const struct rg_spelling *have[MAX_SPELLINGS], *bad = NULL;
	struct rg_decl d, bad_decl;
	unsigned int i, n, nhave = 0, ncalled = 0;
	int role = rg_spelling_role(name);
	const char *fmt = "this unit declares %s and %s%s (the %s); %s is the one %s";
	char *also = NULL, *more;

	*why = NULL;
	if (role < 0)
		return name;
	n = rg_role_spellings((enum rg_name_role)role, sp, MAX_SPELLINGS);
	if (n > MAX_SPELLINGS)
		n = MAX_SPELLINGS;
	for (i = 0; i < n; i++)
		if (!strcmp(sp[i]->name, name))
			own = sp[i];
	for (i = 0; i < n; i++) {
		/* Another arity is another call shape: not a drop-in name. */
		if (own && sp[i]->arity != own->arity)
			continue;
		memset(&d, 0, sizeof(d));
		d.arity = -1;
		if (!declared(sp[i]->name, &d))
			continue;
		if (d.arity >= 0 && d.arity != sp[i]->arity) {
			/* the tree's own function of that name: never call it so */
			if (!bad) {
				bad = sp[i];
				bad_decl = d;
			}
			continue;
		}
		have[nhave++] = sp[i];
		if (d.used) {
			ncalled++;
			pick = sp[i];
		}
	}
	if (bad)
		also = printf_alloc("%s%s%s() takes %d argument%s, not the %d of the %s refguard rewrites to",
				    bad_decl.where, *bad_decl.where ? ": " : "", bad->name,
				    bad_decl.arity, bad_decl.arity == 1 ? "" : "s", bad->arity,
				    rg_name_roles[role].label);
	if (!nhave) {
		/* the tree adds it: the design's name, unless that is the bad one */
		if (bad && !strcmp(bad->name, name)) {
			*why = printf_alloc("%s: no rewrite", also ? also : name);
			free(also);
			return NULL;
		}
		if (bad)
			*why = printf_alloc("%s; suggesting %s(), which this unit does not declare",
					    also ? also : bad->name, name);
		free(also);
		return name;
	}
	if (nhave == 1) {
		rg_learned_say(have[0]->name);
		if (bad)
			*why = printf_alloc("%s; using %s()", also ? also : bad->name,
					    have[0]->name);
		free(also);
		return have[0]->name;
	}
	/* Several spellings: the one the code calls, else the newest. */
	if (ncalled != 1)
		pick = have[nhave - 1];
	*why = printf_alloc(fmt, have[0]->name, have[nhave - 1]->name,
			    nhave > 2 ? " and more" : "", rg_name_roles[role].label, pick->name,
			    ncalled == 1 ? "its code calls" :
			    "posted last (its code calls none or several)");
	if (also && *why) {
		more = printf_alloc("%s; %s", *why, also);
		free(*why);
		*why = more;
	}
	free(also);
	rg_learned_say(pick->name);
	return pick->name;
}

int rg_names_set_known(const char *names)
{
	unsigned int i;

	for (i = 0; i < rg_name_default_count; i++)
		if (!strcmp(rg_name_defaults[i].names, names))
			return 1;
	return 0;
}

const char *rg_role_default(enum rg_name_role role, const char *names)
{
	unsigned int i;

	for (i = 0; i < rg_name_default_count; i++)
		if (rg_name_defaults[i].role == role &&
		    !strcmp(rg_name_defaults[i].names, names))
			return rg_name_defaults[i].name;
	return NULL;
}
