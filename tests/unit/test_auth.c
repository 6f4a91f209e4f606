/*
 * test_auth.c - the pure parts of the access layer (fcgi/authtok.c):
 * base64url, trade-customer tokens (a vector computed with openssl, the way
 * the README tells the host shop to), random tokens, the login throttle's
 * delays, e-mail and password checks.
 */
#include <string.h>

#include <sodium.h>

#include "auth.h"
#include "tap.h"

#define SECRET "s3cret-s3cret-s3cret"
/* printf 'C42.2000000000' | openssl dgst -sha256 -hmac SECRET -binary | basenc --base64url | tr -d = */
#define SIG "jgh5HjpCkh2e74eqm6-Hy2QsZdVGBCEdnNdlTWRnr1w"
/* the same over 'C42.02000000000': signed, but not as auth_trade_sign() writes it */
#define SIG0 "EHBb634SgunY1aQk49Ter7srEnZyhmThEbs-62lu3eA"

static void test_b64url(void)
{
	unsigned char bin[8] = { 0xfb, 0xff, 0xfe, 0x00, 0x41 }, back[16];
	char text[32];

	tap_ok(auth_b64url_encode(text, sizeof(text), bin, 5) == 7 && strcmp(text, "-__-AEE") == 0,
	    "base64url uses - and _ and no padding (%s)", text);
	tap_ok(auth_b64url_encode(text, 4, bin, 5) == 0, "encode refuses a small buffer");
	tap_ok(auth_b64url_decode(back, sizeof(back), "-__-AEE", 7) == 5 && memcmp(back, bin, 5) == 0,
	    "decode round-trips");
	tap_ok(auth_b64url_decode(back, sizeof(back), "+//+AEE", 7) == -1, "decode refuses standard base64");
	tap_ok(auth_b64url_decode(back, sizeof(back), "-__-AEE=", 8) == -1, "decode refuses padding");
	tap_ok(auth_b64url_decode(back, 2, "-__-AEE", 7) == -1, "decode refuses a small buffer");
}

static void test_trade(void)
{
	char tok[AUTH_TRADE_MAX + 1], cust[AUTH_CUSTOMER_MAX + 1], bad[AUTH_TRADE_MAX + 1];
	long long exp = 0;

	tap_ok(auth_trade_sign(tok, sizeof(tok), SECRET, "C42", 2000000000LL) == 0 &&
	    strcmp(tok, "C42.2000000000." SIG) == 0, "the token matches openssl's HMAC (%s)", tok);
	tap_ok(auth_trade_verify(SECRET, tok, 1900000000LL, cust, sizeof(cust), &exp) == AUTH_TRADE_OK &&
	    strcmp(cust, "C42") == 0 && exp == 2000000000LL, "a good token verifies, with id and expiry");
	tap_ok(auth_trade_verify(SECRET, tok, 2000000000LL, cust, sizeof(cust), &exp) == AUTH_TRADE_EXPIRED,
	    "at its expiry the token is expired");
	tap_ok(auth_trade_verify("another-secret-entirely", tok, 0, cust, sizeof(cust), &exp) ==
	    AUTH_TRADE_BAD_SIGNATURE, "another secret: bad signature");
	tap_ok(auth_trade_verify(SECRET, "C43.2000000000." SIG, 0, cust, sizeof(cust), &exp) ==
	    AUTH_TRADE_BAD_SIGNATURE && cust[0] == '\0', "another customer id: bad signature, no id given");
	tap_ok(auth_trade_verify(SECRET, "C42.2000000001." SIG, 0, cust, sizeof(cust), &exp) ==
	    AUTH_TRADE_BAD_SIGNATURE, "a later expiry: bad signature");
	snprintf(bad, sizeof(bad), "%s", tok);
	bad[strlen(bad) - 1] = bad[strlen(bad) - 1] == 'w' ? 'A' : 'w';
	tap_ok(auth_trade_verify(SECRET, bad, 0, cust, sizeof(cust), &exp) != AUTH_TRADE_OK,
	    "a changed signature character is refused");
	tap_ok(auth_trade_verify(SECRET, "C42.2000000000", 0, cust, sizeof(cust), &exp) == AUTH_TRADE_MALFORMED,
	    "two parts: malformed");
	tap_ok(auth_trade_verify(SECRET, ".2000000000." SIG, 0, cust, sizeof(cust), &exp) == AUTH_TRADE_MALFORMED,
	    "empty customer id: malformed");
	tap_ok(auth_trade_verify(SECRET, "C42.2e9." SIG, 0, cust, sizeof(cust), &exp) == AUTH_TRADE_MALFORMED,
	    "expiry not digits: malformed");
	tap_ok(auth_trade_verify(SECRET, "C42.2000000000.abc", 0, cust, sizeof(cust), &exp) == AUTH_TRADE_MALFORMED,
	    "short signature: malformed");
	tap_ok(auth_trade_verify(SECRET, "", 0, cust, sizeof(cust), &exp) == AUTH_TRADE_MALFORMED,
	    "empty: malformed");
	/* one customer and expiry have one token (found by fuzz_token) */
	tap_ok(auth_trade_verify(SECRET, "C42.02000000000." SIG0, 0, cust, sizeof(cust), &exp) ==
	    AUTH_TRADE_MALFORMED && cust[0] == '\0', "an expiry with a leading zero: malformed, even signed");
	tap_ok(auth_trade_sign(tok, sizeof(tok), SECRET, "C0", 0) == 0 &&
	    auth_trade_verify(SECRET, tok, -1, cust, sizeof(cust), &exp) == AUTH_TRADE_OK && exp == 0,
	    "the expiry 0 alone is not a leading zero (%s)", tok);
	tap_ok(auth_trade_verify("", tok, 0, cust, sizeof(cust), &exp) == AUTH_TRADE_MALFORMED,
	    "no secret configured: never valid");
	tap_ok(auth_trade_sign(tok, sizeof(tok), SECRET, "a.b.c", 2000000000LL) == 0 &&
	    auth_trade_verify(SECRET, tok, 0, cust, sizeof(cust), &exp) == AUTH_TRADE_OK &&
	    strcmp(cust, "a.b.c") == 0, "a customer id with dots works (split from the right)");
	tap_ok(auth_trade_sign(tok, sizeof(tok), SECRET, "a b", 1) == -1, "a space in the id is refused");
	tap_ok(auth_trade_sign(tok, sizeof(tok), SECRET, "", 1) == -1, "an empty id is refused");
	tap_ok(auth_trade_sign(tok, 10, SECRET, "C42", 1) == -1, "a small buffer is refused");
	tap_ok(strstr(auth_trade_reason(AUTH_TRADE_EXPIRED), "expired") != NULL, "the reasons say what is wrong");
}

static void test_throttle(void)
{
	tap_ok(auth_throttle_delay(0) == 0 && auth_throttle_delay(4) == 0, "up to 4 failures: no wait");
	tap_ok(auth_throttle_delay(5) == 30, "5 failures: 30 s");
	tap_ok(auth_throttle_delay(6) == 60 && auth_throttle_delay(7) == 120, "then 60 s, 120 s");
	tap_ok(auth_throttle_delay(9) == 480 && auth_throttle_delay(10) == 900 &&
	    auth_throttle_delay(1000) == 900, "capped at 15 minutes");
}

static void test_tokens(void)
{
	char a[AUTH_TOKEN_MAX], b[AUTH_TOKEN_MAX];
	unsigned char h1[32], h2[32];

	tap_ok(auth_random_token(a, sizeof(a), "slt_") == 0 && strlen(a) == 47 &&
	    strncmp(a, "slt_", 4) == 0, "a token is the prefix and 43 base64url characters");
	tap_ok(auth_random_token(b, sizeof(b), "slt_") == 0 && strcmp(a, b) != 0, "two tokens differ");
	auth_token_hash(h1, a);
	auth_token_hash(h2, a);
	tap_ok(memcmp(h1, h2, 32) == 0, "the stored hash is stable");
	tap_ok(auth_random_token(a, 10, "") == -1, "a small buffer is refused");
}

static void test_checks(void)
{
	char hash[crypto_pwhash_STRBYTES];

	tap_ok(auth_email_ok("a@b.dk") && auth_email_ok("first.last+x@shop.example.com"), "good e-mails");
	tap_ok(!auth_email_ok("ab.dk") && !auth_email_ok("a@b") && !auth_email_ok("a@@b.dk") &&
	    !auth_email_ok("a b@c.dk") && !auth_email_ok("a@b.dk\r\nX: y") && !auth_email_ok(NULL),
	    "bad e-mails are refused");
	tap_ok(auth_password_weak("short") != NULL && auth_password_weak("long enough pw") == NULL,
	    "passwords need 10 characters");
	tap_ok(auth_password_hash(hash, sizeof(hash), "correct horse") == 0 &&
	    strncmp(hash, "$argon2id$", 10) == 0, "passwords are Argon2id strings");
	tap_ok(auth_password_verify(hash, "correct horse") && !auth_password_verify(hash, "correct horsE") &&
	    !auth_password_verify(NULL, "x"), "verify accepts only the password");
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	test_b64url();
	test_trade();
	test_throttle();
	test_tokens();
	test_checks();
	return tap_done();
}
