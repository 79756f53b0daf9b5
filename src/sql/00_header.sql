/* surestart install script: assembled by the Makefile from src/sql/NN_*.sql */

\echo Use "CREATE EXTENSION surestart" to load this file. \quit

COMMENT ON SCHEMA surestart IS 'Sure Start childrens centre performance reporting (the surestart extension)';
