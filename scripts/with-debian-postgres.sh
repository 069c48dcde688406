#!/usr/bin/env bash
# Runs a command against a throwaway cluster of Debian's PostgreSQL server (package `postgresql`,
# installed if missing), started as the non-root `postgres` user in a temporary folder, with
# TEST_DATABASE_URL pointing at it.
set -euo pipefail
bash "$(dirname "$0")/install-debian-postgres.sh"
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | head -1)
id postgres >/dev/null 2>&1 || useradd --system --user-group postgres
dir=$(mktemp -d /tmp/aftercare-pg15-XXXXXX)
chown postgres "$dir"
chmod 755 "$dir"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
pw=aftercare-ci
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
echo "$pw" > "$dir/pw" && chown postgres "$dir/pw"
as_pg "$bin/initdb -D $dir/data -U postgres --pwfile=$dir/pw --auth=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >/dev/null"
as_pg "$bin/pg_ctl -D $dir/data -o '-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200' -l $dir/log -w start >/dev/null"
cleanup() { as_pg "$bin/pg_ctl -D $dir/data -m fast -w stop >/dev/null" || true; rm -rf "$dir"; }
trap cleanup EXIT
echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on port $port"
export TEST_DATABASE_URL="postgres://postgres:$pw@127.0.0.1:$port/postgres"
export DEBIAN_PG_BIN="$bin"
"$@"
