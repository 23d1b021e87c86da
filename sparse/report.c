// SPDX-License-Identifier: GPL-2.0
/*
 * Findings of the sparse engine as struct rg_finding values.
 *
 * sparse positions are (stream, line, display column with 8-column tabs);
 * findings carry byte columns, as GCC's do, so the source line is read
 * back (only for findings: they are rare) to convert the column and, for
 * a call seen in linearized code (whose position is its '('), to move it
 * back to the callee's name, where the plugin reports it.  A position
 * whose line cannot be read keeps sparse's column.
 *
 * sparse gives every token a macro expansion produces the position of the
 * macro's name at the invocation.  The plugin reports a call spelled in a
 * macro body at its line in the #define: when the source at a finding's
 * position is the name of a macro rather than the call, the call is looked
 * up in that macro's body (and in the macros the body names), whose tokens
 * still carry their own positions.  A call spelled in a macro argument
 * stays at the invocation, as in the plugin.
 *
 * Like the plugin, a finding is reported once per (rule, spelling place)
 * per translation unit: a call in a macro body or in a header's static
 * inline is one finding at the line where it is spelled, however often it
 * is expanded or inlined.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct source {
	int stream;
	char *text;			/* whole file, NUL-terminated, or NULL */
	size_t len;
};

static struct source *sources;
static int nr_sources;

struct seen {
	enum rg_rule rule;
	unsigned int stream, line, col;
};

static struct seen *seen;
static int nr_seen, cap_seen;

void rg_report_reset(void)
{
	int i;

	for (i = 0; i < nr_sources; i++)
		free(sources[i].text);
	free(sources);
	sources = NULL;
	nr_sources = 0;
	free(seen);
	seen = NULL;
	nr_seen = cap_seen = 0;
}

static struct source *source_of(int stream)
{
	struct source *s;
	FILE *f;
	int i;

	for (i = 0; i < nr_sources; i++)
		if (sources[i].stream == stream)
			return &sources[i];
	s = realloc(sources, (nr_sources + 1) * sizeof(*s));
	if (!s)
		return NULL;
	sources = s;
	s = &sources[nr_sources++];
	s->stream = stream;
	s->text = NULL;
	s->len = 0;
	f = fopen(stream_name(stream), "r");
	if (f) {
		size_t cap = 0, n;
		char buf[65536];

		while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
			char *t = realloc(s->text, cap + n + 1);

			if (!t)
				break;
			s->text = t;
			memcpy(s->text + cap, buf, n);
			cap += n;
		}
		if (s->text)
			s->text[cap] = '\0';
		s->len = cap;
		fclose(f);
	}
	return s;
}

/* The text of LINE (1-based) and its length, or NULL. */
static const char *line_text(int stream, unsigned int line, size_t *len)
{
	struct source *s = source_of(stream);
	const char *p, *end;
	unsigned int n = 1;

	if (!s || !s->text)
		return NULL;
	p = s->text;
	while (n < line) {
		p = strchr(p, '\n');
		if (!p)
			return NULL;
		p++;
		n++;
	}
	end = strchr(p, '\n');
	*len = end ? (size_t)(end - p) : strlen(p);
	return p;
}

/* Byte offset in TEXT of sparse's display column COL (1-based), or -1. */
static int byte_offset(const char *text, size_t len, unsigned int col)
{
	unsigned int dc = 0;
	size_t i;

	for (i = 0; i < len; i++) {
		if (text[i] == '\t')
			dc += 8 - dc % 8;
		else
			dc++;
		if (dc >= col)
			return i;
	}
	return -1;
}

static bool ident_char(char c)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

/*
 * The 1-based byte column of POS; with PAREN, POS is a call's '(' and the
 * column is that of CALLEE spelled just before it, if it is.
 */
static int column_of(struct position pos, bool paren, const char *callee)
{
	size_t len, n;
	const char *text = line_text(pos.stream, pos.line, &len);
	int off;

	if (!text)
		return pos.pos;
	off = byte_offset(text, len, pos.pos);
	if (off < 0)
		return pos.pos;
	if (paren && callee && text[off] == '(') {
		int i = off;

		n = strlen(callee);
		while (i > 0 && (text[i - 1] == ' ' || text[i - 1] == '\t'))
			i--;
		if ((size_t)i >= n && !strncmp(text + i - n, callee, n) &&
		    (i - (int)n == 0 || !ident_char(text[i - n - 1])))
			off = i - n;
	}
	return off + 1;
}

/* The identifier spelled at POS, or NULL. */
static struct ident *ident_at(struct position pos)
{
	size_t len, i;
	const char *text = line_text(pos.stream, pos.line, &len);
	char name[256];
	int off;

	if (!text || (off = byte_offset(text, len, pos.pos)) < 0 ||
	    !ident_char(text[off]) || (text[off] >= '0' && text[off] <= '9'))
		return NULL;
	for (i = off; i < len && ident_char(text[i]); i++)
		;
	if (i - off >= sizeof(name))
		return NULL;
	memcpy(name, text + off, i - off);
	name[i - off] = '\0';
	return built_in_ident(name);
}

static struct symbol *macro_of(const struct ident *id)
{
	struct symbol *sym;

	for (sym = id ? id->symbols : NULL; sym; sym = sym->next_id)
		if (sym->namespace == NS_MACRO)
			return sym;
	return NULL;
}

/* Where WANT is spelled in MACRO's body, or in a macro that body names. */
static bool spelled_in_macro(struct symbol *macro, const struct ident *want,
			     struct position *out, int depth)
{
	struct token *t;
	int n;

	if (!macro || depth > 8)
		return false;
	for (t = macro->expansion, n = 0; t && !eof_token(t) && n < 4096; t = t->next, n++)
		if (token_type(t) == TOKEN_IDENT && t->ident == want) {
			*out = t->pos;
			return true;
		}
	for (t = macro->expansion, n = 0; t && !eof_token(t) && n < 4096; t = t->next, n++) {
		struct symbol *inner;

		if (token_type(t) != TOKEN_IDENT || t->ident == macro->ident)
			continue;
		inner = macro_of(t->ident);
		if (inner && spelled_in_macro(inner, want, out, depth + 1))
			return true;
	}
	return false;
}

/* POS moved to where NAME is spelled, when POS is a macro's invocation. */
static struct position spelling_of(struct position pos, const char *name)
{
	struct ident *at = ident_at(pos), *want;
	struct position out;

	if (!at || !name)
		return pos;
	want = built_in_ident(name);
	if (at == want)
		return pos;
	if (spelled_in_macro(macro_of(at), want, &out, 0))
		return out;
	return pos;
}

static bool first_report(enum rg_rule rule, struct position pos, int col)
{
	struct seen *s;
	int i;

	for (i = 0; i < nr_seen; i++)
		if (seen[i].rule == rule && seen[i].stream == pos.stream &&
		    seen[i].line == pos.line && seen[i].col == (unsigned int)col)
			return false;
	if (nr_seen == cap_seen) {
		cap_seen = cap_seen ? 2 * cap_seen : 16;
		s = realloc(seen, cap_seen * sizeof(*s));
		if (!s)
			return true;
		seen = s;
	}
	seen[nr_seen].rule = rule;
	seen[nr_seen].stream = pos.stream;
	seen[nr_seen].line = pos.line;
	seen[nr_seen].col = col;
	nr_seen++;
	return true;
}

/* The file name of a stream, relative to the tree when it lies in it. */
static const char *file_of(int stream)
{
	const char *name = stream_name(stream);
	const char *tree = rg_unit->tree;
	size_t n;

	if (tree && *tree) {
		n = strlen(tree);
		if (!strncmp(name, tree, n) && name[n] == '/')
			return name + n + 1;
	}
	if (!strncmp(name, "./", 2))
		return name + 2;
	return name;
}

void rg_sparse_report(const struct rg_sparse_report *rep)
{
	struct rg_finding f;
	struct rg_note note;
	struct position pos, note_pos;
	int col;

	/* Code of the helpers' own bodies, inlined into a caller. */
	if (rg_sparse_exempt_pos(rep->pos))
		return;
	pos = spelling_of(rep->pos, rep->callee);
	col = column_of(pos, rep->callee_paren, rep->callee);
	if (!first_report(rep->rule, pos, col))
		return;
	memset(&f, 0, sizeof(f));
	f.rule = rep->rule;
	f.file = (char *)file_of(pos.stream);
	f.line = pos.line;
	f.column = col;
	f.function = (char *)(rep->function ? rep->function : "");
	f.arg = (char *)rep->arg;
	f.rewrite = (char *)rep->rewrite;
	f.engine = "sparse";
	if (rep->has_note && *rg_rules[rep->rule].note) {
		note_pos = spelling_of(rep->note_pos, rep->note_callee);
		note.file = (char *)file_of(note_pos.stream);
		note.line = note_pos.line;
		note.column = column_of(note_pos, rep->note_paren, rep->note_callee);
		note.message = (char *)rg_rules[rep->rule].note;
		f.notes = &note;
		f.nr_notes = 1;
	}
	rg_results_add(rg_unit->results, &f);
	rg_unit->nr_findings++;
}
