-- Funnel plots: funnel_limits, funnel_position, the overdispersion estimate
-- and the adjusted limits, against reference values computed independently
-- by test/regress/funnel_reference.py (Python standard library: NormalDist for the
-- quantile, the textbook Wilson formula and the statistics in 60-digit
-- decimals); then reach_funnel and coverage_funnel on a small hand-built
-- county, as the county and as a partner.  Each comparison shows an ok
-- column: true when the value is within 1e-12 of the reference (relative;
-- a reference of exactly 0 or 1 must be met exactly).
\set ON_ERROR_ROLLBACK on
\set SHOW_CONTEXT never
BEGIN;
SET search_path = surestart, surestart_internal, public;
SET datestyle = ISO;
-- as the README advises for a reporting database (Performance): the views'
-- estimates on fresh tables pass jit_above_cost, and compiling costs more
-- than it saves
SET jit = off;
CREATE FUNCTION pg_temp.error_of(query text) RETURNS text
LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE query;
	RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE || ': ' || SQLERRM;
END
$$;
CREATE FUNCTION pg_temp.near(got double precision, want double precision, tolerance double precision DEFAULT 1e-12)
RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
	SELECT abs(got - want) <= tolerance * abs(want)
$$;

-- The critical values the limits use: the project's one normal quantile
-- (normal_quantile, Halley steps on erfc) to 1e-15 of NormalDist's.
SELECT r.confidence, pg_temp.near(-normal_quantile((1 - r.confidence) / 2), r.z, 1e-15) AS ok
FROM (VALUES (0.95::float8, 1.9599639845400536::float8), (0.998, 3.0902323061678132),
			 (0.5, 0.67448975019608171), (0.999999, 4.8916384756929316)) AS r (confidence, z);

-- funnel_limits against the reference (test/regress/funnel_reference.py), including
-- p0 of 0 and 1 (a limit exactly 0 or 1), n = 0 (limits (0, 1)), a small
-- n p0 (where the textbook form loses digits) and n near 2^63
SELECT r.p0, r.n, r.confidence, round(l.low::numeric, 6) AS low, round(l.high::numeric, 6) AS high,
	   pg_temp.near(l.low, r.low) AND pg_temp.near(l.high, r.high) AS ok
FROM (VALUES
	(0.5::float8, 100::bigint, 0.95::float8, 0.40383153036599566::float8, 0.59616846963400434::float8),
	(0.5, 100, 0.998, 0.35237637614531709, 0.64762362385468291),
	(0.3, 1, 0.998, 0.0089506726053274684, 0.95313296679414433),
	(0.3, 10, 0.95, 0.10779126740630105, 0.60322185253885458),
	(0.685714, 400, 0.998, 0.61036366388836790, 0.75240368669318285),
	(0.02, 50, 0.998, 0.0017474150124105735, 0.19220096038866592),
	(0.0001, 1000, 0.95, 0.0000024758766468045820, 0.0040235172572112061),
	(0.999, 2000, 0.998, 0.99340841399677196, 0.99984901237399803),
	(0.75, 1000000, 0.95, 0.74915035142516049, 0.75084772785280753),
	(0.123456789, 987654321, 0.998, 0.12342444573086129, 0.12348913955065963),
	(0.0, 40, 0.95, 0.0, 0.087621601197286602),
	(1.0, 40, 0.998, 0.80727295281374683, 1),
	(0.4, 0, 0.998, 0.0, 1),
	(0.5, 100, 0.5, 0.46635196422237973, 0.53364803577762027),
	(0.25, 9000000000000000000, 0.998, 0.24999999955396339, 0.25000000044603661)
) AS r (p0, n, confidence, low, high)
CROSS JOIN LATERAL funnel_limits(r.p0, r.n, r.confidence) AS l;
-- the default confidence is 0.998; a NULL argument gives NULLs (STRICT)
SELECT funnel_limits(0.5, 100) = funnel_limits(0.5, 100, 0.998) AS default_is_998;
SELECT l.low IS NULL AND l.high IS NULL AS nulls FROM funnel_limits(NULL, 100) AS l;
SELECT l.low IS NULL AND l.high IS NULL AS nulls FROM funnel_limits(0.5, 100, NULL) AS l;

-- funnel_position: p0 = 0.5, n = 100 (95%: 0.403832-0.596168, 99.8%:
-- 0.352376-0.647624), each side of every limit
SELECT a AS part, funnel_position(proportion(a, 100), 0.5) AS position
FROM unnest(ARRAY[0, 35, 36, 40, 41, 50, 59, 60, 64, 65, 100]) AS a;
-- on a limit is within: a limit is met exactly only at 0 and 1
SELECT funnel_position('0/40', 0) AS zero_at_zero, funnel_position('40/40', 1) AS one_at_one,
	   funnel_position('4/40', 0) AS four_of_40_at_zero, funnel_position('39/40', 1) AS thirty_nine_of_40_at_one;
-- no rate, no position; NULLs give NULL
SELECT funnel_position('0/0', 0.5) IS NULL AS empty, funnel_position(NULL, 0.5) IS NULL AS null_p,
	   funnel_position('1/2', NULL) IS NULL AS null_p0;

-- bad arguments: class 22 errors naming the value (bad p0 is refused even for 0/0);
-- a p0 so close to 0 that the z-scores overflow is an error, not infinity
SELECT q, pg_temp.error_of(q) FROM unnest(ARRAY[
	'SELECT funnel_limits(-0.1, 10)',
	'SELECT funnel_limits(1.5, 10)',
	'SELECT funnel_limits(50, 10)',
	'SELECT funnel_limits(''NaN'', 10)',
	'SELECT funnel_limits(''Infinity'', 10)',
	'SELECT funnel_limits(0.5, -1)',
	'SELECT funnel_limits(0.5, 10, 0)',
	'SELECT funnel_limits(0.5, 10, 1)',
	'SELECT funnel_limits(0.5, 10, 95)',
	'SELECT funnel_limits(0.5, 10, ''NaN'')',
	'SELECT funnel_position(''1/2'', -0.5)',
	'SELECT funnel_position(''0/0'', 2)',
	'SELECT funnel_position(''1/2'', ''NaN'')',
	'SELECT funnel_limits_adjusted(0.5, 10, -0.001)',
	'SELECT funnel_limits_adjusted(0.5, 10, ''NaN'')',
	'SELECT funnel_limits_adjusted(0.5, 10, ''Infinity'')',
	'SELECT funnel_limits_adjusted(1.01, 10, 0)',
	'SELECT funnel_limits_adjusted(0.5, -5, 0)',
	'SELECT funnel_limits_adjusted(0.5, 10, 0, 0)',
	'SELECT funnel_position_adjusted(''1/2'', 0.5, -1)',
	'SELECT funnel_position_adjusted(''1/2'', -1, 0)',
	'SELECT funnel_overdispersion(ARRAY[''1/2'']::proportion[], 1.5)',
	'SELECT funnel_overdispersion(ARRAY[''1/2'']::proportion[], ''NaN'')',
	'SELECT funnel_overdispersion(''{1/2,1/3}'', 1e-310)'
]) AS q;

-- Overdispersion: the worked example of test/regress/funnel_reference.py, ten units
-- with p0 their pooled proportion 432/1060.  Their z-scores run from -4.10 to
-- 5.00; winsorising sets the lowest to the 10th percentile -2.8269 and the
-- highest to the 90th, 2.3758 (linear interpolation, h = 9 x 0.1 and 9 x 0.9).
CREATE TEMP TABLE worked (part, whole) AS
VALUES (12::bigint, 40::bigint), (30, 80), (9, 15), (55, 120), (70, 250), (18, 35), (140, 300), (5, 30), (60, 90), (33, 100);
SELECT o.units, round(o.phi::numeric, 6) AS phi, round(o.tau2::numeric, 8) AS tau2,
	   pg_temp.near(o.phi, 3.5179755941253857) AS phi_ok, pg_temp.near(o.tau2, 0.0072183537370873439) AS tau2_ok,
	   (SELECT sum(part) FROM worked)::float8 / (SELECT sum(whole) FROM worked) = 0.40754716981132078 AS p0_ok
FROM funnel_overdispersion((SELECT array_agg(proportion(part, whole)) FROM worked),
						   (SELECT sum(part) FROM worked)::float8 / (SELECT sum(whole) FROM worked)) AS o;
-- the order of the units does not matter, to the last bit
SELECT a = b AS same
FROM funnel_overdispersion((SELECT array_agg(proportion(part, whole) ORDER BY part) FROM worked), 0.40754716981132078) AS a,
	 funnel_overdispersion((SELECT array_agg(proportion(part, whole) ORDER BY part DESC) FROM worked), 0.40754716981132078) AS b;
-- without winsorising phi would be larger: the plain mean square of the z-scores
SELECT round(avg(((part::float8 / whole) - 0.40754716981132078)^2
				 / (0.40754716981132078 * (1 - 0.40754716981132078) / whole))::numeric, 4) AS phi_not_winsorised
FROM worked;
-- the adjusted limits and positions of each unit against the reference
SELECT w.part, w.whole, round(a998.low::numeric, 6) AS low_998, round(a998.high::numeric, 6) AS high_998,
	   funnel_position(proportion(w.part, w.whole), 0.40754716981132078) AS position,
	   funnel_position_adjusted(proportion(w.part, w.whole), 0.40754716981132078, 0.0072183537370873439) AS position_adjusted,
	   funnel_position(proportion(w.part, w.whole), 0.40754716981132078) = r.position
	   AND funnel_position_adjusted(proportion(w.part, w.whole), 0.40754716981132078, 0.0072183537370873439) = r.position_adjusted
	   AND pg_temp.near(a998.low, r.low_998) AND pg_temp.near(a998.high, r.high_998)
	   AND pg_temp.near(a95.low, r.low_95) AND pg_temp.near(a95.high, r.high_95) AS ok
FROM worked AS w
JOIN (VALUES
	(12::bigint, 40::bigint, 0.051772097129902693::float8, 0.76332224249273886::float8, 0.18189865540645177::float8, 0.63319568421618978::float8, 'within', 'within'),
	(30, 80, 0.094890945586595553, 0.72020339403604600, 0.20924656380197326, 0.60584777582066829, 'within', 'within'),
	(9, 15, 0, 0.87940434628688370, 0.10827417667970292, 0.70682016294293863, 'within', 'within'),
	(55, 120, 0.11065226368886903, 0.70444207593377252, 0.21924309893872607, 0.59585124068391548, 'within', 'within'),
	(70, 250, 0.12798507859390066, 0.68710926102874089, 0.23023634785944854, 0.58485799176319301, 'below 99.8%', 'within'),
	(18, 35, 0.040381327177253698, 0.77471301244538785, 0.17467411800878965, 0.64042022161385191, 'within', 'within'),
	(140, 300, 0.13074798237852362, 0.68434635724411793, 0.23198870540868592, 0.58310563421395563, 'above 95%', 'within'),
	(5, 30, 0.025721868303585746, 0.78937247131905580, 0.16537643143425967, 0.64971790818838188, 'below 99.8%', 'within'),
	(60, 90, 0.10005493989627466, 0.71503939972636689, 0.21252180069699238, 0.60257253892564917, 'above 99.8%', 'above 95%'),
	(33, 100, 0.10424943327598110, 0.71084490634666046, 0.21518213660158047, 0.59991220302106108, 'within', 'within')
) AS r (part, whole, low_998, high_998, low_95, high_95, position, position_adjusted) USING (part, whole)
CROSS JOIN LATERAL funnel_limits_adjusted(0.40754716981132078, w.whole, 0.0072183537370873439) AS a998
CROSS JOIN LATERAL funnel_limits_adjusted(0.40754716981132078, w.whole, 0.0072183537370873439, 0.95) AS a95
ORDER BY w.whole, w.part;
-- a small unit: with tau2 = 0.001 the additive limits alone would put the
-- upper 99.8% limit at 0.2295 for p0 = 0.05, well inside the Wilson limit
-- 0.3865, and call 5/20 above 99.8% where the unadjusted position says
-- above 95%; the adjusted limits keep the wider Wilson high and take the
-- additive low (clipped to 0)
SELECT round(w.low::numeric, 6) AS wilson_low, round(w.high::numeric, 6) AS wilson_high,
	   round(a.low::numeric, 6) AS adjusted_low, round(a.high::numeric, 6) AS adjusted_high,
	   pg_temp.near(w.low, 0.0043782218800581902) AND pg_temp.near(w.high, 0.38647515128159138)
	   AND a.low = 0 AND pg_temp.near(a.high, 0.38647515128159138) AS ok,
	   funnel_position('5/20', 0.05) AS position, funnel_position_adjusted('5/20', 0.05, 0.001) AS adjusted_position
FROM funnel_limits(0.05, 20) AS w, funnel_limits_adjusted(0.05, 20, 0.001) AS a;
-- with tau2 = 0 (or n = 0) the adjusted limits are the Wilson limits, exactly
SELECT bool_and(funnel_limits_adjusted(p0, n, 0, c) = funnel_limits(p0, n, c)) AS tau2_zero_is_wilson,
	   bool_and(funnel_limits_adjusted(p0, 0, 0.5, c) = funnel_limits(p0, 0, c)) AS n_zero_is_wilson,
	   bool_and(funnel_position_adjusted(proportion(n / 3, n), p0, 0) IS NOT DISTINCT FROM funnel_position(proportion(n / 3, n), p0)) AS positions_agree
FROM unnest(ARRAY[0, 0.01, 0.3, 0.5, 0.97, 1]::float8[]) AS p0,
	 unnest(ARRAY[0, 1, 7, 100, 100000]::bigint[]) AS n,
	 unnest(ARRAY[0.95, 0.998]::float8[]) AS c;
-- units close to p0: phi below 1 and tau2 = 0 (reference: phi 0.037214045207910317)
SELECT o.units, round(o.phi::numeric, 6) AS phi, o.tau2, pg_temp.near(o.phi, 0.037214045207910317) AS ok
FROM funnel_overdispersion('{50/100,52/100,49/100,101/200,25/50,48/100}', 0.5) AS o;
-- NULL elements and wholes of 0 are not units; under two units, or p0 of 0 or 1, no estimate
SELECT units, round(phi::numeric, 6) AS phi, tau2 FROM funnel_overdispersion('{1/2,NULL,0/0,3/4}', 0.5);
SELECT (funnel_overdispersion('{1/2,0/0}', 0.5)).*;
SELECT (funnel_overdispersion('{}', 0.5)).*;
SELECT (funnel_overdispersion('{0/10,0/20}', 0)).*;
SELECT (funnel_overdispersion('{10/10,20/20}', 1)).*;

-- A hand-built county: six centres of two lead partners, one LSOA each
-- (LSOAs of c1 and c4 in the most deprived decile), children registered,
-- seen (one contact) and sustained (three contacts) in 2013-14 Q1:
--   centre  under-fives  registered  seen  sustained
--   c1          400          300      200     100
--   c2          250          150      120      40
--   c3          120          100       30      20
--   c4           60           20       15       5
--   c5           30           25       20      15
--   c6           15            5        2       0
-- Every second family is a lone-parent family.
INSERT INTO lead_partner (lead_partner_id, name, sector) VALUES ('LPA', 'North Trust', 'voluntary'), ('LPB', 'South School', 'school');
INSERT INTO lot (lot_id, name, lead_partner_id) VALUES ('LA', 'North', 'LPA'), ('LB', 'South', 'LPB');
CREATE TEMP TABLE county (k, centre_id, lot_id, under_fives, registered, seen, sustained, decile) AS
VALUES (1, 'c1', 'LA', 400, 300, 200, 100, 1), (2, 'c2', 'LA', 250, 150, 120, 40, 5), (3, 'c3', 'LA', 120, 100, 30, 20, 7),
	   (4, 'c4', 'LB', 60, 20, 15, 5, 1), (5, 'c5', 'LB', 30, 25, 20, 15, 6), (6, 'c6', 'LB', 15, 5, 2, 0, 9);
INSERT INTO centre (centre_id, name, lot_id, district_code, opened_on)
SELECT centre_id, 'Centre ' || k, lot_id, 'E07000148', '2006-04-01' FROM county;
INSERT INTO lsoa (lsoa_code, name, district_code, district_name, idaci_rank, idaci_decile, imd_rank, imd_decile)
SELECT 'E0100000' || k, 'Area ' || k, 'E07000148', 'Norwich', decile * 3000, decile, decile * 3000, decile FROM county;
INSERT INTO reach_area (lsoa_code, valid_from, centre_id) SELECT 'E0100000' || k, '2010-04-01', centre_id FROM county;
INSERT INTO population (lsoa_code, mid_year, age, persons) SELECT 'E0100000' || k, 2013, 2, under_fives FROM county;
INSERT INTO family (family_id, lsoa_code, lone_parent)
SELECT k * 1000 + i, 'E0100000' || k, i % 2 = 0 FROM county, generate_series(1, registered) AS i;
INSERT INTO child (child_id, family_id, dob, sex, disabled)
SELECT k * 1000 + i, k * 1000 + i, '2011-06-01', 'F', false FROM county, generate_series(1, registered) AS i;
INSERT INTO registration (child_id, centre_id, registered_on) SELECT k * 1000 + i, centre_id, '2012-01-01'
FROM county, generate_series(1, registered) AS i;
INSERT INTO contact (contact_id, child_id, centre_id, contact_on, mode)
SELECT (k * 1000 + i) * 10 + j, k * 1000 + i, centre_id, date '2013-05-01' + j - 1, 'face_to_face'
FROM county, generate_series(1, seen) AS i, generate_series(1, 3) AS j
WHERE j = 1 OR i <= sustained;

-- the view's columns, as the specification lists them
SELECT string_agg(attname, ', ' ORDER BY attnum) FROM pg_attribute WHERE attrelid = 'reach_funnel'::regclass AND attnum > 0;
SELECT string_agg(attname || ' ' || format_type(atttypid, atttypmod), ', ' ORDER BY attnum)
FROM pg_attribute WHERE attrelid = 'coverage_funnel'::regclass AND attnum > 0;

-- registration: p0 = 600/875 pooled, not the mean of the rates; the limits,
-- positions, phi and tau2 as test/regress/funnel_reference.py computes them
SELECT f.centre_id, f.numerator, f.denominator, f.rate, round(f.p0::numeric, 6) AS p0,
	   round(f.low_95::numeric, 4) AS low_95, round(f.high_95::numeric, 4) AS high_95,
	   round(f.low_998::numeric, 4) AS low_998, round(f.high_998::numeric, 4) AS high_998,
	   f.position, round(f.phi::numeric, 6) AS phi, round(f.tau2::numeric, 6) AS tau2, f.position_adjusted,
	   f.p0 = 0.68571428571428572 AND pg_temp.near(f.phi, 9.5150178532404321) AND pg_temp.near(f.tau2, 0.018745621973190900)
	   AND pg_temp.near(f.low_95, r.low_95) AND pg_temp.near(f.high_95, r.high_95)
	   AND pg_temp.near(f.low_998, r.low_998) AND pg_temp.near(f.high_998, r.high_998)
	   AND f.position = r.position AND f.position_adjusted = r.position_adjusted AS ok
FROM reach_funnel AS f
JOIN (VALUES
	('c1', 0.63863637978426975::float8, 0.72925905374870585::float8, 0.61036395995535720::float8, 0.75240394873066838::float8, 'above 95%', 'within'),
	('c2', 0.62572620477197297, 0.74008142684400477, 0.58957346983074263, 0.76818923085963854, 'below 95%', 'within'),
	('c3', 0.59798936815878719, 0.76191779859998011, 0.54524376558848666, 0.79880554596250517, 'above 99.8%', 'within'),
	('c4', 0.56011694688335863, 0.78896207946386516, 0.48631537255078022, 0.83411400284999671, 'below 99.8%', 'below 95%'),
	('c5', 0.50681147446922746, 0.82245497949472703, 0.40839121294331707, 0.87335310956065671, 'above 95%', 'within'),
	('c6', 0.43484175256555101, 0.86085873562113384, 0.31506040680876794, 0.91188598591050463, 'below 95%', 'within')
) AS r (centre_id, low_95, high_95, low_998, high_998, position, position_adjusted) USING (centre_id)
WHERE f.period = '2013-14 Q1' AND f.measure = 'registered'
ORDER BY f.centre_id;
SELECT round(avg(rate), 1) AS mean_of_rates, round(100 * max(p0)::numeric, 1) AS pooled_pct
FROM reach_funnel WHERE period = '2013-14 Q1' AND measure = 'registered';
-- every measure and period: p0 is the county figure of reach_figures, and
-- phi and tau2, the same on every row, are funnel_overdispersion over the
-- centres' rates
WITH f AS MATERIALIZED (SELECT * FROM reach_funnel),
county AS MATERIALIZED (SELECT * FROM reach_figures WHERE level = 'county'),
g AS (
	SELECT f.period, f.measure, count(*) AS centres, sum(f.numerator) AS numerator, sum(f.denominator) AS denominator,
		   max(f.p0) AS p0,
		   max(f.phi) AS phi, max(f.tau2) AS tau2, array_agg(proportion(f.numerator, f.denominator)) AS rates,
		   string_agg(f.centre_id || ' ' || coalesce(f.position, '-') || ' / ' || coalesce(f.position_adjusted, '-'), ', ' ORDER BY f.centre_id) AS positions
	FROM f GROUP BY f.period, f.measure
)
SELECT g.period, g.measure, g.centres, g.numerator, g.denominator, round(g.p0::numeric, 6) AS p0,
	   g.p0 = CASE g.measure WHEN 'registered' THEN r.registered WHEN 'seen' THEN r.seen
					WHEN 'sustained' THEN r.sustained WHEN 'deprived_registered' THEN d.registered
					WHEN 'deprived_seen' THEN d.seen WHEN 'deprived_sustained' THEN d.sustained
					WHEN 'families_seen' THEN r.families_seen WHEN 'families_sustained' THEN r.families_sustained
					WHEN 'deprived_families_seen' THEN d.families_seen WHEN 'deprived_families_sustained' THEN d.families_sustained END::float8
			  / CASE WHEN g.measure LIKE 'deprived_families%' THEN d.families_registered
					 WHEN g.measure LIKE 'families%' THEN r.families_registered
					 WHEN g.measure LIKE 'deprived_%' THEN d.under_fives ELSE r.under_fives END AS p0_is_county,
	   round(g.phi::numeric, 4) AS phi, round(g.tau2::numeric, 6) AS tau2,
	   (SELECT min(x.p0) = max(x.p0) AND min(x.phi) = max(x.phi) AND min(x.tau2) = max(x.tau2)
		FROM f AS x WHERE x.period = g.period AND x.measure = g.measure)
	   AND g.phi = o.phi AND g.tau2 = o.tau2 AS overdispersion_ok,
	   g.positions
FROM g
JOIN county AS r ON r.scope = 'all' AND r.period = g.period
JOIN county AS d ON d.scope = 'deprived' AND d.period = g.period
CROSS JOIN LATERAL funnel_overdispersion(g.rates, g.p0) AS o
ORDER BY g.period, g.measure;
-- a centre without deprived LSOAs has a denominator of 0: no rate, no position
SELECT centre_id, numerator, denominator, rate, round(low_998::numeric, 1) AS low_998, round(high_998::numeric, 1) AS high_998,
	   position, position_adjusted
FROM reach_funnel WHERE period = '2013-14 Q1' AND measure = 'deprived_registered' ORDER BY centre_id;
-- more registered than the population estimate: the rate shows it, the
-- positions are null and the centre is left out of phi and tau2 (not p0)
UPDATE population SET persons = 80 WHERE lsoa_code = 'E01000003';
SELECT centre_id, numerator, denominator, rate, round(p0::numeric, 6) AS p0, position, position_adjusted,
	   round(phi::numeric, 4) AS phi
FROM reach_funnel WHERE period = '2013-14 Q1' AND measure = 'registered' ORDER BY centre_id;
UPDATE population SET persons = 120 WHERE lsoa_code = 'E01000003';

-- target-group coverage: lone-parent families, p0 is target_group_coverage's county row
SELECT f.centre_id, f.label, f.measure, f.numerator, f.denominator, f.rate, round(f.p0::numeric, 6) AS p0,
	   f.position, round(f.phi::numeric, 4) AS phi, round(f.tau2::numeric, 6) AS tau2, f.position_adjusted,
	   f.p0 = (CASE f.measure WHEN 'any_contact' THEN t.any_contact ELSE t.sustained END)::float8 / t.families AS p0_is_county
FROM coverage_funnel AS f
JOIN target_group_coverage AS t
  ON t.level = 'county' AND t.period = f.period AND t.target_group = f.target_group
WHERE f.period = '2013-14 Q1' AND f.target_group = 'lone_parent'
ORDER BY f.measure, f.centre_id;
SELECT DISTINCT target_group FROM coverage_funnel ORDER BY 1;

-- A partner of LPB sees its own three centres, and the county's p0, phi and
-- tau2: the rows are filtered, the comparison is not
SELECT p0 AS county_p0, phi AS county_phi, tau2 AS county_tau2 FROM reach_funnel
WHERE period = '2013-14 Q1' AND measure = 'sustained' LIMIT 1 \gset
SELECT p0 AS county_cov_p0, phi AS county_cov_phi FROM coverage_funnel
WHERE period = '2013-14 Q1' AND measure = 'any_contact' AND target_group = 'lone_parent' LIMIT 1 \gset
SELECT create_roles();
CREATE ROLE regress_funnel_partner LOGIN IN ROLE surestart_partner;
INSERT INTO partner_member VALUES ('regress_funnel_partner', 'LPB');
SET ROLE regress_funnel_partner;
SELECT centre_id, numerator, denominator, position, position_adjusted,
	   p0 = :'county_p0'::float8 AS county_p0, phi = :'county_phi'::float8 AS county_phi,
	   tau2 = :'county_tau2'::float8 AS county_tau2
FROM surestart.reach_funnel WHERE period = '2013-14 Q1' AND measure = 'sustained' ORDER BY centre_id;
SELECT centre_id, measure, p0 = :'county_cov_p0'::float8 AS county_p0, phi = :'county_cov_phi'::float8 AS county_phi
FROM surestart.coverage_funnel WHERE period = '2013-14 Q1' AND measure = 'any_contact' AND target_group = 'lone_parent'
ORDER BY centre_id;
SELECT count(*) AS rows_of_other_partners FROM surestart.reach_funnel WHERE centre_id IN ('c1', 'c2', 'c3');
RESET ROLE;
ROLLBACK;
