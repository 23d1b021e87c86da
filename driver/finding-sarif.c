// SPDX-License-Identifier: GPL-2.0
/*
 * SARIF 2.1.0 as GitHub code scanning reads it: one run, the rule
 * catalogue as tool.driver.rules, results with ruleId/ruleIndex, level,
 * message.text, a physical location relative to the tree (uriBaseId
 * %SRCROOT%), the notes as relatedLocations, and a fix when the engine
 * knows both the rewrite and the exact extent it replaces.  What went
 * unchecked is an error notification of a run that did not succeed.
 */
#include <stdlib.h>
#include <string.h>

#include "driver.h"
#include "finding.h"
#include "json.h"

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

/* A location object's physicalLocation member; the caller adds the braces. */
static void put_location(FILE *out, const char *file, int line, int column)
{
	fputs("\"physicalLocation\": {\"artifactLocation\": ", out);
	put_artifact(out, file);
	fprintf(out, ", \"region\": {\"startLine\": %d, \"startColumn\": %d}}",
		line > 0 ? line : 1, column > 0 ? column : 1);
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

static void print_fix(FILE *out, const struct rg_finding *f)
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
		x->line, x->column, x->end_line, x->end_column);
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

static void print_result(FILE *out, const struct rg_finding *f, bool last)
{
	char *msg = rg_finding_message(f);
	int j;

	fputs("      {\"ruleId\": ", out);
	rg_json_put_string(out, rg_rules[f->rule].name);
	fprintf(out, ", \"ruleIndex\": %d, \"level\": \"%s\", \"message\": {\"text\": ",
		f->rule, sarif_level(rg_finding_severity(f)));
	rg_json_put_string(out, msg);
	fputs("},\n       \"locations\": [{", out);
	put_location(out, f->file, f->line, f->column);
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
			put_location(out, f->notes[j].file, f->notes[j].line,
				     f->notes[j].column);
			fputs(", \"message\": {\"text\": ", out);
			rg_json_put_string(out, f->notes[j].message);
			fputs("}}", out);
		}
		fputs("]", out);
	}
	if (fix_has_extent(f->fix))
		print_fix(out, f);
	fprintf(out, "}%s\n", last ? "" : ",");
	free(msg);
}

static void print_invocation(FILE *out, const struct rg_results *r)
{
	int i;

	fprintf(out, "    \"invocations\": [{\"executionSuccessful\": %s",
		r->nr_unchecked ? "false" : "true");
	if (r->nr_unchecked) {
		fputs(", \"toolExecutionNotifications\": [", out);
		for (i = 0; i < r->nr_unchecked; i++) {
			const struct rg_unchecked *u = &r->unchecked[i];
			char *text = rg_strdup_printf("not checked%s%s: %s",
						      *u->function ? " in " : "",
						      u->function, u->reason);

			fprintf(out, "%s{\"level\": \"error\", \"message\": {\"text\": ",
				i ? ", " : "");
			rg_json_put_string(out, text);
			fputs("}, \"locations\": [{\"physicalLocation\": {\"artifactLocation\": ", out);
			put_artifact(out, u->file);
			fputs("}}]}", out);
			free(text);
		}
		fputs("]", out);
	}
	fputs("}]\n", out);
}

void rg_results_print_sarif(const struct rg_results *r, FILE *out)
{
	char *info_uri = rg_strdup_printf("file://%s/README.md", rg_srcdir());
	int i;

	fputs("{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"
	      "  \"version\": \"2.1.0\",\n  \"runs\": [{\n"
	      "    \"tool\": {\"driver\": {\"name\": \"refguard\", \"version\": \"0.1\",\n"
	      "      \"informationUri\": ", out);
	/* No public home: point at this installation's documentation. */
	rg_json_put_string(out, info_uri);
	fputs(",\n", out);
	print_rules(out);
	fputs("    \"originalUriBaseIds\": {\"%SRCROOT%\": {\"description\": "
	      "{\"text\": \"the kernel tree\"}}},\n    \"results\": [\n", out);
	for (i = 0; i < r->nr_findings; i++)
		print_result(out, &r->findings[i], i + 1 == r->nr_findings);
	fputs("    ],\n", out);
	print_invocation(out, r);
	fputs("  }]\n}\n", out);
	free(info_uri);
}
