/* src/sql/76_load_staged.sql: load_staged() and its checks (the staging tables are in 75_staging.sql) */

/* ---------------------------------------------------------------- checks */

CREATE FUNCTION @extschema@.is_valid_ofsted_grade(text) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.is_valid_ofsted_grade(text) IS
	'true when the text casts to ofsted_grade (a grade word, RI, Satisfactory or 1-4), false instead of an error';

/*
 * The names of the columns attnums of table rel, in the order given: what a
 * constraint's conkey or confkey lists, as load_staged_table reads it.
 */
CREATE FUNCTION @extschema@.constraint_column_names(rel regclass, attnums smallint[]) RETURNS text[]
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
	SELECT ARRAY(SELECT a.attname::text
				 FROM pg_catalog.unnest(attnums) WITH ORDINALITY AS k(attnum, ord)
				 JOIN pg_catalog.pg_attribute AS a ON a.attrelid = rel AND a.attnum = k.attnum
				 ORDER BY k.ord)
$fn$;
COMMENT ON FUNCTION @extschema@.constraint_column_names(regclass, smallint[]) IS
	'internal to load_staged(): names of the columns of a table with the given numbers (a constraint''s conkey or confkey), in that order; not for direct use';
REVOKE EXECUTE ON FUNCTION @extschema@.constraint_column_names(regclass, smallint[]) FROM PUBLIC;

/*
 * Check the rows of one staging table (already moved into
 * pg_temp.surestart_staged_<tbl> as (n, r jsonb) by load_staged, which
 * counted staged_rows rows out of staging) and upsert the valid ones into the
 * data table of the same name.
 *
 * The checks are read from the catalog, so they follow the data model: each
 * column's type (tested with regular expressions and range checks, so no
 * value raises an error), NOT NULL, every CHECK constraint (evaluated on the
 * typed values, the constraint's comment, or else its name, giving the words
 * of the reason), every foreign key (against the data table, which already
 * holds this load's valid rows of the tables loaded before), duplicate keys
 * within the batch (every copy is rejected, since nothing says which copy is
 * right) and other unique keys held by existing rows.  A row gets every
 * reason that applies, joined with "; ", so one round of fixes is enough.
 *
 * The valid rows are upserted in one statement.  If that statement still
 * fails (a trigger such as the reach-area overlap check, or a constraint the
 * checks above do not mirror), it is undone and the rows are upserted one by
 * one, each in its own subtransaction, and a row that fails gets the error
 * as its reason.  The rejected rows go to load_reject in staged order.  A
 * table whose columns are all key columns still upserts with DO UPDATE (of a
 * key column to itself), so that every row passed on counts in the insert's
 * row count, and the rows inserted or updated plus the rows written to
 * load_reject must be the rows moved out of staging.
 */
CREATE FUNCTION @extschema@.load_staged_table(tbl text, staged_rows bigint, OUT loaded bigint, OUT rejected bigint)
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
	target regclass := pg_catalog.to_regclass(pg_catalog.format('@extschema@.%I', tbl));
	staged text := pg_catalog.format('pg_temp.%I', 'surestart_staged_' || tbl);
	checked CONSTANT text := 'pg_temp.surestart_load_checked';
	col record;
	con record;
	x text;
	typed text;
	why text;
	conds text[];
	msgs text[];
	v_cols text[] := '{}';
	t_cols text[] := '{}';
	c_cols text[] := '{}';
	k_cols text[] := '{}';
	names text[] := '{}';
	shown jsonb := '{}';
	words text;
	i integer;
	nwhy integer := 0;
	arbiter text;
	arbiter_cols text[];
	arbiter_x text;
	arbiter_c text;
	update_cols text[] := '{}';
	key_list text;
	val_list text;
	part_list text;
	name_list text;
	cond text;
	sql text;
	insert_sql text;
	rowno bigint;
	upserted bigint;
	e_msg text;
	e_detail text;
	e_hint text;
BEGIN
	IF target IS NULL THEN
		RAISE EXCEPTION 'no data table surestart.% for staging table surestart_staging.%', tbl, tbl
			USING ERRCODE = 'undefined_table';
	END IF;

	/* Level 1 and 2: trimmed text, then typed values and type reasons. */
	FOR col IN
		SELECT a.attname::text AS name, a.atttypid AS typ, pg_catalog.format_type(a.atttypid, a.atttypmod) AS typname,
			   a.attnotnull AS notnull, pg_catalog.pg_get_expr(d.adbin, d.adrelid) AS def
		FROM pg_catalog.pg_attribute AS a
		LEFT JOIN pg_catalog.pg_attrdef AS d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
		WHERE a.attrelid = target AND a.attnum > 0 AND NOT a.attisdropped
		  AND EXISTS (SELECT 1 FROM pg_catalog.pg_attribute AS s
					  WHERE s.attrelid = pg_catalog.to_regclass(pg_catalog.format('surestart_staging.%I', tbl))
						AND s.attname = a.attname AND NOT s.attisdropped)
		ORDER BY a.attnum
	LOOP
		names := names || col.name;
		-- How a typed value is shown in a reason: dates always as YYYY-MM-DD.
		shown := shown || pg_catalog.jsonb_build_object(col.name,
			CASE WHEN col.typ = 'date'::regtype THEN 'pg_catalog.to_char(%s, ''YYYY-MM-DD'')' ELSE '%s::text' END);
		x := pg_catalog.format('v.%I', col.name);
		-- Spaces, tabs and line ends around a value are extract artefacts
		-- (padded columns, CRLF files): every value is trimmed, so that
		-- ' E01026500 ' finds its LSOA; a blank field counts as missing.
		v_cols := v_cols || pg_catalog.format(
			'nullif(pg_catalog.btrim(r ->> %1$L, E'' \t\r\n''), '''') AS %2$I', col.name, col.name);

		-- Conditions in order: each may assume the ones before it failed.
		IF col.typ = 'bigint'::regtype OR col.typ = 'integer'::regtype THEN
			conds := ARRAY[pg_catalog.format('%s !~ ''^[+-]?[0-9]+$''', x),
						   pg_catalog.format('%s::numeric NOT BETWEEN %s', x,
							   CASE WHEN col.typ = 'bigint'::regtype
									THEN '-9223372036854775808 AND 9223372036854775807'
									ELSE '-2147483648 AND 2147483647' END)];
			msgs := ARRAY['is not a whole number',
						  CASE WHEN col.typ = 'bigint'::regtype
							   THEN 'is out of range (expected a whole number of at most 19 digits)'
							   ELSE 'is out of range (expected a whole number from -2147483648 to 2147483647)' END];
		ELSIF col.typ = 'numeric'::regtype THEN
			conds := ARRAY[pg_catalog.format('%s !~ ''^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]{1,3})?$''', x)];
			msgs := ARRAY['is not a number (expected digits with an optional decimal point, e.g. 1234.50)'];
		ELSIF col.typ = 'date'::regtype THEN
			conds := ARRAY[pg_catalog.format('%s !~ ''^[0-9]{4}-[0-9]{2}-[0-9]{2}$''', x),
						   pg_catalog.format('substr(%1$s, 1, 4)::integer < 1 OR substr(%1$s, 6, 2)::integer NOT BETWEEN 1 AND 12', x),
						   pg_catalog.format('substr(%1$s, 9, 2)::integer NOT BETWEEN 1 AND extract(day FROM '
											 'make_date(substr(%1$s, 1, 4)::integer, substr(%1$s, 6, 2)::integer, 1) '
											 '+ interval ''1 month - 1 day'')', x)];
			msgs := ARRAY['is not a date (expected YYYY-MM-DD)',
						  'is not a date (expected YYYY-MM-DD)',
						  'is not a date (that month has no such day)'];
		ELSIF col.typ = 'boolean'::regtype THEN
			conds := ARRAY[pg_catalog.format('lower(%s) <> ALL (''{t,true,y,yes,on,1,f,false,n,no,off,0}''::text[])', x)];
			msgs := ARRAY['is not true or false (expected true/false, t/f, yes/no, y/n or 1/0)'];
		ELSIF col.typ = 'integer[]'::regtype THEN
			conds := ARRAY[pg_catalog.format('%s !~ ''^\{\s*([+-]?[0-9]{1,9}\s*(,\s*[+-]?[0-9]{1,9}\s*)*)?\}$''', x)];
			msgs := ARRAY['is not a list of whole numbers (expected e.g. {1,3} or {})'];
		ELSIF col.typ = '@extschema@.ofsted_grade'::regtype THEN
			conds := ARRAY[pg_catalog.format('NOT @extschema@.is_valid_ofsted_grade(%s)', x)];
			msgs := ARRAY['is not an Ofsted grade (expected Outstanding, Good, Requires improvement, Inadequate or 1-4)'];
		ELSIF col.typ = 'text'::regtype THEN
			conds := '{}';
			msgs := '{}';
		ELSE
			RAISE EXCEPTION 'load_staged cannot check column %.% of type %', tbl, col.name, col.typname
				USING ERRCODE = 'feature_not_supported';
		END IF;

		typed := pg_catalog.format('CASE WHEN %s IS NULL THEN %s', x,
								   CASE WHEN col.notnull AND col.def IS NOT NULL THEN col.def ELSE 'NULL' END);
		why := pg_catalog.format('CASE WHEN %s IS NULL THEN %s', x,
								 CASE WHEN col.notnull AND col.def IS NULL
									  THEN pg_catalog.quote_literal(col.name || ' is missing (a value is required)')
									  ELSE 'NULL' END);
		FOR i IN 1 .. coalesce(pg_catalog.array_length(conds, 1), 0) LOOP
			typed := typed || pg_catalog.format(' WHEN %s THEN NULL', conds[i]);
			why := why || pg_catalog.format(' WHEN %s THEN pg_catalog.format(''%%s %%L %%s'', %L, %s, %L)',
											conds[i], col.name, x, msgs[i]);
		END LOOP;
		typed := typed || pg_catalog.format(' ELSE %s::%s END AS %I', x, col.typname, col.name);
		nwhy := nwhy + 1;
		why := why || pg_catalog.format(' END AS __why_%s', nwhy);
		t_cols := t_cols || typed || why;
	END LOOP;

	/* Level 3: CHECK constraints on the typed values. */
	FOR con IN
		SELECT c.conname::text AS name, pg_catalog.pg_get_expr(c.conbin, c.conrelid) AS expr,
			   pg_catalog.obj_description(c.oid, 'pg_constraint') AS comment,
			   @extschema@.constraint_column_names(c.conrelid, c.conkey) AS cols
		FROM pg_catalog.pg_constraint AS c
		WHERE c.conrelid = target AND c.contype = 'c'
		ORDER BY c.conname
	LOOP
		IF pg_catalog.cardinality(con.cols) = 1 AND pg_catalog.starts_with(con.name, con.cols[1] || '_') THEN
			-- The words: a list of allowed values, written out, or the
			-- constraint's comment, or else its name ("sex_must_be_F_or_M":
			-- "sex 'Q' is not F or M").
			IF con.expr ~ '^\(*[a-z_]+ = ANY \(ARRAY\[[^]]*\]\)\)*$' THEN
				-- (sex = ANY (ARRAY['F'::text, 'M'::text])), (vintage = ANY (ARRAY[2011, 2021]))
				SELECT 'is not ' || pg_catalog.regexp_replace(
						   pg_catalog.string_agg(pg_catalog.regexp_replace(e, '^''(.*)''::.*$|^(.*)$', '\1\2'), ', ' ORDER BY o),
						   ', ([^,]*)$', ' or \1')
				INTO words
				FROM pg_catalog.unnest(pg_catalog.string_to_array(pg_catalog.substring(con.expr, 'ARRAY\[([^]]*)\]'), ', '))
					 WITH ORDINALITY AS u(e, o);
			ELSE
				words := coalesce(con.comment,
								  pg_catalog.replace(pg_catalog.substr(con.name, pg_catalog.length(con.cols[1]) + 2), '_', ' '));
			END IF;
			why := pg_catalog.format('pg_catalog.format(''%%s %%L %%s'', %L, %s, %L)', con.cols[1],
									 pg_catalog.format(shown ->> con.cols[1], pg_catalog.quote_ident(con.cols[1])), words);
		ELSE
			-- contract_must_end_on_or_after_its_start: "contract must end ... (starts_on '...', ends_on '...')"
			SELECT pg_catalog.string_agg(pg_catalog.format('pg_catalog.format(''%%s %%L'', %L, %s)', cn,
														   pg_catalog.format(shown ->> cn, pg_catalog.quote_ident(cn))), ', ' ORDER BY o)
			INTO val_list FROM pg_catalog.unnest(con.cols) WITH ORDINALITY AS u(cn, o);
			why := pg_catalog.format('pg_catalog.format(''%%s (%%s)'', %L, pg_catalog.concat_ws('', '', %s))',
									 pg_catalog.replace(con.name, '_', ' '), val_list);
		END IF;
		nwhy := nwhy + 1;
		c_cols := c_cols || pg_catalog.format('CASE WHEN NOT coalesce((%s), true) THEN %s END AS __why_%s', con.expr, why, nwhy);
	END LOOP;

	/*
	 * Level 4: foreign keys.  Every parent is a data table that load_staged
	 * stages too (all before any is checked), so its temporary copy tells
	 * whether a missing parent was staged in this load and rejected.
	 */
	FOR con IN
		SELECT c.confrelid::regclass AS parent, p.relname::text AS parent_name,
			   @extschema@.constraint_column_names(c.conrelid, c.conkey) AS cols,
			   @extschema@.constraint_column_names(c.confrelid, c.confkey) AS refcols
		FROM pg_catalog.pg_constraint AS c
		JOIN pg_catalog.pg_class AS p ON p.oid = c.confrelid
		WHERE c.conrelid = target AND c.contype = 'f'
		ORDER BY c.conname
	LOOP
		SELECT pg_catalog.string_agg(pg_catalog.format('c.%I IS NOT NULL', cn), ' AND '),
			   pg_catalog.string_agg(pg_catalog.format('p.%I = c.%I', con.refcols[o], cn), ' AND ')
		INTO cond, sql
		FROM pg_catalog.unnest(con.cols) WITH ORDINALITY AS u(cn, o);
		IF pg_catalog.cardinality(con.cols) = 1 THEN
			why := pg_catalog.format('pg_catalog.format(''%%s %%L does not exist'', %L, %s)', con.parent_name,
									 pg_catalog.format(shown ->> con.cols[1], pg_catalog.format('c.%I', con.cols[1])))
				|| pg_catalog.format(
					' || CASE WHEN EXISTS (SELECT 1 FROM pg_temp.%I AS s WHERE pg_catalog.btrim(s.r ->> %L, E'' \t\r\n'') = c.%I::text)'
					' THEN '' (it was staged in this load but rejected)'' ELSE '''' END',
					'surestart_staged_' || con.parent_name, con.refcols[1], con.cols[1]);
		ELSE
			SELECT pg_catalog.string_agg(pg_catalog.format(shown ->> cn, pg_catalog.format('c.%I', cn)), ', ' ORDER BY o) INTO val_list
			FROM pg_catalog.unnest(con.cols) WITH ORDINALITY AS u(cn, o);
			why := pg_catalog.format('pg_catalog.format(''%%s (%%s) = (%%s) does not exist'', %L, %L, pg_catalog.concat_ws('', '', %s))',
									 con.parent_name, pg_catalog.array_to_string(con.cols, ', '), val_list);
		END IF;
		nwhy := nwhy + 1;
		k_cols := k_cols || pg_catalog.format('CASE WHEN %s AND NOT EXISTS (SELECT 1 FROM %s AS p WHERE %s) THEN %s END AS __why_%s',
											  cond, con.parent, sql, why, nwhy);
	END LOOP;

	/* Level 4: unique keys, the primary key (or the first unique key) being the upsert key. */
	FOR con IN
		SELECT c.conname::text AS name, i.indnullsnotdistinct AS nulls_equal,
			   @extschema@.constraint_column_names(c.conrelid, c.conkey) AS cols
		FROM pg_catalog.pg_constraint AS c
		JOIN pg_catalog.pg_index AS i ON i.indexrelid = c.conindid
		WHERE c.conrelid = target AND c.contype IN ('p', 'u')
		ORDER BY c.contype = 'p' DESC, c.conname
	LOOP
		key_list := pg_catalog.array_to_string(con.cols, ', ');
		SELECT pg_catalog.string_agg(pg_catalog.format('coalesce(%s, ''NULL'')',
													   pg_catalog.format(shown ->> cn, pg_catalog.format('c.%I', cn))), ', ' ORDER BY o),
			   coalesce(pg_catalog.string_agg(pg_catalog.format('c.%I IS NOT NULL', cn), ' AND '), 'true'),
			   pg_catalog.string_agg(pg_catalog.format('c.%I', cn), ', ')
		INTO val_list, cond, part_list
		FROM pg_catalog.unnest(con.cols) WITH ORDINALITY AS u(cn, o);
		IF con.nulls_equal THEN
			cond := 'true';
		END IF;
		nwhy := nwhy + 1;
		k_cols := k_cols || pg_catalog.format(
			'CASE WHEN %1$s AND pg_catalog.count(*) OVER (PARTITION BY %2$s) > 1 THEN '
			'pg_catalog.format(''duplicate key (%%s) = (%%s) staged %%s times'', %3$L, pg_catalog.concat_ws('', '', %4$s), '
			'pg_catalog.count(*) OVER (PARTITION BY %2$s)) END AS __why_%5$s',
			cond, part_list, key_list, val_list, nwhy);
		IF arbiter IS NULL THEN
			arbiter := con.name;
			arbiter_cols := con.cols;
			SELECT pg_catalog.string_agg(pg_catalog.format('x.%I', cn), ', '), pg_catalog.string_agg(pg_catalog.format('c.%I', cn), ', ')
			INTO arbiter_x, arbiter_c
			FROM pg_catalog.unnest(arbiter_cols) AS cn;
		ELSE
			-- Another unique key: refuse a value an existing row with another key holds.
			SELECT pg_catalog.string_agg(pg_catalog.format('x.%I IS NOT DISTINCT FROM c.%I', cn, cn), ' AND ')
			INTO sql FROM pg_catalog.unnest(con.cols) AS cn;
			nwhy := nwhy + 1;
			k_cols := k_cols || pg_catalog.format(
				'CASE WHEN %s AND EXISTS (SELECT 1 FROM %s AS x WHERE %s AND (%s) IS DISTINCT FROM (%s)) THEN '
				'pg_catalog.format(''%%s %%s is already used by another %%s'', %L, pg_catalog.quote_literal(pg_catalog.concat_ws('', '', %s)), %L) END AS __why_%s',
				cond, target, sql, arbiter_x, arbiter_c, key_list, val_list, tbl, nwhy);
		END IF;
	END LOOP;
	IF arbiter IS NULL THEN
		RAISE EXCEPTION 'data table surestart.% has no key to load by', tbl
			USING ERRCODE = 'feature_not_supported';
	END IF;

	SELECT pg_catalog.string_agg(pg_catalog.format('%I', nm), ', ') INTO name_list FROM pg_catalog.unnest(names) AS nm;
	sql := pg_catalog.format(
		'CREATE TEMP TABLE surestart_load_checked AS '
		'SELECT k.__n, k.__r, %s, nullif(pg_catalog.concat_ws(''; '', %s), '''') AS __reason FROM ('
		' SELECT c.*%s FROM ('
		'  SELECT t.*%s FROM ('
		'   SELECT v.__n, v.__r, %s FROM ('
		'    SELECT n AS __n, r AS __r, %s FROM %s'
		'   ) AS v'
		'  ) AS t'
		' ) AS c'
		') AS k',
		(SELECT pg_catalog.string_agg(pg_catalog.format('k.%I', nm), ', ') FROM pg_catalog.unnest(names) AS nm),
		(SELECT pg_catalog.string_agg(pg_catalog.format('k.__why_%s', n), ', ') FROM pg_catalog.generate_series(1, nwhy) AS n),
		(SELECT coalesce(pg_catalog.string_agg(', ' || kc, ''), '') FROM pg_catalog.unnest(k_cols) AS kc),
		(SELECT coalesce(pg_catalog.string_agg(', ' || cc, ''), '') FROM pg_catalog.unnest(c_cols) AS cc),
		pg_catalog.array_to_string(t_cols, ', '),
		pg_catalog.array_to_string(v_cols, ', '),
		staged);
	EXECUTE sql;

	/*
	 * Upsert the valid rows by key, all at once, or one by one if that
	 * fails.  Without a column to update, a key column is set to itself, so
	 * that a row already there counts as loaded like any other.
	 */
	SELECT pg_catalog.array_agg(pg_catalog.format('%I = EXCLUDED.%I', nm, nm))
	INTO update_cols
	FROM pg_catalog.unnest(names) AS nm
	WHERE nm <> ALL (arbiter_cols);
	insert_sql := pg_catalog.format(
		'INSERT INTO %1$s AS x (%2$s) SELECT %2$s FROM %3$s WHERE __reason IS NULL %%s ORDER BY __n ON CONFLICT ON CONSTRAINT %4$I DO UPDATE SET %5$s',
		target, name_list, checked, arbiter,
		coalesce(pg_catalog.array_to_string(update_cols, ', '), pg_catalog.format('%1$I = EXCLUDED.%1$I', arbiter_cols[1])));
	BEGIN
		EXECUTE pg_catalog.format(insert_sql, '');
		GET DIAGNOSTICS loaded = ROW_COUNT;
	EXCEPTION WHEN OTHERS THEN
		loaded := 0;
		FOR rowno IN EXECUTE pg_catalog.format('SELECT __n FROM %s WHERE __reason IS NULL ORDER BY __n', checked) LOOP
			BEGIN
				EXECUTE pg_catalog.format(insert_sql, 'AND __n = $1') USING rowno;
				GET DIAGNOSTICS upserted = ROW_COUNT;
				loaded := loaded + upserted;
			EXCEPTION WHEN OTHERS THEN
				GET STACKED DIAGNOSTICS e_msg = MESSAGE_TEXT, e_detail = PG_EXCEPTION_DETAIL, e_hint = PG_EXCEPTION_HINT;
				EXECUTE pg_catalog.format('UPDATE %s SET __reason = $2 WHERE __n = $1', checked)
					USING rowno, pg_catalog.concat_ws(' ', e_msg || '.', nullif(e_detail, ''), nullif(e_hint, ''));
			END;
		END LOOP;
	END;

	EXECUTE pg_catalog.format(
		'INSERT INTO @extschema@.load_reject (table_name, row_data, reason) '
		'SELECT $1, __r, __reason FROM %s WHERE __reason IS NOT NULL ORDER BY __n', checked)
		USING tbl;
	GET DIAGNOSTICS rejected = ROW_COUNT;
	EXECUTE pg_catalog.format('DROP TABLE %s', checked);

	-- Never lose a row: every row moved out of staging was loaded or rejected.
	IF loaded + rejected <> staged_rows THEN
		RAISE EXCEPTION 'load_staged lost rows of %: % staged, % loaded, % rejected', tbl, staged_rows, loaded, rejected
			USING ERRCODE = 'internal_error';
	END IF;
END
$fn$;
COMMENT ON FUNCTION @extschema@.load_staged_table(text, bigint) IS
	'internal to load_staged(): checks the rows of one staging table and upserts the valid ones; not for direct use';
REVOKE EXECUTE ON FUNCTION @extschema@.load_staged_table(text, bigint) FROM PUBLIC;

/*
 * Load everything staged: lock the staging tables (so no row can be staged
 * while they are read and emptied), move their rows into temporary copies
 * with DELETE ... RETURNING (so exactly the rows read are the rows removed),
 * then check and upsert table by table in foreign-key order, so that a row
 * may refer to a row staged in the same call; last, bring the stored
 * figures up to date (refresh()) for the periods the load touched, in the
 * same transaction.  One row per data table comes back, in load order,
 * zeros included.
 *
 * SECURITY DEFINER because the loading role (surestart_loader) may write
 * only the staging tables and call this function: it reads and upserts the
 * data tables and writes load_reject with the owner's rights, and row-level
 * security on the data tables does not hide rows from the owner, so a
 * reference to a row a loader may not see still loads.  The search_path is
 * pinned and every name qualified, and EXECUTE is revoked from PUBLIC: only
 * roles granted it may load.
 */
CREATE FUNCTION @extschema@.load_staged()
RETURNS TABLE (table_name text, loaded bigint, rejected bigint)
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
	load_order CONSTANT text[] := ARRAY[
		'lead_partner', 'contract', 'lot', 'centre', 'lsoa',
		'lsoa_deprivation', 'lsoa11_lsoa21', 'lsoa_ward', 'centre_site', 'reach_area', 'population',
		'family', 'carer', 'child', 'registration', 'contact', 'social_care', 'eyfs_result',
		'ofsted_inspection', 'inspected_centre', 'centre_rag', 'two_year_place',
		'three_four_funding', 'building_fund', 'centre_target', 'board_meeting', 'comparator'];
	tbl text;
	moved bigint[] := '{}';
	n bigint;
	i integer;
BEGIN
	FOREACH tbl IN ARRAY load_order LOOP
		EXECUTE pg_catalog.format('LOCK TABLE surestart_staging.%I IN EXCLUSIVE MODE', tbl);
	END LOOP;
	FOREACH tbl IN ARRAY load_order LOOP
		EXECUTE pg_catalog.format('CREATE TEMP TABLE %I (n bigint, r jsonb)', 'surestart_staged_' || tbl);
		EXECUTE pg_catalog.format(
			'WITH d AS (DELETE FROM surestart_staging.%I RETURNING *) '
			'INSERT INTO pg_temp.%I (n, r) SELECT pg_catalog.row_number() OVER (), pg_catalog.to_jsonb(d) FROM d',
			tbl, 'surestart_staged_' || tbl);
		GET DIAGNOSTICS n = ROW_COUNT;
		moved := moved || n;
	END LOOP;
	FOR i IN 1 .. pg_catalog.cardinality(load_order) LOOP
		RETURN QUERY SELECT load_order[i], s.loaded, s.rejected FROM @extschema@.load_staged_table(load_order[i], moved[i]) AS s;
	END LOOP;
	FOREACH tbl IN ARRAY load_order LOOP
		EXECUTE pg_catalog.format('DROP TABLE pg_temp.%I', 'surestart_staged_' || tbl);
	END LOOP;
	-- the periods the loaded rows touched are noted by the tables' triggers
	PERFORM @extschema@.refresh();
END
$fn$;
COMMENT ON FUNCTION @extschema@.load_staged() IS
	'checks every row staged in surestart_staging, upserts the valid ones by key in foreign-key order, writes the others to load_reject with the reason, empties staging, then refreshes the stored figures; returns (table_name, loaded, rejected) per data table';
REVOKE EXECUTE ON FUNCTION @extschema@.load_staged() FROM PUBLIC;
