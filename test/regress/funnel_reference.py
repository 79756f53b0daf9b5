#!/usr/bin/env python3
"""Reference values for test/regress/sql/funnel.sql, computed independently of src/funnel.c.

Run it with `python3 test/regress/funnel_reference.py`; the test hard-codes what it
prints.  Standard library only.  The C code uses its own normal quantile
(Halley steps on erfc), a cancellation-free form of the Wilson limits and
double precision; this script uses statistics.NormalDist (Wichura's AS241)
for the quantile, the textbook form of the limits and the statistics in
decimal arithmetic at 60 digits, so agreement to 1e-12 checks the C code
rather than repeating it.

Methods (doc/funnel.md):
  - Wilson score limits (Public Health England, Fingertips):
      low/high = (2 n p0 + z^2 -/+ z sqrt(z^2 + 4 n p0 (1 - p0))) / (2 (n + z^2))
    with z the two-sided normal quantile of the confidence.
  - Overdispersion (Spiegelhalter, Statistics in Medicine 2005):
      z_i = (y_i - p0) / s_i, s_i^2 = p0 (1 - p0) / n_i;
      winsorise: z below the 10th percentile set to it, above the 90th set
      to it, the percentiles by linear interpolation between order
      statistics (Hyndman and Fan's type 7: h = (k - 1) q);
      phi = mean of the winsorised z^2;
      tau2 = max(0, (k phi - (k - 1)) / (sum w - sum w^2 / sum w)), w = 1 / s^2;
      adjusted limits p0 +/- z sqrt(s_i^2 + tau2), never inside the Wilson
      limits, clipped to [0, 1].
"""
from decimal import Decimal, getcontext
from fractions import Fraction
from statistics import NormalDist, quantiles

getcontext().prec = 60
ONE = Decimal(1)


def z_of(confidence):
    """Two-sided critical value: P(-z < Z < z) = confidence (from the lower
    tail, where (1 - confidence) / 2 keeps its digits)."""
    return Decimal(-NormalDist().inv_cdf((1 - confidence) / 2))


def wilson(p0, n, confidence):
    """Textbook Wilson limits at 60 digits (p0 as the exact float given)."""
    p0 = Decimal(p0)
    n = Decimal(n)
    z = z_of(confidence)
    z2 = z * z
    root = z * (z2 + 4 * n * p0 * (1 - p0)).sqrt()
    den = 2 * (n + z2)
    return (2 * n * p0 + z2 - root) / den, (2 * n * p0 + z2 + root) / den


def type7(sorted_values, q):
    """Linear interpolation between order statistics, h = (k - 1) q."""
    k = len(sorted_values)
    h = (k - 1) * Decimal(q.numerator) / Decimal(q.denominator)
    lo = int(h)  # h >= 0
    if lo >= k - 1:
        return sorted_values[-1]
    return sorted_values[lo] + (h - lo) * (sorted_values[lo + 1] - sorted_values[lo])


def overdispersion(units, p0):
    """units: list of (part, whole) with whole > 0; p0 as the float given."""
    p0d = Decimal(p0)
    var = p0d * (1 - p0d)
    z = [(Decimal(a) / Decimal(n) - p0d) / (var / n).sqrt() for a, n in units]
    s = sorted(z)
    low, high = type7(s, Fraction(1, 10)), type7(s, Fraction(9, 10))
    # cross-check the percentiles with the standard library's own type 7
    d = quantiles([float(v) for v in z], n=10, method='inclusive')
    assert abs(d[0] - float(low)) <= 1e-12 * max(1, abs(d[0])), (d[0], low)
    assert abs(d[8] - float(high)) <= 1e-12 * max(1, abs(d[8])), (d[8], high)
    zw = [min(max(v, low), high) for v in z]
    k = len(units)
    phi = sum(v * v for v in zw) / k
    w = [n / var for _, n in units]
    tau2 = max(Decimal(0), (k * phi - (k - 1)) / (sum(w) - sum(x * x for x in w) / sum(w)))
    return z, low, high, phi, tau2


def adjusted(p0, n, tau2, confidence):
    wl, wh = wilson(p0, n, confidence)
    if tau2 == 0 or n == 0:
        return wl, wh
    p0d = Decimal(p0)
    half = z_of(confidence) * (p0d * (1 - p0d) / n + tau2).sqrt()
    return max(Decimal(0), min(wl, p0d - half)), min(ONE, max(wh, p0d + half))


def position(a, n, p0, tau2=Decimal(0)):
    rate = Decimal(a) / Decimal(n)
    lo998, hi998 = adjusted(p0, n, tau2, 0.998)
    lo95, hi95 = adjusted(p0, n, tau2, 0.95)
    if rate > hi998:
        return 'above 99.8%'
    if rate > hi95:
        return 'above 95%'
    if rate < lo998:
        return 'below 99.8%'
    if rate < lo95:
        return 'below 95%'
    return 'within'


def g(x):
    return format(x, '.17g')


print('-- critical values')
for c in (0.95, 0.998, 0.5, 0.999999):
    print(f'({c}, {g(z_of(c))}),')

print('-- funnel_limits(p0, n, confidence): (p0, n, confidence, low, high)')
cases = [(0.5, 100, 0.95), (0.5, 100, 0.998), (0.3, 1, 0.998), (0.3, 10, 0.95),
         (0.685714, 400, 0.998), (0.02, 50, 0.998), (0.0001, 1000, 0.95),
         (0.999, 2000, 0.998), (0.75, 1000000, 0.95), (0.123456789, 987654321, 0.998),
         (0.0, 40, 0.95), (1.0, 40, 0.998), (0.4, 0, 0.998), (0.5, 100, 0.5),
         (0.25, 9000000000000000000, 0.998)]
for p0, n, c in cases:
    lo, hi = wilson(p0, n, c)
    print(f'({p0}, {n}, {c}, {g(lo)}, {g(hi)}),')

print('-- worked example: 10 units (part, whole), p0 = pooled')
example = [(12, 40), (30, 80), (9, 15), (55, 120), (70, 250), (18, 35), (140, 300),
           (5, 30), (60, 90), (33, 100)]
p0 = float(Fraction(sum(a for a, _ in example), sum(n for _, n in example)))
z, low, high, phi, tau2 = overdispersion(example, p0)
print(f'p0 = {g(Decimal(p0))}')
print(f'z-scores = {[round(float(v), 6) for v in z]}')
print(f'P10 = {g(low)}, P90 = {g(high)}')
print(f'phi = {g(phi)}, tau2 = {g(tau2)}')
print('-- adjusted limits (part, whole, low_998, high_998, low_95, high_95, position, position_adjusted)')
for a, n in example:
    l998, h998 = adjusted(p0, n, tau2, 0.998)
    l95, h95 = adjusted(p0, n, tau2, 0.95)
    print(f"({a}, {n}, {g(l998)}, {g(h998)}, {g(l95)}, {g(h95)}, '{position(a, n, p0)}', '{position(a, n, p0, tau2)}'),")

print('-- a unit with a small denominator: the adjusted limits keep the Wilson ones where wider')
for a, n, p0s, t in [(5, 20, 0.05, '0.001')]:
    wl, wh = wilson(p0s, n, 0.998)
    al, ah = adjusted(p0s, n, Decimal(t), 0.998)
    print(f'wilson ({g(wl)}, {g(wh)}), adjusted ({g(al)}, {g(ah)})')

print('-- no overdispersion: 6 units close to p0 (tau2 = 0)')
calm = [(50, 100), (52, 100), (49, 100), (101, 200), (25, 50), (48, 100)]
p0c = float(Fraction(sum(a for a, _ in calm), sum(n for _, n in calm)))
_, lo_c, hi_c, phi_c, tau2_c = overdispersion(calm, p0c)
print(f'p0 = {g(Decimal(p0c))}, phi = {g(phi_c)}, tau2 = {g(tau2_c)}')

print('-- the hand-built county of test/regress/sql/funnel.sql: registered / under-fives, 2013-14 Q1')
county = {'c1': (300, 400), 'c2': (150, 250), 'c3': (100, 120), 'c4': (20, 60),
          'c5': (25, 30), 'c6': (5, 15)}
p0r = float(Fraction(sum(a for a, _ in county.values()), sum(n for _, n in county.values())))
_, _, _, phi_r, tau2_r = overdispersion(list(county.values()), p0r)
print(f'p0 = {g(Decimal(p0r))}, phi = {g(phi_r)}, tau2 = {g(tau2_r)}')
for c, (a, n) in county.items():
    lo95, hi95 = wilson(p0r, n, 0.95)
    lo998, hi998 = wilson(p0r, n, 0.998)
    print(f"('{c}', {g(lo95)}, {g(hi95)}, {g(lo998)}, {g(hi998)}, '{position(a, n, p0r)}', '{position(a, n, p0r, tau2_r)}'),")
