/*
 * authtok.c - the pure pieces of the access layer: base64url, signed
 * trade-customer tokens, random tokens, the login throttle's delay and
 * password hashing.  No FastCGI, no database: tests/unit/test_auth.c calls
 * these directly.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "auth.h"

size_t auth_b64url_encode(char *dst, size_t dstlen, const unsigned char *src, size_t n)
{
	size_t need = sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);

	if (dstlen < need)
		return 0;
	sodium_bin2base64(dst, dstlen, src, n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	return strlen(dst);
}

long auth_b64url_decode(unsigned char *dst, size_t dstlen, const char *src, size_t n)
{
	size_t out = 0, i;
	const char *end = NULL;

	for (i = 0; i < n; i++) {
		char c = src[i];

		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_'))
			return -1;
	}
	if (sodium_base642bin(dst, dstlen, src, n, NULL, &out, &end,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 || end != src + n)
		return -1;
	return (long)out;
}

static int customer_ok(const char *c, size_t n)
{
	size_t i;

	if (n == 0 || n > AUTH_CUSTOMER_MAX)
		return 0;
	for (i = 0; i < n; i++)
		if ((unsigned char)c[i] <= 0x20 || (unsigned char)c[i] >= 0x7f)
			return 0;
	return 1;
}

/* HMAC-SHA256(secret, msg) */
static void hmac(unsigned char out[32], const char *secret, const char *msg, size_t n)
{
	crypto_auth_hmacsha256_state st;

	crypto_auth_hmacsha256_init(&st, (const unsigned char *)secret, strlen(secret));
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)msg, n);
	crypto_auth_hmacsha256_final(&st, out);
	sodium_memzero(&st, sizeof(st));
}

int auth_trade_sign(char *buf, size_t len, const char *secret, const char *customer,
    long long expiry)
{
	char msg[AUTH_CUSTOMER_MAX + 32], sig[64];
	unsigned char mac[32];
	int n;

	if (customer == NULL || !customer_ok(customer, strlen(customer)) || expiry < 0)
		return -1;
	n = snprintf(msg, sizeof(msg), "%s.%lld", customer, expiry);
	if (n < 0 || (size_t)n >= sizeof(msg))
		return -1;
	hmac(mac, secret, msg, (size_t)n);
	if (auth_b64url_encode(sig, sizeof(sig), mac, sizeof(mac)) == 0)
		return -1;
	n = snprintf(buf, len, "%s.%s", msg, sig);
	return n < 0 || (size_t)n >= len ? -1 : 0;
}

enum auth_trade auth_trade_verify(const char *secret, const char *token, long long now,
    char *customer, size_t clen, long long *expiry)
{
	const char *dot2, *dot1, *p;
	unsigned char mac[32], got[40];
	size_t tlen, cn;
	long long exp = 0;
	long glen;

	if (customer != NULL && clen > 0)
		customer[0] = '\0';
	if (token == NULL || secret == NULL || secret[0] == '\0' ||
	    (tlen = strlen(token)) > AUTH_TRADE_MAX)
		return AUTH_TRADE_MALFORMED;
	/* from the right: the signature, then the expiry; the rest is the id */
	if ((dot2 = strrchr(token, '.')) == NULL || dot2 == token)
		return AUTH_TRADE_MALFORMED;
	for (dot1 = dot2 - 1; dot1 > token && *dot1 != '.'; dot1--)
		;
	if (*dot1 != '.' || dot1 == token || dot1 + 1 == dot2)
		return AUTH_TRADE_MALFORMED;
	cn = (size_t)(dot1 - token);
	if (!customer_ok(token, cn))
		return AUTH_TRADE_MALFORMED;
	/* the expiry as auth_trade_sign() writes it: no leading zero, so one
	 * customer and expiry have exactly one token */
	if (dot1[1] == '0' && dot1 + 2 != dot2)
		return AUTH_TRADE_MALFORMED;
	for (p = dot1 + 1; p < dot2; p++) {
		if (*p < '0' || *p > '9' || p - dot1 > 18)
			return AUTH_TRADE_MALFORMED;
		exp = exp * 10 + (*p - '0');
	}
	glen = auth_b64url_decode(got, sizeof(got), dot2 + 1, strlen(dot2 + 1));
	if (glen != 32)
		return AUTH_TRADE_MALFORMED;
	hmac(mac, secret, token, (size_t)(dot2 - token));
	if (sodium_memcmp(mac, got, 32) != 0)
		return AUTH_TRADE_BAD_SIGNATURE;
	if (customer != NULL && clen > cn) {
		memcpy(customer, token, cn);
		customer[cn] = '\0';
	}
	if (expiry != NULL)
		*expiry = exp;
	return exp <= now ? AUTH_TRADE_EXPIRED : AUTH_TRADE_OK;
}

const char *auth_trade_reason(enum auth_trade r)
{
	switch (r) {
	case AUTH_TRADE_OK:
		return "the sign-in link is valid";
	case AUTH_TRADE_MALFORMED:
		return "the sign-in link is not complete (expected customer.expiry.signature)";
	case AUTH_TRADE_BAD_SIGNATURE:
		return "the sign-in link was not signed by the shop or has been altered";
	case AUTH_TRADE_EXPIRED:
		return "the sign-in link has expired; please sign in through the shop again";
	}
	return "the sign-in link is not valid";
}

long auth_throttle_delay(long failures)
{
	long d = 30;
	long k;

	if (failures < AUTH_THROTTLE_FREE)
		return 0;
	for (k = AUTH_THROTTLE_FREE; k < failures && d < AUTH_THROTTLE_MAX; k++)
		d *= 2;
	return d > AUTH_THROTTLE_MAX ? AUTH_THROTTLE_MAX : d;
}

int auth_random_token(char *buf, size_t len, const char *prefix)
{
	unsigned char raw[AUTH_TOKEN_BYTES];
	size_t plen = prefix ? strlen(prefix) : 0;

	if (len <= plen)
		return -1;
	memcpy(buf, prefix, plen);
	randombytes_buf(raw, sizeof(raw));
	if (auth_b64url_encode(buf + plen, len - plen, raw, sizeof(raw)) == 0)
		return -1;
	sodium_memzero(raw, sizeof(raw));
	return 0;
}

void auth_token_hash(unsigned char out[32], const char *token)
{
	crypto_hash_sha256(out, (const unsigned char *)token, strlen(token));
}

/* The sign-in form's token is bound to the cookie by this constant message. */
static const char login_form_msg[] = "salient sign-in form v1";

int auth_login_token(char *buf, size_t len, const char *cookie)
{
	unsigned char raw[AUTH_TOKEN_BYTES], mac[32];

	/* auth_random_token(..., ""): 43 base64url characters, 32 bytes */
	if (cookie == NULL || strlen(cookie) != 43 ||
	    auth_b64url_decode(raw, sizeof(raw), cookie, 43) != (long)sizeof(raw))
		return -1;
	hmac(mac, cookie, login_form_msg, sizeof(login_form_msg) - 1);
	sodium_memzero(raw, sizeof(raw));
	return auth_b64url_encode(buf, len, mac, sizeof(mac)) == 0 ? -1 : 0;
}

int auth_login_token_ok(const char *cookie, const char *token)
{
	char want[AUTH_TOKEN_MAX];
	size_t n;

	if (token == NULL || auth_login_token(want, sizeof(want), cookie) != 0)
		return 0;
	n = strlen(want);
	return strlen(token) == n && sodium_memcmp(want, token, n) == 0;
}

int auth_email_ok(const char *s)
{
	const char *at, *p;
	size_t n;

	if (s == NULL || (n = strlen(s)) < 3 || n > 254)
		return 0;
	if ((at = strchr(s, '@')) == NULL || at == s || strchr(at + 1, '@') != NULL)
		return 0;
	if ((p = strchr(at + 1, '.')) == NULL || p == at + 1 || p[1] == '\0')
		return 0;
	for (p = s; *p; p++)
		if ((unsigned char)*p <= 0x20 || *p == 0x7f || *p == '<' || *p == '>' ||
		    *p == '"' || *p == ',')
			return 0;
	return 1;
}

int auth_password_hash(char *out, size_t len, const char *password)
{
	if (len < crypto_pwhash_STRBYTES)
		return -1;
	return crypto_pwhash_str(out, password, strlen(password),
	    crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE);
}

int auth_password_verify(const char *stored, const char *password)
{
	if (stored == NULL || password == NULL)
		return 0;
	return crypto_pwhash_str_verify(stored, password, strlen(password)) == 0;
}

const char *auth_password_weak(const char *password)
{
	size_t n = password ? strlen(password) : 0;

	if (n < AUTH_PASSWORD_MIN)
		return "the password needs at least 10 characters";
	if (n > AUTH_PASSWORD_MAX)
		return "the password is longer than 200 characters";
	return NULL;
}
