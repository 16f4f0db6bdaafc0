#!/usr/bin/env bash
# The telemetry crash test: a writer appends acknowledged batches while it is killed with SIGKILL at random
# moments, 20 times; after each kill the store must open cleanly and hold every acknowledged sample exactly
# once (and no batch in part). Bounded: 20 rounds of at most 2 s of writing each.
# Usage: crash-test.sh PATH-TO-GANTRY [ROUNDS]
set -euo pipefail
gantry="$1"
rounds="${2:-20}"
work=$(mktemp -d /tmp/gantry-crash.XXXXXX)
trap 'echo "crash test failed at line $LINENO"; rm -rf "$work"' ERR
for round in $(seq 1 "$rounds"); do
    "$gantry" crash-test write --directory "$work/telemetry" --log "$work/acks.log" &
    writer=$!
    # 0.3 to 2.0 s: long enough to cross flushes and log rotations, at a different moment every round.
    sleep "$(python3 -c "import random; print(round(random.uniform(0.3, 2.0), 2))")"
    kill -KILL "$writer"
    wait "$writer" 2>/dev/null || true
    echo "round $round: $("$gantry" crash-test check --directory "$work/telemetry" --log "$work/acks.log")"
done
rm -rf "$work"
echo "crash test passed: $rounds SIGKILLs, nothing acknowledged lost or doubled"
