#!/usr/bin/env bash
# A throwaway PostgreSQL server for the samples-postgres tests: role awaitj, password awaitj, database awaitj,
# listening on 127.0.0.1 only.
#
#   bash .ci/postgres.sh start   # prints the r2dbc URL on stdout (the tests read it from AWAITJ_PG_URL;
#                                # without it they use port 5432, which is the port taken when it is free)
#   bash .ci/postgres.sh stop    # stops the server and removes its directory
#
# Both are idempotent: start on a running server only prints its URL again.
set -euo pipefail

dir=${AWAITJ_PG_DIR:-${TMPDIR:-/tmp}/awaitj-postgres}
data=$dir/data

log() { echo "postgres.sh: $*" >&2; }

find_bin() {
  local found
  # the newest installed major version
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [[ -n $found && -x $found/initdb && -x $found/pg_ctl ]]; then
    echo "$found"
  fi
}

# As root, the server runs as user postgres (it refuses to run as root); as anyone else, as that user.
as_owner() {
  if [[ $EUID -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

port_taken() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

running() {
  [[ -n ${bin:-} && -f $data/PG_VERSION ]] && as_owner "$bin/pg_ctl" status -D "$data" >/dev/null 2>&1
}

url() {
  echo "r2dbc:postgresql://awaitj:awaitj@127.0.0.1:$(cat "$dir/port")/awaitj"
}

start() {
  bin=$(find_bin)
  if [[ -z $bin ]]; then
    if [[ $EUID -ne 0 ]]; then
      log "no PostgreSQL under /usr/lib/postgresql: install Debian's postgresql package (apt-get install -y postgresql) or run this as root"
      exit 1
    fi
    log "installing Debian's postgresql package"
    apt-get update -qq >&2
    # no cluster of its own: this script makes the only one it needs
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
    bin=$(find_bin)
    [[ -n $bin ]] || { log "postgresql installed, but no initdb under /usr/lib/postgresql/*/bin"; exit 1; }
  fi

  if running; then
    log "already running"
    url
    return
  fi

  if [[ ! -f $data/PG_VERSION ]]; then
    rm -rf "$dir"
    mkdir -p "$dir"
    [[ $EUID -eq 0 ]] && chown postgres: "$dir"
    chmod 700 "$dir"
    local port=5432
    while port_taken "$port"; do
      port=$((port + 1))
    done
    echo "$port" >"$dir/port"
    local pwfile=$dir/pw
    echo awaitj >"$pwfile"
    [[ $EUID -eq 0 ]] && chown postgres: "$pwfile"
    # -N: no fsync of a cluster that lives for one build; the superuser is awaitj itself, so no role to create
    as_owner "$bin/initdb" -D "$data" -U awaitj --pwfile="$pwfile" -A scram-sha-256 -E UTF8 --locale=C -N >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; exit 1; }
    rm -f "$pwfile"
    log "created a cluster in $data (port $(cat "$dir/port"))"
  fi

  local port
  port=$(cat "$dir/port")
  # the socket in the cluster's own directory, TCP on 127.0.0.1 only; durability is not needed here
  as_owner "$bin/pg_ctl" start -D "$data" -l "$dir/server.log" -w -t 30 \
    -o "-p $port -h 127.0.0.1 -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >&2 ||
    { cat "$dir/server.log" >&2; exit 1; }
  if ! PGPASSWORD=awaitj "$bin/psql" -h 127.0.0.1 -p "$port" -U awaitj -d postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname = 'awaitj'" | grep -q 1; then
    PGPASSWORD=awaitj "$bin/createdb" -h 127.0.0.1 -p "$port" -U awaitj awaitj
  fi
  log "running on 127.0.0.1:$port"
  url
}

stop() {
  bin=$(find_bin)
  if running; then
    as_owner "$bin/pg_ctl" stop -D "$data" -m fast -w >&2
  fi
  rm -rf "$dir"
  log "stopped"
}

case ${1:-} in
  start) start ;;
  stop) stop ;;
  *) echo "usage: bash .ci/postgres.sh start|stop" >&2; exit 2 ;;
esac
