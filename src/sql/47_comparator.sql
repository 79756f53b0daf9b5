/* src/sql/47_comparator.sql: published figures to compare with (national, statistical neighbours, region) */

/*
 * One published value per measure, period and scope: the figure a
 * council's report sets beside its own (DfE's national GLD rate, the East
 * of England's, the mean of its statistical neighbours).  A measure is
 * named as the views name it (gld_pct, registered_pct, ...); a period is an
 * academic year (2012/13) for school measures or a financial period
 * (2013-14, 2013-14 Q3, 2013-14 Q1-Q3) for the others, so that views join
 * it on their own period labels.  Figures published for everyone, not a
 * person's data: no row-level security.
 */
CREATE TABLE @extschema@.comparator (
	measure text NOT NULL
		CONSTRAINT measure_must_be_a_lower_case_name CHECK (measure ~ '^[a-z][a-z0-9_]*$'),
	period text NOT NULL
		CONSTRAINT period_must_be_like_2012_13_or_2013_14
		CHECK ((period ~ '^[0-9]{4}/[0-9]{2}$' OR period ~ '^[0-9]{4}-[0-9]{2}( Q[1-4]| Q1-Q[23])?$')
			   AND (substr(period, 1, 4)::integer + 1) % 100 = substr(period, 6, 2)::integer),
	scope text NOT NULL
		CONSTRAINT scope_must_be_national_statistical_neighbours_or_region
		CHECK (scope IN ('national', 'statistical_neighbours', 'region')),
	value numeric NOT NULL
		CONSTRAINT value_must_not_be_negative CHECK (value >= 0),
	source text NOT NULL
		CONSTRAINT source_must_not_be_empty CHECK (btrim(source) <> ''),
	PRIMARY KEY (measure, period, scope)
);
COMMENT ON TABLE @extschema@.comparator IS 'Published figures to compare with: one value per measure, period and scope (national, statistical_neighbours, region), with its source';
COMMENT ON COLUMN @extschema@.comparator.measure IS 'measure as the views name it, e.g. gld_pct (fsp_contact_ranking) or registered_pct (data_pack, scorecard)';
COMMENT ON COLUMN @extschema@.comparator.period IS 'academic year (2012/13) for school measures, else a financial period label (2013-14, 2013-14 Q3, 2013-14 Q1-Q3) as the views label theirs';
COMMENT ON COLUMN @extschema@.comparator.scope IS 'national (England), statistical_neighbours (the council''s comparator authorities, pooled) or region';
COMMENT ON COLUMN @extschema@.comparator.value IS 'the published value, in the measure''s unit (per cent for *_pct)';
COMMENT ON COLUMN @extschema@.comparator.source IS 'where the value comes from (publisher, release, licence), for the report''s footnote';
COMMENT ON CONSTRAINT measure_must_be_a_lower_case_name ON @extschema@.comparator IS 'is not a measure name like gld_pct (lower case, digits and underscores)';
COMMENT ON CONSTRAINT period_must_be_like_2012_13_or_2013_14 ON @extschema@.comparator IS 'is not an academic year like 2012/13 or a financial period like 2013-14, 2013-14 Q3 or 2013-14 Q1-Q3';
COMMENT ON CONSTRAINT scope_must_be_national_statistical_neighbours_or_region ON @extschema@.comparator IS 'is not national, statistical_neighbours or region';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.comparator', '');
