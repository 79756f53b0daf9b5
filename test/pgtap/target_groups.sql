-- pgTAP: the target_groups type's interface (signatures, return types,
-- volatility, strictness, operators, operator classes) and its errors
BEGIN;
SET search_path = surestart, public;
SELECT plan(129);

SELECT has_type('surestart', 'target_groups', 'type target_groups exists');

CREATE TEMP TABLE tg_functions (name name, args name[], returns text) ON COMMIT DROP;
INSERT INTO tg_functions VALUES
	('target_groups_in', '{cstring}', 'target_groups'),
	('target_groups_out', '{target_groups}', 'cstring'),
	('target_groups_recv', '{internal}', 'target_groups'),
	('target_groups_send', '{target_groups}', 'bytea'),
	('target_groups', '{text[]}', 'target_groups'),
	('to_array', '{target_groups}', 'text[]'),
	('cardinality', '{target_groups}', 'integer'),
	('target_groups_contains', '{target_groups,target_groups}', 'boolean'),
	('target_groups_contained', '{target_groups,target_groups}', 'boolean'),
	('target_groups_overlaps', '{target_groups,target_groups}', 'boolean'),
	('target_groups_union', '{target_groups,target_groups}', 'target_groups'),
	('target_groups_intersect', '{target_groups,target_groups}', 'target_groups'),
	('target_groups_minus', '{target_groups,target_groups}', 'target_groups'),
	('target_groups_eq', '{target_groups,target_groups}', 'boolean'),
	('target_groups_ne', '{target_groups,target_groups}', 'boolean'),
	('target_groups_lt', '{target_groups,target_groups}', 'boolean'),
	('target_groups_le', '{target_groups,target_groups}', 'boolean'),
	('target_groups_gt', '{target_groups,target_groups}', 'boolean'),
	('target_groups_ge', '{target_groups,target_groups}', 'boolean'),
	('target_groups_cmp', '{target_groups,target_groups}', 'integer'),
	('target_groups_hash', '{target_groups}', 'integer'),
	('target_groups_hash_extended', '{target_groups,bigint}', 'bigint');

-- 22 functions x 4 checks
SELECT has_function('surestart', name, args, format('function %s(%s) exists', name, array_to_string(args, ', ')))
FROM tg_functions ORDER BY name, args;
SELECT function_returns('surestart', name, args, returns, format('%s(%s) returns %s', name, array_to_string(args, ', '), returns))
FROM tg_functions ORDER BY name, args;
SELECT volatility_is('surestart', name, args, 'immutable', format('%s(%s) is immutable', name, array_to_string(args, ', ')))
FROM tg_functions ORDER BY name, args;
SELECT is_strict('surestart', name, args, format('%s(%s) is strict', name, array_to_string(args, ', ')))
FROM tg_functions ORDER BY name, args;

-- operators (12)
SELECT has_operator('target_groups', 'surestart', op, 'target_groups', returns, format('operator %s exists', op))
FROM (VALUES ('@>', 'boolean'), ('<@', 'boolean'), ('&&', 'boolean'), ('|', 'target_groups'),
	('&', 'target_groups'), ('-', 'target_groups'), ('=', 'boolean'), ('<>', 'boolean'),
	('#<#', 'boolean'), ('#<=#', 'boolean'), ('#>#', 'boolean'), ('#>=#', 'boolean')) AS o(op, returns)
ORDER BY op;

-- operator classes (2)
SELECT has_opclass('surestart', 'target_groups_ops', 'btree operator class exists');
SELECT has_opclass('surestart', 'target_groups_hash_ops', 'hash operator class exists');

-- every object has a comment (1)
SELECT is((SELECT count(*) FROM pg_proc AS p WHERE p.pronamespace = 'surestart'::regnamespace
	AND (p.proname LIKE 'target_groups%' OR p.proname IN ('to_array', 'cardinality'))
	AND obj_description(p.oid, 'pg_proc') IS NULL), 0::bigint, 'every target_groups function has a comment');

-- values (9)
SELECT is('{lone_parent,teenage_parent}'::target_groups::text, '{teenage_parent,lone_parent}', 'output in canonical order');
SELECT is('{ Father , FATHER }'::target_groups::text, '{father}', 'case and spaces ignored, duplicates collapse');
SELECT is(to_array('{local_16,father}'), ARRAY['father', 'local_16'], 'to_array in canonical order');
SELECT is(cardinality('{local_16,father,lone_parent}'::target_groups), 3, 'cardinality');
SELECT ok('{lone_parent,father}'::target_groups @> '{lone_parent}', '@> contains');
SELECT is('{lone_parent}'::target_groups | '{father}', '{lone_parent,father}'::target_groups, '| union');
SELECT is('{lone_parent,father}'::target_groups & '{father,local_1}', '{father}'::target_groups, '& intersection');
SELECT is('{lone_parent,father}'::target_groups - '{father}', '{lone_parent}'::target_groups, '- difference');
SELECT is(target_groups(ARRAY['father', 'lone_parent']), '{lone_parent,father}'::target_groups, 'constructor');

-- errors (16)
SELECT throws_ok($$SELECT 'lone_parent'::surestart.target_groups$$, '22P02',
	'invalid input syntax for type target_groups: "lone_parent"', 'a name without braces');
SELECT throws_ok($$SELECT ''::surestart.target_groups$$, '22P02',
	'invalid input syntax for type target_groups: ""', 'empty string');
SELECT throws_ok($$SELECT '{lone_parent'::surestart.target_groups$$, '22P02',
	'invalid input syntax for type target_groups: "{lone_parent"', 'missing closing brace');
SELECT throws_ok($$SELECT '{lone_parent,}'::surestart.target_groups$$, '22P02',
	'invalid input syntax for type target_groups: "{lone_parent,}"', 'empty element');
SELECT throws_ok($$SELECT '{lone_parent father}'::surestart.target_groups$$, '22P02',
	'invalid input syntax for type target_groups: "{lone_parent father}"', 'missing comma');
SELECT throws_ok($$SELECT '{lone_parent} x'::surestart.target_groups$$, '22P02',
	'invalid input syntax for type target_groups: "{lone_parent} x"', 'trailing junk');
SELECT throws_ok($$SELECT '{{lone_parent}}'::surestart.target_groups$$, '22P02',
	'invalid input syntax for type target_groups: "{{lone_parent}}"', 'nested braces');
SELECT throws_ok($$SELECT '{"lone_parent}'::surestart.target_groups$$, '22P02',
	'invalid input syntax for type target_groups: "{"lone_parent}"', 'unclosed quote');
SELECT throws_ok($$SELECT '{nobody}'::surestart.target_groups$$, '22P02',
	'invalid input syntax for type target_groups: "{nobody}"', 'unknown group');
SELECT throws_ok($$SELECT '{local_17}'::surestart.target_groups$$, '22P02',
	'invalid input syntax for type target_groups: "{local_17}"', 'local group beyond 16');
SELECT throws_ok($$SELECT '{local_0}'::surestart.target_groups$$, '22P02',
	'invalid input syntax for type target_groups: "{local_0}"', 'local group 0');
SELECT throws_ok($$SELECT surestart.target_groups(ARRAY['lone_parent', NULL])$$, '22004',
	'target group name must not be null', 'NULL element in constructor');
SELECT throws_ok($$SELECT surestart.target_groups(ARRAY['nobody'])$$, '22P02',
	'unknown target group "nobody"', 'unknown name in constructor');
SELECT throws_ok($$SELECT surestart.target_groups(ARRAY[''])$$, '22P02',
	'unknown target group ""', 'empty name in constructor');
SELECT throws_ok($$SELECT surestart.target_groups(ARRAY['{father}'])$$, '22P02',
	'unknown target group "{father}"', 'a literal is not a name');
SELECT throws_ok($$SELECT '{father}'::surestart.target_groups @> 'father'$$, '22P02',
	'invalid input syntax for type target_groups: "father"', 'bare name on the right of @>');

SELECT * FROM finish();
ROLLBACK;
