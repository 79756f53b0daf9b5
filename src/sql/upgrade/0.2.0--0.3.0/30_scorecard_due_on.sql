
/* ---------------------------------------------------------------- dated targets */

-- centre_target.due_on (40_data_model.sql): a target for a quarter end of its
-- year; the staging table takes it as text like every other column.
ALTER TABLE @extschema@.centre_target
	ADD COLUMN due_on date,
	ADD CONSTRAINT due_on_must_be_a_quarter_end_of_the_financial_year
		CHECK (due_on IS NULL
			   OR (extract(day FROM due_on + 1) = 1 AND extract(month FROM due_on) IN (3, 6, 9, 12)
				   AND @extschema@.financial_year(due_on) = financial_year));
COMMENT ON COLUMN @extschema@.centre_target.due_on IS 'the date the target is for (Norfolk: 65% registered by 30 September 2013), a quarter end of its financial year: the scorecard shows it unrated at the quarter ends before that date and rates the year-to-date figure against it from that date on; null = the year''s end, and the scorecard rates the year-to-date figure against it at every quarter end';
COMMENT ON CONSTRAINT due_on_must_be_a_quarter_end_of_the_financial_year ON @extschema@.centre_target IS 'is not a quarter end (30 June, 30 September, 31 December or 31 March) of the target''s financial year';
ALTER TABLE surestart_staging.centre_target ADD COLUMN due_on text;
