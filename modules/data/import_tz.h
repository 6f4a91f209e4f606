/*
 * import_tz.h - the site's time zone for the importer: local wall-clock
 * times to UTC and back, read from the system's TZif files
 * (/usr/share/zoneinfo), thread-safe and without touching $TZ, so the CLI
 * and the multi-threaded responder convert the same way.
 *
 * Times are seconds since 1970-01-01 00:00 (a "wall" value is the local
 * clock read as if it were UTC).  After the file's last transition the
 * POSIX rule at the end of the file applies (Mm.w.d rules; otherwise the
 * last transition's offset stays).
 *
 * Ambiguous and missing local times (DST changes): a time that occurs twice
 * (autumn) is the first occurrence (summer time); a time that does not exist
 * (spring gap) is read with the offset in force before the change, so
 * 02:30 on the spring-forward night in Europe/Copenhagen is 01:30 UTC
 * (03:30 summer time), as mktime() does.  Pure: no FastCGI or MariaDB
 * header.
 */
#ifndef SALIENT_DATA_IMPORT_TZ_H
#define SALIENT_DATA_IMPORT_TZ_H

#include <stddef.h>
#include <stdint.h>

#define ITZ_MAXTRANS	2000
#define ITZ_MAXTYPES	64

struct itz_rule {		/* Mm.w.d/time */
	int	 month, week, wday;
	int32_t	 secs;
};

struct itz {
	size_t		 ntrans, ntypes;
	int64_t		 trans[ITZ_MAXTRANS];
	uint8_t		 idx[ITZ_MAXTRANS];
	int32_t		 off[ITZ_MAXTYPES];
	uint8_t		 dst[ITZ_MAXTYPES];
	int		 has_rule;	/* footer with DST rules */
	int		 has_footer;	/* footer with a fixed offset only */
	int32_t		 std_off, dst_off;
	struct itz_rule	 start, end;
};

/*
 * Loads zone name ("Europe/Copenhagen", "UTC"; NULL or "" = UTC) from
 * dir (NULL = /usr/share/zoneinfo).  Returns 0, or -1 with a message.
 * The struct holds no pointers: copy or free it as plain memory.
 */
int	itz_load(struct itz *z, const char *dir, const char *name, char *err,
	    size_t errlen);

/* Parses a TZif image (for tests); 0 or -1. */
int	itz_parse(struct itz *z, const unsigned char *buf, size_t len);

/* Seconds east of UTC in force at UTC time u. */
int32_t	itz_offset(const struct itz *z, int64_t u);

/* The UTC time of local wall-clock time w (rules above). */
int64_t	itz_to_utc(const struct itz *z, int64_t wall);

#endif
