/* src/sql/67_funding_views.sql: funded early education (support_levels is in 85_support_levels.sql, after inspection_risk) */

/*
 * A child's term belongs to the centre whose reach area holds its family's
 * LSOA on the first day of the term (the later period when two touch).
 */
CREATE VIEW @extschema@.child_term_centre AS
SELECT DISTINCT ON (t.child_id, t.term_start) t.child_id, t.term_start, a.centre_id
FROM (SELECT child_id, term_start FROM @extschema@.two_year_place
	  UNION SELECT child_id, term_start FROM @extschema@.three_four_funding) AS t
JOIN @extschema@.child AS c USING (child_id)
JOIN @extschema@.family AS f USING (family_id)
JOIN @extschema@.reach_area AS a
  ON a.lsoa_code = f.lsoa_code AND a.valid_from <= t.term_start
 AND (a.valid_to IS NULL OR a.valid_to >= t.term_start)
ORDER BY t.child_id, t.term_start, a.valid_from DESC;
COMMENT ON VIEW @extschema@.child_term_centre IS 'The centre each child with funded early education belongs to in each term (person-level)';
COMMENT ON COLUMN @extschema@.child_term_centre.child_id IS 'child';
COMMENT ON COLUMN @extschema@.child_term_centre.term_start IS 'first day of the term';
COMMENT ON COLUMN @extschema@.child_term_centre.centre_id IS 'centre whose reach area holds the family''s LSOA that day';

CREATE VIEW @extschema@.two_year_take_up AS
SELECT c.lot_id, p.term_start,
	   @extschema@.term_name(p.term_start) AS term,
	   count(*) FILTER (WHERE p.dwp_eligible)::integer AS dwp_eligible,
	   count(*) FILTER (WHERE p.dwp_eligible AND p.taken_up)::integer AS taken_up_dwp,
	   count(*) FILTER (WHERE NOT p.dwp_eligible AND p.taken_up)::integer AS taken_up_local_criteria,
	   count(*) FILTER (WHERE p.taken_up)::integer AS taken_up_total,
	   CASE WHEN count(*) FILTER (WHERE p.dwp_eligible) > 0
			THEN round(100.0 * count(*) FILTER (WHERE p.dwp_eligible AND p.taken_up)
					   / count(*) FILTER (WHERE p.dwp_eligible), 1) END AS take_up_pct,
	   CASE WHEN count(*) FILTER (WHERE p.dwp_eligible) > 0
			THEN round(100.0 * count(*) FILTER (WHERE p.taken_up)
					   / count(*) FILTER (WHERE p.dwp_eligible), 1) END AS total_take_up_pct
FROM @extschema@.two_year_place AS p
JOIN @extschema@.child_term_centre AS t USING (child_id, term_start)
JOIN @extschema@.centre AS c USING (centre_id)
WHERE c.centre_id IN (SELECT v.centre_id FROM @extschema@.visible_centre AS v)
GROUP BY c.lot_id, p.term_start;
COMMENT ON VIEW @extschema@.two_year_take_up IS 'Funded places for 2-year-olds per lot and term: DWP-eligible children, places taken on the original (DWP) and local criteria, and take-up';
COMMENT ON COLUMN @extschema@.two_year_take_up.lot_id IS 'lot of the centre whose reach area the child lives in';
COMMENT ON COLUMN @extschema@.two_year_take_up.term_start IS 'first day of the term';
COMMENT ON COLUMN @extschema@.two_year_take_up.term IS 'term name, e.g. Autumn 2013';
COMMENT ON COLUMN @extschema@.two_year_take_up.dwp_eligible IS 'children on the DWP list of eligible children';
COMMENT ON COLUMN @extschema@.two_year_take_up.taken_up_dwp IS 'of them, children taking a funded place';
COMMENT ON COLUMN @extschema@.two_year_take_up.taken_up_local_criteria IS 'children taking a place under local criteria (not on the DWP list)';
COMMENT ON COLUMN @extschema@.two_year_take_up.taken_up_total IS 'all children taking a funded place';
COMMENT ON COLUMN @extschema@.two_year_take_up.take_up_pct IS 'taken_up_dwp as a percentage of dwp_eligible: take-up on the original criteria';
COMMENT ON COLUMN @extschema@.two_year_take_up.total_take_up_pct IS 'taken_up_total as a percentage of dwp_eligible; may exceed 100 with local criteria';

/*
 * 3- and 4-year-olds: a child is eligible in a term from funded_from(dob)
 * until it starts school, in the September after its fourth birthday
 * (children born 1 September to 31 August start together).  Children
 * recorded in receipt in a term when they are not eligible by age (early,
 * or still funded after the school-start date) are not dropped: they are
 * counted apart, in in_receipt_not_eligible, for the council to check.
 */
CREATE VIEW @extschema@.three_four_take_up AS
WITH terms AS (
	SELECT DISTINCT term_start FROM @extschema@.three_four_funding
), candidate AS (
	SELECT t.term_start, c.child_id
	FROM terms AS t
	JOIN @extschema@.child AS c
	  ON @extschema@.funded_from(c.dob) <= t.term_start
	 AND t.term_start < make_date(extract(year FROM c.dob)::integer + 4
								  + CASE WHEN extract(month FROM c.dob) >= 9 THEN 1 ELSE 0 END, 9, 1)
	WHERE c.dob > t.term_start - interval '6 years'
	UNION
	SELECT r.term_start, r.child_id FROM @extschema@.three_four_funding AS r WHERE r.in_receipt
), placed AS (
	SELECT DISTINCT ON (x.child_id, x.term_start) x.term_start, x.child_id, a.centre_id,
		   @extschema@.funded_from(c.dob) <= x.term_start
		   AND x.term_start < make_date(extract(year FROM c.dob)::integer + 4
										+ CASE WHEN extract(month FROM c.dob) >= 9 THEN 1 ELSE 0 END, 9, 1) AS eligible
	FROM candidate AS x
	JOIN @extschema@.child AS c USING (child_id)
	JOIN @extschema@.family AS f USING (family_id)
	JOIN @extschema@.reach_area AS a
	  ON a.lsoa_code = f.lsoa_code AND a.valid_from <= x.term_start
	 AND (a.valid_to IS NULL OR a.valid_to >= x.term_start)
	ORDER BY x.child_id, x.term_start, a.valid_from DESC
)
SELECT p.centre_id, ce.name AS centre, p.term_start,
	   @extschema@.term_name(p.term_start) AS term,
	   count(*) FILTER (WHERE p.eligible)::integer AS eligible,
	   count(*) FILTER (WHERE p.eligible AND r.in_receipt)::integer AS in_receipt,
	   round(100.0 * count(*) FILTER (WHERE p.eligible AND r.in_receipt)
			 / nullif(count(*) FILTER (WHERE p.eligible), 0), 1) AS take_up_pct,
	   @extschema@.ofsted_words(@extschema@.proportion(count(*) FILTER (WHERE p.eligible AND r.in_receipt),
														count(*) FILTER (WHERE p.eligible))) AS take_up_words,
	   count(*) FILTER (WHERE NOT p.eligible AND r.in_receipt)::integer AS in_receipt_not_eligible
FROM placed AS p
JOIN @extschema@.centre AS ce USING (centre_id)
LEFT JOIN @extschema@.three_four_funding AS r
  ON r.child_id = p.child_id AND r.term_start = p.term_start
WHERE p.centre_id IN (SELECT v.centre_id FROM @extschema@.visible_centre AS v)
GROUP BY p.centre_id, ce.name, p.term_start;
COMMENT ON VIEW @extschema@.three_four_take_up IS 'Universal funded early education of 3- and 4-year-olds per centre area and term: eligible children (by funded_from, until they start school), in receipt, and take-up';
COMMENT ON COLUMN @extschema@.three_four_take_up.centre_id IS 'centre whose reach area the children live in on the first day of the term';
COMMENT ON COLUMN @extschema@.three_four_take_up.centre IS 'centre name';
COMMENT ON COLUMN @extschema@.three_four_take_up.term_start IS 'first day of the term';
COMMENT ON COLUMN @extschema@.three_four_take_up.term IS 'term name, e.g. Autumn 2013';
COMMENT ON COLUMN @extschema@.three_four_take_up.eligible IS 'children eligible that term: funded_from(dob) reached and not yet at school';
COMMENT ON COLUMN @extschema@.three_four_take_up.in_receipt IS 'of them, children receiving funded early education';
COMMENT ON COLUMN @extschema@.three_four_take_up.take_up_pct IS 'in_receipt as a percentage of eligible (null when none is eligible)';
COMMENT ON COLUMN @extschema@.three_four_take_up.take_up_words IS 'Ofsted''s words for take_up_pct';
COMMENT ON COLUMN @extschema@.three_four_take_up.in_receipt_not_eligible IS 'children recorded in receipt that term who are not eligible by age then (before funded_from, or at school age): a data check';
