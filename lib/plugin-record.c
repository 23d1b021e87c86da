// SPDX-License-Identifier: GPL-2.0
/*
 * Reading the GCC plugin's record (plugin-record.h; written by
 * plugin/record.c).  It fails closed: a missing file, a line that is not
 * one of the record's objects with exactly the fields it must have, an
 * unknown rule, anything after "end" or no "end" at all makes the whole
 * unit unchecked.  Its findings are kept (they were found); what it says
 * it checked is not (the unit did not finish).
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "columns.h"
#include "json.h"
#include "plugin-record.h"
#include "spawn.h"

#define ENGINE RG_ENGINE_PLUGIN

struct reader {
	const char *directory;	/* of the compile: relative paths start there */
	char *tree;		/* realpath of the tree, or NULL */
	const char *unit;
	struct rg_results kept;	/* findings and unchecked: kept on failure */
	struct rg_results checked;
	bool ended;
	char why[256];
	char *text_path, *text;	/* the source file last read for columns */
};

static int bad(struct reader *rd, int lineno, const char *what)
{
	snprintf(rd->why, sizeof(rd->why), "malformed plugin record (line %d: %s)",
		 lineno, what);
	return -1;
}

static char *read_all(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL;
	size_t len = 0, cap = 0, n;

	if (!f)
		return NULL;
	for (;;) {
		if (cap - len < 4096) {
			char *nb = realloc(buf, cap = cap * 2 + 4096);

			if (!nb) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = nb;
		}
		n = fread(buf + len, 1, cap - len - 1, f);
		len += n;
		if (n == 0)
			break;
	}
	buf[len] = 0;
	if (ferror(f) || memchr(buf, 0, len)) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	return buf;
}

/* Lexically normalised "dir/path" (or path, if absolute). */
static char *absolute(const char *dir, const char *path)
{
	size_t n = strlen(dir) + strlen(path) + 2;
	char *in = malloc(n), *out = malloc(n), *seg, *save = NULL;
	size_t len = 0;

	if (path[0] == '/' || !*dir)
		snprintf(in, n, "%s", path);
	else
		snprintf(in, n, "%s/%s", dir, path);
	out[0] = 0;
	for (seg = strtok_r(in, "/", &save); seg; seg = strtok_r(NULL, "/", &save)) {
		if (!strcmp(seg, "."))
			continue;
		if (!strcmp(seg, "..")) {
			char *slash = strrchr(out, '/');

			len = slash ? (size_t)(slash - out) : 0;
			out[len] = 0;
			continue;
		}
		len += sprintf(out + len, "/%s", seg);
	}
	if (path[0] != '/' && !*dir) {
		/* No directory to anchor it: keep it relative. */
		memmove(out, out + (out[0] == '/'), strlen(out) + 1);
	}
	if (!out[0])
		strcpy(out, "/");
	free(in);
	return out;
}

/* A recorded path as the results name it: relative to the tree if in it. */
static char *result_path(const struct reader *rd, const char *path)
{
	char *abs = absolute(rd->directory, path), *real, *p = abs;
	size_t tlen;

	if (!rd->tree)
		return abs;
	real = realpath(abs, NULL);
	if (real) {
		free(abs);
		p = abs = real;
	}
	tlen = strlen(rd->tree);
	if (!strncmp(p, rd->tree, tlen) && p[tlen] == '/') {
		char *rel = strdup(p + tlen + 1);

		free(abs);
		return rel;
	}
	return abs;
}

/*
 * The column GCC prints (display columns: finding.h) for byte column COL
 * of LINE of the recorded FILE: the record has GCC's byte columns
 * (expand_location()), which no GCC-version difference touches.  COL as
 * it is when the line cannot be read.
 */
static int display_column(struct reader *rd, const char *file, int line, int col)
{
	char *path = absolute(rd->directory, file);
	const char *text;
	size_t len;

	if (!rd->text_path || strcmp(rd->text_path, path)) {
		free(rd->text_path);
		free(rd->text);
		rd->text_path = path;
		rd->text = rg_slurp_file(path, NULL);
	} else {
		free(path);
	}
	text = rd->text ? rg_source_line(rd->text, line, &len) : NULL;
	return text ? rg_display_column(text, len, col) : col;
}

static bool get_int(const struct rg_json *obj, const char *key, int *out)
{
	const struct rg_json *m = rg_json_get(obj, key);

	if (!m || m->type != RG_JSON_NUMBER || m->number != floor(m->number) ||
	    m->number < 0 || m->number > INT_MAX)
		return false;
	*out = (int)m->number;
	return true;
}

static const char *get_str(const struct rg_json *obj, const char *key)
{
	return rg_json_str(obj, key, NULL);
}

/* Exactly these members (a typo or a new field is not silently skipped). */
static bool only_keys(const struct rg_json *obj, const char *const *keys)
{
	const struct rg_json *m;
	int i, n = 0, want = 0;

	if (!obj || obj->type != RG_JSON_OBJECT)
		return false;
	for (i = 0; keys[i]; i++, want++)
		if (!rg_json_get(obj, keys[i]))
			return false;
	for (m = obj->child; m; m = m->next)
		n++;
	return n == want;
}

static int read_fix(const struct rg_json *v, struct rg_fix *fix)
{
	static const char *const keys[] = { "line", "column", "end_line",
		"end_column", "replacement", NULL };

	if (!only_keys(v, keys) || !get_int(v, "line", &fix->line) ||
	    !get_int(v, "column", &fix->column) ||
	    !get_int(v, "end_line", &fix->end_line) ||
	    !get_int(v, "end_column", &fix->end_column) ||
	    !get_str(v, "replacement"))
		return -1;
	fix->replacement = (char *)get_str(v, "replacement");
	return 0;
}

static int read_finding(struct reader *rd, const struct rg_json *v, int lineno)
{
	static const char *const keys[] = { "rule", "error", "file", "line",
		"column", "function", "arg", "rewrite", "fix", "notes", NULL };
	static const char *const note_keys[] = { "file", "line", "column",
		"message", NULL };
	const struct rg_json *err, *rw, *fixv, *notes, *n;
	struct rg_finding f;
	struct rg_fix fix;
	int rule, i, ret = -1;

	memset(&f, 0, sizeof(f));
	if (!only_keys(v, keys))
		return bad(rd, lineno, "a finding without exactly its fields");
	rule = rg_rule_find(rg_json_str(v, "rule", ""));
	if (rule < 0)
		return bad(rd, lineno, "unknown rule");
	err = rg_json_get(v, "error");
	rw = rg_json_get(v, "rewrite");
	fixv = rg_json_get(v, "fix");
	notes = rg_json_get(v, "notes");
	if (err->type != RG_JSON_BOOL || !get_str(v, "file") ||
	    !get_int(v, "line", &f.line) || !get_int(v, "column", &f.column) ||
	    !get_str(v, "function") || !get_str(v, "arg") ||
	    (rw->type != RG_JSON_NULL && rw->type != RG_JSON_STRING) ||
	    (fixv->type != RG_JSON_NULL && read_fix(fixv, &fix)) ||
	    notes->type != RG_JSON_ARRAY)
		return bad(rd, lineno, "a finding field of the wrong type");
	f.rule = rule;
	f.error = err->number != 0;
	f.function = (char *)get_str(v, "function");
	f.arg = (char *)get_str(v, "arg");
	f.rewrite = rw->type == RG_JSON_STRING ? rw->string : NULL;
	f.fix = fixv->type == RG_JSON_NULL ? NULL : &fix;
	f.engine = ENGINE;
	for (n = notes->child; n; n = n->next)
		f.nr_notes++;
	f.notes = calloc(f.nr_notes + 1, sizeof(*f.notes));
	f.file = result_path(rd, get_str(v, "file"));
	f.column = display_column(rd, get_str(v, "file"), f.line, f.column);
	for (i = 0, n = notes->child; n; n = n->next, i++) {
		if (!only_keys(n, note_keys) || !get_str(n, "file") ||
		    !get_int(n, "line", &f.notes[i].line) ||
		    !get_int(n, "column", &f.notes[i].column) ||
		    !get_str(n, "message")) {
			ret = bad(rd, lineno, "a malformed note");
			goto out;
		}
		f.notes[i].file = result_path(rd, get_str(n, "file"));
		f.notes[i].column = display_column(rd, get_str(n, "file"),
						   f.notes[i].line, f.notes[i].column);
		f.notes[i].message = (char *)get_str(n, "message");
	}
	rg_results_add(&rd->kept, &f);
	ret = 0;
out:
	for (i = 0; i < f.nr_notes; i++)
		free(f.notes[i].file);
	free(f.notes);
	free(f.file);
	return ret;
}

/* A "rules" array of rule ids, as RG_RULE_BIT()s. */
static int read_rules(const struct rg_json *v, unsigned int *rules)
{
	const struct rg_json *m;
	int rule;

	*rules = 0;
	if (!v || v->type != RG_JSON_ARRAY)
		return -1;
	for (m = v->child; m; m = m->next) {
		if (m->type != RG_JSON_STRING || (rule = rg_rule_find(m->string)) < 0)
			return -1;
		*rules |= RG_RULE_BIT(rule);
	}
	return 0;
}

static int read_function(struct reader *rd, const char *kind,
			 const struct rg_json *v, int lineno)
{
	static const char *const checked_keys[] = { "file", "function", "pass",
		"rules", NULL };
	static const char *const unchecked_keys[] = { "file", "function",
		"reason", NULL };
	bool checked = !strcmp(kind, "checked");
	unsigned int rules;
	char *file;
	int pass = -1;

	if (!only_keys(v, checked ? checked_keys : unchecked_keys) ||
	    !get_str(v, "file") || !get_str(v, "function") ||
	    !get_str(v, checked ? "pass" : "reason"))
		return bad(rd, lineno, checked ? "a malformed checked entry" :
				       "a malformed unchecked entry");
	if (checked && read_rules(rg_json_get(v, "rules"), &rules))
		return bad(rd, lineno, "a checked entry with bad rules");
	/* A pass counts only for the rules rules/engines.def gives it. */
	if (checked && (pass = rg_pass_find(ENGINE, get_str(v, "pass"))) < 0)
		return bad(rd, lineno, "a checked entry of an unknown pass");
	file = result_path(rd, get_str(v, "file"));
	if (checked)
		rg_results_checked_by(&rd->checked, file, get_str(v, "function"),
				      pass, rules);
	else
		rg_results_unchecked(&rd->kept, file, get_str(v, "function"),
				     get_str(v, "reason"), ENGINE);
	free(file);
	return 0;
}

static int read_line(struct reader *rd, const char *text, int lineno)
{
	static const char *const unit_keys[] = { "unit", "directory", "gcc",
		"plugin", NULL };
	static const char *const end_keys[] = { "functions", NULL };
	const char *err = NULL;
	struct rg_json *v = rg_json_parse(text, &err), *m;
	int n;

	if (!v)
		return bad(rd, lineno, err);
	if (rd->ended)
		return bad(rd, lineno, "text after \"end\"");
	if (lineno == 1) {
		if (!only_keys(v, unit_keys) || !get_str(v, "unit") ||
		    !get_str(v, "directory") || !get_str(v, "gcc") ||
		    !get_str(v, "plugin"))
			return bad(rd, lineno, "the first line is not the unit");
		rd->directory = get_str(v, "directory");
		if (!rd->unit)
			rd->unit = get_str(v, "unit");
		return 0;
	}
	m = v->type == RG_JSON_OBJECT ? v->child : NULL;
	if (!m || m->next)
		return bad(rd, lineno, "not an object with one member");
	if (!strcmp(m->key, "finding"))
		return read_finding(rd, m, lineno);
	if (!strcmp(m->key, "checked") || !strcmp(m->key, "unchecked"))
		return read_function(rd, m->key, m, lineno);
	if (!strcmp(m->key, "end")) {
		if (!only_keys(m, end_keys) || !get_int(m, "functions", &n))
			return bad(rd, lineno, "a malformed end");
		rd->ended = true;
		return 0;
	}
	return bad(rd, lineno, "an unknown kind of line");
}

static int read_text(struct reader *rd, char *text)
{
	char *line = text, *nl;
	int lineno = 0;

	for (; *line; line = nl + 1) {
		nl = strchr(line, '\n');
		if (!nl)
			return bad(rd, lineno + 1, "no newline at the end");
		*nl = 0;
		if (read_line(rd, line, ++lineno))
			return -1;
	}
	if (!lineno)
		return bad(rd, 1, "empty");
	if (!rd->ended) {
		snprintf(rd->why, sizeof(rd->why), "the plugin did not finish the "
			 "unit (no \"end\" in its record: gcc stopped or crashed)");
		return -1;
	}
	return 0;
}

int rg_plugin_record_read(const char *path, const char *unit, const char *tree,
			  struct rg_results *r)
{
	struct reader rd;
	char *text = read_all(path), *name;
	int ret;

	memset(&rd, 0, sizeof(rd));
	rd.directory = "";
	rd.unit = unit;
	rd.tree = tree ? realpath(tree, NULL) : NULL;
	if (!text) {
		snprintf(rd.why, sizeof(rd.why), "no plugin record (%s: %s): the "
			 "plugin did not run", path, errno ? strerror(errno) : "unreadable");
		ret = -1;
	} else {
		ret = read_text(&rd, text);
	}
	if (ret) {
		name = result_path(&rd, rd.unit ? rd.unit : path);
		rg_results_unchecked(&rd.kept, name, "", rd.why, ENGINE);
		free(name);
		rg_results_free(&rd.checked);
	} else {
		/* The passes that ran must cover every rule for each function. */
		rg_results_merge(&rd.kept, &rd.checked);
		if (rg_results_require(&rd.kept, ENGINE))
			ret = -1;
	}
	rg_results_merge(r, &rd.kept);
	free(rd.text_path);
	free(rd.text);
	free(rd.tree);
	free(text);
	return ret;
}
