-- bench/lib/time_query.sql: time the query in :q, :runs times, recording each
-- run in bench_time under :name.  Included by bench/reach.sql.
\set more 1
SELECT clock_timestamp() AS t0 \gset
:q \g /dev/null
INSERT INTO bench_time VALUES (:'name', extract(epoch FROM clock_timestamp() - :'t0'::timestamptz) * 1000);
SELECT count(*) < :runs AS more FROM bench_time WHERE name = :'name' \gset
\if :more
\ir time_query.sql
\endif
