/* src/sql/65_report_views.sql: Ofsted status, value for money, outcomes against contact */

/*
 * A centre's latest inspection is its most recent one that took place
 * (postponed and cancelled inspections do not count); a group inspection
 * counts for every centre it lists.
 */
CREATE VIEW @extschema@.ofsted_latest AS
SELECT c.centre_id, c.name AS centre,
	   i.inspection_id, i.inspected_on, i.framework,
	   i.overall::text AS overall, i.overall::integer AS overall_grade,
	   i.access::text AS access, i.quality::text AS quality, i.leadership::text AS leadership,
	   d.next_due,
	   d.next_due < current_date AS overdue
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
WHERE c.closed_on IS NULL OR c.closed_on >= current_date;
COMMENT ON VIEW @extschema@.ofsted_latest IS 'Each open centre''s latest Ofsted inspection (group inspections count for every centre listed), when the next is due and whether it is overdue';
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
COMMENT ON COLUMN @extschema@.ofsted_latest.overdue IS 'next_due is before today';

/*
 * Value for money: a lot's annual value against the children its centres
 * registered, saw and worked with in each financial year.
 */
CREATE VIEW @extschema@.contract_value AS
SELECT l.lot_id, l.lead_partner_id, r.period AS financial_year, l.annual_value,
	   sum(r.registered)::bigint AS registered,
	   sum(r.seen)::bigint AS seen,
	   sum(r.sustained)::bigint AS sustained,
	   round(l.annual_value / nullif(sum(r.registered), 0), 2) AS cost_per_registered,
	   round(l.annual_value / nullif(sum(r.seen), 0), 2) AS cost_per_seen,
	   round(l.annual_value / nullif(sum(r.sustained), 0), 2) AS cost_per_sustained,
	   count(*)::integer AS centres
FROM @extschema@.lot AS l
JOIN @extschema@.centre AS c USING (lot_id)
JOIN @extschema@.centre_reach AS r ON r.centre_id = c.centre_id AND r.kind = 'year'
GROUP BY l.lot_id, l.lead_partner_id, l.annual_value, r.period;
COMMENT ON VIEW @extschema@.contract_value IS 'Value for money per lot and financial year: annual value per child registered, seen and in sustained contact';
COMMENT ON COLUMN @extschema@.contract_value.lot_id IS 'lot';
COMMENT ON COLUMN @extschema@.contract_value.lead_partner_id IS 'lead partner running the lot';
COMMENT ON COLUMN @extschema@.contract_value.financial_year IS 'financial year, e.g. 2013-14';
COMMENT ON COLUMN @extschema@.contract_value.annual_value IS 'annual value of the lot, in pounds';
COMMENT ON COLUMN @extschema@.contract_value.registered IS 'under-fives registered in the reach areas of the lot''s centres at the year end';
COMMENT ON COLUMN @extschema@.contract_value.seen IS 'under-fives of those reach areas seen in the year';
COMMENT ON COLUMN @extschema@.contract_value.sustained IS 'under-fives of those reach areas in sustained contact in the year';
COMMENT ON COLUMN @extschema@.contract_value.cost_per_registered IS 'annual value per child registered, pounds (null when none)';
COMMENT ON COLUMN @extschema@.contract_value.cost_per_seen IS 'annual value per child seen, pounds (null when none)';
COMMENT ON COLUMN @extschema@.contract_value.cost_per_sustained IS 'annual value per child in sustained contact, pounds (null when none)';
COMMENT ON COLUMN @extschema@.contract_value.centres IS 'centres of the lot reported in the year';

/*
 * Outcomes against contact.  Pupils count for the centre whose reach area
 * held their LSOA at the end of the financial year with the same years
 * (2012/13 -> 31 March 2013), which is also the period of seen_pct.
 * Centres with pupils and a seen_pct are ranked (1 = best, ties share the
 * lower rank) on the percentages as shown.
 */
CREATE VIEW @extschema@.fsp_contact_ranking AS
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
	LEFT JOIN @extschema@.centre_reach AS cr
	  ON cr.centre_id = r.centre_id AND cr.kind = 'year' AND cr.period = replace(r.academic_year, '/', '-')
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

CREATE VIEW @extschema@.fsp_contact_correlation AS
SELECT academic_year,
	   count(fsp_rank)::integer AS centres,
	   @extschema@.rank_correlation(fsp_rank, contact_rank)::numeric AS rho
FROM @extschema@.fsp_contact_ranking
GROUP BY academic_year;
COMMENT ON VIEW @extschema@.fsp_contact_correlation IS 'Spearman''s rho between the FSP and contact ranks per academic year (negative: contact is targeted where outcomes are worst)';
COMMENT ON COLUMN @extschema@.fsp_contact_correlation.academic_year IS 'academic year';
COMMENT ON COLUMN @extschema@.fsp_contact_correlation.centres IS 'centres ranked';
COMMENT ON COLUMN @extschema@.fsp_contact_correlation.rho IS 'Spearman''s rank correlation of fsp_rank and contact_rank, ties averaged';
