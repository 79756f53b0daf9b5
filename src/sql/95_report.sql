/* src/sql/95_report.sql: report_html, the report a council publishes, as one HTML document */

/*
 * report_html(period, centre_id) reads the reporting views with the
 * caller's rights (SECURITY INVOKER) and writes one self-contained HTML5
 * document: inline CSS and SVG charts (94_charts.sql), no script, no
 * external resource (a Content-Security-Policy says so to the browser), laid
 * out to print on A4.
 *
 * What the caller may read decides what the document holds (report_source):
 * an analyst (or a partner, for its own centres) gets the full figures;
 * a surestart_reader, who may read only the published_* views, gets their
 * figures, with a withheld value shown as [c] and never drawn, and without
 * the sections that have no published view (RAG ratings against targets,
 * FSP against contact, Ofsted).  To preview the published version, an
 * analyst runs SET ROLE surestart_reader first.
 *
 * The loader (report_html) reads each view once, filtered on the period,
 * into JSON; the sections are pure functions of that JSON (report_*), so
 * they are tested on hand-made rows, and a view whose columns change
 * breaks one section, not the loader.
 */

/* ---------------------------------------------------------------- sources and cells */

/*
 * The view a report section reads: the named view if the caller may read
 * it, else its published_ version if there is one the caller may read,
 * else NULL (the section is left out).
 */
CREATE FUNCTION @extschema@.report_source(view_name text) RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	candidate text;
	rel regclass;
BEGIN
	FOREACH candidate IN ARRAY ARRAY[view_name, 'published_' || view_name] LOOP
		rel := to_regclass('@extschema@.' || quote_ident(candidate));
		IF rel IS NOT NULL AND has_table_privilege(rel, 'SELECT') THEN
			RETURN candidate;
		END IF;
	END LOOP;
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION @extschema@.report_source(text) IS 'the view report_html reads for a section: the named view if the current user may read it, else its published_ version if readable, else NULL';

/*
 * A figure as a table cell, with the symbols of the Government Statistical
 * Service's guidance on tables: the number; [c] (confidential) when it is
 * missing from a row that had values withheld (suppressed is true, or names
 * why); [z] (not applicable) when there is nothing to show, such as a
 * percentage of no under-fives or a target not set.  ASCII, so that the
 * script installs in a database of any encoding.
 */
CREATE FUNCTION @extschema@.report_cell(value numeric, suppressed text DEFAULT NULL) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT CASE WHEN value IS NOT NULL THEN @extschema@.html_number(value)
			WHEN coalesce(suppressed, 'false') NOT IN ('false', '', 'none') THEN '[c]'
			ELSE '[z]' END
$$;
COMMENT ON FUNCTION @extschema@.report_cell(numeric, text) IS 'a figure as a report cell: the number, [c] when withheld (the row''s suppressed flag is set), or [z] when there is none to show';

/* A RAG rating as a word. */
CREATE FUNCTION @extschema@.report_rag(rag text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT CASE rag WHEN 'green' THEN 'Green' WHEN 'amber' THEN 'Amber' WHEN 'red' THEN 'Red' ELSE '[z]' END
$$;
COMMENT ON FUNCTION @extschema@.report_rag(text) IS 'a RAG rating as the report prints it: Green, Amber, Red, or [z] when unrated (no target, or nothing to rate)';

/*
 * A section of the report: a heading with an anchor, an introduction
 * (HTML, already escaped), then a figure holding the chart and, beside it,
 * its data table, then notes (HTML).
 */
CREATE FUNCTION @extschema@.report_section(id text, heading text, intro text, chart text, data_table text, notes text DEFAULT NULL)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT '<section id="' || @extschema@.html_escape(id) || '"><h2>' || @extschema@.html_escape(heading) || '</h2>'
	   || coalesce(intro, '')
	   || CASE WHEN chart IS NOT NULL OR data_table IS NOT NULL
			   THEN '<figure class="fig">' || coalesce('<div class="chart">' || chart || '</div>', '')
					|| coalesce('<div class="data">' || data_table || '</div>', '') || '</figure>'
			   ELSE '' END
	   || coalesce(notes, '') || '</section>'
$$;
COMMENT ON FUNCTION @extschema@.report_section(text, text, text, text, text, text) IS 'a report section: heading, introduction, the chart with its data table beside it, notes';

/* The style sheet: screen and A4 print. */
CREATE FUNCTION @extschema@.report_style() RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT $css$
:root { color-scheme: light; }
body { font: 14px/1.45 "DejaVu Sans", "Segoe UI", Arial, sans-serif; color: #1b1b1b; background: #fff; margin: 0 auto; max-width: 68rem; padding: 1.5rem 2rem 3rem; }
header { border-bottom: 4px solid #1d4f73; padding-bottom: .6rem; margin-bottom: 1rem; }
h1 { font-size: 1.7rem; margin: 0 0 .2rem; color: #1d4f73; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; padding-bottom: .2rem; border-bottom: 1px solid #c9d6e0; color: #1d4f73; }
p { margin: .4rem 0; max-width: 48rem; }
.meta { color: #4a4a4a; }
.notice { background: #f3f6f9; border-left: 4px solid #1d4f73; padding: .4rem .8rem; }
nav ol { columns: 2; margin: .3rem 0; padding-left: 1.4rem; }
a { color: #1d4f73; }
figure.fig { display: flex; flex-wrap: wrap; gap: 1rem 1.5rem; align-items: flex-start; margin: .6rem 0; }
figure.fig .chart { flex: 1 1 30rem; min-width: 0; max-width: 640px; }
figure.fig .data { flex: 1 1 20rem; }
figure.fig svg { display: block; width: 100%; max-width: 640px; height: auto; }
table { border-collapse: collapse; font-size: 12px; margin: .3rem 0 .6rem; }
caption { text-align: left; font-weight: bold; padding: .2rem 0; }
th, td { padding: 2px 7px; border-bottom: 1px solid #dde3e8; text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid #8aa2b5; }
tbody th { font-weight: normal; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.county th, tr.county td { font-weight: bold; background: #f3f6f9; }
tr.focus th, tr.focus td { font-weight: bold; }
.rag-green { background: #d8eedb; }
.rag-amber { background: #fbe5bf; }
.rag-red { background: #f5cfcf; }
footer { margin-top: 2.5rem; border-top: 1px solid #c9d6e0; padding-top: .5rem; font-size: 12px; color: #4a4a4a; }
svg text { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 11px; fill: #303030; }
svg .tick { fill: #555; font-size: 10px; }
svg .label.focus, svg .point-label { font-weight: bold; fill: #111; }
svg .legend { font-size: 11px; }
svg .axis-title { font-size: 11px; fill: #333; }
svg .empty { fill: #666; font-style: italic; }
svg .grid { stroke: #e4e8ec; stroke-width: 1; }
svg .axis { stroke: #7f8c97; stroke-width: 1; }
svg .s1 { fill: #1d4f73; }
svg .s2 { fill: #4c9bc9; }
svg .s3 { fill: #e0a03a; }
svg .s4 { fill: #7a9a3a; }
svg .line { fill: none; stroke-width: 2; }
svg .line.s1 { stroke: #1d4f73; }
svg .line.s2 { stroke: #4c9bc9; }
svg .line.s3 { stroke: #e0a03a; }
svg .line.s4 { stroke: #7a9a3a; }
svg .target { stroke: #b3261e; stroke-width: 2; }
svg .ref { stroke: #b3261e; stroke-width: 1.2; stroke-dasharray: 5 3; }
svg .ref-label { fill: #b3261e; font-size: 10px; }
svg .curve { fill: none; stroke: #8a8a8a; stroke-width: 1.2; }
svg .point { fill: #4c9bc9; fill-opacity: .85; stroke: #fff; stroke-width: .8; }
svg .point.marked { fill: #b3261e; }
svg .point.s1 { fill: #1d4f73; } svg .point.s2 { fill: #4c9bc9; } svg .point.s3 { fill: #e0a03a; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 11px; }
  nav { display: none; }
  h2 { break-after: avoid; }
  figure.fig .chart { flex-basis: 100%; max-width: 100%; }
  figure.fig svg { max-width: 100%; break-inside: avoid; }
  tr { break-inside: avoid; }
  table { font-size: 10px; }
  a { color: inherit; text-decoration: none; }
}
$css$
$$;
COMMENT ON FUNCTION @extschema@.report_style() IS 'the report''s style sheet (screen, and A4 print)';

/* ---------------------------------------------------------------- sections */

/*
 * Headline reach: the county's percentages, then each centre's (or the
 * focus centre's alone), with the RAG rating of each against the centre's
 * target when the scorecard was readable (rag not NULL).
 *   reach:  centre_reach rows (or published_centre_reach's)
 *   county: data_pack's county rows (or published_data_pack's) as
 *           {"registered_pct": {"value": .., "suppressed": ..}, "seen_pct": .., "sustained_pct": ..}
 *   rag:    scorecard rows (centre_id, measure, rag, target) or NULL
 */
CREATE FUNCTION @extschema@.report_headline(reach jsonb, county jsonb, rag jsonb, focus text, county_under_fives bigint)
RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	with_rag boolean := rag IS NOT NULL;
	headers text[];
	classes text[];
	rows text[];
	cells text[];
	row_classes text[];
	summary text := '';
BEGIN
	IF with_rag THEN
		headers := ARRAY['Centre', 'Under-fives', 'Registered %', 'RAG', 'Seen %', 'RAG', 'Sustained %', 'RAG'];
		classes := ARRAY[NULL, 'num', 'num', 'rag', 'num', 'rag', 'num', 'rag'];
	ELSE
		headers := ARRAY['Centre', 'Under-fives', 'Registered %', 'Seen %', 'Sustained %'];
		classes := ARRAY[NULL, 'num', 'num', 'num', 'num'];
	END IF;

	WITH r AS (
		SELECT x.* FROM jsonb_to_recordset(coalesce(reach, '[]')) AS x(centre_id text, centre text, under_fives bigint,
			registered_pct numeric, seen_pct numeric, sustained_pct numeric, suppressed text)
		WHERE focus IS NULL OR x.centre_id = focus
	), g AS (
		SELECT x.* FROM jsonb_to_recordset(coalesce(rag, '[]')) AS x(centre_id text, measure text, rag text)
	), lines AS (
		SELECT 0 AS ord, NULL::text AS centre_id, 'County' AS centre,
			   @extschema@.report_cell(county_under_fives) AS under_fives,
			   @extschema@.report_cell((county->'registered_pct'->>'value')::numeric, county->'registered_pct'->>'suppressed') AS reg,
			   @extschema@.report_cell((county->'seen_pct'->>'value')::numeric, county->'seen_pct'->>'suppressed') AS seen,
			   @extschema@.report_cell((county->'sustained_pct'->>'value')::numeric, county->'sustained_pct'->>'suppressed') AS sust,
			   NULL::text AS reg_rag, NULL::text AS seen_rag, NULL::text AS sust_rag
		UNION ALL
		SELECT 1, r.centre_id, r.centre, @extschema@.report_cell(r.under_fives, r.suppressed),
			   @extschema@.report_cell(r.registered_pct, r.suppressed),
			   @extschema@.report_cell(r.seen_pct, r.suppressed),
			   @extschema@.report_cell(r.sustained_pct, r.suppressed),
			   (SELECT g.rag FROM g WHERE g.centre_id = r.centre_id AND g.measure = 'registered_pct'),
			   (SELECT g.rag FROM g WHERE g.centre_id = r.centre_id AND g.measure = 'seen_pct'),
			   (SELECT g.rag FROM g WHERE g.centre_id = r.centre_id AND g.measure = 'sustained_pct')
		FROM r
	)
	SELECT array_agg(CASE WHEN with_rag
						  THEN ARRAY[l.centre, l.under_fives, l.reg,
									 CASE WHEN l.ord = 0 THEN '' ELSE @extschema@.report_rag(l.reg_rag) END,
									 l.seen, CASE WHEN l.ord = 0 THEN '' ELSE @extschema@.report_rag(l.seen_rag) END,
									 l.sust, CASE WHEN l.ord = 0 THEN '' ELSE @extschema@.report_rag(l.sust_rag) END]
						  ELSE ARRAY[l.centre, l.under_fives, l.reg, l.seen, l.sust] END
					 ORDER BY l.ord, l.centre),
		   array_agg(CASE WHEN with_rag
						  THEN ARRAY[NULL, NULL, NULL, 'rag-' || l.reg_rag, NULL, 'rag-' || l.seen_rag, NULL, 'rag-' || l.sust_rag]
						  ELSE ARRAY[NULL, NULL, NULL, NULL, NULL] END
					 ORDER BY l.ord, l.centre),
		   array_agg(CASE WHEN l.ord = 0 THEN 'county' WHEN l.centre_id = focus THEN 'focus' END ORDER BY l.ord, l.centre)
	INTO rows, cells, row_classes
	FROM lines AS l;

	IF with_rag THEN
		SELECT '<p>Against the centres'' targets for the year: '
			   || string_agg(format('%s %s green, %s amber, %s red', c.label, c.greens, c.ambers, c.reds), '; ' ORDER BY c.ord)
			   || '.</p>'
		INTO summary
		FROM (SELECT m.label, m.ord,
					 count(*) FILTER (WHERE g.rag = 'green') AS greens,
					 count(*) FILTER (WHERE g.rag = 'amber') AS ambers,
					 count(*) FILTER (WHERE g.rag = 'red') AS reds
			  FROM jsonb_to_recordset(rag) AS g(centre_id text, measure text, rag text)
			  JOIN (VALUES ('registered_pct', 'registration', 1), ('seen_pct', 'seen', 2), ('sustained_pct', 'sustained contact', 3))
				  AS m(measure, label, ord) ON m.measure = g.measure
			  WHERE focus IS NULL OR g.centre_id = focus
			  GROUP BY m.label, m.ord) AS c;
	END IF;

	RETURN '<section id="headline"><h2>Headline reach</h2>'
		   || '<p>Children under five living in each centre''s reach area: the share registered with a centre on the last day '
		   || 'of the period, seen at least once, and in sustained contact during the period. The county''s figures are for every '
		   || 'reach area.</p>'
		   || coalesce(summary, '')
		   || @extschema@.html_table('Headline reach', headers, rows, classes, cells, row_classes)
		   || CASE WHEN with_rag THEN '<p class="meta">RAG: green at or above target, amber below it by no more than the '
									  || 'centre''s amber margin, red further below.</p>'
				   ELSE '' END
		   || '</section>';
END
$$;
COMMENT ON FUNCTION @extschema@.report_headline(jsonb, jsonb, jsonb, text, bigint) IS 'report section: the headline reach table (county, then centres), with RAG ratings against targets when given';

/*
 * Registration, seen and sustained by centre: grouped bars with each
 * centre's targets, and the table of the same figures.
 */
CREATE FUNCTION @extschema@.report_reach_chart(reach jsonb, rag jsonb, focus_name text) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	labels text[];
	vals numeric[];
	targets numeric[];
	rows text[];
	with_targets boolean := rag IS NOT NULL;
BEGIN
	WITH r AS (
		SELECT x.* FROM jsonb_to_recordset(coalesce(reach, '[]')) AS x(centre_id text, centre text,
			registered_pct numeric, seen_pct numeric, sustained_pct numeric, suppressed text)
	), t AS (
		SELECT x.centre_id,
			   max(x.target) FILTER (WHERE x.measure = 'registered_pct') AS reg,
			   max(x.target) FILTER (WHERE x.measure = 'seen_pct') AS seen,
			   max(x.target) FILTER (WHERE x.measure = 'sustained_pct') AS sust
		FROM jsonb_to_recordset(coalesce(rag, '[]')) AS x(centre_id text, measure text, target numeric)
		GROUP BY x.centre_id
	)
	SELECT array_agg(r.centre ORDER BY r.centre, r.centre_id),
		   array_agg(ARRAY[r.registered_pct, r.seen_pct, r.sustained_pct] ORDER BY r.centre, r.centre_id),
		   array_agg(ARRAY[t.reg, t.seen, t.sust] ORDER BY r.centre, r.centre_id),
		   array_agg(ARRAY[r.centre, @extschema@.report_cell(r.registered_pct, r.suppressed),
						   @extschema@.report_cell(r.seen_pct, r.suppressed),
						   @extschema@.report_cell(r.sustained_pct, r.suppressed)]
					 || CASE WHEN with_targets
							 THEN ARRAY[concat_ws(' / ', @extschema@.report_cell(t.reg), @extschema@.report_cell(t.seen),
												  @extschema@.report_cell(t.sust))] ELSE '{}' END
					 ORDER BY r.centre, r.centre_id)
	INTO labels, vals, targets, rows
	FROM r LEFT JOIN t USING (centre_id);

	RETURN @extschema@.report_section('reach-by-centre', 'Registration, contact and sustained contact by centre',
		'<p>Each centre''s share of its under-fives registered, seen and in sustained contact'
		|| CASE WHEN with_targets THEN ', with a red mark at the centre''s target for each.' ELSE '.' END || '</p>',
		@extschema@.svg_bar_chart('chart-reach', 'Reach by centre',
			'Bar chart: for each of ' || coalesce(cardinality(labels), 0) || ' centres, the percentage of under-fives registered, seen and in sustained contact'
			|| CASE WHEN with_targets THEN ', each against its target' ELSE '' END || '. The table beside it gives the figures.',
			labels, ARRAY['Registered', 'Seen', 'Sustained'], vals,
			CASE WHEN with_targets THEN targets END, '%', focus_name),
		@extschema@.html_table('Reach by centre (%)',
			ARRAY['Centre', 'Registered', 'Seen', 'Sustained'] || CASE WHEN with_targets THEN ARRAY['Targets'] ELSE '{}' END,
			rows, ARRAY[NULL, 'num', 'num', 'num', 'num']),
		CASE WHEN with_targets THEN '<p class="meta">Targets: registered / seen / sustained, per cent of under-fives.</p>' END);
END
$$;
COMMENT ON FUNCTION @extschema@.report_reach_chart(jsonb, jsonb, text) IS 'report section: registered, seen and sustained percentages by centre as grouped bars against targets, with their table';

/*
 * Registration rate against the size of each centre's reach area, with the
 * county's rate across the plot.  This is a funnel plot without its limits:
 * when funnel_limits() is there, its 95% and 99.8% limits around the
 * county rate go in as curves (svg_scatter_chart's curve_x and curve_ys,
 * sampled over the range of under-fives), and nothing else changes.
 */
CREATE FUNCTION @extschema@.report_rate_chart(reach jsonb, county_rate numeric, focus text) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	xs numeric[];
	ys numeric[];
	names text[];
	marked boolean[];
	rows text[];
	left_out text;
BEGIN
	WITH r AS (
		SELECT x.* FROM jsonb_to_recordset(coalesce(reach, '[]')) AS x(centre_id text, centre text, under_fives bigint,
			registered bigint, registered_pct numeric, suppressed text)
	)
	SELECT array_agg(r.under_fives ORDER BY r.centre, r.centre_id),
		   array_agg(r.registered_pct ORDER BY r.centre, r.centre_id),
		   array_agg(r.centre ORDER BY r.centre, r.centre_id),
		   array_agg(r.centre_id IS NOT DISTINCT FROM focus ORDER BY r.centre, r.centre_id),
		   array_agg(ARRAY[r.centre, @extschema@.report_cell(r.under_fives, r.suppressed),
						   @extschema@.report_cell(r.registered, r.suppressed),
						   @extschema@.report_cell(r.registered_pct, r.suppressed)] ORDER BY r.centre, r.centre_id),
		   string_agg(r.centre, ', ' ORDER BY r.centre) FILTER (WHERE r.under_fives IS NULL OR r.registered_pct IS NULL)
	INTO xs, ys, names, marked, rows, left_out
	FROM r;

	RETURN @extschema@.report_section('registration-rate', 'Registration rate and size of reach area',
		'<p>Each centre''s registration rate against the number of under-fives in its reach area'
		|| CASE WHEN county_rate IS NOT NULL THEN ', with the county''s rate (' || @extschema@.html_number(county_rate)
				|| '%, all registered children over all under-fives) across the chart' ELSE '' END
		|| '. Small areas scatter more widely by chance than large ones.</p>',
		@extschema@.svg_scatter_chart('chart-rate', 'Registration rate by size of reach area',
			'Scatter chart: for each centre, the percentage of under-fives registered (vertical) against the number of '
			|| 'under-fives in its reach area (horizontal)'
			|| CASE WHEN county_rate IS NOT NULL THEN ', with a line at the county rate of ' || @extschema@.html_number(county_rate) || '%' ELSE '' END
			|| '. The table beside it gives the figures.',
			xs, ys, names, marked, 'Under-fives in the reach area', 'Registered (%)', '', '%', true, false,
			y_lines => CASE WHEN county_rate IS NOT NULL THEN ARRAY[county_rate] END,
			y_line_labels => CASE WHEN county_rate IS NOT NULL THEN ARRAY['County ' || @extschema@.html_number(county_rate) || '%'] END),
		@extschema@.html_table('Registration by centre', ARRAY['Centre', 'Under-fives', 'Registered', 'Registered %'], rows,
			ARRAY[NULL, 'num', 'num', 'num']),
		CASE WHEN left_out IS NOT NULL THEN '<p class="meta">Not plotted (no figure to plot): ' || @extschema@.html_escape(left_out) || '.</p>' END);
END
$$;
COMMENT ON FUNCTION @extschema@.report_rate_chart(jsonb, numeric, text) IS 'report section: registration rate against reach-area size with the county rate (a funnel plot without limits yet), with its table';

/*
 * Outcomes against contact: each centre's GLD rate (FSP) against its seen
 * rate, with dashed lines between the quartiles of each, and the centres
 * with low outcomes and high contact (bottom FSP quartile, top contact
 * quartile) named on the chart and below it.
 */
CREATE FUNCTION @extschema@.report_fsp_chart(fsp jsonb, focus text) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	year text;
	xs numeric[];
	ys numeric[];
	names text[];
	marked boolean[];
	rows text[];
	x_lines numeric[];
	x_labels text[];
	y_lines numeric[];
	y_labels text[];
	flagged text;
BEGIN
	WITH r AS (
		SELECT x.*, x.fsp_quartile = 4 AND x.contact_quartile = 1 AS low_outcome_high_contact
		FROM jsonb_to_recordset(coalesce(fsp, '[]')) AS x(centre_id text, centre text, academic_year text, pupils bigint,
			gld_pct numeric, seen_pct numeric, fsp_quartile integer, contact_quartile integer)
		WHERE x.gld_pct IS NOT NULL AND x.seen_pct IS NOT NULL
	)
	SELECT min(r.academic_year),
		   array_agg(r.seen_pct ORDER BY r.centre, r.centre_id),
		   array_agg(r.gld_pct ORDER BY r.centre, r.centre_id),
		   array_agg(r.centre ORDER BY r.centre, r.centre_id),
		   array_agg(coalesce(r.low_outcome_high_contact, false) OR r.centre_id IS NOT DISTINCT FROM focus ORDER BY r.centre, r.centre_id),
		   array_agg(ARRAY[r.centre, @extschema@.report_cell(r.pupils), @extschema@.report_cell(r.gld_pct),
						   coalesce(r.fsp_quartile::text, '[z]'), @extschema@.report_cell(r.seen_pct),
						   coalesce(r.contact_quartile::text, '[z]'),
						   CASE WHEN r.low_outcome_high_contact THEN 'Yes' ELSE '' END]
					 ORDER BY r.centre, r.centre_id),
		   string_agg(r.centre, ', ' ORDER BY r.centre) FILTER (WHERE r.low_outcome_high_contact)
	INTO year, xs, ys, names, marked, rows, flagged
	FROM r;

	/*
	 * Quartile boundaries: half-way between the lowest value of one
	 * quartile and the highest of the next (quartile 1 is the top).
	 */
	WITH r AS (
		SELECT x.* FROM jsonb_to_recordset(coalesce(fsp, '[]')) AS x(gld_pct numeric, seen_pct numeric,
			fsp_quartile integer, contact_quartile integer)
		WHERE x.gld_pct IS NOT NULL AND x.seen_pct IS NOT NULL
	), q AS (
		SELECT q FROM generate_series(1, 3) AS q
	)
	SELECT array_agg(round(((SELECT min(seen_pct) FROM r WHERE contact_quartile = q.q)
						  + (SELECT max(seen_pct) FROM r WHERE contact_quartile = q.q + 1)) / 2, 1) ORDER BY q.q),
		   array_agg('contact Q' || q.q || '|Q' || (q.q + 1) ORDER BY q.q),
		   array_agg(round(((SELECT min(gld_pct) FROM r WHERE fsp_quartile = q.q)
						  + (SELECT max(gld_pct) FROM r WHERE fsp_quartile = q.q + 1)) / 2, 1) ORDER BY q.q),
		   array_agg('FSP Q' || q.q || '|Q' || (q.q + 1) ORDER BY q.q)
	INTO x_lines, x_labels, y_lines, y_labels
	FROM q;

	RETURN @extschema@.report_section('fsp-contact', 'Outcomes against contact',
		'<p>The share of each reach area''s children reaching a good level of development in the Early Years Foundation '
		|| 'Stage Profile' || coalesce(' (' || @extschema@.html_escape(year) || ')', '')
		|| ' against the share of its under-fives seen in the matching financial year. Dashed lines part the quartiles '
		|| '(quartile 1 is the top). A centre in the bottom quartile for outcomes and the top quartile for contact is named: '
		|| 'much contact, yet low outcomes.</p>',
		@extschema@.svg_scatter_chart('chart-fsp', 'Outcomes (FSP) against contact',
			'Scatter chart: for each centre, the percentage of pupils reaching a good level of development (vertical) against '
			|| 'the percentage of under-fives seen (horizontal), with lines between quartiles; '
			|| coalesce('low outcomes with high contact: ' || flagged, 'no centre has low outcomes with high contact')
			|| '. The table beside it gives the figures.',
			xs, ys, names, marked, 'Under-fives seen (%)', 'Good level of development (%)', '%', '%', false, false,
			x_lines, x_labels, y_lines, y_labels),
		@extschema@.html_table('Outcomes and contact by centre',
			ARRAY['Centre', 'Pupils', 'GLD %', 'FSP quartile', 'Seen %', 'Contact quartile', 'Low outcomes, high contact'],
			rows, ARRAY[NULL, 'num', 'num', 'num', 'num', 'num', NULL]),
		'<p>Low outcomes with high contact: ' || coalesce(@extschema@.html_escape(flagged), 'none') || '.</p>');
END
$$;
COMMENT ON FUNCTION @extschema@.report_fsp_chart(jsonb, text) IS 'report section: FSP (GLD) against contact by centre with quartile lines, the low-outcome high-contact centres named, with its table';

/*
 * Target-group coverage for the county (or the focus centre): the share of
 * registered families in each national target group with any and with
 * sustained contact.
 */
CREATE FUNCTION @extschema@.report_coverage(coverage jsonb, unit_name text) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	labels text[];
	vals numeric[];
	rows text[];
BEGIN
	WITH r AS (
		SELECT x.* FROM jsonb_to_recordset(coalesce(coverage, '[]')) AS x(label text, display_order integer, families bigint,
			any_contact bigint, any_contact_pct numeric, sustained bigint, sustained_pct numeric, suppressed text)
	)
	SELECT array_agg(r.label ORDER BY r.display_order, r.label),
		   array_agg(ARRAY[r.any_contact_pct, r.sustained_pct] ORDER BY r.display_order, r.label),
		   array_agg(ARRAY[r.label, @extschema@.report_cell(r.families, r.suppressed),
						   @extschema@.report_cell(r.any_contact, r.suppressed), @extschema@.report_cell(r.any_contact_pct, r.suppressed),
						   @extschema@.report_cell(r.sustained, r.suppressed), @extschema@.report_cell(r.sustained_pct, r.suppressed)]
					 ORDER BY r.display_order, r.label)
	INTO labels, vals, rows
	FROM r;

	RETURN @extschema@.report_section('coverage', 'Target groups',
		'<p>Registered families in each national target group (' || @extschema@.html_escape(unit_name)
		|| '), and the share of them in any contact and in sustained contact during the period.</p>',
		@extschema@.svg_bar_chart('chart-coverage', 'Target-group coverage',
			'Bar chart: for each of ' || coalesce(cardinality(labels), 0) || ' target groups, the percentage of its registered families '
			|| 'with any contact and with sustained contact (' || coalesce(unit_name, '') || '). The table beside it gives the figures.',
			labels, ARRAY['Any contact', 'Sustained contact'], vals, NULL, '%'),
		@extschema@.html_table('Target-group coverage', ARRAY['Target group', 'Families', 'Any contact', '%', 'Sustained', '%'],
			rows, ARRAY[NULL, 'num', 'num', 'num', 'num', 'num']));
END
$$;
COMMENT ON FUNCTION @extschema@.report_coverage(jsonb, text) IS 'report section: target-group coverage (any and sustained contact) as bars, with its table';

/*
 * Ofsted: the latest grades of the open centres, county and by lead
 * partner, against the national share Good or Outstanding, and for a focus
 * centre its latest inspection.
 */
CREATE FUNCTION @extschema@.report_ofsted(summary jsonb, latest jsonb) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	county record;
	rows text[];
	row_classes text[];
	intro text;
BEGIN
	SELECT x.* INTO county
	FROM jsonb_to_recordset(coalesce(summary, '[]')) AS x(level text, centres integer, outstanding integer, good integer,
		requires_improvement integer, inadequate integer, grade_not_recorded integer, not_inspected integer,
		good_or_outstanding_pct numeric, benchmark_pct numeric)
	WHERE x.level = 'county';

	SELECT array_agg(ARRAY[x.unit_name, @extschema@.report_cell(x.centres), @extschema@.report_cell(x.outstanding),
						   @extschema@.report_cell(x.good), @extschema@.report_cell(x.requires_improvement),
						   @extschema@.report_cell(x.inadequate), @extschema@.report_cell(x.grade_not_recorded + x.not_inspected),
						   @extschema@.report_cell(x.good_or_outstanding_pct),
						   @extschema@.report_cell(x.benchmark_pct)]
					 ORDER BY x.level <> 'county', x.unit_name),
		   array_agg(CASE WHEN x.level = 'county' THEN 'county' END ORDER BY x.level <> 'county', x.unit_name)
	INTO rows, row_classes
	FROM jsonb_to_recordset(coalesce(summary, '[]')) AS x(level text, unit_name text, centres integer, outstanding integer,
		good integer, requires_improvement integer, inadequate integer, grade_not_recorded integer, not_inspected integer,
		good_or_outstanding_pct numeric, benchmark_pct numeric);

	SELECT '<p>' || @extschema@.html_escape(x.centre) || ': '
		   || CASE WHEN x.inspected_on IS NULL THEN 'not yet inspected'
				   ELSE 'inspected on ' || to_char(x.inspected_on, 'FMDD FMMonth YYYY') || ', overall '
						|| coalesce(@extschema@.html_escape(x.overall), 'grade not recorded') END
		   || coalesce('; next inspection due by ' || to_char(x.next_due, 'FMDD FMMonth YYYY'), '')
		   || CASE WHEN x.overdue THEN ' (overdue)' ELSE '' END || '.</p>'
	INTO intro
	FROM jsonb_to_recordset(coalesce(latest, '[]')) AS x(centre text, inspected_on date, overall text, next_due date, overdue boolean)
	LIMIT 1;

	RETURN @extschema@.report_section('ofsted', 'Ofsted inspections',
		'<p>The latest Ofsted grade of each open centre (a group inspection counts for every centre it covers), against the '
		|| 'national share of centres graded Good or Outstanding'
		|| coalesce(' (' || @extschema@.html_number(county.benchmark_pct) || '%)', '') || '.</p>' || coalesce(intro, ''),
		@extschema@.svg_bar_chart('chart-ofsted', 'Latest Ofsted grades, county',
			'Bar chart: the number of open centres in the county by latest overall Ofsted grade'
			|| coalesce(format(': %s outstanding, %s good, %s requiring improvement, %s inadequate, %s without a recorded grade, %s not yet inspected',
							   county.outstanding, county.good, county.requires_improvement, county.inadequate,
							   county.grade_not_recorded, county.not_inspected), '')
			|| '. The table beside it gives the figures by lead partner.',
			CASE WHEN county.centres IS NOT NULL THEN ARRAY['Outstanding', 'Good', 'Requires improvement', 'Inadequate', 'Grade not recorded', 'Not inspected'] END,
			ARRAY['Centres'],
			CASE WHEN county.centres IS NOT NULL THEN ARRAY[county.outstanding, county.good, county.requires_improvement,
															 county.inadequate, county.grade_not_recorded, county.not_inspected]::numeric[] END),
		@extschema@.html_table('Latest grades by lead partner',
			ARRAY['', 'Centres', 'Outstanding', 'Good', 'RI', 'Inadequate', 'Not graded', 'Good or better %', 'National %'],
			rows, ARRAY[NULL, 'num', 'num', 'num', 'num', 'num', 'num', 'num', 'num'], NULL, row_classes),
		'<p class="meta">RI: requires improvement. Not graded: not yet inspected, or inspected without a recorded grade. '
		|| 'Good or better: the share of graded centres graded Good or Outstanding.</p>');
END
$$;
COMMENT ON FUNCTION @extschema@.report_ofsted(jsonb, jsonb) IS 'report section: latest Ofsted grades, county and by lead partner, against the national benchmark, and a focus centre''s latest inspection';

/*
 * Trends from the stored snapshots: registered, seen and sustained by
 * quarter for the centres in the report (pooled: counts added up, then
 * divided) or for the focus centre, the last eight quarters stored up to
 * the period.  Pooling uses only figures shown: a centre with a withheld
 * count is left out of that quarter's pool for that measure, and the table
 * says how many were.
 */
CREATE FUNCTION @extschema@.report_trend(trend jsonb, unit_name text) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	categories text[];
	vals numeric[];
	rows text[];
	any_left_out boolean;
BEGIN
	WITH r AS (
		SELECT x.* FROM jsonb_to_recordset(coalesce(trend, '[]')) AS x(centre_id text, period text, period_end date,
			under_fives bigint, registered bigint, seen bigint, sustained bigint)
	), q AS (
		SELECT r.period, r.period_end,
			   count(*) AS centres,
			   count(*) FILTER (WHERE r.under_fives IS NULL OR r.registered IS NULL OR r.seen IS NULL OR r.sustained IS NULL) AS left_out,
			   sum(r.under_fives) AS under_fives,
			   round(100.0 * sum(r.registered) FILTER (WHERE r.under_fives IS NOT NULL)
					 / nullif(sum(r.under_fives) FILTER (WHERE r.registered IS NOT NULL), 0), 1) AS registered_pct,
			   round(100.0 * sum(r.seen) FILTER (WHERE r.under_fives IS NOT NULL)
					 / nullif(sum(r.under_fives) FILTER (WHERE r.seen IS NOT NULL), 0), 1) AS seen_pct,
			   round(100.0 * sum(r.sustained) FILTER (WHERE r.under_fives IS NOT NULL)
					 / nullif(sum(r.under_fives) FILTER (WHERE r.sustained IS NOT NULL), 0), 1) AS sustained_pct
		FROM r
		GROUP BY r.period, r.period_end
		ORDER BY r.period_end DESC
		LIMIT 8
	)
	SELECT array_agg(q.period ORDER BY q.period_end),
		   ARRAY[array_agg(q.registered_pct ORDER BY q.period_end), array_agg(q.seen_pct ORDER BY q.period_end),
				 array_agg(q.sustained_pct ORDER BY q.period_end)],
		   array_agg(ARRAY[q.period, q.centres::text, @extschema@.report_cell(q.under_fives), @extschema@.report_cell(q.registered_pct),
						   @extschema@.report_cell(q.seen_pct), @extschema@.report_cell(q.sustained_pct),
						   q.left_out::text] ORDER BY q.period_end),
		   bool_or(q.left_out > 0)
	INTO categories, vals, rows, any_left_out
	FROM q;

	RETURN @extschema@.report_section('trend', 'Trend by quarter',
		'<p>Registered, seen and sustained as a share of under-fives, ' || @extschema@.html_escape(unit_name)
		|| ', from the figures stored each quarter (take_snapshot): the last ' || coalesce(cardinality(categories), 0)
		|| ' quarters stored up to the period.</p>',
		@extschema@.svg_line_chart('chart-trend', 'Reach by quarter',
			'Line chart: the percentage of under-fives registered, seen and in sustained contact in each of the last '
			|| coalesce(cardinality(categories), 0) || ' stored quarters (' || coalesce(unit_name, '')
			|| '). The table beside it gives the figures.',
			categories, ARRAY['Registered', 'Seen', 'Sustained'], CASE WHEN categories IS NOT NULL THEN vals END, '%'),
		@extschema@.html_table('Reach by quarter', ARRAY['Quarter', 'Centres', 'Under-fives', 'Registered %', 'Seen %', 'Sustained %', 'Left out'],
			rows, ARRAY[NULL, 'num', 'num', 'num', 'num', 'num', 'num']),
		CASE WHEN any_left_out THEN '<p class="meta">Left out: centres with a withheld figure that quarter, which the pooled '
									|| 'percentages do not include.</p>' END);
END
$$;
COMMENT ON FUNCTION @extschema@.report_trend(jsonb, text) IS 'report section: pooled reach by stored quarter (reach_trend) as lines, with its table';

/* ---------------------------------------------------------------- the report */

/*
 * The loader: checks the arguments and the caller's rights, reads each view
 * once for the period (the published version where the caller may read
 * only that), and puts the sections in one document.  The period's bounds
 * and kind come from the figures themselves, so any period the reach views
 * know (a year, a quarter, a year to date) can be reported.
 */
CREATE FUNCTION @extschema@.report_html(period text, centre_id text DEFAULT NULL) RETURNS text
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	want_period constant text := report_html.period;
	want_centre constant text := report_html.centre_id;
	bounds record;
	reach_src text;
	src text;
	fsp_readable boolean := has_table_privilege('@extschema@.fsp_contact_ranking', 'SELECT');
	ofsted_readable boolean := has_table_privilege('@extschema@.ofsted_summary', 'SELECT');
	coverage_readable boolean := false;
	trend_readable boolean := false;
	published boolean;
	restricted boolean;
	reach jsonb;
	county jsonb;
	rag jsonb;
	fsp jsonb;
	coverage jsonb;
	summary jsonb;
	latest jsonb;
	trend jsonb;
	focus_name text;
	county_under_fives bigint;
	below integer;
	left_out text[] := '{}';
	title text;
	sections text := '';
	contents text := '';
BEGIN
	IF want_period IS NULL THEN
		RAISE EXCEPTION 'report_html needs a period'
			USING ERRCODE = 'null_value_not_allowed',
				  HINT = 'Name a financial year such as 2013-14 or a quarter such as 2013-14 Q3.';
	END IF;

	reach_src := @extschema@.report_source('centre_reach');
	IF reach_src IS NULL THEN
		RAISE EXCEPTION 'permission denied to read centre_reach or published_centre_reach'
			USING ERRCODE = 'insufficient_privilege',
				  HINT = 'report_html reads with your rights: be granted surestart_reader (published figures) or surestart_analyst.';
	END IF;
	published := reach_src LIKE 'published\_%';
	restricted := @extschema@.partner_restricted();

	EXECUTE format('SELECT jsonb_agg(to_jsonb(r) ORDER BY r.centre, r.centre_id) FROM @extschema@.%I AS r WHERE r.period = $1', reach_src)
		INTO reach USING want_period;
	IF reach IS NULL THEN
		RAISE EXCEPTION 'no figures for period "%"', want_period
			USING ERRCODE = 'invalid_parameter_value',
				  DETAIL = 'Expected a period with centre reach figures: a financial year such as 2013-14, or a quarter such as 2013-14 Q3, in which contacts or registrations fall.';
	END IF;
	SELECT min(r.period_start) AS period_start, max(r.period_end) AS period_end, min(r.kind) AS kind INTO bounds
	FROM jsonb_to_recordset(reach) AS r(period_start date, period_end date, kind text);
	IF want_centre IS NOT NULL THEN
		SELECT r.centre INTO focus_name
		FROM jsonb_to_recordset(reach) AS r(centre_id text, centre text) WHERE r.centre_id = want_centre;
		IF NOT FOUND THEN
			RAISE EXCEPTION 'no centre "%" in the figures for period "%"', want_centre, want_period
				USING ERRCODE = 'invalid_parameter_value',
					  DETAIL = 'Expected the id of a centre open in the period that you may see.';
		END IF;
	END IF;

	/*
	 * The county's percentages (every reach area, whoever asks), and its
	 * under-fives when every centre is in the report with its figure shown
	 * (a total beside a withheld part would give the part away).
	 */
	src := @extschema@.report_source('data_pack');
	IF src IS NOT NULL THEN
		EXECUTE format('SELECT jsonb_object_agg(d.measure, jsonb_build_object(''value'', d.value, ''suppressed'', to_jsonb(d)->''suppressed'')) '
					   'FROM @extschema@.%I AS d '
					   'WHERE d.period = $1 AND d.level = ''county'' AND d.measure IN (''registered_pct'', ''seen_pct'', ''sustained_pct'')', src)
			INTO county USING want_period;
	END IF;
	IF NOT restricted THEN
		SELECT CASE WHEN count(*) = count(r.under_fives) THEN sum(r.under_fives) END INTO county_under_fives
		FROM jsonb_to_recordset(reach) AS r(under_fives bigint);
	END IF;

	IF has_table_privilege('@extschema@.scorecard', 'SELECT') THEN
		SELECT jsonb_agg(jsonb_build_object('centre_id', s.centre_id, 'measure', s.measure, 'rag', s.rag, 'target', s.target))
		INTO rag
		FROM @extschema@.scorecard AS s
		WHERE s.period = want_period AND s.measure IN ('registered_pct', 'seen_pct', 'sustained_pct');
		rag := coalesce(rag, '[]');
	ELSE
		left_out := left_out || 'the RAG ratings against targets'::text;
	END IF;

	-- the latest EYFS results set against contact up to the period's
	-- financial year (2013-14: the 2012/13 results, published in it)
	IF fsp_readable THEN
		SELECT jsonb_agg(to_jsonb(f)) INTO fsp
		FROM (SELECT r.*, max(r.academic_year) OVER () AS latest
			  FROM @extschema@.fsp_contact_ranking AS r
			  WHERE r.academic_year <= replace(@extschema@.financial_year((bounds.period_start - interval '1 year')::date), '-', '/')) AS f
		WHERE f.academic_year = f.latest;
	ELSE
		left_out := left_out || 'outcomes against contact (FSP)'::text;
	END IF;

	src := @extschema@.report_source('target_group_coverage');
	coverage_readable := src IS NOT NULL;
	IF coverage_readable THEN
		EXECUTE format('SELECT jsonb_agg(to_jsonb(t)) FROM @extschema@.%I AS t WHERE t.period = $1 AND t.national '
					   'AND (($2::text IS NULL AND t.level = ''county'') OR (t.level = ''centre'' AND t.unit_id = $2))', src)
			INTO coverage USING want_period, want_centre;
	ELSE
		left_out := left_out || 'target-group coverage'::text;
	END IF;

	IF ofsted_readable THEN
		SELECT jsonb_agg(to_jsonb(o)) INTO summary FROM @extschema@.ofsted_summary AS o;
		IF want_centre IS NOT NULL AND has_table_privilege('@extschema@.ofsted_latest', 'SELECT') THEN
			SELECT jsonb_agg(to_jsonb(o)) INTO latest FROM @extschema@.ofsted_latest AS o WHERE o.centre_id = want_centre;
		END IF;
	ELSE
		left_out := left_out || 'Ofsted grades'::text;
	END IF;

	src := @extschema@.report_source('reach_trend');
	trend_readable := src IS NOT NULL;
	IF trend_readable THEN
		EXECUTE format('SELECT jsonb_agg(to_jsonb(t)) FROM @extschema@.%I AS t WHERE t.kind = ''quarter'' AND t.period_end <= $1 '
					   'AND ($2::text IS NULL OR t.centre_id = $2)', src)
			INTO trend USING bounds.period_end, want_centre;
	ELSE
		left_out := left_out || 'trends'::text;
	END IF;

	/* The document. */
	title := CASE WHEN want_centre IS NULL THEN 'Children''s centres report ' || want_period
				  ELSE focus_name || ': children''s centre report ' || want_period END;
	SELECT coalesce((SELECT s.value::integer FROM @extschema@.setting AS s WHERE s.name = 'suppress_below'), 5) INTO below;

	sections := @extschema@.report_headline(reach, county, rag, want_centre, county_under_fives)
				|| @extschema@.report_reach_chart(reach, rag, focus_name)
				|| @extschema@.report_rate_chart(reach, (county->'registered_pct'->>'value')::numeric, want_centre);
	contents := '<li><a href="#headline">Headline reach</a></li><li><a href="#reach-by-centre">Reach by centre</a></li>'
				|| '<li><a href="#registration-rate">Registration rate</a></li>';
	IF fsp_readable THEN
		sections := sections || @extschema@.report_fsp_chart(fsp, want_centre);
		contents := contents || '<li><a href="#fsp-contact">Outcomes against contact</a></li>';
	END IF;
	IF coverage_readable THEN
		sections := sections || @extschema@.report_coverage(coverage, coalesce(focus_name, 'county'));
		contents := contents || '<li><a href="#coverage">Target groups</a></li>';
	END IF;
	IF ofsted_readable THEN
		sections := sections || @extschema@.report_ofsted(summary, latest);
		contents := contents || '<li><a href="#ofsted">Ofsted inspections</a></li>';
	END IF;
	IF trend_readable THEN
		sections := sections || @extschema@.report_trend(trend, coalesce(focus_name,
						CASE WHEN restricted THEN 'the centres you may see' ELSE 'all centres' END));
		contents := contents || '<li><a href="#trend">Trend by quarter</a></li>';
	END IF;

	RETURN '<!DOCTYPE html>' || E'\n'
		|| '<html lang="en-GB" xmlns="http://www.w3.org/1999/xhtml"><head><meta charset="utf-8"/>'
		|| '<meta name="viewport" content="width=device-width, initial-scale=1"/>'
		|| '<meta http-equiv="Content-Security-Policy" content="default-src ''none''; style-src ''unsafe-inline''"/>'
		|| '<meta name="generator" content="surestart report_html"/>'
		|| '<title>' || @extschema@.html_escape(title) || '</title>'
		|| '<style>' || @extschema@.report_style() || '</style></head><body>'
		|| '<header><h1>' || @extschema@.html_escape(title) || '</h1>'
		|| '<p class="meta">' || CASE bounds.kind WHEN 'quarter' THEN 'Financial quarter ' WHEN 'year' THEN 'Financial year '
										 ELSE 'Period ' END
		|| @extschema@.html_escape(want_period) || ': ' || to_char(bounds.period_start, 'FMDD FMMonth YYYY') || ' to '
		|| to_char(bounds.period_end, 'FMDD FMMonth YYYY') || '.</p>'
		|| CASE WHEN published
				THEN '<p class="notice">Published figures. A count of 1 to ' || (below - 1) || ' children or families, and the '
					 || 'percentages worked out from it, are withheld and shown as [c]; they are not drawn in the charts.'
					 || CASE WHEN cardinality(left_out) > 0
							 THEN ' Not in this version: ' || @extschema@.html_escape(array_to_string(left_out, ', ')) || '.' ELSE '' END
					 || '</p>'
				ELSE '<p class="notice">Full figures for internal use: small numbers are not withheld. Publish the version made '
					 || 'by a reader of the published figures (surestart_reader).'
					 || CASE WHEN restricted THEN ' The centres shown are those of your lead partner.' ELSE '' END
					 || CASE WHEN cardinality(left_out) > 0
							 THEN ' Not in this version: ' || @extschema@.html_escape(array_to_string(left_out, ', ')) || '.' ELSE '' END
					 || '</p>' END
		|| '<nav><h2>Contents</h2><ol>' || contents || '</ol></nav></header><main>'
		|| sections
		|| '</main><footer><p>Reach: children under five living in a centre''s reach area (the LSOAs it serves) on the last day '
		|| 'of the period, against the ONS estimate of under-fives there. Seen: at least one meaningful contact in the period; '
		|| 'sustained: at least the number of contacts the council counts as sustained. Percentages are of under-fives, '
		|| 'one decimal place. [c]: withheld (a small number). [z]: not applicable (nothing to divide by, no target).</p>'
		|| '<p>Made by the surestart extension '
		|| @extschema@.html_escape((SELECT e.extversion FROM pg_catalog.pg_extension AS e WHERE e.extname = 'surestart'))
		|| ' on ' || to_char(current_date, 'FMDD FMMonth YYYY') || '.</p></footer></body></html>' || E'\n';
END
$$;
COMMENT ON FUNCTION @extschema@.report_html(text, text) IS 'the report as one self-contained HTML5 document (inline CSS and SVG charts, no script, no external resource, prints on A4) for a financial year or quarter, for the county or one centre; reads with the caller''s rights, so a surestart_reader gets the published figures only';
