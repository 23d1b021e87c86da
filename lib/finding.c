// SPDX-License-Identifier: GPL-2.0
/*
 * The one finding type: collecting, deduplicating, sorting, baselines,
 * the exit status and the text form; see finding.h.  JSON lives in
 * finding-json.c, SARIF in finding-sarif.c.
 *
 * Everything here takes deep copies: engines build findings from
 * short-lived buffers (a record line, a spatch record) and must be free
 * to reuse them.
 */
#include <stdlib.h>
#include <string.h>

#include "finding.h"
#include "util.h"

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

/* Grow *array (of *cap elements of size sz) so that it holds n + 1. */
static void *grow(void *array, int n, int *cap, size_t sz)
{
	if (n < *cap)
		return array;
	*cap = *cap * 2 + 8;
	array = realloc(array, *cap * sz);
	if (!array) {
		perror("refguard");
		exit(RG_EXIT_TROUBLE);
	}
	return array;
}

void rg_results_add(struct rg_results *r, const struct rg_finding *f)
{
	struct rg_finding *d;
	int i;

	r->findings = grow(r->findings, r->nr_findings, &r->cap_findings,
			   sizeof(*r->findings));
	d = &r->findings[r->nr_findings++];
	*d = *f;
	d->file = strdup(f->file ? f->file : "");
	d->function = strdup(f->function ? f->function : "");
	d->arg = dup_or_null(f->arg);
	d->rewrite = dup_or_null(f->rewrite);
	if (f->fix) {
		d->fix = malloc(sizeof(*d->fix));
		*d->fix = *f->fix;
		d->fix->replacement = strdup(f->fix->replacement ? f->fix->replacement : "");
	}
	d->notes = f->nr_notes ? calloc(f->nr_notes, sizeof(*d->notes)) : NULL;
	for (i = 0; i < f->nr_notes; i++) {
		d->notes[i] = f->notes[i];
		d->notes[i].file = strdup(f->notes[i].file ? f->notes[i].file : d->file);
		d->notes[i].message = strdup(f->notes[i].message ? f->notes[i].message : "");
	}
}

void rg_results_unchecked(struct rg_results *r, const char *file,
			  const char *function, const char *reason,
			  enum rg_engine engine)
{
	struct rg_unchecked *u;

	r->unchecked = grow(r->unchecked, r->nr_unchecked, &r->cap_unchecked,
			    sizeof(*r->unchecked));
	u = &r->unchecked[r->nr_unchecked++];
	u->file = strdup(file ? file : "");
	u->function = strdup(function ? function : "");
	u->reason = strdup(reason ? reason : "not checked");
	u->engine = engine;
}

void rg_results_checked_by(struct rg_results *r, const char *file,
			   const char *function, enum rg_pass pass,
			   unsigned int rules)
{
	struct rg_checked *c;

	rules &= rg_pass_rules(pass);
	if (!rules)
		return;
	r->checked = grow(r->checked, r->nr_checked, &r->cap_checked,
			  sizeof(*r->checked));
	c = &r->checked[r->nr_checked++];
	c->file = strdup(file ? file : "");
	c->function = strdup(function ? function : "");
	c->rules = rules;
	c->pass = pass;
}

unsigned int rg_results_checked_for(const struct rg_results *r, const char *file,
				    const char *function)
{
	unsigned int rules = 0;
	int i;

	for (i = 0; i < r->nr_checked; i++)
		if (!strcmp(r->checked[i].file, file) &&
		    (!*r->checked[i].function || !strcmp(r->checked[i].function, function)))
			rules |= r->checked[i].rules;
	return rules;
}

/* The rules ENGINE's passes checked function of file for. */
static unsigned int engine_checked_for(const struct rg_results *r, enum rg_engine engine,
				       const char *file, const char *function)
{
	unsigned int rules = 0;
	int i;

	for (i = 0; i < r->nr_checked; i++)
		if (rg_passes[r->checked[i].pass].engine == engine &&
		    !strcmp(r->checked[i].file, file) &&
		    (!*r->checked[i].function || !strcmp(r->checked[i].function, function)))
			rules |= r->checked[i].rules;
	return rules;
}

/* Is function of file (or all of file) unchecked already? */
static bool already_unchecked(const struct rg_results *r, const char *file,
			      const char *function)
{
	int i;

	for (i = 0; i < r->nr_unchecked; i++)
		if (!strcmp(r->unchecked[i].file, file) &&
		    (!*r->unchecked[i].function ||
		     !strcmp(r->unchecked[i].function, function)))
			return true;
	return false;
}

int rg_results_require(struct rg_results *r, enum rg_engine engine)
{
	unsigned int need = rg_engine_rules(engine), missing;
	int i, n = 0, nr = r->nr_checked;
	char *why;

	for (i = 0; i < nr; i++) {
		const struct rg_checked *c = &r->checked[i];
		char names[256] = "";
		int rule;

		if (rg_passes[c->pass].engine != engine || !*c->function)
			continue;
		missing = need & ~engine_checked_for(r, engine, c->file, c->function);
		if (!missing || already_unchecked(r, c->file, c->function))
			continue;
		for (rule = 0; rule < RG_NR_RULES; rule++)
			if (missing & RG_RULE_BIT(rule))
				snprintf(names + strlen(names), sizeof(names) - strlen(names),
					 "%s%s", *names ? ", " : "", rg_rules[rule].name);
		why = rg_strdup_printf("not checked for %s: no %s pass serving %s ran on it",
				       names, rg_engine_name(engine),
				       missing & (missing - 1) ? "them" : "it");
		rg_results_unchecked(r, c->file, c->function, why, engine);
		free(why);
		n++;
	}
	return n;
}

const char *rg_engine_name(enum rg_engine engine)
{
	return (unsigned int)engine < RG_NR_ENGINES ? rg_engines[engine].name : "refguard";
}

/* Append src's array to dst's, leaving src's empty. */
#define MOVE_ALL(dst, src, arr, nr, cap) do {					\
	int i_;									\
	for (i_ = 0; i_ < (src)->nr; i_++) {					\
		(dst)->arr = grow((dst)->arr, (dst)->nr, &(dst)->cap,		\
				  sizeof(*(dst)->arr));				\
		(dst)->arr[(dst)->nr++] = (src)->arr[i_];			\
	}									\
	free((src)->arr);							\
	(src)->arr = NULL;							\
	(src)->nr = (src)->cap = 0;						\
} while (0)

void rg_results_merge(struct rg_results *dst, struct rg_results *src)
{
	MOVE_ALL(dst, src, findings, nr_findings, cap_findings);
	MOVE_ALL(dst, src, unchecked, nr_unchecked, cap_unchecked);
	MOVE_ALL(dst, src, checked, nr_checked, cap_checked);
}

static void free_finding(struct rg_finding *f)
{
	int i;

	free(f->file);
	free(f->function);
	free(f->arg);
	free(f->rewrite);
	if (f->fix)
		free(f->fix->replacement);
	free(f->fix);
	for (i = 0; i < f->nr_notes; i++) {
		free(f->notes[i].file);
		free(f->notes[i].message);
	}
	free(f->notes);
}

void rg_results_free(struct rg_results *r)
{
	int i;

	for (i = 0; i < r->nr_findings; i++)
		free_finding(&r->findings[i]);
	for (i = 0; i < r->nr_unchecked; i++) {
		free(r->unchecked[i].file);
		free(r->unchecked[i].function);
		free(r->unchecked[i].reason);
	}
	for (i = 0; i < r->nr_checked; i++) {
		free(r->checked[i].file);
		free(r->checked[i].function);
	}
	free(r->findings);
	free(r->unchecked);
	free(r->checked);
	memset(r, 0, sizeof(*r));
}

void rg_results_filter(struct rg_results *r,
		       bool (*keep)(const struct rg_finding *f, void *data), void *data)
{
	int i, kept = 0;

	for (i = 0; i < r->nr_findings; i++) {
		if (keep(&r->findings[i], data))
			r->findings[kept++] = r->findings[i];
		else
			free_finding(&r->findings[i]);
	}
	r->nr_findings = kept;
}

static int cmp_str(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

static int cmp_finding(const void *pa, const void *pb)
{
	const struct rg_finding *a = pa, *b = pb;
	int c = cmp_str(a->file, b->file);

	if (c)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->column != b->column)
		return a->column < b->column ? -1 : 1;
	if (a->rule != b->rule)
		return a->rule < b->rule ? -1 : 1;
	/* the one that knows more first, so deduplication keeps it */
	if (!a->fix != !b->fix)
		return a->fix ? -1 : 1;
	if (!a->rewrite != !b->rewrite)
		return a->rewrite ? -1 : 1;
	if (a->nr_notes != b->nr_notes)
		return a->nr_notes > b->nr_notes ? -1 : 1;
	return a->engine < b->engine ? -1 : a->engine > b->engine;
}

static int cmp_unchecked(const void *pa, const void *pb)
{
	const struct rg_unchecked *a = pa, *b = pb;
	int c = strcmp(a->file, b->file);

	if (!c)
		c = strcmp(a->function, b->function);
	return c ? c : strcmp(a->reason, b->reason);
}

static int cmp_checked(const void *pa, const void *pb)
{
	const struct rg_checked *a = pa, *b = pb;
	int c = strcmp(a->file, b->file);

	return c ? c : strcmp(a->function, b->function);
}

/*
 * Is F, sorted after the N findings KEPT, one of them?  The same rule at
 * the same place is one finding (a header's, reported by every unit that
 * includes it, or by two engines: the first sorted, the one that knows
 * more, stands), unless one engine says two different things there: a
 * macro whose raw setter stores 0 on a page held in one expansion and on
 * another page in the next is two findings.
 */
static bool already_kept(const struct rg_finding *kept, int n, const struct rg_finding *f)
{
	int i;

	for (i = n - 1; i >= 0; i--) {
		const struct rg_finding *k = &kept[i];

		if (strcmp(k->file, f->file) || k->line != f->line ||
		    k->column != f->column || k->rule != f->rule)
			return false;
		/*
		 * One engine's findings say different things only with two
		 * different rewrites; one without a rewrite is the same
		 * finding knowing less (sorted after the one that knows more).
		 */
		if (k->engine != f->engine || (!cmp_str(k->arg, f->arg) &&
					       (!f->rewrite || !cmp_str(k->rewrite, f->rewrite))))
			return true;
	}
	return false;
}

void rg_results_finish(struct rg_results *r)
{
	int i, kept = 0;

	if (r->nr_findings)
		qsort(r->findings, r->nr_findings, sizeof(*r->findings), cmp_finding);
	for (i = 0; i < r->nr_findings; i++) {
		struct rg_finding *f = &r->findings[i];

		if (already_kept(r->findings, kept, f)) {
			free_finding(f);
			continue;
		}
		r->findings[kept++] = *f;
	}
	r->nr_findings = kept;

	if (r->nr_unchecked)
		qsort(r->unchecked, r->nr_unchecked, sizeof(*r->unchecked), cmp_unchecked);
	for (i = kept = 0; i < r->nr_unchecked; i++) {
		struct rg_unchecked *u = &r->unchecked[i];

		if (kept && !cmp_unchecked(&r->unchecked[kept - 1], u)) {
			free(u->file);
			free(u->function);
			free(u->reason);
			continue;
		}
		r->unchecked[kept++] = *u;
	}
	r->nr_unchecked = kept;

	if (r->nr_checked)
		qsort(r->checked, r->nr_checked, sizeof(*r->checked), cmp_checked);
	for (i = kept = 0; i < r->nr_checked; i++) {
		struct rg_checked *c = &r->checked[i];

		if (kept && !cmp_checked(&r->checked[kept - 1], c)) {
			r->checked[kept - 1].rules |= c->rules;
			free(c->file);
			free(c->function);
			continue;
		}
		r->checked[kept++] = *c;
	}
	r->nr_checked = kept;
}

char *rg_finding_message(const struct rg_finding *f)
{
	const struct rg_rule_info *info = &rg_rules[f->rule];
	const char *fmt = f->rewrite && info->message_with_rewrite ?
			  info->message_with_rewrite : info->message;
	const char *args[2] = { f->arg ? f->arg : "", f->rewrite ? f->rewrite : "" };
	size_t size = strlen(fmt) + strlen(args[0]) + strlen(args[1]) + 8;
	char *out = malloc(size), *o = out;
	int n = 0;

	/* The catalogue's only directive is %qs; GCC prints it as '...'. */
	for (; *fmt; fmt++) {
		if (!strncmp(fmt, "%qs", 3) && n < 2) {
			*o++ = '\'';
			o = stpcpy(o, args[n++]);
			*o++ = '\'';
			fmt += 2;
		} else {
			*o++ = *fmt;
		}
	}
	*o = '\0';
	return out;
}

const char *rg_finding_severity(const struct rg_finding *f)
{
	return f->error ? "error" : rg_rules[f->rule].severity;
}

static bool same_finding(const struct rg_finding *a, const struct rg_finding *b)
{
	char *ma, *mb;
	bool same;

	if (a->rule != b->rule || strcmp(a->file, b->file) ||
	    strcmp(a->function, b->function))
		return false;
	ma = rg_finding_message(a);
	mb = rg_finding_message(b);
	same = !strcmp(ma, mb);
	free(ma);
	free(mb);
	return same;
}

void rg_results_subtract(struct rg_results *r, const struct rg_results *baseline)
{
	bool *gone = calloc(r->nr_findings + 1, sizeof(bool));
	int i, j, kept = 0;

	/*
	 * Lines move between revisions, so a baseline entry matches by what
	 * and where (file, function, rule, message), not by line; and it
	 * stands for one finding.  Three identical new calls next to one
	 * accepted one are two new findings, not zero.
	 */
	for (j = 0; j < baseline->nr_findings; j++)
		for (i = 0; i < r->nr_findings; i++)
			if (!gone[i] && same_finding(&r->findings[i], &baseline->findings[j])) {
				gone[i] = true;
				break;
			}
	for (i = 0; i < r->nr_findings; i++) {
		if (gone[i])
			free_finding(&r->findings[i]);
		else
			r->findings[kept++] = r->findings[i];
	}
	r->nr_findings = kept;
	free(gone);
}

int rg_results_exit_code(const struct rg_results *r)
{
	if (r->nr_unchecked)
		return RG_EXIT_TROUBLE;
	return r->nr_findings ? RG_EXIT_FINDINGS : RG_EXIT_CLEAN;
}
