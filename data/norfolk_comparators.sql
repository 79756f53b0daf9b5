-- Comparators for the Norfolk demo (loaded after data/norfolk_targets.sql):
-- DfE's published EYFS Profile headline figures (data/dfe/SOURCES.md; Contains
-- public sector information licensed under the Open Government Licence
-- v3.0), national and East of England, for Norfolk (E10000020).  No
-- statistical neighbours are given: the demo does not claim a list.
\copy surestart_staging.eyfs_headline FROM 'data/dfe/england_eyfsp_headline_la_2013_2019_total.csv' WITH (FORMAT csv, HEADER)
SELECT table_name, loaded, rejected FROM surestart.import_eyfs_headline('E10000020')
WHERE table_name IN ('eyfs_headline', 'comparator');
