/*
 * test_name.c - the one display name (salient/name.h): which parts are
 * used, the space between, and cutting at a character boundary.
 */
#include <string.h>

#include "salient/name.h"
#include "tap.h"

static const struct {
	const char *first, *last, *email, *id, *want;
} names[] = {
	{ "Jens", "Hansen", "j@x.dk", "C1", "Jens Hansen" },
	{ "Jens", NULL, "j@x.dk", "C1", "Jens" },
	{ "", "Hansen", "j@x.dk", "C1", "Hansen" },        /* no leading space */
	{ "Jens", "", NULL, NULL, "Jens" },                 /* no trailing space */
	{ NULL, NULL, "j@x.dk", "C1", "j@x.dk" },
	{ "", "", "", "C1", "C1" },                         /* an empty e-mail is none */
	{ NULL, NULL, NULL, NULL, "" },
	{ "Søren", "Ærø", NULL, NULL, "Søren Ærø" },
};

int main(void)
{
	char buf[SL_NAME_MAX], small[8];
	size_t i, n;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		n = sl_display_name(names[i].first, names[i].last, names[i].email, names[i].id,
		    buf, sizeof(buf));
		tap_ok(strcmp(buf, names[i].want) == 0 && n == strlen(names[i].want),
		    "'%s' (got '%s')", names[i].want, buf);
	}
	/* "Søren Ø" is S, ø (2 bytes), r, e, n, ' ', Ø (2): 9 bytes; 7 fit */
	n = sl_display_name("Søren", "Ø", NULL, NULL, small, sizeof(small));
	tap_ok(n == 7 && strcmp(small, "Søren ") == 0, "cut before a character that does not fit (got '%s')",
	    small);
	n = sl_display_name("ØØØØ", NULL, NULL, NULL, small, sizeof(small));
	tap_ok(n == 6 && strcmp(small, "ØØØ") == 0, "never half a character (got '%s')", small);
	tap_ok(sl_display_name("Jens", NULL, NULL, NULL, small, 0) == 0, "no buffer: nothing written");
	return tap_done();
}
