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

/*
 * Two-year-old take-up as Norfolk's Appendix 5 reports it: per lot and
 * term, the children on the DWP list against the children taking a place,
 * by the basis of the criteria the place was given under
 * (two_year_criteria: September 2013, September 2014, local; a criteria
 * value not listed there is local, and a place without criteria is
 * September 2013 when the child is on the DWP list, else local).  Places
 * under the September 2013 criteria include children the council found
 * eligible who were not on the list, so take_up_pct may pass 100 (Diss:
 * 36 places against 29 listed children, 124%).  A total row per term, and
 * a row per lot group (lot.lot_group, e.g. Priority and Other) when lots
 * are grouped.  A partner sees the rows of its own lots, and the group and
 * total rows of the whole county as comparators.
 */
CREATE VIEW @extschema@.two_year_take_up AS
WITH place AS (
	SELECT c.lot_id, l.lot_group, l.name AS lot_name, p.term_start, p.dwp_eligible, p.taken_up,
		   coalesce(k.basis, CASE WHEN p.criteria IS NULL AND p.dwp_eligible THEN 'sept_2013' ELSE 'local' END) AS basis,
		   c.centre_id IN (SELECT v.centre_id FROM @extschema@.visible_centre AS v) AS visible
	FROM @extschema@.two_year_place AS p
	JOIN @extschema@.child_term_centre AS t USING (child_id, term_start)
	JOIN @extschema@.centre AS c USING (centre_id)
	LEFT JOIN @extschema@.lot AS l ON l.lot_id = c.lot_id
	LEFT JOIN @extschema@.two_year_criteria AS k ON lower(btrim(k.criteria)) = lower(btrim(p.criteria))
), counted AS (
	SELECT CASE GROUPING(x.lot_id, x.lot_group) WHEN 0 THEN 'lot' WHEN 2 THEN 'lot_group' ELSE 'total' END AS level,
		   x.lot_id, x.lot_group, x.lot_name, x.term_start,
		   count(*) FILTER (WHERE x.dwp_eligible)::integer AS dwp_eligible,
		   count(*) FILTER (WHERE x.taken_up AND x.basis = 'sept_2013')::integer AS taken_up_sept_2013,
		   count(*) FILTER (WHERE x.taken_up AND x.basis = 'sept_2014')::integer AS taken_up_sept_2014,
		   count(*) FILTER (WHERE x.taken_up AND x.basis = 'local')::integer AS taken_up_local,
		   count(*) FILTER (WHERE x.taken_up)::integer AS taken_up_total,
		   count(*) FILTER (WHERE x.taken_up AND x.dwp_eligible)::integer AS taken_up_listed,
		   bool_and(x.visible) AS visible
	FROM place AS x
	GROUP BY GROUPING SETS ((x.term_start, x.lot_id, x.lot_group, x.lot_name), (x.term_start, x.lot_group), (x.term_start))
	HAVING GROUPING(x.lot_id, x.lot_group) <> 2 OR x.lot_group IS NOT NULL
)
SELECT c.lot_id, c.term_start, @extschema@.term_name(c.term_start) AS term,
	   c.dwp_eligible, c.taken_up_sept_2013, c.taken_up_sept_2014, c.taken_up_local, c.taken_up_total,
	   @extschema@.percent_of(c.taken_up_sept_2013, c.dwp_eligible) AS take_up_pct,
	   @extschema@.percent_of(c.taken_up_total, c.dwp_eligible) AS total_take_up_pct,
	   c.level, c.lot_group, c.lot_name, c.taken_up_listed,
	   @extschema@.percent_of(c.taken_up_listed, c.dwp_eligible) AS listed_take_up_pct
FROM counted AS c
WHERE c.level <> 'lot' OR c.visible;
COMMENT ON VIEW @extschema@.two_year_take_up IS 'Funded places for 2-year-olds per lot and term as Norfolk''s Appendix 5 reports them: children on the DWP list, places taken up by the basis of their criteria (two_year_criteria: September 2013, September 2014, local), take-up (which may pass 100%), with a total row per term and a row per lot group';
COMMENT ON COLUMN @extschema@.two_year_take_up.lot_id IS 'lot of the centre whose reach area the child lives in on the first day of the term; null on lot_group and total rows';
COMMENT ON COLUMN @extschema@.two_year_take_up.term_start IS 'first day of the term';
COMMENT ON COLUMN @extschema@.two_year_take_up.term IS 'term name, e.g. Spring 2014';
COMMENT ON COLUMN @extschema@.two_year_take_up.dwp_eligible IS 'children on the DWP list of eligible children';
COMMENT ON COLUMN @extschema@.two_year_take_up.taken_up_sept_2013 IS 'children taking a place under criteria of basis sept_2013 in two_year_criteria (the original national criteria: dwp, looked_after), whether or not on the DWP list; a place without criteria counts here when the child is on the list';
COMMENT ON COLUMN @extschema@.two_year_take_up.taken_up_sept_2014 IS 'children taking a place under criteria of basis sept_2014 (the national criteria added in September 2014)';
COMMENT ON COLUMN @extschema@.two_year_take_up.taken_up_local IS 'children taking a place under local criteria: basis local, or a criteria value not in two_year_criteria, or no criteria and not on the DWP list';
COMMENT ON COLUMN @extschema@.two_year_take_up.taken_up_total IS 'all children taking a funded place: taken_up_sept_2013 + taken_up_sept_2014 + taken_up_local';
COMMENT ON COLUMN @extschema@.two_year_take_up.take_up_pct IS '100 * taken_up_sept_2013 / dwp_eligible, one decimal place: may pass 100 (Norfolk''s Diss: 36 places, 29 listed, 124.1); null when none is listed';
COMMENT ON COLUMN @extschema@.two_year_take_up.total_take_up_pct IS '100 * taken_up_total / dwp_eligible, one decimal place; may pass 100; null when none is listed';
COMMENT ON COLUMN @extschema@.two_year_take_up.level IS 'lot (one lot), lot_group (the lots of one lot.lot_group, shown only for groups that are set) or total (every lot, one row per term): add up only the lot rows';
COMMENT ON COLUMN @extschema@.two_year_take_up.lot_group IS 'the lot''s group (lot.lot_group, e.g. Priority or Other) on lot and lot_group rows; null on total rows and for lots not grouped';
COMMENT ON COLUMN @extschema@.two_year_take_up.lot_name IS 'name of the lot (the areas it covers); null on lot_group and total rows';
COMMENT ON COLUMN @extschema@.two_year_take_up.taken_up_listed IS 'children on the DWP list taking a place (whatever their criteria)';
COMMENT ON COLUMN @extschema@.two_year_take_up.listed_take_up_pct IS '100 * taken_up_listed / dwp_eligible: the share of listed children taking a place (at most 100)';

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
