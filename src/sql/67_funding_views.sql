/* src/sql/67_funding_views.sql: funded early education (support_levels is in 85_support_levels.sql, after inspection_risk) */

/*
 * A child's term belongs to the centre whose reach area holds its family's
 * LSOA on the first day of the term (the later period when two touch).
 */
CREATE VIEW surestart_internal.child_term_centre AS
SELECT DISTINCT ON (t.child_id, t.term_start) t.child_id, t.term_start, a.centre_id
FROM (SELECT child_id, term_start FROM @extschema@.two_year_place
	  UNION SELECT child_id, term_start FROM @extschema@.three_four_funding) AS t
JOIN @extschema@.child AS c USING (child_id)
JOIN @extschema@.family AS f USING (family_id)
JOIN @extschema@.reach_area AS a
  ON a.lsoa_code = f.lsoa_code AND a.valid_from <= t.term_start
 AND (a.valid_to IS NULL OR a.valid_to >= t.term_start)
ORDER BY t.child_id, t.term_start, a.valid_from DESC;
COMMENT ON VIEW surestart_internal.child_term_centre IS 'The centre each child with funded early education belongs to in each term (person-level)';
COMMENT ON COLUMN surestart_internal.child_term_centre.child_id IS 'child';
COMMENT ON COLUMN surestart_internal.child_term_centre.term_start IS 'first day of the term';
COMMENT ON COLUMN surestart_internal.child_term_centre.centre_id IS 'centre whose reach area holds the family''s LSOA that day';

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
CREATE VIEW surestart_internal.two_year_counts AS
WITH place AS (
	SELECT c.lot_id, l.lot_group, l.name AS lot_name, p.term_start, p.dwp_eligible, p.taken_up,
		   coalesce(k.basis, CASE WHEN p.criteria IS NULL AND p.dwp_eligible THEN 'sept_2013' ELSE 'local' END) AS basis,
		   c.centre_id IN (SELECT v.centre_id FROM surestart_internal.visible_centre AS v) AS visible
	FROM @extschema@.two_year_place AS p
	JOIN surestart_internal.child_term_centre AS t USING (child_id, term_start)
	JOIN @extschema@.centre AS c USING (centre_id)
	LEFT JOIN @extschema@.lot AS l ON l.lot_id = c.lot_id
	LEFT JOIN @extschema@.two_year_criteria AS k ON lower(btrim(k.criteria)) = lower(btrim(p.criteria))
)
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
HAVING GROUPING(x.lot_id, x.lot_group) <> 2 OR x.lot_group IS NOT NULL;
COMMENT ON VIEW surestart_internal.two_year_counts IS 'two_year_take_up''s counts of every lot, lot group and the county per term, whoever reads them (visible says whether the reader may see a lot''s row): the disclosure layer protects them all alike';
COMMENT ON COLUMN surestart_internal.two_year_counts.level IS 'lot, lot_group or total';
COMMENT ON COLUMN surestart_internal.two_year_counts.lot_id IS 'the lot (lot rows)';
COMMENT ON COLUMN surestart_internal.two_year_counts.lot_group IS 'the lot''s group (lot and lot_group rows)';
COMMENT ON COLUMN surestart_internal.two_year_counts.lot_name IS 'the lot''s name (lot rows)';
COMMENT ON COLUMN surestart_internal.two_year_counts.term_start IS 'first day of the term';
COMMENT ON COLUMN surestart_internal.two_year_counts.dwp_eligible IS 'children on the DWP list';
COMMENT ON COLUMN surestart_internal.two_year_counts.taken_up_sept_2013 IS 'places under criteria of basis sept_2013';
COMMENT ON COLUMN surestart_internal.two_year_counts.taken_up_sept_2014 IS 'places under criteria of basis sept_2014';
COMMENT ON COLUMN surestart_internal.two_year_counts.taken_up_local IS 'places under local criteria';
COMMENT ON COLUMN surestart_internal.two_year_counts.taken_up_total IS 'all places taken up: the sum of the three bases';
COMMENT ON COLUMN surestart_internal.two_year_counts.taken_up_listed IS 'children on the DWP list taking a place';
COMMENT ON COLUMN surestart_internal.two_year_counts.visible IS 'the reader may see every centre of the row (what two_year_take_up shows of lot rows)';

/* What a reader sees: its own lots, and every group and total row. */
CREATE VIEW @extschema@.two_year_take_up AS
SELECT c.lot_id, c.term_start, @extschema@.term_name(c.term_start) AS term,
	   c.dwp_eligible, c.taken_up_sept_2013, c.taken_up_sept_2014, c.taken_up_local, c.taken_up_total,
	   @extschema@.percent_of(c.taken_up_sept_2013, c.dwp_eligible) AS take_up_pct,
	   @extschema@.percent_of(c.taken_up_total, c.dwp_eligible) AS total_take_up_pct,
	   c.level, c.lot_group, c.lot_name, c.taken_up_listed,
	   @extschema@.percent_of(c.taken_up_listed, c.dwp_eligible) AS listed_take_up_pct
FROM surestart_internal.two_year_counts AS c
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
 * 3- and 4-year-olds as Norfolk's Appendix 6 counts them: two cohorts by
 * date of birth, fixed for the school year (1 September to 31 August) the
 * term falls in: three-year-olds were 3 on the 31 August before it (born 1
 * September four years before the year began to 31 August three years
 * before), four-year-olds were 4 (a year older: the reception-class year).
 * A child of the cohorts takes up when funded that term (in_receipt) or in
 * a school reception class (setting_kind school).  Denominators: the
 * children of the cohorts known to the council (child), living in the
 * centre's reach area on the first day of the term, and beside them the
 * ONS population aged 3 and 4 of the reach area's LSOAs (the latest
 * mid-year estimate dated on or before that day, else the earliest).
 * Children funded that term outside the cohorts are not dropped: those who
 * turned 3 since the year began and reached funded_from(dob) are counted in
 * in_receipt_younger, the others (funded before funded_from, or older than
 * the reception year) in in_receipt_not_eligible, for the council to check.
 */
CREATE VIEW surestart_internal.three_four_counts AS
WITH terms AS (
	SELECT DISTINCT f.term_start,
		   make_date(extract(year FROM f.term_start)::integer
					 - CASE WHEN extract(month FROM f.term_start) >= 9 THEN 0 ELSE 1 END, 9, 1) AS year_start
	FROM @extschema@.three_four_funding AS f
), candidate AS (
	SELECT t.term_start, t.year_start, c.child_id
	FROM terms AS t
	JOIN @extschema@.child AS c
	  ON c.dob >= (t.year_start - interval '5 years')::date AND c.dob < (t.year_start - interval '3 years')::date
	UNION
	SELECT t.term_start, t.year_start, r.child_id
	FROM @extschema@.three_four_funding AS r JOIN terms AS t USING (term_start)
	WHERE r.in_receipt
), placed AS (
	SELECT DISTINCT ON (x.child_id, x.term_start) x.term_start, x.child_id, a.centre_id,
		   CASE WHEN c.dob >= (x.year_start - interval '3 years')::date THEN 'younger'
				WHEN c.dob >= (x.year_start - interval '4 years')::date THEN 'three'
				WHEN c.dob >= (x.year_start - interval '5 years')::date THEN 'four'
				ELSE 'older' END AS cohort,
		   @extschema@.funded_from(c.dob) <= x.term_start AS funded_by_age
	FROM candidate AS x
	JOIN @extschema@.child AS c USING (child_id)
	JOIN @extschema@.family AS f USING (family_id)
	JOIN @extschema@.reach_area AS a
	  ON a.lsoa_code = f.lsoa_code AND a.valid_from <= x.term_start
	 AND (a.valid_to IS NULL OR a.valid_to >= x.term_start)
	ORDER BY x.child_id, x.term_start, a.valid_from DESC
), counted AS (
	SELECT p.centre_id, p.term_start,
		   count(*) FILTER (WHERE p.cohort = 'three')::integer AS three_year_olds,
		   count(*) FILTER (WHERE p.cohort = 'three' AND (r.in_receipt OR r.setting_kind = 'school'))::integer AS three_taken_up,
		   count(*) FILTER (WHERE p.cohort = 'four')::integer AS four_year_olds,
		   count(*) FILTER (WHERE p.cohort = 'four' AND (r.in_receipt OR r.setting_kind = 'school'))::integer AS four_taken_up,
		   count(*) FILTER (WHERE p.cohort IN ('three', 'four') AND r.in_receipt)::integer AS in_receipt,
		   count(*) FILTER (WHERE p.cohort IN ('three', 'four') AND r.setting_kind = 'school')::integer AS in_school,
		   count(*) FILTER (WHERE p.cohort = 'younger' AND p.funded_by_age AND r.in_receipt)::integer AS in_receipt_younger,
		   count(*) FILTER (WHERE p.cohort NOT IN ('three', 'four') AND NOT (p.cohort = 'younger' AND p.funded_by_age)
								  AND r.in_receipt)::integer AS in_receipt_not_eligible
	FROM placed AS p
	LEFT JOIN @extschema@.three_four_funding AS r
	  ON r.child_id = p.child_id AND r.term_start = p.term_start
	GROUP BY p.centre_id, p.term_start
), area AS (
	SELECT DISTINCT ON (a.lsoa_code, t.term_start) t.term_start, a.centre_id, a.lsoa_code
	FROM terms AS t
	JOIN @extschema@.reach_area AS a
	  ON a.valid_from <= t.term_start AND (a.valid_to IS NULL OR a.valid_to >= t.term_start)
	ORDER BY a.lsoa_code, t.term_start, a.valid_from DESC
), ons AS (
	SELECT x.centre_id, x.term_start,
		   sum(p.persons) FILTER (WHERE p.age = 3)::bigint AS ons_three,
		   sum(p.persons) FILTER (WHERE p.age = 4)::bigint AS ons_four
	FROM area AS x
	CROSS JOIN LATERAL (
		SELECT coalesce(max(y.mid_year) FILTER (WHERE make_date(y.mid_year, 6, 30) <= x.term_start), min(y.mid_year)) AS mid_year
		FROM @extschema@.population AS y WHERE y.lsoa_code = x.lsoa_code
	) AS m
	JOIN @extschema@.population AS p ON p.lsoa_code = x.lsoa_code AND p.mid_year = m.mid_year AND p.age IN (3, 4)
	GROUP BY x.centre_id, x.term_start
)
SELECT k.centre_id, ce.name AS centre, k.term_start, @extschema@.term_name(k.term_start) AS term,
	   k.three_year_olds + k.four_year_olds AS eligible,
	   k.in_receipt,
	   @extschema@.percent_of(k.three_taken_up + k.four_taken_up, k.three_year_olds + k.four_year_olds) AS take_up_pct,
	   @extschema@.ofsted_words(@extschema@.proportion(k.three_taken_up + k.four_taken_up,
													   k.three_year_olds + k.four_year_olds)) AS take_up_words,
	   k.in_receipt_not_eligible,
	   k.three_taken_up + k.four_taken_up AS taken_up,
	   k.in_school,
	   k.three_year_olds, k.three_taken_up, @extschema@.percent_of(k.three_taken_up, k.three_year_olds) AS three_take_up_pct,
	   k.four_year_olds, k.four_taken_up, @extschema@.percent_of(k.four_taken_up, k.four_year_olds) AS four_take_up_pct,
	   k.in_receipt_younger,
	   o.ons_three, o.ons_four, o.ons_three + o.ons_four AS ons_population,
	   @extschema@.percent_of(k.three_taken_up + k.four_taken_up, o.ons_three + o.ons_four) AS ons_take_up_pct,
	   k.centre_id IN (SELECT v.centre_id FROM surestart_internal.visible_centre AS v) AS visible
FROM counted AS k
JOIN @extschema@.centre AS ce USING (centre_id)
LEFT JOIN ons AS o ON o.centre_id = k.centre_id AND o.term_start = k.term_start;
COMMENT ON VIEW surestart_internal.three_four_counts IS 'three_four_take_up of every centre, whoever reads it (visible says whether the reader may see the centre): the disclosure layer protects every centre alike';

/* What a reader sees of it: the centres it may see (45_access.sql). */
CREATE VIEW @extschema@.three_four_take_up AS
SELECT centre_id, centre, term_start, term, eligible, in_receipt, take_up_pct, take_up_words, in_receipt_not_eligible,
	   taken_up, in_school, three_year_olds, three_taken_up, three_take_up_pct, four_year_olds, four_taken_up,
	   four_take_up_pct, in_receipt_younger, ons_three, ons_four, ons_population, ons_take_up_pct
FROM surestart_internal.three_four_counts
WHERE visible;
COMMENT ON VIEW @extschema@.three_four_take_up IS 'Funded early education of 3- and 4-year-olds per centre area and term as Norfolk''s Appendix 6 counts it: two cohorts by date of birth, taking up when funded or in a school reception class, over the children known and over the ONS population';
COMMENT ON COLUMN @extschema@.three_four_take_up.centre_id IS 'centre whose reach area the children live in on the first day of the term';
COMMENT ON COLUMN @extschema@.three_four_take_up.centre IS 'centre name';
COMMENT ON COLUMN @extschema@.three_four_take_up.term_start IS 'first day of the term';
COMMENT ON COLUMN @extschema@.three_four_take_up.term IS 'term name, e.g. Autumn 2013';
COMMENT ON COLUMN @extschema@.three_four_take_up.eligible IS 'children of the two cohorts known to the council (three_year_olds + four_year_olds): aged 3 or 4 on the 31 August before the school year of the term';
COMMENT ON COLUMN @extschema@.three_four_take_up.in_receipt IS 'of them, children funded that term (three_four_funding.in_receipt), in any setting';
COMMENT ON COLUMN @extschema@.three_four_take_up.take_up_pct IS '100 * taken_up / eligible, one decimal place (null when none is eligible): a child takes up when funded or in a school reception class';
COMMENT ON COLUMN @extschema@.three_four_take_up.take_up_words IS 'Ofsted''s words for take_up_pct';
COMMENT ON COLUMN @extschema@.three_four_take_up.in_receipt_not_eligible IS 'children funded that term outside the cohorts who had not reached funded_from(dob), or older than the reception year: a data check (counted, not dropped)';
COMMENT ON COLUMN @extschema@.three_four_take_up.taken_up IS 'children of the cohorts funded that term or in a school reception class (setting_kind school): three_taken_up + four_taken_up';
COMMENT ON COLUMN @extschema@.three_four_take_up.in_school IS 'children of the cohorts recorded in a school reception class that term';
COMMENT ON COLUMN @extschema@.three_four_take_up.three_year_olds IS 'children known aged 3 on the 31 August before the school year (born 1 September four years before it began to 31 August three years before)';
COMMENT ON COLUMN @extschema@.three_four_take_up.three_taken_up IS 'of them, funded that term or in a school reception class';
COMMENT ON COLUMN @extschema@.three_four_take_up.three_take_up_pct IS '100 * three_taken_up / three_year_olds';
COMMENT ON COLUMN @extschema@.three_four_take_up.four_year_olds IS 'children known aged 4 on the 31 August before the school year: the reception-class year';
COMMENT ON COLUMN @extschema@.three_four_take_up.four_taken_up IS 'of them, funded that term or in a school reception class';
COMMENT ON COLUMN @extschema@.three_four_take_up.four_take_up_pct IS '100 * four_taken_up / four_year_olds';
COMMENT ON COLUMN @extschema@.three_four_take_up.in_receipt_younger IS 'children funded that term who turned 3 after the school year began (funded from funded_from(dob)): outside the cohorts, counted apart';
COMMENT ON COLUMN @extschema@.three_four_take_up.ons_three IS 'ONS population aged 3 in the reach area''s LSOAs (the latest mid-year estimate dated on or before the first day of the term, else the earliest): the national-statistics denominator of the three-year-olds';
COMMENT ON COLUMN @extschema@.three_four_take_up.ons_four IS 'ONS population aged 4 in the reach area''s LSOAs, from the same estimate';
COMMENT ON COLUMN @extschema@.three_four_take_up.ons_population IS 'ons_three + ons_four: the national-statistics denominator beside eligible';
COMMENT ON COLUMN @extschema@.three_four_take_up.ons_take_up_pct IS '100 * taken_up / ons_population, one decimal place (may pass 100 where the estimate is low)';
/* The internal view's columns say what the public view's say. */
DO $$
DECLARE
	col record;
BEGIN
	FOR col IN
		SELECT a.attname, pg_catalog.col_description(f.attrelid, f.attnum) AS text
		FROM pg_catalog.pg_attribute AS a
		JOIN pg_catalog.pg_attribute AS f
		  ON f.attrelid OPERATOR(pg_catalog.=) '@extschema@.three_four_take_up'::pg_catalog.regclass AND f.attname OPERATOR(pg_catalog.=) a.attname
		WHERE a.attrelid OPERATOR(pg_catalog.=) 'surestart_internal.three_four_counts'::pg_catalog.regclass
		  AND a.attnum OPERATOR(pg_catalog.>) 0
	LOOP
		EXECUTE pg_catalog.format('COMMENT ON COLUMN surestart_internal.three_four_counts.%I IS %L', col.attname, col.text);
	END LOOP;
END
$$;
COMMENT ON COLUMN surestart_internal.three_four_counts.visible IS 'the reader may see the centre (three_four_take_up shows only those rows)';

/* ---------------------------------------------------------------- building maintenance fund */

/*
 * The building maintenance fund as Norfolk's Appendix 9 shows it: per site
 * and financial year the fund it is charged to, its contribution (floor
 * area times the fund's rate per square metre), its expenditure and the
 * balance, with a total per fund and one per year.  The check: a site's
 * contribution should be area_m2 * rate_per_m2 within what rounding
 * explains (the contribution to the whole pound, £1, and the rate printed
 * to the penny, half a penny per square metre); Norfolk's Dereham site,
 * charged 794 m2 at the BMPP rate of 22.49 while listed under BMF at 19.99,
 * is the one flagged.  A missing expenditure counts as none (Appendix 9
 * prints one expenditure for two rows of a site in a merged cell).  Partners
 * see the sites of their centres (not those serving no centre, as in the
 * table), and the fund and year totals of the county.
 */
CREATE VIEW @extschema@.building_fund_balance AS
WITH site AS (
	SELECT b.financial_year, b.fund, b.site_code, b.site_name, b.centre_id, b.area_m2, b.rate_per_m2,
		   b.contribution, b.expenditure,
		   round(b.area_m2 * b.rate_per_m2, 2) AS expected_contribution,
		   b.contribution - round(b.area_m2 * b.rate_per_m2, 2) AS contribution_difference,
		   abs(b.contribution - b.area_m2 * b.rate_per_m2) <= 1 + 0.005 * b.area_m2 AS contribution_matches
	FROM @extschema@.building_fund AS b
), rolled AS (
	SELECT CASE WHEN GROUPING(s.site_code) = 0 THEN 'site' WHEN GROUPING(s.fund) = 0 THEN 'fund' ELSE 'total' END AS level,
		   s.financial_year, s.fund, s.site_code, s.site_name, s.centre_id,
		   sum(s.area_m2) AS area_m2,
		   CASE WHEN GROUPING(s.site_code) = 0 THEN min(s.rate_per_m2) END AS rate_per_m2,
		   sum(s.contribution) AS contribution,
		   coalesce(sum(s.expenditure), 0) AS expenditure,
		   sum(s.contribution) - coalesce(sum(s.expenditure), 0) AS balance,
		   sum(s.expected_contribution) AS expected_contribution,
		   sum(s.contribution_difference) AS contribution_difference,
		   count(*) FILTER (WHERE NOT s.contribution_matches)::integer AS mismatched_sites,
		   count(*)::integer AS sites
	FROM site AS s
	GROUP BY GROUPING SETS ((s.financial_year, s.fund, s.site_code, s.site_name, s.centre_id),
							(s.financial_year, s.fund), (s.financial_year))
)
SELECT r.level, r.financial_year, r.fund, r.site_code, r.site_name, r.centre_id, c.name AS centre,
	   r.area_m2, r.rate_per_m2, r.contribution, r.expenditure, r.balance,
	   r.expected_contribution, r.contribution_difference,
	   CASE WHEN r.level = 'site' AND r.contribution IS NOT NULL AND r.expected_contribution IS NOT NULL
			THEN r.mismatched_sites = 0 END AS contribution_matches,
	   r.mismatched_sites, r.sites
FROM rolled AS r
LEFT JOIN @extschema@.centre AS c ON c.centre_id = r.centre_id
WHERE r.level <> 'site' OR r.centre_id IN (SELECT v.centre_id FROM surestart_internal.visible_centre AS v)
   OR (r.centre_id IS NULL AND NOT @extschema@.partner_restricted());
COMMENT ON VIEW @extschema@.building_fund_balance IS 'Building maintenance fund as Norfolk''s Appendix 9: contribution, expenditure and balance per site and financial year, totals per fund and per year, and a check that each contribution is floor area times the rate';
COMMENT ON COLUMN @extschema@.building_fund_balance.level IS 'site (one row of building_fund), fund (the sites of one fund in the year) or total (every site in the year)';
COMMENT ON COLUMN @extschema@.building_fund_balance.financial_year IS 'financial year, e.g. 2013-14';
COMMENT ON COLUMN @extschema@.building_fund_balance.fund IS 'fund the site is charged to, e.g. BMPP or BMF; null on total rows';
COMMENT ON COLUMN @extschema@.building_fund_balance.site_code IS 'property code; null on fund and total rows';
COMMENT ON COLUMN @extschema@.building_fund_balance.site_name IS 'site name; null on fund and total rows';
COMMENT ON COLUMN @extschema@.building_fund_balance.centre_id IS 'centre the site serves (null if none, and on fund and total rows)';
COMMENT ON COLUMN @extschema@.building_fund_balance.centre IS 'name of that centre';
COMMENT ON COLUMN @extschema@.building_fund_balance.area_m2 IS 'floor area in square metres (summed on fund and total rows)';
COMMENT ON COLUMN @extschema@.building_fund_balance.rate_per_m2 IS 'charge per square metre, pounds; null on fund and total rows';
COMMENT ON COLUMN @extschema@.building_fund_balance.contribution IS 'contribution for the year, pounds';
COMMENT ON COLUMN @extschema@.building_fund_balance.expenditure IS 'expenditure in the year, pounds (a missing expenditure counts as 0)';
COMMENT ON COLUMN @extschema@.building_fund_balance.balance IS 'contribution minus expenditure, pounds: a surplus when positive';
COMMENT ON COLUMN @extschema@.building_fund_balance.expected_contribution IS 'area_m2 * rate_per_m2 rounded to the penny (summed on fund and total rows)';
COMMENT ON COLUMN @extschema@.building_fund_balance.contribution_difference IS 'contribution minus expected_contribution, pounds';
COMMENT ON COLUMN @extschema@.building_fund_balance.contribution_matches IS 'site rows: the contribution is area_m2 * rate_per_m2 within what rounding explains (1 pound, plus half a penny per square metre for a rate printed to the penny); false flags the site; null when a value is missing or on fund and total rows';
COMMENT ON COLUMN @extschema@.building_fund_balance.mismatched_sites IS 'sites whose contribution does not match area times rate (0 or 1 on a site row)';
COMMENT ON COLUMN @extschema@.building_fund_balance.sites IS 'rows of building_fund counted (1 on a site row)';
