#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server on 127.0.0.1:${GANTRY_PG_PORT:-55432} for the contract tests and
# prints the URL of a role that may create databases. Needs Debian's postgresql package.
set -euo pipefail
port="${GANTRY_PG_PORT:-55432}"
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
dir=$(mktemp -d /tmp/gantry-pg.XXXXXX)
chown postgres:postgres "$dir"
run_as_postgres() { su postgres -s /bin/bash -c "$*"; }
run_as_postgres "'$bin/initdb' -D '$dir/data' -A trust -U postgres -E UTF8 >'$dir/initdb.log' 2>&1"
run_as_postgres "'$bin/pg_ctl' -D '$dir/data' -l '$dir/server.log' -w -o \"-p $port -k '$dir' -c listen_addresses=127.0.0.1 -c fsync=off\" start" >/dev/null
run_as_postgres "'$bin/psql' -h 127.0.0.1 -p $port -U postgres -qc \"CREATE ROLE gantry LOGIN CREATEDB PASSWORD 'gantry'\""
run_as_postgres "'$bin/psql' -h 127.0.0.1 -p $port -U postgres -qc \"CREATE DATABASE gantry OWNER gantry\""
echo "postgres://gantry:gantry@127.0.0.1:$port/gantry?sslmode=disable"
