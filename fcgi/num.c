/*
 * num.c - whole texts as numbers, checked (include/salient/num.h).
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>

#include "salient/num.h"

int sl_num_ll(const char *s, long long *v)
{
	char *end;
	long long x;

	*v = 0;
	if (s == NULL || *s == '\0' || *s == ' ' || *s == '\t')
		return -1;
	errno = 0;
	x = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0')
		return -1;
	*v = x;
	return 0;
}

int sl_num_double(const char *s, double *v)
{
	char *end;
	double x;

	*v = 0;
	if (s == NULL || *s == '\0' || *s == ' ' || *s == '\t')
		return -1;
	errno = 0;
	x = strtod(s, &end);
	if (errno != 0 || *end != '\0' || !isfinite(x))
		return -1;
	*v = x;
	return 0;
}
