/*
 * binary.c
 *		The envelope shared by every binary form surestart writes (send/recv
 *		of its types and the serialised states of its aggregates): a
 *		format-version byte, then fields in network byte order.
 *
 * Most forms are at SURESTART_BINARY_VERSION (surestart_binary_begin and
 * surestart_binary_check_version in surestart.h); a form that has its own
 * sequence of versions, as the contact_reach state has, names it.
 */
#include "postgres.h"

#include "libpq/pqformat.h"

#include "surestart.h"

/*
 * Start a binary value: the bytea header and the format-version byte.
 */
void
surestart_binary_begin_format(StringInfo buf, int format)
{
	pq_begintypsend(buf);
	pq_sendbyte(buf, format);
}

/*
 * Read the format-version byte of a binary value and refuse any version
 * but format, the one this build writes, rather than guess at its layout.
 * "what" names the value in the error, e.g. "type proportion".
 */
void
surestart_binary_check_format(StringInfo buf, int format, const char *what)
{
	int			version = pq_getmsgbyte(buf);

	if (version != format)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("unsupported binary format version %d for %s", version, what),
				 errdetail("This version of surestart reads format version %d.", format)));
}

/*
 * Point buf at the bytes of a bytea (a serialised aggregate state), to be
 * read with the pq_getmsg functions from the first byte.  Nothing is copied:
 * buf is valid as long as bytes is, and is only read.
 */
void
surestart_binary_open(StringInfo buf, bytea *bytes)
{
	buf->data = VARDATA_ANY(bytes);
	buf->len = VARSIZE_ANY_EXHDR(bytes);
	buf->maxlen = buf->len;
	buf->cursor = 0;
}
