-- Targets for the Norfolk demo, 2013-14 (loaded after data/synthetic_norfolk.sql).
-- These are illustrative targets of the kind agreed at annual conversations,
-- not Norfolk's published ones: the two county-wide registration targets are
-- the benchmarks DOMAIN.md names (65% of under-fives registered, 80% in the
-- most deprived areas); the others, and the two centre overrides, are made up
-- for the demo.  The monitoring RAGs and board meetings the scorecard, risk
-- and governance reports use are the synthetic ones of synthetic_norfolk.sql.
-- The county registration target carries its date as Norfolk's did ("65% of
-- registrations by 30 September 2013"): the scorecard rates it from 30
-- September on; the others at every quarter end.
INSERT INTO surestart.centre_target (centre_id, measure, financial_year, target, amber_within, due_on) VALUES
	(NULL, 'registered_pct', '2013-14', 65, 5, '2013-09-30');
INSERT INTO surestart.centre_target (centre_id, measure, financial_year, target, amber_within) VALUES
	(NULL, 'deprived_registered_pct', '2013-14', 80, 5),
	(NULL, 'seen_pct', '2013-14', 50, 5),
	(NULL, 'deprived_seen_pct', '2013-14', 65, 5),
	(NULL, 'sustained_pct', '2013-14', 25, 5),
	(NULL, 'coverage_teenage_parent', '2013-14', 65, 10),
	(NULL, 'coverage_lone_parent', '2013-14', 65, 10),
	(NULL, 'coverage_workless_household', '2013-14', 65, 10),
	(NULL, 'two_year_take_up', '2013-14', 60, 10),
	(NULL, 'three_four_take_up', '2013-14', 90, 3),
	('village_green', 'registered_pct', '2013-14', 75, 5),
	('village_green', 'seen_pct', '2013-14', 60, 5);
