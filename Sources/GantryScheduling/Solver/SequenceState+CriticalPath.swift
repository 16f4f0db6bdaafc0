extension SequenceState {
    /// The critical segments of one critical path: maximal runs of operations that follow each other directly
    /// on one machine, with no slack (a run of two or more is a critical block; single operations matter for
    /// machine reassignment). Ties between critical predecessors are broken by `rng`, so that
    /// successive iterations look at different critical paths. Frozen operations are left out of the blocks.
    /// - Complexity: O(length of the path + fixed predecessors on it).
    ///
    /// The path ends at `end` when given (the last operation of a late job, for the tardiness objectives), else
    /// at a random operation that ends at the makespan.
    func criticalBlocks(_ problem: FlatProblem, rng: inout SplitMix64, end: Int? = nil) -> [[Int]] {
        var current = end ?? -1
        var ends = 0
        for operation in 0..<problem.operationCount
        where end == nil && head[operation] + duration[operation] == makespan {
            ends += 1
            if rng.below(ends) == 0 { current = operation }
        }
        guard current >= 0 else { return [] }
        var blocks: [[Int]] = []
        var block = [current]
        while problem.frozenStart[current] < 0 {
            var next = -1
            var viaMachine = false
            var tight = 0
            let previous = machinePrevious[current]
            if previous >= 0,
                head[previous] + duration[previous]
                    + problem.setup(on: machineOf[current], from: previous, to: current) == head[current]
            {
                (next, viaMachine, tight) = (previous, true, 1)
            }
            for k in problem.predecessorStart[current]..<problem.predecessorStart[current + 1] {
                let before = problem.predecessorList[k]
                guard head[before] + duration[before] == head[current] else { continue }
                tight += 1
                if rng.below(tight) == 0 { (next, viaMachine) = (before, false) }
            }
            guard next >= 0 else { break }
            if !viaMachine {
                blocks.append(block.reversed())
                block = []
            }
            block.append(next)
            current = next
        }
        if problem.frozenStart[block.last!] >= 0 { block.removeLast() }
        if !block.isEmpty { blocks.append(block.reversed()) }
        return blocks.reversed()
    }
}
