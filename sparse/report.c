// SPDX-License-Identifier: GPL-2.0
/*
 * Findings of the sparse engine as struct rg_finding values.
 *
 * sparse positions are (stream, line, display column with 8-column tabs,
 * every byte counting one); findings carry GCC's display columns and fixes
 * byte columns (lib/finding.h), so the source line is read back (only
 * for findings: they are rare) to convert the column and, for
 * a call seen in linearized code (whose position is its '('), to move it
 * back to the callee's name, where the plugin reports it.  A position
 * whose line cannot be read keeps sparse's column.
 *
 * sparse gives every token a macro expansion produces the position of the
 * macro's name at the invocation, the tokens of its arguments included.
 * The plugin reports a call spelled in a macro body at its line in the
 * #define: when the source at a finding's position is the name of a macro
 * rather than the call, the call is looked up in that macro's body (and
 * in the macros the body names), whose tokens still carry their own
 * positions.  A call spelled in a macro argument is reported where the
 * argument spells it, as the plugin does: when the invocation's arguments
 * on its line spell the callee more than once, the calls the invocation
 * makes to it are matched to those spellings in order (the caller says
 * which call this is, rep->ordinal); without that it stays at the
 * invocation, without a fix-it.
 *
 * Like the plugin, a finding is reported once per (rule, spelling place,
 * message) per translation unit: a call in a macro body or in a header's
 * static inline is one finding at the line where it is spelled, however
 * often it is expanded or inlined, but two calls spelled at one place
 * whose findings say different things (a 0 stored on a held page and on
 * another one) are two findings.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "columns.h"
#include "util.h"

struct source {
	char *name;
	char *text;			/* whole file, NUL-terminated, or NULL */
	size_t len;
	size_t *starts;			/* where each line starts: a .i is big */
	unsigned int nr_lines;
};

static struct source *sources;
static int nr_sources;

struct seen {
	enum rg_rule rule;
	unsigned int stream, line, col;
	const char *arg, *rewrite;	/* the message's: catalogue strings */
};

static struct seen *seen;
static int nr_seen, cap_seen;

void rg_report_reset(void)
{
	int i;

	for (i = 0; i < nr_sources; i++) {
		free(sources[i].name);
		free(sources[i].text);
		free(sources[i].starts);
	}
	free(sources);
	sources = NULL;
	nr_sources = 0;
	free(seen);
	seen = NULL;
	nr_seen = cap_seen = 0;
}

static void index_lines(struct source *s)
{
	size_t i, n = 1;

	for (i = 0; i < s->len; i++)
		n += s->text[i] == '\n';
	s->starts = malloc(n * sizeof(*s->starts));
	if (!s->starts)
		return;
	s->starts[0] = 0;
	for (i = 0, n = 1; i < s->len; i++)
		if (s->text[i] == '\n')
			s->starts[n++] = i + 1;
	s->nr_lines = n;
}

/* The file NAME as read now (a stream's, or one a #line names), cached. */
static struct source *source_named(const char *name)
{
	struct source *s;
	FILE *f;
	int i;

	for (i = 0; i < nr_sources; i++)
		if (!strcmp(sources[i].name, name))
			return &sources[i];
	s = realloc(sources, (nr_sources + 1) * sizeof(*s));
	if (!s)
		return NULL;
	sources = s;
	s = &sources[nr_sources];
	memset(s, 0, sizeof(*s));
	s->name = strdup(name);
	if (!s->name)
		return NULL;
	nr_sources++;
	f = fopen(name, "r");
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
		if (s->text)
			index_lines(s);
	}
	return s;
}

/* The text of LINE (1-based) of file NAME and its length, or NULL. */
static const char *file_line_text(const char *name, unsigned int line, size_t *len)
{
	struct source *s = source_named(name);
	const char *p, *end;

	if (!s || !s->text || !s->starts || !line || line > s->nr_lines)
		return NULL;
	p = s->text + s->starts[line - 1];
	end = strchr(p, '\n');
	*len = end ? (size_t)(end - p) : strlen(p);
	return p;
}

/* The text of LINE of STREAM, as sparse read it. */
static const char *line_text(int stream, unsigned int line, size_t *len)
{
	return file_line_text(stream_name(stream), line, len);
}

/*
 * The text of the line POS is reported at: where a #line or linemarker
 * is in force, that of the file and line it names (as GCC reads it for a
 * fix-it), if it can be read.
 */
static const char *reported_line_text(struct position pos, size_t *len)
{
	unsigned int line;
	const char *name = rg_sparse_pos_file(pos, &line);

	return file_line_text(name, line, len);
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
 * The byte offset of POS in its line.  sparse keeps 10 bits of column:
 * on a line longer than that, the offsets whose display column agrees
 * modulo 1024 are tried, and the one where EXPECT (the callee, or '('
 * with PAREN) is spelled wins.
 */
static int offset_of(const char *text, size_t len, struct position pos,
		     bool paren, const char *expect)
{
	int off = -1, first = -1;
	unsigned int col;

	for (col = pos.pos; col <= len * 8 + 8; col += 1024) {
		off = byte_offset(text, len, col);
		if (off < 0)
			break;
		if (first < 0)
			first = off;
		if (!expect || (paren ? text[off] == '(' :
				!strncmp(text + off, expect, strlen(expect))))
			return off;
	}
	return first;
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
	off = offset_of(text, len, pos, paren, callee);
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

	if (!text || (off = offset_of(text, len, pos, false, NULL)) < 0 ||
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

/* The closing quote of the literal opening at P (or END): escapes skipped. */
static const char *skip_literal(const char *p, const char *end)
{
	char q = *p;

	for (p++; p < end && *p != q; p++)
		if (*p == '\\')
			p++;
	return p;
}

/*
 * The end of the arguments of the macro invocation whose name is at byte
 * OFF of TEXT: its closing ')', or the end of the line when they go on.
 */
static const char *invocation_end(const char *text, size_t len, int off)
{
	const char *p = text + off, *end = text + len;
	int depth = 0;

	while (p < end && ident_char(*p))
		p++;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (p >= end || *p != '(')
		return p;
	for (; p < end; p++) {
		if (*p == '"' || *p == '\'') {
			p = skip_literal(p, end);
		} else if (*p == '(') {
			depth++;
		} else if (*p == ')' && --depth == 0) {
			return p;
		}
	}
	return end;
}

/*
 * The NTH (0-based) spelling of NAME as an identifier in [P, END), outside
 * string and character literals; the number of them in *hits.
 */
static const char *nth_spelling(const char *p, const char *end, const char *text,
				const char *name, int nth, int *hits)
{
	size_t n = strlen(name);
	const char *hit = NULL;

	*hits = 0;
	for (; p < end; p++) {
		if (*p == '"' || *p == '\'') {
			p = skip_literal(p, end);
			continue;
		}
		if ((size_t)(end - p) < n || strncmp(p, name, n) ||
		    (p > text && ident_char(p[-1])) ||
		    (p + n < end && ident_char(p[n])))
			continue;
		if (*hits == nth)
			hit = p;
		(*hits)++;
		p += n - 1;
	}
	return hit;
}

/*
 * POS moved to where NAME is spelled, when POS is a macro's invocation:
 * into the macro's body (*in_macro set), or, when NAME came from an
 * argument, to its spelling in the invocation's arguments on its line (a
 * call to NAME after the invocation is another call): the one spelling,
 * or with several the ORDINAL-th (modulo their number: an argument the
 * macro uses twice makes its calls twice), if ORDINAL is known.
 */
static struct position spelling_of(struct position pos, const char *name,
				   int ordinal, bool *in_macro)
{
	struct ident *at = ident_at(pos), *want;
	struct position out = pos;
	const char *text, *p, *hit = NULL, *args_end;
	size_t len;
	int off, hits = 0;

	*in_macro = false;
	if (!at || !name)
		return pos;
	want = built_in_ident(name);
	if (at == want || !macro_of(at))
		return pos;
	if (spelled_in_macro(macro_of(at), want, &out, 0)) {
		*in_macro = true;
		return out;
	}
	text = line_text(pos.stream, pos.line, &len);
	off = offset_of(text, len, pos, false, NULL);
	args_end = invocation_end(text, len, off);
	hit = nth_spelling(text + off, args_end, text, name, 0, &hits);
	if (hits > 1 && ordinal >= 0)
		hit = nth_spelling(text + off, args_end, text, name, ordinal % hits, &hits);
	else if (hits != 1)
		return pos;
	if (!hit)
		return pos;
	/* A display column: tabs before it count to the next multiple of 8. */
	for (out.pos = 0, p = text; p <= hit; p++)
		out.pos = *p == '\t' && p < hit ? out.pos + 8 - out.pos % 8 : out.pos + 1;
	return out;
}

static bool same_place(struct position a, struct position b)
{
	return a.stream == b.stream && a.line == b.line && a.pos == b.pos;
}

static bool same_str(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

static bool first_report(const struct rg_sparse_report *rep, struct position pos, int col)
{
	struct seen *s;
	int i;

	for (i = 0; i < nr_seen; i++)
		if (seen[i].rule == rep->rule && seen[i].stream == pos.stream &&
		    seen[i].line == pos.line && seen[i].col == (unsigned int)col &&
		    same_str(seen[i].arg, rep->arg) && same_str(seen[i].rewrite, rep->rewrite))
			return false;
	if (nr_seen == cap_seen) {
		cap_seen = cap_seen ? 2 * cap_seen : 16;
		s = realloc(seen, cap_seen * sizeof(*s));
		if (!s)
			return true;
		seen = s;
	}
	seen[nr_seen].rule = rep->rule;
	seen[nr_seen].stream = pos.stream;
	seen[nr_seen].line = pos.line;
	seen[nr_seen].col = col;
	seen[nr_seen].arg = rep->arg;
	seen[nr_seen].rewrite = rep->rewrite;
	nr_seen++;
	return true;
}

/* ------------------------------------------------------------ fix-its */

#define MAX_ARGS 4

struct call_text {
	const char *line;
	size_t len;
	int name, close;		/* offsets of the callee and of ')' */
	int nargs;
	int begin[MAX_ARGS], end[MAX_ARGS];
};

static void add_arg(struct call_text *ct, int b, int e)
{
	while (b < e && (ct->line[b] == ' ' || ct->line[b] == '\t'))
		b++;
	while (e > b && (ct->line[e - 1] == ' ' || ct->line[e - 1] == '\t'))
		e--;
	if (ct->nargs < MAX_ARGS) {
		ct->begin[ct->nargs] = b;
		ct->end[ct->nargs] = e;
	}
	ct->nargs++;
}

/* Split the call to NAME spelled at byte offset OFF of the line. */
static bool call_text(struct call_text *ct, const char *name, int off)
{
	const char *t = ct->line;
	int n = strlen(name), i = off + n, depth = 0, b;

	if ((size_t)i > ct->len || strncmp(t + off, name, n) ||
	    ((size_t)i < ct->len && ident_char(t[i])))
		return false;
	while ((size_t)i < ct->len && (t[i] == ' ' || t[i] == '\t'))
		i++;
	if ((size_t)i >= ct->len || t[i] != '(')
		return false;
	ct->name = off;
	ct->nargs = 0;
	for (b = ++i; (size_t)i < ct->len; i++) {
		char c = t[i];

		if (c == '"' || c == '\'') {
			/* A literal: to its closing quote. */
			for (i++; (size_t)i < ct->len && t[i] != c; i++)
				if (t[i] == '\\')
					i++;
			if ((size_t)i >= ct->len)
				return false;
			continue;
		}
		if (c == '/' && t[i + 1] == '*') {
			const char *end = strstr(t + i + 2, "*/");

			if (!end || end >= t + ct->len)
				return false;
			i = end - t + 1;
			continue;
		}
		if (c == '/' && t[i + 1] == '/')
			return false;
		if (c == '(' || c == '[' || c == '{') {
			depth++;
		} else if ((c == ']' || c == '}') && depth-- <= 0) {
			return false;
		} else if (c == ')' && depth-- <= 0) {
			add_arg(ct, b, i);
			if (ct->nargs == 1 && ct->begin[0] == ct->end[0])
				ct->nargs = 0;
			ct->close = i;
			return ct->nargs <= MAX_ARGS;
		} else if (c == ',' && !depth) {
			add_arg(ct, b, i);
			b = i + 1;
		}
	}
	return false;
}

static bool arg_is_int(const struct call_text *ct, int a, long long value)
{
	char buf[64], *end;
	int n = ct->end[a] - ct->begin[a];
	long long v;

	if (n <= 0 || n >= (int)sizeof(buf) || ct->line[ct->begin[a]] < '0' ||
	    ct->line[ct->begin[a]] > '9')
		return false;
	memcpy(buf, ct->line + ct->begin[a], n);
	buf[n] = '\0';
	v = strtoll(buf, &end, 0);
	while (*end == 'u' || *end == 'U' || *end == 'l' || *end == 'L')
		end++;
	return !*end && v == value;
}

/* "&P->_refcount" -> "P", "&S._refcount" -> "&S", else NULL. */
static char *refcount_owner(const struct call_text *ct, int a)
{
	const char *t = ct->line;
	int b = ct->begin[a], e = ct->end[a], f = 9;
	bool arrow;

	if (e - b < 1 + f || t[b] != '&' || strncmp(t + e - f, "_refcount", f) ||
	    ident_char(t[e - f - 1]))
		return NULL;
	b++;
	e -= f;
	while (e > b && (t[e - 1] == ' ' || t[e - 1] == '\t'))
		e--;
	arrow = e - b > 2 && !strncmp(t + e - 2, "->", 2);
	if (!arrow && (e - b < 2 || t[e - 1] != '.'))
		return NULL;
	e -= arrow ? 2 : 1;
	while (b < e && (t[b] == ' ' || t[b] == '\t'))
		b++;
	while (e > b && (t[e - 1] == ' ' || t[e - 1] == '\t'))
		e--;
	if (e <= b)
		return NULL;
	return rg_strdup_printf("%s%.*s", arrow ? "" : "&", e - b, t + b);
}

static char *append_arg(char *out, const struct call_text *ct, int a)
{
	char *n = rg_strdup_printf("%s%s%.*s", out, *out ? ", " : "",
				   ct->end[a] - ct->begin[a], ct->line + ct->begin[a]);

	free(out);
	return n;
}

/*
 * RG_FIX_RENAME_AT: rep->fix_name, where TEXT (the line of rep->fix_pos)
 * spells it, becomes the rewrite.  A position in a macro expansion is the
 * invocation's, which spells the macro: no fix-it then.
 */
static bool rename_at(const struct rg_sparse_report *rep, const char *text, size_t len,
		      struct rg_fix *fix)
{
	struct position pos = rep->fix_pos;
	size_t n = strlen(rep->fix_name);
	int off;

	/* fix->column: the byte column found on the line read, if known. */
	off = fix->column > 0 ? fix->column - 1 :
	      offset_of(text, len, pos, false, rep->fix_name);
	if (off < 0 || (size_t)off + n > len || strncmp(text + off, rep->fix_name, n) ||
	    ((size_t)off + n < len && ident_char(text[off + n])) ||
	    (off > 0 && ident_char(text[off - 1])))
		return false;
	fix->line = fix->end_line = pos.line;
	fix->column = off + 1;
	fix->end_column = off + 1 + n;
	fix->replacement = (char *)rep->rewrite;
	return true;
}

/* The fix-it REP asks for, from TEXT, the line of POS (COL its byte column). */
static bool fix_from(const struct rg_sparse_report *rep, struct position pos, int col,
		     const char *text, size_t len, struct rg_fix *fix)
{
	struct call_text ct;
	char *args, *owner;
	int i;

	if (rep->fix == RG_FIX_RENAME_AT)
		return rename_at(rep, text, len, fix);
	ct.line = text;
	ct.len = len;
	if (!call_text(&ct, rep->callee, col - 1))
		return false;
	fix->line = fix->end_line = pos.line;
	fix->column = col;
	if (rep->fix == RG_FIX_RENAME) {
		fix->end_column = col + strlen(rep->callee);
		fix->replacement = (char *)rep->rewrite;
		return true;
	}
	if (ct.nargs != rep->fix_nargs ||
	    (rep->fix_value_arg >= 0 && !arg_is_int(&ct, rep->fix_value_arg, rep->fix_value)))
		return false;
	args = strdup("");
	if (rep->fix_refcount_arg >= 0) {
		owner = refcount_owner(&ct, rep->fix_refcount_arg);
		if (!owner) {
			free(args);
			return false;
		}
		free(args);
		args = owner;
	}
	for (i = 0; rep->fix_order && rep->fix_order[i] >= 0; i++)
		args = append_arg(args, &ct, rep->fix_order[i]);
	fix->end_column = ct.close + 2;
	fix->replacement = rg_strdup_printf("%s(%s)", rep->rewrite, args);
	free(args);
	return true;
}

static void free_fix(const struct rg_sparse_report *rep, struct rg_fix *fix)
{
	if (rep->fix == RG_FIX_CALL)
		free(fix->replacement);
}

/*
 * The fix-it REP asks for at byte column COL of POS's line, or false.  It
 * is made from the line sparse read and, where a #line or linemarker is in
 * force, must come out the same from the line of the file it edits, the
 * one reported (a preprocessed input's line holds expanded macros where
 * the source has their names: no fix-it then, as the plugin's).
 */
static bool make_fix(const struct rg_sparse_report *rep, struct position pos, int col,
		     struct rg_fix *fix)
{
	struct position at = rep->fix == RG_FIX_RENAME_AT ? rep->fix_pos : pos;
	const char *text, *reported;
	unsigned int line;
	size_t len, rlen;
	struct rg_fix other;

	if (rep->fix == RG_FIX_NONE || !rep->rewrite || !rep->callee)
		return false;
	text = line_text(at.stream, at.line, &len);
	fix->column = 0;
	if (!text || !fix_from(rep, pos, col, text, len, fix))
		return false;
	/* Byte columns carry over; display columns do not (a tab vs a space). */
	other.column = fix->column;
	if (!strcmp(rg_sparse_pos_file(at, &line), stream_name(at.stream)) && line == at.line)
		return true;
	reported = reported_line_text(at, &rlen);
	if (reported && fix_from(rep, pos, col, reported, rlen, &other)) {
		bool same = other.column == fix->column && other.end_column == fix->end_column &&
			    !strcmp(other.replacement, fix->replacement);

		free_fix(rep, &other);
		if (same)
			return true;
	}
	free_fix(rep, fix);
	return false;
}

/*
 * The file name POS is reported in (after #line and linemarkers), relative
 * to the tree when it lies in it; its line in *line.
 */
static const char *file_of(struct position pos, unsigned int *line)
{
	const char *name = rg_sparse_pos_file(pos, line);
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

/*
 * GCC's display column of byte column COL of POS's line, as findings carry
 * them (lib/finding.h), on the line of the file a linemarker names, as
 * GCC reads it; COL as it is when the line cannot be read (column_of()
 * then gave sparse's own display column).
 */
static int display_of(struct position pos, int col)
{
	size_t len;
	const char *text = reported_line_text(pos, &len);

	return text ? rg_display_column(text, len, col) : col;
}

void rg_sparse_report(const struct rg_sparse_report *rep)
{
	struct rg_finding f;
	struct rg_note note;
	struct rg_fix fix;
	struct position pos, note_pos;
	bool in_macro, note_in_macro;
	unsigned int line;
	int col;

	/* Code of the helpers' own bodies, inlined into a caller. */
	if (rg_sparse_exempt_pos(rep->pos))
		return;
	pos = spelling_of(rep->pos, rep->callee, rep->nth_call - 1, &in_macro);
	col = column_of(pos, rep->callee_paren, rep->callee);
	if (!first_report(rep, pos, col))
		return;
	memset(&f, 0, sizeof(f));
	f.rule = rep->rule;
	f.file = (char *)file_of(pos, &line);
	f.line = line;
	f.column = display_of(pos, col);
	f.function = (char *)(rep->function ? rep->function : "");
	f.arg = (char *)rep->arg;
	f.rewrite = (char *)rep->rewrite;
	f.engine = RG_ENGINE_SPARSE;
	/* A rename inside a macro body would rename every expansion. */
	if (((rep->fix != RG_FIX_RENAME && rep->fix != RG_FIX_RENAME_AT) || !in_macro) &&
	    make_fix(rep, pos, col, &fix)) {
		/* The text is the line sparse read; the line, the reported one. */
		file_of(rep->fix == RG_FIX_RENAME_AT ? rep->fix_pos : pos, &line);
		fix.end_line = line + (fix.end_line - fix.line);
		fix.line = line;
		f.fix = &fix;
	}
	if (rep->has_note && (rep->note_message || *rg_rules[rep->rule].note)) {
		/* A note about the call itself goes where the call went. */
		note_pos = spelling_of(rep->note_pos, rep->note_callee,
				       same_place(rep->note_pos, rep->pos) &&
				       same_str(rep->note_callee, rep->callee) ?
				       rep->nth_call - 1 : -1, &note_in_macro);
		note.file = (char *)file_of(note_pos, &line);
		note.line = line;
		note.column = display_of(note_pos, column_of(note_pos, rep->note_paren,
							       rep->note_callee));
		note.message = (char *)(rep->note_message ? rep->note_message :
					rg_rules[rep->rule].note);
		f.notes = &note;
		f.nr_notes = 1;
	}
	rg_results_add(rg_unit->results, &f);
	if (f.fix)
		free_fix(rep, &fix);
	rg_unit->nr_findings++;
}
