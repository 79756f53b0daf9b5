-- pgTAP: the disclosure layer past a council's size.  Secondary suppression
-- works out blocks of up to disclosure_max_cells() cells; a larger block
-- (a whole country in one database) is withheld as pending, never
-- published unchecked and never an error that would fail refresh().
BEGIN;
SELECT plan(9);

SELECT is(surestart_internal.disclosure_max_cells(), 20000, 'blocks of up to 20,000 cells are worked out');

-- a block one cell too large: a total of 20,000 parts, every tenth small
CREATE TEMP TABLE big_block AS
SELECT array_prepend(sum(v) OVER ()::bigint, array_agg(v) OVER ()) AS value
FROM (SELECT CASE WHEN i % 10 = 0 THEN 3 ELSE 40 END::bigint AS v FROM generate_series(1, 20000) AS i) AS p
LIMIT 1;
CREATE TEMP TABLE big_status AS
SELECT u.status, u.n
FROM big_block AS b
CROSS JOIN LATERAL unnest(surestart_internal.secondary_suppression(
	b.value, array_fill(true, ARRAY[20001]), ARRAY(SELECT x BETWEEN 1 AND 4 FROM unnest(b.value) AS x),
	array_fill(1, ARRAY[20001]), ARRAY(SELECT generate_series(1, 20001)), array_prepend(-1, array_fill(1, ARRAY[20000]))))
	WITH ORDINALITY AS u(status, n);
SELECT is((SELECT count(*) FROM big_status), 20001::bigint, 'a block of 20,001 cells gets a status per cell');
SELECT is((SELECT count(*) FROM big_status WHERE status = 'primary'), 2000::bigint, 'its small counts are withheld as primary');
SELECT is((SELECT count(*) FROM big_status WHERE status = 'pending'), 18001::bigint,
	'and every other count as pending: it is not worked out, so nothing is published unchecked');
SELECT is((SELECT count(*) FROM big_status WHERE status IS NULL), 0::bigint, 'no count of it is published');

-- protect_period: a stored period with more LSOAs than a children's block
-- can hold (three cells each) is withheld as pending without building it
INSERT INTO surestart_internal.figure_period (period, kind, period_start, period_end, sustained_contacts, computed_at)
VALUES ('2013-14 Q1', 'quarter', '2013-04-01', '2013-06-30', 3, now());
INSERT INTO surestart_internal.lsoa_figure (period, lsoa_code, centre_id, under_fives, registered, seen, sustained,
	families_registered, families_seen, families_sustained, contacts, family_contacts, coverage,
	vulnerable_families, vulnerable_seen, vulnerable_sustained)
SELECT '2013-14 Q1', 'X' || lpad(i::text, 8, '0'), 'C1', 100, 40, 30, 2, 30, 25, 2, 60, 50, NULL, 10, 8, 1
FROM generate_series(1, 6667) AS i;
SELECT is((SELECT count(*) FROM surestart_internal.published_period WHERE period = '2013-14 Q1'), 1::bigint,
	'storing the figures protected the period (the trigger on lsoa_figure)');
SELECT is((SELECT count(*) FROM surestart_internal.published_cell WHERE period = '2013-14 Q1'), 0::bigint,
	'6,667 LSOAs are past the limit: no cell is worked out or stored');
SELECT is(surestart_internal.protect_period('2013-14 Q1'), 0, 'protect_period says nothing was worked out');
SELECT is((SELECT count(*) FROM surestart_internal.published_status WHERE period = '2013-14 Q1'), 0::bigint,
	'so the published views find no current status for these counts and withhold them as pending');

SELECT * FROM finish();
ROLLBACK;
