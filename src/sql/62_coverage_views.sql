/* src/sql/62_coverage_views.sql: target-group coverage (SPEC counting rules) */

/*
 * Families in coverage: families with at least one counted child
 * registered on the reference date.  Their target groups are worked out on
 * the reference date (a carer ages out of "under 20"; social-care episodes
 * open that day; a DWP-eligible two-year place for a term that started in
 * the year up to it), and their contacts are their family contacts: the
 * distinct days on which any of their counted children had a meaningful
 * contact in the period.  The stored coverage (count_periods()) follows the
 * same rules; this person-level view states them for every period at once,
 * for the tests that recount the stored figures.
 */
CREATE VIEW surestart_internal.family_period_groups AS
WITH registered_family AS (
	SELECT cc.period, cc.period_end, cc.centre_id, cc.family_id,
		   bool_or(c.disabled) AS disabled_under_five
	FROM surestart_internal.counted_child AS cc
	JOIN @extschema@.child AS c USING (child_id)
	GROUP BY cc.period, cc.period_end, cc.centre_id, cc.family_id
	HAVING bool_or(cc.registered)
), carers AS (
	SELECT family_id,
		   max(dob) AS youngest_dob,
		   max(dob) FILTER (WHERE pregnant) AS youngest_pregnant_dob,
		   bool_or(sex = 'M') AS any_male,
		   bool_and(sex IS NOT DISTINCT FROM 'M') AS all_male,
		   bool_or(disabled) AS any_disabled
	FROM @extschema@.carer
	GROUP BY family_id
), children AS (
	SELECT family_id, bool_or(disabled) AS any_disabled
	FROM @extschema@.child
	GROUP BY family_id
), contacts AS (
	SELECT period, family_id, count(DISTINCT contact_on) AS contacts
	FROM surestart_internal.meaningful_contact
	GROUP BY period, family_id
)
SELECT rf.period, rf.centre_id, rf.family_id, coalesce(k.contacts, 0) AS contacts,
	   @extschema@.target_groups(array_remove(ARRAY[
		   CASE WHEN cr.youngest_dob <= rf.period_end AND @extschema@.age_on(cr.youngest_dob, rf.period_end) < 20 THEN 'teenage_parent' END,
		   CASE WHEN cr.youngest_dob <= rf.period_end AND @extschema@.age_on(cr.youngest_dob, rf.period_end) < 25 THEN 'young_parent' END,
		   CASE WHEN cr.youngest_pregnant_dob <= rf.period_end AND @extschema@.age_on(cr.youngest_pregnant_dob, rf.period_end) < 20 THEN 'pregnant_teenager' END,
		   CASE WHEN f.lone_parent THEN 'lone_parent' END,
		   CASE WHEN cr.any_male THEN 'father' END,
		   CASE WHEN cr.all_male THEN 'only_male_carer' END,
		   CASE WHEN cr.any_disabled THEN 'disabled_parent' END,
		   CASE WHEN rf.disabled_under_five THEN 'disabled_child' END,
		   CASE WHEN ch.any_disabled THEN 'disabled_child_any_age' END,
		   CASE WHEN f.workless_household THEN 'workless_household' END,
		   CASE WHEN f.workless_by_status THEN 'workless_by_status' END,
		   CASE WHEN f.additional_language THEN 'additional_language' END,
		   CASE WHEN f.minority_ethnic THEN 'minority_ethnic' END,
		   CASE WHEN f.smoking_parent THEN 'smoking_parent' END,
		   CASE WHEN f.priority_family THEN 'priority_family' END,
		   CASE WHEN sc.child_in_need THEN 'child_in_need' END,
		   CASE WHEN sc.child_protection THEN 'child_protection' END,
		   CASE WHEN sc.looked_after THEN 'looked_after' END,
		   CASE WHEN tw.eligible THEN 'two_year_funding' END]::text[], NULL)
		   || ARRAY(SELECT 'local_' || n FROM unnest(f.local_groups) AS n WHERE n IS NOT NULL)) AS groups
FROM registered_family AS rf
JOIN @extschema@.family AS f USING (family_id)
LEFT JOIN carers AS cr USING (family_id)
LEFT JOIN children AS ch USING (family_id)
LEFT JOIN contacts AS k ON k.period = rf.period AND k.family_id = rf.family_id
LEFT JOIN LATERAL (
	SELECT bool_or(s.kind = 'child_in_need') AS child_in_need,
		   bool_or(s.kind = 'child_protection') AS child_protection,
		   bool_or(s.kind = 'looked_after') AS looked_after
	FROM @extschema@.social_care AS s
	JOIN @extschema@.child AS c USING (child_id)
	WHERE c.family_id = rf.family_id
	  AND s.starts_on <= rf.period_end AND (s.ends_on IS NULL OR s.ends_on >= rf.period_end)
) AS sc ON true
LEFT JOIN LATERAL (
	SELECT true AS eligible
	FROM @extschema@.two_year_place AS t
	JOIN @extschema@.child AS c USING (child_id)
	WHERE c.family_id = rf.family_id AND t.dwp_eligible
	  AND t.term_start <= rf.period_end AND t.term_start > rf.period_end - interval '1 year'
	LIMIT 1
) AS tw ON true;
COMMENT ON VIEW surestart_internal.family_period_groups IS 'Each registered family per period: its centre, target groups on the reference date and meaningful contacts in the period (person-level)';
COMMENT ON COLUMN surestart_internal.family_period_groups.period IS 'period label';
COMMENT ON COLUMN surestart_internal.family_period_groups.centre_id IS 'centre whose reach area holds the family''s LSOA on the reference date';
COMMENT ON COLUMN surestart_internal.family_period_groups.family_id IS 'family with at least one counted child registered on the reference date';
COMMENT ON COLUMN surestart_internal.family_period_groups.contacts IS 'family contacts: distinct days on which the family''s counted children had a meaningful contact in the period';
COMMENT ON COLUMN surestart_internal.family_period_groups.groups IS 'target groups the family belongs to on the reference date';

/* Each centre's coverage: the sum of its LSOAs' stored (or live) coverage. */
CREATE VIEW surestart_internal.centre_coverage AS
SELECT period, kind, centre_id, @extschema@.sum(coverage) AS coverage
FROM surestart_internal.lsoa_figures
WHERE coverage IS NOT NULL
GROUP BY period, kind, centre_id;
COMMENT ON VIEW surestart_internal.centre_coverage IS 'Each centre''s coverage summary per period, summed from its LSOAs'' figures: the value take_snapshot stores and sum(coverage) rolls up';
COMMENT ON COLUMN surestart_internal.centre_coverage.period IS 'period label';
COMMENT ON COLUMN surestart_internal.centre_coverage.kind IS 'quarter, year_to_date or year';
COMMENT ON COLUMN surestart_internal.centre_coverage.centre_id IS 'centre';
COMMENT ON COLUMN surestart_internal.centre_coverage.coverage IS 'coverage summary of the centre''s registered families';

/*
 * A partner sees its own centres and lead partners and the county (the
 * county rows add up every centre, as the comparator).
 *
 * Each centre's coverage value is counted once for the centre, once for its
 * lead partner and once for the county, and summed per unit in one GROUP BY,
 * so the families are worked out once and a period filter reaches them.
 */
CREATE VIEW @extschema@.target_group_coverage AS
WITH units AS (
	SELECT x.level, x.unit_id, x.unit_name, cc.period, @extschema@.sum(cc.coverage) AS coverage
	FROM surestart_internal.centre_coverage AS cc
	JOIN @extschema@.centre AS c USING (centre_id)
	LEFT JOIN @extschema@.lot AS l USING (lot_id)
	LEFT JOIN @extschema@.lead_partner AS lp ON lp.lead_partner_id = l.lead_partner_id
	CROSS JOIN LATERAL (VALUES ('centre'::text, c.centre_id, c.name),
							   ('lead_partner', lp.lead_partner_id, lp.name),
							   ('county', 'county', 'County')) AS x(level, unit_id, unit_name)
	WHERE x.unit_id IS NOT NULL
	GROUP BY x.level, x.unit_id, x.unit_name, cc.period
)
SELECT u.level, u.unit_id, u.unit_name, u.period, r.target_group, g.label,
	   r.in_group AS families,
	   @extschema@.part(r.any_contact) AS any_contact,
	   @extschema@.percent(r.any_contact) AS any_contact_pct,
	   @extschema@.part(r.sustained) AS sustained,
	   @extschema@.percent(r.sustained) AS sustained_pct,
	   @extschema@.ofsted_words(r.any_contact) AS any_contact_words,
	   g.national, g.display_order::integer AS display_order
FROM units AS u
CROSS JOIN LATERAL @extschema@.coverage_rows(u.coverage) AS r
JOIN @extschema@.target_group AS g ON g.code = r.target_group
WHERE u.level = 'county'
   OR (u.level = 'centre' AND u.unit_id IN (SELECT v.centre_id FROM surestart_internal.visible_centre AS v))
   OR (u.level = 'lead_partner' AND u.unit_id IN (SELECT v.lead_partner_id FROM surestart_internal.visible_lead_partner AS v));
COMMENT ON VIEW @extschema@.target_group_coverage IS 'Coverage of each target group by centre, lead partner and county per period: registered families in the group, and how many had any and sustained contact';
COMMENT ON COLUMN @extschema@.target_group_coverage.level IS 'centre, lead_partner or county';
COMMENT ON COLUMN @extschema@.target_group_coverage.unit_id IS 'centre id, lead partner id, or county';
COMMENT ON COLUMN @extschema@.target_group_coverage.unit_name IS 'centre or lead partner name, or County';
COMMENT ON COLUMN @extschema@.target_group_coverage.period IS 'period label: 2013-14 Q3, 2013-14 Q1-Q3 or 2013-14';
COMMENT ON COLUMN @extschema@.target_group_coverage.target_group IS 'target group code';
COMMENT ON COLUMN @extschema@.target_group_coverage.label IS 'target group label (table target_group)';
COMMENT ON COLUMN @extschema@.target_group_coverage.families IS 'registered families in the group (at least one counted child registered on the reference date)';
COMMENT ON COLUMN @extschema@.target_group_coverage.any_contact IS 'of them, families with at least one meaningful contact in the period';
COMMENT ON COLUMN @extschema@.target_group_coverage.any_contact_pct IS 'any_contact as a percentage of families, one decimal place';
COMMENT ON COLUMN @extschema@.target_group_coverage.sustained IS 'of them, families whose meaningful contacts add up to at least sustained_contacts';
COMMENT ON COLUMN @extschema@.target_group_coverage.sustained_pct IS 'sustained as a percentage of families, one decimal place';
COMMENT ON COLUMN @extschema@.target_group_coverage.any_contact_words IS 'Ofsted''s words for any_contact_pct';
COMMENT ON COLUMN @extschema@.target_group_coverage.national IS 'a national target group (false for local_1 ... local_16)';
COMMENT ON COLUMN @extschema@.target_group_coverage.display_order IS 'report order of the group';

/*
 * Vulnerable families reached (Hampshire reports the share of those
 * reached who are "classed as vulnerable"): per centre and period, and for
 * the county as the comparator, the registered families in at least one
 * target group flagged vulnerable in target_group (not every national
 * group: fathers are no vulnerability), how many were seen, and their share
 * of the registered families seen.  A family in two vulnerable groups
 * counts once, which the coverage summaries (counts per group) cannot
 * tell, so the stored figures keep those families per LSOA as well
 * (lsoa_figure.vulnerable_*, counted with the coverage); the registered
 * families, those seen and those seen in any national group come from the
 * coverage summaries' totals.  any_national_seen_pct is the figure the 0.2
 * reports gave instead (any national group, fathers included).  A unit
 * has a row when it has registered families in the period.
 */
CREATE VIEW @extschema@.vulnerable_reach AS
SELECT k.level, k.centre_id, coalesce(c.name, 'County') AS centre, k.period,
	   t.families, @extschema@.part(t.any_contact) AS families_seen,
	   k.vulnerable_families, k.vulnerable_seen, k.vulnerable_sustained,
	   @extschema@.percent_of(k.vulnerable_seen, @extschema@.part(t.any_contact)) AS vulnerable_seen_pct,
	   @extschema@.percent_of(k.vulnerable_families, t.families) AS vulnerable_pct,
	   @extschema@.percent_of(k.vulnerable_seen, k.vulnerable_families) AS vulnerable_families_seen_pct,
	   @extschema@.percent_of(k.vulnerable_sustained, k.vulnerable_families) AS vulnerable_sustained_pct,
	   @extschema@.percent_of(@extschema@.part(t.reached_in_national_group), @extschema@.part(t.any_contact)) AS any_national_seen_pct
FROM (
	-- each LSOA row counted for its centre and for the county; a filter on
	-- period reaches the stored rows (none passes GROUPING SETS)
	SELECT x.level, x.centre_id, l.period,
		   @extschema@.sum(l.coverage) AS coverage,
		   sum(l.vulnerable_families)::bigint AS vulnerable_families,
		   sum(l.vulnerable_seen)::bigint AS vulnerable_seen,
		   sum(l.vulnerable_sustained)::bigint AS vulnerable_sustained
	FROM surestart_internal.lsoa_figures AS l
	CROSS JOIN LATERAL (VALUES ('centre'::text, l.centre_id), ('county', NULL::text)) AS x(level, centre_id)
	GROUP BY x.level, x.centre_id, l.period
) AS k
CROSS JOIN LATERAL @extschema@.coverage_totals(k.coverage) AS t
LEFT JOIN @extschema@.centre AS c ON c.centre_id = k.centre_id
WHERE k.coverage IS NOT NULL
  AND (k.level = 'county' OR k.centre_id IN (SELECT v.centre_id FROM surestart_internal.visible_centre AS v));
COMMENT ON VIEW @extschema@.vulnerable_reach IS 'Registered families in target groups classed as vulnerable (target_group.vulnerable) per centre and period, with the county as comparator: how many were seen, and their share of the families seen';
COMMENT ON COLUMN @extschema@.vulnerable_reach.level IS 'centre, or county (every centre: the comparator)';
COMMENT ON COLUMN @extschema@.vulnerable_reach.centre_id IS 'centre whose reach area holds the families'' LSOA on the reference date; null on the county row';
COMMENT ON COLUMN @extschema@.vulnerable_reach.centre IS 'centre name, or County';
COMMENT ON COLUMN @extschema@.vulnerable_reach.period IS 'period label: 2013-14 Q3, 2013-14 Q1-Q3 or 2013-14';
COMMENT ON COLUMN @extschema@.vulnerable_reach.families IS 'registered families (at least one counted child registered on the reference date), as target_group_coverage counts them';
COMMENT ON COLUMN @extschema@.vulnerable_reach.families_seen IS 'of them, families with at least one meaningful contact in the period';
COMMENT ON COLUMN @extschema@.vulnerable_reach.vulnerable_families IS 'registered families in at least one vulnerable target group on the reference date (each family once)';
COMMENT ON COLUMN @extschema@.vulnerable_reach.vulnerable_seen IS 'of them, families with at least one meaningful contact in the period';
COMMENT ON COLUMN @extschema@.vulnerable_reach.vulnerable_sustained IS 'of them, families with at least sustained_contacts family contacts in the period';
COMMENT ON COLUMN @extschema@.vulnerable_reach.vulnerable_seen_pct IS '100 * vulnerable_seen / families_seen: the share of the families reached who are classed as vulnerable (Hampshire''s figure)';
COMMENT ON COLUMN @extschema@.vulnerable_reach.vulnerable_pct IS '100 * vulnerable_families / families: the share of registered families classed as vulnerable';
COMMENT ON COLUMN @extschema@.vulnerable_reach.vulnerable_families_seen_pct IS '100 * vulnerable_seen / vulnerable_families: how many of the vulnerable families were reached';
COMMENT ON COLUMN @extschema@.vulnerable_reach.vulnerable_sustained_pct IS '100 * vulnerable_sustained / vulnerable_families';
COMMENT ON COLUMN @extschema@.vulnerable_reach.any_national_seen_pct IS '100 * (families seen in any national target group, fathers included) / families_seen: the figure reported before 0.3, for comparison';
