-- pgTAP: a user with CREATE on schema public plants look-alike functions,
-- operators and an aggregate there (contrib/seg's security test is the
-- pattern).  With search_path = public, pg_catalog, every view, the key
-- functions, the triggers and create_roles() must return what they returned
-- before, and no planted code may run, for a superuser or for a partner.
-- Each planted object records its call (and the user it ran as) in
-- public.hijack_log; the log must stay empty.
BEGIN;
SELECT plan(7);
\i test/fixtures/synthetic.sql
SELECT surestart.create_roles();
CREATE ROLE t_partner LOGIN IN ROLE surestart_partner;
INSERT INTO surestart.partner_member VALUES ('t_partner', 'LP1');

-- Digests of every view and the results of the key functions.  Written with
-- qualified names and operators throughout, since it also runs under the
-- hostile search_path (and the C functions' own queries then see it).
CREATE FUNCTION pg_temp.snapshot() RETURNS TABLE (name text, result text) LANGUAGE plpgsql AS $$
DECLARE
	rel record;
BEGIN
	FOR rel IN
		SELECT c.oid::regclass AS oid, c.relname::text AS relname FROM pg_catalog.pg_class AS c
		WHERE c.relnamespace OPERATOR(pg_catalog.=) 'surestart'::regnamespace
		  AND c.relkind OPERATOR(pg_catalog.=) 'v'::"char"
		ORDER BY c.relname
	LOOP
		name := rel.relname;
		EXECUTE pg_catalog.format('SELECT pg_catalog.md5(pg_catalog.string_agg(t::text, E''\n'' ORDER BY t::text)) FROM %s AS t', rel.oid)
			INTO result;
		RETURN NEXT;
	END LOOP;
	RETURN QUERY SELECT f.name, f.result FROM (VALUES
		('percent', surestart.percent(surestart.proportion(1::bigint, 3::bigint))::text),
		('ofsted_words', surestart.ofsted_words(surestart.proportion(2::bigint, 3::bigint))),
		('ofsted_words_numeric', surestart.ofsted_words(0.5::numeric)),
		('age_on', surestart.age_on('2012-02-29'::date, '2016-02-28'::date)::text),
		('funded_from', surestart.funded_from('2012-02-29'::date)::text),
		('financial_quarter', surestart.financial_quarter('2014-01-15'::date)),
		('next_inspection_due', surestart.next_inspection_due('2013-05-01'::date, 'Requires improvement'::surestart.ofsted_grade)::text),
		('support_level', surestart.support_level(ARRAY['Good', 'Inadequate']::surestart.ofsted_grade[], 'amber', 'green')::text),
		('quartile_of', surestart.quartile_of(3::bigint, 10::bigint)::text),
		('target_groups', surestart.target_groups(ARRAY['lone_parent', 'father']::text[])::text),
		('contact_reach', (SELECT surestart.contact_reach(k.child_id)::text FROM surestart.contact AS k)),
		('reporting_periods', (SELECT pg_catalog.string_agg(p::text, ',' ORDER BY p::text) FROM surestart.reporting_periods() AS p)),
		('partner_restricted', surestart.partner_restricted()::text)) AS f(name, result);
END
$$;
CREATE TEMP TABLE before_hijack AS SELECT * FROM pg_temp.snapshot();

-- ---------------------------------------------------------------- the planting
CREATE ROLE t_evil LOGIN;
GRANT CREATE ON SCHEMA public TO t_evil;
SET ROLE t_evil;
CREATE TABLE public.hijack_log (what text, ran_as name);
GRANT ALL ON public.hijack_log TO PUBLIC;
CREATE FUNCTION public.note(what text) RETURNS void LANGUAGE sql AS
	$$INSERT INTO public.hijack_log VALUES (what, current_user)$$;
CREATE FUNCTION public.evil_eq(text, text) RETURNS boolean LANGUAGE sql AS
	$$SELECT public.note('text = text'); SELECT $1 OPERATOR(pg_catalog.<>) $2$$;
CREATE OPERATOR public.= (LEFTARG = text, RIGHTARG = text, FUNCTION = public.evil_eq);
CREATE FUNCTION public.evil_name_eq(name, text) RETURNS boolean LANGUAGE sql AS
	$$SELECT public.note('name = text'); SELECT true$$;
CREATE OPERATOR public.= (LEFTARG = name, RIGHTARG = text, FUNCTION = public.evil_name_eq);
CREATE FUNCTION public.evil_int8eq(bigint, bigint) RETURNS boolean LANGUAGE sql AS
	$$SELECT public.note('bigint = bigint'); SELECT false$$;
CREATE OPERATOR public.= (LEFTARG = bigint, RIGHTARG = bigint, FUNCTION = public.evil_int8eq);
CREATE FUNCTION public.evil_int84ge(bigint, integer) RETURNS boolean LANGUAGE sql AS
	$$SELECT public.note('bigint >= integer'); SELECT false$$;
CREATE OPERATOR public.>= (LEFTARG = bigint, RIGHTARG = integer, FUNCTION = public.evil_int84ge);
CREATE FUNCTION public.evil_int84lt(bigint, integer) RETURNS boolean LANGUAGE sql AS
	$$SELECT public.note('bigint < integer'); SELECT true$$;
CREATE OPERATOR public.< (LEFTARG = bigint, RIGHTARG = integer, FUNCTION = public.evil_int84lt);
CREATE FUNCTION public.evil_numdiv(numeric, bigint) RETURNS numeric LANGUAGE sql AS
	$$SELECT public.note('numeric / bigint'); SELECT 0::numeric$$;
CREATE OPERATOR public./ (LEFTARG = numeric, RIGHTARG = bigint, FUNCTION = public.evil_numdiv);
CREATE FUNCTION public.evil_nummul(numeric, integer) RETURNS numeric LANGUAGE sql AS
	$$SELECT public.note('numeric * integer'); SELECT 0::numeric$$;
CREATE OPERATOR public.* (LEFTARG = numeric, RIGHTARG = integer, FUNCTION = public.evil_nummul);
CREATE FUNCTION public.evil_datele(date, date) RETURNS boolean LANGUAGE sql AS
	$$SELECT public.note('date <= date'); SELECT true$$;
CREATE OPERATOR public.<= (LEFTARG = date, RIGHTARG = date, FUNCTION = public.evil_datele);
CREATE FUNCTION public.evil_concat(text, text) RETURNS text LANGUAGE sql AS
	$$SELECT public.note('text || text'); SELECT 'x'$$;
CREATE OPERATOR public.|| (LEFTARG = text, RIGHTARG = text, FUNCTION = public.evil_concat);
CREATE FUNCTION public.evil_regex(text, text) RETURNS boolean LANGUAGE sql AS
	$$SELECT public.note('text ~ text'); SELECT true$$;
CREATE OPERATOR public.~ (LEFTARG = text, RIGHTARG = text, FUNCTION = public.evil_regex);
CREATE FUNCTION public.age_on(date, date) RETURNS integer LANGUAGE sql AS
	$$SELECT public.note('age_on'); SELECT 0$$;
CREATE FUNCTION public.percent(anyelement) RETURNS numeric LANGUAGE sql AS
	$$SELECT public.note('percent'); SELECT 0::numeric$$;
CREATE FUNCTION public.coalesce(anyelement, anyelement) RETURNS anyelement LANGUAGE sql AS
	$$SELECT public.note('coalesce'); SELECT $2$$;
CREATE FUNCTION public.round(numeric, integer) RETURNS numeric LANGUAGE sql AS
	$$SELECT public.note('round'); SELECT 0::numeric$$;
CREATE FUNCTION public.btrim(text) RETURNS text LANGUAGE sql AS
	$$SELECT public.note('btrim'); SELECT ''::text$$;
CREATE FUNCTION public.lower(text) RETURNS text LANGUAGE sql AS
	$$SELECT public.note('lower'); SELECT 'imd'::text$$;
CREATE FUNCTION public.make_date(integer, integer, integer) RETURNS date LANGUAGE sql AS
	$$SELECT public.note('make_date'); SELECT '2000-01-01'::date$$;
CREATE FUNCTION public.date_trunc(text, timestamp) RETURNS timestamp LANGUAGE sql AS
	$$SELECT public.note('date_trunc'); SELECT '2000-01-01'::timestamp$$;
CREATE FUNCTION public.pg_has_role(name, oid, text) RETURNS boolean LANGUAGE sql AS
	$$SELECT public.note('pg_has_role'); SELECT true$$;
CREATE FUNCTION public.to_jsonb(anyelement) RETURNS jsonb LANGUAGE sql AS
	$$SELECT public.note('to_jsonb'); SELECT '{}'::jsonb$$;
CREATE FUNCTION public.format(text, text, text) RETURNS text LANGUAGE sql AS
	$$SELECT public.note('format'); SELECT ''::text$$;
CREATE FUNCTION public.evil_sum(bigint, bigint) RETURNS bigint LANGUAGE sql AS
	$$SELECT public.note('sum(bigint)'); SELECT 0::bigint$$;
CREATE AGGREGATE public.sum(bigint) (SFUNC = public.evil_sum, STYPE = bigint);
CREATE FUNCTION public.evil_max(date, date) RETURNS date LANGUAGE sql AS
	$$SELECT public.note('max(date)'); SELECT $2$$;
CREATE AGGREGATE public.max(date) (SFUNC = public.evil_max, STYPE = date);
RESET ROLE;

-- ---------------------------------------------------------------- the victims
SET search_path = public, pg_catalog;
CREATE TEMP TABLE after_hijack AS SELECT * FROM pg_temp.snapshot();
SELECT surestart.create_roles();
-- (the statements themselves qualify their operators: only the extension's code is on trial)
UPDATE surestart.setting SET value = ' 6 ' WHERE name OPERATOR(pg_catalog.=) 'suppress_below';
UPDATE surestart.setting SET value = 'IMD' WHERE name OPERATOR(pg_catalog.=) 'deprived_index';
INSERT INTO surestart.contact_rule (mode, counts) VALUES ('phone', 'never');
INSERT INTO surestart.reach_area (lsoa_code, valid_from, centre_id) VALUES ('W01000001', '2014-01-01', 'hilltop');
SET ROLE t_partner;
CREATE TEMP TABLE partner_counts AS
	SELECT (SELECT pg_catalog.count(*) FROM surestart.family) AS families,
		   (SELECT pg_catalog.count(*) FROM surestart.contact) AS contacts,
		   (SELECT pg_catalog.count(*) FROM surestart.centre_reach) AS reach_rows;
RESET ROLE;
RESET search_path;

SELECT is_empty('SELECT * FROM public.hijack_log', 'no planted function, operator or aggregate ran');
SELECT set_eq('SELECT name, result FROM after_hijack', 'SELECT name, result FROM before_hijack',
	'every view and key function returns the same under search_path = public, pg_catalog');
SELECT cmp_ok((SELECT count(*) FROM before_hijack), '>=', 50::bigint, 'the comparison covered the views and functions');
SELECT results_eq($$SELECT name, value FROM surestart.setting WHERE name IN ('suppress_below', 'deprived_index') ORDER BY name$$,
	$$VALUES ('deprived_index'::text, 'imd'::text), ('suppress_below', '6')$$,
	'the setting trigger trimmed and lower-cased values with the real btrim and lower');
SELECT is((SELECT counts FROM surestart.contact_rule WHERE mode = 'phone'), 'never',
	'the seeded-row guard replaced the shipped row (its dynamic SQL is qualified)');
SELECT results_eq('SELECT families, contacts, reach_rows FROM partner_counts',
	$$SELECT 2::bigint, (SELECT count(*) FROM surestart.contact WHERE centre_id IN ('riverside', 'meadow')),
			 (SELECT count(*) FROM surestart.centre_reach WHERE centre_id IN ('riverside', 'meadow'))$$,
	'a partner under the hostile search_path still sees its own rows only');

-- The control: unqualified SQL under that search_path does reach the planted
-- operator, so the checks above could fail.
SET search_path = public, pg_catalog;
SELECT count(*) FROM surestart.lead_partner WHERE lead_partner_id = 'LP1';
RESET search_path;
SELECT cmp_ok((SELECT count(*) FROM public.hijack_log WHERE what = 'text = text'), '>=', 1::bigint,
	'control: an unqualified = under that search_path does run the planted operator');

SELECT * FROM finish();
ROLLBACK;
