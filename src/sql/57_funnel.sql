/* src/sql/57_funnel.sql: funnel-plot limits and positions (src/funnel.c; doc/funnel.md) */

/*
 * STRICT with a default: the default is filled in when the call is parsed,
 * before strictness is looked at, so funnel_limits(p0, n) is the 0.998
 * funnel; only an explicit NULL argument gives a NULL (low, high).
 */
CREATE FUNCTION @extschema@.funnel_limits(p0 double precision, n bigint, confidence double precision DEFAULT 0.998,
		OUT low double precision, OUT high double precision) RETURNS record
	AS 'MODULE_PATHNAME', 'funnel_limits' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.funnel_limits(double precision, bigint, double precision) IS
	'funnel-plot control limits (low, high), as proportions, around the target proportion p0 for a denominator n at a two-sided confidence (default 0.998): Wilson score limits, Public Health England''s Fingertips method; (0, 1) for n = 0; p0 outside [0, 1], n < 0 or a confidence outside (0, 1) is an error';

CREATE FUNCTION @extschema@.funnel_limits_adjusted(p0 double precision, n bigint, tau2 double precision,
		confidence double precision DEFAULT 0.998,
		OUT low double precision, OUT high double precision) RETURNS record
	AS 'MODULE_PATHNAME', 'funnel_limits_adjusted' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.funnel_limits_adjusted(double precision, bigint, double precision, double precision) IS
	'funnel limits widened for overdispersion: Spiegelhalter''s additive random-effects limits p0 +/- z sqrt(p0 (1 - p0) / n + tau2), never inside funnel_limits and clipped to [0, 1]; equal to funnel_limits when tau2 = 0 or n = 0';

CREATE FUNCTION @extschema@.funnel_position(p @extschema@.proportion, p0 double precision) RETURNS text
	AS 'MODULE_PATHNAME', 'funnel_position' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.funnel_position(@extschema@.proportion, double precision) IS
	'where the rate p falls against funnel_limits(p0, whole(p)) at 0.998 and 0.95: above 99.8%, above 95%, within, below 95% or below 99.8%; a rate exactly on a limit is within; NULL when whole(p) = 0';

CREATE FUNCTION @extschema@.funnel_position_adjusted(p @extschema@.proportion, p0 double precision, tau2 double precision) RETURNS text
	AS 'MODULE_PATHNAME', 'funnel_position_adjusted' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.funnel_position_adjusted(@extschema@.proportion, double precision, double precision) IS
	'funnel_position against funnel_limits_adjusted(p0, whole(p), tau2) at 0.998 and 0.95; equal to funnel_position when tau2 = 0';

CREATE FUNCTION @extschema@.funnel_overdispersion(rates @extschema@.proportion[], p0 double precision,
		OUT units integer, OUT phi double precision, OUT tau2 double precision) RETURNS record
	AS 'MODULE_PATHNAME', 'funnel_overdispersion' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.funnel_overdispersion(@extschema@.proportion[], double precision) IS
	'Spiegelhalter''s (2005) overdispersion of the rates around p0: units (the elements of rates used: not NULL, whole > 0), phi (mean square of the z-scores winsorised at their 10th and 90th percentiles, linear interpolation) and tau2 (additive between-unit variance, 0 when k phi <= k - 1); phi and tau2 NULL with fewer than two units or p0 of 0 or 1';
