// SPDX-License-Identifier: GPL-2.0
/*
 * Byte, display and character columns of a source line; see columns.h.
 *
 * A character's display width is glibc's wcwidth() in the C.UTF-8 locale
 * (the Unicode East Asian Width and combining-mark tables GCC's own
 * cpp_wcwidth() is generated from), used through uselocale() so the
 * process's locale never changes.  Without that locale every character
 * is 1 wide: only wide and combining characters before a finding on its
 * line could then differ from GCC.
 */
#include <locale.h>
#include <stdbool.h>
#include <string.h>
#include <wchar.h>

#include "columns.h"

#define TABSTOP 8

/* The character at p: its length in bytes, its code point in *cp (-1: not UTF-8). */
static int next_char(const unsigned char *p, const unsigned char *end, long *cp)
{
	int n, i;
	long c;

	if (*p < 0x80) {
		*cp = *p;
		return 1;
	}
	n = *p >= 0xf0 && *p <= 0xf4 ? 4 : *p >= 0xe0 ? 3 : *p >= 0xc2 && *p < 0xe0 ? 2 : 0;
	if (!n || end - p < n) {
		*cp = -1;
		return 1;
	}
	c = *p & (0x7f >> n);
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80) {
			*cp = -1;
			return 1;
		}
		c = c << 6 | (p[i] & 0x3f);
	}
	/* overlong forms, surrogates and values past U+10FFFF are not UTF-8 */
	if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10ffff)) ||
	    (c >= 0xd800 && c <= 0xdfff)) {
		*cp = -1;
		return 1;
	}
	*cp = c;
	return n;
}

static int char_width(long cp)
{
	static locale_t utf8;
	static bool tried;
	locale_t old;
	int w;

	if (cp < 0x80)
		return 1;
	if (!tried) {
		tried = true;
		utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	}
	if (!utf8)
		return 1;
	old = uselocale(utf8);
	w = wcwidth((wchar_t)cp);
	uselocale(old);
	return w < 0 ? 1 : w;
}

/* A character of a line: where it starts (0-based), how long and wide it is. */
struct walk {
	size_t byte, bytes;
	int display, chars, width;
};

/*
 * Call step() on each character of line, then once more just past its
 * end (bytes and width 0), until it returns true; returns whether it did.
 */
static bool walk(const char *line, size_t len,
		 bool (*step)(const struct walk *w, void *data), void *data)
{
	const unsigned char *p = (const unsigned char *)line, *end = p + len;
	struct walk w = { 0, 0, 0, 0, 0 };
	long cp;

	while (p < end) {
		w.bytes = next_char(p, end, &cp);
		w.width = cp == '\t' ? TABSTOP - w.display % TABSTOP : char_width(cp);
		if (step(&w, data))
			return true;
		p += w.bytes;
		w.byte += w.bytes;
		w.display += w.width;
		w.chars++;
	}
	w.bytes = w.width = 0;
	return step(&w, data);	/* just past the end */
}

const char *rg_source_line(const char *text, int line, size_t *len)
{
	const char *p = text, *end;

	if (!text || line < 1)
		return NULL;
	while (--line > 0) {
		p = strchr(p, '\n');
		if (!p)
			return NULL;
		p++;
	}
	if (!*p && p > text)	/* the empty "line" after a final newline */
		return NULL;
	end = strchr(p, '\n');
	*len = end ? (size_t)(end - p) : strlen(p);
	return p;
}

struct query {
	long want;		/* 0-based */
	int found;		/* 1-based, 0: none */
	size_t len;
};

static bool display_step(const struct walk *w, void *data)
{
	struct query *q = data;

	if (w->byte == q->len)		/* past the end: a column per byte */
		q->found = w->display + 1 + (q->want - (long)w->byte);
	else if (q->want < (long)(w->byte + w->bytes))
		q->found = w->display + 1;
	else
		return false;
	return true;
}

int rg_display_column(const char *line, size_t len, int byte_col)
{
	struct query q = { byte_col - 1, 0, len };

	if (byte_col < 1)
		return byte_col;
	walk(line, len, display_step, &q);
	return q.found;
}

static bool char_step(const struct walk *w, void *data)
{
	struct query *q = data;

	if (w->byte == q->len) {
		q->found = w->display == q->want ? w->chars + 1 : 0;
		return true;
	}
	/* the character holding the column; a zero-width one defers to the next */
	if (w->width && q->want < w->display + w->width) {
		q->found = w->chars + 1;
		return true;
	}
	return false;
}

int rg_char_column(const char *line, size_t len, int display_col)
{
	struct query q = { display_col - 1, 0, len };

	if (display_col < 1)
		return 0;
	walk(line, len, char_step, &q);
	return q.found;
}

static bool byte_char_step(const struct walk *w, void *data)
{
	struct query *q = data;

	if ((long)w->byte < q->want && w->byte < q->len)
		return false;
	q->found = (long)w->byte == q->want ? w->chars + 1 : 0;
	return true;
}

int rg_char_column_of_byte(const char *line, size_t len, int byte_col)
{
	struct query q = { byte_col - 1, 0, len };

	if (byte_col < 1)
		return 0;
	walk(line, len, byte_char_step, &q);
	return q.found;
}
