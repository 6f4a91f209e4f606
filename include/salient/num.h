/*
 * num.h - whole texts as numbers, checked: the strtol family's end pointer
 * and errno looked at once, here, so no caller reads a prefix of junk or a
 * clamped overflow as a value.  Pure.  For what people type (separators,
 * languages), use salient/money.h or declared inputs (salient/input.h).
 */
#ifndef SALIENT_NUM_H
#define SALIENT_NUM_H

/* All of s as a base-10 integer (an optional sign, then digits): 0 with *v,
 * or -1 (NULL, empty, junk after the digits, out of range; *v is then 0). */
int sl_num_ll(const char *s, long long *v);

/* All of s as a finite double in strtod's syntax: 0 with *v, or -1 (*v 0). */
int sl_num_double(const char *s, double *v);

#endif
