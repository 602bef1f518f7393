#!/usr/bin/env bash
# The suite under Docker Compose on this machine (./dev compose ...): docker-compose.yml with the
# local images of docker-compose.local.yml, on the machine's Docker engine or a private dockerd.
#   run.sh up [--no-demo]   checks ports and disk, starts the engine if none is reachable, builds
#                           what is missing, `up --wait`, loads the demo, prints `parkctl status`
#   run.sh down [-v]        stops the suite (-v: and deletes its volumes), then the private engine
#   run.sh prepare          engine + images + Compose CLI; prints DOCKER_HOST, COMPOSE and
#                           ENGINE_STARTED lines (for tests/deploy/test_compose_run.py)
#   run.sh stop-engine      stops the private dockerd (by its pid file)
# Environment: PARK_PORT_<SERVICE> (PARK_PORT_DASHBOARD ...), PARK_PORT_JAEGER, PARK_PORT_PROMETHEUS
# move the ports published on 127.0.0.1; PARK_PERSONAL_DATA_KEY, IC_PSEUDONYM_KEY (else each made
# once under .park/compose/); the departments' keys are issued once under .park/compose/keys (the
# services mount only their public JWKS, PARK_JWKS_DIR; parkctl signs with them, PARK_KEYS_DIR).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
source "$here/engine.sh"
FILES=(-f "$root/docker-compose.yml" -f "$root/docker-compose.local.yml")
MIN_FREE_GB="${PARK_COMPOSE_MIN_FREE_GB:-6}"
declare -A PORTS=(
    [dashboard]="${PARK_PORT_DASHBOARD:-8100}" [headquarters]="${PARK_PORT_HEADQUARTERS:-8101}"
    [service-center]="${PARK_PORT_SERVICE_CENTER:-8102}" [industrial-co]="${PARK_PORT_INDUSTRIAL_CO:-8103}"
    [investment]="${PARK_PORT_INVESTMENT:-8104}" [jaeger]="${PARK_PORT_JAEGER:-16686}"
    [prometheus]="${PARK_PORT_PROMETHEUS:-9090}"
)

fail() { echo "error: $*" >&2; exit 1; }

check_ports() {
    local name port variable
    for name in "${!PORTS[@]}"; do
        port=${PORTS[$name]}
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && ! ours "$port"; then
            variable="PARK_PORT_$(tr 'a-z-' 'A-Z_' <<<"$name")"
            fail "port $port on 127.0.0.1 ($name) is taken: stop what listens there (ss -ltnp 'sport = :$port') or choose another port with $variable=..."
        fi
    done
}

check_disk() {
    local where free
    where="$CACHE"
    mkdir -p "$where"
    free=$(df -Pk "$where" | awk 'NR == 2 { print int($4 / 1048576) }')
    if (( free < MIN_FREE_GB )); then
        fail "only ${free} GB free on $(df -P "$where" | awk 'NR == 2 { print $6 }') (for the images under $where); ${MIN_FREE_GB} GB are needed: free some space (docker system prune, or move PARK_CACHE)"
    fi
}

prepare() {
    check_disk
    engine_start || fail "no Docker engine: fix what the lines above say, then run again"
    if ! compose_cli; then
        [[ "${ENGINE_STARTED:-}" == 1 ]] && engine_stop
        fail "no Compose v2 CLI, and building it from the Go module proxy failed"
    fi
    if ! bash "$here/images.sh"; then
        [[ "${ENGINE_STARTED:-}" == 1 ]] && engine_stop
        fail "building the local images failed (above); nothing was started"
    fi
}

# the suite's secrets: from the environment, else made once under .park/compose/ (this machine's)
secrets() {
    local name file
    for name in PARK_PERSONAL_DATA_KEY IC_PSEUDONYM_KEY; do
        if [[ -z "${!name:-}" ]]; then
            file="$root/.park/compose/$name"
            if [[ ! -s "$file" ]]; then
                mkdir -p "$(dirname "$file")"
                (umask 077; head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$file")
            fi
            printf -v "$name" '%s' "$(cat "$file")"
        fi
        export "${name?}"
    done
    export PARK_KEYS_DIR="$root/.park/compose/keys"
    "$root/.venv/bin/python" -m park_shared.keys_cli issue "$PARK_KEYS_DIR" >/dev/null
    export PARK_JWKS_DIR="$PARK_KEYS_DIR/public"
}

# a port the suite itself publishes (it runs already) is not taken
ours() {
    engine_reachable_here || return 1
    [[ -n "$(docker ps -q --filter label=com.docker.compose.project=park --filter "publish=$1" 2>/dev/null)" ]]
}

# the suite runs already: a failed `up` then leaves it as it is
running() {
    engine_reachable_here || return 1
    compose_cli 2>/dev/null || return 1
    secrets
    [[ -n "$("${COMPOSE[@]}" "${FILES[@]}" ps -q 2>/dev/null)" ]]
}

up() {
    local demo=1 name args=()
    [[ "${1:-}" == "--no-demo" ]] && demo=0
    local before=0
    check_ports
    running && before=1
    prepare
    secrets
    echo "== docker compose up (the first start builds the service images)" >&2
    if ! "${COMPOSE[@]}" "${FILES[@]}" up -d --build --wait --wait-timeout 600; then
        echo "error: the suite did not come up healthy; its logs:" >&2
        "${COMPOSE[@]}" "${FILES[@]}" ps -a >&2 || true
        "${COMPOSE[@]}" "${FILES[@]}" logs --tail 30 >&2 || true
        if (( before )); then
            echo "the suite that ran before is left as it is (./dev compose down stops it)" >&2
            exit 1
        fi
        echo "== stopping what was started" >&2
        "${COMPOSE[@]}" "${FILES[@]}" down --remove-orphans >&2 || true
        [[ "${ENGINE_STARTED:-}" == 1 ]] && engine_stop
        exit 1
    fi
    for name in dashboard headquarters service-center industrial-co investment; do
        args+=(--url "$name=http://127.0.0.1:${PORTS[$name]}")
    done
    if (( demo )); then
        "$root/.venv/bin/python" "$here/demo.py" "${args[@]}"
    fi
    "$root/.venv/bin/parkctl" status "${args[@]}"
    local engine="${DOCKER_HOST:-the machine default}"
    cat <<TEXT
The suite runs under Docker Compose (engine: $engine):
  dashboard   http://127.0.0.1:${PORTS[dashboard]}/
  jaeger      http://127.0.0.1:${PORTS[jaeger]}/   prometheus  http://127.0.0.1:${PORTS[prometheus]}/
  ./dev compose down      stops it (the data stays; down -v deletes it)
TEXT
}

down() {
    engine_reachable_here || { echo "no engine runs: nothing to stop" >&2; return 0; }
    compose_cli
    secrets
    "${COMPOSE[@]}" "${FILES[@]}" down --remove-orphans "$@"
    engine_stop
}

# the engine `up` used: the machine's own, else the private one, if it runs
engine_reachable_here() {
    if engine_reachable; then return 0; fi
    export DOCKER_HOST="unix://$ENGINE_DIR/docker.sock"
    engine_reachable
}

cmd="${1:-}"
shift || true
case "$cmd" in
    up) up "$@" ;;
    down) down "$@" ;;
    prepare)
        prepare
        printf 'DOCKER_HOST=%s\nCOMPOSE=%s\nENGINE_STARTED=%s\n' "${DOCKER_HOST:-}" "${COMPOSE[*]}" "${ENGINE_STARTED:-0}"
        ;;
    stop-engine) engine_stop ;;
    *) sed -n '2,13p' "$0"; exit 2 ;;
esac
