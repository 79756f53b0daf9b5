-- The coverage type: text input and output (canonical form, strict parsing,
-- consistency checks), equality, the readers coverage_rows, coverage_totals
-- and coverage_threshold, and binary send/recv through COPY, including
-- hand-made corrupt and truncated values.
SET search_path = surestart, public;
-- canonical output: fixed key order, groups in canonical order, zero groups dropped
SELECT '{"threshold":3,"all":[5,3,2],"national":[2,1,1],"teenage_parent":[1,1,1],"lone_parent":[2,1,1],"local_3":[3,1,1]}'::coverage;
SELECT ' { "local_3" : [ 3 , 1 , 1 ] ,
	"LONE_Parent":[2,1,1], "national":[2,1,1], "father":[0,0,0], "teenage_parent":[1,1,1],
	"all":[5,3,2],"threshold":3 } '::coverage;
SELECT '{"threshold":3,"all":[0,0,0],"national":[0,0,0]}'::coverage AS empty;
SELECT '{"threshold":1,"all":[9223372036854775807,9223372036854775807,9223372036854775807],"national":[0,0,0],"local_16":[9223372036854775807,1,0]}'::coverage AS largest;
SELECT '{"threshold":2147483647,"all":[7,0,0],"national":[7,0,0],"two_year_funding":[7,0,0]}'::coverage AS highest_threshold;
-- the text form is JSON: it casts to jsonb
SELECT '{"threshold":3,"all":[5,3,2],"national":[2,1,1],"lone_parent":[2,1,1]}'::coverage::text::jsonb -> 'lone_parent' AS lone_parent;
-- output re-parses to the same value
SELECT c::text::coverage = c AS round_trip, c::text = c::text::coverage::text AS same_text
FROM (SELECT '{"threshold":4,"all":[10,6,3],"national":[4,3,2],"young_parent":[3,2,1],"father":[2,2,2],"local_1":[5,1,0]}'::coverage AS c) AS v;
-- equality: threshold and every count
SELECT a = b AS eq, a <> b AS ne
FROM (VALUES
	('{"threshold":3,"all":[1,1,0],"national":[0,0,0]}'::coverage, '{"threshold":3,"all":[1,1,0],"national":[0,0,0]}'::coverage),
	('{"threshold":3,"all":[1,1,0],"national":[0,0,0]}', '{"threshold":4,"all":[1,1,0],"national":[0,0,0]}'),
	('{"threshold":3,"all":[1,1,0],"national":[0,0,0]}', '{"threshold":3,"all":[1,0,0],"national":[0,0,0]}'),
	('{"threshold":3,"all":[1,1,0],"national":[0,0,0],"local_1":[1,1,0]}', '{"threshold":3,"all":[1,1,0],"national":[0,0,0],"local_2":[1,1,0]}')
) AS v(a, b);
-- readers
SELECT coverage_threshold('{"threshold":5,"all":[0,0,0],"national":[0,0,0]}');
SELECT * FROM coverage_rows('{"threshold":3,"all":[5,3,2],"national":[2,1,1],"teenage_parent":[1,1,1],"lone_parent":[2,1,1],"local_3":[3,1,1]}');
SELECT * FROM coverage_rows('{"threshold":3,"all":[4,0,0],"national":[0,0,0]}');
SELECT * FROM coverage_totals('{"threshold":3,"all":[5,3,2],"national":[2,1,1],"teenage_parent":[1,1,1],"lone_parent":[2,1,1],"local_3":[3,1,1]}');
SELECT * FROM coverage_totals('{"threshold":3,"all":[0,0,0],"national":[0,0,0]}');
SELECT t.*, percent(t.any_contact) AS any_pct, percent(t.reached_in_national_group) AS vulnerable_pct
FROM coverage_totals('{"threshold":3,"all":[100,50,20],"national":[26,13,4],"lone_parent":[20,10,3],"father":[10,5,2]}') AS t;
SELECT (SELECT count(*) FROM coverage_rows(NULL)) AS null_rows, coverage_totals(NULL) IS NULL AS null_totals, coverage_threshold(NULL) IS NULL AS null_threshold;
-- bad literals: syntax (22P02)
SELECT ''::coverage;
SELECT 'threshold=3'::coverage;
SELECT '{}'::coverage;
SELECT '{"threshold":3,"all":[0,0,0]}'::coverage;
SELECT '{"all":[0,0,0],"national":[0,0,0]}'::coverage;
SELECT '{"threshold":3,"threshold":3,"all":[0,0,0],"national":[0,0,0]}'::coverage;
SELECT '{"threshold":3,"all":[1,1,1],"national":[0,0,0],"local_1":[1,1,1],"LOCAL_1":[1,1,1]}'::coverage;
SELECT '{"threshold":3,"all":[0,0,0],"national":[0,0,0],"lone_parents":[0,0,0]}'::coverage;
SELECT '{"threshold":3,"all":[0,0],"national":[0,0,0]}'::coverage;
SELECT '{"threshold":3,"all":[0,0,0,0],"national":[0,0,0]}'::coverage;
SELECT '{"threshold":3,"all":[1.5,0,0],"national":[0,0,0]}'::coverage;
SELECT '{"threshold":3,"all":[01,0,0],"national":[0,0,0]}'::coverage;
SELECT '{"threshold":3,"all":[0,0,0],"national":[0,0,0]} x'::coverage;
SELECT '{"threshold":3,"all":[0,0,0],"national":[0,0,0],}'::coverage;
SELECT '{"threshold":3 "all":[0,0,0],"national":[0,0,0]}'::coverage;
SELECT '{threshold:3,all:[0,0,0],national:[0,0,0]}'::coverage;
SELECT '{"thres\"hold":3,"all":[0,0,0],"national":[0,0,0]}'::coverage;
SELECT '{"threshold":"3","all":[0,0,0],"national":[0,0,0]}'::coverage;
SELECT '{"threshold":3,"all":[0,0,0],"national":[0,0,0]'::coverage;
-- out of range (22003)
SELECT '{"threshold":3,"all":[-1,0,0],"national":[0,0,0]}'::coverage;
SELECT '{"threshold":3,"all":[9223372036854775808,0,0],"national":[0,0,0]}'::coverage;
-- well-formed but impossible (22023)
SELECT '{"threshold":0,"all":[0,0,0],"national":[0,0,0]}'::coverage;
SELECT '{"threshold":2147483648,"all":[0,0,0],"national":[0,0,0]}'::coverage;
SELECT '{"threshold":3,"all":[5,3,4],"national":[0,0,0]}'::coverage;
SELECT '{"threshold":3,"all":[5,6,4],"national":[0,0,0]}'::coverage;
SELECT '{"threshold":3,"all":[5,3,2],"national":[6,1,1],"father":[6,1,1]}'::coverage;
SELECT '{"threshold":3,"all":[5,5,0],"national":[1,0,0],"father":[1,0,0]}'::coverage;
SELECT '{"threshold":3,"all":[5,3,2],"national":[1,1,1],"father":[2,1,1]}'::coverage;
SELECT '{"threshold":3,"all":[5,3,2],"national":[0,0,0],"local_2":[6,1,1]}'::coverage;
SELECT '{"threshold":3,"all":[5,3,2],"national":[0,0,0],"local_2":[0,1,0]}'::coverage;
SELECT '{"threshold":3,"all":[5,3,2],"national":[3,2,1],"father":[1,1,1]}'::coverage;
-- binary: round trip through COPY, send bytes
SELECT coverage_send('{"threshold":3,"all":[5,3,2],"national":[2,1,1],"lone_parent":[2,1,1]}');
SELECT length(coverage_send('{"threshold":3,"all":[0,0,0],"national":[0,0,0]}')) AS empty_bytes;
CREATE TEMP TABLE cov_in (id int, c coverage);
INSERT INTO cov_in VALUES
	(1, '{"threshold":3,"all":[5,3,2],"national":[2,1,1],"teenage_parent":[1,1,1],"lone_parent":[2,1,1],"local_3":[3,1,1]}'),
	(2, '{"threshold":3,"all":[0,0,0],"national":[0,0,0]}'),
	(3, '{"threshold":1,"all":[9223372036854775807,9223372036854775807,9223372036854775807],"national":[0,0,0],"local_16":[9223372036854775807,1,0]}'),
	(4, NULL);
\copy cov_in TO 'build/regress/results/coverage_out.bin' WITH (FORMAT binary)
CREATE TEMP TABLE cov_out (id int, c coverage);
\copy cov_out FROM 'build/regress/results/coverage_out.bin' WITH (FORMAT binary)
SELECT i.id, o.c IS NOT DISTINCT FROM i.c AS same, o.c::text IS NOT DISTINCT FROM i.c::text AS same_text
FROM cov_in AS i JOIN cov_out AS o USING (id) ORDER BY i.id;
\copy cov_in TO 'build/regress/results/coverage_out.txt'
TRUNCATE cov_out;
\copy cov_out FROM 'build/regress/results/coverage_out.txt'
SELECT count(*) AS text_round_trip_same FROM cov_in AS i JOIN cov_out AS o USING (id) WHERE o.c IS NOT DISTINCT FROM i.c;
-- hand-made binary files: signature, flags, header extension, one 1-field
-- tuple, trailer.  ok: threshold 3, all [5,3,2], national [2,1,1],
-- lone_parent [2,1,1]; the others corrupt it (22P03 each).
\! printf '\120\107\103\117\120\131\012\377\015\012\000\000\000\000\000\000\000\000\000\000\001\000\000\000\125\001\000\000\000\003\000\000\000\000\000\000\000\005\000\000\000\000\000\000\000\003\000\000\000\000\000\000\000\002\000\000\000\000\000\000\000\002\000\000\000\000\000\000\000\001\000\000\000\000\000\000\000\001\000\000\000\000\000\000\000\010\000\000\000\000\000\000\000\002\000\000\000\000\000\000\000\001\000\000\000\000\000\000\000\001\377\377' > build/regress/results/coverage_ok.bin
\! printf '\120\107\103\117\120\131\012\377\015\012\000\000\000\000\000\000\000\000\000\000\001\000\000\000\125\002\000\000\000\003\000\000\000\000\000\000\000\005\000\000\000\000\000\000\000\003\000\000\000\000\000\000\000\002\000\000\000\000\000\000\000\002\000\000\000\000\000\000\000\001\000\000\000\000\000\000\000\001\000\000\000\000\000\000\000\010\000\000\000\000\000\000\000\002\000\000\000\000\000\000\000\001\000\000\000\000\000\000\000\001\377\377' > build/regress/results/coverage_version.bin
\! printf '\120\107\103\117\120\131\012\377\015\012\000\000\000\000\000\000\000\000\000\000\001\000\000\000\050\001\000\000\000\003\000\000\000\000\000\000\000\005\000\000\000\000\000\000\000\003\000\000\000\000\000\000\000\002\000\000\000\000\000\000\000\002\000\000\000\377\377' > build/regress/results/coverage_short.bin
\! printf '\120\107\103\117\120\131\012\377\015\012\000\000\000\000\000\000\000\000\000\000\001\000\000\000\126\001\000\000\000\003\000\000\000\000\000\000\000\005\000\000\000\000\000\000\000\003\000\000\000\000\000\000\000\002\000\000\000\000\000\000\000\002\000\000\000\000\000\000\000\001\000\000\000\000\000\000\000\001\000\000\000\000\000\000\000\010\000\000\000\000\000\000\000\002\000\000\000\000\000\000\000\001\000\000\000\000\000\000\000\001\000\377\377' > build/regress/results/coverage_long.bin
\! printf '\120\107\103\117\120\131\012\377\015\012\000\000\000\000\000\000\000\000\000\000\001\000\000\000\125\001\000\000\000\003\000\000\000\000\000\000\000\005\000\000\000\000\000\000\000\003\000\000\000\000\000\000\000\002\000\000\000\000\000\000\000\002\000\000\000\000\000\000\000\001\000\000\000\000\000\000\000\001\000\000\001\000\000\000\000\010\000\000\000\000\000\000\000\002\000\000\000\000\000\000\000\001\000\000\000\000\000\000\000\001\377\377' > build/regress/results/coverage_mask.bin
\! printf '\120\107\103\117\120\131\012\377\015\012\000\000\000\000\000\000\000\000\000\000\001\000\000\000\125\001\000\000\000\000\000\000\000\000\000\000\000\005\000\000\000\000\000\000\000\003\000\000\000\000\000\000\000\002\000\000\000\000\000\000\000\002\000\000\000\000\000\000\000\001\000\000\000\000\000\000\000\001\000\000\000\000\000\000\000\010\000\000\000\000\000\000\000\002\000\000\000\000\000\000\000\001\000\000\000\000\000\000\000\001\377\377' > build/regress/results/coverage_threshold.bin
\! printf '\120\107\103\117\120\131\012\377\015\012\000\000\000\000\000\000\000\000\000\000\001\000\000\000\125\001\000\000\000\003\000\000\000\000\000\000\000\005\000\000\000\000\000\000\000\003\000\000\000\000\000\000\000\002\000\000\000\000\000\000\000\002\000\000\000\000\000\000\000\001\000\000\000\000\000\000\000\001\000\000\000\000\000\000\000\010\000\000\000\000\000\000\000\002\000\000\000\000\000\000\000\001\000\000\000\000\000\000\000\002\377\377' > build/regress/results/coverage_order.bin
\! printf '\120\107\103\117\120\131\012\377\015\012\000\000\000\000\000\000\000\000\000\000\001\000\000\000\125\001\000\000\000\003\000\000\000\000\000\000\000\005\000\000\000\000\000\000\000\003\000\000\000\000\000\000\000\002\000\000\000\000\000\000\000\002\000\000\000\000\000\000\000\001\000\000\000\000\000\000\000\001\000\000\000\000\000\020\000\010\000\000\000\000\000\000\000\002\000\000\000\000\000\000\000\001\000\000\000\000\000\000\000\001\377\377' > build/regress/results/coverage_missing.bin
\! printf '\120\107\103\117\120\131\012\377\015\012\000\000\000\000\000\000\000\000\000\000\001\000\000\000\125\001\000\000\000\003\000\000\000\000\000\000\000\001\000\000\000\000\000\000\000\001\000\000\000\000\000\000\000\001\000\000\000\000\000\000\000\002\000\000\000\000\000\000\000\001\000\000\000\000\000\000\000\001\000\000\000\000\000\000\000\010\000\000\000\000\000\000\000\002\000\000\000\000\000\000\000\001\000\000\000\000\000\000\000\001\377\377' > build/regress/results/coverage_national.bin
\! printf '\120\107\103\117\120\131\012\377\015\012\000\000\000\000\000\000\000\000\000\000\001\000\000\000\000\377\377' > build/regress/results/coverage_empty.bin
CREATE TEMP TABLE cov_bin (c coverage);
\copy cov_bin FROM 'build/regress/results/coverage_ok.bin' WITH (FORMAT binary)
SELECT c FROM cov_bin;
-- wrong version byte
\copy cov_bin FROM 'build/regress/results/coverage_version.bin' WITH (FORMAT binary)
-- truncated after 40 bytes
\copy cov_bin FROM 'build/regress/results/coverage_short.bin' WITH (FORMAT binary)
-- one byte too many
\copy cov_bin FROM 'build/regress/results/coverage_long.bin' WITH (FORMAT binary)
-- a mask bit beyond the 35 groups
\copy cov_bin FROM 'build/regress/results/coverage_mask.bin' WITH (FORMAT binary)
-- threshold 0
\copy cov_bin FROM 'build/regress/results/coverage_threshold.bin' WITH (FORMAT binary)
-- a group with sustained above any_contact
\copy cov_bin FROM 'build/regress/results/coverage_order.bin' WITH (FORMAT binary)
-- the mask names two groups, the bytes hold one
\copy cov_bin FROM 'build/regress/results/coverage_missing.bin' WITH (FORMAT binary)
-- national above all
\copy cov_bin FROM 'build/regress/results/coverage_national.bin' WITH (FORMAT binary)
-- an empty field
\copy cov_bin FROM 'build/regress/results/coverage_empty.bin' WITH (FORMAT binary)
SELECT count(*) AS rows_loaded FROM cov_bin;
