/// Lower bounds on the makespan, which let the solver stop when it has proven a schedule optimal and let a
/// report state how far from optimal a schedule can at most be.
public enum LowerBound {
    /// The largest of three simple bounds: the longest chain of fixed precedences (with shortest durations,
    /// release dates and frozen starts); for each machine, the earliest head of the operations only it can
    /// run, plus their total duration, plus the smallest tail among them (the one-machine bound); and the
    /// total shortest work spread evenly over all machines. Setups and windows are left out, which keeps
    /// the bound valid.
    /// - Throws: `SchedulingError` when the problem is invalid.
    /// - Complexity: O(o · a + p) for o operations with a alternatives and p precedences.
    public static func makespan(_ problem: SchedulingProblem) throws(SchedulingError) -> Int {
        try problem.validate()
        return makespan(FlatProblem(problem))
    }

    static func makespan(_ problem: FlatProblem) -> Int {
        let n = problem.operationCount
        let shortest = (0..<n).map { problem.minimumDuration($0) }
        var head = [Int](repeating: 0, count: n)
        var tail = [Int](repeating: 0, count: n)
        var bound = 0
        for operation in problem.fixedOrder {
            var start = problem.headFloor[operation]
            if problem.frozenStart[operation] < 0 {
                for k in problem.predecessorStart[operation]..<problem.predecessorStart[operation + 1] {
                    let before = problem.predecessorList[k]
                    start = max(start, head[before] + shortest[before])
                }
            }
            head[operation] = start
            bound = max(bound, start + shortest[operation])
        }
        for operation in problem.fixedOrder.reversed() {
            for k in problem.successorStart[operation]..<problem.successorStart[operation + 1] {
                let after = problem.successorList[k]
                tail[operation] = max(tail[operation], shortest[after] + tail[after])
            }
        }
        var load = [Int](repeating: 0, count: problem.machineCount)
        var earliest = [Int](repeating: Int.max, count: problem.machineCount)
        var latest = [Int](repeating: Int.max, count: problem.machineCount)
        for operation in 0..<n {
            let machine: Int
            if problem.frozenMachine[operation] >= 0 {
                machine = problem.frozenMachine[operation]
            } else if problem.alternatives[operation].count == 1 {
                machine = problem.alternatives[operation][0].machine
            } else {
                continue
            }
            load[machine] += problem.alternatives[operation].first { $0.machine == machine }!.duration
            earliest[machine] = min(earliest[machine], head[operation])
            latest[machine] = min(latest[machine], tail[operation])
        }
        for machine in 0..<problem.machineCount where earliest[machine] != Int.max {
            bound = max(bound, earliest[machine] + load[machine] + latest[machine])
        }
        if problem.machineCount > 0 {
            let work = shortest.reduce(0, +)
            bound = max(bound, (work + problem.machineCount - 1) / problem.machineCount)
        }
        return bound
    }
}
