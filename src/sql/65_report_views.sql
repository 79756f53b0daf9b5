/* src/sql/65_report_views.sql: Ofsted status, value for money, outcomes against contact */

/*
 * A centre's latest inspection is its most recent one that took place
 * (postponed and cancelled inspections do not count); a group inspection
 * counts for every centre it lists.
 */
CREATE VIEW surestart_internal.ofsted_latest_all AS
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
FROM surestart_internal.ofsted_latest_all
WHERE centre_id IN (SELECT v.centre_id FROM surestart_internal.visible_centre AS v);
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
COMMENT ON VIEW surestart_internal.ofsted_latest_all IS 'ofsted_latest for every open centre, whoever asks: the base of ofsted_summary (a building block: no reporting role may read it)';


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
	WHERE l.lead_partner_id IN (SELECT v.lead_partner_id FROM surestart_internal.visible_lead_partner AS v)
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
 * Outcomes against contact (Norfolk 4.2.2).  The EYFS results of academic
 * year 2012/13 are published in the autumn of 2013, so they are set against
 * contact in the financial year they were published in, 2013-14
 * (contact_period), as Norfolk's March 2014 report did: a view pairing
 * same-numbered years could never show the current year.  Pupils count for
 * the centre whose reach area held their LSOA on the reference date of
 * contact_period (31 March 2014), the area seen_pct counts.  seen_pct and
 * its counts are the kept figures of that year (centre_reach_scoped).
 * Centres with pupils and a seen_pct are ranked (1 = best, ties share the
 * lower rank) on the percentages as shown; quartiles are ceil(4 rank / n).
 *
 * Rankings that say when they mean nothing: beside each rate its 95%
 * Wilson score interval, whether the centre differs from the county at 95%
 * (the interval lies wholly above or below the county's pooled rate, the
 * Fingertips comparison with a benchmark), and whether the interval reaches
 * a neighbouring quartile (it spans a quartile boundary: the lowest rate of
 * the quartile above, or the highest of the quartile below, lies within it),
 * in which case the quartile is not a safe label.
 */
CREATE VIEW surestart_internal.fsp_contact_ranking_all AS
WITH pupil AS (
	SELECT DISTINCT ON (e.pupil_id)
		   e.pupil_id, e.academic_year, e.gld, e.fsm, a.centre_id
	FROM @extschema@.eyfs_result AS e
	JOIN @extschema@.reach_area AS a
	  ON a.lsoa_code = e.lsoa_code
	 AND a.valid_from <= make_date(substr(e.academic_year, 1, 4)::integer + 2, 3, 31)
	 AND (a.valid_to IS NULL OR a.valid_to >= make_date(substr(e.academic_year, 1, 4)::integer + 2, 3, 31))
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
	SELECT r.*, y.contact_period, @extschema@.percent_of(r.gld, r.pupils) AS gld_pct,
		   cr.seen_pct, cr.seen, cr.under_fives
	FROM results AS r
	CROSS JOIN LATERAL (SELECT (substr(r.academic_year, 1, 4)::integer + 1)::text || '-'
							   || lpad(((substr(r.academic_year, 1, 4)::integer + 2) % 100)::text, 2, '0') AS contact_period) AS y
	LEFT JOIN surestart_internal.centre_reach_scoped AS cr
	  ON cr.scope = 'all' AND cr.centre_id = r.centre_id AND cr.kind = 'year' AND cr.period = y.contact_period
), ranked AS (
	SELECT b.*,
		   CASE WHEN b.seen_pct IS NOT NULL THEN rank() OVER (PARTITION BY b.academic_year, b.seen_pct IS NOT NULL ORDER BY b.gld_pct DESC) END AS fsp_rank,
		   CASE WHEN b.seen_pct IS NOT NULL THEN rank() OVER (PARTITION BY b.academic_year, b.seen_pct IS NOT NULL ORDER BY b.seen_pct DESC) END AS contact_rank,
		   count(b.seen_pct) OVER (PARTITION BY b.academic_year) AS ranked,
		   -- the county's pooled rates over the ranked centres (never an average of rates)
		   sum(b.gld) FILTER (WHERE b.seen_pct IS NOT NULL) OVER (PARTITION BY b.academic_year)::float8
			   / nullif(sum(b.pupils) FILTER (WHERE b.seen_pct IS NOT NULL) OVER (PARTITION BY b.academic_year), 0) AS county_gld,
		   sum(b.seen) FILTER (WHERE b.seen_pct IS NOT NULL) OVER (PARTITION BY b.academic_year)::float8
			   / nullif(sum(b.under_fives) FILTER (WHERE b.seen_pct IS NOT NULL) OVER (PARTITION BY b.academic_year), 0) AS county_seen,
		   (@extschema@.wilson_interval(@extschema@.proportion(b.gld, b.pupils), 0.95)).*
	FROM both_measures AS b
), quartered AS (
	SELECT r.*,
		   @extschema@.quartile_of(r.fsp_rank, r.ranked) AS fsp_quartile,
		   @extschema@.quartile_of(r.contact_rank, r.ranked) AS contact_quartile,
		   w.low AS seen_low, w.high AS seen_high
	FROM ranked AS r
	LEFT JOIN LATERAL @extschema@.wilson_interval(
		CASE WHEN r.seen_pct IS NOT NULL AND r.seen <= r.under_fives THEN @extschema@.proportion(r.seen, r.under_fives) END,
		0.95) AS w ON true
), bounds AS (
	-- each quartile's range of rates as shown, to find the neighbours' edges
	SELECT q.*,
		   min(q.gld_pct) OVER (PARTITION BY q.academic_year, q.fsp_quartile) AS gld_q_min,
		   max(q.gld_pct) OVER (PARTITION BY q.academic_year, q.fsp_quartile) AS gld_q_max,
		   min(q.seen_pct) OVER (PARTITION BY q.academic_year, q.contact_quartile) AS seen_q_min,
		   max(q.seen_pct) OVER (PARTITION BY q.academic_year, q.contact_quartile) AS seen_q_max
	FROM quartered AS q
	WHERE q.fsp_rank IS NOT NULL
)
SELECT q.centre_id, c.name AS centre, q.academic_year, q.contact_period, q.pupils, q.gld, q.gld_pct,
	   q.fsp_rank, q.seen_pct, q.contact_rank, q.fsp_quartile, q.contact_quartile,
	   @extschema@.quartile_name(q.fsp_quartile) AS fsp_quartile_name,
	   q.fsp_quartile = 4 AND q.contact_quartile = 1 AS low_outcome_high_contact,
	   q.fsm_pupils, q.fsm_gld,
	   @extschema@.percent_of(q.fsm_gld, q.fsm_pupils) AS fsm_gld_pct,
	   q.other_pupils, q.other_gld,
	   @extschema@.percent_of(q.other_gld, q.other_pupils) AS other_gld_pct,
	   CASE WHEN q.fsm_pupils > 0 AND q.other_pupils > 0
			THEN round(100.0 * q.other_gld / q.other_pupils - 100.0 * q.fsm_gld / q.fsm_pupils, 1) END AS fsm_gap,
	   round((100 * q.low)::numeric, 1) AS gld_low_95, round((100 * q.high)::numeric, 1) AS gld_high_95,
	   round((100 * q.seen_low)::numeric, 1) AS seen_low_95, round((100 * q.seen_high)::numeric, 1) AS seen_high_95,
	   q.seen, q.under_fives,
	   round((100 * q.county_gld)::numeric, 1) AS county_gld_pct,
	   round((100 * q.county_seen)::numeric, 1) AS county_seen_pct,
	   CASE WHEN q.fsp_rank IS NULL OR q.county_gld IS NULL THEN NULL
			WHEN q.low > q.county_gld THEN 'higher' WHEN q.high < q.county_gld THEN 'lower' ELSE 'similar' END AS gld_vs_county,
	   CASE WHEN q.seen_low IS NULL OR q.county_seen IS NULL THEN NULL
			WHEN q.seen_low > q.county_seen THEN 'higher' WHEN q.seen_high < q.county_seen THEN 'lower' ELSE 'similar' END AS seen_vs_county,
	   CASE WHEN q.fsp_rank IS NOT NULL THEN
		   coalesce((SELECT max(o.gld_q_min) FROM bounds AS o
					 WHERE o.academic_year = q.academic_year AND o.fsp_quartile = q.fsp_quartile - 1) <= 100 * q.high, false)
		   OR coalesce((SELECT min(o.gld_q_max) FROM bounds AS o
						WHERE o.academic_year = q.academic_year AND o.fsp_quartile = q.fsp_quartile + 1) >= 100 * q.low, false) END
		   AS fsp_quartile_uncertain,
	   CASE WHEN q.contact_rank IS NOT NULL AND q.seen_low IS NOT NULL THEN
		   coalesce((SELECT max(o.seen_q_min) FROM bounds AS o
					 WHERE o.academic_year = q.academic_year AND o.contact_quartile = q.contact_quartile - 1) <= 100 * q.seen_high, false)
		   OR coalesce((SELECT min(o.seen_q_max) FROM bounds AS o
						WHERE o.academic_year = q.academic_year AND o.contact_quartile = q.contact_quartile + 1) >= 100 * q.seen_low, false) END
		   AS contact_quartile_uncertain,
	   (SELECT k.value FROM @extschema@.comparator AS k
		WHERE k.measure = 'gld_pct' AND k.period = q.academic_year AND k.scope = 'national') AS comparator_gld_national,
	   (SELECT k.value FROM @extschema@.comparator AS k
		WHERE k.measure = 'gld_pct' AND k.period = q.academic_year AND k.scope = 'statistical_neighbours') AS comparator_gld_neighbours,
	   (SELECT k.value FROM @extschema@.comparator AS k
		WHERE k.measure = 'gld_pct' AND k.period = q.academic_year AND k.scope = 'region') AS comparator_gld_region
FROM quartered AS q
JOIN @extschema@.centre AS c ON c.centre_id = q.centre_id;

/* Ranks are among every centre; users read the rows of the centres they may see. */
CREATE VIEW @extschema@.fsp_contact_ranking AS
SELECT centre_id, centre, academic_year, contact_period, pupils, gld, gld_pct, fsp_rank, seen_pct, contact_rank,
	   fsp_quartile, contact_quartile, fsp_quartile_name, low_outcome_high_contact, fsm_pupils, fsm_gld, fsm_gld_pct,
	   other_pupils, other_gld, other_gld_pct, fsm_gap,
	   gld_low_95, gld_high_95, seen_low_95, seen_high_95, seen, under_fives, county_gld_pct, county_seen_pct,
	   gld_vs_county, seen_vs_county, fsp_quartile_uncertain, contact_quartile_uncertain,
	   comparator_gld_national, comparator_gld_neighbours, comparator_gld_region
FROM surestart_internal.fsp_contact_ranking_all
WHERE centre_id IN (SELECT v.centre_id FROM surestart_internal.visible_centre AS v);
COMMENT ON VIEW @extschema@.fsp_contact_ranking IS 'Foundation Stage Profile outcomes (GLD) of each reach area against its contact rate in the financial year the results were published (2012/13 against 2013-14), ranked and in quartiles, with 95% intervals, the comparison with the county and the free-school-meals gap';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.centre_id IS 'centre';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.centre IS 'centre name';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.academic_year IS 'academic year of the EYFS profile, e.g. 2012/13';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.contact_period IS 'financial year whose contact the results are set against: the one they were published in (2012/13, published in the autumn of 2013: 2013-14)';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.pupils IS 'pupils assessed who live in the reach area (on the last day of contact_period)';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.gld IS 'of them, pupils reaching a Good Level of Development';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.gld_pct IS 'GLD rate, per cent, one decimal place';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.fsp_rank IS 'rank by gld_pct among ranked centres, 1 = best; ties share the lower rank; null if not ranked (no seen_pct)';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.seen_pct IS 'seen_pct of centre_reach for contact_period (2012/13: 2013-14)';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.contact_rank IS 'rank by seen_pct, 1 = most contact; ties share the lower rank';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.fsp_quartile IS 'quartile of fsp_rank: ceil(4 rank / n), 1 = top';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.contact_quartile IS 'quartile of contact_rank, 1 = top';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.fsp_quartile_name IS 'report wording of fsp_quartile';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.low_outcome_high_contact IS 'bottom FSP quartile (4) with top contact quartile (1): much contact, poor outcomes (Norfolk 4.2.2); null if not ranked';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.fsm_pupils IS 'pupils eligible for free school meals';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.fsm_gld IS 'of them, reaching GLD';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.fsm_gld_pct IS 'GLD rate of FSM pupils, per cent';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.other_pupils IS 'pupils known not to be eligible for free school meals';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.other_gld IS 'of them, reaching GLD';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.other_gld_pct IS 'GLD rate of other pupils, per cent';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.fsm_gap IS 'FSM gap: GLD rate of other pupils minus that of FSM pupils, from counts, rounded last (points)';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.gld_low_95 IS 'lower end of the 95% Wilson score interval of gld_pct (gld of pupils), per cent';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.gld_high_95 IS 'upper end of the 95% Wilson score interval of gld_pct, per cent';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.seen_low_95 IS 'lower end of the 95% Wilson score interval of seen_pct (seen of under_fives), per cent; null when more were seen than the estimate of under-fives';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.seen_high_95 IS 'upper end of the 95% Wilson score interval of seen_pct, per cent';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.seen IS 'under-fives of the reach area seen in contact_period (the numerator of seen_pct)';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.under_fives IS 'under-fives of the reach area (the denominator of seen_pct)';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.county_gld_pct IS 'the county''s GLD rate: pupils of every ranked centre pooled, per cent';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.county_seen_pct IS 'the county''s seen rate: seen and under-fives of every ranked centre pooled, per cent';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.gld_vs_county IS 'higher or lower when the 95% interval of gld_pct lies wholly above or below the county''s pooled rate, else similar: whether fsp_rank means anything';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.seen_vs_county IS 'higher or lower when the 95% interval of seen_pct lies wholly above or below the county''s pooled rate, else similar: whether contact_rank means anything';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.fsp_quartile_uncertain IS 'the 95% interval of gld_pct spans a quartile boundary: it reaches the lowest rate of the quartile above or the highest of the quartile below, so fsp_quartile is not a safe label';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.contact_quartile_uncertain IS 'the 95% interval of seen_pct spans a quartile boundary (as fsp_quartile_uncertain), so contact_quartile is not a safe label';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.comparator_gld_national IS 'England''s GLD rate for the academic year (table comparator, measure gld_pct, scope national; import_eyfs_headline loads DfE''s); null if none is loaded';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.comparator_gld_neighbours IS 'the statistical neighbours'' GLD rate for the academic year (table comparator)';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.comparator_gld_region IS 'the region''s GLD rate for the academic year (table comparator)';
COMMENT ON VIEW surestart_internal.fsp_contact_ranking_all IS 'fsp_contact_ranking for every centre, whoever asks: the base of fsp_contact_correlation and fsp_contact_grid (a building block: no reporting role may read it)';

/*
 * The 4 x 4 table an officer takes to the lead-partner meeting: for each
 * academic year, every pair of FSP quartile and contact quartile (all
 * sixteen, empty ones included), the number of ranked centres in it and
 * their names.  Every ranked centre is counted, whoever asks (as
 * fsp_contact_correlation counts them); a partner sees the names of its own
 * centres only, as it sees only their rows of fsp_contact_ranking.
 */
CREATE VIEW @extschema@.fsp_contact_grid AS
SELECT y.academic_year, y.contact_period, f.q AS fsp_quartile, @extschema@.quartile_name(f.q) AS fsp_quartile_name,
	   k.q AS contact_quartile,
	   count(r.centre_id)::integer AS centres,
	   coalesce(string_agg(r.centre, ', ' ORDER BY r.centre, r.centre_id)
				FILTER (WHERE r.centre_id IN (SELECT v.centre_id FROM surestart_internal.visible_centre AS v)), '') AS centre_names,
	   f.q = 4 AND k.q = 1 AS low_outcome_high_contact
FROM (SELECT DISTINCT academic_year, contact_period FROM surestart_internal.fsp_contact_ranking_all WHERE fsp_rank IS NOT NULL) AS y
CROSS JOIN generate_series(1, 4) AS f(q)
CROSS JOIN generate_series(1, 4) AS k(q)
LEFT JOIN surestart_internal.fsp_contact_ranking_all AS r
  ON r.academic_year = y.academic_year AND r.fsp_quartile = f.q AND r.contact_quartile = k.q
GROUP BY y.academic_year, y.contact_period, f.q, k.q;
COMMENT ON VIEW @extschema@.fsp_contact_grid IS 'FSP quartile against contact quartile per academic year: how many centres fall in each of the sixteen cells and which (Norfolk 4.2.2)';
COMMENT ON COLUMN @extschema@.fsp_contact_grid.academic_year IS 'academic year of the EYFS profile, e.g. 2012/13';
COMMENT ON COLUMN @extschema@.fsp_contact_grid.contact_period IS 'financial year of the contact the results are set against (2012/13: 2013-14)';
COMMENT ON COLUMN @extschema@.fsp_contact_grid.fsp_quartile IS 'FSP quartile, 1 = best outcomes';
COMMENT ON COLUMN @extschema@.fsp_contact_grid.fsp_quartile_name IS 'report wording of fsp_quartile';
COMMENT ON COLUMN @extschema@.fsp_contact_grid.contact_quartile IS 'contact quartile, 1 = most contact';
COMMENT ON COLUMN @extschema@.fsp_contact_grid.centres IS 'ranked centres in the cell (0 for an empty cell)';
COMMENT ON COLUMN @extschema@.fsp_contact_grid.centre_names IS 'their names, comma-separated in name order (a partner: of its own centres only); empty for an empty cell';
COMMENT ON COLUMN @extschema@.fsp_contact_grid.low_outcome_high_contact IS 'the cell of bottom FSP quartile and top contact quartile';

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
			WHERE a.attrelid = pg_catalog.format('surestart_internal.%I', pair[1])::pg_catalog.regclass
			  AND a.attnum > 0
		LOOP
			EXECUTE pg_catalog.format('COMMENT ON COLUMN surestart_internal.%I.%I IS %L', pair[1], col.attname, col.text);
		END LOOP;
	END LOOP;
END
$$;

CREATE VIEW @extschema@.fsp_contact_correlation AS
SELECT academic_year,
	   count(fsp_rank)::integer AS centres,
	   @extschema@.rank_correlation(fsp_rank, contact_rank)::numeric AS rho
FROM surestart_internal.fsp_contact_ranking_all
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
	   @extschema@.percent_of(count(*) FILTER (WHERE o.overall_grade <= 2), count(o.overall_grade)) AS good_or_outstanding_pct,
	   CASE WHEN count(o.overall_grade) > 0
			THEN @extschema@.ofsted_words(@extschema@.proportion(count(*) FILTER (WHERE o.overall_grade <= 2), count(o.overall_grade))) END AS good_or_outstanding_words,
	   (SELECT value::numeric FROM @extschema@.setting WHERE name = 'ofsted_good_benchmark') AS benchmark_pct,
	   count(*) FILTER (WHERE o.overall_grade = 1)::integer AS outstanding,
	   count(*) FILTER (WHERE o.overall_grade = 2)::integer AS good,
	   count(*) FILTER (WHERE o.overall_grade = 3)::integer AS requires_improvement,
	   count(*) FILTER (WHERE o.overall_grade = 4)::integer AS inadequate,
	   count(*) FILTER (WHERE o.inspection_id IS NOT NULL AND o.overall_grade IS NULL)::integer AS grade_not_recorded,
	   count(*) FILTER (WHERE o.inspection_id IS NULL)::integer AS not_inspected
FROM surestart_internal.ofsted_latest_all AS o
JOIN @extschema@.centre AS c USING (centre_id)
LEFT JOIN @extschema@.lot AS l USING (lot_id)
LEFT JOIN @extschema@.lead_partner AS lp ON lp.lead_partner_id = l.lead_partner_id
CROSS JOIN LATERAL (VALUES ('county'::text, 'county'::text, 'County'::text),
						   ('lead_partner', lp.lead_partner_id, lp.name)) AS x(level, unit_id, unit_name)
WHERE x.unit_id IS NOT NULL
  AND (x.level = 'county' OR x.unit_id IN (SELECT v.lead_partner_id FROM surestart_internal.visible_lead_partner AS v))
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
WHERE lp.lead_partner_id IN (SELECT v.lead_partner_id FROM surestart_internal.visible_lead_partner AS v);
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
 * The names and intervals (exact, and rounded for show) are stored with
 * the sums (unit_figure); the ranges are worked out per unit before each
 * unit becomes three rows, so an England-sized period sorts 49,000 rows,
 * not 147,000.
 */
CREATE VIEW @extschema@.data_pack AS
SELECT u.level, u.unit_id, u.unit_name, u.period, m.measure, m.value, m.county_value, m.county_min, m.county_max,
	   m.low_95, m.high_95,
	   CASE WHEN u.level = 'county' OR m.low IS NULL OR m.county_rate IS NULL THEN NULL
			WHEN m.low > m.county_rate THEN 'higher' WHEN m.high < m.county_rate THEN 'lower' ELSE 'similar' END AS vs_county,
	   k.national AS comparator_national, k.neighbours AS comparator_neighbours, k.region AS comparator_region
FROM (
	SELECT r.level, r.unit_id, r.unit_name, r.period, r.scope, r.visible,
		   r.registered_pct, r.seen_pct, r.sustained_pct,
		   r.registered_low, r.registered_high, r.seen_low, r.seen_high, r.sustained_low, r.sustained_high,
		   r.registered_low_95, r.registered_high_95, r.seen_low_95, r.seen_high_95, r.sustained_low_95, r.sustained_high_95,
		   min(r.registered_pct) OVER w_level AS registered_min, max(r.registered_pct) OVER w_level AS registered_max,
		   min(r.seen_pct) OVER w_level AS seen_min, max(r.seen_pct) OVER w_level AS seen_max,
		   min(r.sustained_pct) OVER w_level AS sustained_min, max(r.sustained_pct) OVER w_level AS sustained_max,
		   max(r.registered_pct) FILTER (WHERE r.level = 'county') OVER w_county AS county_registered_pct,
		   max(r.seen_pct) FILTER (WHERE r.level = 'county') OVER w_county AS county_seen_pct,
		   max(r.sustained_pct) FILTER (WHERE r.level = 'county') OVER w_county AS county_sustained_pct,
		   max(r.registered) FILTER (WHERE r.level = 'county') OVER w_county AS county_registered,
		   max(r.seen) FILTER (WHERE r.level = 'county') OVER w_county AS county_seen,
		   max(r.sustained) FILTER (WHERE r.level = 'county') OVER w_county AS county_sustained,
		   max(r.under_fives) FILTER (WHERE r.level = 'county') OVER w_county AS county_under_fives
	FROM surestart_internal.reach_figures AS r
	WINDOW w_county AS (PARTITION BY r.period, r.scope),
		   w_level AS (PARTITION BY r.period, r.scope, r.level)
) AS u
-- each unit as three rows, one a measure (a CASE per column is cheaper
-- than a lateral VALUES list per row)
CROSS JOIN (VALUES (1), (2), (3)) AS n(i)
CROSS JOIN LATERAL (
	SELECT CASE WHEN u.scope = 'deprived' THEN 'deprived_' ELSE '' END
		   || CASE n.i WHEN 1 THEN 'registered_pct' WHEN 2 THEN 'seen_pct' ELSE 'sustained_pct' END AS measure,
		   CASE n.i WHEN 1 THEN u.registered_pct WHEN 2 THEN u.seen_pct ELSE u.sustained_pct END AS value,
		   CASE n.i WHEN 1 THEN u.county_registered_pct WHEN 2 THEN u.county_seen_pct ELSE u.county_sustained_pct END AS county_value,
		   CASE n.i WHEN 1 THEN u.registered_min WHEN 2 THEN u.seen_min ELSE u.sustained_min END AS county_min,
		   CASE n.i WHEN 1 THEN u.registered_max WHEN 2 THEN u.seen_max ELSE u.sustained_max END AS county_max,
		   CASE n.i WHEN 1 THEN u.registered_low WHEN 2 THEN u.seen_low ELSE u.sustained_low END AS low,
		   CASE n.i WHEN 1 THEN u.registered_high WHEN 2 THEN u.seen_high ELSE u.sustained_high END AS high,
		   CASE n.i WHEN 1 THEN u.registered_low_95 WHEN 2 THEN u.seen_low_95 ELSE u.sustained_low_95 END AS low_95,
		   CASE n.i WHEN 1 THEN u.registered_high_95 WHEN 2 THEN u.seen_high_95 ELSE u.sustained_high_95 END AS high_95,
		   (CASE n.i WHEN 1 THEN u.county_registered WHEN 2 THEN u.county_seen ELSE u.county_sustained END)::float8
			   / nullif(u.county_under_fives, 0) AS county_rate
) AS m
LEFT JOIN (SELECT c.measure, c.period,
				  max(c.value) FILTER (WHERE c.scope = 'national') AS national,
				  max(c.value) FILTER (WHERE c.scope = 'statistical_neighbours') AS neighbours,
				  max(c.value) FILTER (WHERE c.scope = 'region') AS region
		   FROM @extschema@.comparator AS c
		   GROUP BY c.measure, c.period) AS k
  ON k.measure = m.measure AND k.period = u.period
WHERE u.visible;
COMMENT ON VIEW @extschema@.data_pack IS 'The data pack in long format: each unit''s registered, seen and sustained percentages (overall and in the most deprived areas) beside the county value and the county''s range at its level';
COMMENT ON COLUMN @extschema@.data_pack.level IS 'lsoa, centre, group, district or county';
COMMENT ON COLUMN @extschema@.data_pack.unit_id IS 'LSOA code, centre id, group id, district code, or county';
COMMENT ON COLUMN @extschema@.data_pack.unit_name IS 'LSOA, centre or district name, group id, or County';
COMMENT ON COLUMN @extschema@.data_pack.period IS 'period label: 2013-14 Q3 or 2013-14';
COMMENT ON COLUMN @extschema@.data_pack.measure IS 'registered_pct, seen_pct, sustained_pct, or the same prefixed deprived_ (most deprived LSOAs only), as the scorecard''s measure codes';
COMMENT ON COLUMN @extschema@.data_pack.value IS 'the unit''s percentage of under-fives, one decimal place';
COMMENT ON COLUMN @extschema@.data_pack.county_value IS 'the county''s value of the measure';
COMMENT ON COLUMN @extschema@.data_pack.county_min IS 'lowest value of the measure among the county''s units at this level';
COMMENT ON COLUMN @extschema@.data_pack.county_max IS 'highest value of the measure among the county''s units at this level';
COMMENT ON COLUMN @extschema@.data_pack.low_95 IS 'lower end of the 95% Wilson score interval of value (the count of under-fives), per cent; null when the count passes the estimate of under-fives';
COMMENT ON COLUMN @extschema@.data_pack.high_95 IS 'upper end of the 95% Wilson score interval of value, per cent';
COMMENT ON COLUMN @extschema@.data_pack.comparator_national IS 'the published national value of the measure for the period (table comparator, scope national); null if none is loaded';
COMMENT ON COLUMN @extschema@.data_pack.comparator_neighbours IS 'the statistical neighbours'' value (table comparator, scope statistical_neighbours)';
COMMENT ON COLUMN @extschema@.data_pack.comparator_region IS 'the region''s value (table comparator, scope region)';
COMMENT ON COLUMN @extschema@.data_pack.vs_county IS 'higher or lower when the 95% interval lies wholly above or below the county''s rate (its pooled counts), else similar: whether the unit differs from the county at 95%; null for the county and without an interval';
