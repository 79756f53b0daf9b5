#!/usr/bin/python3
"""Read surestart the way a BI tool does.

Connects over TCP with a PostgreSQL client library (psycopg2, from Debian),
discovers the views of schema surestart (and of surestart_geography and
surestart_coordinator beside it) through information_schema, reads
every view, and checks that every column has a standard type a BI tool can
read and a comment it can show.  Prints a TAP stream for pg_prove-style
counting and exits non-zero on any failure.

Usage: test/checks/bi_client.py DBNAME   (PGHOST, PGPORT, PGUSER, PGPASSWORD from the environment)
"""
import os
import sys

import psycopg2

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import tap  # noqa: E402  (test/lib/tap.py)

STANDARD_TYPES = {"text", "integer", "bigint", "numeric", "date", "boolean", "timestamp with time zone"}
# Views whose contract allows float8 (the funnel views' proportions and statistics).
FLOAT8_VIEWS = {"reach_funnel", "coverage_funnel"}


def main():
    conn = psycopg2.connect(dbname=sys.argv[1])
    conn.set_session(readonly=True)
    cur = conn.cursor()
    cur.execute("""
        SELECT table_schema, table_name FROM information_schema.views
        WHERE table_schema IN ('surestart', 'surestart_geography', 'surestart_coordinator')
        ORDER BY table_schema, table_name""")
    found = cur.fetchall()
    views = [name for _, name in found]
    results = []

    results.append((len(views) >= 10, "information_schema lists the surestart views (%d)" % len(views)))
    for schema, view in found:
        cur.execute("""
            SELECT c.column_name, c.data_type,
                   col_description(format('%%I.%%I', c.table_schema, c.table_name)::regclass, c.ordinal_position::integer)
            FROM information_schema.columns AS c
            WHERE c.table_schema = %s AND c.table_name = %s
            ORDER BY c.ordinal_position""", (schema, view))
        columns = cur.fetchall()
        uncommented = [name for name, _, comment in columns if not comment]
        results.append((not uncommented, "%s: every column has a comment %s" % (view, uncommented or "")))
        allowed = STANDARD_TYPES | ({"double precision"} if view in FLOAT8_VIEWS else set())
        odd = ["%s %s" % (name, typ) for name, typ, _ in columns if typ not in allowed]
        results.append((not odd, "%s: only standard column types %s" % (view, odd or "")))
        cur.execute('SELECT * FROM "%s"."%s" LIMIT 20' % (schema, view.replace('"', '""')))
        rows = cur.fetchall()
        names = [d[0] for d in cur.description]
        results.append((names == [c[0] for c in columns], "%s: reads %d rows with its declared columns" % (view, len(rows))))

    cur.execute("SELECT count(*) FROM surestart.centre_reach WHERE period = '2013-14'")
    results.append((cur.fetchone()[0] > 0, "centre_reach has rows for 2013-14"))
    cur.execute("SELECT count(*), min(taken_at) FROM surestart.reach_trend WHERE period = '2013-14 Q4'")
    count, taken_at = cur.fetchone()
    results.append((count > 0 and taken_at is not None and taken_at.tzinfo is not None,
                    "reach_trend has the 2013-14 Q4 snapshot, taken_at read as an aware datetime"))

    return tap.report(results)


if __name__ == "__main__":
    sys.exit(main())
