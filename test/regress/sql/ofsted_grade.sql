-- ofsted_grade: input spellings, output, ordering, casts, operators, errors
SET search_path = surestart, public;
-- every accepted spelling
SELECT v, v::ofsted_grade AS grade, v::ofsted_grade::integer AS n
FROM unnest(ARRAY['Outstanding', 'outstanding', 'OUTSTANDING', ' Good ', 'good',
	'Requires improvement', 'requires   IMPROVEMENT', 'RI', 'ri', 'Satisfactory',
	'satisfactory', 'Inadequate', E'\tinadequate\n', '1', '2', '3', '4', ' 3 ']) AS v;
-- rejected spellings, each with the value and the expected forms
SELECT ''::ofsted_grade;
SELECT '   '::ofsted_grade;
SELECT '0'::ofsted_grade;
SELECT '5'::ofsted_grade;
SELECT '-1'::ofsted_grade;
SELECT '01'::ofsted_grade;
SELECT '1.0'::ofsted_grade;
SELECT 'Excellent'::ofsted_grade;
SELECT 'Good!'::ofsted_grade;
SELECT 'Requiresimprovement'::ofsted_grade;
SELECT 'Requires-improvement'::ofsted_grade;
SELECT 'R I'::ofsted_grade;
SELECT 'Good Good'::ofsted_grade;
SELECT 'requires improvement requires improvement requires improvement'::ofsted_grade;
-- output is canonical and re-parses to the same grade
SELECT g, g::text::ofsted_grade = g AS round_trip
FROM unnest(ARRAY['1', '2', '3', '4']::ofsted_grade[]) AS g;
-- ordering: smaller is better
SELECT 'Outstanding'::ofsted_grade < 'Good' AS better, 'Inadequate'::ofsted_grade > 'RI' AS worse,
	'Good'::ofsted_grade <= 'good' AS le, 'Good'::ofsted_grade >= '2' AS ge,
	'RI'::ofsted_grade = 'Satisfactory' AS eq, 'RI'::ofsted_grade <> 'Good' AS ne;
SELECT array_agg(g ORDER BY g) AS best_first, array_agg(g ORDER BY g DESC) AS worst_first
FROM unnest(ARRAY['Good', 'Inadequate', 'Outstanding', 'RI']::ofsted_grade[]) AS g;
-- casts from integer
SELECT 1::ofsted_grade, 4::ofsted_grade;
SELECT 0::ofsted_grade;
SELECT 5::ofsted_grade;
SELECT (-2147483648)::ofsted_grade;
-- NULL stays NULL
SELECT NULL::ofsted_grade IS NULL AS is_null, NULL::ofsted_grade::integer IS NULL AS int_null;
-- btree and hash indexes, and hashing agrees with equality
CREATE TEMP TABLE grades (g ofsted_grade);
INSERT INTO grades SELECT (1 + i % 4)::ofsted_grade FROM generate_series(1, 1000) AS i;
CREATE INDEX grades_btree ON grades (g);
CREATE INDEX grades_hash ON grades USING hash (g);
SET enable_seqscan = off;
SELECT count(*) FROM grades WHERE g = 'Good';
SELECT count(*) FROM grades WHERE g < 'RI';
RESET enable_seqscan;
SELECT g, count(*) FROM grades GROUP BY g ORDER BY g;
SELECT ofsted_grade_hash('RI') = ofsted_grade_hash('Satisfactory') AS hash_eq,
	ofsted_grade_hash_extended('Good', 0) <> ofsted_grade_hash_extended('Good', 1) AS seeded;
-- binary form: version byte then grade byte (bad bytes: see copy_binary)
SELECT ofsted_grade_send('Inadequate');
