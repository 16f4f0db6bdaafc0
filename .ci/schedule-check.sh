#!/usr/bin/env bash
# `gantry schedule` as a planner runs it: ft06 (JSSP) and mk01 (Brandimarte) as JSON, checked here by an
# independent script (routes, machines, durations, no overlap), the text chart, and precise refusals of bad files.
# Usage: schedule-check.sh PATH-TO-GANTRY
set -euo pipefail
gantry=$1
data=${GANTRY_JOBSHOP_DIR:-"$(cd "$(dirname "$0")/../.." && pwd)/shared/data/jobshop"}
work=$(mktemp -d /tmp/gantry-schedule.XXXXXX)
trap 'rm -rf "$work"' EXIT

# An iteration limit makes the runs reproducible (the time limit is only a safety net).
"$gantry" schedule "$data/jssp/ft06.txt" --iterations 20000 --time-limit 60s --format json --quiet >"$work/ft06.json"
"$gantry" schedule "$data/fjsp/brandimarte/mk01.txt" --iterations 5000 --time-limit 60s --format json --quiet \
    >"$work/mk01.json"
python3 - "$data" "$work" <<'PY'
import json, sys
data, work = sys.argv[1], sys.argv[2]

def routes(name, flexible):
    lines = [l.split() for l in open(f"{data}/{name}") if l.strip()]
    jobs = []
    for fields in lines[1:]:
        numbers = list(map(int, fields))
        if not flexible:
            jobs.append([{numbers[i]: numbers[i + 1]} for i in range(0, len(numbers), 2)])
            continue
        ops, k = [], 1
        for _ in range(numbers[0]):
            count = numbers[k]; k += 1
            ops.append({numbers[k + 2 * a] - 1: numbers[k + 2 * a + 1] for a in range(count)}); k += 2 * count
        jobs.append(ops)
    return jobs

def check(name, file, flexible, best):
    jobs = routes(file, flexible)
    report = json.load(open(f"{work}/{name}.json"))
    ops = report["operations"]
    assert len(ops) == sum(map(len, jobs)), f"{name}: {len(ops)} operations"
    placed = {(o["job"], o["op"]): o for o in ops}
    for j, route in enumerate(jobs):
        end = 0
        for k, choices in enumerate(route):
            o = placed[(j, k)]
            assert o["machine"] in choices, f"{name}: job {j} op {k} on machine {o['machine']}"
            assert o["end"] - o["start"] == choices[o["machine"]], f"{name}: job {j} op {k} duration"
            assert o["start"] >= end, f"{name}: job {j} op {k} starts before its predecessor ends"
            end = o["end"]
    by_machine = {}
    for o in ops:
        by_machine.setdefault(o["machine"], []).append((o["start"], o["end"]))
    for machine, spans in by_machine.items():
        spans.sort()
        for a, b in zip(spans, spans[1:]):
            assert a[1] <= b[0], f"{name}: overlap on machine {machine}: {a} {b}"
    makespan = max(o["end"] for o in ops)
    assert report["makespan"] == makespan and report["lowerBound"] <= makespan, f"{name}: {report['makespan']}"
    assert makespan <= best, f"{name}: makespan {makespan}, expected at most {best}"
    print(f"{name}: {len(ops)} operations, makespan {makespan}, lower bound {report['lowerBound']}: feasible")

check("ft06", "jssp/ft06.txt", False, 55)
check("mk01", "fjsp/brandimarte/mk01.txt", True, 42)
PY

"$gantry" schedule "$data/jssp/ft06.txt" --iterations 2000 --format gantt --quiet --width 60 >"$work/gantt.txt"
grep -q '^M5 |' "$work/gantt.txt" || { echo "the chart has no row for machine 5" >&2; cat "$work/gantt.txt" >&2; exit 1; }
grep -q '^makespan [0-9]*, lower bound 52' "$work/gantt.txt" || { echo "no makespan line" >&2; exit 1; }

refuse() { # file-content expected-message
    printf '%b' "$1" >"$work/bad.txt"
    if "$gantry" schedule "$work/bad.txt" --time-limit 1s 2>"$work/err.txt" >/dev/null; then
        echo "a bad file was accepted: $1" >&2
        exit 1
    fi
    grep -qF "$2" "$work/err.txt" || { echo "expected '$2', got: $(cat "$work/err.txt")" >&2; exit 1; }
    echo "refused: $(cat "$work/err.txt")"
}
refuse '2 2\n0 3 1 2\n0 4 1 x\n' 'bad.txt:3: malformed_input: the duration'
refuse '2 2\n0 3 5 2\n0 4 1 1\n' 'bad.txt:2: malformed_input: job 0, operation 1 names machine 5'
refuse '2 2\n0 3 1 2\n' 'the header announces 2 jobs but the file has 1 job lines'
refuse '1 2 1\n1 1 3 4\n' 'bad.txt:2: malformed_input'
echo "gantry schedule: all checks passed"
