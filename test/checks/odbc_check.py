#!/usr/bin/python3
"""Read the published views over ODBC, as Excel and Power BI on Windows do.

Connects with psqlODBC (Debian's odbc-postgresql, the same driver as the
Windows installer) through unixODBC and pyodbc, as a login role that is a
member of surestart_reader, with the DSN settings doc/report.md documents
(DSN_SETTINGS below), and checks:
  - catalog discovery (SQLTables) lists every published_* view, as a VIEW;
  - SQLColumns maps each column of each published view to a sensible SQL
    type: text to SQL_WVARCHAR with a declared length (MaxVarcharSize), numeric
    (percentages, costs) to SQL_NUMERIC with a declared precision and scale,
    boolean to SQL_BIT, integer, bigint, date and timestamp to their own types;
  - reading each view returns Python bool, Decimal, int, str and date values
    (not '1'/'0' strings), and no text value is longer than its declared length;
  - the reader cannot read an unpublished view over ODBC either;
  - with psqlODBC's defaults, text comes as SQL_WLONGVARCHAR and booleans not as
    SQL_BIT: why the settings are needed.
Prints a TAP stream and exits non-zero on any failure.

Usage: test/checks/odbc_check.py DBNAME USER   (PGHOST, PGPORT from the environment;
       the password in ODBC_PASSWORD)
"""
import os
import sys

import pyodbc

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import tap  # noqa: E402  (test/lib/tap.py)

# The DSN settings doc/report.md gives for Excel and Power BI.
DSN_SETTINGS = {
    "BoolsAsChar": "0",            # boolean as SQL_BIT (true/false), not the characters '1'/'0'
    "TextAsLongVarchar": "0",      # text as SQL_WVARCHAR with a length, not a memo/LONGVARCHAR
    "UnknownsAsLongVarchar": "0",  # other types likewise as VARCHAR
    "MaxVarcharSize": "1000",      # the length declared for text columns
    "ReadOnly": "1",
}
SQL_WVARCHAR, SQL_WLONGVARCHAR, SQL_NUMERIC, SQL_BIT = -9, -10, 2, -7
EXPECTED = {
    "text": (SQL_WVARCHAR,),
    "numeric": (SQL_NUMERIC,),
    "boolean": (SQL_BIT,),
    "integer": (4,),
    "bigint": (-5,),
    "date": (91,),
    "timestamp with time zone": (93,),
}


def connect(dbname, user, settings):
    parts = {"Driver": "{PostgreSQL Unicode}", "Servername": os.environ.get("PGHOST", "localhost"),
             "Port": os.environ.get("PGPORT", "5432"), "Database": dbname, "Username": user,
             "Password": os.environ.get("ODBC_PASSWORD", "")}
    parts.update(settings)
    return pyodbc.connect(";".join("%s=%s" % kv for kv in parts.items()), autocommit=True)


def main():
    dbname, user = sys.argv[1], sys.argv[2]
    results = []
    results.append(("PostgreSQL Unicode" in pyodbc.drivers(), "unixODBC knows psqlODBC's Unicode driver"))
    conn = connect(dbname, user, DSN_SETTINGS)
    cur = conn.cursor()
    cur.execute("SELECT c.relname::text FROM pg_catalog.pg_class AS c "
                "WHERE c.relnamespace = 'surestart'::regnamespace AND c.relkind = 'v' AND c.relname LIKE 'published\\_%' "
                "ORDER BY 1")
    published = [r[0] for r in cur.fetchall()]
    listed = {r.table_name: r.table_type for r in cur.tables(schema="surestart").fetchall()}
    missing = [v for v in published if listed.get(v) != "VIEW"]
    results.append((len(published) >= 10 and not missing,
                    "SQLTables lists the %d published views as views %s" % (len(published), missing or "")))
    cur.execute("SELECT count(*) FILTER (WHERE NOT has_table_privilege(format('surestart.%I', c.relname), 'SELECT')) "
                "FROM pg_catalog.pg_class AS c WHERE c.relnamespace = 'surestart'::regnamespace AND c.relkind IN ('r', 'v', 'm', 'p')")
    closed = cur.fetchone()[0]
    print("# SQLTables lists %d objects in schema surestart; the reader may read %d of them" % (len(listed), len(listed) - closed))

    limit = int(DSN_SETTINGS["MaxVarcharSize"])
    for view in published:
        cur.execute("SELECT a.attname::text, pg_catalog.format_type(a.atttypid, NULL) FROM pg_catalog.pg_attribute AS a "
                    "WHERE a.attrelid = format('surestart.%I', ?::text)::regclass AND a.attnum > 0 AND NOT a.attisdropped "
                    "ORDER BY a.attnum", view)
        pg_types = dict(cur.fetchall())
        odd = []
        for column in cur.columns(table=view, schema="surestart").fetchall():
            pg_type = pg_types.get(column.column_name)
            if column.data_type not in EXPECTED.get(pg_type, ()):
                odd.append("%s %s as %s" % (column.column_name, pg_type, column.data_type))
            elif pg_type == "text" and column.column_size != limit:
                odd.append("%s text of length %s" % (column.column_name, column.column_size))
            elif pg_type == "numeric" and (not column.column_size or column.decimal_digits is None):
                odd.append("%s numeric(%s, %s)" % (column.column_name, column.column_size, column.decimal_digits))
        results.append((len(pg_types) > 0 and not odd, "%s: SQLColumns maps every column to its SQL type %s" % (view, odd or "")))

        cur.execute('SELECT * FROM surestart."%s" LIMIT 200' % view.replace('"', '""'))
        names = [d[0] for d in cur.description]
        rows = cur.fetchall()
        wrong = set()
        for row in rows:
            for name, value in zip(names, row):
                pg_type = pg_types[name]
                if value is None:
                    continue
                if pg_type == "boolean" and not isinstance(value, bool):
                    wrong.add("%s is %s" % (name, type(value).__name__))
                elif pg_type == "numeric" and type(value).__name__ != "Decimal":
                    wrong.add("%s is %s" % (name, type(value).__name__))
                elif pg_type == "text" and (not isinstance(value, str) or len(value) > limit):
                    wrong.add("%s is %s of %d characters" % (name, type(value).__name__, len(str(value))))
        results.append((not wrong, "%s: reads %d rows as bool, Decimal, int, str and date values %s"
                        % (view, len(rows), sorted(wrong) or "")))

    try:
        cur.execute("SELECT count(*) FROM surestart.centre_reach")
        refused = False
    except pyodbc.Error as error:
        refused = "42501" in str(error) or "permission denied" in str(error)
    results.append((refused, "the reader cannot read an unpublished view (centre_reach) over ODBC"))
    conn.close()

    plain = connect(dbname, user, {})
    columns = {c.column_name: c.data_type
               for c in plain.cursor().columns(table="published_lsoa_reach", schema="surestart").fetchall()}
    results.append((columns.get("lsoa") == SQL_WLONGVARCHAR and columns.get("most_deprived") != SQL_BIT,
                    "with psqlODBC's defaults text is SQL_WLONGVARCHAR (%s) and boolean not SQL_BIT (%s): the settings matter"
                    % (columns.get("lsoa"), columns.get("most_deprived"))))
    plain.close()

    return tap.report(results)


if __name__ == "__main__":
    sys.exit(main())
