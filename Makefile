# surestart: PostgreSQL extension for Sure Start childrens centre reporting
#
#   make test    install missing Debian packages, build, install, run every test
#   make demo    the same set-up, then load the Norfolk demo and print its report
#                (KEEP=1: keep the demo database running; make demo-stop removes it)
#   make bench   the same set-up, then run the benchmarks in bench/
#   make bench-england  the same set-up, then the England-scale benchmark
#
# Both run as root on Debian 12 and use a throwaway cluster (pg_virtualenv).

EXTENSION  = surestart
EXTVERSION = 0.3.0
PGFILEDESC = "surestart - Sure Start childrens centre reporting"

MODULE_big = $(EXTENSION)
OBJS = \
	src/module.o \
	src/binary.o \
	src/settings.o \
	src/aggregate.o \
	src/ofsted_grade.o \
	src/target_groups.o \
	src/calendar.o \
	src/ofsted_rules.o \
	src/quartile.o \
	src/proportion.o \
	src/proportion_agg.o \
	src/contact_reach.o \
	src/contact_reach_merge.o \
	src/contact_reach_codec.o \
	src/rank_correlation.o \
	src/coverage.o \
	src/coverage_agg.o \
	src/figures.o \
	src/figures_read.o \
	src/funnel.o \
	src/disclosure.o \
	src/disclosure_audit.o \
	src/staging.o

# The install script is assembled from these parts, in this order.
SQL_PARTS = \
	src/sql/00_header.sql \
	src/sql/10_ofsted_grade.sql \
	src/sql/20_target_groups.sql \
	src/sql/25_rules.sql \
	src/sql/28_setting_check.sql \
	src/sql/30_reference.sql \
	src/sql/35_proportion.sql \
	src/sql/36_percent_of.sql \
	src/sql/40_data_model.sql \
	src/sql/45_access.sql \
	src/sql/46_council_rules.sql \
	src/sql/47_comparator.sql \
	src/sql/50_reach.sql \
	src/sql/55_coverage.sql \
	src/sql/56_threshold_aggregates.sql \
	src/sql/57_funnel.sql \
	src/sql/58_figures.sql \
	src/sql/59_geography.sql \
	src/sql/60_reach_views.sql \
	src/sql/62_coverage_views.sql \
	src/sql/65_report_views.sql \
	src/sql/67_funding_views.sql \
	src/sql/68_funnel_views.sql \
	src/sql/69_best_start_views.sql \
	src/sql/70_snapshot_tables.sql \
	src/sql/72_snapshot_views.sql \
	src/sql/75_staging.sql \
	src/sql/76_load_staged.sql \
	src/sql/77_import.sql \
	src/sql/78_performance_tables.sql \
	src/sql/79_comparator_import.sql \
	src/sql/79_import_geography.sql \
	src/sql/80_performance.sql \
	src/sql/85_support_levels.sql \
	src/sql/87_disclosure.sql \
	src/sql/88_published.sql \
	src/sql/89_protected_relations.sql \
	src/sql/90_security.sql \
	src/sql/91_roles.sql \
	src/sql/92_regional.sql \
	src/sql/94_charts.sql \
	src/sql/95_report.sql \
	src/sql/99_security_barrier.sql

# The current version's install script is built from the parts; released
# versions' scripts (install and upgrade) are frozen in released/ and
# never edited, so that the upgrade test can install the previous release,
# update it and compare it with a fresh install.
#
# The upgrade script from the last release is assembled: first the
# hand-written head (src/sql/upgrade/<from>--<to>/*.sql, in name order),
# which alters tables in place (a new column goes at the end in the install
# script too) and drops the view layer; then, in install-script order, the
# parts that are new in this version, verbatim, and the parts that are
# replayed, whose CREATE VIEW and CREATE FUNCTION become CREATE OR REPLACE;
# last, what must run once everything exists (.../after/*.sql).
# A replayed part may hold only views, functions, comments and idempotent
# statements (no tables, triggers, policies or types), so that objects are
# defined once, in their part.  scripts/check-parts enforces this and the
# rules for extension scripts (no CREATE OR REPLACE or IF NOT EXISTS in the
# install script, SET search_path on every SQL and PL/pgSQL function) on
# every part before the install script is built: a part that breaks one
# fails the build.
UPGRADE_FROM = 0.2.0
UPGRADE_HEAD = $(sort $(wildcard src/sql/upgrade/$(UPGRADE_FROM)--$(EXTVERSION)/*.sql))
UPGRADE_TAIL = $(sort $(wildcard src/sql/upgrade/$(UPGRADE_FROM)--$(EXTVERSION)/after/*.sql))
PARTS_NEW = \
	src/sql/36_percent_of.sql \
	src/sql/46_council_rules.sql \
	src/sql/47_comparator.sql \
	src/sql/56_threshold_aggregates.sql \
	src/sql/57_funnel.sql \
	src/sql/58_figures.sql \
	src/sql/87_disclosure.sql \
	src/sql/79_comparator_import.sql \
	src/sql/59_geography.sql \
	src/sql/69_best_start_views.sql \
	src/sql/79_import_geography.sql \
	src/sql/92_regional.sql \
	src/sql/94_charts.sql \
	src/sql/95_report.sql \
	src/sql/99_security_barrier.sql
PARTS_REPLAYED = \
	src/sql/28_setting_check.sql \
	src/sql/60_reach_views.sql \
	src/sql/62_coverage_views.sql \
	src/sql/65_report_views.sql \
	src/sql/67_funding_views.sql \
	src/sql/68_funnel_views.sql \
	src/sql/72_snapshot_views.sql \
	src/sql/76_load_staged.sql \
	src/sql/80_performance.sql \
	src/sql/85_support_levels.sql \
	src/sql/88_published.sql \
	src/sql/89_protected_relations.sql \
	src/sql/91_roles.sql
UPGRADE_PARTS = $(filter $(PARTS_NEW) $(PARTS_REPLAYED),$(SQL_PARTS))
UPGRADE_SCRIPT = $(EXTENSION)--$(UPGRADE_FROM)--$(EXTVERSION).sql
DATA_built = $(EXTENSION)--$(EXTVERSION).sql $(UPGRADE_SCRIPT)
DATA = $(wildcard released/$(EXTENSION)--*.sql)

# Every test lives under test/: pg_regress (test/regress: sql/, expected/),
# isolation (test/isolation: specs/, expected/), pgTAP (test/pgtap), the
# checks that need more than one session, database or program (test/checks),
# their fixtures (test/fixtures) and shared pieces (test/lib).  pg_regress
# writes its results and diffs to build/regress and build/isolation.

# pg_regress suite (test/regress), in this order.
REGRESS = \
	ofsted_grade \
	target_groups \
	calendar \
	rules \
	reference \
	proportion \
	proportion_agg \
	data_model \
	copy_binary \
	contact_reach \
	rank_correlation \
	reach_states \
	coverage \
	coverage_agg \
	reach_views \
	council_rules \
	fsp_ranking \
	comparator \
	geography \
	funnel \
	staging \
	import \
	performance \
	security \
	snapshots \
	report
REGRESS_OPTS = --inputdir=test/regress --outputdir=build/regress --load-extension=$(EXTENSION)

# isolation suite (test/isolation): concurrent take_snapshot and refresh calls.
ISOLATION = snapshot_concurrency refresh_concurrency
ISOLATION_OPTS = --inputdir=test/isolation --outputdir=build/isolation --load-extension=$(EXTENSION)

# pg_regress makes its output directory, but not the parents.
REGRESS_PREP = test-output-dirs
EXTRA_CLEAN = build/regress build/isolation

PG_CONFIG ?= /usr/lib/postgresql/15/bin/pg_config
PG_CFLAGS = -Wall -Wextra -Werror -Wno-unused-parameter -Wno-missing-field-initializers -Wno-sign-compare

# On a fresh machine the server headers (and so PGXS) may not be there yet:
# then only the targets that install them first can run.
PGXS := $(shell $(PG_CONFIG) --pgxs 2>/dev/null)
ifneq ($(wildcard $(PGXS)),)
include $(PGXS)

# PGXS does not track headers: an object built against an older struct
# layout crashes at run time, so any header change rebuilds every object.
$(OBJS): $(wildcard src/*.h)
else
all install installcheck:
	@echo "PostgreSQL 15 development files are missing: run 'make test' or scripts/deps" >&2; exit 1
endif

$(EXTENSION)--$(EXTVERSION).sql: $(SQL_PARTS) Makefile scripts/check-parts
	scripts/check-parts --replayed $(PARTS_REPLAYED) -- $(SQL_PARTS)
	cat $(SQL_PARTS) > $@

$(UPGRADE_SCRIPT): $(UPGRADE_HEAD) $(UPGRADE_PARTS) $(UPGRADE_TAIL) Makefile $(EXTENSION)--$(EXTVERSION).sql
	{ cat $(UPGRADE_HEAD); \
	  for part in $(UPGRADE_PARTS); do \
		case " $(PARTS_REPLAYED) " in \
		*" $$part "*) sed -E 's/^CREATE (VIEW|FUNCTION) /CREATE OR REPLACE \1 /' $$part ;; \
		*) cat $$part ;; \
		esac; \
	  done; \
	  cat $(UPGRADE_TAIL); } > $@

.PHONY: deps stage stage-test-lib test-output-dirs test-counts test demo demo-server demo-stop bench bench-england

# test/lib/surestart_test.c is a test-only C library that the reach_states
# regression test loads (by name, through dynamic_library_path) to feed
# hand-made serialised states to the aggregates' deserialise and combine
# functions.  It is built with the server's flags and copied into the staged
# install only; `make install` never installs it.
TEST_LIB = test/lib/surestart_test$(DLSUFFIX)
$(TEST_LIB): test/lib/surestart_test.c
	$(CC) $(CFLAGS) $(CFLAGS_SL) $(CPPFLAGS) -shared -o $@ $< $(LDFLAGS) $(LDFLAGS_SL)

deps:
	@scripts/deps

test-output-dirs:
	@mkdir -p build/regress build/isolation

# How many tests each pg_regress suite has (for scripts/test-in-cluster).
test-counts:
	@echo $(words $(REGRESS)) $(words $(ISOLATION))

# Tests and the demo use a staged install (build/stage) that their throwaway
# cluster loads through Debian's extension_destdir, so they never touch the
# system's PostgreSQL directories.  `make install` installs for real.
# Each step runs in a fresh make so that PGXS is read after deps installed it.
STAGE = $(CURDIR)/build/stage

stage:
	$(MAKE) --no-print-directory install DESTDIR=$(STAGE)
	$(MAKE) --no-print-directory stage-test-lib

stage-test-lib: $(TEST_LIB)
	$(INSTALL_SHLIB) $(TEST_LIB) '$(STAGE)$(pkglibdir)/'

test: deps
	$(MAKE) --no-print-directory stage
	scripts/test

# The demo writes demo-report/ (CSV, the HTML report and its PDF).  KEEP=1
# (or make demo-server) runs it in a cluster that stays up on port DEMO_PORT
# (default 55432) with login roles to explore it; make demo-stop removes it.
demo: deps
	$(MAKE) --no-print-directory stage
	KEEP=$(KEEP) scripts/demo

demo-server: deps
	$(MAKE) --no-print-directory stage
	KEEP=1 scripts/demo

demo-stop:
	scripts/demo-server stop

# Benchmarks (bench/*.sql) in a throwaway cluster; each prints ratios against
# plain SQL.  CPU-heavy: run on an otherwise quiet machine.
bench: deps
	$(MAKE) --no-print-directory stage
	bench/run

# The England-scale benchmark (bench/england/run, doc/performance.md):
# England-sized data generated in a throwaway cluster at PostgreSQL's default
# settings, then refresh, the headline views and take_snapshot timed against
# a hand-written GROUP BY.  About 15 minutes and 10 GB of disk.
bench-england: deps
	$(MAKE) --no-print-directory stage
	bench/england/run
