// SPDX-License-Identifier: GPL-2.0
/*
 * Which engine checks which of the series' lines, and the evidence that
 * it did.
 *
 * Coccinelle reads every touched C file, configured tree or not: it reads
 * the text, whatever the configuration compiles.  In a configured tree the
 * plugin also compiles each touched file through its unit's saved command
 * (a header through a unit that includes it) and adds what only a
 * compiler sees.  Both are needed: the plugin never sees code the
 * configuration leaves out (#ifdef, a function gcc drops, a block under a
 * false IS_ENABLED() inside a function it did check), and Coccinelle
 * cannot follow everything gcc can.  So a configured tree is never weaker
 * than an unconfigured one.
 *
 * Evidence is positive only: Coccinelle must list a file as checked for
 * every rule, the plugin a function; what an engine could not check stays
 * unchecked (exit 2) unless the other engine positively checked the same
 * code: a function gcc dropped but Coccinelle read in full, a function
 * spatch could not parse but the plugin checked for every rule.
 */
#include <stdlib.h>
#include <string.h>

#include "cocci.h"
#include "driver.h"
#include "gate.h"
#include "spawn.h"

/* One touched file's functions, and which of them the plugin covered. */
struct scope {
	const char *path;
	const struct rg_added_file *added;
	struct gate_function *fns;
	int nr_fns;
	bool known;		/* the braces balanced */
	bool by_plugin;		/* a complete plugin record of its unit */
	bool *covered;		/* per function: plugin checked every rule */
	bool all_covered;	/* every added line is in a covered function */
};

struct check {
	struct gate *g;
	struct scope *scopes;
	int nr_scopes;
	struct unit {
		char *name;
		bool complete;	/* its plugin record is whole */
	} *units;		/* units already compiled */
	int nr_units;
};

static struct scope *scope_of(struct check *c, const char *path)
{
	int i;

	for (i = 0; i < c->nr_scopes; i++)
		if (!strcmp(c->scopes[i].path, path))
			return &c->scopes[i];
	return NULL;
}

static struct scope *new_scope(struct check *c, const char *path)
{
	char *file = rg_strdup_printf("%s/%s", c->g->overlay, path);
	char *text = rg_slurp_file(file, NULL);
	struct scope *s;

	c->scopes = realloc(c->scopes, (c->nr_scopes + 1) * sizeof(*c->scopes));
	s = &c->scopes[c->nr_scopes++];
	memset(s, 0, sizeof(*s));
	s->path = path;
	s->known = text && !gate_functions(text, &s->fns, &s->nr_fns);
	s->covered = calloc(s->nr_fns + 1, sizeof(bool));
	free(text);
	free(file);
	return s;
}

/*
 * The rules the plugin checked function fn of file for.  Only entries
 * naming the function count: a unit-level entry says the unit was read
 * to its end, not that the flow pass saw every function in it.
 */
static unsigned int checked_rules(const struct rg_results *r, const char *file,
				  const char *fn)
{
	unsigned int rules = 0;
	int i;

	for (i = 0; i < r->nr_checked; i++)
		if (!strcmp(r->checked[i].function, fn) && !strcmp(r->checked[i].file, file))
			rules |= r->checked[i].rules;
	return rules;
}

/*
 * Whether the plugin's results cover every added line of af: each in a
 * function checked for every rule, or outside every function in a unit
 * whose record is complete (declarations hold no calls to check).
 */
static bool plugin_covers(struct scope *s, const struct rg_added_file *af,
			  const struct rg_results *plugin)
{
	bool all = s->known && s->by_plugin;
	int i;

	for (i = 0; i < s->nr_fns; i++)
		s->covered[i] = checked_rules(plugin, s->path, s->fns[i].name) == RG_ALL_RULES;
	for (i = 0; i < af->nr && all; i++) {
		const struct gate_function *fn = gate_function_at(s->fns, s->nr_fns,
								  af->lines[i]);

		if (fn && !s->covered[fn - s->fns])
			all = false;
	}
	return all;
}

/* A Coccinelle finding the plugin did not also make (its column may differ). */
static bool not_plugins(const struct rg_finding *f, void *data)
{
	const struct rg_results *plugin = data;
	int i;

	for (i = 0; i < plugin->nr_findings; i++)
		if (plugin->findings[i].line == f->line && plugin->findings[i].rule == f->rule &&
		    !strcmp(plugin->findings[i].file, f->file))
			return false;
	return true;
}

/* Did the plugin check the code of what Coccinelle could not? */
static bool plugin_checked(struct check *c, const struct rg_unchecked *u)
{
	struct scope *s = scope_of(c, u->file);
	int i;

	if (!s || !s->by_plugin || !s->known)
		return false;
	if (!*u->function)
		return s->all_covered;
	for (i = 0; i < s->nr_fns; i++)
		if (!strcmp(s->fns[i].name, u->function))
			return s->covered[i];
	return false;
}

static bool on_added_line(const struct rg_finding *f, void *data)
{
	struct gate *g = data;

	return rg_added_has(&g->added, f->file, f->line);
}

/* Run the plugin on the unit that compiles path, once per unit. */
static int plugin_unit(struct check *c, const char *path, struct rg_results *plugin,
		       bool *complete)
{
	char *unit, *cmd;
	int i, ret;

	*complete = false;
	ret = gate_unit_command(c->g, path, &unit, &cmd);
	if (ret || !unit)
		return ret;
	for (i = 0; i < c->nr_units; i++)
		if (!strcmp(c->units[i].name, unit))
			break;
	if (i == c->nr_units) {
		c->units = realloc(c->units, (c->nr_units + 1) * sizeof(*c->units));
		c->units[i].name = strdup(unit);
		c->nr_units++;
		ret = gate_plugin_check(c->g, unit, cmd, plugin, &c->units[i].complete);
	}
	*complete = !ret && c->units[i].complete;
	free(unit);
	free(cmd);
	return ret;
}

static bool has_unchecked(const struct rg_results *r, const char *file)
{
	int i;

	for (i = 0; i < r->nr_unchecked; i++)
		if (!strcmp(r->unchecked[i].file, file))
			return true;
	return false;
}

/*
 * Whether something an engine could not check concerns the series: a
 * whole unit or file always does (the series' lines in it went
 * unchecked); a function only if it is one the series adds lines to (a
 * header function over the flow pass's budget, a function elsewhere in the
 * file spatch could not parse, are not the series' business) and, for the
 * plugin, Coccinelle did not read its whole file instead, for
 * Coccinelle, the plugin did not check that code for every rule (cocci:
 * the Coccinelle results when judging the plugin's, NULL when judging
 * Coccinelle's).
 */
static bool unchecked_matters(struct check *c, const struct rg_unchecked *u,
			      const struct rg_results *cocci)
{
	struct scope *s;
	int i, j;

	if (!cocci && plugin_checked(c, u))
		return false;
	if (!*u->function)
		return true;
	/* a function gcc dropped before the flow pass, which Coccinelle read */
	if (cocci && checked_rules(cocci, u->file, "") == RG_ALL_RULES &&
	    !has_unchecked(cocci, u->file))
		return false;
	s = scope_of(c, u->file);
	if (!s)
		return false;
	if (!s->known)
		return true;
	for (i = 0; i < s->nr_fns; i++) {
		if (strcmp(s->fns[i].name, u->function))
			continue;
		for (j = 0; j < s->added->nr; j++)
			if (s->added->lines[j] >= s->fns[i].first &&
			    s->added->lines[j] <= s->fns[i].last)
				return true;
		return false;
	}
	return true;
}

static void keep_unchecked(struct check *c, struct rg_results *r,
			   const struct rg_results *cocci)
{
	int i, kept = 0;

	for (i = 0; i < r->nr_unchecked; i++) {
		struct rg_unchecked *u = &r->unchecked[i];

		if (unchecked_matters(c, u, cocci)) {
			r->unchecked[kept++] = *u;
			continue;
		}
		free(u->file);
		free(u->function);
		free(u->reason);
	}
	r->nr_unchecked = kept;
}

int gate_check(struct gate *g)
{
	struct rg_results plugin = { 0 }, cocci = { 0 };
	struct check c = { g, NULL, 0, NULL, 0 };
	char **files = calloc(g->added.nr + 1, sizeof(char *));
	int i, nr = 0, ret = 0;

	for (i = 0; i < g->added.nr && !ret; i++) {
		const struct rg_added_file *af = &g->added.files[i];
		struct scope *s;
		bool complete = false;

		if (af->deleted || !af->nr || !gate_is_c_source(af->path))
			continue;
		s = new_scope(&c, af->path);
		s->added = af;
		if (g->obj)
			ret = plugin_unit(&c, af->path, &plugin, &complete);
		s->by_plugin = complete;
		s->all_covered = complete && plugin_covers(s, af, &plugin);
		files[nr++] = af->path;
	}
	if (!ret && nr && rg_cocci_report(g->overlay, files, nr, 0, &cocci))
		ret = rg_fail("Coccinelle could not be run on the series' files");
	/* silence is not evidence: a file Coccinelle says nothing about */
	for (i = 0; !ret && i < nr; i++)
		if (checked_rules(&cocci, files[i], "") != RG_ALL_RULES &&
		    !has_unchecked(&cocci, files[i]))
			rg_results_unchecked(&cocci, files[i], NULL, "Coccinelle did not "
					     "report it checked for every rule", RG_ENGINE_COCCI);
	if (!ret) {
		rg_results_filter(&cocci, not_plugins, &plugin);
		keep_unchecked(&c, &plugin, &cocci);
		keep_unchecked(&c, &cocci, NULL);
		rg_results_merge(&g->results, &plugin);
		rg_results_merge(&g->results, &cocci);
		rg_results_filter(&g->results, on_added_line, g);
	}
	rg_results_free(&plugin);
	rg_results_free(&cocci);
	free(files);
	return ret;
}
