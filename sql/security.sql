-- Security: the install script's rules, and each role at work on the
-- synthetic fixture (pgTAP test/pgtap/roles.sql, published.sql, hijack.sql
-- and hardening.sql check the same exhaustively).
\set ON_ERROR_ROLLBACK on
\set SHOW_CONTEXT never

-- The install script never uses CREATE OR REPLACE or IF NOT EXISTS, which
-- could adopt an object planted by another user (CVE-2022-2625): a count of 0.
\! grep -ciE 'or[[:space:]]+replace|if[[:space:]]+not[[:space:]]+exists' "surestart--$(sed -n "s/^default_version = '\(.*\)'/\1/p" surestart.control).sql"

BEGIN;
\set ECHO none
\i test/fixtures/synthetic.sql
\set ECHO all
SELECT surestart.create_roles();
CREATE ROLE regress_reader LOGIN IN ROLE surestart_reader;
CREATE ROLE regress_analyst LOGIN IN ROLE surestart_analyst;
CREATE ROLE regress_partner LOGIN IN ROLE surestart_partner;
INSERT INTO surestart.partner_member VALUES ('regress_partner', 'LP2');

-- what each role may read, by kind of relation
SELECT r.rolname AS role,
	   count(*) FILTER (WHERE c.relkind = 'r' AND p.access_class = 'person') AS person_tables,
	   count(*) FILTER (WHERE c.relkind = 'r' AND p.access_class IS NULL) AS other_tables,
	   count(*) FILTER (WHERE c.relkind = 'v' AND c.relname LIKE 'published\_%') AS published_views,
	   count(*) FILTER (WHERE c.relkind = 'v' AND c.relname NOT LIKE 'published\_%') AS other_views
FROM pg_roles AS r
CROSS JOIN pg_class AS c
LEFT JOIN surestart.protected_relations() AS p ON p.relation_name = c.relname
WHERE r.rolname LIKE 'surestart\_%' AND c.relnamespace = 'surestart'::regnamespace
  AND has_table_privilege(r.oid, c.oid, 'SELECT')
GROUP BY r.rolname ORDER BY r.rolname;

SET ROLE regress_reader;
SELECT centre_id, period, under_fives, registered, registered_pct, seen, seen_pct, suppressed
FROM surestart.published_centre_reach WHERE period = '2013-14' ORDER BY centre_id;
SELECT * FROM surestart.centre_reach;
SELECT * FROM surestart.child;
RESET ROLE;

SET ROLE regress_analyst;
SELECT centre_id, period, registered, seen FROM surestart.centre_reach WHERE period = '2013-14' ORDER BY centre_id;
SELECT * FROM surestart.child;
-- the building blocks and the counting function are out of every role's reach, yet
-- the views above counted the periods not stored yet live through the latter
SELECT * FROM surestart_internal.counted_child;
SELECT * FROM surestart_internal.count_periods('2013-04-01', '{2013-14}', 3);
SELECT * FROM surestart_internal.lsoa_figure;
RESET ROLE;

SET ROLE regress_partner;
SELECT centre_id, period, registered, seen FROM surestart.centre_reach WHERE period = '2013-14' ORDER BY centre_id;
SELECT level, unit_id, count(*) FROM surestart.target_group_coverage WHERE period = '2013-14' GROUP BY 1, 2 ORDER BY 1, 2;
SELECT child_id, family_id FROM surestart.child ORDER BY child_id;
SELECT contact_id, centre_id FROM surestart.contact ORDER BY contact_id;
SELECT * FROM surestart_internal.reach_figures;
DELETE FROM surestart.partner_member;
RESET ROLE;
ROLLBACK;
