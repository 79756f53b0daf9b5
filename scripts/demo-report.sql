-- The demo report: printed, and written as CSV under demo-report/.
\pset footer off
\echo
\echo 'surestart demo: Norfolk County Council childrens centres, 2014'
\echo 'Centres, lots, lead partners, contracts and Ofsted inspections are the published'
\echo 'figures of the council''s March 2014 annual report; LSOAs, deprivation and'
\echo 'under-five populations are ONS and MHCLG statistics (see data/README.md).'
\echo

CREATE TEMP VIEW centre_overview AS
SELECT c.centre_id,
	   c.name AS centre,
	   lp.name AS lead_partner,
	   c.lot_id AS lot,
	   l.annual_value AS lot_annual_value,
	   latest.inspected_on AS last_inspected,
	   CASE WHEN latest.inspection_id IS NULL THEN 'not yet inspected'
			WHEN latest.overall IS NULL THEN 'grade not recorded'
			ELSE latest.overall::text END AS latest_grade
FROM surestart.centre AS c
JOIN surestart.lot AS l USING (lot_id)
JOIN surestart.lead_partner AS lp ON lp.lead_partner_id = l.lead_partner_id
LEFT JOIN LATERAL (
	SELECT i.inspection_id, i.inspected_on, i.overall
	FROM surestart.inspected_centre AS ic
	JOIN surestart.ofsted_inspection AS i USING (inspection_id)
	WHERE ic.centre_id = c.centre_id AND i.status = 'inspected'
	ORDER BY i.inspected_on DESC
	LIMIT 1) AS latest ON true
ORDER BY c.name;

\echo 'Centres, their lead partner, lot value and latest Ofsted grade'
SELECT centre, lead_partner, lot, to_char(lot_annual_value, 'FM999,999,990') AS "annual value (£)",
	   last_inspected, latest_grade
FROM centre_overview;
\copy (SELECT * FROM centre_overview) TO 'demo-report/centres.csv' WITH (FORMAT csv, HEADER)

\echo
\echo 'Lead partners'
CREATE TEMP VIEW partner_overview AS
SELECT lp.name AS lead_partner, lp.sector,
	   count(DISTINCT l.lot_id) AS lots,
	   count(c.centre_id) AS centres,
	   (SELECT sum(annual_value) FROM surestart.lot WHERE lead_partner_id = lp.lead_partner_id) AS annual_value
FROM surestart.lead_partner AS lp
JOIN surestart.lot AS l USING (lead_partner_id)
JOIN surestart.centre AS c USING (lot_id)
GROUP BY lp.lead_partner_id, lp.name, lp.sector
ORDER BY annual_value DESC, lead_partner;
SELECT lead_partner, sector, lots, centres, to_char(annual_value, 'FM999,999,990') AS "annual value (£)"
FROM partner_overview;
\copy (SELECT * FROM partner_overview) TO 'demo-report/lead_partners.csv' WITH (FORMAT csv, HEADER)

\echo
\echo 'Latest Ofsted grades'
SELECT latest_grade, count(*) AS centres
FROM centre_overview
GROUP BY latest_grade
ORDER BY CASE latest_grade WHEN 'not yet inspected' THEN 6 WHEN 'grade not recorded' THEN 5
		 ELSE latest_grade::surestart.ofsted_grade::integer END;
SELECT (SELECT count(*) FROM surestart.centre) AS centres,
	   count(*) AS lots,
	   to_char(sum(annual_value), 'FM999,999,990.00') AS "total annual value (£)"
FROM surestart.lot;
\echo 'CSV copies of these tables are in demo-report/.'
