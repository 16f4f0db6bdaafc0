/// The solver's read-only view of a validated problem: operations numbered 0..<n (job by job, in route order)
/// with their fixed precedences in flat arrays, so that the search's inner loops index arrays instead of
/// hashing `OperationID`s.
struct FlatProblem: Sendable {
    let operationCount: Int
    let machineCount: Int
    let jobCount: Int
    let ids: [OperationID]
    let jobOf: [Int]
    let firstOperation: [Int]
    let alternatives: [[Alternative]]
    /// Earliest start from the job's release and the problem's `notBefore`; the start itself when frozen.
    let headFloor: [Int]
    /// The frozen start, or -1.
    let frozenStart: [Int]
    let frozenMachine: [Int]
    /// Fixed predecessors (route and extra precedences) of operation i:
    /// `predecessorList[predecessorStart[i]..<predecessorStart[i+1]]`; successors likewise.
    let predecessorStart: [Int]
    let predecessorList: [Int]
    let successorStart: [Int]
    let successorList: [Int]
    /// Operations in an order that respects every fixed precedence.
    let fixedOrder: [Int]
    /// Unavailability windows per machine, sorted by start.
    let windows: [[MachineWindow]]
    /// Per machine, a `jobCount × jobCount` matrix flattened row by row, or empty when the machine needs none.
    let setups: [[Int]]
    let hasSetups: Bool
    let hasWindows: Bool
    let objective: Objective
    /// Per job: its due date (`Int.max` without one), weight and last operation, for the tardiness objectives.
    let due: [Int]
    let weight: [Int]
    let lastOperation: [Int]
    /// Whether some operation has more than one machine, so that reassignment moves are worth looking at.
    let isFlexible: Bool

    /// - Precondition: `problem.validate()` passed.
    /// - Complexity: O(o + p + w log w + Σ setup sizes).
    init(_ problem: SchedulingProblem) {
        var ids: [OperationID] = []
        var first: [Int] = []
        for (j, job) in problem.jobs.enumerated() {
            first.append(ids.count)
            for o in job.operations.indices { ids.append(OperationID(job: j, operation: o)) }
        }
        let n = ids.count
        self.operationCount = n
        self.machineCount = problem.machineCount
        self.jobCount = problem.jobs.count
        self.ids = ids
        self.firstOperation = first
        self.jobOf = ids.map(\.job)
        self.alternatives = ids.map { problem.jobs[$0.job].operations[$0.operation].alternatives }
        self.isFlexible = !problem.isClassical
        self.objective = problem.objective
        self.due = problem.jobs.map { $0.due ?? Int.max }
        self.weight = problem.jobs.map(\.weight)
        self.lastOperation = problem.jobs.indices.map { first[$0] + problem.jobs[$0].operations.count - 1 }
        var frozenStart = [Int](repeating: -1, count: n)
        var frozenMachine = [Int](repeating: -1, count: n)
        for f in problem.frozen {
            frozenStart[first[f.id.job] + f.id.operation] = f.start
            frozenMachine[first[f.id.job] + f.id.operation] = f.machine
        }
        self.frozenStart = frozenStart
        self.frozenMachine = frozenMachine
        self.headFloor = (0..<n).map { i in
            frozenStart[i] >= 0 ? frozenStart[i] : max(problem.jobs[ids[i].job].release, problem.notBefore, 0)
        }
        var predecessors = [[Int]](repeating: [], count: n)
        var successors = [[Int]](repeating: [], count: n)
        for i in 0..<n where ids[i].operation > 0 {
            predecessors[i].append(i - 1)
            successors[i - 1].append(i)
        }
        for precedence in problem.precedences {
            let before = first[precedence.before.job] + precedence.before.operation
            let after = first[precedence.after.job] + precedence.after.operation
            predecessors[after].append(before)
            successors[before].append(after)
        }
        self.predecessorStart = [0] + predecessors.reductions(+, \.count)
        self.predecessorList = predecessors.flatMap { $0 }
        self.successorStart = [0] + successors.reductions(+, \.count)
        self.successorList = successors.flatMap { $0 }
        var inDegree = predecessors.map(\.count)
        var order = (0..<n).filter { inDegree[$0] == 0 }
        var read = 0
        while read < order.count {
            for next in successors[order[read]] {
                inDegree[next] -= 1
                if inDegree[next] == 0 { order.append(next) }
            }
            read += 1
        }
        self.fixedOrder = order
        var windows = [[MachineWindow]](repeating: [], count: problem.machineCount)
        for window in problem.windows { windows[window.machine].append(window) }
        self.windows = windows.map { $0.sorted { ($0.start, $0.end) < ($1.start, $1.end) } }
        self.hasWindows = !problem.windows.isEmpty
        self.setups = (0..<problem.machineCount).map { machine in problem.setups.times[machine]?.flatMap { $0 } ?? [] }
        self.hasSetups = !problem.setups.isEmpty
    }

    /// The setup on `machine` between operation `from` and operation `to` that follows it.
    @inline(__always)
    func setup(on machine: Int, from: Int, to: Int) -> Int {
        guard hasSetups else { return 0 }
        let matrix = setups[machine]
        return matrix.isEmpty ? 0 : matrix[jobOf[from] * jobCount + jobOf[to]]
    }

    /// The earliest start at or after `time` at which `duration` fits on `machine` between its windows.
    /// - Complexity: O(windows of the machine).
    @inline(__always)
    func earliestStart(on machine: Int, at time: Int, duration: Int) -> Int {
        guard hasWindows else { return time }
        var start = time
        for window in windows[machine] where start < window.end && start + duration > window.start {
            start = window.end
        }
        return start
    }

    /// The shortest duration over the operation's alternatives.
    func minimumDuration(_ operation: Int) -> Int {
        alternatives[operation].map(\.duration).min() ?? 0
    }
}

extension Array {
    /// Running totals of `value` over the elements (without the initial zero).
    fileprivate func reductions(_ combine: (Int, Int) -> Int, _ value: (Element) -> Int) -> [Int] {
        var total = 0
        return map {
            total = combine(total, value($0))
            return total
        }
    }
}
