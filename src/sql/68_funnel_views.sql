/* src/sql/68_funnel_views.sql: funnel plots of reach and target-group coverage (doc/funnel.md) */

/*
 * Both views compare every centre with the county, for each period and
 * measure, the same way:
 *
 *   - p0 is the pooled county proportion: the sum of the numerators over the
 *     sum of the denominators of every centre, whoever is reading (never an
 *     average of rates).  The counts come from the unfiltered building
 *     blocks (centre_reach_scoped, centre_coverage), and the rows a user may
 *     not see are dropped only after p0, phi and tau2 are worked out, so a
 *     partner sees the same p0, phi and tau2 as the county does.  p0 is
 *     the county figure of target_group_coverage, and of reach_figures as
 *     long as every reach-area LSOA belongs to a centre open in the period
 *     (centre_reach_scoped has no row for a centre closed all period, so
 *     such an LSOA is in neither the plot nor p0: p0 is always the pooled
 *     rate of the centres plotted).
 *   - the limits are funnel_limits at 0.95 and 0.998 for the centre's
 *     denominator; position is funnel_position.
 *   - phi and tau2 are funnel_overdispersion over every centre with a
 *     denominator (Spiegelhalter 2005: z-scores winsorised at their 10th and
 *     90th percentiles); position_adjusted is funnel_position_adjusted with
 *     that tau2, which equals position when tau2 is 0 or cannot be
 *     estimated (fewer than two centres, or p0 of 0 or 1).
 *   - a numerator above its denominator (more children registered than the
 *     population estimate holds) is no proportion: its rate is shown, its
 *     positions are null and it is left out of phi and tau2 (it still counts
 *     in p0, which is the county's figure).
 *
 * The window functions partition by period and measure, so a filter on
 * either reaches the counts below, while the filter on visible centres,
 * which is not a partition key, stays above them (PostgreSQL pushes only
 * partition-key filters into a subquery with window functions).
 */

/*
 * reach_funnel's measures are one VALUES row each: the name, the numerator
 * and the denominator, from a row of centre_reach_scoped.  Each comes in
 * the 'all' scope and, prefixed deprived_, the 'deprived' scope.  The
 * family measures are over registered families (SPEC's family
 * percentages).
 */
CREATE VIEW @extschema@.reach_funnel AS
SELECT f.centre_id, f.centre, f.period, f.measure, f.numerator, f.denominator,
	   @extschema@.percent_of(f.numerator, f.denominator) AS rate,
	   f.p0,
	   l95.low AS low_95, l95.high AS high_95, l998.low AS low_998, l998.high AS high_998,
	   CASE WHEN f.numerator <= f.denominator
			THEN @extschema@.funnel_position(@extschema@.proportion(f.numerator, f.denominator), f.p0) END AS position,
	   o.phi, o.tau2,
	   CASE WHEN f.numerator <= f.denominator
			THEN @extschema@.funnel_position_adjusted(@extschema@.proportion(f.numerator, f.denominator), f.p0,
													  coalesce(o.tau2, 0)) END AS position_adjusted
FROM (
	SELECT m.centre_id, m.centre, m.period, m.measure, m.numerator, m.denominator,
		   CASE WHEN sum(m.denominator) OVER w > 0 AND sum(m.numerator) OVER w <= sum(m.denominator) OVER w
				THEN (sum(m.numerator) OVER w)::double precision / (sum(m.denominator) OVER w)::double precision
		   END AS p0,
		   array_agg(@extschema@.proportion(m.numerator, m.denominator))
			   FILTER (WHERE m.numerator <= m.denominator) OVER w AS rates
	FROM (
		SELECT s.centre_id, s.centre, s.period,
			   CASE WHEN s.scope = 'deprived' THEN 'deprived_' ELSE '' END || v.measure AS measure,
			   v.numerator, v.denominator
		FROM surestart_internal.centre_reach_scoped AS s
		CROSS JOIN LATERAL (VALUES
			('registered'::text, s.registered, s.under_fives),
			('seen', s.seen, s.under_fives),
			('sustained', s.sustained, s.under_fives),
			('families_seen', s.families_seen, s.families_registered),
			('families_sustained', s.families_sustained, s.families_registered)
		) AS v (measure, numerator, denominator)
	) AS m
	WINDOW w AS (PARTITION BY m.period, m.measure)
) AS f
LEFT JOIN LATERAL @extschema@.funnel_limits(f.p0, f.denominator, 0.95) AS l95 ON true
LEFT JOIN LATERAL @extschema@.funnel_limits(f.p0, f.denominator, 0.998) AS l998 ON true
LEFT JOIN LATERAL @extschema@.funnel_overdispersion(f.rates, f.p0) AS o ON true
WHERE f.centre_id IN (SELECT v.centre_id FROM surestart_internal.visible_centre AS v);
COMMENT ON VIEW @extschema@.reach_funnel IS 'Funnel plot of reach: each centre''s rate per period and measure against the pooled county proportion, with the 95% and 99.8% Wilson limits for its denominator and Spiegelhalter''s overdispersion adjustment (doc/funnel.md)';
COMMENT ON COLUMN @extschema@.reach_funnel.centre_id IS 'centre';
COMMENT ON COLUMN @extschema@.reach_funnel.centre IS 'centre name';
COMMENT ON COLUMN @extschema@.reach_funnel.period IS 'period label: 2013-14 Q3 or 2013-14';
COMMENT ON COLUMN @extschema@.reach_funnel.measure IS 'registered, seen or sustained (children under five, over under-fives), families_seen or families_sustained (families, over registered families), or the same counting only the most deprived LSOAs (prefix deprived_)';
COMMENT ON COLUMN @extschema@.reach_funnel.numerator IS 'the centre''s count for the measure (as in centre_reach or centre_reach_deprived)';
COMMENT ON COLUMN @extschema@.reach_funnel.denominator IS 'the centre''s under-fives (ONS estimate), all LSOAs or the most deprived';
COMMENT ON COLUMN @extschema@.reach_funnel.rate IS 'numerator as a percentage of denominator, one decimal place; null when the denominator is 0 (may exceed 100 when the estimate is low)';
COMMENT ON COLUMN @extschema@.reach_funnel.p0 IS 'the target: the pooled county proportion (sum of every centre''s numerators over the sum of their denominators, whoever reads) as a fraction from 0 to 1, not a percentage; null when the county''s denominator is 0 or below its numerator';
COMMENT ON COLUMN @extschema@.reach_funnel.low_95 IS 'lower 95% control limit for this denominator (funnel_limits), a fraction from 0 to 1';
COMMENT ON COLUMN @extschema@.reach_funnel.high_95 IS 'upper 95% control limit for this denominator (funnel_limits), a fraction from 0 to 1';
COMMENT ON COLUMN @extschema@.reach_funnel.low_998 IS 'lower 99.8% control limit for this denominator (funnel_limits), a fraction from 0 to 1';
COMMENT ON COLUMN @extschema@.reach_funnel.high_998 IS 'upper 99.8% control limit for this denominator (funnel_limits), a fraction from 0 to 1';
COMMENT ON COLUMN @extschema@.reach_funnel.position IS 'funnel_position: above 99.8%, above 95%, within, below 95% or below 99.8% (on a limit is within); null when the denominator is 0 or below the numerator';
COMMENT ON COLUMN @extschema@.reach_funnel.phi IS 'overdispersion factor of the period and measure over every centre (funnel_overdispersion: mean square of the winsorised z-scores; about 1 when centres differ only by chance); null with fewer than two centres or p0 of 0 or 1';
COMMENT ON COLUMN @extschema@.reach_funnel.tau2 IS 'between-centre variance of the period and measure (Spiegelhalter''s additive random effects; 0 when phi shows no overdispersion), in squared fractions';
COMMENT ON COLUMN @extschema@.reach_funnel.position_adjusted IS 'funnel_position_adjusted: the position against the limits widened by tau2 (never narrower than the Wilson limits); equal to position when tau2 is 0 or null';

/*
 * coverage_funnel: the same for target-group coverage.  A centre has a row
 * for a target group and period when at least one of its registered
 * families is in the group (coverage_rows).
 */
CREATE VIEW @extschema@.coverage_funnel AS
SELECT f.centre_id, f.centre, f.period, f.target_group, g.label, f.measure, f.numerator, f.denominator,
	   @extschema@.percent_of(f.numerator, f.denominator) AS rate,
	   f.p0,
	   l95.low AS low_95, l95.high AS high_95, l998.low AS low_998, l998.high AS high_998,
	   @extschema@.funnel_position(@extschema@.proportion(f.numerator, f.denominator), f.p0) AS position,
	   o.phi, o.tau2,
	   @extschema@.funnel_position_adjusted(@extschema@.proportion(f.numerator, f.denominator), f.p0,
											coalesce(o.tau2, 0)) AS position_adjusted
FROM (
	SELECT m.centre_id, m.centre, m.period, m.target_group, m.measure, m.numerator, m.denominator,
		   CASE WHEN sum(m.denominator) OVER w > 0
				THEN (sum(m.numerator) OVER w)::double precision / (sum(m.denominator) OVER w)::double precision
		   END AS p0,
		   array_agg(@extschema@.proportion(m.numerator, m.denominator)) OVER w AS rates
	FROM (
		SELECT cc.centre_id, c.name AS centre, cc.period, r.target_group, v.measure, v.numerator, v.denominator
		FROM surestart_internal.centre_coverage AS cc
		JOIN @extschema@.centre AS c USING (centre_id)
		CROSS JOIN LATERAL @extschema@.coverage_rows(cc.coverage) AS r
		CROSS JOIN LATERAL (VALUES
			('any_contact'::text, @extschema@.part(r.any_contact), @extschema@.whole(r.any_contact)),
			('sustained', @extschema@.part(r.sustained), @extschema@.whole(r.sustained))
		) AS v (measure, numerator, denominator)
	) AS m
	WINDOW w AS (PARTITION BY m.period, m.target_group, m.measure)
) AS f
JOIN @extschema@.target_group AS g ON g.code = f.target_group
LEFT JOIN LATERAL @extschema@.funnel_limits(f.p0, f.denominator, 0.95) AS l95 ON true
LEFT JOIN LATERAL @extschema@.funnel_limits(f.p0, f.denominator, 0.998) AS l998 ON true
LEFT JOIN LATERAL @extschema@.funnel_overdispersion(f.rates, f.p0) AS o ON true
WHERE f.centre_id IN (SELECT v.centre_id FROM surestart_internal.visible_centre AS v);
COMMENT ON VIEW @extschema@.coverage_funnel IS 'Funnel plot of target-group coverage: each centre''s share of registered families in a group with any or sustained contact, per period, against the pooled county proportion, with the 95% and 99.8% Wilson limits and Spiegelhalter''s overdispersion adjustment (doc/funnel.md)';
COMMENT ON COLUMN @extschema@.coverage_funnel.centre_id IS 'centre';
COMMENT ON COLUMN @extschema@.coverage_funnel.centre IS 'centre name';
COMMENT ON COLUMN @extschema@.coverage_funnel.period IS 'period label: 2013-14 Q3 or 2013-14';
COMMENT ON COLUMN @extschema@.coverage_funnel.target_group IS 'target group code';
COMMENT ON COLUMN @extschema@.coverage_funnel.label IS 'target group label (table target_group)';
COMMENT ON COLUMN @extschema@.coverage_funnel.measure IS 'any_contact (families with at least one meaningful contact in the period) or sustained (at least sustained_contacts)';
COMMENT ON COLUMN @extschema@.coverage_funnel.numerator IS 'the centre''s registered families in the group with the measure''s contact (as in target_group_coverage)';
COMMENT ON COLUMN @extschema@.coverage_funnel.denominator IS 'the centre''s registered families in the group (at least one)';
COMMENT ON COLUMN @extschema@.coverage_funnel.rate IS 'numerator as a percentage of denominator, one decimal place';
COMMENT ON COLUMN @extschema@.coverage_funnel.p0 IS 'the target: the pooled county proportion for the group and measure (every centre''s numerators over their denominators, whoever reads: target_group_coverage''s county row) as a fraction from 0 to 1, not a percentage';
COMMENT ON COLUMN @extschema@.coverage_funnel.low_95 IS 'lower 95% control limit for this denominator (funnel_limits), a fraction from 0 to 1';
COMMENT ON COLUMN @extschema@.coverage_funnel.high_95 IS 'upper 95% control limit for this denominator (funnel_limits), a fraction from 0 to 1';
COMMENT ON COLUMN @extschema@.coverage_funnel.low_998 IS 'lower 99.8% control limit for this denominator (funnel_limits), a fraction from 0 to 1';
COMMENT ON COLUMN @extschema@.coverage_funnel.high_998 IS 'upper 99.8% control limit for this denominator (funnel_limits), a fraction from 0 to 1';
COMMENT ON COLUMN @extschema@.coverage_funnel.position IS 'funnel_position: above 99.8%, above 95%, within, below 95% or below 99.8% (on a limit is within)';
COMMENT ON COLUMN @extschema@.coverage_funnel.phi IS 'overdispersion factor of the period, group and measure over every centre with families in the group (funnel_overdispersion); null with fewer than two centres or p0 of 0 or 1';
COMMENT ON COLUMN @extschema@.coverage_funnel.tau2 IS 'between-centre variance of the period, group and measure (Spiegelhalter''s additive random effects; 0 when phi shows no overdispersion), in squared fractions';
COMMENT ON COLUMN @extschema@.coverage_funnel.position_adjusted IS 'funnel_position_adjusted: the position against the limits widened by tau2 (never narrower than the Wilson limits); equal to position when tau2 is 0 or null';
