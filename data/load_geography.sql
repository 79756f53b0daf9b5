-- Load the 2021 geography and the English Indices of Deprivation 2025 for
-- Norfolk, after data/load_norfolk.sql (which loads the 2011 LSOAs with
-- IoD2019).  Run with psql from the repository's top directory:
--     psql -v ON_ERROR_STOP=1 --single-transaction -f data/load_geography.sql
-- Files as published (data/ons/SOURCES.md, entries 8-10; OGL v3), through
-- the import helpers, so a bad row would land in load_reject with its reason.
-- The IoD2025 extract has the IMD and its domains but no IDACI: the demo
-- compares IMD 2019 with IMD 2025 (doc/geography.md).
\set ON_ERROR_STOP on
\copy surestart_staging.ons_lsoa11_lsoa21 FROM 'data/ons/norfolk_lsoa11_to_lsoa21_lookup.csv' WITH (FORMAT csv, HEADER)
SELECT * FROM surestart.import_lsoa_lookup() WHERE loaded + rejected > 0;
\copy surestart_staging.ons_lsoa21_ward FROM 'data/ons/norfolk_lsoa21_ward24_lad24_lookup.csv' WITH (FORMAT csv, HEADER)
SELECT * FROM surestart.import_lsoa21_wards(2024) WHERE loaded + rejected > 0;
\copy surestart_staging.iod2025_lsoa FROM 'data/ons/norfolk_iod2025_imd_domains_lsoa21.csv' WITH (FORMAT csv, HEADER)
SELECT * FROM surestart.import_iod2025() WHERE loaded + rejected > 0;
