/// Machine orders taken from a schedule that already exists (the one being carried out), so that a
/// rescheduling search starts from the plan on the shop floor and changes it only where it must.
enum StartingOrders {
    /// The machine of each operation and each machine's order as in `schedule`: an operation keeps its
    /// machine when that machine can still run it (otherwise it takes its quickest alternative), and each
    /// machine's operations follow their old starts. Operations the schedule does not have (a rush job) go last
    /// on their quickest machine, in route order. Nil when these orders close a cycle with the precedences, in
    /// which case the caller starts from a priority rule instead.
    /// - Complexity: O(o log o) for o operations.
    static func from(
        _ schedule: Schedule, _ problem: FlatProblem
    ) -> (machineOf: [Int], sequences: [[Int]])? {
        let n = problem.operationCount
        var planned: [OperationID: ScheduledOperation] = [:]
        for operation in schedule.operations { planned[operation.id] = operation }
        var machineOf = [Int](repeating: -1, count: n)
        var key = [(Int, Int)](repeating: (Int.max, 0), count: n)
        for operation in 0..<n {
            let alternatives = problem.alternatives[operation]
            if problem.frozenStart[operation] >= 0 {
                machineOf[operation] = problem.frozenMachine[operation]
                key[operation] = (problem.frozenStart[operation], operation)
            } else if let old = planned[problem.ids[operation]],
                alternatives.contains(where: { $0.machine == old.machine })
            {
                machineOf[operation] = old.machine
                key[operation] = (old.start, operation)
            } else {
                // Every validated operation has at least one alternative.
                machineOf[operation] =
                    alternatives.min { ($0.duration, $0.machine) < ($1.duration, $1.machine) }!.machine
                key[operation] = (Int.max, operation)
            }
        }
        var sequences = [[Int]](repeating: [], count: problem.machineCount)
        for operation in (0..<n).sorted(by: { key[$0] < key[$1] }) { sequences[machineOf[operation]].append(operation) }
        var state = SequenceState(problem, machineOf: machineOf, sequences: sequences)
        return state.evaluate(problem) ? (machineOf, sequences) : nil
    }
}
