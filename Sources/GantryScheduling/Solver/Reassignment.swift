/// Moving an operation of a flexible job shop to another of its machines, inserted before the operation now
/// at `index` there (at the end when `index` is the sequence's length).
struct Reassignment: Sendable, Equatable {
    var operation: Int
    var machine: Int
    var duration: Int
    var index: Int
}

extension SequenceState {
    /// For each operation of the critical segments and each other machine that can run it, the insertion
    /// that the estimate prefers, with that estimate; only insertions that provably create no cycle count.
    ///
    /// The estimate is the longest path through the moved operation with its new neighbours (the relief on its
    /// old machine is not counted), as in Mastrolilli and Gambardella's neighbourhood for the flexible job shop.
    /// - Complexity: O(Σ segment lengths × alternatives × machine sequence length).
    func reassignments(_ problem: FlatProblem, segments: [[Int]], into candidates: inout [(Reassignment, Int)]) {
        candidates.removeAll(keepingCapacity: true)
        for segment in segments {
            for u in segment where problem.alternatives[u].count > 1 && problem.frozenStart[u] < 0 {
                var ready = problem.headFloor[u]
                var latestPredecessor = Int.min  // the largest head among fixed predecessors
                for k in problem.predecessorStart[u]..<problem.predecessorStart[u + 1] {
                    let before = problem.predecessorList[k]
                    ready = max(ready, head[before] + duration[before])
                    latestPredecessor = max(latestPredecessor, head[before])
                }
                var rest = 0
                var longestSuccessorTail = Int.min
                for k in problem.successorStart[u]..<problem.successorStart[u + 1] {
                    let after = problem.successorList[k]
                    rest = max(rest, duration[after] + tail[after])
                    longestSuccessorTail = max(longestSuccessorTail, tail[after])
                }
                for alternative in problem.alternatives[u] where alternative.machine != machineOf[u] {
                    let machine = alternative.machine
                    let sequence = sequences[machine]
                    var best: Reassignment?
                    var bestEstimate = Int.max
                    for index in 0...sequence.count {
                        let a = index > 0 ? sequence[index - 1] : -1
                        let b = index < sequence.count ? sequence[index] : -1
                        // A cycle needs a path from a successor of u to a, or from b to a predecessor of u.
                        if a >= 0, longestSuccessorTail >= duration[a] + tail[a] { continue }
                        if b >= 0, latestPredecessor >= head[b] + duration[b] { continue }
                        if b >= 0, problem.frozenStart[b] >= 0 { continue }  // frozen operations stay first
                        var start = ready
                        if a >= 0 {
                            start = max(start, head[a] + duration[a] + problem.setup(on: machine, from: a, to: u))
                        }
                        var after = rest
                        if b >= 0 {
                            after = max(after, problem.setup(on: machine, from: u, to: b) + duration[b] + tail[b])
                        }
                        let estimate = start + alternative.duration + after
                        if estimate < bestEstimate {
                            bestEstimate = estimate
                            best = Reassignment(
                                operation: u, machine: machine, duration: alternative.duration, index: index)
                        }
                    }
                    if let best { candidates.append((best, bestEstimate)) }
                }
            }
        }
    }

    /// Puts `move.operation` on `move.machine` at `move.index`.
    /// - Complexity: O(length of the two machine sequences).
    mutating func reassign(_ move: Reassignment) {
        let u = move.operation
        let old = machineOf[u]
        let from = position[u]
        sequences[old].remove(at: from)
        relinkTail(of: old, from: max(0, from - 1))
        sequences[move.machine].insert(u, at: move.index)
        machineOf[u] = move.machine
        duration[u] = move.duration
        relinkTail(of: move.machine, from: max(0, move.index - 1))
    }
}
