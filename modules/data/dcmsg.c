/*
 * dcmsg.c - coded import messages (dcmsg.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "dcmsg.h"
#include "salient/cli.h"
#include "salient/text.h"

#define MSG_VALUES 8	/* most named values of one message */

/* Appends s at err + *at, the two marker bytes shown as '?'. */
static void put(char *err, size_t errlen, size_t *at, const char *s)
{
	for (; s != NULL && *s != '\0' && *at + 1 < errlen; s++)
		err[(*at)++] = *s == DC_MSG_MARK || *s == DC_MSG_SEP ? '?' : *s;
	err[*at] = '\0';
}

int dc_msg(char *err, size_t errlen, const char *key, ...)
{
	const char *s;
	size_t at = 0;
	va_list ap;

	if (errlen < 2)
		return -1;
	err[at++] = DC_MSG_MARK;
	err[at] = '\0';
	put(err, errlen, &at, key);
	va_start(ap, key);
	while ((s = va_arg(ap, const char *)) != NULL) {
		if (at + 1 < errlen) {
			err[at++] = DC_MSG_SEP;
			err[at] = '\0';
		}
		put(err, errlen, &at, s);
	}
	va_end(ap);
	return -1;
}

int dc_msg_coded(const char *msg)
{
	return msg != NULL && msg[0] == DC_MSG_MARK;
}

/* The n-th field (0 = the key) of a coded message into buf; NULL past the end. */
static const char *field(const char *msg, int n, char *buf, size_t len)
{
	const char *p = msg + 1, *e;
	size_t k;

	for (; n > 0; n--) {
		if ((p = strchr(p, DC_MSG_SEP)) == NULL)
			return NULL;
		p++;
	}
	e = strchr(p, DC_MSG_SEP);
	k = e ? (size_t)(e - p) : strlen(p);
	if (k >= len)
		k = len - 1;
	memcpy(buf, p, k);
	buf[k] = '\0';
	return buf;
}

const char *dc_msg_key(const char *msg, char *buf, size_t len)
{
	return dc_msg_coded(msg) && len > 0 ? field(msg, 0, buf, len) : NULL;
}

const char *dc_msg_arg(const char *msg, const char *name, char *buf, size_t len)
{
	char n[64];
	int i;

	if (!dc_msg_coded(msg) || len == 0)
		return NULL;
	for (i = 1; field(msg, i, n, sizeof(n)) != NULL; i += 2)
		if (strcmp(n, name) == 0)
			return field(msg, i + 1, buf, len);
	return NULL;
}

const char *dc_msg_text(const char *msg, dc_text_fn text, void *ctx, char *buf, size_t len)
{
	char key[96], vals[2 * MSG_VALUES][SL_TEXT_MAX / 4];
	const char *kv[2 * MSG_VALUES + 1];
	int i;

	if (len == 0)
		return buf;
	if (!dc_msg_coded(msg)) {
		snprintf(buf, len, "%s", msg ? msg : "");
		return buf;
	}
	field(msg, 0, key, sizeof(key));
	for (i = 0; i < 2 * MSG_VALUES && field(msg, i + 1, vals[i], sizeof(vals[i])) != NULL; i++)
		kv[i] = vals[i];
	kv[i & ~1] = NULL;
	sl_text_fill(buf, len, text(ctx, key), kv);
	return buf;
}

const char *dc_cli_text(void *ctx, const char *key)
{
	(void)ctx;
	return sl_cli_text(key);
}
