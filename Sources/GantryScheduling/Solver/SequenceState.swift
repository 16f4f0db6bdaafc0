/// A solution as the search sees it: a machine and a processing order on it for every operation (the
/// selection of the disjunctive graph), with each operation's head (earliest start) and tail (longest path
/// from its end to the end of the schedule).
///
/// The heads are the schedule: each operation starts as soon as its predecessors on the job and the machine
/// (plus setup) allow, after its release and outside its machine's windows (a semi-active schedule).
struct SequenceState: Sendable {
    /// The machine chosen for each operation, and its duration there.
    var machineOf: [Int]
    var duration: [Int]
    /// The operations on each machine, in processing order.
    var sequences: [[Int]]
    var machinePrevious: [Int]
    var machineNext: [Int]
    /// Index of each operation in its machine's sequence.
    var position: [Int]
    var head: [Int]
    var tail: [Int]
    var makespan = 0
    /// The objective's value (the makespan when that is the objective).
    var score = 0
    private var order: [Int]
    private var inDegree: [Int]

    /// A state for the given assignment and machine orders; call `evaluate` before reading heads and tails.
    init(_ problem: FlatProblem, machineOf: [Int], sequences: [[Int]]) {
        let n = problem.operationCount
        self.machineOf = machineOf
        self.duration = (0..<n).map { i in problem.alternatives[i].first { $0.machine == machineOf[i] }!.duration }
        self.sequences = sequences
        machinePrevious = [Int](repeating: -1, count: n)
        machineNext = [Int](repeating: -1, count: n)
        position = [Int](repeating: 0, count: n)
        head = [Int](repeating: 0, count: n)
        tail = [Int](repeating: 0, count: n)
        order = [Int](repeating: 0, count: n)
        inDegree = [Int](repeating: 0, count: n)
        for sequence in sequences { relink(sequence, 0..<sequence.count) }
    }

    /// Sets position and machine neighbours for the operations at `range` of `sequence`.
    private mutating func relink(_ sequence: [Int], _ range: Range<Int>) {
        for index in range {
            let operation = sequence[index]
            position[operation] = index
            machinePrevious[operation] = index > 0 ? sequence[index - 1] : -1
            machineNext[operation] = index + 1 < sequence.count ? sequence[index + 1] : -1
        }
    }

    /// Relinks a machine's sequence from `index` to its end, after an insertion or removal there.
    mutating func relinkTail(of machine: Int, from index: Int) {
        let sequence = sequences[machine]
        relink(sequence, min(index, sequence.count)..<sequence.count)
    }

    /// Moves `operation` within its machine's sequence to `index` (the others keep their relative order).
    /// - Complexity: O(length of the machine's sequence).
    mutating func move(_ operation: Int, to index: Int) {
        let machine = machineOf[operation]
        let from = position[operation]
        sequences[machine].remove(at: from)
        sequences[machine].insert(operation, at: index)
        let sequence = sequences[machine]
        relink(sequence, max(0, min(from, index) - 1)..<min(sequence.count, max(from, index) + 2))
    }

    /// Computes heads, tails and the makespan; false when the orders contradict the precedences (a cycle).
    /// - Complexity: O(o + p) for o operations and p fixed precedences, plus window scans when there are windows.
    mutating func evaluate(_ problem: FlatProblem) -> Bool {
        let n = problem.operationCount
        var count = 0
        for operation in 0..<n {
            let fixed = problem.predecessorStart[operation + 1] - problem.predecessorStart[operation]
            inDegree[operation] = fixed + (machinePrevious[operation] >= 0 ? 1 : 0)
            if inDegree[operation] == 0 {
                order[count] = operation
                count += 1
            }
        }
        var read = 0
        while read < count {
            let operation = order[read]
            read += 1
            for k in problem.successorStart[operation]..<problem.successorStart[operation + 1] {
                let next = problem.successorList[k]
                inDegree[next] -= 1
                if inDegree[next] == 0 {
                    order[count] = next
                    count += 1
                }
            }
            let next = machineNext[operation]
            if next >= 0 {
                inDegree[next] -= 1
                if inDegree[next] == 0 {
                    order[count] = next
                    count += 1
                }
            }
        }
        guard count == n else { return false }
        makespan = 0
        for operation in order {
            var start = problem.headFloor[operation]
            if problem.frozenStart[operation] < 0 {
                for k in problem.predecessorStart[operation]..<problem.predecessorStart[operation + 1] {
                    let before = problem.predecessorList[k]
                    start = max(start, head[before] + duration[before])
                }
                let previous = machinePrevious[operation]
                if previous >= 0 {
                    let ready = head[previous] + duration[previous]
                    start = max(start, ready + problem.setup(on: machineOf[operation], from: previous, to: operation))
                }
                start = problem.earliestStart(on: machineOf[operation], at: start, duration: duration[operation])
            }
            head[operation] = start
            makespan = max(makespan, start + duration[operation])
        }
        for operation in order.reversed() {
            var rest = 0
            for k in problem.successorStart[operation]..<problem.successorStart[operation + 1] {
                let after = problem.successorList[k]
                rest = max(rest, duration[after] + tail[after])
            }
            let next = machineNext[operation]
            if next >= 0 {
                let setup = problem.setup(on: machineOf[operation], from: operation, to: next)
                rest = max(rest, setup + duration[next] + tail[next])
            }
            tail[operation] = rest
        }
        score = objectiveValue(problem)
        return true
    }

    /// Σ weight × max(0, completion − due) over the jobs with a due date.
    func weightedTardiness(_ problem: FlatProblem) -> Int {
        var total = 0
        for job in 0..<problem.jobCount where problem.due[job] != Int.max {
            let last = problem.lastOperation[job]
            total += problem.weight[job] * max(0, head[last] + duration[last] - problem.due[job])
        }
        return total
    }

    private func objectiveValue(_ problem: FlatProblem) -> Int {
        switch problem.objective {
        case .makespan: makespan
        case .totalWeightedTardiness: weightedTardiness(problem)
        case .weightedSum(let makespanWeight, let tardinessWeight):
            makespanWeight * makespan + tardinessWeight * weightedTardiness(problem)
        }
    }

    /// The schedule the heads describe.
    func schedule(_ problem: FlatProblem) -> Schedule {
        Schedule(
            operations: (0..<problem.operationCount).map { i in
                ScheduledOperation(
                    id: problem.ids[i], machine: machineOf[i], start: head[i], end: head[i] + duration[i])
            })
    }

    /// What a restart needs to rebuild this state.
    var snapshot: Snapshot {
        Snapshot(machineOf: machineOf, sequences: sequences, makespan: makespan, score: score)
    }

    struct Snapshot: Sendable, Equatable {
        var machineOf: [Int]
        var sequences: [[Int]]
        var makespan: Int
        var score: Int
    }
}
