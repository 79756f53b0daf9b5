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
-- a reference encoder in SQL for hand-made states: the unsigned LEB128
-- varint of 0 <= v < 2^64, an id's unsigned image, and a whole state
CREATE FUNCTION pg_temp.varint(v numeric) RETURNS bytea LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
	out bytea := '';
BEGIN
	LOOP
		IF v < 128 THEN
			RETURN out || set_byte('\x00'::bytea, 0, v::int);
		END IF;
		out := out || set_byte('\x00'::bytea, 0, (mod(v, 128) + 128)::int);
		v := div(v, 128);
	END LOOP;
END
$$;
CREATE FUNCTION pg_temp.u(id bigint) RETURNS numeric LANGUAGE sql IMMUTABLE STRICT
	AS $$ SELECT id::numeric + 9223372036854775808 $$;
CREATE FUNCTION pg_temp.reach_bytes(threshold int, contacts bigint, n bigint, entries bytea) RETURNS bytea
	LANGUAGE sql IMMUTABLE STRICT
	AS $$ SELECT '\x02'::bytea || int4send(threshold) || int8send(contacts) || int8send(n) || entries $$;
-- the serialised state of an aggregate read back by the serialise function
-- (deserialise, combine into an empty state, serialise): a canonical form
-- comes back byte for byte
CREATE AGGREGATE pg_temp.reach_reserialised(regprocedure, bytea) (
	SFUNC = pg_temp.merge_serialised_state, STYPE = internal, FINALFUNC = surestart.contact_reach_serialize);
CREATE FUNCTION pg_temp.reserialised(s bytea) RETURNS bytea LANGUAGE sql
	AS $$ SELECT pg_temp.reach_reserialised('surestart.contact_reach(bigint)', s) $$;
CREATE FUNCTION pg_temp.reach_of(s bytea) RETURNS surestart.reach_counts LANGUAGE sql
	AS $$ SELECT pg_temp.reach_from_states('surestart.contact_reach(bigint)', s) $$;
-- 'accepted' for bytes that deserialise and serialise back to the same
-- bytes, else the error
CREATE FUNCTION pg_temp.try_reach(s bytea) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	r surestart.reach_counts;
	back bytea;
BEGIN
	r := pg_temp.reach_of(s);
	back := pg_temp.reserialised(s);
	RETURN 'accepted' || CASE WHEN back = s THEN '' ELSE ' NOT CANONICAL' END;
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE || ' ' || SQLERRM;
END
$$;
-- the contact_reach format: version 2, threshold (int32), contacts (int64),
-- number of ids (int64), then per id in increasing order an unsigned LEB128
-- varint delta of u = id + 2^63 (the first from 0) and a varint count
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
	(SELECT contact_reach(child_id / 4, 1::bigint) FROM states_t) AS direct_families
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
-- the C encoder agrees byte for byte with the SQL reference encoder on the
-- whole large state (deltas of every size, counts above 1), and the state
-- reads back to the same bytes
SELECT s = pg_temp.reach_bytes(3, total, nids, entries) AS same_as_reference,
	pg_temp.reserialised(s) = s AS reads_back, length(s) AS bytes, nids,
	round(length(s)::numeric / nids, 2) AS bytes_per_id
FROM (SELECT pg_temp.reach_state(x) AS s FROM big_ids) AS a,
	(SELECT sum(n)::bigint AS total, count(*) AS nids,
		string_agg(pg_temp.varint(pg_temp.u(x) - coalesce(pg_temp.u(prev), 0)) || pg_temp.varint(n), '' ORDER BY x) AS entries
	 FROM (SELECT x, count(*) AS n, lag(x) OVER (ORDER BY x) AS prev FROM big_ids GROUP BY x) AS e) AS b;
-- truncations of the large state, at every 97th length and in the last
-- 20 bytes, are all refused
SELECT pg_temp.reach_state(x) AS big FROM big_ids \gset
SELECT pg_temp.try_reach(substr(:'big'::bytea, 1, k)) AS outcome, count(*) AS truncations
FROM generate_series(0, length(:'big'::bytea) - 1) AS k
WHERE k % 97 = 0 OR k >= length(:'big'::bytea) - 20 GROUP BY 1;
-- dense ids, as a centre's children are: about two bytes an id
SELECT length(s) AS bytes, round((length(s) - 21)::numeric / 2533, 2) AS entry_bytes_per_id
FROM (SELECT pg_temp.reach_state(child_id) AS s FROM states_t) AS q;
-- NULL states and empty states merge as nothing
SELECT pg_temp.reach_from_states(:reach, s) FROM (VALUES (NULL::bytea), (NULL)) AS v(s);
SELECT pg_temp.reach_from_states(:reach, s)
FROM (VALUES (pg_temp.reach_bytes(3, 0, 0, '')), (NULL)) AS v(s);
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
-- contact_reach(id, threshold) and contact_reach(id, contacts, threshold)
-- make the same states: byte for byte the state made under the setting
-- with the same threshold (so states of either signature merge), and a
-- state from the first row on, NULL ids included, so that every row's
-- threshold is checked
CREATE AGGREGATE pg_temp.reach_state_given(bigint, integer) (
	SFUNC = surestart.contact_reach_given_trans, STYPE = internal, FINALFUNC = surestart.contact_reach_serialize);
CREATE AGGREGATE pg_temp.reach_state_given(bigint, bigint, integer) (
	SFUNC = surestart.contact_reach_weighted_given_trans, STYPE = internal, FINALFUNC = surestart.contact_reach_serialize);
\set given '''surestart.contact_reach(bigint, integer)'''
SELECT pg_temp.reach_state_given(x, 5) AS given5, pg_temp.reach_state_given(x, 5) = :'state5'::bytea AS same_as_setting_5
FROM (VALUES (1), (1), (2)) AS v(x);
SELECT pg_temp.reach_state_given(x, n, 5) = :'state5'::bytea AS weighted_same_as_setting_5
FROM (VALUES (1, 2), (2, 1)) AS v(x, n);
SELECT pg_temp.reach_state_given(x, 4) AS only_null_ids FROM (VALUES (NULL::bigint), (NULL)) AS v(x);
SELECT pg_temp.reach_from_states(:given, s) AS merged, (SELECT contact_reach(child_id, 2) FROM states_t) AS direct
FROM (SELECT pg_temp.reach_state_given(child_id, 2) AS s FROM states_t GROUP BY centre) AS q;
SELECT pg_temp.reach_from_states('surestart.contact_reach(bigint, bigint, integer)', s) AS merged_families,
	(SELECT contact_reach(child_id / 4, 1, 2) FROM states_t) AS direct_families
FROM (SELECT pg_temp.reach_state_given(child_id / 4, 1, 2) AS s FROM states_t GROUP BY centre) AS q;
SELECT pg_temp.reach_from_states(:given, s) FROM (VALUES (:'state5'::bytea), (pg_temp.reach_bytes(5, 0, 0, ''))) AS v(s);
SELECT pg_temp.reach_from_states(:given, s)
FROM (SELECT pg_temp.reach_state_given(child_id, 3) FROM states_t UNION ALL SELECT :'state5'::bytea) AS v(s);
-- corrupt contact_reach states, each refused with what is wrong.  A valid
-- one first: ids 7 (one contact) and 9 (three), as bytes
\set e7 'pg_temp.varint(pg_temp.u(7))'
SELECT pg_temp.reach_bytes(3, 4, 2, :e7 || '\x01' || '\x02' || '\x03') AS valid,
	pg_temp.reach_from_states(:reach, pg_temp.reach_bytes(3, 4, 2, :e7 || '\x01' || '\x02' || '\x03')) AS reach;
-- empty; version 1 (the old fixed-width layout) and 3; a truncated header
SELECT pg_temp.reach_from_states(:reach, '\x'::bytea);
SELECT pg_temp.reach_from_states(:reach, '\x01000000030000000000000000000000000000000000'::bytea);
SELECT pg_temp.reach_from_states(:reach, '\x03000000030000000000000000000000000000000000'::bytea);
SELECT pg_temp.reach_from_states(:reach, '\x020000000300'::bytea);
-- threshold 0, negative contacts
SELECT pg_temp.reach_from_states(:reach, pg_temp.reach_bytes(0, 0, 0, ''));
SELECT pg_temp.reach_from_states(:reach, pg_temp.reach_bytes(3, -1, 0, ''));
-- more ids than the bytes could hold (each takes at least 2 bytes), a
-- negative number; 2 ids said, 1 given (the bytes end where entry 2 starts)
SELECT pg_temp.reach_from_states(:reach, pg_temp.reach_bytes(3, 1, 6, :e7 || '\x01'));
SELECT pg_temp.reach_from_states(:reach, pg_temp.reach_bytes(3, 1, 4611686018427387904, :e7 || '\x01'));
SELECT pg_temp.reach_from_states(:reach, pg_temp.reach_bytes(3, 1, -1, :e7 || '\x01'));
SELECT pg_temp.reach_from_states(:reach, pg_temp.reach_bytes(3, 1, 2, :e7 || '\x01'));
-- bad varints: an id delta of 11 bytes; one whose tenth byte carries bits
-- past 2^64; a count of 6 bytes; a count cut off by the end of the bytes
SELECT pg_temp.reach_from_states(:reach, pg_temp.reach_bytes(3, 1, 1, '\x8080808080808080808001' || '\x01'::bytea));
SELECT pg_temp.reach_from_states(:reach, pg_temp.reach_bytes(3, 1, 1, '\xffffffffffffffffff02' || '\x01'::bytea));
SELECT pg_temp.reach_from_states(:reach, pg_temp.reach_bytes(3, 1, 1, :e7 || '\x808080808001'));
SELECT pg_temp.reach_from_states(:reach, pg_temp.reach_bytes(3, 1, 1, :e7 || '\x80'));
-- over-long (not shortest) encodings of an id delta and of a count: the
-- values are right, the bytes are not canonical
SELECT pg_temp.reach_from_states(:reach, pg_temp.reach_bytes(3, 1, 1, '\x8700' || '\x01'::bytea));
SELECT pg_temp.reach_from_states(:reach, pg_temp.reach_bytes(3, 1, 1, :e7 || '\x8100'));
-- a zero delta after the first entry (a duplicate id; decreasing ids cannot
-- be written, deltas being unsigned), and a delta that passes the largest
-- bigint (here after 9223372036854775807, and after 7)
SELECT pg_temp.reach_from_states(:reach, pg_temp.reach_bytes(3, 2, 2, :e7 || '\x01' || '\x00' || '\x01'));
SELECT pg_temp.reach_from_states(:reach,
	pg_temp.reach_bytes(3, 2, 2, pg_temp.varint(pg_temp.u(9223372036854775807)) || '\x01' || '\x01' || '\x01'));
SELECT pg_temp.reach_from_states(:reach,
	pg_temp.reach_bytes(3, 2, 2, :e7 || '\x01' || pg_temp.varint(18446744073709551615 - pg_temp.u(7) + 1) || '\x01'));
-- the first delta may be 0 (the smallest bigint); the largest ids are fine
SELECT pg_temp.reach_from_states(:reach,
	pg_temp.reach_bytes(3, 2, 2, '\x00'::bytea || '\x01' || pg_temp.varint(18446744073709551615) || '\x01'));
-- a count of 0, a count past 2147483647 (in 5 bytes)
SELECT pg_temp.reach_from_states(:reach, pg_temp.reach_bytes(3, 0, 1, :e7 || '\x00'));
SELECT pg_temp.reach_from_states(:reach, pg_temp.reach_bytes(3, 2147483648, 1, :e7 || pg_temp.varint(2147483648)));
-- bytes after the last entry (and after none)
SELECT pg_temp.reach_from_states(:reach, pg_temp.reach_bytes(3, 1, 1, :e7 || '\x01' || '\x00'));
SELECT pg_temp.reach_from_states(:reach, pg_temp.reach_bytes(3, 0, 0, '\x0101'));
-- counts that do not add up to the contacts total (too few, too many)
SELECT pg_temp.reach_from_states(:reach, pg_temp.reach_bytes(3, 9, 1, :e7 || '\x01'));
SELECT pg_temp.reach_from_states(:reach, pg_temp.reach_bytes(3, 1, 1, :e7 || '\x02'));
-- a saturated count may stand for more contacts than it holds, not fewer
SELECT pg_temp.reach_from_states(:reach, pg_temp.reach_bytes(3, 4294967296, 1, :e7 || pg_temp.varint(2147483647)));
SELECT pg_temp.reach_from_states(:reach, pg_temp.reach_bytes(3, 2147483646, 1, :e7 || pg_temp.varint(2147483647)));
-- every truncation of a real state is refused.  Every change of one byte
-- to any of the 256 values is refused, or else gives a valid state that
-- serialises back to exactly the changed bytes (the encoding is canonical,
-- so no two byte strings stand for one state); in the header only the
-- threshold can change validly (to any positive value).  The accepted
-- changes are listed below with what they decode to.
CREATE FUNCTION pg_temp.try_rho(s bytea) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_temp.rho_from_states('surestart.rank_correlation(float8, float8)', s);
	RETURN 'accepted';
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE || ' ' || SQLERRM;
END
$$;
SELECT pg_temp.reach_state(x) AS good FROM (VALUES (10), (20), (20), (30), (30), (30)) AS v(x) \gset
SELECT :'good'::bytea AS good, length(:'good'::bytea) AS bytes,
	pg_temp.reach_from_states(:reach, :'good'::bytea) AS reach;
SELECT pg_temp.try_reach(substr(:'good'::bytea, 1, k)) AS outcome, count(*) AS truncations
FROM generate_series(0, length(:'good'::bytea) - 1) AS k GROUP BY 1 ORDER BY 1;
SELECT CASE WHEN k = 0 THEN '0 version' WHEN k < 5 THEN '1-4 threshold' WHEN k < 13 THEN '5-12 contacts'
		WHEN k < 21 THEN '13-20 ids' ELSE '21- entries' END AS bytes,
	regexp_replace(pg_temp.try_reach(set_byte(:'good'::bytea, k, v)), 'version \d+ ', 'version N ') AS outcome,
	count(*) AS changes
FROM generate_series(0, length(:'good'::bytea) - 1) AS k, generate_series(0, 255) AS v
WHERE v <> get_byte(:'good'::bytea, k)
GROUP BY 1, 2 ORDER BY min(k), 2;
-- the accepted changes, byte by byte: the threshold (any positive value),
-- and the id deltas' payload bits (ids change, still increasing); what
-- they decode to
SELECT k, count(*) AS accepted, string_agg(DISTINCT pg_temp.reach_of(changed)::text, ' ') AS reach
FROM generate_series(0, length(:'good'::bytea) - 1) AS k, generate_series(0, 255) AS v,
	LATERAL (SELECT set_byte(:'good'::bytea, k, v) AS changed) AS c
WHERE v <> get_byte(:'good'::bytea, k) AND pg_temp.try_reach(changed) = 'accepted'
GROUP BY k ORDER BY k;
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
