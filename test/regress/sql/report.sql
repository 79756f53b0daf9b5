-- report_html and the HTML and SVG functions it draws with: escaping,
-- numbers, nice ticks for awkward ranges, shapes, charts on empty data and
-- on one value, every error with its SQLSTATE; then the report itself on
-- the synthetic fixture, as an analyst, for one centre, and as a reader of
-- the published figures.  (test/checks/report-check renders a larger county in
-- Chromium and checks the HTML with tidy.)
\set ON_ERROR_ROLLBACK on
\set SHOW_CONTEXT never
\set VERBOSITY default
SET search_path = surestart, public;
CREATE TEMP VIEW svg_ns AS SELECT ARRAY[ARRAY['s', 'http://www.w3.org/2000/svg']] AS ns;

-- escaping: the five characters with a meaning in markup; NULL is empty, not NULL
SELECT html_escape('Meadow & Brook <North> "Hub" St Mary''s'), html_escape(NULL) = '' AS null_is_empty,
	   html_escape('&amp;') AS escaped_twice;

-- numbers as printed: thousands separated, own decimals kept, ASCII minus
SELECT v, html_number(v)
FROM unnest(ARRAY[0, 7, 999, 1000, 12345.6, -1234567.25, 100.0, 0.05, 1000000, NULL]::numeric[]) WITH ORDINALITY AS u(v, o)
ORDER BY o;

-- nice ticks: the ends cover the data, steps of 1, 2 or 5 times a power of ten, exact
SELECT low, high, nice_ticks(low, high) AS ticks
FROM (VALUES (0, 97), (0, 100), (0, 101), (0, 1), (3, 7), (-3, 7), (33.3, 66.7), (-0.5, 0.5),
			 (0.001, 0.0034), (1000000, 1000300), (12, 12.0001), (0, 0.3), (59.8, 93.8), (-250, -5)) AS r(low, high)
ORDER BY low, high;
-- one value: widened to take in zero (zero alone gives 0 to 1)
SELECT nice_ticks(0, 0), nice_ticks(5, 5), nice_ticks(-5, -5), nice_ticks(0.25, 0.25);
-- fewer or more ticks
SELECT nice_ticks(0, 100, 2) AS two, nice_ticks(0, 100, 3) AS three, nice_ticks(0, 100, 11) AS eleven;
SELECT nice_number(1000, false), nice_number(1001, false), nice_number(0.3, true), nice_number(7, true), nice_number(6.9, true);
-- errors: a missing end, a reversed range, too few ticks, not a number
SELECT nice_ticks(NULL, 1);
SELECT nice_ticks(0, NULL);
SELECT nice_ticks(5, 1);
SELECT nice_ticks(0, 1, 1);
SELECT nice_ticks(0, 1, 51);
SELECT nice_ticks('NaN', 1);
SELECT nice_ticks(0, 'Infinity');
SELECT nice_number(0, true);

-- scales: a linear map, reversed for a y axis; one value maps to the middle
SELECT svg_scale(50, 0, 100, 10, 210) AS mid, svg_scale(0, 0, 100, 300, 20) AS bottom, svg_scale(100, 0, 100, 300, 20) AS top,
	   svg_scale(1, 0, 3, 0, 100) AS third, svg_scale(7, 7, 7, 0, 100) AS one_value, svg_scale(NULL, 0, 1, 0, 1) AS missing;

-- shapes, with tooltips escaped
SELECT svg_rect(10, 20, 30.04, 5, 's1', 'Meadow & Brook: 61.2%');
SELECT svg_rect(50, 20, -30, -5);
SELECT svg_line(0, 0, 10.26, 5, 'grid');
SELECT svg_point(3, 4, 3.5, 'point marked', 'A <b>');
SELECT svg_text(1, 2, 'Meadow & Brook', 'label', 'end'), svg_text(1, 2, NULL);
SELECT svg_text(1, 2, 'x', NULL, 'left');
-- lines break where a value is missing; a lone point draws nothing
SELECT svg_polyline(ARRAY[1, 2, 3, 4, 5, 6], ARRAY[10, 20, NULL, 40, 50, NULL], 'line s1');
SELECT svg_polyline(ARRAY[1], ARRAY[10]) = '' AS lone_point, svg_polyline('{}', '{}') = '' AS empty,
	   svg_polyline(NULL, NULL) = '' AS null_arrays;
SELECT svg_polyline(ARRAY[1, 2], ARRAY[1]);
-- axes: a grid line and a label per tick, the first a solid line
SELECT svg_axis(ARRAY[0, 50, 100], true, 100, 300, 10, 200, '%');
SELECT svg_axis(ARRAY[0, 1000], false, 200, 0, 40, 300);
SELECT svg_axis(ARRAY[5], true, 0, 1, 0, 1);
SELECT svg_legend(10, 16, ARRAY['Seen', 'target'], ARRAY['s1', 'target']);

-- the chart element: role img, title and description first, escaped; a plain id
SELECT svg_document('c1', 'Reach & more', 'A <chart>', 100, 50, '<g/>');
SELECT svg_document('1c', 't', 'd', 10, 10, '');
SELECT svg_document('c"><script>', 't', 'd', 10, 10, '');
SELECT svg_document('c', 't', 'd', 0, 10, '');

-- tables: cells escaped, the first one a row header, classes per column, cell and row
SELECT html_table('Reach & more', ARRAY['Centre', 'Seen %'], ARRAY[['Meadow & Brook', '61.2'], ['<Hilltop>', NULL]],
				  ARRAY[NULL, 'num'], ARRAY[[NULL, 'rag-red'], [NULL, NULL]], ARRAY['county', NULL]);
SELECT html_table(NULL, ARRAY['Centre', 'Seen %'], NULL);
SELECT html_table('t', ARRAY['a', 'b'], ARRAY['x', 'y']);
SELECT html_table('t', ARRAY['a', 'b'], ARRAY[['x', 'y']], NULL, ARRAY[['c']]);
SELECT html_table('t', '{}', NULL);

-- bar charts: no data, one value, missing values, targets, a label to shorten and escape
SELECT svg_bar_chart('b0', 'Empty', 'No centres', '{}', ARRAY['Seen'], '{}');
SELECT svg_bar_chart('b1', 'One', 'One centre', ARRAY['Meadow & Brook'], ARRAY['Seen'], ARRAY[42.5], NULL, '%', 'Meadow & Brook');
SELECT length(c) AS chars, xml_is_well_formed_content(c) AS well_formed,
	   (xpath('count(//s:rect)', c::xml, (SELECT ns FROM svg_ns)))[1]::text AS bars,
	   (xpath('count(//s:line[@class="target"])', c::xml, (SELECT ns FROM svg_ns)))[1]::text AS target_marks,
	   (xpath('//s:text[@class="label"]/s:title/text()', c::xml, (SELECT ns FROM svg_ns)))[1]::text AS full_label,
	   (xpath('//s:svg/@viewBox', c::xml, (SELECT ns FROM svg_ns)))[1]::text AS view_box
FROM (SELECT svg_bar_chart('b2', 'Reach', 'Three centres', ARRAY['Bowthorpe, West Earlham and Costessey', 'B & B', 'C'],
						   ARRAY['Registered', 'Seen'], ARRAY[[93.8, 71.4], [NULL, 12], [NULL, NULL]]::numeric[],
						   ARRAY[[65, 50], [65, 50], [65, NULL]]::numeric[], '%') AS c) AS x;
-- every value missing: an axis from 0 to 1, no bar
SELECT (xpath('count(//s:rect)', c::xml, (SELECT ns FROM svg_ns)))[1]::text AS bars
FROM (SELECT svg_bar_chart('b3', 't', 'd', ARRAY['A', 'B'], ARRAY['Seen'], ARRAY[NULL, NULL]::numeric[]) AS c) AS x;
SELECT svg_bar_chart('b4', 't', 'd', ARRAY['A', 'B'], ARRAY['Seen', 'Sustained'], ARRAY[1, 2]);
SELECT svg_bar_chart('b5', 't', 'd', ARRAY['A'], '{}', ARRAY[1]);

-- scatter charts: no point, one point, marked points named, reference lines, curves
SELECT svg_scatter_chart('p0', 'Empty', 'No points', ARRAY[NULL]::numeric[], ARRAY[5]::numeric[], ARRAY['A']);
SELECT xml_is_well_formed_content(c) AS well_formed,
	   (xpath('count(//s:circle)', c::xml, (SELECT ns FROM svg_ns)))[1]::text AS points
FROM (SELECT svg_scatter_chart('p1', 'One', 'One point', ARRAY[120], ARRAY[61.2], ARRAY['Meadow & Brook']) AS c) AS x;
SELECT xml_is_well_formed_content(c) AS well_formed,
	   (xpath('count(//s:circle)', c::xml, (SELECT ns FROM svg_ns)))[1]::text AS points,
	   (xpath('//s:text[@class="point-label"]/text()', c::xml, (SELECT ns FROM svg_ns)))::text[] AS named,
	   (xpath('count(//s:line[@class="ref"])', c::xml, (SELECT ns FROM svg_ns)))[1]::text AS ref_lines,
	   (xpath('count(//s:polyline[@class="curve"])', c::xml, (SELECT ns FROM svg_ns)))[1]::text AS curves,
	   (xpath('//s:g[@class="curve"]/s:title/text()', c::xml, (SELECT ns FROM svg_ns)))::text[] AS curve_names
FROM (SELECT svg_scatter_chart('p2', 'Funnel', 'Rates by size', ARRAY[50, 100, 200, NULL], ARRAY[70, 80, 75, 90],
							   ARRAY['A & B', 'C', 'D', 'E'], ARRAY[true, false, true, true], 'Under-fives', 'Registered',
							   '', '%', true, false, ARRAY[100], ARRAY['median'], ARRAY[76.5], ARRAY['County 76.5%'],
							   ARRAY[50, 100, 150, 200], ARRAY[[60, 65, 68, NULL], [90, 85, 83, 82]],
							   ARRAY['lower limit', 'upper limit']) AS c) AS x;
SELECT svg_scatter_chart('p3', 't', 'd', ARRAY[1, 2], ARRAY[1], ARRAY['a', 'b']);
SELECT svg_scatter_chart('p4', 't', 'd', ARRAY[1], ARRAY[1], ARRAY['a'], y_lines => ARRAY[1, 2], y_line_labels => ARRAY['x']);
SELECT svg_scatter_chart('p5', 't', 'd', ARRAY[1], ARRAY[1], ARRAY['a'], curve_x => ARRAY[1, 2], curve_ys => ARRAY[[1, 2, 3]]);

-- line charts: no value, one category, a gap where a quarter is missing
SELECT svg_line_chart('l0', 'Empty', 'No quarters', '{}', ARRAY['Seen'], NULL);
SELECT xml_is_well_formed_content(c) AS well_formed,
	   (xpath('count(//s:circle)', c::xml, (SELECT ns FROM svg_ns)))[1]::text AS markers,
	   (xpath('count(//s:polyline)', c::xml, (SELECT ns FROM svg_ns)))[1]::text AS lines
FROM (SELECT svg_line_chart('l1', 'One', 'One quarter', ARRAY['2013-14 Q1'], ARRAY['Registered', 'Seen'], ARRAY[[60], [40]], '%') AS c) AS x;
SELECT (xpath('count(//s:circle)', c::xml, (SELECT ns FROM svg_ns)))[1]::text AS markers,
	   (xpath('//s:polyline/@points', c::xml, (SELECT ns FROM svg_ns)))::text[] AS lines
FROM (SELECT svg_line_chart('l2', 'Gap', 'Q3 missing', ARRAY['Q1', 'Q2', 'Q3', 'Q4'], ARRAY['Seen'],
							ARRAY[[40, 45, NULL, 50]], '%') AS c) AS x;
SELECT svg_line_chart('l3', 't', 'd', ARRAY['Q1', 'Q2'], ARRAY['Seen'], ARRAY[[1, 2, 3]]);

-- cells: a number, withheld, or nothing to show
SELECT report_cell(61.2), report_cell(NULL, 'true'), report_cell(NULL, 'primary'), report_cell(NULL, 'false'), report_cell(NULL);
SELECT report_rag('green'), report_rag('amber'), report_rag('red'), report_rag(NULL);

-- ---------------------------------------------------------------- the report
BEGIN;
\set ECHO none
\i test/fixtures/synthetic.sql
\set ECHO all
SELECT count(*) AS periods_stored FROM take_snapshot('2013-12-31');
SELECT count(*) AS periods_stored FROM take_snapshot('2014-03-31');
SELECT create_roles();
CREATE ROLE regress_report_reader IN ROLE surestart_reader;
CREATE ROLE regress_report_nobody;
GRANT USAGE ON SCHEMA surestart TO regress_report_nobody;
CREATE TEMP TABLE doc (who text PRIMARY KEY, html text);
GRANT SELECT, INSERT ON doc TO PUBLIC;
INSERT INTO doc SELECT 'analyst', report_html('2013-14');
INSERT INTO doc SELECT 'centre', report_html('2013-14 Q3', 'meadow');
SET ROLE regress_report_reader;
INSERT INTO doc SELECT 'reader', report_html('2013-14');
RESET ROLE;
CREATE TEMP VIEW page AS
SELECT who, html, substr(html, strpos(html, '<html'))::xml AS x,
	   ARRAY[ARRAY['h', 'http://www.w3.org/1999/xhtml'], ARRAY['s', 'http://www.w3.org/2000/svg']] AS ns
FROM doc;

-- one HTML5 document, well-formed (polyglot), self-contained: no script, no outside resource
SELECT who, left(html, 16) AS starts, xml_is_well_formed_document(substr(html, strpos(html, '<html'))) AS well_formed,
	   html ~* '<script' AS has_script, html ~* '(src|href)="(?!#)' AS links_out,
	   (SELECT array_agg(DISTINCT m[1] ORDER BY m[1]) FROM regexp_matches(html, 'https?://[^"'' <]*', 'g') AS m) AS urls,
	   html ~ 'Content-Security-Policy" content="default-src ''none''' AS csp
FROM doc ORDER BY who;
-- names with & are escaped everywhere
SELECT who, strpos(html, 'Meadow & Brook') AS raw_ampersand, strpos(html, 'Meadow &amp; Brook') > 0 AS escaped
FROM doc ORDER BY who;
-- the sections, and every chart an svg role=img with a title and a description, in a figure with its table
SELECT who, (xpath('/h:html/h:head/h:title/text()', x, ns))[1]::text AS title,
	   (xpath('//h:section/@id', x, ns))::text[] AS sections
FROM page ORDER BY who;
SELECT who, (xpath('//s:svg/@id', x, ns))::text[] AS charts,
	   (xpath('count(//s:svg[@role="img"][*[1][self::s:title] and *[2][self::s:desc]])', x, ns))[1]::text AS titled,
	   (xpath('count(//h:figure[.//s:svg][.//h:table])', x, ns))[1]::text AS figures_with_table,
	   (xpath('//s:svg[@id="chart-rate"]/s:title/text()', x, ns))[1]::text AS rate_title
FROM page ORDER BY who;
-- the headline table: the county, then each centre (the focus centre alone), with RAG for the analyst only
SELECT who, array_to_string((xpath('/*/*/text()', tr, ns))::text[], ' | ') AS headline_row
FROM page, unnest(xpath('//h:section[@id="headline"]//h:tbody/h:tr', x, ns)) WITH ORDINALITY AS r(tr, o)
ORDER BY who, o;
-- the reader's report says what is withheld and what is left out, and shows no withheld count:
-- Riverside registered 1 child and saw 1 (1 of 60 under-fives), withheld as [c]
SELECT (xpath('string(//h:p[@class="notice"])', x, ns))[1]::text AS notice FROM page WHERE who = 'reader';
SELECT who, array_to_string((xpath('/*/*/text()', tr, ns))::text[], ' | ') AS registration_row
FROM page, unnest(xpath('//h:section[@id="registration-rate"]//h:tbody/h:tr', x, ns)) WITH ORDINALITY AS r(tr, o)
WHERE who IN ('analyst', 'reader')
ORDER BY who, o;
SELECT who, (xpath('count(//s:svg[@id="chart-reach"]//s:rect)', x, ns))[1]::text AS bars,
	   (xpath('count(//s:svg[@id="chart-rate"]//s:circle)', x, ns))[1]::text AS points
FROM page ORDER BY who;
-- the trend from the stored quarters
SELECT who, array_to_string((xpath('/*/*/text()', tr, ns))::text[], ' | ') AS trend_row
FROM page, unnest(xpath('//h:section[@id="trend"]//h:tbody/h:tr', x, ns)) WITH ORDINALITY AS r(tr, o)
ORDER BY who, o;

-- errors: no period, a period that is not one, a period without figures, an unknown centre, no rights
SELECT report_html(NULL);
SELECT report_html('2013/14');
SELECT report_html('2020-21');
SELECT report_html('2013-14', 'atlantis');
SELECT report_html('2013-14', 'old_mill') IS NOT NULL AS closed_in_the_year;
SET ROLE regress_report_nobody;
SELECT report_html('2013-14');
RESET ROLE;
ROLLBACK;
