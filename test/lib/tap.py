"""test/lib/tap.py: the TAP stream that the Python checks in test/checks print.

Each check collects its results as (ok, text) pairs and ends with
`sys.exit(tap.report(results))`: the plan line first, then one `ok N - text`
or `not ok N - text` line per result, then any notes as `# ` comments.
scripts/test-in-cluster counts the `ok` and `not ok` lines.
"""


def report(results, notes=()):
    """Print results, a list of (ok, text), as TAP, then each note as a
    comment line; return the exit status: 1 if any result failed, else 0."""
    print("1..%d" % len(results))
    failed = 0
    for number, (ok, text) in enumerate(results, 1):
        print("%s %d - %s" % ("ok" if ok else "not ok", number, text))
        failed += not ok
    for note in notes:
        print("# %s" % note)
    return 1 if failed else 0
