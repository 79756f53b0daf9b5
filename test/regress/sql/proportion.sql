-- proportion: input and output, constructor, percent, Ofsted words, Wilson
-- interval, ordering, hashing, pooling, casts, binary form, COPY, and
-- property checks on 100,000 random values (each a count of mismatches: 0).
SET search_path = surestart, public;
-- text input: accepted forms
SELECT '9629/12312'::proportion, '0/0'::proportion, '0/7'::proportion, '7/7'::proportion;
SELECT ' 1/2'::proportion, E'3/4 \n'::proportion, E'\t5/6\t'::proportion, '007/010'::proportion;
SELECT '9223372036854775807/9223372036854775807'::proportion;
SELECT '0/9223372036854775807'::proportion;
-- text input: rejected forms
SELECT ''::proportion;
SELECT '   '::proportion;
SELECT '1'::proportion;
SELECT '/2'::proportion;
SELECT '1/'::proportion;
SELECT '12/x'::proportion;
SELECT '1 /2'::proportion;
SELECT '1/ 2'::proportion;
SELECT '1 2/3'::proportion;
SELECT '+1/2'::proportion;
SELECT '-1/2'::proportion;
SELECT '1/-2'::proportion;
SELECT '1.5/2'::proportion;
SELECT '1/2/3'::proportion;
SELECT '1/2x'::proportion;
SELECT '1//2'::proportion;
SELECT '１/2'::proportion;
SELECT '0x1/2'::proportion;
SELECT '1e2/300'::proportion;
SELECT '3/2'::proportion;
SELECT '5/0'::proportion;
SELECT '9223372036854775808/9223372036854775808'::proportion;
SELECT '1/9223372036854775808'::proportion;
SELECT '1/99999999999999999999999999999999'::proportion;
SELECT '99999999999999999999/1'::proportion;
-- output is the stored form and re-parses to the same value
SELECT p::text, p::text::proportion = p AS same
FROM unnest(ARRAY['0/0', '0/1', '2/4', '9629/12312', '9223372036854775807/9223372036854775807']::proportion[]) AS p;
-- constructor, part and whole
SELECT proportion(9629, 12312), part(proportion(9629, 12312)), whole(proportion(9629, 12312));
SELECT proportion(0, 0), proportion(0, 1), proportion(1, 1);
SELECT proportion(9223372036854775807, 9223372036854775807);
SELECT proportion(-1, 3);
SELECT proportion(1, -3);
SELECT proportion(-9223372036854775808, -9223372036854775808);
SELECT proportion(4, 3);
SELECT proportion(1, 0);
SELECT proportion(NULL, 3) IS NULL AS null_part, proportion(3, NULL) IS NULL AS null_whole;
SELECT part(NULL::proportion) IS NULL AS part_null, whole(NULL::proportion) IS NULL AS whole_null;
-- percent: exact, rounded half away from zero, numeric with the asked decimals
SELECT percent('9629/12312'), percent('9629/12312', 0), percent('9629/12312', 3), percent('9629/12312', 12);
SELECT percent('1/3'), percent('2/3'), percent('1/8', 1), percent('1/8', 2), percent('1/8', 0), percent('1/2', 0);
SELECT percent('0/5'), percent('5/5'), percent('5/5', 0), percent('5/5', 3);
SELECT percent('1939/2000') AS "96.95", percent('1599/2000') AS "79.95", percent('1/2500') AS "0.04", percent('1/2000') AS "0.05", percent('2499/2500') AS "99.96";
SELECT percent('0/0') IS NULL AS no_data, percent('0/0', 3) IS NULL AS no_data_3;
SELECT percent('1/9223372036854775807', 12), percent('9223372036854775806/9223372036854775807', 12);
SELECT percent('4611686018427387904/9223372036854775807', 0), percent('9223372036854775807/9223372036854775807', 12);
SELECT percent('1/3', -1);
SELECT percent('1/3', 13);
SELECT percent('0/0', 13);
SELECT percent(NULL) IS NULL AS null_p, percent('1/3', NULL) IS NULL AS null_digits;
-- Ofsted words: known published figures and every band boundary
SELECT ofsted_words('9629/12312'::proportion) AS "78.2%";
SELECT p, percent(p), ofsted_words(p)
FROM unnest(ARRAY['0/1', '1/2500', '1/2000', '1/1000', '399/2000', '2/10', '999/2000', '1/2',
	'1299/2000', '65/100', '1599/2000', '8/10', '1939/2000', '97/100', '4997/5000', '9999/10000',
	'2499/2500', '19999/20000', '1/1']::proportion[]) AS p;
SELECT ofsted_words('0/0'::proportion) IS NULL AS no_data;
-- Ofsted words from a fraction
SELECT ofsted_words(0.782) AS a, ofsted_words(0.9996) AS b, ofsted_words(0.9994) AS c,
	ofsted_words(0.0004) AS d, ofsted_words(0.0005) AS e, ofsted_words(0) AS f, ofsted_words(1) AS g,
	ofsted_words(1.000) AS h, ofsted_words(0.96949999) AS i, ofsted_words(0.9695) AS j;
SELECT ofsted_words(78.2);
SELECT ofsted_words(100);
SELECT ofsted_words(1.0001);
SELECT ofsted_words(100.5);
SELECT ofsted_words(-0.1);
SELECT ofsted_words('NaN'::numeric);
SELECT ofsted_words('Infinity'::numeric);
SELECT ofsted_words(NULL::numeric) IS NULL AS null_fraction, ofsted_words(NULL::proportion) IS NULL AS null_p;
-- the bands are data: a council's change is seen by the next query
BEGIN;
INSERT INTO ofsted_word (from_percent, words) VALUES (90, 'Most'), (12.34, 'Some');
SELECT ofsted_words('92/100'::proportion) AS "92", ofsted_words('1233/10000'::proportion) AS "12.33 -> 12.3",
	ofsted_words('1235/10000'::proportion) AS "12.35 -> 12.4", ofsted_words(0.1235) AS "fraction 12.35";
ROLLBACK;
SELECT ofsted_words('92/100'::proportion) AS "92 again";
-- the bands are read once per query, not once per row
SELECT pg_stat_force_next_flush();
SELECT coalesce(seq_scan, 0) + coalesce(idx_scan, 0) AS scans_before
FROM pg_stat_user_tables WHERE relid = 'surestart.ofsted_word'::regclass \gset
SELECT count(DISTINCT ofsted_words(proportion(i, 1000))) AS words, count(DISTINCT ofsted_words(i / 1000.0)) AS words_of_fractions
FROM generate_series(0, 1000) AS i;
SELECT pg_stat_force_next_flush();
SELECT coalesce(seq_scan, 0) + coalesce(idx_scan, 0) - :scans_before AS band_reads_for_two_call_sites
FROM pg_stat_user_tables WHERE relid = 'surestart.ofsted_word'::regclass;
-- normal quantile and the Wilson score interval
SELECT normal_quantile(0.975) AS z975, normal_quantile(0.5) AS z50, normal_quantile(0.025) AS z025,
	normal_quantile(0.995) AS z995, normal_quantile(0.8413447460685429) AS z_one;
SELECT abs(normal_quantile(0.975) - 1.959963984540054) < 1e-12 AS z975_ok,
	abs(normal_quantile(1e-10) + 6.361340902404056) < 1e-9 AS z_1e10_ok,
	abs(normal_quantile(0.9) - 1.2815515655446008) < 1e-12 AS z90_ok,
	abs(normal_quantile(1e-300) + 37.0470962993612) < 1e-9 AS deep_tail_ok;
SELECT normal_quantile(0);
SELECT normal_quantile(1);
SELECT normal_quantile('NaN');
SELECT round(low::numeric, 6) AS low, round(high::numeric, 6) AS high FROM wilson_interval('9629/12312');
SELECT round(low::numeric, 6) AS low, round(high::numeric, 6) AS high FROM wilson_interval('9629/12312', 0.99);
SELECT round(low::numeric, 6) AS low, round(high::numeric, 6) AS high FROM wilson_interval('1/2');
SELECT low, round(high::numeric, 6) AS high FROM wilson_interval('0/10');
SELECT round(low::numeric, 6) AS low, high FROM wilson_interval('10/10');
SELECT low IS NULL AS low_null, high IS NULL AS high_null FROM wilson_interval('0/0');
SELECT (wilson_interval('3/4')).low < 0.75 AND (wilson_interval('3/4')).high > 0.75 AS contains_rate;
SELECT * FROM wilson_interval('1/2', 0);
SELECT * FROM wilson_interval('1/2', 1);
SELECT * FROM wilson_interval('1/2', 95);
SELECT * FROM wilson_interval('1/2', -0.5);
SELECT * FROM wilson_interval('1/2', 'NaN');
SELECT * FROM wilson_interval('0/0', 2);
-- comparison by exact value; 0/0 first and equal only to itself
SELECT '1/2'::proportion = '2/4' AS eq, '1/2'::proportion <> '2/4' AS ne, '1/3'::proportion < '1/2' AS lt,
	'1/3'::proportion <= '2/6' AS le, '2/3'::proportion > '1/2' AS gt, '2/3'::proportion >= '4/6' AS ge;
SELECT '0/0'::proportion = '0/0' AS nodata_eq, '0/0'::proportion = '0/1' AS nodata_eq_zero,
	'0/0'::proportion < '0/1' AS nodata_first, '0/1'::proportion = '0/9' AS zeros_eq, '1/1'::proportion = '7/7' AS ones_eq;
SELECT '9223372036854775806/9223372036854775807'::proportion > '9223372036854775805/9223372036854775806' AS gt_big_close,
	'9223372036854775806/9223372036854775807'::proportion > '1/2' AS gt_big,
	'1/9223372036854775807'::proportion > '0/1' AS tiny;
SELECT array_agg(p ORDER BY p, part(p)) AS ascending, array_agg(p ORDER BY p DESC, part(p) DESC) AS descending
FROM unnest(ARRAY['1/2', '0/0', '1/1', '0/3', '2/3', '3/6', '1/3']::proportion[]) AS p;
SELECT proportion_cmp('1/2', '2/4') AS eq, proportion_cmp('0/0', '0/1') AS nodata, proportion_cmp('1/1', '0/0') AS one;
-- hashing agrees with equality
SELECT proportion_hash('1/2') = proportion_hash('2/4') AS half, proportion_hash('0/1') = proportion_hash('0/5') AS zero,
	proportion_hash('3/3') = proportion_hash('9223372036854775807/9223372036854775807') AS one,
	proportion_hash('0/0') <> proportion_hash('0/1') AS nodata,
	proportion_hash_extended('1/2', 7) = proportion_hash_extended('4/8', 7) AS ext,
	proportion_hash_extended('1/2', 0) <> proportion_hash_extended('1/2', 1) AS seeded;
-- indexes, GROUP BY, DISTINCT and joins by value
CREATE TEMP TABLE props (p proportion);
INSERT INTO props SELECT proportion(i % 7, 6 + i % 3) FROM generate_series(1, 3000) AS i WHERE i % 7 <= 6 + i % 3;
INSERT INTO props VALUES ('0/0'), ('0/0');
CREATE INDEX props_btree ON props (p);
CREATE INDEX props_hash ON props USING hash (p);
SET enable_seqscan = off;
SET enable_bitmapscan = off;
SELECT count(*) FROM props WHERE p = '1/2';
SELECT count(*) FROM props WHERE p < '1/6';
SELECT count(*) FROM props WHERE p = '0/0';
RESET enable_seqscan;
RESET enable_bitmapscan;
SELECT percent((SELECT p FROM props WHERE p > '0/0' ORDER BY p LIMIT 1)) AS lowest_pct,
	percent((SELECT p FROM props ORDER BY p DESC LIMIT 1)) AS highest_pct, count(DISTINCT p) AS distinct_values FROM props;
SET enable_sort = off;
SELECT percent(p), count(*) FROM props GROUP BY p ORDER BY p LIMIT 5;
RESET enable_sort;
SELECT count(*) FROM (SELECT DISTINCT p FROM props) AS d;
SET enable_mergejoin = off;
SELECT count(*) FROM (VALUES ('1/2'::proportion), ('2/6')) AS v(p) JOIN props USING (p);
RESET enable_mergejoin;
SET enable_hashjoin = off;
SELECT count(*) FROM (VALUES ('1/2'::proportion), ('2/6')) AS v(p) JOIN props USING (p);
RESET enable_hashjoin;
-- pooling with +
SELECT '1/2'::proportion + '3/4' AS pooled, '0/0'::proportion + '2/5' AS with_no_data, '0/0'::proportion + '0/0' AS none;
SELECT '9223372036854775806/9223372036854775806'::proportion + '1/1' AS at_limit;
SELECT '9223372036854775807/9223372036854775807'::proportion + '1/1';
SELECT '0/9223372036854775807'::proportion + '0/1';
-- casts to numeric and double precision (the fraction, not the percentage)
SELECT '1/3'::proportion::numeric AS n, '1/3'::proportion::float8 AS f, '9629/12312'::proportion::numeric AS published;
SELECT '0/0'::proportion::numeric IS NULL AS n_null, '0/0'::proportion::float8 IS NULL AS f_null,
	'0/4'::proportion::numeric AS zero, '4/4'::proportion::float8 AS one;
-- binary form: version byte, part and whole as int8 (network order)
SELECT proportion_send('9629/12312'), proportion_send('0/0');
-- text COPY round trip
CREATE TEMP TABLE copy_src (id int, p proportion);
INSERT INTO copy_src VALUES (1, '9629/12312'), (2, '0/0'), (3, '9223372036854775807/9223372036854775807'),
	(4, '2/4'), (5, NULL), (6, '0/9223372036854775807');
\copy copy_src TO 'build/regress/results/proportion.txt'
CREATE TEMP TABLE copy_dst (id int, p proportion);
\copy copy_dst FROM 'build/regress/results/proportion.txt'
SELECT s.id, s.p, d.p AS copied, s.p::text IS NOT DISTINCT FROM d.p::text AS identical
FROM copy_src AS s JOIN copy_dst AS d USING (id) ORDER BY s.id;
-- binary COPY round trip
TRUNCATE copy_dst;
\copy copy_src TO 'build/regress/results/proportion.bin' WITH (FORMAT binary)
\copy copy_dst FROM 'build/regress/results/proportion.bin' WITH (FORMAT binary)
SELECT s.id, s.p, d.p AS copied, s.p::text IS NOT DISTINCT FROM d.p::text AS identical
FROM copy_src AS s JOIN copy_dst AS d USING (id) ORDER BY s.id;
-- hand-made binary files: header, one 1-field tuple (length, version, part, whole), trailer
CREATE TEMP TABLE bin_in (p proportion);
\! printf 'PGCOPY\n\377\r\n\000\000\000\000\000\000\000\000\000\000\001\000\000\000\021\001\000\000\000\000\000\000\000\005\000\000\000\000\000\000\000\012\377\377' > build/regress/results/prop_ok.bin
\! printf 'PGCOPY\n\377\r\n\000\000\000\000\000\000\000\000\000\000\001\000\000\000\021\002\000\000\000\000\000\000\000\005\000\000\000\000\000\000\000\012\377\377' > build/regress/results/prop_version.bin
\! printf 'PGCOPY\n\377\r\n\000\000\000\000\000\000\000\000\000\000\001\000\000\000\021\000\000\000\000\000\000\000\000\005\000\000\000\000\000\000\000\012\377\377' > build/regress/results/prop_version0.bin
\! printf 'PGCOPY\n\377\r\n\000\000\000\000\000\000\000\000\000\000\001\000\000\000\021\001\000\000\000\000\000\000\000\013\000\000\000\000\000\000\000\012\377\377' > build/regress/results/prop_part_gt_whole.bin
\! printf 'PGCOPY\n\377\r\n\000\000\000\000\000\000\000\000\000\000\001\000\000\000\021\001\377\377\377\377\377\377\377\377\000\000\000\000\000\000\000\012\377\377' > build/regress/results/prop_negative.bin
\! printf 'PGCOPY\n\377\r\n\000\000\000\000\000\000\000\000\000\000\001\000\000\000\021\001\200\000\000\000\000\000\000\000\200\000\000\000\000\000\000\000\377\377' > build/regress/results/prop_min.bin
\! printf 'PGCOPY\n\377\r\n\000\000\000\000\000\000\000\000\000\000\001\000\000\000\021\001\000\000\000\000\000\000\000\001\000\000\000\000\000\000\000\000\377\377' > build/regress/results/prop_whole0.bin
\! printf 'PGCOPY\n\377\r\n\000\000\000\000\000\000\000\000\000\000\001\000\000\000\011\001\000\000\000\000\000\000\000\005\377\377' > build/regress/results/prop_short.bin
\! printf 'PGCOPY\n\377\r\n\000\000\000\000\000\000\000\000\000\000\001\000\000\000\001\001\377\377' > build/regress/results/prop_version_only.bin
\! printf 'PGCOPY\n\377\r\n\000\000\000\000\000\000\000\000\000\000\001\000\000\000\022\001\000\000\000\000\000\000\000\005\000\000\000\000\000\000\000\012\000\377\377' > build/regress/results/prop_long.bin
\copy bin_in FROM 'build/regress/results/prop_ok.bin' WITH (FORMAT binary)
SELECT p FROM bin_in;
\copy bin_in FROM 'build/regress/results/prop_version.bin' WITH (FORMAT binary)
\copy bin_in FROM 'build/regress/results/prop_version0.bin' WITH (FORMAT binary)
\copy bin_in FROM 'build/regress/results/prop_part_gt_whole.bin' WITH (FORMAT binary)
\copy bin_in FROM 'build/regress/results/prop_negative.bin' WITH (FORMAT binary)
\copy bin_in FROM 'build/regress/results/prop_min.bin' WITH (FORMAT binary)
\copy bin_in FROM 'build/regress/results/prop_whole0.bin' WITH (FORMAT binary)
\copy bin_in FROM 'build/regress/results/prop_short.bin' WITH (FORMAT binary)
\copy bin_in FROM 'build/regress/results/prop_version_only.bin' WITH (FORMAT binary)
\copy bin_in FROM 'build/regress/results/prop_long.bin' WITH (FORMAT binary)
SELECT count(*) AS rows_after_bad_files FROM bin_in;
-- property checks on 100,000 random values with a fixed seed: every count must be 0
SELECT setseed(0.4242);
CREATE TEMP TABLE rnd AS
SELECT i, a, b, proportion(a, b) AS p
FROM (SELECT i, floor(random() * (w + 1))::bigint AS a, w AS b
	  FROM (SELECT i, CASE WHEN i % 3 = 0 THEN floor(random() * 13)::bigint
						   WHEN i % 3 = 1 THEN floor(random() * 2001)::bigint
						   ELSE floor(random() * 1000001)::bigint END AS w
			FROM generate_series(1, 100000) AS i) AS g) AS r;
-- the value as numeric division, with 0/0 below every real value
CREATE TEMP VIEW rnd_pairs AS
SELECT x.p AS p, y.p AS q,
	CASE WHEN x.b = 0 THEN -1 ELSE x.a::numeric / x.b END AS v,
	CASE WHEN y.b = 0 THEN -1 ELSE y.a::numeric / y.b END AS w
FROM rnd AS x JOIN rnd AS y ON y.i = (x.i + 2) % 100000 + 1;
SELECT count(*) AS pairs,
	count(*) FILTER (WHERE (p < q) <> (v < w) OR (p <= q) <> (v <= w) OR (p = q) <> (v = w)
		OR (p <> q) <> (v <> w) OR (p > q) <> (v > w) OR (p >= q) <> (v >= w)
		OR proportion_cmp(p, q) <> sign(v - w)) AS order_mismatches,
	count(*) FILTER (WHERE p = q) AS equal_pairs
FROM rnd_pairs;
SELECT count(*) FILTER (WHERE b > 0) AS with_data,
	count(*) FILTER (WHERE percent(p) IS DISTINCT FROM CASE WHEN b > 0 THEN round(100.0 * a / b, 1) END) AS percent_mismatches,
	count(*) FILTER (WHERE percent(p, 3) IS DISTINCT FROM CASE WHEN b > 0 THEN round(100.0 * a / b, 3) END) AS percent3_mismatches,
	count(*) FILTER (WHERE percent(p, 0) IS DISTINCT FROM CASE WHEN b > 0 THEN round(100.0 * a / b, 0) END) AS percent0_mismatches
FROM rnd;
SELECT count(*) FILTER (WHERE p::text::proportion::text <> p::text OR part(p::text::proportion) <> a
		OR whole(p::text::proportion) <> b) AS text_mismatches,
	count(*) FILTER (WHERE p::text <> a || '/' || b) AS format_mismatches
FROM rnd;
-- equal values (scaled copies) hash equally, and so do equal pairs found above
SELECT count(*) FILTER (WHERE proportion(a * k, b * k) <> p
		OR proportion_hash(proportion(a * k, b * k)) <> proportion_hash(p)
		OR proportion_hash_extended(proportion(a * k, b * k), 42) <> proportion_hash_extended(p, 42)) AS hash_mismatches
FROM rnd, (VALUES (2), (3), (1000003)) AS s(k)
WHERE b > 0;
SELECT count(*) FILTER (WHERE p = q AND proportion_hash(p) <> proportion_hash(q)) AS equal_pair_hash_mismatches
FROM rnd_pairs;
-- words agree with a plain CASE over the rounded percentage, and with the fraction form
SELECT count(*) FILTER (WHERE ofsted_words(p) IS DISTINCT FROM
		CASE WHEN b = 0 THEN NULL
			 WHEN round(100.0 * a / b, 1) >= 100 THEN 'All'
			 WHEN round(100.0 * a / b, 1) >= 97 THEN 'Almost all'
			 WHEN round(100.0 * a / b, 1) >= 80 THEN 'Very large majority'
			 WHEN round(100.0 * a / b, 1) >= 65 THEN 'Large majority'
			 WHEN round(100.0 * a / b, 1) >= 50 THEN 'Majority'
			 WHEN round(100.0 * a / b, 1) >= 20 THEN 'Minority'
			 WHEN round(100.0 * a / b, 1) >= 0.1 THEN 'Few'
			 ELSE 'None' END) AS words_mismatches,
	count(*) FILTER (WHERE b > 0 AND ofsted_words(p) <> ofsted_words(a::numeric / b)) AS fraction_words_mismatches
FROM rnd;
-- sorting by the btree opclass agrees with sorting by numeric value
SELECT count(*) AS sort_mismatches
FROM (SELECT CASE WHEN b = 0 THEN -1 ELSE a::numeric / b END AS v,
		lag(CASE WHEN b = 0 THEN -1 ELSE a::numeric / b END) OVER (ORDER BY p) AS prev
	  FROM rnd) AS s
WHERE prev > v;
