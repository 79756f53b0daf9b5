-- target_groups: text and binary forms, constructor, operators, ordering,
-- indexes, and property checks against the same operations on arrays
SET search_path = surestart, public;
-- accepted input: canonical, any case, white space, quotes, duplicates, empty
SELECT '{lone_parent,teenage_parent}'::target_groups;
SELECT '{teenage_parent,lone_parent}'::target_groups;
SELECT '{}'::target_groups AS empty, ' { } '::target_groups AS spaced_empty;
SELECT '{ Lone_Parent , TEENAGE_PARENT }'::target_groups;
SELECT E'\t{father,\n local_16}\n'::target_groups;
SELECT '{"lone_parent","father"}'::target_groups;
SELECT '{father,father,FATHER}'::target_groups;
SELECT '{local_16,local_1,two_year_funding,teenage_parent}'::target_groups;
SELECT ('{' || array_to_string(ARRAY(SELECT code FROM target_group ORDER BY code DESC), ',') || '}')::target_groups AS all_groups;
-- rejected input, each naming the value and what was expected
SELECT ''::target_groups;
SELECT '   '::target_groups;
SELECT 'lone_parent'::target_groups;
SELECT ' Lone_Parent '::target_groups;
SELECT 'nobody'::target_groups;
SELECT '{'::target_groups;
SELECT '}'::target_groups;
SELECT '{lone_parent'::target_groups;
SELECT '{,}'::target_groups;
SELECT '{lone_parent,}'::target_groups;
SELECT '{,lone_parent}'::target_groups;
SELECT '{lone_parent,,father}'::target_groups;
SELECT '{lone_parent father}'::target_groups;
SELECT '{lone parent}'::target_groups;
SELECT '{lone_parent}}'::target_groups;
SELECT '{lone_parent} x'::target_groups;
SELECT '{{lone_parent}}'::target_groups;
SELECT '{"lone_parent}'::target_groups;
SELECT '{"lone_parent"x}'::target_groups;
SELECT '{""}'::target_groups;
SELECT '{lone\_parent}'::target_groups;
SELECT '{nobody}'::target_groups;
SELECT '{lone_parent,nobody}'::target_groups;
SELECT '{local_0}'::target_groups;
SELECT '{local_17}'::target_groups;
SELECT '{NULL}'::target_groups;
SELECT '[lone_parent]'::target_groups;
-- NULL stays NULL
SELECT NULL::target_groups IS NULL AS is_null, to_array(NULL) IS NULL AS arr_null,
	cardinality(NULL::target_groups) IS NULL AS card_null;
-- constructor from text[]
SELECT target_groups(ARRAY['lone_parent', 'teenage_parent']);
SELECT target_groups(ARRAY['  Father ', 'father', 'LOCAL_3']);
SELECT target_groups(ARRAY[]::text[]);
SELECT target_groups(ARRAY[['father', 'lone_parent'], ['local_1', 'local_2']]);
SELECT target_groups(NULL) IS NULL AS null_array;
SELECT target_groups(ARRAY['lone_parent', NULL]);
SELECT target_groups(ARRAY[NULL]::text[]);
SELECT target_groups(ARRAY['lone_parent', 'nobody']);
SELECT target_groups(ARRAY['']);
SELECT target_groups(ARRAY['{lone_parent}']);
-- reading back
SELECT to_array('{local_2,lone_parent,teenage_parent}');
SELECT to_array('{}');
SELECT cardinality('{}'::target_groups), cardinality('{local_16,father}'::target_groups);
SELECT cardinality(target_groups(ARRAY(SELECT code FROM target_group)));
SELECT g FROM unnest(to_array('{child_in_need,looked_after}')) AS g;
-- set operators
SELECT '{lone_parent,father}'::target_groups @> '{lone_parent}' AS contains,
	'{lone_parent}'::target_groups @> '{lone_parent,father}' AS not_contains,
	'{lone_parent}'::target_groups @> '{}' AS contains_empty,
	'{}'::target_groups @> '{}' AS empty_contains_empty;
SELECT '{lone_parent}'::target_groups <@ '{lone_parent,father}' AS contained,
	'{lone_parent,local_16}'::target_groups <@ '{lone_parent,father}' AS not_contained,
	'{}'::target_groups <@ '{father}' AS empty_contained;
SELECT '{lone_parent,father}'::target_groups && '{father,local_1}' AS overlaps,
	'{lone_parent}'::target_groups && '{father}' AS disjoint,
	'{}'::target_groups && '{}' AS empty_overlaps;
SELECT '{lone_parent,father}'::target_groups | '{local_16,father}' AS union_,
	'{lone_parent,father}'::target_groups & '{local_16,father}' AS intersection,
	'{lone_parent,father}'::target_groups - '{local_16,father}' AS difference,
	'{father}'::target_groups - '{lone_parent,father}' AS difference_empty;
SELECT '{lone_parent,father}'::target_groups = '{FATHER,lone_parent}' AS eq,
	'{lone_parent}'::target_groups <> '{father}' AS ne,
	'{}'::target_groups = '{}' AS empty_eq;
-- sort order: members compared as lists in canonical order, {} first
SELECT g FROM unnest(ARRAY['{young_parent}', '{teenage_parent,young_parent}', '{}',
	'{local_16}', '{teenage_parent}', '{teenage_parent,local_16}', '{teenage_parent,pregnant_teenager}',
	'{father}', '{teenage_parent,young_parent,pregnant_teenager}']::target_groups[]) AS g
ORDER BY g;
SELECT '{}'::target_groups #<# '{teenage_parent}' AS lt, '{young_parent}'::target_groups #># '{teenage_parent,local_16}' AS gt,
	'{father}'::target_groups #<=# '{father}' AS le, '{father}'::target_groups #>=# '{local_1}' AS ge;
SELECT target_groups_cmp('{father}', '{father}') AS same, target_groups_cmp('{father}', '{lone_parent}') AS after,
	target_groups_cmp('{lone_parent}', '{lone_parent,father}') AS prefix;
-- btree and hash indexes over the 4096 sets of the first 12 groups; the
-- equality operator hashes and merges
CREATE TEMP TABLE sets (id int, g target_groups);
INSERT INTO sets SELECT i, target_groups(ARRAY(SELECT code FROM target_group
	WHERE display_order <= 12 AND (i >> (display_order - 1)) % 2 = 1))
FROM generate_series(0, 4095) AS i;
CREATE INDEX sets_btree ON sets (g);
CREATE INDEX sets_hash ON sets USING hash (g);
ANALYZE sets;
SET enable_seqscan = off;
SET enable_bitmapscan = off;
EXPLAIN (COSTS OFF) SELECT id FROM sets WHERE g = '{teenage_parent,local_1}';
DROP INDEX sets_hash;
EXPLAIN (COSTS OFF) SELECT count(*) FROM sets WHERE g #<# '{teenage_parent,young_parent}';
SELECT id FROM sets WHERE g = '{teenage_parent,father}';
SELECT count(*) FROM sets WHERE g #<# '{teenage_parent,young_parent}';
SELECT count(*) FROM sets WHERE g #>=# '{workless_by_status}';
SELECT count(*) FROM sets WHERE g #># '{workless_by_status}';
CREATE INDEX sets_hash ON sets USING hash (g);
SELECT id FROM sets WHERE g = '{teenage_parent,father}';
RESET enable_bitmapscan;
RESET enable_seqscan;
SELECT count(*) FROM sets WHERE g @> '{lone_parent,father}';
SELECT count(*) FROM sets WHERE g <@ '{teenage_parent,young_parent}';
SELECT count(*) FROM sets WHERE g && '{teenage_parent,young_parent}';
SET enable_mergejoin = off;
SET enable_nestloop = off;
EXPLAIN (COSTS OFF) SELECT count(*) AS pairs FROM sets AS a JOIN sets AS b ON a.g = b.g;
SELECT count(*) AS pairs FROM sets AS a JOIN sets AS b ON a.g = b.g;
RESET enable_mergejoin;
SET enable_hashjoin = off;
EXPLAIN (COSTS OFF) SELECT count(*) AS merge_pairs FROM sets AS a JOIN sets AS b ON a.g = b.g;
SELECT count(*) AS merge_pairs FROM sets AS a JOIN sets AS b ON a.g = b.g;
RESET enable_hashjoin;
RESET enable_nestloop;
SELECT count(*) AS distinct_sets FROM (SELECT DISTINCT g FROM sets) AS d;
SELECT count(*) AS groups FROM (SELECT g FROM sets GROUP BY g) AS d;
-- binary form: version byte, then the bit set as a big-endian int64
SELECT target_groups_send('{}'), target_groups_send('{teenage_parent,lone_parent,local_16}');
SELECT target_groups_hash('{father,lone_parent}') = target_groups_hash('{lone_parent,father}') AS hash_eq,
	target_groups_hash_extended('{father}', 0) <> target_groups_hash_extended('{father}', 1) AS seeded;
-- property checks: all pairs of the 128 sets of 7 groups chosen around the
-- 32-bit boundary, each operator against the same operation on the text[]
-- of the members (set equality of arrays: a @> b and a <@ b)
CREATE TEMP TABLE names AS
SELECT code, display_order AS pos FROM target_group;
CREATE TEMP TABLE small AS
SELECT i, g, to_array(g) AS arr,
	ARRAY(SELECT pos FROM names WHERE code = ANY (to_array(g)) ORDER BY pos) AS pos
FROM (SELECT i, target_groups(ARRAY(SELECT c FROM unnest(ARRAY['teenage_parent', 'young_parent',
	'two_year_funding', 'local_13', 'local_14', 'local_15', 'local_16'])
	WITH ORDINALITY AS u(c, k) WHERE (i >> (k::int - 1)) % 2 = 1)) AS g
	FROM generate_series(0, 127) AS i) AS s;
CREATE FUNCTION pg_temp.same(text[], text[]) RETURNS boolean LANGUAGE sql IMMUTABLE AS
$$ SELECT $1 @> $2 AND $1 <@ $2 $$;
SELECT count(*) AS pairs,
	count(*) FILTER (WHERE (a.g @> b.g) <> (a.arr @> b.arr)) AS contains_bad,
	count(*) FILTER (WHERE (a.g <@ b.g) <> (a.arr <@ b.arr)) AS contained_bad,
	count(*) FILTER (WHERE (a.g && b.g) <> (a.arr && b.arr)) AS overlaps_bad,
	count(*) FILTER (WHERE NOT pg_temp.same(to_array(a.g | b.g), a.arr || b.arr)) AS union_bad,
	count(*) FILTER (WHERE NOT pg_temp.same(to_array(a.g & b.g), ARRAY(SELECT unnest(a.arr) INTERSECT SELECT unnest(b.arr)))) AS intersect_bad,
	count(*) FILTER (WHERE NOT pg_temp.same(to_array(a.g - b.g), ARRAY(SELECT unnest(a.arr) EXCEPT SELECT unnest(b.arr)))) AS minus_bad,
	count(*) FILTER (WHERE (a.g = b.g) <> pg_temp.same(a.arr, b.arr) OR (a.g <> b.g) <> NOT pg_temp.same(a.arr, b.arr)) AS eq_bad,
	count(*) FILTER (WHERE sign(target_groups_cmp(a.g, b.g)) <> sign(btarraycmp(a.pos, b.pos))) AS order_bad,
	count(*) FILTER (WHERE (a.g #<# b.g) <> (a.pos < b.pos) OR (a.g #<=# b.g) <> (a.pos <= b.pos)
		OR (a.g #># b.g) <> (a.pos > b.pos) OR (a.g #>=# b.g) <> (a.pos >= b.pos)) AS ordering_ops_bad,
	count(*) FILTER (WHERE a.g = b.g AND (target_groups_hash(a.g) <> target_groups_hash(b.g)
		OR target_groups_hash_extended(a.g, 42) <> target_groups_hash_extended(b.g, 42))) AS hash_bad
FROM small AS a CROSS JOIN small AS b;
CREATE FUNCTION pg_temp.canonical(text[]) RETURNS text[] LANGUAGE sql IMMUTABLE AS
$$ SELECT coalesce(array_agg(code ORDER BY pos), '{}') FROM names WHERE code = ANY ($1) $$;
-- 100,000 random sets (fixed seed): text re-parses, to_array rebuilds,
-- cardinality counts, hashing agrees with equality
SELECT setseed(0.2013);
CREATE TEMP TABLE random_sets AS
SELECT r, target_groups(ARRAY(SELECT code FROM names WHERE random() < 0.2 AND r > 0)) AS g
FROM generate_series(1, 100000) AS r;
SELECT count(*) AS sets,
	count(*) FILTER (WHERE g::text::target_groups <> g) AS reparse_bad,
	count(*) FILTER (WHERE target_groups(to_array(g)) <> g) AS rebuild_bad,
	count(*) FILTER (WHERE to_array(g) <> pg_temp.canonical(to_array(g))) AS order_bad,
	count(*) FILTER (WHERE cardinality(g) <> cardinality(to_array(g))) AS cardinality_bad,
	count(*) FILTER (WHERE target_groups_send(g) <> target_groups_send(g::text::target_groups)) AS send_bad
FROM random_sets;
SELECT count(*) AS hash_bad FROM (
	SELECT g FROM random_sets GROUP BY g
	HAVING count(DISTINCT target_groups_hash(g)) <> 1 OR count(DISTINCT target_groups_hash_extended(g, 7)) <> 1) AS d;
SELECT (SELECT count(DISTINCT g) FROM random_sets) = (SELECT count(DISTINCT g::text) FROM random_sets) AS distinct_agrees;
-- text and binary COPY round trips
CREATE TEMP TABLE tg_in (id int, g target_groups);
INSERT INTO tg_in VALUES (1, '{}'), (2, '{lone_parent,teenage_parent}'), (3, NULL),
	(4, target_groups(ARRAY(SELECT code FROM target_group))), (5, '{local_16}');
\copy tg_in TO 'build/regress/results/target_groups.txt'
\copy tg_in TO 'build/regress/results/target_groups.bin' WITH (FORMAT binary)
CREATE TEMP TABLE tg_out (id int, g target_groups);
\copy tg_out FROM 'build/regress/results/target_groups.txt'
\copy tg_out FROM 'build/regress/results/target_groups.bin' WITH (FORMAT binary)
SELECT id, count(*) AS copies, count(DISTINCT g) AS distinct_values,
	bool_and(g IS NOT DISTINCT FROM (SELECT g FROM tg_in WHERE tg_in.id = tg_out.id)) AS same
FROM tg_out GROUP BY id ORDER BY id;
-- hand-made binary files: signature, flags, header extension, one 1-field
-- tuple (field length, version byte, int64 bits), trailer
\! printf 'PGCOPY\n\377\r\n\000\000\000\000\000\000\000\000\000\000\001\000\000\000\011\001\000\000\000\004\000\000\000\011\377\377' > build/regress/results/tg_ok.bin
\! printf 'PGCOPY\n\377\r\n\000\000\000\000\000\000\000\000\000\000\001\000\000\000\011\002\000\000\000\000\000\000\000\001\377\377' > build/regress/results/tg_version.bin
\! printf 'PGCOPY\n\377\r\n\000\000\000\000\000\000\000\000\000\000\001\000\000\000\011\001\000\000\000\010\000\000\000\000\377\377' > build/regress/results/tg_bit35.bin
\! printf 'PGCOPY\n\377\r\n\000\000\000\000\000\000\000\000\000\000\001\000\000\000\011\001\200\000\000\000\000\000\000\001\377\377' > build/regress/results/tg_sign.bin
\! printf 'PGCOPY\n\377\r\n\000\000\000\000\000\000\000\000\000\000\001\000\000\000\005\001\000\000\000\001\377\377' > build/regress/results/tg_short.bin
\! printf 'PGCOPY\n\377\r\n\000\000\000\000\000\000\000\000\000\000\001\000\000\000\012\001\000\000\000\000\000\000\000\001\000\377\377' > build/regress/results/tg_long.bin
\! printf 'PGCOPY\n\377\r\n\000\000\000\000\000\000\000\000\000\000\001\000\000\000\000\377\377' > build/regress/results/tg_empty.bin
CREATE TEMP TABLE tg_bin (g target_groups);
\copy tg_bin FROM 'build/regress/results/tg_ok.bin' WITH (FORMAT binary)
SELECT g FROM tg_bin;
\copy tg_bin FROM 'build/regress/results/tg_version.bin' WITH (FORMAT binary)
\copy tg_bin FROM 'build/regress/results/tg_bit35.bin' WITH (FORMAT binary)
\copy tg_bin FROM 'build/regress/results/tg_sign.bin' WITH (FORMAT binary)
\copy tg_bin FROM 'build/regress/results/tg_short.bin' WITH (FORMAT binary)
\copy tg_bin FROM 'build/regress/results/tg_long.bin' WITH (FORMAT binary)
\copy tg_bin FROM 'build/regress/results/tg_empty.bin' WITH (FORMAT binary)
SELECT count(*) AS rows_after_bad_files FROM tg_bin;
-- text COPY of a bad value names it
\! printf '{lone_parent}\n{nobody}\n' > build/regress/results/tg_bad.txt
\copy tg_bin FROM 'build/regress/results/tg_bad.txt'
