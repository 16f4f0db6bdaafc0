/// Builds a first solution with Giffler and Thompson's active-schedule generation and the "most work
/// remaining" rule, which the search then improves.
///
/// At each step the operation that could end first fixes a machine; among the operations that could start on
/// that machine before then, the one whose job has the most work left goes next (ties broken by `rng`, so that
/// each worker starts elsewhere). For a flexible job shop every alternative machine is tried, which also
/// chooses the machines. Frozen operations are placed first, at their start.
enum PriorityRule {
    /// - Complexity: O(o² · a) for o operations with a alternatives each.
    static func mostWorkRemaining(
        _ problem: FlatProblem, rng: inout SplitMix64
    ) -> (machineOf: [Int], sequences: [[Int]]) {
        let n = problem.operationCount
        var machineOf = [Int](repeating: -1, count: n)
        var sequences = [[Int]](repeating: [], count: problem.machineCount)
        var end = [Int](repeating: 0, count: n)
        var machineReady = [Int](repeating: 0, count: problem.machineCount)
        var last = [Int](repeating: -1, count: problem.machineCount)
        var waiting = (0..<n).map { problem.predecessorStart[$0 + 1] - problem.predecessorStart[$0] }
        var remaining = [Int](repeating: 0, count: n)
        for operation in problem.fixedOrder.reversed() {
            var after = 0
            for k in problem.successorStart[operation]..<problem.successorStart[operation + 1] {
                after = max(after, remaining[problem.successorList[k]])
            }
            remaining[operation] = problem.minimumDuration(operation) + after
        }
        var available: [Int] = []
        func release(_ operation: Int) {
            for k in problem.successorStart[operation]..<problem.successorStart[operation + 1] {
                let next = problem.successorList[k]
                waiting[next] -= 1
                if waiting[next] == 0, problem.frozenStart[next] < 0 { available.append(next) }
            }
        }
        let frozen = (0..<n).filter { problem.frozenStart[$0] >= 0 }.sorted {
            (problem.frozenStart[$0], $0) < (problem.frozenStart[$1], $1)
        }
        for operation in frozen {
            let machine = problem.frozenMachine[operation]
            machineOf[operation] = machine
            let duration = problem.alternatives[operation].first { $0.machine == machine }!.duration
            end[operation] = problem.frozenStart[operation] + duration
            sequences[machine].append(operation)
            machineReady[machine] = max(machineReady[machine], end[operation])
            last[machine] = operation
        }
        available = (0..<n).filter { waiting[$0] == 0 && problem.frozenStart[$0] < 0 }
        for operation in frozen { release(operation) }

        func earliestStart(_ operation: Int, on machine: Int, duration: Int) -> Int {
            var start = problem.headFloor[operation]
            for k in problem.predecessorStart[operation]..<problem.predecessorStart[operation + 1] {
                start = max(start, end[problem.predecessorList[k]])
            }
            let previous = last[machine]
            if previous >= 0 {
                start = max(start, machineReady[machine] + problem.setup(on: machine, from: previous, to: operation))
            }
            return problem.earliestStart(on: machine, at: start, duration: duration)
        }

        while !available.isEmpty {
            var bestEnd = Int.max
            var bestMachine = -1
            for operation in available {
                for alternative in problem.alternatives[operation] {
                    let finish =
                        earliestStart(operation, on: alternative.machine, duration: alternative.duration)
                        + alternative.duration
                    if finish < bestEnd { (bestEnd, bestMachine) = (finish, alternative.machine) }
                }
            }
            var chosen = -1
            var chosenStart = 0
            var chosenWork = Int.min
            var ties = 0
            for (index, operation) in available.enumerated() {
                guard
                    let duration = problem.alternatives[operation].first(where: { $0.machine == bestMachine })?.duration
                else { continue }
                let start = earliestStart(operation, on: bestMachine, duration: duration)
                guard start < bestEnd || (start == bestEnd && duration == 0) else { continue }
                let work = remaining[operation]
                if work > chosenWork {
                    (chosen, chosenStart, chosenWork, ties) = (index, start, work, 1)
                } else if work == chosenWork {
                    ties += 1
                    if rng.below(ties) == 0 { (chosen, chosenStart) = (index, start) }
                }
            }
            let operation = available.remove(at: chosen)
            machineOf[operation] = bestMachine
            end[operation] = chosenStart + problem.alternatives[operation].first { $0.machine == bestMachine }!.duration
            sequences[bestMachine].append(operation)
            machineReady[bestMachine] = end[operation]
            last[bestMachine] = operation
            release(operation)
        }
        return (machineOf, sequences)
    }
}
