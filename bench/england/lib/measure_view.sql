-- bench/england/lib/measure_view.sql: time SELECT * FROM surestart.:view
-- for period :period (rows fetched and discarded), :times runs, through
-- measure_one.sql.  Included by bench/england/measure.sql.
\set label :view ' for ' :period
\set sql 'SELECT * FROM surestart.' :view ' WHERE period = ' :'period'
\set needs 'surestart.' :view
\ir measure_one.sql
