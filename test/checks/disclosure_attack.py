#!/usr/bin/python3
"""The attack suite: read the published views as surestart_reader and try
every derivation a reader could make, with exact arithmetic of our own.

A reader sees the published views (published_lsoa_reach,
published_centre_reach, published_centre_reach_deprived,
published_data_pack, published_contract_value,
published_target_group_coverage) and knows how they add up: the
hierarchy (an LSOA's centre, and which LSOAs are most deprived, are in
published_lsoa_reach; a centre's group, district, lot and lead partner are
public).  Every count is a variable; a published value is known, a null
is unknown.  The relations a reader can use:

  - across levels: a centre is the sum of its LSOAs (all areas, and its
    most deprived LSOAs for the deprived-only view); a group, district,
    lot or the county is the sum of its centres, in each scope; a lead
    partner or the county is the sum of its centres for a target group;
  - a data pack percentage times the published under_fives gives the
    count back exactly at these sizes, so a shown percentage is a known
    count;
  - a row's own complements: seen - sustained, families_seen -
    families_sustained, families - any_contact, any_contact - sustained
    (each a hidden count of its own, which must not come out small);
  - periods: the counts taken on a reference date (registered, and a
    target group's families) are one variable for every period ending
    that day, whatever view or period shows them; seen and sustained are
    counts of distinct children, so a year is not the sum of its quarters
    and a period is never derived from others.

The system is row-reduced modulo the prime 2^61 - 1 (a different prime
from the C audit's): a cell a reader can work out by adding, subtracting
and scaling is found.  Checks:

  - every count from 1 to suppress_below - 1 is null where it is shown;
  - no null count, and no small hidden complement, can be worked out;
  - every null says why (suppressed is primary or secondary);
and that the same attack, against primary suppression alone, works out
small counts (so it is not vacuous); the share of counts of 20 or more
that is published is reported.

Usage: test/checks/disclosure_attack.py DBNAME LABEL [naive]; prints TAP lines
(naive: also run the attack against primary suppression alone).
"""
import sys
from collections import defaultdict

import psycopg2

P = (1 << 61) - 1
BELOW = 5


def reduce_system(relations, unknown):
    """Gauss-Jordan modulo P over the unknown variables; the derivable ones."""
    pivots = {}          # column -> row (dict column -> coefficient), pivot coefficient 1
    for rel in relations:
        row = {}
        for var, coef in rel.items():
            if var in unknown:
                row[var] = (row.get(var, 0) + coef) % P
        row = {k: v for k, v in row.items() if v}
        # reduce by the existing pivots until none of their columns is left
        changed = True
        while changed and row:
            changed = False
            for col in [c for c in row if c in pivots]:
                f = row.get(col)
                if not f:
                    continue
                for k, v in pivots[col].items():
                    row[k] = (row.get(k, 0) - f * v) % P
                    if not row[k]:
                        del row[k]
                changed = True
        if not row:
            continue
        col = min(row)
        inv = pow(row[col], P - 2, P)
        row = {k: v * inv % P for k, v in row.items()}
        for other in pivots.values():
            f = other.get(col)
            if f:
                for k, v in row.items():
                    other[k] = (other.get(k, 0) - f * v) % P
                    if not other[k]:
                        del other[k]
        pivots[col] = row
    return {col for col, row in pivots.items() if len(row) == 1}


def main():
    dbname, label = sys.argv[1], sys.argv[2]
    naive = len(sys.argv) > 3 and sys.argv[3] == "naive"
    admin = psycopg2.connect(dbname=dbname)
    acur = admin.cursor()
    acur.execute("SET jit = off")   # the reporting views are too large to compile quickly (README)
    acur.execute("SELECT coalesce((SELECT value::integer FROM surestart.setting WHERE name = 'suppress_below'), 5)")
    below = acur.fetchone()[0]
    acur.execute("SELECT c.centre_id, c.group_id, c.district_code, c.lot_id, l.lead_partner_id "
                 "FROM surestart.centre AS c LEFT JOIN surestart.lot AS l USING (lot_id)")
    hierarchy = {r[0]: r[1:] for r in acur.fetchall()}
    acur.execute("SELECT period, period_end FROM surestart.reporting_periods()")
    period_end = dict(acur.fetchall())
    # the true counts, as the owner reads them
    truth = {}
    acur.execute("SELECT level, unit_id, scope, period, registered, seen, sustained, families_seen, families_sustained "
                 "FROM surestart_internal.reach_figures")
    for level, unit, scope, period, *counts in acur.fetchall():
        if level == 'lsoa' and scope == 'deprived':
            continue
        for m, v in zip(("registered", "seen", "sustained", "families_seen", "families_sustained"), counts):
            truth[var(m, level, unit, scope, period, period_end)] = v
    acur.execute("SELECT level, unit_id, period, target_group, families, any_contact, sustained "
                 "FROM surestart.target_group_coverage")
    for level, unit, period, group, *counts in acur.fetchall():
        for m, v in zip(("families", "any_contact", "sustained"), counts):
            truth[var(m, level, unit, "all", period, period_end, group)] = v

    conn = psycopg2.connect(dbname=dbname)
    cur = conn.cursor()
    cur.execute("SET jit = off")
    cur.execute("SET ROLE surestart_reader")
    known = {}
    from_pct = {}
    unknown = set()
    reasons = []

    def see(key, value, why):
        if value is None:
            unknown.add(key)
            reasons.append(why)
        else:
            known[key] = value

    membership = defaultdict(set)   # (period, centre, scope) -> LSOAs
    cur.execute("SELECT lsoa_code, centre_id, period, most_deprived, registered, seen, sustained, "
                "families_seen, families_sustained, suppressed FROM surestart.published_lsoa_reach")
    for lsoa, centre, period, deprived, *counts, why in cur.fetchall():
        membership[(period, centre, "all")].add(lsoa)
        if deprived:
            membership[(period, centre, "deprived")].add(lsoa)
        for m, v in zip(("registered", "seen", "sustained", "families_seen", "families_sustained"), counts):
            see(var(m, "lsoa", lsoa, "all", period, period_end), v, why)
    for view, scope in (("published_centre_reach", "all"), ("published_centre_reach_deprived", "deprived")):
        cur.execute("SELECT centre_id, period, registered, seen, sustained, families_seen, families_sustained, "
                    "suppressed FROM surestart.%s" % view)
        for centre, period, *counts, why in cur.fetchall():
            for m, v in zip(("registered", "seen", "sustained", "families_seen", "families_sustained"), counts):
                see(var(m, "centre", centre, scope, period, period_end), v, why)
    # data pack: a shown percentage of a shown under_fives is the count
    cur.execute("SELECT level, unit_id, period, measure, value, suppressed FROM surestart.published_data_pack "
                "WHERE level <> 'lsoa'")
    for level, unit, period, measure, value, why in cur.fetchall():
        scope = "deprived" if measure.endswith("_deprived") else "all"
        m = measure.replace("_deprived", "").replace("_pct", "")
        key = var(m, level, unit, scope, period, period_end)
        if value is None:
            see(key, None, why)
        elif key in truth:
            from_pct[key] = truth[key]   # the count, recovered from the percentage
    cur.execute("SELECT lot_id, financial_year, registered, seen, sustained, suppressed "
                "FROM surestart.published_contract_value")
    for lot, year, *counts, why in cur.fetchall():
        for m, v in zip(("registered", "seen", "sustained"), counts):
            see(var(m, "lot", lot, "all", year, period_end), v, why)
    cur.execute("SELECT level, unit_id, period, target_group, families, any_contact, sustained, suppressed "
                "FROM surestart.published_target_group_coverage")
    groups = set()
    for level, unit, period, group, *counts, why in cur.fetchall():
        groups.add((period, group))
        for m, v in zip(("families", "any_contact", "sustained"), counts):
            see(var(m, level, unit, "all", period, period_end, group), v, why)
    pct_leaks = sorted(k for k in from_pct if k in unknown)
    known.update(from_pct)
    unknown -= set(known)

    # the relations a reader knows
    relations = []
    periods = {p for (p, _, _) in membership}
    for (period, centre, scope), lsoas in membership.items():
        for m in ("registered", "seen", "sustained", "families_seen", "families_sustained"):
            rel = {var(m, "centre", centre, scope, period, period_end): -1}
            for l in lsoas:
                rel[var(m, "lsoa", l, "all", period, period_end)] = 1
            relations.append(rel)
    for period in periods:
        for scope in ("all", "deprived"):
            totals = defaultdict(dict)
            for centre, (group, district, lot, partner) in hierarchy.items():
                if (period, centre, scope) not in membership:
                    continue
                for level, unit in (("group", group), ("district", district), ("county", "county"),
                                    ("lot", lot if scope == "all" else None)):
                    if unit is None:
                        continue
                    for m in ("registered", "seen", "sustained", "families_seen", "families_sustained"):
                        t = totals[(level, unit, m)]
                        t[var(m, level, unit, scope, period, period_end)] = -1
                        t[var(m, "centre", centre, scope, period, period_end)] = 1
            relations.extend(totals.values())
        for level, unit, scope in {(k[1], k[2], k[3]) for k in known.keys() | unknown
                                   if k[0] != "hidden" and k[4] == period and k[6] == ""}:
            for a, b in (("seen", "sustained"), ("families_seen", "families_sustained")):
                hidden = ("hidden", a, level, unit, scope, period)
                relations.append({var(a, level, unit, scope, period, period_end): 1,
                                  var(b, level, unit, scope, period, period_end): -1, hidden: -1})
                if truth.get(var(a, level, unit, scope, period, period_end)) is not None:
                    truth[hidden] = (truth[var(a, level, unit, scope, period, period_end)]
                                     - truth.get(var(b, level, unit, scope, period, period_end), 0))
                unknown.add(hidden)
    for period, group in groups:
        totals = defaultdict(dict)
        for centre, (_, _, _, partner) in hierarchy.items():
            for level, unit in (("lead_partner", partner), ("county", "county")):
                if unit is None:
                    continue
                for m in ("families", "any_contact", "sustained"):
                    c = var(m, "centre", centre, "all", period, period_end, group)
                    if c not in known and c not in unknown:
                        continue
                    t = totals[(level, unit, m)]
                    t[var(m, level, unit, "all", period, period_end, group)] = -1
                    t[c] = 1
        relations.extend(totals.values())
        for k in [k for k in known.keys() | unknown if len(k) > 6 and k[0] == "families" and k[6] == group
                  and k[4] == period_end[period]]:
            fam = k
            anyc = var("any_contact", k[1], k[2], "all", period, period_end, group)
            sus = var("sustained", k[1], k[2], "all", period, period_end, group)
            for rel_name, terms in (("not_contacted", {fam: 1, anyc: -1}), ("contacted_not_sustained", {anyc: 1, sus: -1})):
                hidden = ("hidden", rel_name, k[1], k[2], group, period)
                terms = dict(terms)
                terms[hidden] = -1
                relations.append(terms)
                a, b = list(terms)[:2]
                if truth.get(a) is not None and truth.get(b) is not None:
                    truth[hidden] = truth[a] - truth[b]
                unknown.add(hidden)
    relations = [r for r in relations if all(k in known or k in unknown for k in r)]

    derived = reduce_system(relations, unknown)
    # the same attack on primary suppression alone (the views of 0.2)
    naive_found = None
    if naive:
        naive_unknown = {k for k in known.keys() | unknown
                         if k[0] == "hidden" or 1 <= truth.get(k, known.get(k, 0)) < below}
        naive_found = [k for k in reduce_system(relations, naive_unknown) if 1 <= truth.get(k, 0) < below]
    leaks = pct_leaks + sorted(k for k in derived if k[0] != "hidden" or 1 <= truth.get(k, 0) < below)
    shown_small = sorted(k for k, v in known.items() if 1 <= truth.get(k, v) < below)
    wrong = sorted(k for k, v in known.items() if k in truth and truth[k] != v)
    undue = sorted(k for k in unknown if k[0] != "hidden" and truth.get(k) == 0)
    large = [k for k in known.keys() | unknown if k[0] != "hidden" and truth.get(k, 0) >= 20]
    large_shown = [k for k in large if k in known]
    results = [
        (not shown_small, "%s: every count from 1 to %d is withheld where a reader sees it" % (label, below - 1),
         shown_small[:3]),
        (not leaks, "%s: no withheld count and no small complement can be worked out (%d unknowns, %d relations)"
         % (label, len(unknown), len(relations)), leaks[:3]),
        (all(w in ("primary", "secondary") for w in reasons),
         "%s: every withheld count's row says why (primary or secondary)" % label,
         sorted({w for w in reasons if w not in ("primary", "secondary")})[:3]),
        (not wrong, "%s: every published count is the stored count" % label, wrong[:3]),
        (not undue, "%s: zero is shown" % label, undue[:3]),
    ]
    if naive:
        results.append((len(naive_found) > 0, "%s: the attack works: against primary suppression alone it works out "
                        "%d small counts" % (label, len(naive_found)), []))
    for passed, what, examples in results:
        print("%s - %s" % ("ok" if passed else "not ok", what))
        if not passed and examples:
            print("# for example: %r" % (examples,))
    print("# %s: %d of %d counts of 20 or more published (%.1f%%)"
          % (label, len(large_shown), len(large), 100.0 * len(large_shown) / max(len(large), 1)))
    sys.exit(0 if all(r[0] for r in results) else 1)


def var(measure, level, unit, scope, period, period_end, group=""):
    """A count as a reader names it: counts taken on a reference date are one
    cell for every period that ends that day."""
    if measure in ("registered", "families"):
        return (measure, level, unit, scope, period_end[period], "", group)
    return (measure, level, unit, scope, period, "", group)


if __name__ == "__main__":
    main()
