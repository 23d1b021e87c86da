// SPDX-License-Identifier: GPL-2.0
/*
 * SARIF 2.1.0 as GitHub code scanning reads it: one run, the rule
 * catalogue as tool.driver.rules, results with ruleId/ruleIndex, level,
 * message.text, a physical location relative to the tree (uriBaseId
 * %SRCROOT%), the notes as relatedLocations, and a fix when the engine
 * knows both the rewrite and the exact extent it replaces.  What went
 * unchecked is an error notification of a run that did not succeed.
 *
 * SARIF columns count characters (the run says "unicodeCodePoints"),
 * findings carry GCC's display columns and fixes byte columns: each is
 * converted on the line it points at, read from the file (columns.h).
 * Where that cannot be done the location keeps only its line and the fix
 * is left out, never a column that points elsewhere; the file is named
 * in a warning notification and on stderr.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "columns.h"
#include "finding-print.h"
#include "finding.h"
#include "json.h"
#include "spawn.h"
#include "util.h"

/* A file the findings point into, read once. */
struct source {
	char *file;		/* as the findings name it */
	char *text;		/* NULL: could not be read */
	char *why;		/* the first column that could not be converted */
};

struct sources {
	const char *root;
	struct source *v;
	int n;
};

static struct source *source_of(struct sources *ss, const char *file)
{
	struct source *src;
	char *path;
	int i;

	for (i = 0; i < ss->n; i++)
		if (!strcmp(ss->v[i].file, file))
			return &ss->v[i];
	ss->v = realloc(ss->v, (ss->n + 1) * sizeof(*ss->v));
	src = &ss->v[ss->n++];
	path = file[0] == '/' || !ss->root ? strdup(file) :
	       rg_strdup_printf("%s/%s", ss->root, file);
	src->file = strdup(file);
	src->text = rg_slurp_file(path, NULL);
	src->why = src->text ? NULL :
		   rg_strdup_printf("cannot read %s: %s", path, strerror(errno));
	free(path);
	return src;
}

/* The text of line number line of file, or NULL after noting why. */
static const char *line_of(struct sources *ss, const char *file, int line,
			   size_t *len)
{
	struct source *src = source_of(ss, file);
	const char *text = src->text ? rg_source_line(src->text, line, len) : NULL;

	if (!text && !src->why)
		src->why = rg_strdup_printf("it has no line %d", line);
	return text;
}

static void column_missed(struct sources *ss, const char *file, int line,
			  int column, const char *unit)
{
	struct source *src = source_of(ss, file);

	if (!src->why)
		src->why = rg_strdup_printf("line %d has no %s column %d", line,
					    unit, column);
}

/* The character column of GCC's display column, 0 after noting why. */
static int char_column(struct sources *ss, const char *file, int line, int column)
{
	size_t len;
	const char *text = line_of(ss, file, line, &len);
	int c = text ? rg_char_column(text, len, column) : 0;

	if (text && !c)
		column_missed(ss, file, line, column, "display");
	return c;
}

/* The character column of a byte column, 0 after noting why. */
static int byte_char_column(struct sources *ss, const char *file, int line,
			    int column)
{
	size_t len;
	const char *text = line_of(ss, file, line, &len);
	int c = text ? rg_char_column_of_byte(text, len, column) : 0;

	if (text && !c)
		column_missed(ss, file, line, column, "byte");
	return c;
}

static void free_sources(struct sources *ss)
{
	int i;

	for (i = 0; i < ss->n; i++) {
		free(ss->v[i].file);
		free(ss->v[i].text);
		free(ss->v[i].why);
	}
	free(ss->v);
}

/*
 * A path as a relative URI reference (RFC 3986): every byte but the
 * unreserved ones and '/' percent-encoded, so "mm/new file.c" is
 * "mm/new%20file.c" and '%', '#', '?' in a name cannot change its meaning.
 */
char *rg_uri_encode(const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	char *out = malloc(strlen(path) * 3 + 1), *o = out;
	const unsigned char *p;

	for (p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p)) {
			*o++ = *p;
		} else {
			*o++ = '%';
			*o++ = hex[*p >> 4];
			*o++ = hex[*p & 15];
		}
	}
	*o = '\0';
	return out;
}

static void put_artifact(FILE *out, const char *file)
{
	char *uri = rg_uri_encode(file);

	fputs("{\"uri\": ", out);
	rg_json_put_string(out, uri);
	fputs(", \"uriBaseId\": \"%SRCROOT%\"}", out);
	free(uri);
}

/*
 * A location object's physicalLocation member; the caller adds the
 * braces.  Without a column the region is the whole line.
 */
static void put_location(FILE *out, struct sources *ss, const char *file,
			 int line, int column)
{
	int c = line > 0 && column > 0 ? char_column(ss, file, line, column) : 0;

	fputs("\"physicalLocation\": {\"artifactLocation\": ", out);
	put_artifact(out, file);
	fprintf(out, ", \"region\": {\"startLine\": %d", line > 0 ? line : 1);
	if (c)
		fprintf(out, ", \"startColumn\": %d", c);
	fputs("}}", out);
}

/* Catalogue message with %qs shown as '...', for shortDescription. */
static char *plain_message(const char *msg)
{
	char *out = malloc(strlen(msg) * 2 + 1), *o = out;

	for (; *msg; msg++) {
		if (!strncmp(msg, "%qs", 3)) {
			o = stpcpy(o, "'...'");
			msg += 2;
		} else {
			*o++ = *msg;
		}
	}
	*o = '\0';
	return out;
}

static const char *sarif_level(const char *severity)
{
	return !strcmp(severity, "error") ? "error" :
	       !strcmp(severity, "note") ? "note" : "warning";
}

static void print_rules(FILE *out)
{
	int r;

	fputs("      \"rules\": [\n", out);
	for (r = 0; r < RG_NR_RULES; r++) {
		char *desc = plain_message(rg_rules[r].message);

		fputs("        {\"id\": ", out);
		rg_json_put_string(out, rg_rules[r].name);
		fputs(", \"shortDescription\": {\"text\": ", out);
		rg_json_put_string(out, desc);
		fputs("}, \"fullDescription\": {\"text\": ", out);
		rg_json_put_string(out, rg_rules[r].rationale);
		fputs("}, \"help\": {\"text\": ", out);
		rg_json_put_string(out, rg_rules[r].rationale);
		fprintf(out, "}, \"defaultConfiguration\": {\"level\": \"%s\"}}%s\n",
			sarif_level(rg_rules[r].severity), r + 1 < RG_NR_RULES ? "," : "");
		free(desc);
	}
	fputs("      ]}},\n", out);
}

static void print_fix(FILE *out, const struct rg_finding *f, int start, int end)
{
	const struct rg_fix *x = f->fix;
	char *desc = rg_strdup_printf("replace with '%s'", x->replacement);

	fputs(",\n       \"fixes\": [{\"description\": {\"text\": ", out);
	rg_json_put_string(out, desc);
	fputs("}, \"artifactChanges\": [{\"artifactLocation\": ", out);
	put_artifact(out, f->file);
	/* end exclusive in both GCC's fix-its and SARIF regions */
	fprintf(out, ", \"replacements\": [{\"deletedRegion\": {\"startLine\": %d, "
		"\"startColumn\": %d, \"endLine\": %d, \"endColumn\": %d}, "
		"\"insertedContent\": {\"text\": ",
		x->line, start, x->end_line, end);
	rg_json_put_string(out, x->replacement);
	fputs("}}]}]}]", out);
	free(desc);
}

static bool fix_has_extent(const struct rg_fix *x)
{
	return x && x->line > 0 && x->column > 0 && x->end_line >= x->line &&
	       x->end_column > 0 &&
	       (x->end_line > x->line || x->end_column >= x->column);
}

static void print_result(FILE *out, struct sources *ss, const struct rg_finding *f,
			 bool last)
{
	char *msg = rg_finding_message(f);
	int j, start = 0, end = 0;

	fputs("      {\"ruleId\": ", out);
	rg_json_put_string(out, rg_rules[f->rule].name);
	fprintf(out, ", \"ruleIndex\": %d, \"level\": \"%s\", \"message\": {\"text\": ",
		f->rule, sarif_level(rg_finding_severity(f)));
	rg_json_put_string(out, msg);
	fputs("},\n       \"locations\": [{", out);
	put_location(out, ss, f->file, f->line, f->column);
	if (*f->function) {
		fputs(", \"logicalLocations\": [{\"name\": ", out);
		rg_json_put_string(out, f->function);
		fputs(", \"kind\": \"function\"}]", out);
	}
	fputs("}]", out);
	if (f->nr_notes) {
		fputs(",\n       \"relatedLocations\": [", out);
		for (j = 0; j < f->nr_notes; j++) {
			fprintf(out, "%s{\"id\": %d, ", j ? ", " : "", j + 1);
			put_location(out, ss, f->notes[j].file, f->notes[j].line,
				     f->notes[j].column);
			fputs(", \"message\": {\"text\": ", out);
			rg_json_put_string(out, f->notes[j].message);
			fputs("}}", out);
		}
		fputs("]", out);
	}
	/* a fix goes in only with both ends placed on their lines */
	if (fix_has_extent(f->fix)) {
		start = byte_char_column(ss, f->file, f->fix->line, f->fix->column);
		end = start ? byte_char_column(ss, f->file, f->fix->end_line,
					       f->fix->end_column) : 0;
	}
	if (start && end)
		print_fix(out, f, start, end);
	fprintf(out, "}%s\n", last ? "" : ",");
	free(msg);
}

/* One toolExecutionNotification about file. */
static void put_notification(FILE *out, const char *sep, const char *level,
			     const char *text, const char *file)
{
	fprintf(out, "%s{\"level\": \"%s\", \"message\": {\"text\": ", sep, level);
	rg_json_put_string(out, text);
	fputs("}, \"locations\": [{\"physicalLocation\": {\"artifactLocation\": ", out);
	put_artifact(out, file);
	fputs("}}]}", out);
}

/*
 * What went unchecked (errors), and the files whose locations lost their
 * columns (warnings: everything was checked, the output is coarser).
 */
static void print_invocation(FILE *out, const struct rg_results *r,
			     const struct sources *ss)
{
	static const char first[] = ", \"toolExecutionNotifications\": [";
	const char *sep = first;
	int i;

	fprintf(out, "    \"invocations\": [{\"executionSuccessful\": %s",
		r->nr_unchecked ? "false" : "true");
	for (i = 0; i < r->nr_unchecked; i++) {
		const struct rg_unchecked *u = &r->unchecked[i];
		char *text = rg_strdup_printf("not checked%s%s: %s",
					      *u->function ? " in " : "",
					      u->function, u->reason);

		put_notification(out, sep, "error", text, u->file);
		sep = ", ";
		free(text);
	}
	for (i = 0; i < ss->n; i++) {
		char *text;

		if (!ss->v[i].why)
			continue;
		text = rg_strdup_printf("a column could not be placed (%s): such "
					"a location gives only its line, such a fix "
					"is left out", ss->v[i].why);
		fprintf(stderr, "refguard: SARIF: %s: %s\n", ss->v[i].file, text);
		put_notification(out, sep, "warning", text, ss->v[i].file);
		sep = ", ";
		free(text);
	}
	fputs(sep == first ? "}]\n" : "]}]\n", out);
}

void rg_results_print_sarif(const struct rg_results *r, FILE *out)
{
	rg_results_print_sarif_in(r, NULL, out);
}

void rg_results_print_sarif_in(const struct rg_results *r, const char *root,
			       FILE *out)
{
	char *info_uri = rg_strdup_printf("file://%s/README.md", rg_srcdir());
	struct sources ss = { root, NULL, 0 };
	int i;

	fputs("{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"
	      "  \"version\": \"2.1.0\",\n  \"runs\": [{\n"
	      "    \"tool\": {\"driver\": {\"name\": \"refguard\", \"version\": \"0.1\",\n"
	      "      \"informationUri\": ", out);
	/* No public home: point at this installation's documentation. */
	rg_json_put_string(out, info_uri);
	fputs(",\n", out);
	print_rules(out);
	fputs("    \"columnKind\": \"unicodeCodePoints\",\n", out);
	fputs("    \"originalUriBaseIds\": {\"%SRCROOT%\": {\"description\": "
	      "{\"text\": \"the kernel tree\"}}},\n    \"results\": [\n", out);
	for (i = 0; i < r->nr_findings; i++)
		print_result(out, &ss, &r->findings[i], i + 1 == r->nr_findings);
	fputs("    ],\n", out);
	print_invocation(out, r, &ss);
	fputs("  }]\n}\n", out);
	free_sources(&ss);
	free(info_uri);
}
