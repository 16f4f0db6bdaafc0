/// Moving one operation within its machine's sequence: remove it from `from` and insert it at `to`. A move
/// with `to > from` ("forward") puts it right after the operation now at `to`; `to < from` right before it.
struct Move: Sendable, Equatable {
    var operation: Int
    var from: Int
    var to: Int
    var forward: Bool { to > from }
}

extension SequenceState {
    /// The N7 neighbourhood of Zhang, Li, Guan and Rao (2007) on the given blocks (segments of two or more):
    /// each operation of a block moved to the block's front or back, and the block's first and last operations
    /// moved inside it, keeping only the moves that provably create no cycle (Balas and Vazacopoulos's
    /// conditions on heads and tails).
    /// - Complexity: O(Σ block lengths × fixed precedences per operation).
    func neighbourhood(_ problem: FlatProblem, blocks: [[Int]], into moves: inout [Move]) {
        moves.removeAll(keepingCapacity: true)
        for block in blocks where block.count >= 2 {
            let k = block.count
            let first = block[0]
            let last = block[k - 1]
            for i in 1..<k { appendIfAcyclic(problem, block[i], before: first, &moves) }
            for i in 0..<(k - 1) where !(k == 2 && i == 0) { appendIfAcyclic(problem, block[i], after: last, &moves) }
            if k > 3 {
                for i in 2..<(k - 1) { appendIfAcyclic(problem, first, after: block[i], &moves) }
                for i in 1..<(k - 2) { appendIfAcyclic(problem, last, before: block[i], &moves) }
            }
        }
    }

    /// Moving `u` right after `v` (later on the machine) closes a cycle only through a path from a fixed
    /// successor s of u to v, which would make tail(s) ≥ duration(v) + tail(v).
    private func appendIfAcyclic(_ problem: FlatProblem, _ u: Int, after v: Int, _ moves: inout [Move]) {
        for k in problem.successorStart[u]..<problem.successorStart[u + 1] {
            let after = problem.successorList[k]
            if tail[after] >= duration[v] + tail[v] { return }
        }
        moves.append(Move(operation: u, from: position[u], to: position[v]))
    }

    /// Moving `u` right before `v` (earlier on the machine) closes a cycle only through a path from v to a fixed
    /// predecessor x of u, which would make head(x) ≥ head(v) + duration(v).
    private func appendIfAcyclic(_ problem: FlatProblem, _ u: Int, before v: Int, _ moves: inout [Move]) {
        for k in problem.predecessorStart[u]..<problem.predecessorStart[u + 1] {
            let before = problem.predecessorList[k]
            if head[before] >= head[v] + duration[v] { return }
        }
        moves.append(Move(operation: u, from: position[u], to: position[v]))
    }

    /// The makespan after `move`, estimated as Balas and Vazacopoulos do: heads and tails are recomputed only
    /// for the operations between `from` and `to`, from their unchanged neighbours, and the longest path through
    /// them is the estimate. Exact for swaps without windows; close otherwise, and far cheaper than `evaluate`.
    /// - Complexity: O(|from − to| × fixed precedences per operation).
    func estimate(_ problem: FlatProblem, _ move: Move, scratch: inout [Int]) -> Int {
        let machine = machineOf[move.operation]
        let sequence = sequences[machine]
        let low = min(move.from, move.to)
        let high = max(move.from, move.to)
        let count = high - low + 1
        // The operation at new index low + i.
        @inline(__always) func at(_ i: Int) -> Int {
            if move.forward { return i == count - 1 ? move.operation : sequence[low + i + 1] }
            return i == 0 ? move.operation : sequence[low + i - 1]
        }
        if scratch.count < count { scratch = [Int](repeating: 0, count: count) }
        var previous = low > 0 ? sequence[low - 1] : -1
        for i in 0..<count {
            let operation = at(i)
            var start = problem.headFloor[operation]
            for k in problem.predecessorStart[operation]..<problem.predecessorStart[operation + 1] {
                let before = problem.predecessorList[k]
                start = max(start, head[before] + duration[before])
            }
            if previous >= 0 {
                let ready = (i == 0 ? head[previous] : scratch[i - 1]) + duration[previous]
                start = max(start, ready + problem.setup(on: machine, from: previous, to: operation))
            }
            scratch[i] = start
            previous = operation
        }
        var next = high + 1 < sequence.count ? sequence[high + 1] : -1
        var nextRest = next >= 0 ? duration[next] + tail[next] : 0
        var longest = 0
        for i in stride(from: count - 1, through: 0, by: -1) {
            let operation = at(i)
            var rest = 0
            for k in problem.successorStart[operation]..<problem.successorStart[operation + 1] {
                let after = problem.successorList[k]
                rest = max(rest, duration[after] + tail[after])
            }
            if next >= 0 { rest = max(rest, nextRest + problem.setup(on: machine, from: operation, to: next)) }
            longest = max(longest, scratch[i] + duration[operation] + rest)
            next = operation
            nextRest = duration[operation] + rest
        }
        return longest
    }
}
