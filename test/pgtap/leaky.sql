-- pgTAP: a leaky function in a reader's WHERE clause sees no row the role
-- may not read.  The function is as cheap as the planner allows, so it
-- would run before a view's visibility filter unless the view is a
-- security barrier; it records every centre id it is shown (a custom
-- setting stands in for the notice a real attacker would raise).
BEGIN;
SELECT plan(9);
\i test/fixtures/synthetic.sql
SELECT count(*) AS periods_stored FROM surestart.take_snapshot('2014-03-31') \gset
SELECT surestart.create_roles();

CREATE ROLE t_leaky_partner LOGIN IN ROLE surestart_partner;
CREATE ROLE t_leaky_reader LOGIN IN ROLE surestart_reader;
INSERT INTO surestart.partner_member (role_name, lead_partner_id) VALUES ('t_leaky_partner', 'LP1');

CREATE FUNCTION public.leak(id text) RETURNS boolean
LANGUAGE plpgsql STABLE COST 0.0000001 AS $$
BEGIN
	RAISE NOTICE 'leak: %', id;
	PERFORM set_config('leak.ids', coalesce(current_setting('leak.ids', true), '') || ',' || id, false);
	RETURN true;
END
$$;
GRANT EXECUTE ON FUNCTION public.leak(text) TO PUBLIC;

-- The ids the function saw while the current role ran query q.
CREATE FUNCTION public.leaked(q text) RETURNS SETOF text LANGUAGE plpgsql AS $$
BEGIN
	PERFORM set_config('leak.ids', '', false);
	EXECUTE 'SELECT count(*) FROM (' || q || ') AS q';
	RETURN QUERY SELECT DISTINCT x FROM unnest(string_to_array(current_setting('leak.ids'), ',')) AS x WHERE x <> '';
END
$$;
GRANT EXECUTE ON FUNCTION public.leaked(text) TO PUBLIC;
SET client_min_messages = warning;

SET ROLE t_leaky_partner;
SELECT is_empty($$ SELECT * FROM public.leaked('SELECT 1 FROM surestart.centre_reach WHERE public.leak(centre_id)')
				   EXCEPT SELECT unnest(ARRAY['riverside', 'meadow']) $$,
	'centre_reach: a partner''s leaky function sees only its own centres');
SELECT isnt_empty($$ SELECT * FROM public.leaked('SELECT 1 FROM surestart.centre_reach WHERE public.leak(centre_id)') $$,
	'the leaky function did run (the check is not vacuous)');
SELECT is_empty($$ SELECT * FROM public.leaked('SELECT 1 FROM surestart.published_centre_reach WHERE public.leak(centre_id)')
				   EXCEPT SELECT unnest(ARRAY['riverside', 'meadow']) $$,
	'published_centre_reach: a partner''s leaky function sees only its own centres');
SELECT is_empty($$ SELECT * FROM public.leaked('SELECT 1 FROM surestart.lsoa_reach WHERE public.leak(centre_id)')
				   EXCEPT SELECT unnest(ARRAY['riverside', 'meadow']) $$,
	'lsoa_reach: a partner''s leaky function sees only its own centres');
SELECT is_empty($$ SELECT * FROM public.leaked('SELECT 1 FROM surestart.target_group_coverage WHERE level = ''centre'' AND public.leak(unit_id)')
				   EXCEPT SELECT unnest(ARRAY['riverside', 'meadow']) $$,
	'target_group_coverage: a partner''s leaky function sees only its own centres');
SELECT is_empty($$ SELECT * FROM public.leaked('SELECT 1 FROM surestart.contract_value WHERE public.leak(lead_partner_id)')
				   EXCEPT SELECT 'LP1' $$,
	'contract_value: a partner''s leaky function sees only its own lead partner');
RESET ROLE;

SELECT is_empty($$ SELECT c.relname FROM pg_class AS c
				   WHERE c.relnamespace = 'surestart'::regnamespace AND c.relkind = 'v'
					 AND NOT coalesce(c.reloptions @> ARRAY['security_barrier=true'], false) $$,
	'every view of the reporting schema is a security barrier');

-- Without the barrier the same function sees other partners' centres: the attack is real.
ALTER VIEW surestart.centre_reach RESET (security_barrier);
SET ROLE t_leaky_partner;
SELECT isnt_empty($$ SELECT * FROM public.leaked('SELECT 1 FROM surestart.centre_reach WHERE public.leak(centre_id)')
					 EXCEPT SELECT unnest(ARRAY['riverside', 'meadow']) $$,
	'without security_barrier, centre_reach shows a partner''s leaky function other centres (so the checks above can fail)');
RESET ROLE;
ALTER VIEW surestart.centre_reach SET (security_barrier = true);

-- A reader's leaky function on a published count sees what the view shows, never the count it withheld.
SET ROLE t_leaky_reader;
SELECT is_empty($$ SELECT * FROM public.leaked('SELECT 1 FROM surestart.published_lsoa_reach WHERE public.leak(registered::text)') AS x
				   WHERE x::bigint BETWEEN 1 AND 4 $$,
	'published_lsoa_reach: a reader''s leaky function never sees a withheld count');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
