/* ---------------------------------------------------------------- support levels */

/*
 * The support level (in 0.1.0 part of 67_funding_views.sql; here it follows
 * inspection_risk) with the risk of the latest quarter that has ended.  The
 * upgrade from 0.1.0 replaces the old view in place: the new columns follow
 * the old ones.
 */
CREATE VIEW @extschema@.support_levels AS
SELECT c.centre_id, c.name AS centre,
	   array_to_string(g.grades::text[], ', ') AS latest_grades,
	   g.inspections,
	   rag.assessed_on AS rag_assessed_on, rag.quality_rag, rag.leadership_rag,
	   lv.level, @extschema@.support_level_name(lv.level) AS level_name,
	   risk.period AS risk_period, risk.score AS risk_score, risk.band AS risk_band, risk.reasons AS risk_reasons,
	   risk.not_yet_inspected, risk.due_within_year
FROM @extschema@.centre AS c
CROSS JOIN LATERAL (
	SELECT array_agg(i.overall ORDER BY i.inspected_on DESC, i.inspection_id DESC)
			   FILTER (WHERE i.overall IS NOT NULL) AS grades,
		   count(*)::integer AS inspections
	FROM @extschema@.inspected_centre AS ic
	JOIN @extschema@.ofsted_inspection AS i USING (inspection_id)
	WHERE ic.centre_id = c.centre_id AND i.status NOT IN ('postponed', 'cancelled')
) AS g
LEFT JOIN LATERAL (
	SELECT r.assessed_on, r.quality_rag, r.leadership_rag
	FROM @extschema@.centre_rag AS r
	WHERE r.centre_id = c.centre_id
	ORDER BY r.assessed_on DESC
	LIMIT 1
) AS rag ON true
CROSS JOIN LATERAL (
	SELECT @extschema@.support_level(g.grades, rag.quality_rag, rag.leadership_rag) AS level
) AS lv
LEFT JOIN (
	SELECT i.* FROM @extschema@.inspection_risk AS i WHERE i.period = @extschema@.latest_ended_quarter()
) AS risk ON risk.centre_id = c.centre_id
WHERE (c.closed_on IS NULL OR c.closed_on >= @extschema@.reference_date())
  AND c.centre_id IN (SELECT v.centre_id FROM @extschema@.visible_centre AS v);
COMMENT ON VIEW @extschema@.support_levels IS 'Each centre''s level (open on reference_date()) in the support and intervention framework, from its Ofsted grades and latest quality and leadership ratings, beside its inspection risk in the latest quarter that has ended';
COMMENT ON COLUMN @extschema@.support_levels.centre_id IS 'centre';
COMMENT ON COLUMN @extschema@.support_levels.centre IS 'centre name';
COMMENT ON COLUMN @extschema@.support_levels.latest_grades IS 'recorded overall grades of its inspections, newest first';
COMMENT ON COLUMN @extschema@.support_levels.inspections IS 'inspections that took place';
COMMENT ON COLUMN @extschema@.support_levels.rag_assessed_on IS 'day of the latest quality and leadership rating';
COMMENT ON COLUMN @extschema@.support_levels.quality_rag IS 'latest quality and impact rating: green, amber or red';
COMMENT ON COLUMN @extschema@.support_levels.leadership_rag IS 'latest leadership and management rating: green, amber or red';
COMMENT ON COLUMN @extschema@.support_levels.level IS 'support level 1-4: the highest any indicator triggers';
COMMENT ON COLUMN @extschema@.support_levels.level_name IS 'Normal, Raised, Supported or Intensive';

COMMENT ON COLUMN @extschema@.support_levels.risk_period IS 'quarter of the inspection-risk assessment: the latest that has ended';
COMMENT ON COLUMN @extschema@.support_levels.risk_score IS 'inspection-risk score in that quarter (inspection_risk)';
COMMENT ON COLUMN @extschema@.support_levels.risk_band IS 'inspection-risk band: low, medium or high';
COMMENT ON COLUMN @extschema@.support_levels.risk_reasons IS 'the warning signs with their points; null when there are none';
COMMENT ON COLUMN @extschema@.support_levels.not_yet_inspected IS 'not inspected by the end of that quarter';
COMMENT ON COLUMN @extschema@.support_levels.due_within_year IS 'next inspection due within a year of the end of that quarter (or overdue)';
