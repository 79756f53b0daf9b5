-- Serialised aggregate states: format, round trips, refusal of states built
-- with different thresholds, and of corrupt or truncated bytes.
--
-- SQL cannot hand bytes of its choosing to a deserialise function (only
-- parallel and partial plans call it), so this test loads a test-only C
-- library (test/lib; copied into the staged install for tests, never
-- installed with the extension) with one transition function that
-- deserialises each row's bytes and combines them into the running state
-- with the aggregate's own support functions, inside a real aggregate
-- context.  The real final function finishes the throwaway
-- aggregate; the serialise function, used as a final function, makes states.
SET search_path = surestart, public;
CREATE FUNCTION pg_temp.merge_serialised_state(internal, regprocedure, bytea) RETURNS internal
	AS 'surestart_test', 'merge_serialised_state' LANGUAGE C;
CREATE AGGREGATE pg_temp.reach_from_states(regprocedure, bytea) (
	SFUNC = pg_temp.merge_serialised_state, STYPE = internal, FINALFUNC = surestart.contact_reach_final);
CREATE AGGREGATE pg_temp.rho_from_states(regprocedure, bytea) (
	SFUNC = pg_temp.merge_serialised_state, STYPE = internal, FINALFUNC = surestart.rank_correlation_final);
CREATE AGGREGATE pg_temp.reach_state(bigint) (
	SFUNC = surestart.contact_reach_trans, STYPE = internal, FINALFUNC = surestart.contact_reach_serialize);
CREATE AGGREGATE pg_temp.reach_state(bigint, bigint) (
	SFUNC = surestart.contact_reach_weighted_trans, STYPE = internal, FINALFUNC = surestart.contact_reach_serialize);
CREATE AGGREGATE pg_temp.rho_state(float8, float8) (
	SFUNC = surestart.rank_correlation_trans, STYPE = internal, FINALFUNC = surestart.rank_correlation_serialize);
\set reach '''surestart.contact_reach(bigint)'''
\set rho '''surestart.rank_correlation(float8, float8)'''
-- the contact_reach format: version 1, threshold (int32), contacts (int64),
-- number of ids (int64), then (id int64, count int32) in increasing id order
SELECT pg_temp.reach_state(x) FROM (VALUES (5), (3), (5), (5), (NULL)) AS v(x);
SELECT pg_temp.reach_state(x, n) FROM (VALUES (-1, 2), (9223372036854775807, 2147483647), (-1, 0)) AS v(x, n);
SELECT pg_temp.reach_state(x) IS NULL AS no_state FROM (VALUES (NULL::bigint)) AS v(x);
-- the rank_correlation format: version 1, number of pairs (int64), then
-- (x float8, y float8) pairs
SELECT pg_temp.rho_state(x, y) FROM (VALUES (1.5, -2), (NULL, 1), (0, 1e300)) AS v(x, y);
-- round trips: states made per centre, merged through deserialise and
-- combine, give the same answer as the aggregate over all rows
SELECT setseed(0.11);
CREATE TABLE states_t AS
SELECT i AS contact_id, (random() * 52)::int AS centre, (power(random(), 3) * 3000)::bigint AS child_id,
	random() AS x, random() AS y
FROM generate_series(1, 10000) AS i;
SELECT pg_temp.reach_from_states(:reach, s) AS merged,
	(SELECT contact_reach(child_id) FROM states_t) AS direct
FROM (SELECT pg_temp.reach_state(child_id) AS s FROM states_t GROUP BY centre) AS q;
SELECT pg_temp.reach_from_states('surestart.contact_reach(bigint, bigint)', s) AS merged_families,
	(SELECT contact_reach(child_id / 4, 1) FROM states_t) AS direct_families
FROM (SELECT pg_temp.reach_state(child_id / 4, 1) AS s FROM states_t GROUP BY centre) AS q;
SELECT pg_temp.rho_from_states(:rho, s) = (SELECT rank_correlation(x, y) FROM states_t) AS same_rho
FROM (SELECT pg_temp.rho_state(x, y) AS s FROM states_t GROUP BY centre) AS q;
-- large states (radix-sorted when serialised) with ids spread over the
-- whole bigint range, negative ones included; deserialise checks the order
CREATE TABLE big_ids AS
SELECT ((i * 2654435761) % 4294967291 - 2147483645) * (CASE i % 3 WHEN 0 THEN 1 WHEN 1 THEN 1000000007 ELSE 3 END) AS x
FROM generate_series(1, 6000) AS i, generate_series(1, 1 + i % 4) AS j
UNION ALL VALUES (9223372036854775807), (-9223372036854775808), (0), (-1), (255), (256), (-256);
SELECT pg_temp.reach_from_states(:reach, s) AS merged, (SELECT contact_reach(x) FROM big_ids) AS direct
FROM (SELECT pg_temp.reach_state(x) AS s FROM big_ids GROUP BY x % 2) AS q;
SELECT pg_temp.reach_from_states(:reach, s) AS merged
FROM (SELECT pg_temp.reach_state(x) AS s FROM big_ids) AS q;
-- NULL states and empty states merge as nothing
SELECT pg_temp.reach_from_states(:reach, s) FROM (VALUES (NULL::bytea), (NULL)) AS v(s);
SELECT pg_temp.reach_from_states(:reach, s)
FROM (VALUES ('\x01' || '\x00000003'::bytea || '\x0000000000000000'::bytea || '\x0000000000000000'::bytea), (NULL)) AS v(s);
SELECT pg_temp.rho_from_states(:rho, s) FROM (VALUES ('\x010000000000000000'::bytea)) AS v(s);
-- states built with different sustained thresholds are refused, whichever
-- comes first; a state made under threshold 5 is kept in a psql variable
BEGIN;
UPDATE setting SET value = '5' WHERE name = 'sustained_contacts';
SELECT pg_temp.reach_state(x) AS state5 FROM (VALUES (1), (1), (2)) AS v(x) \gset
ROLLBACK;
SELECT :'state5'::bytea AS state5;
SELECT pg_temp.reach_from_states(:reach, s) FROM (VALUES (:'state5'::bytea)) AS v(s);
SELECT pg_temp.reach_from_states(:reach, s) FROM (VALUES (:'state5'::bytea), (:'state5')) AS v(s);
SELECT pg_temp.reach_from_states(:reach, s)
FROM (SELECT pg_temp.reach_state(child_id) FROM states_t UNION ALL SELECT :'state5'::bytea) AS v(s);
SELECT pg_temp.reach_from_states(:reach, s)
FROM (SELECT :'state5'::bytea UNION ALL SELECT pg_temp.reach_state(child_id) FROM states_t) AS v(s);
-- corrupt contact_reach states, each refused with what is wrong
SELECT pg_temp.reach_from_states(:reach, '\x'::bytea);
SELECT pg_temp.reach_from_states(:reach, '\x02000000030000000000000000000000000000000000'::bytea);
SELECT pg_temp.reach_from_states(:reach, '\x010000000300'::bytea);
-- threshold 0, negative contacts
SELECT pg_temp.reach_from_states(:reach, '\x01000000000000000000000000000000000000000000'::bytea);
SELECT pg_temp.reach_from_states(:reach, '\x0100000003ffffffffffffffff0000000000000000'::bytea);
-- says 2 ids, holds 1; says 1, holds 1 and a spare byte; negative number of ids
SELECT pg_temp.reach_from_states(:reach, '\x010000000300000000000000010000000000000002000000000000000700000001'::bytea);
SELECT pg_temp.reach_from_states(:reach, '\x01000000030000000000000001000000000000000100000000000000070000000100'::bytea);
SELECT pg_temp.reach_from_states(:reach, '\x0100000003000000000000000080000000000000000000000000000007'::bytea);
-- a count of 0, a negative count
SELECT pg_temp.reach_from_states(:reach, '\x010000000300000000000000000000000000000001000000000000000700000000'::bytea);
SELECT pg_temp.reach_from_states(:reach, '\x0100000003000000000000000100000000000000010000000000000007ffffffff'::bytea);
-- a duplicate id, ids out of order
SELECT pg_temp.reach_from_states(:reach, '\x010000000300000000000000020000000000000002000000000000000700000001000000000000000700000001'::bytea);
SELECT pg_temp.reach_from_states(:reach, '\x010000000300000000000000020000000000000002000000000000000800000001000000000000000700000001'::bytea);
-- counts that do not add up to the contacts total (too few, too many)
SELECT pg_temp.reach_from_states(:reach, '\x010000000300000000000000090000000000000001000000000000000700000001'::bytea);
SELECT pg_temp.reach_from_states(:reach, '\x010000000300000000000000010000000000000001000000000000000700000002'::bytea);
-- a saturated count may stand for more contacts than it holds, not fewer
SELECT pg_temp.reach_from_states(:reach, '\x0100000003000000010000000000000000000000010000000000000007' || '\x7fffffff'::bytea);
SELECT pg_temp.reach_from_states(:reach, '\x0100000003000000007fffffff0000000000000001000000000000000700000001'::bytea);
-- every truncation of a real state is refused; so is every one-byte change
-- to its header except in the threshold's three low bytes (any positive
-- threshold is valid); changes to its entries are refused unless they still
-- make a valid state (an id changed but still in increasing order)
CREATE FUNCTION pg_temp.try_reach(s bytea) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_temp.reach_from_states('surestart.contact_reach(bigint)', s);
	RETURN 'accepted';
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE || ' ' || SQLERRM;
END
$$;
CREATE FUNCTION pg_temp.try_rho(s bytea) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_temp.rho_from_states('surestart.rank_correlation(float8, float8)', s);
	RETURN 'accepted';
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE || ' ' || SQLERRM;
END
$$;
SELECT pg_temp.reach_state(x) AS good FROM (VALUES (10), (20), (20), (30), (30), (30)) AS v(x) \gset
SELECT :'good'::bytea AS good, length(:'good'::bytea) AS bytes;
SELECT pg_temp.try_reach(substr(:'good'::bytea, 1, k)) AS outcome, count(*) AS truncations
FROM generate_series(0, length(:'good'::bytea) - 1) AS k GROUP BY 1 ORDER BY 1;
SELECT k < 21 AS in_header, pg_temp.try_reach(set_byte(:'good'::bytea, k, get_byte(:'good'::bytea, k) # 255)) AS outcome,
	count(*) AS changes
FROM generate_series(0, length(:'good'::bytea) - 1) AS k GROUP BY 1, 2 ORDER BY 1, 2;
-- corrupt rank_correlation states
SELECT pg_temp.rho_from_states(:rho, '\x'::bytea);
SELECT pg_temp.rho_from_states(:rho, '\x020000000000000000'::bytea);
SELECT pg_temp.rho_from_states(:rho, '\x0100000000'::bytea);
SELECT pg_temp.rho_from_states(:rho, '\x0100000000000000013ff00000000000003ff0000000000000ff'::bytea);
SELECT pg_temp.rho_from_states(:rho, '\x01ffffffffffffffff'::bytea);
SELECT pg_temp.rho_from_states(:rho, '\x0100000000000000017ff80000000000003ff0000000000000'::bytea);
SELECT pg_temp.rho_from_states(:rho, '\x0100000000000000013ff00000000000007ff0000000000000'::bytea);
SELECT pg_temp.rho_state(x, y) AS good_rho FROM (VALUES (1, 2), (2, 1), (3, 3)) AS v(x, y) \gset
SELECT pg_temp.try_rho(substr(:'good_rho'::bytea, 1, k)) AS outcome, count(*) AS truncations
FROM generate_series(0, length(:'good_rho'::bytea) - 1) AS k GROUP BY 1 ORDER BY 1;
DROP TABLE states_t, big_ids;
