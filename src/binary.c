/*
 * binary.c
 *		The envelope shared by every binary form surestart writes (send/recv
 *		of its types and the serialised states of its aggregates): a
 *		format-version byte, then fields in network byte order.
 */
#include "postgres.h"

#include "libpq/pqformat.h"

#include "surestart.h"

/*
 * Start a binary value: the bytea header and the format-version byte.
 */
void
surestart_binary_begin(StringInfo buf)
{
	pq_begintypsend(buf);
	pq_sendbyte(buf, SURESTART_BINARY_VERSION);
}

/*
 * Read the format-version byte of a binary value and refuse any version
 * this build does not write, rather than guess at its layout.  "what" names
 * the value in the error, e.g. "type proportion".
 */
void
surestart_binary_check_version(StringInfo buf, const char *what)
{
	int			version = pq_getmsgbyte(buf);

	if (version != SURESTART_BINARY_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("unsupported binary format version %d for %s", version, what),
				 errdetail("This version of surestart reads format version %d.",
						   SURESTART_BINARY_VERSION)));
}
