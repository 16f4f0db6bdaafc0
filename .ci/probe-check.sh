#!/usr/bin/env bash
# `gantry probe` against the protocol peers of ../shared/peers (pymodbus and asyncua), as a field engineer
# would run it: each expected line is checked, and each failure must exit non-zero with a precise message.
# Usage: probe-check.sh PATH-TO-GANTRY
set -euo pipefail
gantry=$1
peers=${GANTRY_PEERS_DIR:-"$(cd "$(dirname "$0")/../.." && pwd)/shared/peers"}
work=$(mktemp -d /tmp/gantry-probe.XXXXXX)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do
        kill -9 "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$work"
}
trap cleanup EXIT

start_peer() { # script port
    python3 "$peers/$1" --port "$2" >"$work/$1.log" 2>&1 &
    pids+=($!)
    for _ in $(seq 1 200); do
        grep -q '^READY' "$work/$1.log" && return 0
        sleep 0.1
    done
    echo "$1 did not print READY" >&2
    cat "$work/$1.log" >&2
    exit 1
}

expect_line() { # pattern output
    if ! grep -Eq "$1" <<<"$2"; then
        echo "probe-check: expected a line matching '$1' in:" >&2
        echo "$2" >&2
        exit 1
    fi
}

expect_failure() { # message-pattern command...
    local pattern=$1
    shift
    if output=$("$@" 2>&1); then
        echo "probe-check: '$*' should have failed, printed: $output" >&2
        exit 1
    fi
    expect_line "$pattern" "$output"
    echo "refused as expected: $output"
}

start_peer modbus_server.py 15021
start_peer opcua_server.py 14841

echo "gantry probe modbus://127.0.0.1:15021"
out=$("$gantry" probe modbus://127.0.0.1:15021 --unit 1 --read input:0:float32 --read input:2:uint32 --read coil:0 \
    --write holding:10:float32=72.5 --read holding:10:float32)
echo "$out"
expect_line '^input:0:float32 = [0-9.]+ \(good\)$' "$out"
expect_line '^input:2:uint32 = [0-9]+ \(good\)$' "$out"
expect_line '^coil:0:bool = (true|false) \(good\)$' "$out"
expect_line '^holding:10:float32 = 72.5 \(good\)$' "$out"
expect_failure 'illegal data address at holding 100' "$gantry" probe modbus://127.0.0.1:15021 --read holding:100
expect_failure 'cannot connect' "$gantry" probe modbus://127.0.0.1:1 --read holding:0

echo "gantry probe opc.tcp://127.0.0.1:14841/"
out=$("$gantry" probe opc.tcp://127.0.0.1:14841/ --browse 'ns=2;s=Machine1' --read 'ns=2;s=Machine1.Temperature' \
    --write 'ns=2;s=Machine1.Setpoint=61.5' --subscribe 'ns=2;s=Machine1.PartCount' --for 3s)
echo "$out"
expect_line '^2:Temperature = ns=2;s=Machine1.Temperature \(Variable\)$' "$out"
expect_line '^ns=2;s=Machine1.Temperature = [0-9.]+ \(good\)$' "$out"
expect_line '^ns=2;s=Machine1.Setpoint = 61.5 \(good\)$' "$out"
expect_line '^ns=2;s=Machine1.PartCount = [0-9]+ \(good\)$' "$out"
expect_failure 'BadUserAccessDenied' "$gantry" probe opc.tcp://127.0.0.1:14841/ --write 'ns=2;s=Machine1.Temperature=5'
echo "probe-check: passed"
