/* src/sql/80_performance.sql: targets, scorecard, contact profile, governance and inspection risk views */

/* ---------------------------------------------------------------- targets and the scorecard */

/*
 * Each centre's target for each measure and financial year: its own row in
 * centre_target if it has one, else the county-wide default (centre_id null).
 */
CREATE VIEW @extschema@.effective_target AS
SELECT c.centre_id, t.measure, t.financial_year, t.target, t.amber_within,
	   CASE WHEN t.centre_id IS NULL THEN 'county' ELSE 'centre' END AS target_scope,
	   t.due_on
FROM @extschema@.centre AS c
JOIN @extschema@.centre_target AS t
  ON t.centre_id = c.centre_id
  OR (t.centre_id IS NULL
	  AND NOT EXISTS (SELECT 1 FROM @extschema@.centre_target AS o
					  WHERE o.centre_id = c.centre_id AND o.measure = t.measure
						AND o.financial_year = t.financial_year))
WHERE c.centre_id IN (SELECT v.centre_id FROM @extschema@.visible_centre AS v);
COMMENT ON VIEW @extschema@.effective_target IS 'The target that applies to each centre, measure and financial year: the centre''s own, else the county-wide default';
COMMENT ON COLUMN @extschema@.effective_target.centre_id IS 'centre';
COMMENT ON COLUMN @extschema@.effective_target.measure IS 'scorecard measure code';
COMMENT ON COLUMN @extschema@.effective_target.financial_year IS 'financial year of the target, e.g. 2013-14';
COMMENT ON COLUMN @extschema@.effective_target.target IS 'target value (percentage points)';
COMMENT ON COLUMN @extschema@.effective_target.amber_within IS 'points below target still rated amber';
COMMENT ON COLUMN @extschema@.effective_target.target_scope IS 'centre: the centre''s own target; county: the county-wide default';
COMMENT ON COLUMN @extschema@.effective_target.due_on IS 'the date the target is for (a quarter end); null = the year''s end';

/*
 * The actual value of every measure per centre and period (only measures
 * some target names are worked out: each branch is skipped when no target
 * names a measure of its source).  Percentages are rounded to one decimal
 * place as the source views show them.  Take-up is a state, like
 * registration: it is read from the term in progress on the reference date
 * (term_start: a quarter ending 30 June, the term from 1 April; 30
 * September and 31 December, 1 September; 31 March, and so a financial
 * year, 1 January).  Why an actual is null is said by scorecard, which also
 * knows the measures without a row here.
 */
CREATE VIEW @extschema@.scorecard_actual AS
SELECT r.centre_id, r.period, CASE r.scope WHEN 'all' THEN '' ELSE 'deprived_' END || m.measure AS measure, m.actual
FROM surestart_internal.centre_reach_scoped AS r
CROSS JOIN LATERAL (VALUES ('registered_pct', r.registered_pct), ('seen_pct', r.seen_pct),
						   ('sustained_pct', r.sustained_pct)) AS m(measure, actual)
WHERE EXISTS (SELECT 1 FROM @extschema@.centre_target AS t JOIN @extschema@.scorecard_measure AS s ON s.code = t.measure
			  WHERE s.source IN ('centre_reach', 'centre_reach_deprived'))
UNION ALL
SELECT cc.centre_id, cc.period, 'coverage_' || r.target_group, @extschema@.percent(r.any_contact)
FROM surestart_internal.centre_coverage AS cc
CROSS JOIN LATERAL @extschema@.coverage_rows(cc.coverage) AS r
JOIN @extschema@.target_group AS g ON g.code = r.target_group AND g.national
WHERE EXISTS (SELECT 1 FROM @extschema@.centre_target AS t JOIN @extschema@.scorecard_measure AS s ON s.code = t.measure
			  WHERE s.source = 'target_group_coverage')
UNION ALL
SELECT t.centre_id, p.period, 'two_year_take_up',
	   CASE WHEN t.dwp_eligible > 0 THEN round(100.0 * t.taken_up_dwp / t.dwp_eligible, 1) END
FROM @extschema@.reporting_period AS p
JOIN (SELECT ctc.centre_id, tp.term_start,
			 count(*) FILTER (WHERE tp.dwp_eligible) AS dwp_eligible,
			 count(*) FILTER (WHERE tp.dwp_eligible AND tp.taken_up) AS taken_up_dwp
	  FROM @extschema@.two_year_place AS tp
	  JOIN @extschema@.child_term_centre AS ctc USING (child_id, term_start)
	  GROUP BY ctc.centre_id, tp.term_start) AS t
  ON t.term_start = @extschema@.term_start(p.period_end)
WHERE EXISTS (SELECT 1 FROM @extschema@.centre_target AS t JOIN @extschema@.scorecard_measure AS s ON s.code = t.measure
			  WHERE s.source = 'two_year_take_up')
UNION ALL
SELECT t.centre_id, p.period, 'three_four_take_up', t.take_up_pct
FROM @extschema@.reporting_period AS p
JOIN @extschema@.three_four_take_up AS t
  ON t.term_start = @extschema@.term_start(p.period_end)
WHERE EXISTS (SELECT 1 FROM @extschema@.centre_target AS t JOIN @extschema@.scorecard_measure AS s ON s.code = t.measure
			  WHERE s.source = 'three_four_take_up');
COMMENT ON VIEW @extschema@.scorecard_actual IS 'Actual value of each scorecard measure per centre and period (only measures some target names); take-up from the term in progress on the reference date';
COMMENT ON COLUMN @extschema@.scorecard_actual.centre_id IS 'centre';
COMMENT ON COLUMN @extschema@.scorecard_actual.period IS 'period label: 2013-14 Q3, 2013-14 Q1-Q3 or 2013-14';
COMMENT ON COLUMN @extschema@.scorecard_actual.measure IS 'scorecard measure code';
COMMENT ON COLUMN @extschema@.scorecard_actual.actual IS 'the measure''s value, percentage to one decimal place; null when it has no denominator (scorecard.note says why)';

/*
 * Like with like: targets are agreed for a year, so at each quarter end the
 * scorecard compares the year-to-date figure (1 April to that quarter end:
 * 2013-14 Q1, which is its own year to date, 2013-14 Q1-Q2, 2013-14 Q1-Q3
 * and the year 2013-14) with the year's target, never one quarter's
 * contacts; the figures are the kept ones of those periods (scorecard_actual
 * reads centre_reach_scoped and centre_coverage).  A target with a due_on
 * (Norfolk: 65% registered by 30 September 2013) is shown, not rated, at
 * the quarter ends before its date; at its date, and at each quarter end
 * after it, it is rated on the year to date then.  One row per centre
 * open in the period, quarter end and measure with a target for the
 * financial year.  RAG compares the actual as shown (one decimal place)
 * with the target: green at or above it, amber below it by at most
 * amber_within points (exactly amber_within below is amber), red further
 * below; null when the actual is null or the target is not yet due (note
 * says why).
 */
CREATE VIEW @extschema@.scorecard AS
SELECT p.centre_id, p.centre, p.period, t.measure, a.actual, t.target,
	   a.actual - t.target AS gap,
	   CASE WHEN a.actual IS NULL OR t.due_on > p.period_end THEN NULL
			WHEN a.actual >= t.target THEN 'green'
			WHEN a.actual >= t.target - t.amber_within THEN 'amber'
			ELSE 'red' END AS rag,
	   p.kind, p.period_start, p.period_end, t.financial_year, m.label, t.amber_within, t.target_scope,
	   CASE WHEN a.actual IS NULL THEN CASE m.source
			WHEN 'centre_reach' THEN 'no under-fives in the reach area'
			WHEN 'centre_reach_deprived' THEN 'no under-fives in the most deprived areas of the reach area'
			WHEN 'target_group_coverage' THEN 'no registered families in the group'
			WHEN 'two_year_take_up' THEN
				CASE WHEN a.measure IS NULL THEN 'no funded 2-year-old places recorded for the term'
					 ELSE 'no DWP-eligible children in the term from ' || @extschema@.term_start(p.period_end) END
			WHEN 'three_four_take_up' THEN 'no eligible 3- and 4-year-olds recorded for the term' END
			WHEN t.due_on > p.period_end THEN 'not rated: the target is due on ' || to_char(t.due_on, 'YYYY-MM-DD')
	   END AS note,
	   m.display_order::integer AS display_order,
	   coalesce(t.due_on, (p.period_start + interval '1 year' - interval '1 day')::date) AS due_on,
	   (SELECT k.value FROM @extschema@.comparator AS k
		WHERE k.measure = t.measure AND k.period = p.period AND k.scope = 'national') AS comparator_national,
	   (SELECT k.value FROM @extschema@.comparator AS k
		WHERE k.measure = t.measure AND k.period = p.period AND k.scope = 'statistical_neighbours') AS comparator_neighbours,
	   (SELECT k.value FROM @extschema@.comparator AS k
		WHERE k.measure = t.measure AND k.period = p.period AND k.scope = 'region') AS comparator_region
FROM (SELECT c.centre_id, c.name AS centre, rp.period, rp.kind, rp.period_start, rp.period_end
	  FROM @extschema@.centre AS c
	  CROSS JOIN @extschema@.reporting_period AS rp
	  WHERE rp.period !~ ' Q[234]$'
		AND (c.opened_on IS NULL OR c.opened_on <= rp.period_end)
		AND (c.closed_on IS NULL OR c.closed_on >= rp.period_start)
		AND c.centre_id IN (SELECT v.centre_id FROM @extschema@.visible_centre AS v)) AS p
JOIN @extschema@.effective_target AS t
  ON t.centre_id = p.centre_id AND t.financial_year = @extschema@.financial_year(p.period_start)
JOIN @extschema@.scorecard_measure AS m ON m.code = t.measure
LEFT JOIN @extschema@.scorecard_actual AS a
  ON a.centre_id = p.centre_id AND a.period = p.period AND a.measure = t.measure;
COMMENT ON VIEW @extschema@.scorecard IS 'Each centre''s measures against the year''s targets at each quarter end, like with like: the year-to-date figure against the annual target (a dated target only from its date on), with the gap and RAG (green at or above target, amber within amber_within points below, red further below); measures without a target have no row';
COMMENT ON COLUMN @extschema@.scorecard.centre_id IS 'centre';
COMMENT ON COLUMN @extschema@.scorecard.centre IS 'centre name';
COMMENT ON COLUMN @extschema@.scorecard.period IS 'the year to date at a quarter end: 2013-14 Q1 (the first quarter is its own year to date), 2013-14 Q1-Q2, 2013-14 Q1-Q3, or the year 2013-14';
COMMENT ON COLUMN @extschema@.scorecard.measure IS 'measure code (table scorecard_measure)';
COMMENT ON COLUMN @extschema@.scorecard.actual IS 'the centre''s year-to-date value at the quarter end, per cent to one decimal place as the source view shows it; null when there is nothing to divide by (see note)';
COMMENT ON COLUMN @extschema@.scorecard.target IS 'the year''s target: the centre''s own, else the county default';
COMMENT ON COLUMN @extschema@.scorecard.gap IS 'actual minus target, in percentage points (negative: below target)';
COMMENT ON COLUMN @extschema@.scorecard.rag IS 'green: at or above target; amber: below by at most amber_within points; red: further below; null when actual is null or the target is due on a later date (note)';
COMMENT ON COLUMN @extschema@.scorecard.kind IS 'quarter (the first, its own year to date), year_to_date or year';
COMMENT ON COLUMN @extschema@.scorecard.period_start IS 'first day of the period: 1 April, the start of the financial year';
COMMENT ON COLUMN @extschema@.scorecard.period_end IS 'last day of the period: the quarter end, the reference date';
COMMENT ON COLUMN @extschema@.scorecard.financial_year IS 'financial year whose target applies';
COMMENT ON COLUMN @extschema@.scorecard.label IS 'measure label (table scorecard_measure)';
COMMENT ON COLUMN @extschema@.scorecard.amber_within IS 'points below target still rated amber';
COMMENT ON COLUMN @extschema@.scorecard.target_scope IS 'centre: the centre''s own target; county: the county-wide default';
COMMENT ON COLUMN @extschema@.scorecard.note IS 'why actual or rag is null, e.g. no under-fives in the reach area, or the target is due on a later date';
COMMENT ON COLUMN @extschema@.scorecard.display_order IS 'report order of the measure';
COMMENT ON COLUMN @extschema@.scorecard.due_on IS 'the date the target is for: centre_target.due_on, else the last day of the financial year';
COMMENT ON COLUMN @extschema@.scorecard.comparator_national IS 'the published national value of the measure for the period (table comparator, scope national: the same period label, so a year to date only beside a year-to-date comparator); null if none is loaded';
COMMENT ON COLUMN @extschema@.scorecard.comparator_neighbours IS 'the statistical neighbours'' value for the period (table comparator)';
COMMENT ON COLUMN @extschema@.scorecard.comparator_region IS 'the region''s value for the period (table comparator)';

CREATE VIEW @extschema@.scorecard_summary AS
SELECT centre_id, centre, period, kind, period_start, period_end,
	   count(*)::integer AS measures,
	   count(*) FILTER (WHERE rag = 'green')::integer AS greens,
	   count(*) FILTER (WHERE rag = 'amber')::integer AS ambers,
	   count(*) FILTER (WHERE rag = 'red')::integer AS reds,
	   count(*) FILTER (WHERE rag IS NULL)::integer AS unrated,
	   CASE WHEN count(*) FILTER (WHERE rag = 'red') > 0 THEN 'red'
			WHEN count(*) FILTER (WHERE rag = 'amber') > 0 THEN 'amber'
			WHEN count(*) FILTER (WHERE rag = 'green') > 0 THEN 'green' END AS overall_rag
FROM @extschema@.scorecard
GROUP BY centre_id, centre, period, kind, period_start, period_end;
COMMENT ON VIEW @extschema@.scorecard_summary IS 'Each centre''s scorecard per period in one row: measures with a target, how many are green, amber, red or unrated, and the worst colour';
COMMENT ON COLUMN @extschema@.scorecard_summary.centre_id IS 'centre';
COMMENT ON COLUMN @extschema@.scorecard_summary.centre IS 'centre name';
COMMENT ON COLUMN @extschema@.scorecard_summary.period IS 'the year to date at a quarter end: 2013-14 Q1, 2013-14 Q1-Q2, 2013-14 Q1-Q3 or the year 2013-14';
COMMENT ON COLUMN @extschema@.scorecard_summary.kind IS 'quarter (the first), year_to_date or year';
COMMENT ON COLUMN @extschema@.scorecard_summary.period_start IS 'first day of the period';
COMMENT ON COLUMN @extschema@.scorecard_summary.period_end IS 'last day of the period, the reference date';
COMMENT ON COLUMN @extschema@.scorecard_summary.measures IS 'measures with a target for the period';
COMMENT ON COLUMN @extschema@.scorecard_summary.greens IS 'measures rated green';
COMMENT ON COLUMN @extschema@.scorecard_summary.ambers IS 'measures rated amber';
COMMENT ON COLUMN @extschema@.scorecard_summary.reds IS 'measures rated red';
COMMENT ON COLUMN @extschema@.scorecard_summary.unrated IS 'measures without an actual value (rag null)';
COMMENT ON COLUMN @extschema@.scorecard_summary.overall_rag IS 'the worst colour among the rated measures: red, else amber, else green; null when none is rated';

/* ---------------------------------------------------------------- contact profile */

/*
 * The counted children seen in each period, one row each: age band, their
 * meaningful contacts, how many were home visits or antenatal, whether a
 * family-support or social-care episode was open during the period, and
 * whether they were seen for the first time.
 *   - age is the age on the reference date, as everywhere in the counting
 *     rules, for the child and all its contacts in the period;
 *   - under_two_contacts counts by the age on each contact's day instead
 *     (under two, or not yet born): a child who turned two in the period
 *     has its earlier contacts counted as an under-two's;
 *   - a home visit is a contact whose mode or activity reads "home visit"
 *     (any case, space, underscore or hyphen);
 *   - an antenatal contact is one before the child's date of birth, or
 *     whose mode or activity starts with "antenatal";
 *   - a child is seen for the first time when it had no contact of a mode
 *     that can count (not a 'never' mode) before the period.
 */
CREATE VIEW @extschema@.child_contact_profile AS
SELECT x.period, x.centre_id, x.child_id, x.age, x.contacts, x.home_visits, x.antenatal,
	   coalesce(sc.family_support, false) AS family_support,
	   coalesce(sc.social_care, false) AS social_care,
	   x.first_seen, x.under_two_contacts
FROM (
	SELECT mc.period, mc.centre_id, mc.child_id, b.period_start, b.period_end,
		   @extschema@.age_on(c.dob, b.period_end) AS age,
		   count(*)::integer AS contacts,
		   count(*) FILTER (WHERE k.mode ~* '^home[ _-]?visit' OR k.activity ~* '^home[ _-]?visit')::integer AS home_visits,
		   count(*) FILTER (WHERE k.contact_on < c.dob OR k.mode ~* '^antenatal' OR k.activity ~* '^antenatal')::integer AS antenatal,
		   count(*) FILTER (WHERE k.contact_on < c.dob OR @extschema@.age_on(c.dob, k.contact_on) < 2)::integer AS under_two_contacts,
		   NOT EXISTS (SELECT 1 FROM @extschema@.contact AS e
					   WHERE e.child_id = mc.child_id AND e.contact_on < b.period_start
						 AND NOT EXISTS (SELECT 1 FROM @extschema@.contact_rule AS r
										 WHERE r.mode = e.mode AND r.counts = 'never')) AS first_seen
	FROM surestart_internal.meaningful_contact AS mc
	JOIN @extschema@.reporting_period AS b ON b.period = mc.period AND b.kind = mc.kind
	JOIN @extschema@.contact AS k ON k.contact_id = mc.contact_id
	JOIN @extschema@.child AS c ON c.child_id = mc.child_id
	GROUP BY mc.period, mc.centre_id, mc.child_id, c.dob, b.period_start, b.period_end
) AS x
CROSS JOIN LATERAL (
	SELECT bool_or(s.kind = 'family_support') AS family_support,
		   bool_or(s.kind <> 'family_support') AS social_care
	FROM @extschema@.social_care AS s
	WHERE s.child_id = x.child_id
	  AND s.starts_on <= x.period_end AND (s.ends_on IS NULL OR s.ends_on >= x.period_start)
) AS sc;
COMMENT ON VIEW @extschema@.child_contact_profile IS 'Each counted child seen in each period: age on the reference date, meaningful contacts, home visits, antenatal contacts, plans open during the period, first time seen (person-level)';
COMMENT ON COLUMN @extschema@.child_contact_profile.period IS 'period label';
COMMENT ON COLUMN @extschema@.child_contact_profile.centre_id IS 'centre the child counts for';
COMMENT ON COLUMN @extschema@.child_contact_profile.child_id IS 'child';
COMMENT ON COLUMN @extschema@.child_contact_profile.age IS 'age in completed years on the reference date (0-4)';
COMMENT ON COLUMN @extschema@.child_contact_profile.contacts IS 'meaningful contacts in the period';
COMMENT ON COLUMN @extschema@.child_contact_profile.home_visits IS 'of them, home visits (mode or activity "home visit")';
COMMENT ON COLUMN @extschema@.child_contact_profile.antenatal IS 'of them, antenatal contacts (before the birth, or mode or activity "antenatal")';
COMMENT ON COLUMN @extschema@.child_contact_profile.family_support IS 'a family-support (early-help) episode of the child was open during the period';
COMMENT ON COLUMN @extschema@.child_contact_profile.social_care IS 'a child-in-need, child-protection or looked-after episode of the child was open during the period';
COMMENT ON COLUMN @extschema@.child_contact_profile.under_two_contacts IS 'of the meaningful contacts, those on a day the child was under two (age_on the contact''s day below 2) or not yet born: age at each contact, not on the reference date';
COMMENT ON COLUMN @extschema@.child_contact_profile.first_seen IS 'no contact of a mode that can count (not a never mode) before the period: seen for the first time';

/*
 * Per centre and period.  New registrations are the counted children whose
 * first registration at any centre began in the period: the children new
 * to the centres, by birth or by moving in (family addresses have no
 * history in the data model, so a move cannot be dated otherwise).
 */
CREATE VIEW @extschema@.contact_profile AS
SELECT p.centre_id, p.centre, p.period, p.kind, p.period_start, p.period_end,
	   coalesce(x.children_seen, 0) AS children_seen,
	   coalesce(x.contacts, 0) AS contacts,
	   coalesce(x.seen_under_1, 0) AS seen_under_1,
	   coalesce(x.seen_age_1, 0) AS seen_age_1,
	   coalesce(x.seen_age_2, 0) AS seen_age_2,
	   coalesce(x.seen_age_3, 0) AS seen_age_3,
	   coalesce(x.seen_age_4, 0) AS seen_age_4,
	   coalesce(x.contacts_under_1, 0) AS contacts_under_1,
	   coalesce(x.contacts_age_1, 0) AS contacts_age_1,
	   coalesce(x.contacts_age_2, 0) AS contacts_age_2,
	   coalesce(x.contacts_age_3, 0) AS contacts_age_3,
	   coalesce(x.contacts_age_4, 0) AS contacts_age_4,
	   @extschema@.percent_of(x.under_two_contacts, x.contacts) AS under_twos_contacts_pct,
	   coalesce(x.home_visits, 0) AS home_visits,
	   coalesce(x.seen_home_visit, 0) AS seen_home_visit,
	   coalesce(x.antenatal_contacts, 0) AS antenatal_contacts,
	   coalesce(x.seen_antenatal, 0) AS seen_antenatal,
	   coalesce(x.seen_family_support, 0) AS seen_family_support,
	   coalesce(x.seen_social_care, 0) AS seen_social_care,
	   coalesce(x.seen_under_plan, 0) AS seen_under_plan,
	   coalesce(x.first_seen, 0) AS first_seen,
	   coalesce(n.new_registered, 0) AS new_registered,
	   coalesce(x.under_two_contacts, 0) AS under_two_contacts
FROM (SELECT c.centre_id, c.name AS centre, rp.period, rp.kind, rp.period_start, rp.period_end
	  FROM @extschema@.centre AS c
	  CROSS JOIN @extschema@.reporting_period AS rp
	  WHERE (c.opened_on IS NULL OR c.opened_on <= rp.period_end)
		AND (c.closed_on IS NULL OR c.closed_on >= rp.period_start)
		AND c.centre_id IN (SELECT v.centre_id FROM @extschema@.visible_centre AS v)) AS p
LEFT JOIN (
	SELECT period, centre_id,
		   count(*)::integer AS children_seen,
		   sum(contacts)::integer AS contacts,
		   count(*) FILTER (WHERE age = 0)::integer AS seen_under_1,
		   count(*) FILTER (WHERE age = 1)::integer AS seen_age_1,
		   count(*) FILTER (WHERE age = 2)::integer AS seen_age_2,
		   count(*) FILTER (WHERE age = 3)::integer AS seen_age_3,
		   count(*) FILTER (WHERE age = 4)::integer AS seen_age_4,
		   coalesce(sum(contacts) FILTER (WHERE age = 0), 0)::integer AS contacts_under_1,
		   coalesce(sum(contacts) FILTER (WHERE age = 1), 0)::integer AS contacts_age_1,
		   coalesce(sum(contacts) FILTER (WHERE age = 2), 0)::integer AS contacts_age_2,
		   coalesce(sum(contacts) FILTER (WHERE age = 3), 0)::integer AS contacts_age_3,
		   coalesce(sum(contacts) FILTER (WHERE age = 4), 0)::integer AS contacts_age_4,
		   sum(home_visits)::integer AS home_visits,
		   count(*) FILTER (WHERE home_visits > 0)::integer AS seen_home_visit,
		   sum(antenatal)::integer AS antenatal_contacts,
		   count(*) FILTER (WHERE antenatal > 0)::integer AS seen_antenatal,
		   count(*) FILTER (WHERE family_support)::integer AS seen_family_support,
		   count(*) FILTER (WHERE social_care)::integer AS seen_social_care,
		   count(*) FILTER (WHERE family_support OR social_care)::integer AS seen_under_plan,
		   count(*) FILTER (WHERE first_seen)::integer AS first_seen,
		   sum(under_two_contacts)::integer AS under_two_contacts
	FROM @extschema@.child_contact_profile
	GROUP BY period, centre_id
) AS x ON x.period = p.period AND x.centre_id = p.centre_id
LEFT JOIN (
	SELECT cc.period, cc.centre_id, count(*)::integer AS new_registered
	FROM surestart_internal.counted_child AS cc
	JOIN (SELECT g.child_id, min(g.registered_on) AS first_registered_on
		  FROM @extschema@.registration AS g
		  GROUP BY g.child_id) AS f
	  ON f.child_id = cc.child_id AND f.first_registered_on BETWEEN cc.period_start AND cc.period_end
	GROUP BY cc.period, cc.centre_id
) AS n ON n.period = p.period AND n.centre_id = p.centre_id;
COMMENT ON VIEW @extschema@.contact_profile IS 'Whom each centre''s area is in contact with per period: children seen and meaningful contacts by age on the reference date, home visits, antenatal contacts, children under a family-support or social-care plan, children seen for the first time, new registrations';
COMMENT ON COLUMN @extschema@.contact_profile.centre_id IS 'centre whose reach area the children live in';
COMMENT ON COLUMN @extschema@.contact_profile.centre IS 'centre name';
COMMENT ON COLUMN @extschema@.contact_profile.period IS 'period label: 2013-14 Q3 or 2013-14';
COMMENT ON COLUMN @extschema@.contact_profile.kind IS 'quarter or year';
COMMENT ON COLUMN @extschema@.contact_profile.period_start IS 'first day of the period';
COMMENT ON COLUMN @extschema@.contact_profile.period_end IS 'last day of the period, the reference date';
COMMENT ON COLUMN @extschema@.contact_profile.children_seen IS 'counted children with at least one meaningful contact in the period (seen of centre_reach)';
COMMENT ON COLUMN @extschema@.contact_profile.contacts IS 'meaningful contacts of counted children in the period, at any centre';
COMMENT ON COLUMN @extschema@.contact_profile.seen_under_1 IS 'children seen aged under 1 on the reference date';
COMMENT ON COLUMN @extschema@.contact_profile.seen_age_1 IS 'children seen aged 1 on the reference date';
COMMENT ON COLUMN @extschema@.contact_profile.seen_age_2 IS 'children seen aged 2 on the reference date';
COMMENT ON COLUMN @extschema@.contact_profile.seen_age_3 IS 'children seen aged 3 on the reference date';
COMMENT ON COLUMN @extschema@.contact_profile.seen_age_4 IS 'children seen aged 4 on the reference date';
COMMENT ON COLUMN @extschema@.contact_profile.contacts_under_1 IS 'meaningful contacts with children aged under 1 on the reference date';
COMMENT ON COLUMN @extschema@.contact_profile.contacts_age_1 IS 'meaningful contacts with children aged 1 on the reference date';
COMMENT ON COLUMN @extschema@.contact_profile.contacts_age_2 IS 'meaningful contacts with children aged 2 on the reference date';
COMMENT ON COLUMN @extschema@.contact_profile.contacts_age_3 IS 'meaningful contacts with children aged 3 on the reference date';
COMMENT ON COLUMN @extschema@.contact_profile.contacts_age_4 IS 'meaningful contacts with children aged 4 on the reference date';
COMMENT ON COLUMN @extschema@.contact_profile.under_twos_contacts_pct IS 'share of contacts with under-twos, by the child''s age on the day of each contact (under two, or before the birth): under_two_contacts of contacts, per cent; null without contacts';
COMMENT ON COLUMN @extschema@.contact_profile.under_two_contacts IS 'meaningful contacts on a day the child was under two or not yet born (age at each contact, not on the reference date)';
COMMENT ON COLUMN @extschema@.contact_profile.home_visits IS 'meaningful contacts that were home visits (mode or activity "home visit")';
COMMENT ON COLUMN @extschema@.contact_profile.seen_home_visit IS 'children with at least one home visit';
COMMENT ON COLUMN @extschema@.contact_profile.antenatal_contacts IS 'meaningful contacts before the child''s birth, or with mode or activity "antenatal"';
COMMENT ON COLUMN @extschema@.contact_profile.seen_antenatal IS 'children with at least one antenatal contact';
COMMENT ON COLUMN @extschema@.contact_profile.seen_family_support IS 'children seen with a family-support (early-help) episode open during the period';
COMMENT ON COLUMN @extschema@.contact_profile.seen_social_care IS 'children seen with a child-in-need, child-protection or looked-after episode open during the period';
COMMENT ON COLUMN @extschema@.contact_profile.seen_under_plan IS 'children seen under either kind of plan';
COMMENT ON COLUMN @extschema@.contact_profile.first_seen IS 'children seen for the first time: no contact of a mode that can count before the period';
COMMENT ON COLUMN @extschema@.contact_profile.new_registered IS 'counted children (seen or not) whose first registration at any centre began in the period: new to the centres by birth or by moving in';

CREATE VIEW @extschema@.contact_mode_profile AS
SELECT mc.centre_id, c.name AS centre, mc.period, mc.kind, k.mode,
	   count(*)::integer AS contacts,
	   count(DISTINCT mc.child_id)::integer AS children
FROM surestart_internal.meaningful_contact AS mc
JOIN @extschema@.contact AS k ON k.contact_id = mc.contact_id
JOIN @extschema@.centre AS c ON c.centre_id = mc.centre_id
WHERE mc.centre_id IN (SELECT v.centre_id FROM @extschema@.visible_centre AS v)
GROUP BY mc.centre_id, c.name, mc.period, mc.kind, k.mode;
COMMENT ON VIEW @extschema@.contact_mode_profile IS 'Meaningful contacts of the children of each centre''s area per period by contact mode';
COMMENT ON COLUMN @extschema@.contact_mode_profile.centre_id IS 'centre whose reach area the children live in';
COMMENT ON COLUMN @extschema@.contact_mode_profile.centre IS 'centre name';
COMMENT ON COLUMN @extschema@.contact_mode_profile.period IS 'period label: 2013-14 Q3 or 2013-14';
COMMENT ON COLUMN @extschema@.contact_mode_profile.kind IS 'quarter or year';
COMMENT ON COLUMN @extschema@.contact_mode_profile.mode IS 'contact mode as recorded (null when the contact has none)';
COMMENT ON COLUMN @extschema@.contact_mode_profile.contacts IS 'meaningful contacts of the mode';
COMMENT ON COLUMN @extschema@.contact_mode_profile.children IS 'children with at least one of them';

/* ---------------------------------------------------------------- governance */

/*
 * Every centre open in a financial year that reports have (or in which a
 * meeting is recorded), with its meetings that year by the day they met:
 * 31 March belongs to the year ending then, 1 April to the next.
 */
CREATE VIEW @extschema@.governance AS
SELECT c.centre_id, c.name AS centre, y.financial_year, y.year_start, y.year_end,
	   b.advisory_board AS advisory_board_meetings,
	   s.required AS advisory_board_required,
	   b.annual_conversation_on IS NOT NULL AS annual_conversation_held,
	   b.annual_conversation_on,
	   b.parent_forum AS parent_forum_meetings,
	   b.advisory_board >= s.required AND b.annual_conversation_on IS NOT NULL AS compliant,
	   nullif(concat_ws('; ',
		   CASE WHEN b.advisory_board < s.required
				THEN format('advisory board met %s %s, %s required', b.advisory_board,
							CASE WHEN b.advisory_board = 1 THEN 'time' ELSE 'times' END, s.required) END,
		   CASE WHEN b.annual_conversation_on IS NULL THEN 'no annual conversation' END), '') AS reasons,
	   y.year_end <= @extschema@.reference_date() AS year_ended
FROM @extschema@.centre AS c
CROSS JOIN (SELECT u.financial_year, b.period_start AS year_start, b.period_end AS year_end
			FROM (SELECT rp.period FROM @extschema@.reporting_period AS rp WHERE rp.kind = 'year'
				  UNION
				  SELECT @extschema@.financial_year(m.met_on) FROM @extschema@.board_meeting AS m) AS u(financial_year)
			CROSS JOIN LATERAL @extschema@.financial_period_bounds(u.financial_year) AS b) AS y
CROSS JOIN (SELECT value::integer AS required FROM @extschema@.setting WHERE name = 'governance_board_meetings') AS s
CROSS JOIN LATERAL (
	SELECT count(*) FILTER (WHERE m.kind = 'advisory_board')::integer AS advisory_board,
		   max(m.met_on) FILTER (WHERE m.kind = 'annual_conversation') AS annual_conversation_on,
		   count(*) FILTER (WHERE m.kind = 'parent_forum')::integer AS parent_forum
	FROM @extschema@.board_meeting AS m
	WHERE m.centre_id = c.centre_id AND m.met_on BETWEEN y.year_start AND y.year_end
) AS b
WHERE (c.opened_on IS NULL OR c.opened_on <= y.year_end)
  AND (c.closed_on IS NULL OR c.closed_on >= y.year_start)
  AND c.centre_id IN (SELECT v.centre_id FROM @extschema@.visible_centre AS v);
COMMENT ON VIEW @extschema@.governance IS 'Governance of each centre per financial year: advisory board meetings (governance_board_meetings required, default 3), annual conversation, parent forums, and whether it complied';
COMMENT ON COLUMN @extschema@.governance.centre_id IS 'centre';
COMMENT ON COLUMN @extschema@.governance.centre IS 'centre name';
COMMENT ON COLUMN @extschema@.governance.financial_year IS 'financial year, e.g. 2013-14 (a meeting on 31 March belongs to the year ending then)';
COMMENT ON COLUMN @extschema@.governance.year_start IS 'first day of the financial year (1 April)';
COMMENT ON COLUMN @extschema@.governance.year_end IS 'last day of the financial year (31 March)';
COMMENT ON COLUMN @extschema@.governance.advisory_board_meetings IS 'advisory board meetings recorded for the centre in the year';
COMMENT ON COLUMN @extschema@.governance.advisory_board_required IS 'meetings required a year (setting governance_board_meetings)';
COMMENT ON COLUMN @extschema@.governance.annual_conversation_held IS 'an annual conversation was held in the year';
COMMENT ON COLUMN @extschema@.governance.annual_conversation_on IS 'day of the (latest) annual conversation in the year';
COMMENT ON COLUMN @extschema@.governance.parent_forum_meetings IS 'parent forum meetings recorded in the year';
COMMENT ON COLUMN @extschema@.governance.compliant IS 'the advisory board met at least the required number of times and an annual conversation was held';
COMMENT ON COLUMN @extschema@.governance.reasons IS 'what is missing, e.g. advisory board met 2 times, 3 required; null when compliant';
COMMENT ON COLUMN @extschema@.governance.year_ended IS 'the year ended on or before reference_date() (a year in progress may still comply)';

/* ---------------------------------------------------------------- inspection risk */

/* The risk settings in one row, as numbers. */
CREATE VIEW @extschema@.risk_settings AS
SELECT max(value) FILTER (WHERE name = 'risk_registration_below')::numeric AS reg_below,
	   max(value) FILTER (WHERE name = 'risk_deprived_registration_below')::numeric AS dep_below,
	   max(value) FILTER (WHERE name = 'risk_group_min_families')::integer AS group_min,
	   max(value) FILTER (WHERE name = 'risk_group_any_contact_below')::numeric AS group_below,
	   max(value) FILTER (WHERE name = 'risk_weight_registration')::integer AS w_registration,
	   max(value) FILTER (WHERE name = 'risk_weight_deprived_registration')::integer AS w_deprived,
	   max(value) FILTER (WHERE name = 'risk_weight_low_contact')::integer AS w_low_contact,
	   max(value) FILTER (WHERE name = 'risk_weight_target_group')::integer AS w_group,
	   max(value) FILTER (WHERE name = 'risk_weight_fsp_quadrant')::integer AS w_fsp,
	   max(value) FILTER (WHERE name = 'risk_weight_rag_amber')::integer AS w_amber,
	   max(value) FILTER (WHERE name = 'risk_weight_rag_red')::integer AS w_red,
	   max(value) FILTER (WHERE name = 'risk_weight_grade_ri')::integer AS w_ri,
	   max(value) FILTER (WHERE name = 'risk_weight_grade_inadequate')::integer AS w_inadequate,
	   max(value) FILTER (WHERE name = 'risk_weight_overdue')::integer AS w_overdue,
	   max(value) FILTER (WHERE name = 'risk_band_medium_from')::integer AS medium_from,
	   max(value) FILTER (WHERE name = 'risk_band_high_from')::integer AS high_from,
	   max(value) FILTER (WHERE name = 'reinspect_years')::integer AS reinspect_years
FROM @extschema@.setting;
COMMENT ON VIEW @extschema@.risk_settings IS 'The settings of the inspection-risk assessment in one row';
COMMENT ON COLUMN @extschema@.risk_settings.reg_below IS 'setting risk_registration_below: registration below this per cent is a warning sign';
COMMENT ON COLUMN @extschema@.risk_settings.dep_below IS 'setting risk_deprived_registration_below: registration in the most deprived areas below this per cent is a warning sign';
COMMENT ON COLUMN @extschema@.risk_settings.group_min IS 'setting risk_group_min_families: a target group counts with at least this many registered families';
COMMENT ON COLUMN @extschema@.risk_settings.group_below IS 'setting risk_group_any_contact_below: any-contact coverage of such a group below this per cent is a warning sign';
COMMENT ON COLUMN @extschema@.risk_settings.w_registration IS 'setting risk_weight_registration: points for low registration';
COMMENT ON COLUMN @extschema@.risk_settings.w_deprived IS 'setting risk_weight_deprived_registration: points for low registration in the most deprived areas';
COMMENT ON COLUMN @extschema@.risk_settings.w_low_contact IS 'setting risk_weight_low_contact: points for a seen or sustained rate in the county''s bottom quartile';
COMMENT ON COLUMN @extschema@.risk_settings.w_group IS 'setting risk_weight_target_group: points for a poorly reached national target group';
COMMENT ON COLUMN @extschema@.risk_settings.w_fsp IS 'setting risk_weight_fsp_quadrant: points for the FSP quadrant low outcomes, low contact';
COMMENT ON COLUMN @extschema@.risk_settings.w_amber IS 'setting risk_weight_rag_amber: points for an amber quality or leadership RAG (each)';
COMMENT ON COLUMN @extschema@.risk_settings.w_red IS 'setting risk_weight_rag_red: points for a red quality or leadership RAG (each)';
COMMENT ON COLUMN @extschema@.risk_settings.w_ri IS 'setting risk_weight_grade_ri: points for a latest grade of Requires improvement';
COMMENT ON COLUMN @extschema@.risk_settings.w_inadequate IS 'setting risk_weight_grade_inadequate: points for a latest grade of Inadequate';
COMMENT ON COLUMN @extschema@.risk_settings.w_overdue IS 'setting risk_weight_overdue: points for an overdue inspection';
COMMENT ON COLUMN @extschema@.risk_settings.medium_from IS 'setting risk_band_medium_from: lowest score of the medium band';
COMMENT ON COLUMN @extschema@.risk_settings.high_from IS 'setting risk_band_high_from: lowest score of the high band';
COMMENT ON COLUMN @extschema@.risk_settings.reinspect_years IS 'setting reinspect_years: a centre never inspected is due this many years after it opened';


/*
 * DOMAIN's transparent score, per centre and period (quarters and years),
 * with the weights and thresholds of the risk_* settings.  Each sign is
 * judged on the period's reference date:
 *   - registration (all areas) below risk_registration_below;
 *   - registration in the most deprived areas below
 *     risk_deprived_registration_below (no sign without such areas);
 *   - seen or sustained rate in the bottom quartile of the county's centres
 *     for the period (ranked as fsp_contact_ranking ranks, 1 = highest);
 *   - a national target group with at least risk_group_min_families
 *     registered families and any contact below risk_group_any_contact_below
 *     (one sign however many groups; all are listed);
 *   - the FSP quadrant "low outcomes, low contact" (both in quartiles 3-4
 *     of fsp_contact_ranking) of the results set against the period's
 *     financial year (contact_period: 2013-14 for the 2012/13 results);
 *   - the latest quality and the latest leadership RAG assessed on or
 *     before the reference date, each amber or red;
 *   - the overall grade of the latest inspection on or before the reference
 *     date, Requires improvement or Inadequate;
 *   - the next inspection due (next_inspection_due, or reinspect_years after
 *     opening when never inspected) before the reference date.
 * The band is high from risk_band_high_from, medium from
 * risk_band_medium_from, else low.  latest marks the last period of each
 * kind that has ended; support_levels shows the latest quarter's risk.
 */
CREATE VIEW @extschema@.inspection_risk AS
SELECT centre_id, centre, period, kind, period_start, period_end, score,
	   CASE WHEN score >= high_from THEN 'high' WHEN score >= medium_from THEN 'medium' ELSE 'low' END AS band,
	   nullif(concat_ws('; ',
		   CASE WHEN registration_points > 0
				THEN format('registration %s%% below %s%% (%s)', registered_pct, reg_below, registration_points) END,
		   CASE WHEN deprived_registration_points > 0
				THEN format('deprived-area registration %s%% below %s%% (%s)',
							deprived_registered_pct, dep_below, deprived_registration_points) END,
		   CASE WHEN low_contact_points > 0
				THEN concat_ws(' and ', CASE WHEN seen_quartile = 4 THEN format('seen %s%%', seen_pct) END,
										CASE WHEN sustained_quartile = 4 THEN format('sustained %s%%', sustained_pct) END)
					 || format(' in the county''s bottom quartile (%s)', low_contact_points) END,
		   CASE WHEN target_group_points > 0
				THEN format('any contact below %s%%: %s (%s)', group_below, low_groups, target_group_points) END,
		   CASE WHEN fsp_points > 0
				THEN format('FSP %s low outcomes, low contact (%s)', academic_year, fsp_points) END,
		   CASE WHEN quality_points > 0 THEN format('quality RAG %s (%s)', quality_rag, quality_points) END,
		   CASE WHEN leadership_points > 0 THEN format('leadership RAG %s (%s)', leadership_rag, leadership_points) END,
		   CASE WHEN grade_points > 0 THEN format('latest grade %s (%s)', latest_grade, grade_points) END,
		   CASE WHEN overdue_points > 0 THEN format('inspection overdue since %s (%s)', next_due, overdue_points) END),
		   '') AS reasons,
	   not_yet_inspected, next_due,
	   coalesce(next_due <= (period_end + interval '1 year')::date, not_yet_inspected) AS due_within_year,
	   latest,
	   registered_pct, deprived_registered_pct, seen_pct, sustained_pct, seen_quartile, sustained_quartile,
	   low_groups, academic_year, quadrant, quality_rag, leadership_rag, latest_grade, last_inspected_on,
	   registration_points, deprived_registration_points, low_contact_points, target_group_points, fsp_points,
	   quality_points, leadership_points, grade_points, overdue_points
FROM (
	SELECT p.*,
		   p.registration_points + p.deprived_registration_points + p.low_contact_points + p.target_group_points
			   + p.fsp_points + p.quality_points + p.leadership_points + p.grade_points + p.overdue_points AS score
	FROM (
		SELECT f.*,
			   CASE WHEN f.registered_pct < f.reg_below THEN f.w_registration ELSE 0 END AS registration_points,
			   CASE WHEN f.deprived_registered_pct < f.dep_below THEN f.w_deprived ELSE 0 END AS deprived_registration_points,
			   CASE WHEN f.seen_quartile = 4 OR f.sustained_quartile = 4 THEN f.w_low_contact ELSE 0 END AS low_contact_points,
			   CASE WHEN f.low_groups IS NOT NULL THEN f.w_group ELSE 0 END AS target_group_points,
			   CASE WHEN f.quadrant = 'low outcomes, low contact' THEN f.w_fsp ELSE 0 END AS fsp_points,
			   CASE f.quality_rag WHEN 'amber' THEN f.w_amber WHEN 'red' THEN f.w_red ELSE 0 END AS quality_points,
			   CASE f.leadership_rag WHEN 'amber' THEN f.w_amber WHEN 'red' THEN f.w_red ELSE 0 END AS leadership_points,
			   CASE f.latest_grade WHEN 'Requires improvement' THEN f.w_ri WHEN 'Inadequate' THEN f.w_inadequate ELSE 0 END AS grade_points,
			   CASE WHEN f.next_due < f.period_end THEN f.w_overdue ELSE 0 END AS overdue_points
		FROM (
			SELECT r.centre_id, c.name AS centre, r.period, r.kind, r.period_start, r.period_end,
				   r.registered_pct, r.deprived_registered_pct, r.seen_pct, r.sustained_pct,
				   CASE WHEN r.seen_pct IS NOT NULL
						THEN @extschema@.quartile_of(rank() OVER (PARTITION BY r.period, r.seen_pct IS NULL ORDER BY r.seen_pct DESC),
													 count(r.seen_pct) OVER (PARTITION BY r.period)) END AS seen_quartile,
				   CASE WHEN r.sustained_pct IS NOT NULL
						THEN @extschema@.quartile_of(rank() OVER (PARTITION BY r.period, r.sustained_pct IS NULL ORDER BY r.sustained_pct DESC),
													 count(r.sustained_pct) OVER (PARTITION BY r.period)) END AS sustained_quartile,
				   r.period_end = le.period_end AS latest,
				   g.low_groups, fsp.academic_year,
				   CASE WHEN fsp.fsp_rank IS NOT NULL THEN
					   CASE WHEN fsp.fsp_quartile <= 2 THEN 'high outcomes' ELSE 'low outcomes' END || ', ' ||
					   CASE WHEN fsp.contact_quartile <= 2 THEN 'high contact' ELSE 'low contact' END
				   END AS quadrant,
				   rag.quality_rag, rag.leadership_rag,
				   insp.overall::text AS latest_grade, insp.inspected_on AS last_inspected_on,
				   insp.inspected_on IS NULL AS not_yet_inspected,
				   CASE WHEN insp.inspected_on IS NOT NULL
						THEN @extschema@.next_inspection_due(insp.inspected_on, insp.overall)
						ELSE (c.opened_on + make_interval(years => s.reinspect_years))::date
				   END AS next_due,
				   s.reg_below, s.dep_below, s.group_below, s.medium_from, s.high_from,
				   s.w_registration, s.w_deprived, s.w_low_contact, s.w_group, s.w_fsp,
				   s.w_amber, s.w_red, s.w_ri, s.w_inadequate, s.w_overdue
			FROM (SELECT s.centre_id, s.period, s.kind, s.period_start, s.period_end,
						 max(s.registered_pct) FILTER (WHERE s.scope = 'all') AS registered_pct,
						 max(s.registered_pct) FILTER (WHERE s.scope = 'deprived') AS deprived_registered_pct,
						 max(s.seen_pct) FILTER (WHERE s.scope = 'all') AS seen_pct,
						 max(s.sustained_pct) FILTER (WHERE s.scope = 'all') AS sustained_pct
				  FROM surestart_internal.centre_reach_scoped AS s
				  GROUP BY s.centre_id, s.period, s.kind, s.period_start, s.period_end) AS r
			JOIN @extschema@.centre AS c ON c.centre_id = r.centre_id
			CROSS JOIN @extschema@.risk_settings AS s
			LEFT JOIN (
				SELECT rp.kind, max(rp.period_end) AS period_end
				FROM @extschema@.reporting_period AS rp
				WHERE rp.period_end <= @extschema@.reference_date()
				GROUP BY rp.kind
			) AS le ON le.kind = r.kind
			LEFT JOIN (
				SELECT cc.centre_id, cc.period,
					   string_agg(format('%s %s%% of %s', x.target_group, @extschema@.percent(x.any_contact), x.in_group),
								  ', ' ORDER BY g.display_order) AS low_groups
				FROM surestart_internal.centre_coverage AS cc
				CROSS JOIN LATERAL @extschema@.coverage_rows(cc.coverage) AS x
				JOIN @extschema@.target_group AS g ON g.code = x.target_group AND g.national
				CROSS JOIN @extschema@.risk_settings AS rs
				WHERE x.in_group >= rs.group_min AND @extschema@.percent(x.any_contact) < rs.group_below
				GROUP BY cc.centre_id, cc.period
			) AS g ON g.centre_id = r.centre_id AND g.period = r.period
			LEFT JOIN @extschema@.fsp_contact_ranking AS fsp
			  ON fsp.centre_id = r.centre_id
			 AND fsp.contact_period = @extschema@.financial_year(r.period_start)
			LEFT JOIN LATERAL (
				SELECT q.quality_rag, q.leadership_rag
				FROM @extschema@.centre_rag AS q
				WHERE q.centre_id = r.centre_id AND q.assessed_on <= r.period_end
				ORDER BY q.assessed_on DESC
				LIMIT 1
			) AS rag ON true
			LEFT JOIN LATERAL (
				SELECT i.inspected_on, i.overall
				FROM @extschema@.inspected_centre AS ic
				JOIN @extschema@.ofsted_inspection AS i USING (inspection_id)
				WHERE ic.centre_id = r.centre_id AND i.status NOT IN ('postponed', 'cancelled')
				  AND i.inspected_on <= r.period_end
				ORDER BY i.inspected_on DESC, i.inspection_id DESC
				LIMIT 1
			) AS insp ON true
		) AS f
	) AS p
) AS q
WHERE q.centre_id IN (SELECT v.centre_id FROM @extschema@.visible_centre AS v);
COMMENT ON VIEW @extschema@.inspection_risk IS 'Inspection-risk assessment of each centre per quarter and year: one weighted point per warning sign (settings risk_*), the band (low, medium, high) and the reasons, with whether the centre is not yet inspected or due within a year';
COMMENT ON COLUMN @extschema@.inspection_risk.centre_id IS 'centre';
COMMENT ON COLUMN @extschema@.inspection_risk.centre IS 'centre name';
COMMENT ON COLUMN @extschema@.inspection_risk.period IS 'period label: 2013-14 Q3 or 2013-14';
COMMENT ON COLUMN @extschema@.inspection_risk.kind IS 'quarter or year';
COMMENT ON COLUMN @extschema@.inspection_risk.period_start IS 'first day of the period';
COMMENT ON COLUMN @extschema@.inspection_risk.period_end IS 'last day of the period: the reference date every sign is judged on';
COMMENT ON COLUMN @extschema@.inspection_risk.score IS 'sum of the points of the warning signs';
COMMENT ON COLUMN @extschema@.inspection_risk.band IS 'high from risk_band_high_from (4), medium from risk_band_medium_from (2), else low';
COMMENT ON COLUMN @extschema@.inspection_risk.reasons IS 'the warning signs with their points, separated by semicolons; null when there are none';
COMMENT ON COLUMN @extschema@.inspection_risk.not_yet_inspected IS 'no inspection took place on or before the reference date';
COMMENT ON COLUMN @extschema@.inspection_risk.next_due IS 'next inspection due: after the latest inspection by next_inspection_due, else reinspect_years after opening (null if the opening is unknown)';
COMMENT ON COLUMN @extschema@.inspection_risk.due_within_year IS 'next_due falls within a year of the reference date (or is already past); true for a centre never inspected whose due date is unknown';
COMMENT ON COLUMN @extschema@.inspection_risk.latest IS 'the period is the latest of its kind that ended on or before reference_date()';
COMMENT ON COLUMN @extschema@.inspection_risk.registered_pct IS 'registered_pct of centre_reach';
COMMENT ON COLUMN @extschema@.inspection_risk.deprived_registered_pct IS 'registered_pct of centre_reach_deprived (null without most deprived areas)';
COMMENT ON COLUMN @extschema@.inspection_risk.seen_pct IS 'seen_pct of centre_reach';
COMMENT ON COLUMN @extschema@.inspection_risk.sustained_pct IS 'sustained_pct of centre_reach';
COMMENT ON COLUMN @extschema@.inspection_risk.seen_quartile IS 'quartile of the centre''s seen_pct among the county''s centres in the period, 1 = highest, 4 = bottom';
COMMENT ON COLUMN @extschema@.inspection_risk.sustained_quartile IS 'quartile of the centre''s sustained_pct, 1 = highest, 4 = bottom';
COMMENT ON COLUMN @extschema@.inspection_risk.low_groups IS 'national target groups with at least risk_group_min_families families and any contact below risk_group_any_contact_below: group, any-contact per cent and families';
COMMENT ON COLUMN @extschema@.inspection_risk.academic_year IS 'academic year of the FSP results set against the period''s financial year (2013-14: 2012/13, published in it)';
COMMENT ON COLUMN @extschema@.inspection_risk.quadrant IS 'high or low outcomes, high or low contact: the FSP and contact quartiles of fsp_contact_ranking in that academic year (quartiles 1-2 high)';
COMMENT ON COLUMN @extschema@.inspection_risk.quality_rag IS 'latest quality and impact RAG assessed on or before the reference date';
COMMENT ON COLUMN @extschema@.inspection_risk.leadership_rag IS 'latest leadership and management RAG assessed on or before the reference date';
COMMENT ON COLUMN @extschema@.inspection_risk.latest_grade IS 'overall grade of the latest inspection on or before the reference date';
COMMENT ON COLUMN @extschema@.inspection_risk.last_inspected_on IS 'day of that inspection';
COMMENT ON COLUMN @extschema@.inspection_risk.registration_points IS 'points for registration below risk_registration_below';
COMMENT ON COLUMN @extschema@.inspection_risk.deprived_registration_points IS 'points for deprived-area registration below risk_deprived_registration_below';
COMMENT ON COLUMN @extschema@.inspection_risk.low_contact_points IS 'points for a seen or sustained rate in the bottom quartile';
COMMENT ON COLUMN @extschema@.inspection_risk.target_group_points IS 'points for a poorly reached national target group';
COMMENT ON COLUMN @extschema@.inspection_risk.fsp_points IS 'points for the FSP quadrant low outcomes, low contact';
COMMENT ON COLUMN @extschema@.inspection_risk.quality_points IS 'points for the quality RAG (amber or red)';
COMMENT ON COLUMN @extschema@.inspection_risk.leadership_points IS 'points for the leadership RAG (amber or red)';
COMMENT ON COLUMN @extschema@.inspection_risk.grade_points IS 'points for the latest grade (Requires improvement or Inadequate)';
COMMENT ON COLUMN @extschema@.inspection_risk.overdue_points IS 'points for an inspection overdue on the reference date';

/*
 * The latest financial quarter that has ended, among the reporting periods:
 * the quarter support_levels assesses.  A function rather than a joined
 * subquery so that a filter period = latest_ended_quarter() reaches the
 * base views like a constant and only that quarter is computed (support_levels
 * on the demo: 4.6 s computing every period, under 1 s with the function).
 */
CREATE FUNCTION @extschema@.latest_ended_quarter() RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT rp.period FROM @extschema@.reporting_period AS rp
WHERE rp.kind = 'quarter' AND rp.period_end <= @extschema@.reference_date()
ORDER BY rp.period_end DESC
LIMIT 1
$$;
COMMENT ON FUNCTION @extschema@.latest_ended_quarter() IS 'the latest financial quarter of the reporting periods that ended on or before reference_date() (null when none has): filter views with period = latest_ended_quarter() for the current quarter''s figures';
