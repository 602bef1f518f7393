#!/usr/bin/env bash
# PostgreSQL (cluster made once under /data/db, durable defaults, loopback only), then FerretDB on
# it on :27017; SIGTERM stops both, FerretDB first.
set -euo pipefail
bin=/usr/lib/postgresql/15/bin
pgdata=/data/db/postgresql
if [[ ! -s "$pgdata/PG_VERSION" ]]; then
    "$bin/initdb" -D "$pgdata" --username=ferretdb --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
fi
"$bin/pg_ctl" -D "$pgdata" -l /tmp/postgresql.log -w \
    -o "-c listen_addresses=127.0.0.1 -c port=5432 -c unix_socket_directories=/tmp" start >/dev/null
if ! "$bin/psql" -h 127.0.0.1 -U ferretdb -d postgres -tAc "select 1 from pg_database where datname='ferretdb'" | grep -q 1; then
    "$bin/createdb" -h 127.0.0.1 -U ferretdb ferretdb
fi
stop() {
    [[ -n "${ferret:-}" ]] && kill -TERM "$ferret" 2>/dev/null && wait "$ferret" || true
    "$bin/pg_ctl" -D "$pgdata" -m fast -w stop >/dev/null
    exit 0
}
trap stop TERM INT
mkdir -p /data/db/ferretdb
/usr/local/bin/ferretdb --state-dir=/data/db/ferretdb --handler=postgresql --postgresql-url=postgres://ferretdb@127.0.0.1:5432/ferretdb \
    --listen-addr=0.0.0.0:27017 --telemetry=disable --debug-addr=- --log-level=warn &
ferret=$!
wait "$ferret" || true
stop
