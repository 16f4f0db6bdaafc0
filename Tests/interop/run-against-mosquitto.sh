#!/usr/bin/env bash
# Baseline: start a throwaway Mosquitto on a free loopback port, run both interop suites against it,
# stop it. Exits non-zero if either suite fails (or Mosquitto does not come up). Extra arguments are
# passed to both suites (e.g. --topic-root acme/plant1/line1/press-7).
#
#   Tests/interop/run-against-mosquitto.sh [--topic-root PREFIX] [--shared-group NAME]

set -u
HERE=$(cd "$(dirname "$0")" && pwd)
MOSQUITTO=${MOSQUITTO:-$(command -v mosquitto || echo /usr/sbin/mosquitto)}
[ -x "$MOSQUITTO" ] || { echo "mosquitto not found (set MOSQUITTO=/path/to/mosquitto)" >&2; exit 1; }

WORK=$(mktemp -d)
BROKER_PID=""
stop() {
    if [ -n "$BROKER_PID" ]; then
        kill "$BROKER_PID" 2>/dev/null
        for _ in $(seq 1 50); do kill -0 "$BROKER_PID" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$BROKER_PID" 2>/dev/null
        wait "$BROKER_PID" 2>/dev/null
    fi
    rm -rf "$WORK"
}
trap stop EXIT
trap 'exit 1' INT TERM

PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat >"$WORK/mosquitto.conf" <<EOF
listener $PORT 127.0.0.1
allow_anonymous true
persistence false
log_dest stderr
log_type all
EOF

"$MOSQUITTO" -c "$WORK/mosquitto.conf" 2>"$WORK/mosquitto.log" &
BROKER_PID=$!
for _ in $(seq 1 50); do
    python3 -c "import socket; socket.create_connection(('127.0.0.1', $PORT), 0.2).close()" 2>/dev/null && break
    kill -0 "$BROKER_PID" 2>/dev/null || break
    sleep 0.1
done
if ! python3 -c "import socket; socket.create_connection(('127.0.0.1', $PORT), 0.2).close()" 2>/dev/null; then
    echo "mosquitto did not start on 127.0.0.1:$PORT:" >&2
    cat "$WORK/mosquitto.log" >&2
    exit 1
fi
echo "# $("$MOSQUITTO" -h 2>/dev/null | head -n 1) on 127.0.0.1:$PORT"

status=0
python3 "$HERE/mqtt_interop.py" --host 127.0.0.1 --port "$PORT" "$@" || status=1
"$HERE/mosquitto_clients.sh" --host 127.0.0.1 --port "$PORT" "$@" || status=1
if [ "$status" != 0 ]; then
    echo "# last lines of the Mosquitto log:" >&2
    tail -n 40 "$WORK/mosquitto.log" >&2 2>/dev/null
fi
exit $status
