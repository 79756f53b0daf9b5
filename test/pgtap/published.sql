-- pgTAP: published_* views never show a count from 1 to suppress_below - 1,
-- nor anything worked out from one; every count column of every published
-- view is checked, found through the catalog.
BEGIN;
SET LOCAL jit = off;
SELECT plan(13);
\i test/fixtures/synthetic.sql
SELECT count(*) AS periods_stored FROM surestart.take_snapshot('2014-03-31') \gset

-- The integer and bigint columns of the published views: all counts of people
-- (under_fives, ONS's published estimate, is not withheld: doc/disclosure.md).
CREATE TEMP VIEW count_column AS
	SELECT c.relname::text AS view, a.attname::text AS col
	FROM pg_class AS c JOIN pg_attribute AS a ON a.attrelid = c.oid
	WHERE c.relnamespace = 'surestart'::regnamespace AND c.relkind = 'v' AND c.relname LIKE 'published\_%'
	  AND a.attnum > 0 AND a.atttypid IN ('integer'::regtype, 'bigint'::regtype) AND a.attname <> 'under_fives';

-- Small counts shown (suppress_below read now), and counts suppressed, over every count column.
CREATE FUNCTION pg_temp.small_counts_shown() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
	k integer := (SELECT value::integer FROM surestart.setting WHERE name = 'suppress_below');
	cc record;
	n bigint;
	total bigint := 0;
BEGIN
	FOR cc IN SELECT * FROM count_column LOOP
		EXECUTE format('SELECT count(*) FROM surestart.%I WHERE %I BETWEEN 1 AND $1 - 1', cc.view, cc.col) INTO n USING k;
		total := total + n;
	END LOOP;
	RETURN total;
END
$$;
CREATE FUNCTION pg_temp.nulls_in(view text, col text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
	n bigint;
BEGIN
	EXECUTE format('SELECT count(*) FROM surestart.%I WHERE %I IS NULL', view, col) INTO n;
	RETURN n;
END
$$;

SELECT cmp_ok((SELECT count(*) FROM count_column), '>=', 25::bigint, 'the published views have their count columns');
SELECT set_eq($$SELECT DISTINCT view FROM count_column$$,
	$$SELECT c.relname::text FROM pg_class AS c
	  WHERE c.relnamespace = 'surestart'::regnamespace AND c.relkind = 'v' AND c.relname LIKE 'published\_%'
	    AND c.relname <> 'published_data_pack'$$,
	'every published view but the data pack (percentages only) has count columns');
SELECT is(pg_temp.small_counts_shown(), 0::bigint, 'no published count is from 1 to suppress_below - 1 (5)');
SELECT cmp_ok((SELECT sum(pg_temp.nulls_in(view, col)) FROM count_column), '>', 0::numeric,
	'the fixture''s small counts were suppressed (the check is not vacuous)');
SELECT is_empty($$
	SELECT 1 FROM surestart.published_centre_reach
	WHERE (registered IS NULL AND (registered_pct IS NOT NULL OR registered_words IS NOT NULL))
	   OR (seen IS NULL AND (seen_pct IS NOT NULL OR seen_words IS NOT NULL))
	   OR (sustained IS NULL AND sustained_pct IS NOT NULL)
	   OR (under_fives IS NULL AND (registered_pct IS NOT NULL OR seen_pct IS NOT NULL)) $$,
	'published_centre_reach: a percentage or word is never shown beside a suppressed count');
SELECT is_empty($$
	SELECT 1 FROM surestart.published_target_group_coverage
	WHERE ((any_contact IS NULL OR families IS NULL) AND (any_contact_pct IS NOT NULL OR any_contact_words IS NOT NULL))
	   OR ((sustained IS NULL OR families IS NULL) AND sustained_pct IS NOT NULL) $$,
	'published_target_group_coverage: a percentage or word is never shown beside a suppressed count');
SELECT is_empty($$
	SELECT 1 FROM surestart.published_centre_reach AS p
	JOIN surestart.centre_reach AS r USING (centre_id, period)
	WHERE (p.suppressed IS NOT DISTINCT FROM 'primary')
		  <> (r.registered BETWEEN 1 AND 4 OR r.seen BETWEEN 1 AND 4 OR r.sustained BETWEEN 1 AND 4
			  OR r.families_seen BETWEEN 1 AND 4 OR r.families_sustained BETWEEN 1 AND 4)
	   OR p.suppressed NOT IN ('primary', 'secondary')
	   OR (p.suppressed IS NOT NULL) <> (num_nulls(p.registered, p.seen, p.sustained, p.families_seen, p.families_sustained) > 0)
	   OR (p.suppressed IS NULL AND (p.registered, p.seen, p.sustained, p.registered_pct)
			IS DISTINCT FROM (r.registered, r.seen, r.sustained, r.registered_pct)) $$,
	'suppressed says why a row lost a value (primary when one of its counts is small, else secondary), and rows without one are centre_reach''s');
SELECT is_empty($$
	SELECT 1 FROM surestart.published_data_pack AS p
	JOIN surestart.data_pack AS d USING (level, unit_id, period, measure)
	WHERE p.value IS DISTINCT FROM CASE WHEN p.suppressed IS NOT NULL THEN NULL ELSE d.value END
	   OR p.county_min < (SELECT min(value) FROM surestart.published_data_pack AS q
						  WHERE q.period = p.period AND q.measure = p.measure AND q.level = p.level) $$,
	'published_data_pack: values are the data pack''s unless suppressed, and the range is over values shown');
SELECT ok((SELECT bool_or(suppressed IS NOT NULL) FROM surestart.published_data_pack), 'the data pack suppressed some values');
SELECT results_eq($$
	SELECT centre_id, period, suppressed, registered, seen, sustained FROM surestart.published_reach_trend ORDER BY 1, 2 $$,
	$$ SELECT centre_id, period, suppressed, registered, seen, sustained
	   FROM surestart.published_centre_reach WHERE period IN ('2013-14 Q4', '2013-14') ORDER BY 1, 2 $$,
	'published_reach_trend holds the stored periods as published_centre_reach shows them (snapshots of the current figures)');

UPDATE surestart.setting SET value = '2' WHERE name = 'suppress_below';
SELECT is(pg_temp.small_counts_shown(), 0::bigint, 'with suppress_below 2, no published count is 1');
SELECT cmp_ok((SELECT count(*) FROM surestart_internal.published_status WHERE published BETWEEN 2 AND 4), '>', 0::bigint,
	'with suppress_below 2, counts from 2 are published (here at group, district and county level)');

-- a reader reads them with SELECT on the published views only
GRANT SELECT ON count_column TO PUBLIC;
SELECT surestart.create_roles();
CREATE ROLE t_bi LOGIN IN ROLE surestart_reader;
SET ROLE t_bi;
SELECT is(pg_temp.small_counts_shown(), 0::bigint, 'a BI reader reads every published view, and no count is 1');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
