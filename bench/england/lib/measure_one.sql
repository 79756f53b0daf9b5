-- bench/england/lib/measure_one.sql: time the statement in :sql under the
-- name :label, :times runs (pg_temp.timed), keeping the last run's rows in
-- temporary table :keep when it is not empty, and record the temporary
-- files it wrote; or, when :needs (a function of schema surestart, or a
-- schema-qualified relation) is missing, record that it was skipped.
-- Included by bench/england/measure.sql, whose helpers it uses.
SELECT pg_temp.present(:'needs') AS present \gset
\if :present
-- flush this backend's statistics, so that temp_bytes is up to date
SELECT pg_stat_force_next_flush() \g /dev/null
SELECT pg_temp.temp_bytes() AS spill_before \gset
SELECT pg_temp.timed(:'label', :'sql', :times, nullif(:'keep', '')) \g /dev/null
SELECT pg_stat_force_next_flush() \g /dev/null
UPDATE bench_result
SET spill_mb = round((pg_temp.temp_bytes() - :spill_before) / 1048576.0 / runs, 1)
WHERE o = (SELECT max(o) FROM bench_result) AND seconds IS NOT NULL;
\else
SELECT pg_temp.skip(:'label', :'needs' || CASE WHEN :'needs' LIKE '%.%' THEN '' ELSE '()' END
	|| ' is not installed') \g /dev/null
\endif
SELECT measure, seconds, runs, rows, start_rss_mb, peak_rss_mb, spill_mb, note
FROM bench_result WHERE o = (SELECT max(o) FROM bench_result) \g (footer=off)
