#!/usr/bin/python3
"""A refresh that is interrupted leaves the stored figures as they were.

Issue 12: "a refresh interrupted (cancelled, or the backend killed) leaves
the previous figures in place and the period still marked changed".  The
pgTAP suite rolls a refresh back inside its own transaction; this test
interrupts a real one from outside, the two ways it happens in production:
a cancel (statement_timeout, pg_cancel_backend, a client closing its query)
and the backend killed (pg_terminate_backend, the OOM killer's SIGKILL
being the crash-restart case, which PostgreSQL recovers the same way: the
transaction never committed).

To interrupt a refresh half-way, a second session holds an ACCESS EXCLUSIVE
lock on surestart.contact: refresh() takes its advisory lock, clears the
first changed period's notes and figures (in its own, uncommitted
transaction) and then waits for the lock to count the contacts.  The test
waits until pg_stat_activity shows it waiting, interrupts it, and checks
that the stored rows, the periods' states and the change notes are exactly
what they were; then that a refresh run to the end brings everything
current.  Prints a TAP stream.

Usage: test/refresh_interrupt.py DBNAME   (a database with surestart and the
synthetic fixture loaded; PGHOST etc. from the environment)
"""
import sys
import threading
import time

import psycopg2

STORE = """
    SELECT period, lsoa_code, centre_id, under_fives, registered, seen, sustained,
           families_registered, families_seen, families_sustained, contacts
    FROM surestart_internal.lsoa_figure ORDER BY 1, 2, 3"""
STATES = "SELECT period, state, computed_at FROM surestart.reach_freshness ORDER BY period"
NOTES = "SELECT count(*) FROM surestart_internal.figure_change"


def snapshot(cur):
    """Everything an interrupted refresh must leave untouched."""
    cur.execute(STORE)
    store = cur.fetchall()
    cur.execute(STATES)
    states = cur.fetchall()
    cur.execute(NOTES)
    return store, states, cur.fetchone()[0]


def interrupt_refresh(dbname, how):
    """Start refresh() in its own session, stop it half-way by `how`
    ('cancel' or 'terminate'), and return the error it ended with."""
    locker = psycopg2.connect(dbname=dbname)
    lock_cur = locker.cursor()
    lock_cur.execute("LOCK TABLE surestart.contact IN ACCESS EXCLUSIVE MODE")

    refresher = psycopg2.connect(dbname=dbname)
    refresher.autocommit = True
    ref_cur = refresher.cursor()
    ref_cur.execute("SELECT pg_backend_pid()")
    pid = ref_cur.fetchone()[0]
    outcome = {}

    def run():
        try:
            ref_cur.execute("SELECT * FROM surestart.refresh()")
            outcome["error"] = None
        except psycopg2.Error as error:
            outcome["error"] = error

    worker = threading.Thread(target=run)
    worker.start()
    watcher = psycopg2.connect(dbname=dbname)
    watcher.autocommit = True
    watch = watcher.cursor()
    waited_mid_way = False
    for _ in range(600):
        watch.execute("SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", (pid,))
        row = watch.fetchone()
        if row and row[0] == "Lock":
            waited_mid_way = True
            break
        time.sleep(0.05)
    function = "pg_cancel_backend" if how == "cancel" else "pg_terminate_backend"
    watch.execute("SELECT %s(%%s)" % function, (pid,))
    worker.join(60)
    locker.rollback()
    locker.close()
    watcher.close()
    try:
        refresher.close()
    except psycopg2.Error:
        pass
    return waited_mid_way, outcome.get("error")


def main():
    dbname = sys.argv[1]
    conn = psycopg2.connect(dbname=dbname)
    conn.autocommit = True
    cur = conn.cursor()
    results = []

    cur.execute("SELECT count(*) FROM surestart.refresh()")
    cur.execute("SELECT count(*) FROM surestart.reach_freshness WHERE state <> 'current'")
    results.append((cur.fetchone()[0] == 0, "every period is current before the test"))

    # a contact in 2013-14 Q3 marks that quarter, Q1-Q3 and the year as changed
    cur.execute("""
        INSERT INTO surestart.contact (contact_id, child_id, centre_id, contact_on)
        SELECT (SELECT max(contact_id) + 1 FROM surestart.contact), r.child_id, r.centre_id, '2013-11-05'
        FROM surestart.registration AS r ORDER BY r.child_id LIMIT 1""")
    before = snapshot(cur)
    changed = [p for p, state, _ in before[1] if state == "changed"]
    results.append((len(changed) >= 2 and before[2] > 0,
                    "a new contact marks its periods changed (%s)" % ", ".join(changed)))

    for how, expected_code in (("cancel", "57014"), ("terminate", None)):
        waited, error = interrupt_refresh(dbname, how)
        results.append((waited, "%s: the refresh was waiting half-way through when interrupted" % how))
        if how == "cancel":
            ok = error is not None and error.pgcode == expected_code
            results.append((ok, "cancel: refresh() ended with query_canceled (57014), got %s"
                            % (getattr(error, "pgcode", None) or error)))
        else:
            ok = isinstance(error, (psycopg2.OperationalError, psycopg2.InterfaceError))
            results.append((ok, "terminate: the refreshing session lost its connection (%s)"
                            % type(error).__name__))
        after = snapshot(cur)
        results.append((after[0] == before[0], "%s: the stored figures are as they were (%d rows)"
                        % (how, len(after[0]))))
        results.append((after[1] == before[1], "%s: every period's state and computed_at are as they were" % how))
        results.append((after[2] == before[2], "%s: the change notes are all still there (%d)" % (how, after[2])))

    cur.execute("SELECT period FROM surestart.refresh() ORDER BY period")
    counted = [r[0] for r in cur.fetchall()]
    results.append((sorted(counted) == sorted(changed),
                    "a refresh run to the end counts exactly the changed periods (%s)" % ", ".join(counted)))
    cur.execute("SELECT count(*) FROM surestart.reach_freshness WHERE state <> 'current'")
    results.append((cur.fetchone()[0] == 0, "and every period is current again"))
    cur.execute("DELETE FROM surestart.contact WHERE contact_id = (SELECT max(contact_id) FROM surestart.contact)")
    cur.execute("SELECT count(*) FROM surestart.refresh()")

    print("1..%d" % len(results))
    failed = 0
    for number, (ok, text) in enumerate(results, 1):
        print("%s %d - %s" % ("ok" if ok else "not ok", number, text))
        failed += not ok
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
