-- bench/lib/best_of_3.sql: pg_temp.best_of_3(query) times a query (best of
-- 3 runs, seconds) with clock_timestamp in PL/pgSQL; rows are fetched and
-- discarded, so every aggregate is computed.  Included by bench/*.sql.
CREATE FUNCTION pg_temp.best_of_3(query text) RETURNS double precision
LANGUAGE plpgsql AS $$
DECLARE
	started timestamptz;
	took double precision;
	best double precision;
BEGIN
	FOR i IN 1 .. 3 LOOP
		started := clock_timestamp();
		EXECUTE query;
		took := extract(epoch FROM clock_timestamp() - started);
		IF best IS NULL OR took < best THEN
			best := took;
		END IF;
	END LOOP;
	RETURN best;
END
$$;
