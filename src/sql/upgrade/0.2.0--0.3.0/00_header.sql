/* surestart upgrade script: 0.2.0 to 0.3.0, assembled by the Makefile */

\echo Use "ALTER EXTENSION surestart UPDATE TO '0.3.0'" to load this file. \quit

-- This head (src/sql/upgrade/0.2.0--0.3.0/*.sql, in name order) changes
-- the objects 0.2.0 already has; the Makefile then appends the parts that
-- are new in 0.3.0 verbatim and replays the view parts.  Tables are altered
-- in place, never dropped.  scripts/upgrade-check proves that an updated
-- database matches a fresh install of 0.3.0 object by object and keeps its
-- data.
