/*
 * module.c
 *		The surestart shared library's module header.
 *
 * Each type and concern has its own source file; this one only marks the
 * library as a PostgreSQL module.
 */
#include "postgres.h"

#include "fmgr.h"

PG_MODULE_MAGIC;
