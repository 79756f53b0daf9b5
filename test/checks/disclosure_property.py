#!/usr/bin/python3
"""Property tests of secondary suppression on random small counties.

For each seed a county is made up: a few centres of a few LSOAs each, some
LSOAs most deprived, and per LSOA a count of children seen and of those a
count in sustained contact, most of them small.  The tables a reader would
see are built as surestart_internal.disclosure_cells builds them (LSOA,
centre, county, all areas and deprived only, and the hidden complement
seen - sustained of every row), surestart_internal.secondary_suppression
chooses what to withhold, and this script then attacks the result with its
own exact arithmetic (fractions): Gaussian elimination of every relation
over the unknown cells finds each cell a reader could work out by adding and
subtracting published cells.  It checks, for every seed:

  - every count from 1 to suppress_below - 1 is withheld (primary);
  - no withheld cell, and no small hidden complement, can be worked out;
  - the same county gives the same answer twice (deterministic);
  - a zero is never withheld;
and reports the share of cells of 20 or more that is published.

Usage: test/checks/disclosure_property.py DBNAME [SEEDS]; prints TAP-style lines
(ok / not ok) and exits non-zero on any failure.
"""
import random
import sys
from fractions import Fraction

import psycopg2

BELOW = 5


def make_county(rng):
    """Cells (key -> value, shown) and relations (lists of (key, coef))."""
    centres = []
    for c in range(rng.randint(2, 5)):
        lsoas = []
        for n in range(rng.randint(1, 4)):
            seen = rng.choice([0, 1, 2, 3, 4, 6, 9, 15, 25, 40])
            sustained = rng.randint(0, seen)
            lsoas.append(("L%d_%d" % (c, n), rng.random() < 0.4, seen, sustained))
        centres.append(("C%d" % c, lsoas))
    cells = {}
    relations = []

    def add(key, value, shown):
        cells[key] = (cells.get(key, (0, shown))[0] + value, shown)

    for cid, lsoas in centres:
        for lid, deprived, seen, sustained in lsoas:
            units = [("lsoa", lid, "all"), ("centre", cid, "all"), ("county", "county", "all")]
            if deprived:
                units += [("centre", cid, "deprived"), ("county", "county", "deprived")]
            for unit in units:
                add(("seen",) + unit, seen, True)
                add(("sustained",) + unit, sustained, True)
                add(("seen_not_sustained",) + unit, seen - sustained, False)
    for measure in ("seen", "sustained"):
        for scope in ("all", "deprived"):
            county = [((measure, "county", "county", scope), -1)]
            for cid, lsoas in centres:
                members = [lid for lid, deprived, _, _ in lsoas if scope == "all" or deprived]
                if not members:
                    continue
                relations.append([((measure, "centre", cid, scope), -1)]
                                 + [((measure, "lsoa", lid, "all"), 1) for lid in members])
                county.append(((measure, "centre", cid, scope), 1))
            if len(county) > 1:
                relations.append(county)
    for key in cells:
        if key[0] == "seen":
            unit = key[1:]
            relations.append([(("seen",) + unit, 1), (("sustained",) + unit, -1),
                              (("seen_not_sustained",) + unit, -1)])
    return cells, relations


def solve(cur, cells, relations):
    keys = sorted(cells)
    number = {k: i + 1 for i, k in enumerate(keys)}
    rel, cell, coef = [], [], []
    for r, terms in enumerate(relations, 1):
        for k, c in terms:
            rel.append(r)
            cell.append(number[k])
            coef.append(c)
    cur.execute("SELECT surestart_internal.secondary_suppression(%s::bigint[], %s::boolean[], %s::boolean[],"
                " %s::integer[], %s::integer[], %s::integer[])",
                ([cells[k][0] for k in keys], [cells[k][1] for k in keys],
                 [1 <= cells[k][0] < BELOW for k in keys], rel, cell, coef))
    status = cur.fetchone()[0]
    return {k: status[i] for i, k in enumerate(keys)}


def derivable(cells, relations, unknown):
    """The unknown cells a reader can work out exactly (row-reduce over Q)."""
    cols = sorted(unknown)
    index = {k: i for i, k in enumerate(cols)}
    rows = []
    for terms in relations:
        row = [Fraction(0)] * len(cols)
        for k, c in terms:
            if k in index:
                row[index[k]] += c
        if any(row):
            rows.append(row)
    pivots = []
    rank = 0
    for col in range(len(cols)):
        sel = next((r for r in range(rank, len(rows)) if rows[r][col] != 0), None)
        if sel is None:
            continue
        rows[rank], rows[sel] = rows[sel], rows[rank]
        p = rows[rank][col]
        rows[rank] = [v / p for v in rows[rank]]
        for r in range(len(rows)):
            if r != rank and rows[r][col] != 0:
                f = rows[r][col]
                rows[r] = [a - f * b for a, b in zip(rows[r], rows[rank])]
        pivots.append(col)
        rank += 1
    found = set()
    for r, col in enumerate(pivots):
        if sum(1 for v in rows[r] if v != 0) == 1:
            found.add(cols[col])
    return found


def main():
    dbname = sys.argv[1]
    seeds = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    conn = psycopg2.connect(dbname=dbname)
    cur = conn.cursor()
    failures = {"primary": [], "derived": [], "deterministic": [], "zero": []}
    large = large_shown = withheld = 0
    naive_exposed = 0
    for seed in range(seeds):
        rng = random.Random(seed)
        cells, relations = make_county(rng)
        status = solve(cur, cells, relations)
        if solve(cur, cells, relations) != status:
            failures["deterministic"].append(seed)
        for k, (value, shown) in cells.items():
            if 1 <= value < BELOW and status[k] != "primary":
                failures["primary"].append((seed, k))
            if value == 0 and status[k] is not None:
                failures["zero"].append((seed, k))
        unknown = {k for k, (value, shown) in cells.items() if not shown or status[k] is not None}
        must = {k for k, (value, shown) in cells.items()
                if (shown and status[k] is not None) or (not shown and 1 <= value < BELOW)}
        exposed = derivable(cells, relations, unknown) & must
        failures["derived"].extend((seed, k) for k in sorted(exposed))
        # the same attack on primary suppression alone (the old published views)
        primary_only = {k for k, (value, shown) in cells.items() if not shown or 1 <= value < BELOW}
        naive_must = {k for k, (value, shown) in cells.items() if 1 <= value < BELOW}
        naive_exposed += len(derivable(cells, relations, primary_only) & naive_must)
        for k, (value, shown) in cells.items():
            if shown:
                withheld += status[k] is not None
                if value >= 20:
                    large += 1
                    large_shown += status[k] is None
    results = [
        (not failures["primary"], "every count from 1 to 4 is withheld as primary, over %d random counties" % seeds,
         failures["primary"][:3]),
        (not failures["derived"], "no withheld count or small complement can be worked out by adding and subtracting",
         failures["derived"][:3]),
        (not failures["deterministic"], "the same county withholds the same cells twice", failures["deterministic"][:3]),
        (not failures["zero"], "a zero is never withheld", failures["zero"][:3]),
        (large > 0, "the random counties have cells of 20 or more (the share below is not vacuous)", []),
        (naive_exposed > 0, "the attack works: under primary suppression alone it works out %d small counts"
         % naive_exposed, []),
    ]
    for n, (passed, what, examples) in enumerate(results, 1):
        print("%s %d - %s" % ("ok" if passed else "not ok", n, what))
        if not passed and examples:
            print("# for example: %r" % (examples,))
    print("# %d of %d cells of 20 or more published (%.1f%%); %d shown cells withheld in all"
          % (large_shown, large, 100.0 * large_shown / max(large, 1), withheld))
    conn.close()
    sys.exit(0 if all(r[0] for r in results) else 1)


if __name__ == "__main__":
    main()
