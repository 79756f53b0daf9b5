#!/usr/bin/python3
"""The documentation checked against the extension it documents.

1. The README's table "Every public object" against the catalog, both ways:
   every table, view, type, aggregate and user-facing function of schema
   surestart is listed there (by name, or by a `prefix_*` pattern for the
   report's building blocks), and every name listed exists.  Support
   functions are not listed: type input/output, aggregate transition,
   operator, cast, operator-class and trigger functions, which nobody
   calls by name.
2. Every object listed is described somewhere in doc/ (its name in
   backticks), so the table is an index into the reference, not the
   reference itself.
3. Every ```sql block of README.md and doc/*.md runs without error against
   a database holding the demo's data (the caller loads it), each in its
   file's transaction (rolled back at the end, so a block may use what an
   earlier block of its file made), with search_path = surestart, public.
   A block that shows an error is preceded by `<!-- errors: text -->` and
   must fail with that text in its message.  A block that cannot run there
   (it needs pg_cron, another database or a file) is preceded by
   `<!-- not run: why -->`, and the test lists those with their reasons.

Prints a TAP stream; exits non-zero on any failure.

Usage: test/docs_check.py DBNAME   (PGHOST etc. from the environment; run
from the repository's top directory)
"""
import glob
import re
import subprocess
import sys

import psycopg2

CATALOG = """
SELECT 'relation', c.relname FROM pg_class AS c
WHERE c.relnamespace = 'surestart'::regnamespace AND c.relkind IN ('r', 'v', 'm', 'p')
UNION
SELECT 'type', t.typname FROM pg_type AS t
WHERE t.typnamespace = 'surestart'::regnamespace AND t.typtype IN ('b', 'e', 'd', 'r')
  AND t.typelem = 0 OR (t.typnamespace = 'surestart'::regnamespace AND t.typtype = 'c'
  AND (SELECT c.relkind FROM pg_class AS c WHERE c.oid = t.typrelid) = 'c')
UNION
SELECT CASE WHEN p.prokind = 'a' THEN 'aggregate' ELSE 'function' END, p.proname
FROM pg_proc AS p
WHERE p.pronamespace = 'surestart'::regnamespace
  AND p.prorettype <> 'trigger'::regtype
  AND p.prorettype <> 'internal'::regtype
  AND 'internal'::regtype <> ALL (p.proargtypes::oid[])
  AND NOT EXISTS (SELECT 1 FROM pg_type AS t
                  WHERE p.oid IN (t.typinput, t.typoutput, t.typreceive, t.typsend))
  AND NOT EXISTS (SELECT 1 FROM pg_operator AS o WHERE o.oprcode = p.oid)
  AND NOT EXISTS (SELECT 1 FROM pg_cast AS k WHERE k.castfunc = p.oid)
  AND NOT EXISTS (SELECT 1 FROM pg_amproc AS a WHERE a.amproc = p.oid)
ORDER BY 1, 2
"""

NOT_RUN = re.compile(r"<!--\s*((?:not run|errors):\s*.+?)\s*-->")
ERRORS = "errors:"


def readme_index():
    """The backticked names in the README's 'Every public object' table."""
    text = open("README.md").read()
    section = re.search(r"^## Every public object\n(.*?)^## ", text, re.S | re.M)
    if not section:
        return None
    names = set()
    for line in section.group(1).splitlines():
        if line.startswith("| ") and not line.startswith("| kind") and "`" in line:
            cells = line.split("|")
            names.update(re.findall(r"`([a-z_0-9*]+)`", cells[2]))
    return names


def listed(name, index):
    return name in index or any(p.endswith("*") and name.startswith(p[:-1]) for p in index)


def sql_blocks():
    """(file, line, reason-not-run or None, sql) for every ```sql block."""
    for path in ["README.md"] + sorted(glob.glob("doc/*.md")):
        lines = open(path).read().splitlines()
        i = 0
        while i < len(lines):
            if lines[i].strip() == "```sql":
                start = i
                reason = None
                for back in range(i - 1, max(i - 3, -1), -1):
                    m = NOT_RUN.search(lines[back])
                    if m:
                        reason = m.group(1)
                        if reason.startswith("not run:"):
                            reason = reason[len("not run:"):].strip()
                        break
                body = []
                i += 1
                while i < len(lines) and lines[i].strip() != "```":
                    body.append(lines[i])
                    i += 1
                yield path, start + 1, reason, "\n".join(body)
            i += 1


def run_in_psql(dsn, sql):
    """A block with psql meta-commands (\\copy of a file in the repository)
    runs in psql, from the repository's top directory, in a transaction of
    its own that is rolled back.  Returns the first error, or None."""
    script = ("\\set ON_ERROR_STOP on\nBEGIN;\nSET LOCAL search_path = surestart, public;\n"
              + sql + "\n;\nROLLBACK;\n")
    proc = subprocess.run(["psql", "-X", "-q", "-o", "/dev/null", "-v", "ON_ERROR_STOP=1", dsn],
                          input=script, capture_output=True, text=True, timeout=300)
    errors = [l for l in proc.stderr.splitlines() if "ERROR" in l or "FATAL" in l or "No such file" in l]
    if proc.returncode == 0 and not errors:
        return None
    return (errors or proc.stderr.splitlines() or ["psql failed"])[0]


def begin(cur):
    cur.execute("BEGIN")
    cur.execute("SET LOCAL search_path = surestart, public")
    cur.execute("SET LOCAL statement_timeout = '120s'")


def run_file_blocks(conn, blocks):
    """Run one file's blocks in order in one transaction, so that a block
    may use what an earlier one made (a temporary table, a role); each in
    a savepoint, so that one failure does not hide the next.  Yields
    (block, error text or None)."""
    cur = conn.cursor()
    begin(cur)
    for block in blocks:
        sql = block[3]
        if any(l.lstrip().startswith("\\") for l in sql.splitlines()):
            # its own session: end this one's transaction so that neither
            # waits for the other's locks
            cur.execute("ROLLBACK")
            yield block, run_in_psql(conn.dsn, sql)
            begin(cur)
            continue
        cur.execute("SAVEPOINT example")
        try:
            cur.execute(sql)
            error = None
            cur.execute("RELEASE SAVEPOINT example")
        except psycopg2.Error as failure:
            error = (failure.pgerror or str(failure)).strip().splitlines()[0]
            cur.execute("ROLLBACK TO SAVEPOINT example")
        yield block, error
    cur.execute("ROLLBACK")


def main():
    dbname = sys.argv[1]
    conn = psycopg2.connect(dbname=dbname)
    conn.autocommit = True
    cur = conn.cursor()
    cur.execute(CATALOG)
    catalog = cur.fetchall()
    names = {name for _, name in catalog}
    results = []

    index = readme_index()
    results.append((bool(index), "the README has the table 'Every public object' (%d names)" % len(index or ())))
    index = index or set()
    missing = ["%s %s" % (kind, name) for kind, name in catalog if not listed(name, index)]
    results.append((not missing, "every public object of the catalog is in the README's table %s"
                    % (missing or "")))
    ghosts = sorted(n for n in index if not n.endswith("*") and n not in names)
    results.append((not ghosts, "every name in the README's table exists %s" % (ghosts or "")))
    patterns = sorted(n for n in index if n.endswith("*"))
    empty = [p for p in patterns if not any(name.startswith(p[:-1]) for name in names)]
    results.append((not empty, "every pattern in the README's table matches an object %s" % (empty or "")))

    docs = "\n".join(open(p).read() for p in sorted(glob.glob("doc/*.md")))
    undocumented = sorted(n for n in index if not n.endswith("*")
                          and "`%s" % n not in docs and "`surestart.%s" % n not in docs)
    results.append((not undocumented, "every object in the table is described in doc/ %s" % (undocumented or "")))

    skipped = []
    by_file = {}
    for block in sql_blocks():
        if block[2] and not block[2].startswith(ERRORS):
            skipped.append("%s:%d (%s)" % block[:3])
        else:
            by_file.setdefault(block[0], []).append(block)
    for path in by_file:
        for (path, line, marker, _), error in run_file_blocks(conn, by_file[path]):
            if marker:
                expected = marker[len(ERRORS):].strip()
                ok = error is not None and expected in error
                results.append((ok, "%s:%d: the example fails as the text says (%s)%s"
                                % (path, line, expected, "" if ok else ": got %s" % error)))
            else:
                results.append((error is None, "%s:%d: the SQL example runs against the demo%s"
                                % (path, line, "" if error is None else ": " + error)))

    print("1..%d" % len(results))
    failed = 0
    for number, (ok, text) in enumerate(results, 1):
        print("%s %d - %s" % ("ok" if ok else "not ok", number, text))
        failed += not ok
    for s in skipped:
        print("# not run: %s" % s)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
