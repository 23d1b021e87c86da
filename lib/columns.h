/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The three ways to count a column of a source line, and the conversions
 * between them:
 *
 *  - bytes: GCC's locations and fix-it ranges, spatch's positions, the
 *    sparse engine's offsets;
 *  - display columns: what GCC prints (-fdiagnostics-column-unit=display,
 *    its default): a tab advances to the next multiple of 8, a character
 *    counts its display width (2 for a wide East Asian character, 0 for a
 *    combining mark, 1 otherwise), a byte that is not UTF-8 counts 1.
 *    Every engine's findings carry these (finding.h), so every text output
 *    reads as the compiler's;
 *  - characters (Unicode code points, a byte that is not UTF-8 counting
 *    as one): SARIF's columns, with columnKind "unicodeCodePoints".
 *
 * All columns are 1-based; the column just past a line's last character
 * (where an insertion at the end of the line goes) is valid.
 */
#ifndef REFGUARD_COLUMNS_H
#define REFGUARD_COLUMNS_H

#include <stddef.h>

/*
 * Line number line (1-based) of text, and its length without the newline
 * in *len; NULL if text has no such line.
 */
const char *rg_source_line(const char *text, int line, size_t *len);

/*
 * The display column of byte column byte_col of line (len bytes); past
 * the end, one column per byte.
 */
int rg_display_column(const char *line, size_t len, int byte_col);

/*
 * The character column at display column display_col of line, or 0 when
 * none is there: past the line's end, or a column GCC would never print
 * for it.  A column inside a tab or a wide character is that character's.
 */
int rg_char_column(const char *line, size_t len, int display_col);

/*
 * The character column of byte column byte_col, or 0 when it is neither
 * the start of a character of line nor just past its end.
 */
int rg_char_column_of_byte(const char *line, size_t len, int byte_col);

#endif
