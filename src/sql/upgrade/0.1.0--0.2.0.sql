/* surestart upgrade script: 0.1.0 to 0.2.0, assembled by the Makefile */

\echo Use "ALTER EXTENSION surestart UPDATE TO '0.2.0'" to load this file. \quit

-- This head holds the changes to objects 0.1.0 already has; the Makefile
-- appends the parts that are new in 0.2.0 (PARTS_NEW_IN_0_2_0) verbatim.
-- Rules (ENGINEERING.md 9.4): changed bodies of objects the extension owns
-- use CREATE OR REPLACE; tables are altered in place, never dropped, and a
-- new column goes at the end in the install script too.  scripts/upgrade-check
-- proves that an updated database matches a fresh install of 0.2.0 object
-- by object and keeps its data.
