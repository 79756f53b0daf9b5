/* src/sql/94_charts.sql: HTML text and SVG charts, written once for report_html (95_report.sql) */

/*
 * PostgreSQL has no charting library, so the report draws its own charts
 * with these small functions: escaping, numbers, tables, and SVG bars,
 * points, lines and axes with "nice" ticks.  They are pure (IMMUTABLE):
 * text and arrays in, markup out, so sql/report.sql tests them one by one.
 *
 * The markup is polyglot HTML5: every element is closed, every attribute is
 * quoted, and only the five XML entities are used, so a report is also
 * well-formed XML (the tests parse it as such).  Coordinates are in CSS
 * pixels, rounded to 0.1; colours and fonts come from the report's style
 * sheet through the class names (s1, s2, s3 for series; grid, axis,
 * target, ref, curve, point, marked, label, focus).
 */

/* ---------------------------------------------------------------- text and numbers */

/*
 * Text made safe for HTML content and for quoted attribute values: the
 * five characters with a meaning in markup become entities.  NULL becomes
 * the empty string, so that a missing name never makes a whole document
 * NULL by concatenation.
 */
CREATE FUNCTION @extschema@.html_escape(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT replace(replace(replace(replace(replace(coalesce(value, ''),
	'&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&#39;')
$$;
COMMENT ON FUNCTION @extschema@.html_escape(text) IS 'text escaped for HTML content and quoted attributes (& < > " and '' as entities); NULL gives the empty string';

/*
 * A number as a report prints it: thousands separated by commas, the
 * decimals it has kept (a percentage rounded to one place keeps its .0),
 * and an ASCII minus so that a copied table pastes into a spreadsheet as
 * numbers.  NULL gives the empty string.
 */
CREATE FUNCTION @extschema@.html_number(value numeric) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT CASE WHEN value IS NULL THEN ''
			WHEN value = 'NaN'::numeric THEN 'NaN'
			ELSE CASE WHEN value < 0 THEN '-' ELSE '' END
				 || regexp_replace(split_part(abs(value)::text, '.', 1), '(\d)(?=(\d{3})+$)', '\1,', 'g')
				 || CASE WHEN strpos(abs(value)::text, '.') > 0 THEN '.' || split_part(abs(value)::text, '.', 2) ELSE '' END
	   END
$$;
COMMENT ON FUNCTION @extschema@.html_number(numeric) IS 'a number as reports print it: 12,345.6 (thousands separated by commas, its own decimals, ASCII minus); NULL gives the empty string';

/*
 * An HTML table: a caption, one header row, and the rows of a
 * two-dimensional text array (rows by columns), every cell escaped here.
 * The first cell of each row is its header (th scope="row").
 * column_classes (one per column, NULL for none) and cell_classes (same
 * shape as rows) and row_classes (one per row) set class attributes, e.g.
 * num for right-aligned figures, rag-red for a RAG colour, county for a
 * total row.  A table without rows says so in one cell.
 */
CREATE FUNCTION @extschema@.html_table(caption text, headers text[], rows text[],
									   column_classes text[] DEFAULT NULL, cell_classes text[] DEFAULT NULL,
									   row_classes text[] DEFAULT NULL)
RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	columns integer := coalesce(cardinality(headers), 0);
	nrows integer := 0;
	html text;
	cls text;
	i integer;
	j integer;
BEGIN
	IF columns = 0 THEN
		RAISE EXCEPTION 'a table needs at least one column header'
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF rows IS NOT NULL AND cardinality(rows) > 0 THEN
		IF array_ndims(rows) <> 2 OR array_length(rows, 2) <> columns OR array_lower(rows, 1) <> 1 OR array_lower(rows, 2) <> 1 THEN
			RAISE EXCEPTION 'table rows must be a two-dimensional array with % columns', columns
				USING ERRCODE = 'invalid_parameter_value',
					  DETAIL = format('Got an array of dimensions %s.', array_dims(rows));
		END IF;
		nrows := array_length(rows, 1);
	END IF;
	IF cell_classes IS NOT NULL AND cardinality(cell_classes) > 0
	   AND array_dims(cell_classes) IS DISTINCT FROM array_dims(rows) THEN
		RAISE EXCEPTION 'cell classes must have the shape of the rows'
			USING ERRCODE = 'invalid_parameter_value',
				  DETAIL = format('Rows are %s, cell classes %s.', coalesce(array_dims(rows), 'empty'), array_dims(cell_classes));
	END IF;

	html := '<table>';
	IF caption IS NOT NULL THEN
		html := html || '<caption>' || @extschema@.html_escape(caption) || '</caption>';
	END IF;
	html := html || '<thead><tr>';
	FOR j IN 1 .. columns LOOP
		cls := column_classes[j];
		html := html || '<th scope="col"' || CASE WHEN cls IS NOT NULL THEN ' class="' || @extschema@.html_escape(cls) || '"' ELSE '' END
				|| '>' || @extschema@.html_escape(headers[j]) || '</th>';
	END LOOP;
	html := html || '</tr></thead><tbody>';
	IF nrows = 0 THEN
		html := html || '<tr><td colspan="' || columns || '">No figures for this table.</td></tr>';
	END IF;
	FOR i IN 1 .. nrows LOOP
		html := html || '<tr' || @extschema@.svg_class(row_classes[i]) || '>';
		FOR j IN 1 .. columns LOOP
			cls := concat_ws(' ', column_classes[j], cell_classes[i][j]);
			html := html || CASE WHEN j = 1 THEN '<th scope="row"' ELSE '<td' END
					|| CASE WHEN cls <> '' THEN ' class="' || @extschema@.html_escape(cls) || '"' ELSE '' END
					|| '>' || @extschema@.html_escape(rows[i][j])
					|| CASE WHEN j = 1 THEN '</th>' ELSE '</td>' END;
		END LOOP;
		html := html || '</tr>';
	END LOOP;
	RETURN html || '</tbody></table>';
END
$$;
COMMENT ON FUNCTION @extschema@.html_table(text, text[], text[], text[], text[], text[]) IS 'an HTML table: caption, header row, and the cells of a two-dimensional text array (rows by columns), escaped; the first cell of a row is its header; optional classes per column, per cell and per row';

/* ---------------------------------------------------------------- scales and ticks */

/*
 * Heckbert's nice number for a positive x: 1, 2, 5 or 10 times the power
 * of ten at or below x, either the nearest (rounded) or the smallest at or
 * above x.
 */
CREATE FUNCTION @extschema@.nice_number(x numeric, rounded boolean) RETURNS numeric
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	exponent integer;
	fraction numeric;
	nice numeric;
BEGIN
	IF x <= 0 THEN
		RAISE EXCEPTION 'nice_number needs a positive number, not %', x
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	exponent := floor(log(x));
	fraction := x / power(10::numeric, exponent);
	-- log() of a power of ten may come out a hair below it
	IF fraction >= 10 THEN
		exponent := exponent + 1;
		fraction := fraction / 10;
	END IF;
	IF rounded THEN
		nice := CASE WHEN fraction < 1.5 THEN 1 WHEN fraction < 3 THEN 2 WHEN fraction < 7 THEN 5 ELSE 10 END;
	ELSE
		nice := CASE WHEN fraction <= 1 THEN 1 WHEN fraction <= 2 THEN 2 WHEN fraction <= 5 THEN 5 ELSE 10 END;
	END IF;
	RETURN trim_scale(nice * power(10::numeric, exponent));
END
$$;
COMMENT ON FUNCTION @extschema@.nice_number(numeric, boolean) IS 'Heckbert''s nice number for a positive x: 1, 2, 5 or 10 times a power of ten, nearest to x (rounded) or the least at or above it';

/*
 * Ticks for an axis from low to high: Heckbert's "nice numbers" (Graphics
 * Gems, 1990).  The range is rounded to 1, 2 or 5 times a power of ten, the
 * step to the nice number nearest range / (max_ticks - 1), and the ticks run
 * from the step multiple at or below low to the one at or above high, so
 * they cover the data.  Exact: numeric arithmetic, so a step of 0.1 gives
 * 0.3 and not 0.30000000000000004.  A range of one value is widened to
 * take in zero (0 alone gives 0 and 1).  The first and last ticks are the
 * axis's ends.
 */
CREATE FUNCTION @extschema@.nice_ticks(low numeric, high numeric, max_ticks integer DEFAULT 6) RETURNS numeric[]
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	lo numeric := low;
	hi numeric := high;
	span numeric;
	step numeric;
	first_tick numeric;
	steps integer;
BEGIN
	IF lo IS NULL OR hi IS NULL OR max_ticks IS NULL THEN
		RAISE EXCEPTION 'nice_ticks needs both ends of the range and a number of ticks'
			USING ERRCODE = 'null_value_not_allowed',
				  HINT = 'A chart without figures has no axis: check for empty data first.';
	END IF;
	IF lo IN ('NaN', 'Infinity', '-Infinity') OR hi IN ('NaN', 'Infinity', '-Infinity') THEN
		RAISE EXCEPTION 'cannot place ticks between % and %', lo, hi
			USING ERRCODE = 'invalid_parameter_value',
				  DETAIL = 'Expected finite numbers.';
	END IF;
	IF lo > hi THEN
		RAISE EXCEPTION 'the low end of the range (%) is above the high end (%)', lo, hi
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF max_ticks < 2 OR max_ticks > 50 THEN
		RAISE EXCEPTION 'cannot place % ticks', max_ticks
			USING ERRCODE = 'invalid_parameter_value',
				  DETAIL = 'Expected from 2 to 50 ticks.';
	END IF;
	IF lo = hi THEN
		IF lo = 0 THEN
			hi := 1;
		ELSE
			lo := least(lo, 0);
			hi := greatest(hi, 0);
		END IF;
	END IF;
	span := @extschema@.nice_number(hi - lo, false);
	step := @extschema@.nice_number(span / (max_ticks - 1), true);
	first_tick := floor(lo / step) * step;
	steps := (ceil(hi / step) * step - first_tick) / step;
	RETURN ARRAY(SELECT trim_scale(first_tick + i * step) FROM generate_series(0, steps) AS i ORDER BY i);
END
$$;
COMMENT ON FUNCTION @extschema@.nice_ticks(numeric, numeric, integer) IS 'axis ticks covering low..high at a step of 1, 2 or 5 times a power of ten, at most about max_ticks of them (Heckbert''s nice numbers), exact in numeric; one value is widened to take in zero';

/*
 * Where a value falls on an axis: the linear map of domain_low..domain_high
 * onto range_low..range_high (pixels; range_low may be the larger, as on a
 * y axis), rounded to 0.1.  A domain of one value maps to the middle.
 */
CREATE FUNCTION @extschema@.svg_scale(value numeric, domain_low numeric, domain_high numeric,
									  range_low numeric, range_high numeric) RETURNS numeric
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT round(CASE WHEN domain_high = domain_low THEN (range_low + range_high) / 2
				  ELSE range_low + (value - domain_low) * (range_high - range_low) / (domain_high - domain_low) END, 1)
$$;
COMMENT ON FUNCTION @extschema@.svg_scale(numeric, numeric, numeric, numeric, numeric) IS 'linear map of a value from domain_low..domain_high onto range_low..range_high (pixels), rounded to 0.1; a one-value domain maps to the middle';

/* ---------------------------------------------------------------- SVG shapes */

/* A coordinate or length as SVG text: 0.1 px, no trailing zeros. */
CREATE FUNCTION @extschema@.svg_number(value numeric) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT trim_scale(round(value, 1))::text
$$;
COMMENT ON FUNCTION @extschema@.svg_number(numeric) IS 'a coordinate as SVG text: rounded to 0.1, trailing zeros dropped';

/* A class attribute, or nothing. */
CREATE FUNCTION @extschema@.svg_class(css_class text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT CASE WHEN coalesce(css_class, '') = '' THEN '' ELSE ' class="' || @extschema@.html_escape(css_class) || '"' END
$$;
COMMENT ON FUNCTION @extschema@.svg_class(text) IS 'a class attribute for an element (with its leading space), or the empty string';

/* A tooltip (an SVG title child), or nothing. */
CREATE FUNCTION @extschema@.svg_tooltip(tooltip text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT CASE WHEN coalesce(tooltip, '') = '' THEN '' ELSE '<title>' || @extschema@.html_escape(tooltip) || '</title>' END
$$;
COMMENT ON FUNCTION @extschema@.svg_tooltip(text) IS 'an SVG title child that browsers show as a tooltip, or the empty string';

/* A bar: a rectangle (a negative width or height is drawn from the other side). */
CREATE FUNCTION @extschema@.svg_rect(x numeric, y numeric, width numeric, height numeric,
									 css_class text DEFAULT NULL, tooltip text DEFAULT NULL) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT '<rect' || @extschema@.svg_class(css_class)
	   || ' x="' || @extschema@.svg_number(least(x, x + width)) || '" y="' || @extschema@.svg_number(least(y, y + height))
	   || '" width="' || @extschema@.svg_number(abs(width)) || '" height="' || @extschema@.svg_number(abs(height)) || '"'
	   || CASE WHEN coalesce(tooltip, '') = '' THEN '/>' ELSE '>' || @extschema@.svg_tooltip(tooltip) || '</rect>' END
$$;
COMMENT ON FUNCTION @extschema@.svg_rect(numeric, numeric, numeric, numeric, text, text) IS 'an SVG rectangle (a bar), with an optional class and tooltip';

/* A straight line. */
CREATE FUNCTION @extschema@.svg_line(x1 numeric, y1 numeric, x2 numeric, y2 numeric,
									 css_class text DEFAULT NULL, tooltip text DEFAULT NULL) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT '<line' || @extschema@.svg_class(css_class)
	   || ' x1="' || @extschema@.svg_number(x1) || '" y1="' || @extschema@.svg_number(y1)
	   || '" x2="' || @extschema@.svg_number(x2) || '" y2="' || @extschema@.svg_number(y2) || '"'
	   || CASE WHEN coalesce(tooltip, '') = '' THEN '/>' ELSE '>' || @extschema@.svg_tooltip(tooltip) || '</line>' END
$$;
COMMENT ON FUNCTION @extschema@.svg_line(numeric, numeric, numeric, numeric, text, text) IS 'an SVG line, with an optional class and tooltip';

/* A point: a circle. */
CREATE FUNCTION @extschema@.svg_point(cx numeric, cy numeric, radius numeric DEFAULT 3.5,
									  css_class text DEFAULT 'point', tooltip text DEFAULT NULL) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT '<circle' || @extschema@.svg_class(css_class)
	   || ' cx="' || @extschema@.svg_number(cx) || '" cy="' || @extschema@.svg_number(cy)
	   || '" r="' || @extschema@.svg_number(abs(radius)) || '"'
	   || CASE WHEN coalesce(tooltip, '') = '' THEN '/>' ELSE '>' || @extschema@.svg_tooltip(tooltip) || '</circle>' END
$$;
COMMENT ON FUNCTION @extschema@.svg_point(numeric, numeric, numeric, text, text) IS 'an SVG circle (a point of a scatter or line chart), with an optional class and tooltip';

/* Text at a point, anchored at its start, middle or end. */
CREATE FUNCTION @extschema@.svg_text(x numeric, y numeric, content text, css_class text DEFAULT NULL,
									 anchor text DEFAULT 'start') RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF anchor IS NULL OR anchor NOT IN ('start', 'middle', 'end') THEN
		RAISE EXCEPTION 'invalid text anchor "%"', anchor
			USING ERRCODE = 'invalid_parameter_value',
				  DETAIL = 'Expected start, middle or end.';
	END IF;
	RETURN '<text' || @extschema@.svg_class(css_class)
		   || ' x="' || @extschema@.svg_number(x) || '" y="' || @extschema@.svg_number(y) || '"'
		   || CASE WHEN anchor <> 'start' THEN ' text-anchor="' || anchor || '"' ELSE '' END
		   || '>' || @extschema@.html_escape(content) || '</text>';
END
$$;
COMMENT ON FUNCTION @extschema@.svg_text(numeric, numeric, text, text, text) IS 'SVG text (escaped) at a point, anchored at its start, middle or end';

/*
 * A line through points: one polyline for each run of points whose x and y
 * are both known, so that a missing value (a withheld figure, a quarter not
 * stored) breaks the line rather than being bridged.  A run of one point
 * draws nothing (line charts mark every point separately).
 */
CREATE FUNCTION @extschema@.svg_polyline(xs numeric[], ys numeric[], css_class text DEFAULT NULL) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	html text := '';
	run text[] := '{}';
	i integer;
BEGIN
	IF coalesce(cardinality(xs), 0) <> coalesce(cardinality(ys), 0) THEN
		RAISE EXCEPTION 'a polyline needs as many y as x values (% and %)', coalesce(cardinality(xs), 0), coalesce(cardinality(ys), 0)
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	FOR i IN 1 .. coalesce(cardinality(xs), 0) + 1 LOOP
		IF i <= cardinality(xs) AND xs[i] IS NOT NULL AND ys[i] IS NOT NULL THEN
			run := run || (@extschema@.svg_number(xs[i]) || ',' || @extschema@.svg_number(ys[i]));
		ELSE
			IF cardinality(run) > 1 THEN
				html := html || '<polyline' || @extschema@.svg_class(css_class) || ' points="' || array_to_string(run, ' ') || '"/>';
			END IF;
			run := '{}';
		END IF;
	END LOOP;
	RETURN html;
END
$$;
COMMENT ON FUNCTION @extschema@.svg_polyline(numeric[], numeric[], text) IS 'SVG polylines through the points (x, y), broken where a value is missing; a lone point draws nothing';

/*
 * An axis: for each tick a grid line across the plot and its label, and a
 * solid line at the first tick.  A horizontal axis places the ticks from
 * start_px (first tick) to end_px along x, its grid lines from cross_start
 * to cross_end along y, and its labels below cross_end; a vertical axis
 * places them from start_px (the bottom) to end_px along y, its grid lines
 * from cross_start to cross_end along x, and its labels left of
 * cross_start.  Labels carry the suffix (e.g. %).
 */
CREATE FUNCTION @extschema@.svg_axis(ticks numeric[], horizontal boolean, start_px numeric, end_px numeric,
									 cross_start numeric, cross_end numeric, suffix text DEFAULT '') RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	html text := '';
	n integer := coalesce(cardinality(ticks), 0);
	t numeric;
	p numeric;
BEGIN
	IF n < 2 THEN
		RAISE EXCEPTION 'an axis needs at least two ticks'
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	FOREACH t IN ARRAY ticks LOOP
		p := @extschema@.svg_scale(t, ticks[1], ticks[n], start_px, end_px);
		IF horizontal THEN
			html := html || @extschema@.svg_line(p, cross_start, p, cross_end, CASE WHEN t = ticks[1] THEN 'axis' ELSE 'grid' END)
					|| @extschema@.svg_text(p, cross_end + 14, @extschema@.html_number(t) || coalesce(suffix, ''), 'tick', 'middle');
		ELSE
			html := html || @extschema@.svg_line(cross_start, p, cross_end, p, CASE WHEN t = ticks[1] THEN 'axis' ELSE 'grid' END)
					|| @extschema@.svg_text(cross_start - 5, p + 4, @extschema@.html_number(t) || coalesce(suffix, ''), 'tick', 'end');
		END IF;
	END LOOP;
	RETURN html;
END
$$;
COMMENT ON FUNCTION @extschema@.svg_axis(numeric[], boolean, numeric, numeric, numeric, numeric, text) IS 'an SVG axis: a grid line and a label for each tick (from nice_ticks), horizontal or vertical';

/* A legend: a swatch and a name for each series, in a row from (x, y). */
CREATE FUNCTION @extschema@.svg_legend(x numeric, y numeric, names text[], css_classes text[]) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	html text := '';
	at numeric := x;
	i integer;
BEGIN
	FOR i IN 1 .. coalesce(cardinality(names), 0) LOOP
		IF css_classes[i] = 'target' THEN
			html := html || @extschema@.svg_line(at + 5, y - 9, at + 5, y + 1, 'target');
		ELSE
			html := html || @extschema@.svg_rect(at, y - 9, 10, 10, css_classes[i]);
		END IF;
		html := html || @extschema@.svg_text(at + 14, y, names[i], 'legend');
		at := at + 26 + 6.2 * char_length(names[i]);
	END LOOP;
	RETURN html;
END
$$;
COMMENT ON FUNCTION @extschema@.svg_legend(numeric, numeric, text[], text[]) IS 'an SVG legend: a swatch (or a target mark, class target) and a name for each series';

/*
 * The chart element: an svg with role img, its title and description
 * (what a screen reader says, and what a reader sees in a tooltip), a
 * viewBox so that it scales to the page, and the drawing.  The id must be
 * a plain name (letters, digits, - and _), unique in the document.
 */
CREATE FUNCTION @extschema@.svg_document(id text, title text, description text, width integer, height integer, body text)
RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF id IS NULL OR id !~ '^[A-Za-z][A-Za-z0-9_-]*$' THEN
		RAISE EXCEPTION 'invalid chart id "%"', id
			USING ERRCODE = 'invalid_parameter_value',
				  DETAIL = 'Expected a letter followed by letters, digits, hyphens or underscores.';
	END IF;
	IF width IS NULL OR height IS NULL OR width < 1 OR height < 1 THEN
		RAISE EXCEPTION 'invalid chart size % by %', width, height
			USING ERRCODE = 'invalid_parameter_value',
				  DETAIL = 'Expected a width and height of at least one pixel.';
	END IF;
	RETURN '<svg xmlns="http://www.w3.org/2000/svg" id="' || id || '" role="img" viewBox="0 0 ' || width || ' ' || height
		   || '" width="' || width || '" height="' || height || '">'
		   || '<title>' || @extschema@.html_escape(title) || '</title>'
		   || '<desc>' || @extschema@.html_escape(description) || '</desc>'
		   || coalesce(body, '') || '</svg>';
END
$$;
COMMENT ON FUNCTION @extschema@.svg_document(text, text, text, integer, integer, text) IS 'an svg element with role img, a title and a description, sized width by height with a matching viewBox, around the drawing';

/* ---------------------------------------------------------------- charts */

/*
 * Horizontal bars, grouped: one row per label, one bar per series, each
 * with an optional target mark across it.  vals holds the values as a
 * two-dimensional array, labels by series (a one-dimensional array when
 * there is one series); targets the same shape or NULL.  A missing value
 * draws no bar (the data table beside the chart says why).  The value
 * axis starts at zero (bars compare lengths) and takes in every value and
 * target.  Long labels are shortened, in full in their tooltip; the label
 * equal to focus is emphasised.
 */
CREATE FUNCTION @extschema@.svg_bar_chart(id text, title text, description text, labels text[], series text[], vals numeric[],
										  targets numeric[] DEFAULT NULL, suffix text DEFAULT '', focus text DEFAULT NULL)
RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	width constant integer := 640;
	nlabels integer := coalesce(cardinality(labels), 0);
	nseries integer := coalesce(cardinality(series), 0);
	label_px numeric;
	x0 numeric;
	x1 constant numeric := width - 16;
	top_px numeric;
	bar numeric;
	band numeric;
	height integer;
	ticks numeric[];
	lo numeric;
	hi numeric;
	v numeric;
	t numeric;
	y numeric;
	name text;
	body text := '';
	i integer;
	j integer;
BEGIN
	IF nseries = 0 THEN
		RAISE EXCEPTION 'a bar chart needs at least one series'
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF nlabels = 0 THEN
		RETURN @extschema@.svg_document(id, title, description, width, 40,
			@extschema@.svg_text(width / 2, 24, 'No figures to show.', 'empty', 'middle'));
	END IF;
	vals := @extschema@.chart_matrix(vals, nlabels, nseries, 'values');
	targets := @extschema@.chart_matrix(targets, nlabels, nseries, 'targets');

	SELECT least(0, min(x)), greatest(0, max(x)) INTO lo, hi
	FROM (SELECT unnest(vals) UNION ALL SELECT unnest(targets)) AS u(x);
	ticks := @extschema@.nice_ticks(lo, hi, 6);

	label_px := least(212, 12 + 6.6 * (SELECT max(char_length(@extschema@.chart_label(l, 30))) FROM unnest(labels) AS l));
	x0 := label_px + 8;
	top_px := CASE WHEN nseries > 1 OR targets IS NOT NULL THEN 30 ELSE 8 END;
	bar := CASE WHEN nseries = 1 THEN 12 ELSE greatest(4, 18 / nseries) END;
	band := nseries * bar + 8;
	height := (top_px + nlabels * band + 26)::integer;

	IF top_px > 8 THEN
		body := body || @extschema@.svg_legend(x0, 16,
			series || CASE WHEN targets IS NOT NULL THEN ARRAY['target'] ELSE '{}' END,
			ARRAY(SELECT 's' || k FROM generate_series(1, nseries) AS k)
				|| CASE WHEN targets IS NOT NULL THEN ARRAY['target'] ELSE '{}' END);
	END IF;
	body := body || @extschema@.svg_axis(ticks, true, x0, x1, top_px - 4, top_px + nlabels * band, suffix);

	FOR i IN 1 .. nlabels LOOP
		y := top_px + (i - 1) * band + 4;
		name := coalesce(labels[i], '');
		body := body || '<text' || @extschema@.svg_class(CASE WHEN name = focus THEN 'label focus' ELSE 'label' END)
				|| ' x="' || @extschema@.svg_number(label_px) || '" y="' || @extschema@.svg_number(y + nseries * bar / 2 + 4)
				|| '" text-anchor="end">'
				|| CASE WHEN @extschema@.chart_label(name, 30) <> name THEN @extschema@.svg_tooltip(name) ELSE '' END
				|| @extschema@.html_escape(@extschema@.chart_label(name, 30)) || '</text>';
		FOR j IN 1 .. nseries LOOP
			v := vals[i][j];
			IF v IS NOT NULL THEN
				body := body || @extschema@.svg_rect(
					@extschema@.svg_scale(0, ticks[1], ticks[cardinality(ticks)], x0, x1), y + (j - 1) * bar,
					@extschema@.svg_scale(v, ticks[1], ticks[cardinality(ticks)], x0, x1)
						- @extschema@.svg_scale(0, ticks[1], ticks[cardinality(ticks)], x0, x1),
					bar - 1, 's' || j,
					name || ': ' || series[j] || ' ' || @extschema@.html_number(v) || coalesce(suffix, ''));
			END IF;
			t := targets[i][j];
			IF t IS NOT NULL THEN
				body := body || @extschema@.svg_line(
					@extschema@.svg_scale(t, ticks[1], ticks[cardinality(ticks)], x0, x1), y + (j - 1) * bar - 1.5,
					@extschema@.svg_scale(t, ticks[1], ticks[cardinality(ticks)], x0, x1), y + j * bar + 0.5,
					'target', name || ': ' || series[j] || ' target ' || @extschema@.html_number(t) || coalesce(suffix, ''));
			END IF;
		END LOOP;
	END LOOP;
	RETURN @extschema@.svg_document(id, title, description, width, height, body);
END
$$;
COMMENT ON FUNCTION @extschema@.svg_bar_chart(text, text, text, text[], text[], numeric[], numeric[], text, text) IS 'an SVG chart of horizontal bars: a row per label, a bar per series (values labels by series), optional target marks, a value axis from zero with nice ticks';

/*
 * A chart's values as a two-dimensional array, rows by columns: a
 * one-dimensional array is taken as one column when there is one, NULL or
 * empty stays NULL; any other shape is an error naming what was expected.
 */
CREATE FUNCTION @extschema@.chart_matrix(vals numeric[], nrows integer, ncolumns integer, what text) RETURNS numeric[]
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF vals IS NULL OR cardinality(vals) = 0 THEN
		RETURN NULL;
	END IF;
	IF array_ndims(vals) = 1 AND ncolumns = 1 AND array_length(vals, 1) = nrows AND array_lower(vals, 1) = 1 THEN
		RETURN ARRAY(SELECT ARRAY[v] FROM unnest(vals) WITH ORDINALITY AS u(v, k) ORDER BY k);
	END IF;
	IF array_ndims(vals) = 2 AND array_length(vals, 1) = nrows AND array_length(vals, 2) = ncolumns
	   AND array_lower(vals, 1) = 1 AND array_lower(vals, 2) = 1 THEN
		RETURN vals;
	END IF;
	RAISE EXCEPTION 'chart % must be an array of % by %', what, nrows, ncolumns
		USING ERRCODE = 'invalid_parameter_value',
			  DETAIL = format('Got an array of dimensions %s.', array_dims(vals));
END
$$;
COMMENT ON FUNCTION @extschema@.chart_matrix(numeric[], integer, integer, text) IS 'a chart''s values checked and shaped as rows by columns (a one-dimensional array is one column); NULL when empty';

/*
 * A label shortened to at most max_chars characters, ending in three dots
 * when cut (ASCII, like everything the extension's scripts write, so that
 * they install in a database of any encoding).
 */
CREATE FUNCTION @extschema@.chart_label(label text, max_chars integer) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT CASE WHEN char_length(coalesce(label, '')) <= max_chars THEN coalesce(label, '')
			ELSE rtrim(left(label, max_chars - 3)) || '...' END
$$;
COMMENT ON FUNCTION @extschema@.chart_label(text, integer) IS 'a label cut to at most max_chars characters, ending in three dots when cut';

/*
 * A scatter chart: a point for each (x, y) with both known, named in its
 * tooltip; the points marked true are drawn apart and named on the chart.
 * Reference lines across the plot at x_lines (vertical) and y_lines
 * (horizontal), each with its label (e.g. quartile boundaries, the county
 * rate).  Curves are drawn through (curve_x, curve_ys[k]) for each row k of
 * the two-dimensional curve_ys, e.g. a funnel plot's control limits; they
 * break where a value is missing.  The axes take in the points, the
 * reference lines and the curves, from zero when asked.
 */
CREATE FUNCTION @extschema@.svg_scatter_chart(id text, title text, description text,
											  xs numeric[], ys numeric[], names text[], marked boolean[] DEFAULT NULL,
											  x_title text DEFAULT '', y_title text DEFAULT '',
											  x_suffix text DEFAULT '', y_suffix text DEFAULT '',
											  x_from_zero boolean DEFAULT false, y_from_zero boolean DEFAULT false,
											  x_lines numeric[] DEFAULT NULL, x_line_labels text[] DEFAULT NULL,
											  y_lines numeric[] DEFAULT NULL, y_line_labels text[] DEFAULT NULL,
											  curve_x numeric[] DEFAULT NULL, curve_ys numeric[] DEFAULT NULL,
											  curve_labels text[] DEFAULT NULL)
RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	width constant integer := 640;
	height constant integer := 400;
	left_px constant numeric := 64;
	right_px constant numeric := width - 24;
	top_px constant numeric := 16;
	bottom_px constant numeric := height - 48;
	n integer := coalesce(cardinality(xs), 0);
	ncurves integer := 0;
	xt numeric[];
	yt numeric[];
	lo numeric;
	hi numeric;
	px numeric;
	py numeric;
	curve_px numeric[];
	curve_py numeric[];
	body text := '';
	i integer;
	k integer;
BEGIN
	IF n <> coalesce(cardinality(ys), 0) OR n <> coalesce(cardinality(names), 0)
	   OR (marked IS NOT NULL AND cardinality(marked) <> n) THEN
		RAISE EXCEPTION 'a scatter chart needs as many y values, names and marks as x values'
			USING ERRCODE = 'invalid_parameter_value',
				  DETAIL = format('Got %s x, %s y, %s names and %s marks.', n, coalesce(cardinality(ys), 0),
								  coalesce(cardinality(names), 0), coalesce(cardinality(marked), 0));
	END IF;
	IF coalesce(cardinality(x_lines), 0) <> coalesce(cardinality(x_line_labels), cardinality(x_lines), 0)
	   OR coalesce(cardinality(y_lines), 0) <> coalesce(cardinality(y_line_labels), cardinality(y_lines), 0) THEN
		RAISE EXCEPTION 'reference lines need one label each (or none)'
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF curve_ys IS NOT NULL AND cardinality(curve_ys) > 0 THEN
		IF array_ndims(curve_ys) = 1 THEN
			curve_ys := ARRAY[curve_ys];
		END IF;
		ncurves := array_length(curve_ys, 1);
		curve_ys := @extschema@.chart_matrix(curve_ys, ncurves, coalesce(cardinality(curve_x), 0), 'curves');
	END IF;

	PERFORM FROM unnest(xs, ys) AS p(x, y) WHERE p.x IS NOT NULL AND p.y IS NOT NULL;
	IF NOT FOUND THEN
		RETURN @extschema@.svg_document(id, title, description, width, 40,
			@extschema@.svg_text(width / 2, 24, 'No figures to show.', 'empty', 'middle'));
	END IF;

	SELECT min(x), max(x) INTO lo, hi
	FROM (SELECT p.x FROM unnest(xs, ys) AS p(x, y) WHERE p.y IS NOT NULL
		  UNION ALL SELECT unnest(x_lines) UNION ALL SELECT unnest(curve_x)) AS u(x);
	xt := @extschema@.nice_ticks(CASE WHEN x_from_zero THEN least(lo, 0) ELSE lo END, hi, 7);
	SELECT min(y), max(y) INTO lo, hi
	FROM (SELECT p.y FROM unnest(xs, ys) AS p(x, y) WHERE p.x IS NOT NULL
		  UNION ALL SELECT unnest(y_lines) UNION ALL SELECT unnest(curve_ys)) AS u(y);
	yt := @extschema@.nice_ticks(CASE WHEN y_from_zero THEN least(lo, 0) ELSE lo END, hi, 6);

	body := @extschema@.svg_axis(xt, true, left_px, right_px, top_px, bottom_px, x_suffix)
			|| @extschema@.svg_axis(yt, false, bottom_px, top_px, left_px, right_px, y_suffix)
			|| @extschema@.svg_text((left_px + right_px) / 2, height - 8, x_title, 'axis-title', 'middle')
			|| '<text class="axis-title" transform="rotate(-90)" x="' || @extschema@.svg_number(-(top_px + bottom_px) / 2)
			|| '" y="14" text-anchor="middle">' || @extschema@.html_escape(y_title) || '</text>';

	FOR i IN 1 .. coalesce(cardinality(x_lines), 0) LOOP
		CONTINUE WHEN x_lines[i] IS NULL;
		px := @extschema@.svg_scale(x_lines[i], xt[1], xt[cardinality(xt)], left_px, right_px);
		body := body || @extschema@.svg_line(px, top_px, px, bottom_px, 'ref', x_line_labels[i])
				|| @extschema@.svg_text(px + 3, top_px + 10, x_line_labels[i], 'ref-label');
	END LOOP;
	FOR i IN 1 .. coalesce(cardinality(y_lines), 0) LOOP
		CONTINUE WHEN y_lines[i] IS NULL;
		py := @extschema@.svg_scale(y_lines[i], yt[1], yt[cardinality(yt)], bottom_px, top_px);
		body := body || @extschema@.svg_line(left_px, py, right_px, py, 'ref', y_line_labels[i])
				|| @extschema@.svg_text(right_px - 2, py - 3, y_line_labels[i], 'ref-label', 'end');
	END LOOP;
	FOR k IN 1 .. ncurves LOOP
		curve_px := ARRAY(SELECT @extschema@.svg_scale(c, xt[1], xt[cardinality(xt)], left_px, right_px)
						  FROM unnest(curve_x) WITH ORDINALITY AS u(c, o) ORDER BY o);
		curve_py := ARRAY(SELECT @extschema@.svg_scale(curve_ys[k][o], yt[1], yt[cardinality(yt)], bottom_px, top_px)
						  FROM generate_series(1, cardinality(curve_x)) AS o ORDER BY o);
		body := body || '<g class="curve">' || @extschema@.svg_tooltip(curve_labels[k])
				|| @extschema@.svg_polyline(curve_px, curve_py, 'curve') || '</g>';
	END LOOP;

	-- unmarked points first, so that the marked ones are drawn on top
	FOR k IN 0 .. 1 LOOP
		FOR i IN 1 .. n LOOP
			CONTINUE WHEN xs[i] IS NULL OR ys[i] IS NULL OR coalesce(marked[i], false) <> (k = 1);
			px := @extschema@.svg_scale(xs[i], xt[1], xt[cardinality(xt)], left_px, right_px);
			py := @extschema@.svg_scale(ys[i], yt[1], yt[cardinality(yt)], bottom_px, top_px);
			body := body || @extschema@.svg_point(px, py, CASE WHEN k = 1 THEN 4.5 ELSE 3.5 END,
					CASE WHEN k = 1 THEN 'point marked' ELSE 'point' END,
					coalesce(names[i], '') || ': ' || @extschema@.html_number(xs[i]) || coalesce(x_suffix, '')
					|| ', ' || @extschema@.html_number(ys[i]) || coalesce(y_suffix, ''));
			IF k = 1 THEN
				body := body || @extschema@.svg_text(CASE WHEN px > right_px - 150 THEN px - 7 ELSE px + 7 END, py - 6,
						@extschema@.chart_label(names[i], 28), 'point-label',
						CASE WHEN px > right_px - 150 THEN 'end' ELSE 'start' END);
			END IF;
		END LOOP;
	END LOOP;
	RETURN @extschema@.svg_document(id, title, description, width, height, body);
END
$$;
COMMENT ON FUNCTION @extschema@.svg_scatter_chart(text, text, text, numeric[], numeric[], text[], boolean[], text, text, text, text, boolean, boolean, numeric[], text[], numeric[], text[], numeric[], numeric[], text[]) IS 'an SVG scatter chart: named points (marked ones named on the chart), labelled reference lines, optional curves (e.g. funnel limits), axes with nice ticks';

/*
 * A line chart: categories along x (evenly spaced, e.g. quarters), one
 * line per series (vals is series by categories), a marker at each known
 * value with its tooltip, lines broken where a value is missing, and the
 * category labels below.  The y axis starts at zero unless asked not to.
 */
CREATE FUNCTION @extschema@.svg_line_chart(id text, title text, description text, categories text[], series text[],
										   vals numeric[], suffix text DEFAULT '', y_from_zero boolean DEFAULT true)
RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	width constant integer := 640;
	height constant integer := 300;
	left_px constant numeric := 56;
	right_px constant numeric := width - 40;
	top_px constant numeric := 34;
	bottom_px constant numeric := height - 36;
	ncat integer := coalesce(cardinality(categories), 0);
	nseries integer := coalesce(cardinality(series), 0);
	yt numeric[];
	lo numeric;
	hi numeric;
	xs numeric[];
	ys numeric[];
	body text := '';
	i integer;
	j integer;
BEGIN
	IF nseries = 0 THEN
		RAISE EXCEPTION 'a line chart needs at least one series'
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF ncat = 0 OR NOT EXISTS (SELECT 1 FROM unnest(vals) AS v WHERE v IS NOT NULL) THEN
		RETURN @extschema@.svg_document(id, title, description, width, 40,
			@extschema@.svg_text(width / 2, 24, 'No figures to show.', 'empty', 'middle'));
	END IF;
	vals := @extschema@.chart_matrix(vals, nseries, ncat, 'values');

	SELECT min(v), max(v) INTO lo, hi FROM unnest(vals) AS v;
	yt := @extschema@.nice_ticks(CASE WHEN y_from_zero THEN least(lo, 0) ELSE lo END, hi, 6);
	xs := ARRAY(SELECT CASE WHEN ncat = 1 THEN (left_px + right_px) / 2
							ELSE left_px + 20 + (c - 1) * (right_px - left_px - 40) / (ncat - 1) END
				FROM generate_series(1, ncat) AS c ORDER BY c);

	body := @extschema@.svg_legend(left_px, 16, series, ARRAY(SELECT 's' || k FROM generate_series(1, nseries) AS k))
			|| @extschema@.svg_axis(yt, false, bottom_px, top_px, left_px, right_px, suffix);
	FOR i IN 1 .. ncat LOOP
		body := body || @extschema@.svg_text(xs[i], bottom_px + 16, @extschema@.chart_label(categories[i], 14), 'tick', 'middle');
	END LOOP;
	FOR j IN 1 .. nseries LOOP
		ys := ARRAY(SELECT @extschema@.svg_scale(vals[j][c], yt[1], yt[cardinality(yt)], bottom_px, top_px)
					FROM generate_series(1, ncat) AS c ORDER BY c);
		body := body || @extschema@.svg_polyline(xs, ys, 'line s' || j);
		FOR i IN 1 .. ncat LOOP
			CONTINUE WHEN ys[i] IS NULL;
			body := body || @extschema@.svg_point(xs[i], ys[i], 3, 'point s' || j,
					series[j] || ', ' || coalesce(categories[i], '') || ': ' || @extschema@.html_number(vals[j][i]) || coalesce(suffix, ''));
		END LOOP;
	END LOOP;
	RETURN @extschema@.svg_document(id, title, description, width, height, body);
END
$$;
COMMENT ON FUNCTION @extschema@.svg_line_chart(text, text, text, text[], text[], numeric[], text, boolean) IS 'an SVG line chart: evenly spaced categories, a line per series (values series by categories) broken where a value is missing, a marker and tooltip per value, a y axis with nice ticks';
