#!/usr/bin/env python3
"""OR-Tools CP-SAT on one job shop or flexible job shop instance: the baseline of `gantry bench schedule`.

The standard model: an interval per operation (an optional interval per alternative machine for a flexible
job shop, exactly one of them present), route precedences, one no-overlap constraint per machine, minimise the
makespan. Prints one JSON line: makespan, CP-SAT's lower bound, the time to the best solution and the status.

Usage: cpsat_jobshop.py FILE --format jssp|brandimarte --time-limit SECONDS [--workers 2] [--stop-at N]
--stop-at ends the search at a makespan already proven optimal (the bench passes the bound file's value only
when lb == ub), which saves time and changes no result.
"""
import argparse
import json
import time

from ortools.sat.python import cp_model


def read(path, fmt):
    """Jobs as lists of operations; an operation is a list of (machine, duration), machines 0-based."""
    lines = [line.split() for line in open(path) if line.strip()]
    jobs = []
    # The header ('jobs machines [average alternatives]') is implied by the job lines.
    for numbers in ([int(x) for x in fields] for fields in lines[1:]):
        if fmt == "jssp":
            jobs.append([[(numbers[i], numbers[i + 1])] for i in range(0, len(numbers), 2)])
            continue
        ops, k = [], 1
        for _ in range(numbers[0]):
            count = numbers[k]
            k += 1
            ops.append([(numbers[k + 2 * a] - 1, numbers[k + 2 * a + 1]) for a in range(count)])
            k += 2 * count
        jobs.append(ops)
    return jobs


class Progress(cp_model.CpSolverSolutionCallback):
    def __init__(self, makespan, stop_at, started):
        super().__init__()
        self.makespan, self.stop_at, self.started = makespan, stop_at, started
        self.best, self.time_to_best = None, None

    def on_solution_callback(self):
        value = self.Value(self.makespan)
        if self.best is None or value < self.best:
            self.best, self.time_to_best = value, time.monotonic() - self.started
        if self.stop_at is not None and value <= self.stop_at:
            self.StopSearch()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--format", choices=["jssp", "brandimarte"], required=True)
    parser.add_argument("--time-limit", type=float, required=True)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--stop-at", type=int)
    args = parser.parse_args()

    jobs = read(args.file, args.format)
    horizon = sum(max(d for _, d in op) for job in jobs for op in job)
    model = cp_model.CpModel()
    machines = {}
    ends = []
    for j, job in enumerate(jobs):
        previous_end = None
        for k, alternatives in enumerate(job):
            low, high = min(d for _, d in alternatives), max(d for _, d in alternatives)
            start = model.NewIntVar(0, horizon, f"s{j}_{k}")
            duration = model.NewIntVar(low, high, f"d{j}_{k}")
            end = model.NewIntVar(0, horizon, f"e{j}_{k}")
            model.NewIntervalVar(start, duration, end, f"i{j}_{k}")
            if len(alternatives) == 1:
                machine, d = alternatives[0]
                machines.setdefault(machine, []).append(model.NewIntervalVar(start, d, end, f"m{j}_{k}"))
            else:
                presences = []
                for machine, d in alternatives:
                    present = model.NewBoolVar(f"p{j}_{k}_{machine}")
                    machines.setdefault(machine, []).append(
                        model.NewOptionalIntervalVar(start, d, end, present, f"o{j}_{k}_{machine}"))
                    model.Add(duration == d).OnlyEnforceIf(present)
                    presences.append(present)
                model.AddExactlyOne(presences)
            if previous_end is not None:
                model.Add(start >= previous_end)
            previous_end = end
        ends.append(previous_end)
    for intervals in machines.values():
        model.AddNoOverlap(intervals)
    makespan = model.NewIntVar(0, horizon, "makespan")
    model.AddMaxEquality(makespan, ends)
    model.Minimize(makespan)

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = args.time_limit
    solver.parameters.num_workers = args.workers
    started = time.monotonic()
    progress = Progress(makespan, args.stop_at, started)
    status = solver.Solve(model, progress)
    print(json.dumps({
        "makespan": progress.best,
        "lowerBound": int(solver.BestObjectiveBound()),
        "timeToBest": progress.time_to_best,
        "elapsed": time.monotonic() - started,
        "status": solver.StatusName(status),
    }))


if __name__ == "__main__":
    main()
