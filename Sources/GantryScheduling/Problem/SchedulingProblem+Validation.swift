extension SchedulingProblem {
    /// Checks that a solver can take the problem, and throws the first reason it cannot.
    ///
    /// Each error names the job and operation (or machine, or window) at fault and says what would fix it.
    /// - Complexity: O(o + p + f² + w·f + Σ setup matrix sizes) for o operations, p precedences,
    ///   f frozen operations and w windows.
    public func validate() throws(SchedulingError) {
        guard machineCount >= 0 else {
            throw SchedulingError(.unknownMachine, "the machine count is \(machineCount); it cannot be negative")
        }
        if case .weightedSum(let makespanWeight, let tardinessWeight) = objective,
            makespanWeight < 0 || tardinessWeight < 0
        {
            throw SchedulingError(.invalidObjective, "the weights of a weighted-sum objective cannot be negative")
        }
        try validateJobs()
        try validatePrecedences()
        try validateSetups()
        try validateWindows()
        try validateFrozen()
        try validateAcyclic()
    }

    private func validateJobs() throws(SchedulingError) {
        for (j, job) in jobs.enumerated() {
            let label = describeJob(j)
            guard !job.operations.isEmpty else {
                throw SchedulingError(.invalidJob, "\(label) has no operations; remove it or give it one", job: j)
            }
            guard job.release >= 0 else {
                throw SchedulingError(.invalidJob, "\(label) has a negative release date \(job.release)", job: j)
            }
            guard job.weight >= 0 else {
                throw SchedulingError(.invalidJob, "\(label) has a negative weight \(job.weight)", job: j)
            }
            for (o, operation) in job.operations.enumerated() {
                let id = OperationID(job: j, operation: o)
                guard !operation.alternatives.isEmpty else {
                    throw SchedulingError(
                        .operationWithoutMachine, "\(describe(id)) has no machine that can run it; add an alternative",
                        job: j, operation: o)
                }
                var seen = Set<Int>()
                for alternative in operation.alternatives {
                    guard (0..<machineCount).contains(alternative.machine) else {
                        throw SchedulingError(
                            .unknownMachine,
                            "\(describe(id)) names machine \(alternative.machine), but machines are 0…\(machineCount - 1)",
                            job: j, operation: o)
                    }
                    guard alternative.duration >= 0 else {
                        throw SchedulingError(
                            .negativeDuration,
                            "\(describe(id)) takes \(alternative.duration) on machine \(alternative.machine); "
                                + "a duration cannot be negative",
                            job: j, operation: o)
                    }
                    guard seen.insert(alternative.machine).inserted else {
                        throw SchedulingError(
                            .unknownMachine, "\(describe(id)) lists machine \(alternative.machine) twice",
                            job: j, operation: o)
                    }
                }
            }
        }
    }

    private func validatePrecedences() throws(SchedulingError) {
        for precedence in precedences {
            for id in [precedence.before, precedence.after] where operation(id) == nil {
                throw SchedulingError(
                    .unknownOperation, "a precedence refers to \(id), which does not exist", job: id.job,
                    operation: id.operation)
            }
        }
    }

    private func validateSetups() throws(SchedulingError) {
        for (machine, matrix) in setups.times {
            guard (0..<machineCount).contains(machine) else {
                throw SchedulingError(
                    .invalidSetup, "setup times are given for machine \(machine), which does not exist")
            }
            guard matrix.count == jobs.count, matrix.allSatisfy({ $0.count == jobs.count }) else {
                throw SchedulingError(
                    .invalidSetup, "the setup matrix of machine \(machine) must be \(jobs.count) × \(jobs.count)")
            }
            for (from, row) in matrix.enumerated() {
                if let to = row.firstIndex(where: { $0 < 0 }) {
                    throw SchedulingError(
                        .invalidSetup, "the setup on machine \(machine) from job \(from) to job \(to) is negative",
                        job: from)
                }
            }
        }
    }

    private func validateWindows() throws(SchedulingError) {
        for window in windows {
            guard (0..<machineCount).contains(window.machine) else {
                throw SchedulingError(
                    .invalidWindow, "an unavailability window is on machine \(window.machine), which does not exist")
            }
            guard window.start < window.end else {
                throw SchedulingError(
                    .invalidWindow,
                    "the unavailability window \(window.start)..<\(window.end) on machine \(window.machine) is empty")
            }
        }
    }

    private func validateFrozen() throws(SchedulingError) {
        var frozenByID: [OperationID: FrozenOperation] = [:]
        for frozenOperation in frozen {
            let id = frozenOperation.id
            guard let operation = operation(id) else {
                throw SchedulingError(
                    .unknownOperation, "a frozen operation refers to \(id), which does not exist", job: id.job,
                    operation: id.operation)
            }
            guard operation.duration(on: frozenOperation.machine) != nil else {
                throw SchedulingError(
                    .invalidFrozen,
                    "\(describe(id)) is frozen on machine \(frozenOperation.machine), which cannot run it",
                    job: id.job, operation: id.operation)
            }
            guard frozenOperation.start >= 0, frozenByID.updateValue(frozenOperation, forKey: id) == nil else {
                throw SchedulingError(
                    .invalidFrozen, "\(describe(id)) is frozen twice or at a negative start", job: id.job,
                    operation: id.operation)
            }
        }
        func end(_ f: FrozenOperation) -> Int { f.start + (operation(f.id)?.duration(on: f.machine) ?? 0) }
        for f in frozen {
            for predecessor in predecessors(of: f.id) {
                guard let p = frozenByID[predecessor] else {
                    throw SchedulingError(
                        .invalidFrozen,
                        "\(describe(f.id)) is frozen but its predecessor \(describe(predecessor)) is not; freeze it too",
                        job: f.id.job, operation: f.id.operation)
                }
                guard end(p) <= f.start else {
                    throw SchedulingError(
                        .invalidFrozen,
                        "\(describe(f.id)) is frozen at \(f.start), before its predecessor \(describe(predecessor)) "
                            + "ends at \(end(p))",
                        job: f.id.job, operation: f.id.operation)
                }
            }
            for g in frozen where f.id < g.id && g.machine == f.machine && f.start < end(g) && g.start < end(f) {
                throw SchedulingError(
                    .invalidFrozen,
                    "\(describe(f.id)) and \(describe(g.id)) are frozen at overlapping times on machine \(f.machine)",
                    job: f.id.job, operation: f.id.operation)
            }
            for window in windows where window.machine == f.machine && f.start < window.end && end(f) > window.start {
                throw SchedulingError(
                    .invalidFrozen,
                    "\(describe(f.id)) is frozen at \(f.start)..<\(end(f)), inside the unavailability window "
                        + "\(window.start)..<\(window.end) of machine \(f.machine)",
                    job: f.id.job, operation: f.id.operation)
            }
        }
    }

    /// The operations that must end before `id` starts: the one before it in its route and extra precedences.
    func predecessors(of id: OperationID) -> [OperationID] {
        var result: [OperationID] = []
        if id.operation > 0 { result.append(OperationID(job: id.job, operation: id.operation - 1)) }
        for precedence in precedences where precedence.after == id { result.append(precedence.before) }
        return result
    }

    private func validateAcyclic() throws(SchedulingError) {
        guard !precedences.isEmpty else { return }  // routes alone are chains
        let ids = operationIDs
        let index = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        var successors = [[Int]](repeating: [], count: ids.count)
        var predecessorsOf = [[Int]](repeating: [], count: ids.count)
        func link(_ a: OperationID, _ b: OperationID) {
            successors[index[a]!].append(index[b]!)
            predecessorsOf[index[b]!].append(index[a]!)
        }
        for id in ids where id.operation > 0 { link(OperationID(job: id.job, operation: id.operation - 1), id) }
        for precedence in precedences { link(precedence.before, precedence.after) }
        var inDegree = predecessorsOf.map(\.count)
        var ready = inDegree.indices.filter { inDegree[$0] == 0 }
        var done = [Bool](repeating: false, count: ids.count)
        while let node = ready.popLast() {
            done[node] = true
            for next in successors[node] {
                inDegree[next] -= 1
                if inDegree[next] == 0 { ready.append(next) }
            }
        }
        guard var node = done.firstIndex(of: false) else { return }
        // Every node left has a predecessor left; walking back ids.count steps lands on the cycle itself.
        for _ in 0..<ids.count { node = predecessorsOf[node].first { !done[$0] }! }
        var cycle = [node]
        var next = predecessorsOf[node].first { !done[$0] }!
        while next != node {
            cycle.append(next)
            next = predecessorsOf[next].first { !done[$0] }!
        }
        let path = ([node] + cycle.reversed()).map { describe(ids[$0]) }.joined(separator: " → ")
        throw SchedulingError(
            .cycle, "\(describe(ids[node])) must come after itself through the precedences \(path); remove one",
            job: ids[node].job, operation: ids[node].operation)
    }
}
