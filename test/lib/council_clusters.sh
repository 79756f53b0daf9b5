# test/lib/council_clusters.sh: throwaway council clusters on loopback for
# scripts/regional-check and bench/regional/run (sourced, bash).  Run inside
# a cluster of scripts/cluster: the councils load surestart from the same
# staged install (its extension_destdir and dynamic_library_path).
#   council_clusters_init        a directory for them ($council_dir), removed by
#                                council_clusters_cleanup (set a trap)
#   council_start N [-c guc=v]   initdb (the first time) and start council N
#                                on a free loopback port (${council_port[N]})
#   council_stop N               stop council N (fast)
#   council_psql N [psql args]   psql as the superuser into council N's database
#                                "council" (council_start creates it)
council_bindir=/usr/lib/postgresql/15/bin
council_dir=""
council_port=()
council_as_owner=()

council_clusters_init() {
	council_destdir=$(psql -X -At -d postgres -c 'SHOW extension_destdir')
	council_libpath=$(psql -X -At -d postgres -c 'SHOW dynamic_library_path')
	council_dir=$(mktemp -d /tmp/surestart-councils.XXXXXX)
	chmod 755 "$council_dir"
	if [ "$(id -u)" -eq 0 ]; then
		chown postgres: "$council_dir"
		council_as_owner=(runuser -u postgres --)
	fi
}

council_clusters_cleanup() {
	local d
	[ -n "$council_dir" ] || return 0
	for d in "$council_dir"/c*/; do
		[ -f "$d/postmaster.pid" ] && "${council_as_owner[@]}" "$council_bindir/pg_ctl" -D "$d" -m immediate stop >/dev/null 2>&1
	done
	rm -rf "$council_dir"
}

council_start() {
	local n=$1 extra=""
	shift
	[ $# -gt 0 ] && extra=" $*"
	if [ ! -d "$council_dir/c$n" ]; then
		council_port[$n]=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
		"${council_as_owner[@]}" "$council_bindir/initdb" -D "$council_dir/c$n" -U postgres -A trust \
			--locale=C.UTF-8 -E UTF8 >"$council_dir/initdb$n.log" 2>&1 || { cat "$council_dir/initdb$n.log"; return 1; }
	fi
	"${council_as_owner[@]}" "$council_bindir/pg_ctl" -D "$council_dir/c$n" -l "$council_dir/c$n.log" -w -t 60 \
		-o "-p ${council_port[$n]} -k $council_dir -c listen_addresses=127.0.0.1 -c extension_destdir=$council_destdir -c dynamic_library_path=$council_libpath -c jit=off$extra" \
		start >/dev/null || { cat "$council_dir/c$n.log"; return 1; }
	if ! psql -X -At -h "$council_dir" -p "${council_port[$n]}" -U postgres -d postgres \
			-c "SELECT 1 FROM pg_database WHERE datname = 'council'" | grep -q 1; then
		createdb -h "$council_dir" -p "${council_port[$n]}" -U postgres council
	fi
}

council_stop() {
	"${council_as_owner[@]}" "$council_bindir/pg_ctl" -D "$council_dir/c$1" -m fast -w stop >/dev/null
}

council_psql() {
	local n=$1
	shift
	psql -X -q -v ON_ERROR_STOP=1 -h "$council_dir" -p "${council_port[$n]}" -U postgres -d council "$@"
}
