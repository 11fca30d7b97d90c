#!/usr/bin/env bash
# postgres.sh: a PostgreSQL server for gijigraph's SQL backend tests.
#
# Installs PostgreSQL from Debian's packages if it is missing, starts the
# cluster, creates a role and a database that role owns, and prints
#
#   export GIJIGRAPH_TEST_PG_DSN='postgres://…'
#
# Run it as root on Debian 12. Idempotent: a second run only checks that
# the server is up. Use it either way:
#
#   eval "$(bash .ci/postgres.sh)"   # from a shell
#   source .ci/postgres.sh           # from .ci/run: exports the variable
#
# Everything but the export line goes to stderr. The role, database and
# password can be changed with GIJIGRAPH_PG_USER, GIJIGRAPH_PG_DB and
# GIJIGRAPH_PG_PASSWORD.

gijigraph_pg_setup() (
	set -euo pipefail
	local user=${GIJIGRAPH_PG_USER:-gijigraph}
	local db=${GIJIGRAPH_PG_DB:-gijigraph_test}
	local pass=${GIJIGRAPH_PG_PASSWORD:-gijigraph}

	if [ "$(id -u)" != 0 ]; then
		echo "postgres.sh: run me as root (I install packages and start the server)" >&2
		return 1
	fi
	if ! compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null; then
		echo "postgres.sh: installing PostgreSQL from Debian's packages" >&2
		export DEBIAN_FRONTEND=noninteractive
		apt-get update -qq >&2
		apt-get install -y -qq postgresql >&2
	fi
	local ver
	ver=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
	if ! pg_lsclusters -h | awk -v v="$ver" '$1 == v && $2 == "main" { found = 1 } END { exit !found }'; then
		echo "postgres.sh: creating cluster $ver/main" >&2
		pg_createcluster "$ver" main >&2
	fi
	if ! pg_lsclusters -h | awk -v v="$ver" '$1 == v && $2 == "main" && $4 == "online" { up = 1 } END { exit !up }'; then
		echo "postgres.sh: starting cluster $ver/main" >&2
		pg_ctlcluster "$ver" main start >&2
	fi
	local port
	port=$(pg_lsclusters -h | awk -v v="$ver" '$1 == v && $2 == "main" { print $3 }')
	local i
	for i in $(seq 1 60); do
		if pg_isready -q -h 127.0.0.1 -p "$port"; then
			break
		fi
		if [ "$i" = 60 ]; then
			echo "postgres.sh: the server on port $port did not come up" >&2
			return 1
		fi
		sleep 0.5
	done

	cd / # the postgres user may not be able to read the current directory
	psql_admin() { runuser -u postgres -- psql -p "$port" -v ON_ERROR_STOP=1 -qtA "$@"; }
	if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$user'")" != 1 ]; then
		echo "postgres.sh: creating role $user" >&2
		psql_admin -c "CREATE ROLE \"$user\" LOGIN PASSWORD '$pass'" >&2
	else
		psql_admin -c "ALTER ROLE \"$user\" LOGIN PASSWORD '$pass'" >&2
	fi
	if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$db'")" != 1 ]; then
		echo "postgres.sh: creating database $db owned by $user" >&2
		psql_admin -c "CREATE DATABASE \"$db\" OWNER \"$user\"" >&2
	fi
	echo "postgres://$user:$pass@127.0.0.1:$port/$db?sslmode=disable"
)

if gijigraph_pg_dsn=$(gijigraph_pg_setup); then
	export GIJIGRAPH_TEST_PG_DSN="$gijigraph_pg_dsn"
	echo "export GIJIGRAPH_TEST_PG_DSN='$gijigraph_pg_dsn'"
	unset gijigraph_pg_dsn
	unset -f gijigraph_pg_setup
else
	echo "postgres.sh: PostgreSQL setup failed" >&2
	unset gijigraph_pg_dsn
	unset -f gijigraph_pg_setup
	# return when sourced, exit when run
	return 1 2>/dev/null || exit 1
fi
