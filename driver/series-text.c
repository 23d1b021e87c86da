// SPDX-License-Identifier: GPL-2.0
/*
 * The prose of a series (see series.h): subjects, changelogs that name
 * each site and say why its rewrite is the right one, from what the
 * catalogue says each helper is, and the cover letter.  Wrapped to 72
 * columns so checkpatch takes them as they are.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue.h"
#include "driver.h"
#include "series-parts.h"

#define WRAP 72

/* Word-wrap text to WRAP columns: the first line after first, then indent. */
static void wrap(FILE *out, const char *text, const char *first,
		 const char *indent)
{
	const char *p = text + strspn(text, " ");
	size_t col = strlen(first);
	bool empty = true;

	fputs(first, out);
	while (*p) {
		size_t word = strcspn(p, " ");

		if (!empty && col + 1 + word > WRAP) {
			fprintf(out, "\n%s", indent);
			col = strlen(indent);
			empty = true;
		}
		if (!empty) {
			fputc(' ', out);
			col++;
		}
		fprintf(out, "%.*s", (int)word, p);
		col += word;
		empty = false;
		p += word;
		p += strspn(p, " ");
	}
	fputc('\n', out);
}

static bool in_group(const struct rg_series *s, const struct rg_series_group *g,
		     const char *path)
{
	int i;

	for (i = 0; i < g->nr_files; i++)
		if (!strcmp(rg_series_path(&s->patch.files[g->files[i]]), path))
			return true;
	return false;
}

/* Why this rewrite is the right one, from what the catalogue says it is. */
static const char *why_site(const struct rg_finding *f)
{
	const struct rg_api *api = f->rewrite ? rg_api_find(f->rewrite) : NULL;

	if (f->rule == RG_RULE_DIRECT_REFCOUNT)
		return "the stored value is an encoding that only the helpers "
		       "know how to read and change";
	switch (api ? (int)api->kind : -1) {
	case RG_SET_FROZEN:
		return "the count is set to 0 to freeze the page; the frozen "
		       "setter says so, and stays right once a frozen page is "
		       "marked by a bit instead of a zero count";
	case RG_INIT:
		return "the page is handed its first reference here, over a "
		       "count nobody else uses";
	case RG_UNFREEZE:
		return "the page is frozen on every path to this call (a "
		       "successful freeze or a put that dropped the last "
		       "reference), so the store unfreezes it";
	}
	return "the helper says what the raw store means";
}

/* The distinct rewrites of a group, "a(), b() and c()". */
static char *rewrites_of(const struct rg_series *s, const struct rg_series_group *g)
{
	const struct rg_results *r = s->o->sites;
	char *seen[16], *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	int i, j, n = 0;

	for (i = 0; i < r->nr_findings; i++) {
		const char *rw = r->findings[i].rewrite;

		if (!rw || !in_group(s, g, r->findings[i].file))
			continue;
		for (j = 0; j < n && strcmp(seen[j], rw); j++)
			;
		if (j == n && n < 16)
			seen[n++] = (char *)rw;
	}
	for (i = 0; i < n; i++)
		fprintf(out, "%s%s()", i == 0 ? "" : i == n - 1 ? " and " : ", ",
			seen[i]);
	fclose(out);
	return text;
}

/* The helpers a section adds: its "+static inline <type> name(" lines. */
static int added_helpers(const struct rg_file_diff *fd, char **names, int max)
{
	const char *p = fd->text, *end = fd->text + fd->text_len;
	int n = 0;

	for (; p && p < end && n < max; p = memchr(p, '\n', end - p), p = p ? p + 1 : p) {
		const char *paren, *name;

		if (strncmp(p, "+static inline ", 15))
			continue;
		paren = memchr(p, '(', strcspn(p, "\n"));
		if (!paren)
			continue;
		for (name = paren; name > p && (name[-1] == '_' ||
		     (name[-1] >= 'a' && name[-1] <= 'z') ||
		     (name[-1] >= 'A' && name[-1] <= 'Z') ||
		     (name[-1] >= '0' && name[-1] <= '9')); name--)
			;
		names[n++] = strndup(name, paren - name);
	}
	return n;
}

static void helpers_changelog(FILE *out, const struct rg_series *s,
			      const struct rg_series_group *g)
{
	char *names[16];
	int n = 0, i;

	for (i = 0; i < g->nr_files; i++)
		n += added_helpers(&s->patch.files[g->files[i]], names + n, 16 - n);
	fprintf(out, "%s add ", g->prefix);
	for (i = 0; i < n; i++)
		fprintf(out, "%s%s()", i == 0 ? "" : i == n - 1 ? " and " : ", ",
			names[i]);
	fputs("\n\n", out);
	wrap(out, "Callers that store a raw count with set_page_count() or "
	     "folio_set_count() say what they mean with these instead.  They "
	     "do what the raw store does today, so nothing changes until the "
	     "encoding of a frozen page does; then they are the one place that "
	     "has to know it.", "", "");
	for (i = 0; i < n; i++) {
		const struct rg_api *api = rg_api_find(names[i]);
		char *line = NULL;

		if (!api)
			continue;
		if (api->kind == RG_SET_FROZEN)
			line = rg_strdup_printf("%s() marks a page frozen.", names[i]);
		else if (api->kind == RG_INIT && api->object == RG_OBJ_FOLIO)
			line = rg_strdup_printf("%s() is init_page_count() for a "
						"folio: its first reference.", names[i]);
		else if (api->kind == RG_INIT)
			line = rg_strdup_printf("%s() gives a page its first "
						"reference.", names[i]);
		if (line) {
			fputc('\n', out);
			wrap(out, line, "", "");
			free(line);
		}
		free(names[i]);
	}
}

/* The original spelling of a site: "set_page_count()", "page->_refcount". */
static char *original(const struct rg_finding *f)
{
	if (f->rule == RG_RULE_DIRECT_REFCOUNT)
		return rg_strdup_printf("accessing %s directly", f->arg);
	return rg_strdup_printf("%s()", f->arg);
}

/*
 * One paragraph per distinct rewrite: which helper replaces what, where
 * ("f() in file", "(twice)" for two sites in one function), and why.
 */
static void sites_paragraphs(FILE *out, const struct rg_series *s,
			     const struct rg_series_group *g)
{
	const struct rg_results *r = s->o->sites;
	bool *done = calloc(r->nr_findings + 1, sizeof(*done));
	int i, j, k;

	for (i = 0; i < r->nr_findings; i++) {
		const struct rg_finding *f = &r->findings[i];
		char *text = NULL, *orig = original(f);
		size_t len = 0;
		FILE *p;

		if (done[i] || !in_group(s, g, f->file))
			continue;
		p = open_memstream(&text, &len);
		fprintf(p, "Use %s%s instead of %s in ",
			f->rewrite ? f->rewrite : "the helper",
			f->rewrite ? "()" : "", orig);
		for (j = i; j < r->nr_findings; j++) {
			const struct rg_finding *h = &r->findings[j];
			int times = 0, more = 0;

			if (done[j] || h->rule != f->rule || strcmp(h->arg, f->arg) ||
			    !h->rewrite != !f->rewrite ||
			    (f->rewrite && strcmp(h->rewrite, f->rewrite)) ||
			    !in_group(s, g, h->file))
				continue;
			for (k = j; k < r->nr_findings; k++) {
				const struct rg_finding *x = &r->findings[k];

				if (done[k] || x->rule != f->rule ||
				    strcmp(x->arg, f->arg) ||
				    !x->rewrite != !f->rewrite ||
				    (f->rewrite && strcmp(x->rewrite, f->rewrite)))
					continue;
				if (!strcmp(x->file, h->file) &&
				    !strcmp(x->function, h->function)) {
					done[k] = true;
					times++;
				} else if (in_group(s, g, x->file)) {
					more++;
				}
			}
			fprintf(p, "%s%s() (%s%s)%s", j == i ? "" : more ? ", " : " and ",
				*h->function ? h->function : "file scope", h->file,
				times == 2 ? ", twice" : "", "");
			if (times > 2)
				fprintf(p, " %d times", times);
		}
		fprintf(p, ": %s.", why_site(f));
		fclose(p);
		wrap(out, text, "", "");
		fputc('\n', out);
		free(text);
		free(orig);
	}
	free(done);
}

static void sites_changelog(FILE *out, const struct rg_series *s,
			    const struct rg_series_group *g)
{
	const struct rg_results *r = s->o->sites;
	char *rewrites = rewrites_of(s, g), *rewrites_all = strdup(rewrites);
	unsigned int rules = 0;
	int i;

	if (strlen(g->prefix) + strlen(rewrites) + 6 <= 75 && *rewrites)
		fprintf(out, "%s use %s\n\n", g->prefix, rewrites);
	else
		fprintf(out, "%s use the page refcount helpers\n\n", g->prefix);
	free(rewrites);
	for (i = 0; i < r->nr_findings; i++)
		if (in_group(s, g, r->findings[i].file))
			rules |= 1u << r->findings[i].rule;
	for (i = 0; i < RG_NR_RULES; i++)
		if (rules & (1u << i)) {
			wrap(out, rg_rules[i].rationale, "", "");
			fputc('\n', out);
		}
	sites_paragraphs(out, s, g);
	if (strstr(rewrites_all, "unfreeze"))
		wrap(out, "No functional change intended with today's encoding, "
		     "but for the unfreeze's release ordering and its debug "
		     "check that the page was frozen.", "", "");
	else
		wrap(out, "No functional change intended.", "", "");
	fputc('\n', out);
	wrap(out, "Found and rewritten with refguard.", "", "");
	free(rewrites_all);
}

char *rg_series_changelog(const struct rg_series *s, const struct rg_series_group *g)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);

	if (g->section)
		sites_changelog(out, s, g);
	else
		helpers_changelog(out, s, g);
	if (s->o->signoff)
		fprintf(out, "\nSigned-off-by: %s\n", s->o->signoff);
	fclose(out);
	return text;
}

static const char cover_blurb[] =
	"The page refcount series (\"mm: improve folio refcount scalability\") "
	"marks a frozen page with a dedicated bit instead of a zero count.  "
	"Once it does, set_page_count(page, 0) no longer freezes a page, "
	"set_page_count(page, n) over a frozen count silently unfreezes it, "
	"and a direct read of page->_refcount returns the encoding rather than "
	"a count.  Review of the series asked for the remaining raw users to "
	"be converted; its authors left that for an independent patch.  This "
	"is that conversion.  It changes no behaviour with today's encoding.";

void rg_series_cover(FILE *out, const struct rg_series *s)
{
	const struct rg_results *r = s->o->sites;
	int i;

	wrap(out, cover_blurb, "", "");
	fputc('\n', out);
	wrap(out, s->groups[0].section ? "Each patch converts one subsystem, "
	     "as its MAINTAINERS entry draws it." : "Patch 1 adds the helpers "
	     "the tree does not have yet; each later patch converts one "
	     "subsystem, as its MAINTAINERS entry draws it, and builds on its "
	     "own.", "", "");
	fputc('\n', out);
	wrap(out, "Sites:", "", "");
	for (i = 0; i < r->nr_findings; i++) {
		const struct rg_finding *f = &r->findings[i];
		char *item = rg_strdup_printf("%s:%d %s(): %s -> %s", f->file,
					      f->line, f->function, f->arg,
					      f->fix ? f->fix->replacement :
					      f->rewrite ? f->rewrite : "(report only)");

		wrap(out, item, "  ", "    ");
		free(item);
	}
}
