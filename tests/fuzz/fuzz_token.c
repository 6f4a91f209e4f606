/*
 * fuzz_token.c - libFuzzer target: the signed trade-customer sign-in links
 * (`salient token customer` signs them, GET /trade/signin verifies them)
 * and the sign-in form's token bound to its cookie (fcgi/authtok.c).
 *
 * Input: line 1 a customer id, line 2 a login cookie, the rest edits
 * (pairs of bytes: a position and a new byte).  Aborts when:
 *  - the whole input as a token verifies (OK or expired) without being the
 *    exact token auth_trade_sign() writes for its customer and expiry, or a
 *    refused token leaves a customer id behind;
 *  - a signed token does not verify to its customer and expiry, verifies
 *    under another secret, or still verifies after any edit;
 *  - a form token is refused for its own cookie, or taken after an edit of
 *    itself or of the cookie;
 *  - base64url does not read back what it wrote, or reads a text it would
 *    not write (two texts for one value).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "auth.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char secret[] = "fuzz-secret-0123456789abcdef";
static const char other[] = "fuzz-secret-0123456789abcdeF";
#define NOW 1800000000LL

/* A line of the input (at most max bytes) into buf; returns the bytes used. */
static size_t take_line(const uint8_t *data, size_t size, char *buf, size_t max)
{
	size_t n = 0;

	while (n < size && data[n] != '\n' && n < max) {
		buf[n] = data[n] ? (char)data[n] : 'x';
		n++;
	}
	buf[n] = '\0';
	return n < size ? n + 1 : n;
}

static int accepted(enum auth_trade r)
{
	return r == AUTH_TRADE_OK || r == AUTH_TRADE_EXPIRED;
}

/* Whatever verifies was signed with the secret: it is the token sign writes. */
static void check_forged(const uint8_t *data, size_t size)
{
	char tok[AUTH_TRADE_MAX + 2], cust[AUTH_CUSTOMER_MAX + 1], again[AUTH_TRADE_MAX + 1];
	long long exp = -1;
	size_t n = size < sizeof(tok) - 1 ? size : sizeof(tok) - 1;
	enum auth_trade r;

	memcpy(tok, data, n);
	tok[n] = '\0';
	r = auth_trade_verify(secret, tok, NOW, cust, sizeof(cust), &exp);
	if (!accepted(r)) {
		if (cust[0] != '\0')
			abort();
		return;
	}
	if (auth_trade_sign(again, sizeof(again), secret, cust, exp) != 0 || strcmp(again, tok) != 0)
		abort();
}

/* Applies the edit pairs to tok; 1 when it changed. */
static int edit(char *tok, size_t cap, const uint8_t *e, size_t n)
{
	char before[AUTH_TRADE_MAX + 8];
	size_t i, len;

	snprintf(before, sizeof(before), "%s", tok);
	for (i = 0; i + 1 < n; i += 2) {
		len = strlen(tok);
		if (e[i] == 0xff && len > 0)            /* cut the last byte */
			tok[len - 1] = '\0';
		else if (e[i] == 0xfe && len + 1 < cap) { /* append a byte */
			tok[len] = e[i + 1] ? (char)e[i + 1] : 'A';
			tok[len + 1] = '\0';
		} else if (len > 0)
			tok[e[i] % len] = e[i + 1] ? (char)e[i + 1] : 'A';
	}
	return strcmp(before, tok) != 0;
}

static void check_b64(const uint8_t *data, size_t size)
{
	unsigned char raw[64], back[64];
	char text[100], re[100];
	size_t n = size < sizeof(raw) ? size : sizeof(raw), tn;
	long got;

	/* bytes -> text -> the same bytes */
	tn = auth_b64url_encode(text, sizeof(text), data, n);
	if ((n > 0 && tn == 0) || auth_b64url_decode(back, sizeof(back), text, tn) != (long)n ||
	    memcmp(back, data, n) != 0)
		abort();
	/* text -> bytes -> the same text */
	n = size < 86 ? size : 86;
	memcpy(text, data, n);
	text[n] = '\0';
	if ((got = auth_b64url_decode(raw, sizeof(raw), text, n)) >= 0) {
		if ((size_t)got > sizeof(raw) ||
		    auth_b64url_encode(re, sizeof(re), raw, (size_t)got) != n ||
		    memcmp(re, text, n) != 0)
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	char cust[AUTH_CUSTOMER_MAX + 8], cookie[80], tok[AUTH_TRADE_MAX + 8], got[AUTH_CUSTOMER_MAX + 1];
	char form[AUTH_TOKEN_MAX], form2[AUTH_TOKEN_MAX + 8], cookie2[80];
	size_t off = 0;
	long long exp = -1, expiry;

	form[0] = '\0';
	if (!ready) {
		if (sodium_init() < 0)
			abort();
		ready = 1;
	}
	check_forged(data, size);
	check_b64(data, size);

	off += take_line(data + off, size - off, cust, AUTH_CUSTOMER_MAX + 2);
	off += take_line(data + off, size - off, cookie, 60);
	expiry = NOW + (long long)(strlen(cust) * 977) - 20000;

	if (auth_trade_sign(tok, sizeof(tok), secret, cust, expiry) == 0) {
		enum auth_trade want = expiry <= NOW ? AUTH_TRADE_EXPIRED : AUTH_TRADE_OK;

		if (auth_trade_verify(secret, tok, NOW, got, sizeof(got), &exp) != want ||
		    strcmp(got, cust) != 0 || exp != expiry ||
		    accepted(auth_trade_verify(other, tok, NOW, got, sizeof(got), &exp)))
			abort();
		if (edit(tok, AUTH_TRADE_MAX, data + off, size - off) &&
		    accepted(auth_trade_verify(secret, tok, NOW, got, sizeof(got), &exp)))
			abort();
	}

	if (auth_login_token(form, sizeof(form), cookie) == 0) {
		if (!auth_login_token_ok(cookie, form))
			abort();
		snprintf(form2, sizeof(form2), "%s", form);
		if (edit(form2, AUTH_TOKEN_MAX, data + off, size - off) &&
		    auth_login_token_ok(cookie, form2))
			abort();
		snprintf(cookie2, sizeof(cookie2), "%s", cookie);
		if (edit(cookie2, 60, data + off, size - off) && auth_login_token_ok(cookie2, form))
			abort();
	} else if (auth_login_token_ok(cookie, form))
		abort();
	return 0;
}
