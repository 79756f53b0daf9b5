
/* ---------------------------------------------------------------- the stored figures, filled */

-- Count every reporting period once, so that the views read stored figures
-- from the first query after the update (without this they would count
-- every period live until the first refresh()).  At England scale this
-- takes about as long as refresh() of every year held: see the README.
SELECT pg_catalog.count(*) AS periods_counted FROM @extschema@.refresh();
