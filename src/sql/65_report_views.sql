/* src/sql/65_report_views.sql: Ofsted status, value for money, outcomes against contact */

/*
 * A centre's latest inspection is its most recent one that took place
 * (postponed and cancelled inspections do not count); a group inspection
 * counts for every centre it lists.
 */
CREATE VIEW @extschema@.ofsted_latest_all AS
SELECT c.centre_id, c.name AS centre,
	   i.inspection_id, i.inspected_on, i.framework,
	   i.overall::text AS overall, i.overall::integer AS overall_grade,
	   i.access::text AS access, i.quality::text AS quality, i.leadership::text AS leadership,
	   d.next_due,
	   d.next_due < @extschema@.reference_date() AS overdue
FROM @extschema@.centre AS c
LEFT JOIN LATERAL (
	SELECT i.*
	FROM @extschema@.inspected_centre AS ic
	JOIN @extschema@.ofsted_inspection AS i USING (inspection_id)
	WHERE ic.centre_id = c.centre_id AND i.status NOT IN ('postponed', 'cancelled')
	ORDER BY i.inspected_on DESC, i.inspection_id DESC
	LIMIT 1
) AS i ON true
CROSS JOIN LATERAL (
	SELECT CASE WHEN i.inspection_id IS NOT NULL
				THEN @extschema@.next_inspection_due(i.inspected_on, i.overall)
				ELSE (c.opened_on + make_interval(years => (
						SELECT value::integer FROM @extschema@.setting WHERE name = 'reinspect_years')))::date
		   END AS next_due
) AS d
WHERE c.closed_on IS NULL OR c.closed_on >= @extschema@.reference_date();

/* What users read: the centres they may see (visible_centre). */
CREATE VIEW @extschema@.ofsted_latest AS
SELECT centre_id, centre, inspection_id, inspected_on, framework, overall, overall_grade,
	   access, quality, leadership, next_due, overdue
FROM @extschema@.ofsted_latest_all
WHERE centre_id IN (SELECT v.centre_id FROM @extschema@.visible_centre AS v);
COMMENT ON VIEW @extschema@.ofsted_latest IS 'Each centre open on reference_date()''s latest Ofsted inspection (group inspections count for every centre listed), when the next is due and whether it is overdue';
COMMENT ON COLUMN @extschema@.ofsted_latest.centre_id IS 'centre';
COMMENT ON COLUMN @extschema@.ofsted_latest.centre IS 'centre name';
COMMENT ON COLUMN @extschema@.ofsted_latest.inspection_id IS 'latest inspection that took place; null if never inspected';
COMMENT ON COLUMN @extschema@.ofsted_latest.inspected_on IS 'day of that inspection';
COMMENT ON COLUMN @extschema@.ofsted_latest.framework IS 'inspection framework, e.g. 2013';
COMMENT ON COLUMN @extschema@.ofsted_latest.overall IS 'overall effectiveness: Outstanding, Good, Requires improvement or Inadequate (null if not recorded)';
COMMENT ON COLUMN @extschema@.ofsted_latest.overall_grade IS 'overall effectiveness as a number, 1 (Outstanding) to 4 (Inadequate)';
COMMENT ON COLUMN @extschema@.ofsted_latest.access IS 'access to services by young children and families';
COMMENT ON COLUMN @extschema@.ofsted_latest.quality IS 'quality and impact of practice and services';
COMMENT ON COLUMN @extschema@.ofsted_latest.leadership IS 'effectiveness of leadership, governance and management';
COMMENT ON COLUMN @extschema@.ofsted_latest.next_due IS 'next inspection due: reinspect_ri_years after Requires improvement or Inadequate, else reinspect_years; for a centre never inspected, reinspect_years after it opened (null if its opening is unknown)';
COMMENT ON COLUMN @extschema@.ofsted_latest.overdue IS 'next_due is before reference_date(): the reference_date setting, or today when it is ''today'' (the default)';
COMMENT ON VIEW @extschema@.ofsted_latest_all IS 'ofsted_latest for every open centre, whoever asks: the base of ofsted_summary (internal, not granted to partners)';


/*
 * Value for money: what a lot cost in each financial year against the
 * children its centres registered, saw and worked with then.  A lot's
 * annual value is charged for the days its contract was live in the year
 * (a contract from 1 October 2013 is charged 182 of 365 days of 2013-14,
 * not a full year); a lot without a contract is charged the whole year.
 */
CREATE VIEW @extschema@.contract_value AS
SELECT v.lot_id, v.lead_partner_id, v.financial_year, v.annual_value,
	   v.registered, v.seen, v.sustained,
	   round(v.annual_value / nullif(v.registered, 0), 2) AS cost_per_registered,
	   round(v.annual_value / nullif(v.seen, 0), 2) AS cost_per_seen,
	   round(v.annual_value / nullif(v.sustained, 0), 2) AS cost_per_sustained,
	   v.centres, v.lot_annual_value, v.days_live, v.days_in_year
FROM (
	SELECT l.lot_id, l.lead_partner_id, r.period AS financial_year,
		   round(l.annual_value * d.days_live / d.days_in_year, 2) AS annual_value,
		   sum(r.registered)::bigint AS registered,
		   sum(r.seen)::bigint AS seen,
		   sum(r.sustained)::bigint AS sustained,
		   count(*)::integer AS centres,
		   l.annual_value AS lot_annual_value, d.days_live, d.days_in_year
	FROM @extschema@.lot AS l
	LEFT JOIN @extschema@.contract AS k ON k.contract_ref = l.contract_ref
	JOIN @extschema@.centre AS c USING (lot_id)
	JOIN @extschema@.centre_reach AS r ON r.centre_id = c.centre_id AND r.kind = 'year'
	CROSS JOIN LATERAL (
		SELECT r.period_end - r.period_start + 1 AS days_in_year,
			   CASE WHEN k.contract_ref IS NULL THEN r.period_end - r.period_start + 1
					ELSE greatest(0, least(k.ends_on, r.period_end) - greatest(k.starts_on, r.period_start) + 1)
			   END AS days_live
	) AS d
	WHERE l.lead_partner_id IN (SELECT v.lead_partner_id FROM @extschema@.visible_lead_partner AS v)
	GROUP BY l.lot_id, l.lead_partner_id, l.annual_value, r.period, d.days_live, d.days_in_year
) AS v;
COMMENT ON VIEW @extschema@.contract_value IS 'Value for money per lot and financial year: the lot''s value for the days its contract was live in the year, per child registered, seen and in sustained contact';
COMMENT ON COLUMN @extschema@.contract_value.lot_id IS 'lot';
COMMENT ON COLUMN @extschema@.contract_value.lead_partner_id IS 'lead partner running the lot';
COMMENT ON COLUMN @extschema@.contract_value.financial_year IS 'financial year, e.g. 2013-14';
COMMENT ON COLUMN @extschema@.contract_value.annual_value IS 'value of the lot for the year, in pounds: its annual value times the days its contract was live in the year over the days of the year (days_live / days_in_year: a contract from 1 October 2013 is charged 182/365 of 2013-14), rounded to pence; a lot without a contract is charged the whole year';
COMMENT ON COLUMN @extschema@.contract_value.registered IS 'under-fives registered in the reach areas of the lot''s centres at the year end';
COMMENT ON COLUMN @extschema@.contract_value.seen IS 'under-fives of those reach areas seen in the year';
COMMENT ON COLUMN @extschema@.contract_value.sustained IS 'under-fives of those reach areas in sustained contact in the year';
COMMENT ON COLUMN @extschema@.contract_value.cost_per_registered IS 'annual_value (the days live) per child registered, pounds (null when none)';
COMMENT ON COLUMN @extschema@.contract_value.cost_per_seen IS 'annual_value (the days live) per child seen, pounds (null when none)';
COMMENT ON COLUMN @extschema@.contract_value.cost_per_sustained IS 'annual_value (the days live) per child in sustained contact, pounds (null when none)';
COMMENT ON COLUMN @extschema@.contract_value.centres IS 'centres of the lot reported in the year';
COMMENT ON COLUMN @extschema@.contract_value.lot_annual_value IS 'the lot''s annual value for a full year, in pounds (lot.annual_value)';
COMMENT ON COLUMN @extschema@.contract_value.days_live IS 'days of the financial year from the contract''s first to its last day (starts_on to ends_on, both included); the whole year for a lot without a contract';
COMMENT ON COLUMN @extschema@.contract_value.days_in_year IS 'days in the financial year (365, or 366 with a 29 February)';

/*
 * Outcomes against contact.  Pupils count for the centre whose reach area
 * held their LSOA at the end of the financial year with the same years
 * (2012/13 -> 31 March 2013), which is also the period of seen_pct.
 * Centres with pupils and a seen_pct are ranked (1 = best, ties share the
 * lower rank) on the percentages as shown.
 */
CREATE VIEW @extschema@.fsp_contact_ranking_all AS
WITH pupil AS (
	SELECT DISTINCT ON (e.pupil_id)
		   e.pupil_id, e.academic_year, e.gld, e.fsm, a.centre_id
	FROM @extschema@.eyfs_result AS e
	JOIN @extschema@.reach_area AS a
	  ON a.lsoa_code = e.lsoa_code
	 AND a.valid_from <= make_date(substr(e.academic_year, 1, 4)::integer + 1, 3, 31)
	 AND (a.valid_to IS NULL OR a.valid_to >= make_date(substr(e.academic_year, 1, 4)::integer + 1, 3, 31))
	ORDER BY e.pupil_id, a.valid_from DESC
), results AS (
	SELECT academic_year, centre_id,
		   count(*) AS pupils,
		   count(*) FILTER (WHERE gld) AS gld,
		   count(*) FILTER (WHERE fsm) AS fsm_pupils,
		   count(*) FILTER (WHERE fsm AND gld) AS fsm_gld,
		   count(*) FILTER (WHERE fsm IS false) AS other_pupils,
		   count(*) FILTER (WHERE fsm IS false AND gld) AS other_gld
	FROM pupil
	GROUP BY academic_year, centre_id
), both_measures AS (
	SELECT r.*, round(100.0 * r.gld / r.pupils, 1) AS gld_pct, cr.seen_pct
	FROM results AS r
	LEFT JOIN surestart_internal.centre_reach_scoped AS cr
	  ON cr.scope = 'all' AND cr.centre_id = r.centre_id AND cr.kind = 'year' AND cr.period = replace(r.academic_year, '/', '-')
), ranked AS (
	SELECT b.*,
		   CASE WHEN b.seen_pct IS NOT NULL THEN rank() OVER (PARTITION BY b.academic_year, b.seen_pct IS NOT NULL ORDER BY b.gld_pct DESC) END AS fsp_rank,
		   CASE WHEN b.seen_pct IS NOT NULL THEN rank() OVER (PARTITION BY b.academic_year, b.seen_pct IS NOT NULL ORDER BY b.seen_pct DESC) END AS contact_rank,
		   count(b.seen_pct) OVER (PARTITION BY b.academic_year) AS ranked
	FROM both_measures AS b
)
SELECT r.centre_id, c.name AS centre, r.academic_year, r.pupils, r.gld, r.gld_pct,
	   r.fsp_rank, r.seen_pct, r.contact_rank,
	   @extschema@.quartile_of(r.fsp_rank, r.ranked) AS fsp_quartile,
	   @extschema@.quartile_of(r.contact_rank, r.ranked) AS contact_quartile,
	   @extschema@.quartile_name(@extschema@.quartile_of(r.fsp_rank, r.ranked)) AS fsp_quartile_name,
	   CASE WHEN r.fsp_rank IS NOT NULL THEN
		   CASE WHEN @extschema@.quartile_of(r.fsp_rank, r.ranked) <= 2 THEN 'high outcomes' ELSE 'low outcomes' END
		   || ', ' ||
		   CASE WHEN @extschema@.quartile_of(r.contact_rank, r.ranked) <= 2 THEN 'high contact' ELSE 'low contact' END
	   END AS quadrant,
	   r.fsm_pupils, r.fsm_gld,
	   CASE WHEN r.fsm_pupils > 0 THEN round(100.0 * r.fsm_gld / r.fsm_pupils, 1) END AS fsm_gld_pct,
	   r.other_pupils, r.other_gld,
	   CASE WHEN r.other_pupils > 0 THEN round(100.0 * r.other_gld / r.other_pupils, 1) END AS other_gld_pct,
	   CASE WHEN r.fsm_pupils > 0 AND r.other_pupils > 0
			THEN round(100.0 * r.other_gld / r.other_pupils - 100.0 * r.fsm_gld / r.fsm_pupils, 1) END AS fsm_gap
FROM ranked AS r
JOIN @extschema@.centre AS c ON c.centre_id = r.centre_id;

/* Ranks are among every centre; users read the rows of the centres they may see. */
CREATE VIEW @extschema@.fsp_contact_ranking AS
SELECT centre_id, centre, academic_year, pupils, gld, gld_pct, fsp_rank, seen_pct, contact_rank,
	   fsp_quartile, contact_quartile, fsp_quartile_name, quadrant, fsm_pupils, fsm_gld, fsm_gld_pct,
	   other_pupils, other_gld, other_gld_pct, fsm_gap
FROM @extschema@.fsp_contact_ranking_all
WHERE centre_id IN (SELECT v.centre_id FROM @extschema@.visible_centre AS v);
COMMENT ON VIEW @extschema@.fsp_contact_ranking IS 'Foundation Stage Profile outcomes (GLD) of each reach area against its contact rate, ranked and in quartiles, with the free-school-meals gap';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.centre_id IS 'centre';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.centre IS 'centre name';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.academic_year IS 'academic year of the EYFS profile, e.g. 2012/13';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.pupils IS 'pupils assessed who live in the reach area (at the end of the financial year with the same years)';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.gld IS 'of them, pupils reaching a Good Level of Development';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.gld_pct IS 'GLD rate, per cent, one decimal place';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.fsp_rank IS 'rank by gld_pct among ranked centres, 1 = best; ties share the lower rank; null if not ranked (no seen_pct)';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.seen_pct IS 'seen_pct of centre_reach for the financial year with the same years (2012/13: 2012-13)';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.contact_rank IS 'rank by seen_pct, 1 = most contact; ties share the lower rank';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.fsp_quartile IS 'quartile of fsp_rank: ceil(4 rank / n), 1 = top';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.contact_quartile IS 'quartile of contact_rank, 1 = top';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.fsp_quartile_name IS 'report wording of fsp_quartile';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.quadrant IS 'high or low outcomes, high or low contact (quartiles 1-2 are high); low outcomes, low contact is the mismatch that matters';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.fsm_pupils IS 'pupils eligible for free school meals';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.fsm_gld IS 'of them, reaching GLD';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.fsm_gld_pct IS 'GLD rate of FSM pupils, per cent';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.other_pupils IS 'pupils known not to be eligible for free school meals';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.other_gld IS 'of them, reaching GLD';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.other_gld_pct IS 'GLD rate of other pupils, per cent';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.fsm_gap IS 'FSM gap: GLD rate of other pupils minus that of FSM pupils, from counts, rounded last (points)';
COMMENT ON VIEW @extschema@.fsp_contact_ranking_all IS 'fsp_contact_ranking for every centre, whoever asks: the base of fsp_contact_correlation (internal, not granted to partners)';

/* The internal bases carry their public views' column comments. */
DO $$
DECLARE
	pair text[];
	col record;
BEGIN
	FOREACH pair SLICE 1 IN ARRAY ARRAY[['ofsted_latest_all', 'ofsted_latest'], ['fsp_contact_ranking_all', 'fsp_contact_ranking']] LOOP
		FOR col IN
			SELECT a.attname, pg_catalog.col_description(f.attrelid, f.attnum) AS text
			FROM pg_catalog.pg_attribute AS a
			JOIN pg_catalog.pg_attribute AS f
			  ON f.attrelid = pg_catalog.format('@extschema@.%I', pair[2])::pg_catalog.regclass AND f.attname = a.attname
			WHERE a.attrelid = pg_catalog.format('@extschema@.%I', pair[1])::pg_catalog.regclass
			  AND a.attnum > 0
		LOOP
			EXECUTE pg_catalog.format('COMMENT ON COLUMN @extschema@.%I.%I IS %L', pair[1], col.attname, col.text);
		END LOOP;
	END LOOP;
END
$$;

CREATE VIEW @extschema@.fsp_contact_correlation AS
SELECT academic_year,
	   count(fsp_rank)::integer AS centres,
	   @extschema@.rank_correlation(fsp_rank, contact_rank)::numeric AS rho
FROM @extschema@.fsp_contact_ranking_all
GROUP BY academic_year;
COMMENT ON VIEW @extschema@.fsp_contact_correlation IS 'Spearman''s rho between the FSP and contact ranks per academic year (negative: contact is targeted where outcomes are worst)';
COMMENT ON COLUMN @extschema@.fsp_contact_correlation.academic_year IS 'academic year';
COMMENT ON COLUMN @extschema@.fsp_contact_correlation.centres IS 'centres ranked';
COMMENT ON COLUMN @extschema@.fsp_contact_correlation.rho IS 'Spearman''s rank correlation of fsp_rank and contact_rank, ties averaged';

/*
 * Ofsted's mix for the county and for each lead partner: the share of
 * centres whose latest grade is Good or Outstanding, of those with a
 * recorded grade, against the national benchmark (setting
 * ofsted_good_benchmark).
 */
CREATE VIEW @extschema@.ofsted_summary AS
SELECT x.level, x.unit_id, x.unit_name,
	   count(*)::integer AS centres,
	   count(o.overall_grade)::integer AS graded,
	   count(*) FILTER (WHERE o.overall_grade <= 2)::integer AS good_or_outstanding,
	   CASE WHEN count(o.overall_grade) > 0
			THEN round(100.0 * count(*) FILTER (WHERE o.overall_grade <= 2) / count(o.overall_grade), 1) END AS good_or_outstanding_pct,
	   CASE WHEN count(o.overall_grade) > 0
			THEN @extschema@.ofsted_words(@extschema@.proportion(count(*) FILTER (WHERE o.overall_grade <= 2), count(o.overall_grade))) END AS good_or_outstanding_words,
	   (SELECT value::numeric FROM @extschema@.setting WHERE name = 'ofsted_good_benchmark') AS benchmark_pct,
	   count(*) FILTER (WHERE o.overall_grade = 1)::integer AS outstanding,
	   count(*) FILTER (WHERE o.overall_grade = 2)::integer AS good,
	   count(*) FILTER (WHERE o.overall_grade = 3)::integer AS requires_improvement,
	   count(*) FILTER (WHERE o.overall_grade = 4)::integer AS inadequate,
	   count(*) FILTER (WHERE o.inspection_id IS NOT NULL AND o.overall_grade IS NULL)::integer AS grade_not_recorded,
	   count(*) FILTER (WHERE o.inspection_id IS NULL)::integer AS not_inspected
FROM @extschema@.ofsted_latest_all AS o
JOIN @extschema@.centre AS c USING (centre_id)
LEFT JOIN @extschema@.lot AS l USING (lot_id)
LEFT JOIN @extschema@.lead_partner AS lp ON lp.lead_partner_id = l.lead_partner_id
CROSS JOIN LATERAL (VALUES ('county'::text, 'county'::text, 'County'::text),
						   ('lead_partner', lp.lead_partner_id, lp.name)) AS x(level, unit_id, unit_name)
WHERE x.unit_id IS NOT NULL
  AND (x.level = 'county' OR x.unit_id IN (SELECT v.lead_partner_id FROM @extschema@.visible_lead_partner AS v))
GROUP BY x.level, x.unit_id, x.unit_name;
COMMENT ON VIEW @extschema@.ofsted_summary IS 'Latest Ofsted grades of open centres, county and by lead partner: share Good or Outstanding against the national benchmark';
COMMENT ON COLUMN @extschema@.ofsted_summary.level IS 'county or lead_partner';
COMMENT ON COLUMN @extschema@.ofsted_summary.unit_id IS 'lead partner id, or county';
COMMENT ON COLUMN @extschema@.ofsted_summary.unit_name IS 'lead partner name, or County';
COMMENT ON COLUMN @extschema@.ofsted_summary.centres IS 'open centres';
COMMENT ON COLUMN @extschema@.ofsted_summary.graded IS 'centres whose latest inspection has a recorded overall grade';
COMMENT ON COLUMN @extschema@.ofsted_summary.good_or_outstanding IS 'of them, graded Good or Outstanding';
COMMENT ON COLUMN @extschema@.ofsted_summary.good_or_outstanding_pct IS 'good_or_outstanding as a percentage of graded centres';
COMMENT ON COLUMN @extschema@.ofsted_summary.good_or_outstanding_words IS 'Ofsted''s words for good_or_outstanding_pct';
COMMENT ON COLUMN @extschema@.ofsted_summary.benchmark_pct IS 'national share Good or Outstanding to compare with (setting ofsted_good_benchmark, default 69)';
COMMENT ON COLUMN @extschema@.ofsted_summary.outstanding IS 'centres whose latest grade is Outstanding';
COMMENT ON COLUMN @extschema@.ofsted_summary.good IS 'centres whose latest grade is Good';
COMMENT ON COLUMN @extschema@.ofsted_summary.requires_improvement IS 'centres whose latest grade is Requires improvement';
COMMENT ON COLUMN @extschema@.ofsted_summary.inadequate IS 'centres whose latest grade is Inadequate';
COMMENT ON COLUMN @extschema@.ofsted_summary.grade_not_recorded IS 'centres inspected whose latest grade is not recorded';
COMMENT ON COLUMN @extschema@.ofsted_summary.not_inspected IS 'centres never inspected';

/*
 * Each lead partner per financial year: what it runs, what it costs, whom
 * it reaches, and its Ofsted mix.
 */
CREATE VIEW @extschema@.lead_partner_summary AS
WITH lots AS (
	SELECT lead_partner_id, count(*)::integer AS lots, sum(annual_value) AS annual_value
	FROM @extschema@.lot GROUP BY lead_partner_id
), reach AS (
	SELECT l.lead_partner_id, r.period AS financial_year,
		   count(*)::integer AS centres,
		   sum(r.registered)::bigint AS registered, sum(r.seen)::bigint AS seen, sum(r.sustained)::bigint AS sustained
	FROM @extschema@.centre_reach AS r
	JOIN @extschema@.centre AS c USING (centre_id)
	JOIN @extschema@.lot AS l USING (lot_id)
	WHERE r.kind = 'year'
	GROUP BY l.lead_partner_id, r.period
)
SELECT lp.lead_partner_id, lp.name AS lead_partner, lp.sector, r.financial_year,
	   r.centres, lo.lots, lo.annual_value, r.registered, r.seen, r.sustained,
	   round(lo.annual_value / nullif(r.seen, 0), 2) AS cost_per_seen,
	   o.outstanding, o.good, o.requires_improvement, o.inadequate, o.grade_not_recorded, o.not_inspected
FROM @extschema@.lead_partner AS lp
JOIN reach AS r USING (lead_partner_id)
JOIN lots AS lo USING (lead_partner_id)
LEFT JOIN @extschema@.ofsted_summary AS o ON o.level = 'lead_partner' AND o.unit_id = lp.lead_partner_id
WHERE lp.lead_partner_id IN (SELECT v.lead_partner_id FROM @extschema@.visible_lead_partner AS v);
COMMENT ON VIEW @extschema@.lead_partner_summary IS 'Each lead partner per financial year: centres, lots and annual value, children registered, seen and in sustained contact, cost per child seen, and Ofsted mix';
COMMENT ON COLUMN @extschema@.lead_partner_summary.lead_partner_id IS 'lead partner';
COMMENT ON COLUMN @extschema@.lead_partner_summary.lead_partner IS 'lead partner name';
COMMENT ON COLUMN @extschema@.lead_partner_summary.sector IS 'local_authority, voluntary, health, school or private';
COMMENT ON COLUMN @extschema@.lead_partner_summary.financial_year IS 'financial year, e.g. 2013-14';
COMMENT ON COLUMN @extschema@.lead_partner_summary.centres IS 'centres it runs that were open in the year';
COMMENT ON COLUMN @extschema@.lead_partner_summary.lots IS 'lots it holds';
COMMENT ON COLUMN @extschema@.lead_partner_summary.annual_value IS 'annual value of its lots, pounds';
COMMENT ON COLUMN @extschema@.lead_partner_summary.registered IS 'under-fives registered in its centres'' reach areas at the year end';
COMMENT ON COLUMN @extschema@.lead_partner_summary.seen IS 'under-fives of those areas seen in the year';
COMMENT ON COLUMN @extschema@.lead_partner_summary.sustained IS 'under-fives of those areas in sustained contact in the year';
COMMENT ON COLUMN @extschema@.lead_partner_summary.cost_per_seen IS 'annual value per child seen, pounds';
COMMENT ON COLUMN @extschema@.lead_partner_summary.outstanding IS 'its centres whose latest grade is Outstanding';
COMMENT ON COLUMN @extschema@.lead_partner_summary.good IS 'its centres whose latest grade is Good';
COMMENT ON COLUMN @extschema@.lead_partner_summary.requires_improvement IS 'its centres whose latest grade is Requires improvement';
COMMENT ON COLUMN @extschema@.lead_partner_summary.inadequate IS 'its centres whose latest grade is Inadequate';
COMMENT ON COLUMN @extschema@.lead_partner_summary.grade_not_recorded IS 'its centres inspected without a recorded grade';
COMMENT ON COLUMN @extschema@.lead_partner_summary.not_inspected IS 'its centres never inspected';

/*
 * The data pack: registered, seen and sustained percentages, overall and in
 * the most deprived areas, for every LSOA, centre, group, district and the
 * county, each beside the county's value and the county's range at that
 * level.  The county's value and range come from every unit; a partner
 * then sees the rows of its own units (reach_figures.visible) beside them.
 */
CREATE VIEW @extschema@.data_pack AS
WITH figures AS (
	SELECT r.level, r.unit_id, r.period, r.period_end,
		   m.measure || CASE WHEN r.scope = 'deprived' THEN '_deprived' ELSE '' END AS measure,
		   m.value, r.visible
	FROM surestart_internal.reach_figures AS r
	CROSS JOIN LATERAL (VALUES ('registered_pct', r.registered_pct), ('seen_pct', r.seen_pct),
							   ('sustained_pct', r.sustained_pct)) AS m(measure, value)
)
SELECT f.level, f.unit_id,
	   CASE f.level WHEN 'lsoa' THEN (SELECT name FROM @extschema@.lsoa WHERE lsoa_code = f.unit_id)
					WHEN 'centre' THEN (SELECT name FROM @extschema@.centre WHERE centre_id = f.unit_id)
					WHEN 'district' THEN (SELECT min(district_name) FROM @extschema@.lsoa WHERE district_code = f.unit_id)
					WHEN 'county' THEN 'County'
					ELSE f.unit_id END AS unit_name,
	   f.period, f.measure, f.value, f.county_value, f.county_min, f.county_max
FROM (
	SELECT f.*,
		   max(f.value) FILTER (WHERE f.level = 'county') OVER w_period AS county_value,
		   min(f.value) OVER w_level AS county_min,
		   max(f.value) OVER w_level AS county_max
	FROM figures AS f
	WINDOW w_period AS (PARTITION BY f.period, f.measure),
		   w_level AS (PARTITION BY f.period, f.measure, f.level)
) AS f
WHERE f.visible;
COMMENT ON VIEW @extschema@.data_pack IS 'The data pack in long format: each unit''s registered, seen and sustained percentages (overall and in the most deprived areas) beside the county value and the county''s range at its level';
COMMENT ON COLUMN @extschema@.data_pack.level IS 'lsoa, centre, group, district or county';
COMMENT ON COLUMN @extschema@.data_pack.unit_id IS 'LSOA code, centre id, group id, district code, or county';
COMMENT ON COLUMN @extschema@.data_pack.unit_name IS 'LSOA, centre or district name, group id, or County';
COMMENT ON COLUMN @extschema@.data_pack.period IS 'period label: 2013-14 Q3 or 2013-14';
COMMENT ON COLUMN @extschema@.data_pack.measure IS 'registered_pct, seen_pct, sustained_pct, or the same with _deprived (most deprived LSOAs only)';
COMMENT ON COLUMN @extschema@.data_pack.value IS 'the unit''s percentage of under-fives, one decimal place';
COMMENT ON COLUMN @extschema@.data_pack.county_value IS 'the county''s value of the measure';
COMMENT ON COLUMN @extschema@.data_pack.county_min IS 'lowest value of the measure among the county''s units at this level';
COMMENT ON COLUMN @extschema@.data_pack.county_max IS 'highest value of the measure among the county''s units at this level';
