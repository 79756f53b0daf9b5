/* surestart upgrade script: 0.1.0 to 0.2.0 */

\echo Use "ALTER EXTENSION surestart UPDATE TO '0.2.0'" to load this file. \quit

-- Rules for this file (ENGINEERING.md 9.4): new objects are created with a
-- plain CREATE, exactly as the install script creates them; changed bodies of
-- objects the extension already owns use CREATE OR REPLACE; tables are
-- altered in place, never dropped, and new columns go at the end in the
-- install script too.  scripts/upgrade-check proves that an updated
-- database matches a fresh install of 0.2.0 object by object and keeps its
-- data.
