// SPDX-License-Identifier: GPL-2.0
/*
 * The JSON form of struct rg_results, written and read back (a baseline
 * is an earlier run's JSON output):
 *
 *   {"findings":[{"file":F,"line":L,"column":C,"severity":S,"rule":ID,
 *                 "message":M,"function":FN,"fix":REPLACEMENT|null,
 *                 "arg":A,"rewrite":R|null,
 *                 "fix_range":{"line":..,"column":..,"end_line":..,
 *                              "end_column":..}|null,
 *                 "notes":[{"file":F,"line":L,"column":C,"message":M}],
 *                 "engine":E}],
 *    "unchecked":[{"file":F,"function":FN,"reason":R,"engine":E}]}
 *
 * A note is a child of the finding it explains, never an entry of its own:
 * a consumer that counts findings must not count "the page was frozen
 * here".  "message" is rendered from the catalogue; "arg" and "rewrite"
 * are what it was rendered from, so reading back needs no text parsing
 * (files written before they existed are still read, from "message").
 */
#include <stdlib.h>
#include <string.h>

#include "finding.h"
#include "json.h"
#include "util.h"

static void put_key(FILE *out, const char *sep, const char *key)
{
	fputs(sep, out);
	rg_json_put_string(out, key);
	putc(':', out);
}

static void put_str(FILE *out, const char *key, const char *value)
{
	put_key(out, ",", key);
	rg_json_put_string(out, value);
}

static void print_finding(const struct rg_finding *f, FILE *out)
{
	char *msg = rg_finding_message(f);
	int j;

	put_key(out, "{", "file");
	rg_json_put_string(out, f->file);
	fprintf(out, ",\"line\":%d,\"column\":%d", f->line, f->column);
	put_str(out, "severity", rg_finding_severity(f));
	put_str(out, "rule", rg_rules[f->rule].name);
	put_str(out, "message", msg);
	put_str(out, "function", f->function);
	put_str(out, "fix", f->fix ? f->fix->replacement : NULL);
	put_str(out, "arg", f->arg);
	put_str(out, "rewrite", f->rewrite);
	put_key(out, ",", "fix_range");
	if (f->fix && f->fix->line > 0)
		fprintf(out, "{\"line\":%d,\"column\":%d,\"end_line\":%d,\"end_column\":%d}",
			f->fix->line, f->fix->column, f->fix->end_line, f->fix->end_column);
	else
		fputs("null", out);
	put_key(out, ",", "notes");
	putc('[', out);
	for (j = 0; j < f->nr_notes; j++) {
		put_key(out, j ? ",{" : "{", "file");
		rg_json_put_string(out, f->notes[j].file);
		fprintf(out, ",\"line\":%d,\"column\":%d", f->notes[j].line,
			f->notes[j].column);
		put_str(out, "message", f->notes[j].message);
		putc('}', out);
	}
	putc(']', out);
	put_str(out, "engine", rg_engine_name(f->engine));
	putc('}', out);
	free(msg);
}

void rg_results_print_json(const struct rg_results *r, FILE *out)
{
	int i;

	fputs("{\"findings\":[", out);
	for (i = 0; i < r->nr_findings; i++) {
		if (i)
			putc(',', out);
		print_finding(&r->findings[i], out);
	}
	fputs("],\"unchecked\":[", out);
	for (i = 0; i < r->nr_unchecked; i++) {
		const struct rg_unchecked *u = &r->unchecked[i];

		put_key(out, i ? ",{" : "{", "file");
		rg_json_put_string(out, u->file);
		put_str(out, "function", u->function);
		put_str(out, "reason", u->reason);
		put_str(out, "engine", rg_engine_name(u->engine));
		putc('}', out);
	}
	fputs("]}\n", out);
}

/*
 * Recover the %qs arguments of a message rendered from fmt: the text
 * between the quotes that stand for each %qs.  Only for files written
 * without "arg"; returns false when the message is not fmt's.
 */
static bool unrender(const char *fmt, const char *msg, char **args)
{
	int n = 0;

	while (*fmt) {
		if (!strncmp(fmt, "%qs", 3)) {
			const char *rest = fmt + 3, *end;
			size_t lit = strcspn(rest, "%");
			char *close = malloc(lit + 2);

			if (*msg++ != '\'' || n == 2) {
				free(close);
				return false;
			}
			/* the closing quote is the one followed by the literal text */
			close[0] = '\'';
			memcpy(close + 1, rest, lit);
			close[lit + 1] = '\0';
			end = lit ? strstr(msg, close) : strrchr(msg, '\'');
			free(close);
			if (!end || (!lit && end[1]))
				return false;
			args[n++] = strndup(msg, end - msg);
			msg = end + 1;
			fmt = rest;
		} else if (*fmt++ != *msg++) {
			return false;
		}
	}
	return !*msg;
}

static int read_fix(struct rg_json *item, struct rg_fix *fix)
{
	struct rg_json *range = rg_json_get(item, "fix_range");
	const char *text = rg_json_str(item, "fix", NULL);

	if (!text)
		return 0;
	fix->replacement = (char *)text;
	if (range && range->type == RG_JSON_OBJECT) {
		fix->line = rg_json_num(range, "line", 0);
		fix->column = rg_json_num(range, "column", 0);
		fix->end_line = rg_json_num(range, "end_line", 0);
		fix->end_column = rg_json_num(range, "end_column", 0);
	}
	return 1;
}

/* The engine an entry names; which one does not matter to a baseline. */
static enum rg_engine engine_of(struct rg_json *item)
{
	int e = rg_engine_find(rg_json_str(item, "engine", ""));

	return e < 0 ? RG_NR_ENGINES : (enum rg_engine)e;
}

static int read_finding(struct rg_results *r, struct rg_json *item, const char *what)
{
	const char *rule = rg_json_str(item, "rule", "");
	struct rg_json *notes = rg_json_get(item, "notes"), *n;
	struct rg_finding f = { 0 };
	struct rg_fix fix = { 0 };
	char *args[2] = { NULL, NULL };
	int id = rg_rule_find(rule), i;

	if (id < 0) {
		fprintf(stderr, "refguard: %s: unknown rule '%s'\n", what, rule);
		return -1;
	}
	f.rule = id;
	f.error = !strcmp(rg_json_str(item, "severity", ""), "error");
	f.file = (char *)rg_json_str(item, "file", "");
	f.line = rg_json_num(item, "line", 0);
	f.column = rg_json_num(item, "column", 0);
	f.function = (char *)rg_json_str(item, "function", "");
	f.engine = engine_of(item);
	if (rg_json_get(item, "arg")) {
		f.arg = (char *)rg_json_str(item, "arg", NULL);
		f.rewrite = (char *)rg_json_str(item, "rewrite", NULL);
	} else {
		const char *msg = rg_json_str(item, "message", "");
		bool ok = unrender(rg_rules[id].message_with_rewrite, msg, args);

		if (!ok) {
			free(args[0]);
			args[0] = NULL;
			ok = unrender(rg_rules[id].message, msg, args);
		}
		if (!ok) {
			fprintf(stderr, "refguard: %s: '%s' is not a %s message\n",
				what, msg, rule);
			free(args[0]);
			return -1;
		}
		f.arg = args[0];
		f.rewrite = args[1];
	}
	if (read_fix(item, &fix))
		f.fix = &fix;
	for (n = notes ? notes->child : NULL; n; n = n->next)
		f.nr_notes++;
	f.notes = f.nr_notes ? calloc(f.nr_notes, sizeof(*f.notes)) : NULL;
	for (n = notes ? notes->child : NULL, i = 0; n; n = n->next, i++) {
		f.notes[i].file = (char *)rg_json_str(n, "file", f.file);
		f.notes[i].line = rg_json_num(n, "line", 0);
		f.notes[i].column = rg_json_num(n, "column", 0);
		f.notes[i].message = (char *)rg_json_str(n, "message", "");
	}
	rg_results_add(r, &f);
	free(f.notes);
	free(args[0]);
	free(args[1]);
	return 0;
}

int rg_results_read_json(struct rg_results *r, const char *text, const char *what)
{
	struct rg_json *doc, *list, *item;
	const char *err;

	doc = rg_json_parse(text, &err);
	if (!doc) {
		fprintf(stderr, "refguard: %s: not refguard JSON output (%s)\n", what, err);
		return -1;
	}
	list = rg_json_get(doc, "findings");
	if (!list || list->type != RG_JSON_ARRAY) {
		fprintf(stderr, "refguard: %s: no \"findings\" array\n", what);
		return -1;
	}
	for (item = list->child; item; item = item->next)
		if (item->type != RG_JSON_OBJECT || read_finding(r, item, what))
			return -1;
	list = rg_json_get(doc, "unchecked");
	for (item = list && list->type == RG_JSON_ARRAY ? list->child : NULL; item;
	     item = item->next)
		rg_results_unchecked(r, rg_json_str(item, "file", ""),
				     rg_json_str(item, "function", ""),
				     rg_json_str(item, "reason", "not checked"), engine_of(item));
	return 0;
}
