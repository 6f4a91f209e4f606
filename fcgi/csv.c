/*
 * csv.c - one CSV cell (salient/csv.h).
 */
#include <string.h>

#include "salient/csv.h"

int sl_csv_formula(const char *s)
{
	return s != NULL && s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL;
}

size_t sl_csv_cell(char *out, size_t len, const char *s, enum sl_csv_kind kind)
{
	int neutral = kind == SL_CSV_TEXT && sl_csv_formula(s);
	size_t need, o = 0;
	const char *p;

	if (len == 0)
		return (size_t)-1;
	out[0] = '\0';
	if (s == NULL)
		s = "";
	if (!neutral && strpbrk(s, ",\"\r\n") == NULL) {
		if ((o = strlen(s)) >= len)
			return (size_t)-1;
		memcpy(out, s, o + 1);
		return o;
	}
	/* two quotes, the apostrophe, each byte (a quote twice), the NUL */
	for (need = 3 + (size_t)neutral, p = s; *p != '\0'; p++)
		need += *p == '"' ? 2 : 1;
	if (need > len)
		return (size_t)-1;
	out[o++] = '"';
	if (neutral)
		out[o++] = '\'';
	for (p = s; *p != '\0'; p++) {
		if (*p == '"')
			out[o++] = '"';
		out[o++] = *p;
	}
	out[o++] = '"';
	out[o] = '\0';
	return o;
}
