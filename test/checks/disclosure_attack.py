#!/usr/bin/python3
"""The attack suite: read the published views as surestart_reader and try
every derivation a reader could make, with exact arithmetic of our own.

A reader sees the published views and knows how they add up.  Every count
is a variable; a published value is known, a null is unknown.  Each family
of views is one linear system (they share no count), attacked on its own:

reach (published_lsoa_reach, published_centre_reach,
published_centre_reach_deprived, published_data_pack,
published_contract_value, published_target_group_coverage, and
published_reach_trend, the stored snapshots):
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
    and a period is never derived from others;
  - snapshots: a snapshot's centre counts are the figures of the day it
    was taken.  On the hand-built county the attack reads every published
    view the day a snapshot is taken, then the data change (late records,
    refresh()) and it reads them all again: the reader holds two
    publications, each with its own relations, and the snapshot belongs
    to the first.  On the demo the snapshots are of the current figures,
    the same variables as the live views'.

two-year take-up (published_two_year_take_up), per term:
  - a lot group is the sum of its lots, the total the sum of every lot,
    for each count;
  - a row's counts are sums of the groups of children it describes (on
    the DWP list or not, taking a place or not, under which basis), and
    every sum of such groups the row's counts give back exactly (found
    here by solving, not copied from the view) is a hidden count.

three- and four-year-olds (published_three_four_take_up), per centre and
term: the same for the cohort children (funded or not, at school or not)
and the children outside the cohorts.

regional (published_regional_reach, on a coordinator): the region is the
sum of its councils; registered and under_fives are one count for every
period ending on one day; a row's groups of children (deprived or not,
sustained or not) as above.

The systems are row-reduced modulo the prime 2^61 - 1 (a different prime
from the C audit's): a cell a reader can work out by adding, subtracting
and scaling is found.  Checks, per system:
  - every count from 1 to suppress_below - 1 is null where it is shown;
  - no null count, and no small hidden count, can be worked out;
  - every null says why (suppressed is primary or secondary);
  - every published count is the stored count, and zero is shown;
and that the same attack, against primary suppression alone, works out
small counts (so it is not vacuous); the share of counts of 20 or more
that is published is reported.

Usage: test/checks/disclosure_attack.py DBNAME LABEL [naive]
  LABEL hand-built: the hand-built county (synthetic.sql and
        disclosure_county.sql loaded, refresh() run): takes a snapshot,
        changes the data and attacks both publications;
  LABEL regional: a coordinator's published_regional_reach;
  any other LABEL: the database as it is (its snapshots of the current
        figures).
prints TAP lines (naive: also run the attack against primary suppression
alone).
"""
import itertools
import sys
from collections import defaultdict
from fractions import Fraction

import psycopg2

P = (1 << 61) - 1
MEASURES = ("registered", "seen", "sustained", "families_seen", "families_sustained")
# the people a unit's counts are made of: seen children (or families)
# deprived or other (d, o), sustained or not (s, n); registered ones
# deprived or other (rd, ro); in one scope only, sustained or not
SCOPE_ATOMS = {
    ("all", "registered"): {"rd", "ro"}, ("deprived", "registered"): {"rd"},
    ("all", "seen"): {"ds", "dn", "os", "on"}, ("deprived", "seen"): {"ds", "dn"},
    ("all", "sustained"): {"ds", "os"}, ("deprived", "sustained"): {"ds"},
}
ONE_SCOPE_ATOMS = {"registered": {"r"}, "seen": {"s", "n"}, "sustained": {"s"}}


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


def solve_subset(columns, target):
    """Rational x with sum(x[i] * columns[i]) == target (vectors as tuples),
    or None: the counts of a row that give a group of its people back."""
    n, m = len(columns), len(target)
    rows = [[Fraction(columns[j][i]) for j in range(n)] + [Fraction(target[i])] for i in range(m)]
    pivot_cols = []
    r = 0
    for c in range(n):
        p = next((i for i in range(r, m) if rows[i][c] != 0), None)
        if p is None:
            continue
        rows[r], rows[p] = rows[p], rows[r]
        rows[r] = [v / rows[r][c] for v in rows[r]]
        for i in range(m):
            if i != r and rows[i][c] != 0:
                f = rows[i][c]
                rows[i] = [a - f * b for a, b in zip(rows[i], rows[r])]
        pivot_cols.append(c)
        r += 1
    if any(all(v == 0 for v in row[:n]) and row[n] != 0 for row in rows):
        return None
    x = [Fraction(0)] * n
    for i, c in enumerate(pivot_cols):
        x[c] = rows[i][n]
    return x


def modp(fr):
    return fr.numerator % P * pow(fr.denominator % P, P - 2, P) % P


class Reader:
    """What a reader knows of one family of views, and the true counts."""

    def __init__(self, label, below):
        self.label = label
        self.below = below
        self.truth = {}
        self.known = {}
        self.unknown = set()
        self.reasons = []
        self.relations = []
        self.pct_leaks = []

    def see(self, key, value, why):
        if value is None:
            self.unknown.add(key)
            self.reasons.append(why)
        else:
            self.known[key] = value

    def relate(self, terms):
        self.relations.append(terms)

    def hidden(self, key, terms):
        """A hidden count: sum(coefficient * cell) over terms (rational
        coefficients); a relation, and a variable that must stay unknown
        when it is small."""
        rel = {k: modp(Fraction(c)) for k, c in terms.items()}
        rel[key] = (rel.get(key, 0) - 1) % P
        self.relations.append(rel)
        if all(k in self.truth for k in terms):
            total = sum(Fraction(c) * self.truth[k] for k, c in terms.items())
            if total.denominator == 1:
                self.truth[key] = int(total)
        self.unknown.add(key)

    def groups(self, tag, shown, atoms_of):
        """Every group of a row's people that its shown counts give back:
        shown maps measure -> variable, atoms_of maps measure -> the atoms
        (disjoint groups of people) it counts.  A sum of atoms that is not a
        shown count but a combination of them is a hidden count."""
        atoms = sorted(set().union(*atoms_of.values()))
        measures = sorted(shown)
        columns = [tuple(1 if a in atoms_of[m] else 0 for a in atoms) for m in measures]
        for size in range(1, len(atoms) + 1):
            for subset in itertools.combinations(atoms, size):
                target = tuple(1 if a in subset else 0 for a in atoms)
                if target in columns:
                    continue
                x = solve_subset(columns, target)
                if x is None:
                    continue
                self.hidden(("hidden", tag, "+".join(subset)) + tuple(shown[measures[0]]),
                            {shown[m]: x[i] for i, m in enumerate(measures) if x[i] != 0})

    def verdict(self, naive=False):
        below, truth, known = self.below, self.truth, self.known
        self.relations = [r for r in self.relations if all(k in known or k in self.unknown for k in r)]
        both = sorted(k for k in self.unknown & set(known) if k[0] != "hidden")
        unknown = self.unknown - set(known)
        derived = reduce_system(self.relations, unknown)
        label = self.label
        leaks = self.pct_leaks + sorted(k for k in derived if k[0] != "hidden" or 1 <= truth.get(k, 0) < below)
        shown_small = sorted(k for k, v in known.items() if 1 <= truth.get(k, v) < below)
        wrong = sorted(k for k, v in known.items() if k in truth and truth[k] != v)
        undue = sorted(k for k in unknown if k[0] != "hidden" and truth.get(k) == 0)
        large = [k for k in known.keys() | unknown if k[0] != "hidden" and truth.get(k, 0) >= 20]
        large_shown = [k for k in large if k in known]
        withheld = [k for k in unknown if k[0] != "hidden"]
        results = [
            (not shown_small, "%s: every count from 1 to %d is withheld where a reader sees it" % (label, below - 1),
             shown_small[:3]),
            (not leaks, "%s: no withheld count and no small hidden count can be worked out "
             "(%d unknowns, %d withheld, %d relations)" % (label, len(unknown), len(withheld), len(self.relations)),
             leaks[:3]),
            (all(w in ("primary", "secondary", True) for w in self.reasons),
             "%s: every withheld count's row says why" % label,
             sorted({str(w) for w in self.reasons if w not in ("primary", "secondary", True)})[:3]),
            (not both, "%s: no count withheld in one place is shown in another" % label, both[:3]),
            (not wrong, "%s: every published count is the stored count" % label, wrong[:3]),
            (not undue, "%s: zero is shown" % label, undue[:3]),
        ]
        if naive:
            naive_unknown = {k for k in known.keys() | unknown
                             if k[0] == "hidden" or 1 <= truth.get(k, known.get(k, 0)) < below}
            naive_found = [k for k in reduce_system(self.relations, naive_unknown) if 1 <= truth.get(k, 0) < below]
            results.append((len(naive_found) > 0, "%s: the attack works: against primary suppression alone it works "
                            "out %d small counts" % (label, len(naive_found)), []))
        for passed, what, examples in results:
            print("%s - %s" % ("ok" if passed else "not ok", what))
            if not passed and examples:
                print("# for example: %r" % (examples,))
        print("# %s: %d of %d counts of 20 or more published (%.1f%%)"
              % (label, len(large_shown), len(large), 100.0 * len(large_shown) / max(len(large), 1)))
        return all(r[0] for r in results)


# ---------------------------------------------------------------- reach and coverage

def var(tag, measure, level, unit, scope, period, period_end, group=""):
    """A count as a reader names it: counts taken on a reference date are one
    cell for every period that ends that day."""
    if measure in ("registered", "families"):
        return (tag, measure, level, unit, scope, period_end[period], "", group)
    return (tag, measure, level, unit, scope, period, "", group)


def read_reach(acur, cur, r, tag):
    """The live reach and coverage views, as the owner (truth) and the reader."""
    acur.execute("SELECT c.centre_id, c.group_id, c.district_code, c.lot_id, l.lead_partner_id "
                 "FROM surestart.centre AS c LEFT JOIN surestart.lot AS l USING (lot_id)")
    hierarchy = {row[0]: row[1:] for row in acur.fetchall()}
    acur.execute("SELECT period, period_end FROM surestart.reporting_periods()")
    period_end = dict(acur.fetchall())
    acur.execute("SELECT level, unit_id, scope, period, registered, seen, sustained, families_seen, families_sustained "
                 "FROM surestart_internal.reach_figures")
    for level, unit, scope, period, *counts in acur.fetchall():
        if level == 'lsoa' and scope == 'deprived':
            continue
        for m, v in zip(MEASURES, counts):
            r.truth[var(tag, m, level, unit, scope, period, period_end)] = v
    acur.execute("SELECT level, unit_id, period, target_group, families, any_contact, sustained "
                 "FROM surestart.target_group_coverage")
    for level, unit, period, group, *counts in acur.fetchall():
        for m, v in zip(("families", "any_contact", "sustained"), counts):
            r.truth[var(tag, m, level, unit, "all", period, period_end, group)] = v

    ctx = {"tag": tag, "hierarchy": hierarchy, "period_end": period_end,
           "membership": defaultdict(set), "groups": set()}
    membership = ctx["membership"]
    cur.execute("SELECT lsoa_code, centre_id, period, most_deprived, registered, seen, sustained, "
                "families_seen, families_sustained, suppressed FROM surestart.published_lsoa_reach")
    for lsoa, centre, period, deprived, *counts, why in cur.fetchall():
        membership[(period, centre, "all")].add(lsoa)
        if deprived:
            membership[(period, centre, "deprived")].add(lsoa)
        for m, v in zip(MEASURES, counts):
            r.see(var(tag, m, "lsoa", lsoa, "all", period, period_end), v, why)
    for view, scope in (("published_centre_reach", "all"), ("published_centre_reach_deprived", "deprived")):
        cur.execute("SELECT centre_id, period, registered, seen, sustained, families_seen, families_sustained, "
                    "suppressed FROM surestart.%s" % view)
        for centre, period, *counts, why in cur.fetchall():
            for m, v in zip(MEASURES, counts):
                r.see(var(tag, m, "centre", centre, scope, period, period_end), v, why)
    # data pack: a shown percentage of a shown under_fives is the count
    from_pct = {}
    cur.execute("SELECT level, unit_id, period, measure, value, suppressed FROM surestart.published_data_pack "
                "WHERE level <> 'lsoa'")
    for level, unit, period, measure, value, why in cur.fetchall():
        scope = "deprived" if measure.endswith("_deprived") else "all"
        m = measure.replace("_deprived", "").replace("_pct", "")
        key = var(tag, m, level, unit, scope, period, period_end)
        if value is None:
            r.see(key, None, why)
        elif key in r.truth:
            from_pct[key] = r.truth[key]   # the count, recovered from the percentage
    cur.execute("SELECT lot_id, financial_year, registered, seen, sustained, suppressed "
                "FROM surestart.published_contract_value")
    for lot, year, *counts, why in cur.fetchall():
        for m, v in zip(("registered", "seen", "sustained"), counts):
            r.see(var(tag, m, "lot", lot, "all", year, period_end), v, why)
    cur.execute("SELECT level, unit_id, period, target_group, families, any_contact, sustained, suppressed "
                "FROM surestart.published_target_group_coverage")
    for level, unit, period, group, *counts, why in cur.fetchall():
        ctx["groups"].add((period, group))
        for m, v in zip(("families", "any_contact", "sustained"), counts):
            r.see(var(tag, m, level, unit, "all", period, period_end, group), v, why)
    r.pct_leaks += sorted(k for k in from_pct if k in r.unknown)
    r.known.update(from_pct)
    return ctx


def read_trend(acur, cur, r, tag, period_end):
    """published_reach_trend: the snapshots' centre counts, as counts of the
    publication with this tag (the figures of the day it was taken)."""
    acur.execute("SELECT centre_id, period, registered, seen, sustained, families_seen, families_sustained "
                 "FROM surestart.reach_trend")
    for centre, period, *counts in acur.fetchall():
        for m, v in zip(MEASURES, counts):
            key = var(tag, m, "centre", centre, "all", period, period_end)
            if r.truth.setdefault(key, v) != v:
                r.truth[key] = ("snapshot", v)   # a snapshot that is not the figures of its tag: counted as wrong
    cur.execute("SELECT centre_id, period, registered, seen, sustained, families_seen, families_sustained, suppressed "
                "FROM surestart.published_reach_trend")
    rows = cur.fetchall()
    for centre, period, *counts, why in rows:
        for m, v in zip(MEASURES, counts):
            r.see(var(tag, m, "centre", centre, "all", period, period_end), v, why)
    return len(rows)


def relate_reach(r, ctx):
    """The relations of one publication of the reach and coverage views."""
    tag, hierarchy, period_end, membership = ctx["tag"], ctx["hierarchy"], ctx["period_end"], ctx["membership"]
    known, unknown, truth = r.known, r.unknown, r.truth
    periods = {p for (p, _, _) in membership}
    for (period, centre, scope), lsoas in membership.items():
        for m in MEASURES:
            rel = {var(tag, m, "centre", centre, scope, period, period_end): -1}
            for lsoa in lsoas:
                rel[var(tag, m, "lsoa", lsoa, "all", period, period_end)] = 1
            r.relate(rel)
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
                    for m in MEASURES:
                        t = totals[(level, unit, m)]
                        t[var(tag, m, level, unit, scope, period, period_end)] = -1
                        t[var(tag, m, "centre", centre, scope, period, period_end)] = 1
            r.relations.extend(totals.values())
        # each unit's groups of people its counts give back: seen and
        # sustained in each scope, and across the two scopes where both are
        # shown (deprived or not, sustained or not); registered likewise
        units = {(k[2], k[3]) for k in known.keys() | unknown
                 if k[0] == tag and k[5] in (period, period_end[period]) and k[7] == "" and k[1] in MEASURES}
        for level, unit in units:
            scopes = [sc for sc in ("all", "deprived")
                      if var(tag, "seen", level, unit, sc, period, period_end) in known.keys() | unknown]
            for family in (("seen", "sustained"), ("families_seen", "families_sustained"), ("registered",)):
                shown = {(sc, m): var(tag, m, level, unit, sc, period, period_end) for sc in scopes for m in family}
                shown = {k: v for k, v in shown.items() if v in known.keys() | unknown}
                if not shown:
                    continue
                both = len({k[0] for k in shown}) == 2
                atoms = {k: (SCOPE_ATOMS[(k[0], k[1].replace("families_", ""))] if both
                             else ONE_SCOPE_ATOMS[k[1].replace("families_", "")]) for k in shown}
                r.groups("reach-" + family[0], shown, atoms)
    for period, group in ctx["groups"]:
        totals = defaultdict(dict)
        for centre, (_, _, _, partner) in hierarchy.items():
            for level, unit in (("lead_partner", partner), ("county", "county")):
                if unit is None:
                    continue
                for m in ("families", "any_contact", "sustained"):
                    c = var(tag, m, "centre", centre, "all", period, period_end, group)
                    if c not in known and c not in unknown:
                        continue
                    t = totals[(level, unit, m)]
                    t[var(tag, m, level, unit, "all", period, period_end, group)] = -1
                    t[c] = 1
        r.relations.extend(totals.values())
        # a target group's families, any contact and sustained: the groups
        # not contacted, contacted but not sustained, and their unions
        for k in [k for k in known.keys() | unknown if k[0] == tag and k[1] == "families" and k[7] == group
                  and k[5] == period_end[period]]:
            anyc = var(tag, "any_contact", k[2], k[3], "all", period, period_end, group)
            sus = var(tag, "sustained", k[2], k[3], "all", period, period_end, group)
            r.groups("coverage " + period, {"families": k, "any_contact": anyc, "sustained": sus},
                     {"families": {"n", "c", "s"}, "any_contact": {"c", "s"}, "sustained": {"s"}})


def late_records(admin):
    """The hand-built county after the snapshot: late registrations and
    contacts for 2013-14 (some counts grow, some small ones appear), then
    refresh()."""
    acur = admin.cursor()
    acur.execute("""
        INSERT INTO surestart.registration (child_id, centre_id, registered_on)
        SELECT c.child_id, (ARRAY['meadow', 'riverside', 'hilltop', 'brook'])[1 + (c.family_id - 7000) % 4], date '2014-02-01'
        FROM surestart.child AS c
        WHERE c.child_id BETWEEN 70000 AND 70059 AND c.child_id % 3 = 0
          AND NOT EXISTS (SELECT 1 FROM surestart.registration AS g WHERE g.child_id = c.child_id);
        INSERT INTO surestart.contact (contact_id, child_id, centre_id, contact_on, mode)
        SELECT 900000 + g.child_id % 1000 * 10 + k, g.child_id, g.centre_id, date '2014-02-10' + k * 7, 'face_to_face'
        FROM surestart.registration AS g CROSS JOIN generate_series(1, 3) AS k
        WHERE g.child_id BETWEEN 70000 AND 70059 AND (g.child_id + k) % 4 = 0;
        SELECT count(*) FROM surestart.refresh();""")
    admin.commit()


# ---------------------------------------------------------------- take-up

TWO_YEAR = ("dwp_eligible", "taken_up_sept_2013", "taken_up_sept_2014", "taken_up_local", "taken_up_total",
            "taken_up_listed")
# the children of a two-year row: on the list and not taking a place (ln), or
# taking one under basis a (2013), b (2014) or l (local), listed or not (L, U)
TWO_YEAR_ATOMS = {
    "dwp_eligible": {"ln", "La", "Lb", "Ll"},
    "taken_up_sept_2013": {"La", "Ua"}, "taken_up_sept_2014": {"Lb", "Ub"}, "taken_up_local": {"Ll", "Ul"},
    "taken_up_total": {"La", "Lb", "Ll", "Ua", "Ub", "Ul"},
    "taken_up_listed": {"La", "Lb", "Ll"},
}
THREE_FOUR = ("eligible", "in_receipt", "taken_up", "in_school", "in_receipt_younger", "in_receipt_not_eligible")
# the cohort children: funded and at school (fs), funded elsewhere (f), at
# school unfunded (s), neither (n); outside the cohorts: younger (y), others (o)
THREE_FOUR_ATOMS = {
    "eligible": {"fs", "f", "s", "n"}, "in_receipt": {"fs", "f"}, "taken_up": {"fs", "f", "s"},
    "in_school": {"fs", "s"}, "in_receipt_younger": {"y"}, "in_receipt_not_eligible": {"o"},
}


def attack_two_year(acur, cur, r):
    acur.execute("SELECT term_start, level, coalesce(lot_id, ''), coalesce(lot_group, ''), %s "
                 "FROM surestart.two_year_take_up" % ", ".join(TWO_YEAR))
    lots = defaultdict(list)
    for term, level, lot, group, *counts in acur.fetchall():
        unit = {"lot": lot, "lot_group": group, "total": ""}[level]
        for m, v in zip(TWO_YEAR, counts):
            r.truth[("2y", m, level, unit, term)] = v
        if level == "lot":
            lots[term].append((lot, group))
    cur.execute("SELECT term_start, level, coalesce(lot_id, ''), coalesce(lot_group, ''), %s, suppressed, "
                "take_up_pct, total_take_up_pct, listed_take_up_pct FROM surestart.published_two_year_take_up"
                % ", ".join(TWO_YEAR))
    rows = cur.fetchall()
    for term, level, lot, group, *rest in rows:
        unit = {"lot": lot, "lot_group": group, "total": ""}[level]
        counts, why, pcts = rest[:6], rest[6], rest[7:]
        for m, v in zip(TWO_YEAR, counts):
            r.see(("2y", m, level, unit, term), v, why)
        # a percentage shown beside a withheld count would give it back
        for pct, (num, den) in zip(pcts, ((1, 0), (4, 0), (5, 0))):
            if pct is not None and (counts[num] is None or counts[den] is None):
                r.pct_leaks.append(("2y", "pct", level, unit, term))
        r.groups("2y-row", {m: ("2y", m, level, unit, term) for m in TWO_YEAR}, TWO_YEAR_ATOMS)
    for term, members in lots.items():
        groups = defaultdict(list)
        for lot, group in members:
            groups[("total", "")].append(lot)
            if group:
                groups[("lot_group", group)].append(lot)
        for (level, unit), parts in groups.items():
            for m in TWO_YEAR:
                rel = {("2y", m, level, unit, term): -1}
                for lot in parts:
                    rel[("2y", m, "lot", lot, term)] = 1
                r.relate(rel)
    return len(rows)


def attack_three_four(acur, cur, r):
    acur.execute("SELECT centre_id, term_start, %s FROM surestart.three_four_take_up" % ", ".join(THREE_FOUR))
    for centre, term, *counts in acur.fetchall():
        for m, v in zip(THREE_FOUR, counts):
            r.truth[("34", m, centre, term)] = v
    cur.execute("SELECT centre_id, term_start, %s, suppressed, take_up_pct, take_up_words, ons_take_up_pct "
                "FROM surestart.published_three_four_take_up" % ", ".join(THREE_FOUR))
    rows = cur.fetchall()
    for centre, term, *rest in rows:
        counts, why, pct, words, ons_pct = rest[:6], rest[6], rest[7], rest[8], rest[9]
        for m, v in zip(THREE_FOUR, counts):
            r.see(("34", m, centre, term), v, why)
        if ((pct is not None or words is not None) and (counts[0] is None or counts[2] is None)) \
                or (ons_pct is not None and counts[2] is None):
            r.pct_leaks.append(("34", "pct", centre, term))
        r.groups("34-row", {m: ("34", m, centre, term) for m in THREE_FOUR}, THREE_FOUR_ATOMS)
    return len(rows)


# ---------------------------------------------------------------- regional

REGIONAL = ("under_fives",) + MEASURES
# registered: deprived (rd) or not (ro); seen children: deprived or other
# (d, o), sustained or not (s, n); families alike
REGIONAL_ATOMS = {
    ("all", "registered"): {"rd", "ro"}, ("deprived", "registered"): {"rd"},
    ("all", "seen"): {"ds", "dn", "os", "on"}, ("deprived", "seen"): {"ds", "dn"},
    ("all", "sustained"): {"ds", "os"}, ("deprived", "sustained"): {"ds"},
    ("all", "families_seen"): {"Fds", "Fdn", "Fos", "Fon"}, ("deprived", "families_seen"): {"Fds", "Fdn"},
    ("all", "families_sustained"): {"Fds", "Fos"}, ("deprived", "families_sustained"): {"Fds"},
}


def attack_regional(acur, cur, r):
    acur.execute("SELECT level, unit_id, scope, period, period_end, %s FROM surestart_coordinator.regional_reach "
                 "WHERE level IN ('council', 'region')" % ", ".join(REGIONAL))
    ends = {}
    for level, unit, scope, period, end, *counts in acur.fetchall():
        ends[period] = end
        for m, v in zip(REGIONAL, counts):
            r.truth[("rg", m, level, unit, scope, period)] = v
    cur.execute("SELECT level, unit_id, scope, period, %s, suppressed FROM surestart.published_regional_reach"
                % ", ".join(REGIONAL))
    rows = cur.fetchall()
    units = defaultdict(set)
    for level, unit, scope, period, *rest in rows:
        counts, why = rest[:6], rest[6]
        for m, v in zip(REGIONAL, counts):
            r.see(("rg", m, level, unit, scope, period), v, why)
        units[period].add((level, unit))
        if (None in counts) != bool(why):
            r.reasons.append("suppressed is %r beside %d nulls" % (why, counts.count(None)))
    for period, members in units.items():
        for scope in ("all", "deprived"):
            for m in REGIONAL:
                rel = {("rg", m, "region", "region", scope, period): -1}
                for level, unit in members:
                    if level == "council":
                        rel[("rg", m, level, unit, scope, period)] = 1
                r.relate(rel)
        for level, unit in members:
            shown = {(scope, m): ("rg", m, level, unit, scope, period)
                     for scope in ("all", "deprived") for m in MEASURES}
            for family in (("registered",), ("seen", "sustained"), ("families_seen", "families_sustained")):
                part = {k: v for k, v in shown.items() if k[1] in family}
                r.groups("rg-" + family[0], part, {k: REGIONAL_ATOMS[k] for k in part})
    # registered and under_fives: one count for every period ending on one day
    for (p, q) in itertools.combinations(sorted(units), 2):
        if ends[p] != ends[q]:
            continue
        for level, unit in units[p] & units[q]:
            for scope in ("all", "deprived"):
                for m in ("registered", "under_fives"):
                    a, b = ("rg", m, level, unit, scope, p), ("rg", m, level, unit, scope, q)
                    if r.truth.get(a) is not None and r.truth.get(a) == r.truth.get(b):
                        r.relate({a: 1, b: -1})
    return len(rows)


# ---------------------------------------------------------------- main

def main():
    dbname, label = sys.argv[1], sys.argv[2]
    naive = len(sys.argv) > 3 and sys.argv[3] == "naive"
    admin = psycopg2.connect(dbname=dbname)
    acur = admin.cursor()
    acur.execute("SET jit = off")   # the reporting views are too large to compile quickly (README)
    acur.execute("SELECT coalesce((SELECT value::integer FROM surestart.setting WHERE name = 'suppress_below'), 5)")
    below = acur.fetchone()[0]
    conn = psycopg2.connect(dbname=dbname)
    conn.autocommit = True
    cur = conn.cursor()
    cur.execute("SET jit = off")
    cur.execute("SET ROLE surestart_reader")
    passed = True

    if label == "regional":
        r = Reader("regional (published_regional_reach)", below)
        n = attack_regional(acur, cur, r)
        print("# %d rows of published_regional_reach" % n)
        passed &= r.verdict(naive)
        sys.exit(0 if passed else 1)

    reach = Reader("%s: reach and coverage" % label, below)
    if label == "hand-built":
        # the day of the snapshot: the live views and the snapshot, then late records
        acur.execute("SELECT count(*) FROM surestart.take_snapshot('2014-03-31')")
        admin.commit()
        ctx = read_reach(acur, cur, reach, "then")
        trend_rows = read_trend(acur, cur, reach, "then", ctx["period_end"])
        relate_reach(reach, ctx)
        late_records(admin)
        ctx = read_reach(acur, cur, reach, "now")
        relate_reach(reach, ctx)
        trend_rows = read_trend(acur, cur, reach, "then", ctx["period_end"])
        acur.execute("SELECT count(*) FROM surestart.reach_trend AS t JOIN surestart.centre_reach AS c "
                     "USING (centre_id, period) WHERE (t.registered, t.seen, t.sustained, t.families_seen, "
                     "t.families_sustained) IS DISTINCT FROM (c.registered, c.seen, c.sustained, c.families_seen, "
                     "c.families_sustained)")
        changed = acur.fetchone()[0]
        print("%s - %s: the late records changed %d snapshot rows (two publications of the period to difference)"
              % ("ok" if changed > 0 else "not ok", label, changed))
        passed &= changed > 0
    else:
        ctx = read_reach(acur, cur, reach, "now")
        trend_rows = read_trend(acur, cur, reach, "now", ctx["period_end"])
        relate_reach(reach, ctx)
    print("# %s: %d rows of published_reach_trend" % (label, trend_rows))
    passed &= reach.verdict(naive)

    two = Reader("%s: two-year take-up" % label, below)
    n = attack_two_year(acur, cur, two)
    print("# %s: %d rows of published_two_year_take_up" % (label, n))
    passed &= two.verdict(naive)

    three = Reader("%s: three- and four-year-olds" % label, below)
    n = attack_three_four(acur, cur, three)
    print("# %s: %d rows of published_three_four_take_up" % (label, n))
    passed &= three.verdict(naive)
    sys.exit(0 if passed else 1)


if __name__ == "__main__":
    main()
