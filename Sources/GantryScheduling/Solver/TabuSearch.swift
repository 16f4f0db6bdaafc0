/// One tabu search over machine orders (fixed machine assignment), in the line of Nowicki and Smutnicki's
/// TSAB and Zhang et al.'s TS: each iteration looks at the N7 moves on a critical path, estimates each move's
/// makespan cheaply, makes the best move that is not tabu (a tabu move only when it beats the best known
/// makespan), and forbids undoing it for a few iterations. After a long stall it restarts from one of its
/// best solutions (the elite), perturbed by a few random critical moves.
///
/// Everything random comes from one `SplitMix64`, so a search is reproducible from its seed for a given
/// iteration count. It does no I/O and reads no clock: its caller decides when to stop.
struct TabuSearch {
    enum Stop: Sendable, Equatable {
        /// The best makespan equals the lower bound: it is optimal.
        case lowerBound
        /// The iteration budget is spent or the caller asked to stop.
        case limit
        /// A critical path with no machine arc: no reordering can shorten it.
        case noMoves
    }

    let problem: FlatProblem
    let lowerBound: Int
    private(set) var state: SequenceState
    private(set) var best: SequenceState.Snapshot
    private(set) var iterations = 0
    private var rng: SplitMix64
    private var elite: [SequenceState.Snapshot]
    private var episodeBest: SequenceState.Snapshot
    /// `tabu[a * n + b]`: the iteration until which putting a before b again is forbidden.
    private var tabu: [Int]
    /// `assignmentTabu[operation * machineCount + machine]`: the iteration until which the operation may not
    /// go back to that machine (flexible job shops only).
    private var assignmentTabu: [Int]
    private var moves: [Move] = []
    private var reassignments: [(Reassignment, Int)] = []
    private var scratch: [Int] = []
    private let baseTenure: Int
    private let restartAfter: Int
    private static let eliteSize = 8

    /// A search starting from `start`'s orders when given (they must be acyclic, as `StartingOrders` makes
    /// them), otherwise from a most-work-remaining active schedule built with `seed`.
    /// - Precondition: the problem was validated (so the first solution is acyclic).
    init(
        _ problem: FlatProblem, lowerBound: Int, seed: UInt64, start: (machineOf: [Int], sequences: [[Int]])? = nil
    ) {
        self.problem = problem
        self.lowerBound = lowerBound
        rng = SplitMix64(seed: seed)
        let first = start ?? PriorityRule.mostWorkRemaining(problem, rng: &rng)
        state = SequenceState(problem, machineOf: first.machineOf, sequences: first.sequences)
        let acyclic = state.evaluate(problem)
        precondition(acyclic, "an active schedule or checked starting orders cannot contain a cycle")
        best = state.snapshot
        episodeBest = best
        elite = [best]
        let n = problem.operationCount
        tabu = [Int](repeating: 0, count: n * n)
        assignmentTabu = [Int](repeating: 0, count: problem.isFlexible ? n * problem.machineCount : 0)
        baseTenure = 10 + problem.jobCount / max(1, problem.machineCount)
        // Measured (informal, release, 2 workers, 10 s): swv01 1442→1429, swv06 1754→1709 against 10·n.
        restartAfter = max(5_000, 50 * n)
    }

    /// Runs until the lower bound, `iterationLimit` more iterations, or `shouldStop()` (asked every 32
    /// iterations); calls `improved(iteration, makespan, objective value, schedule)` on each new best, where
    /// `schedule` builds the new best's schedule when the caller wants it. `lowerBound` bounds
    /// the objective value.
    /// - Complexity: O(o + p + Σ block lengths²) per iteration for o operations and p fixed precedences.
    mutating func run(
        iterationLimit: Int, shouldStop: () -> Bool, improved: (Int, Int, Int, () -> Schedule) -> Void
    ) -> Stop {
        let n = problem.operationCount
        let exact = problem.objective != .makespan
        var stall = 0
        let end = iterations.addingReportingOverflow(iterationLimit).overflow ? Int.max : iterations + iterationLimit
        while iterations < end {
            if best.score <= lowerBound { return .lowerBound }
            if iterations % 32 == 0, shouldStop() { return .limit }
            iterations += 1
            let segments = state.criticalBlocks(problem, rng: &rng, end: pathEnd())
            state.neighbourhood(problem, blocks: segments, into: &moves)
            if problem.isFlexible { state.reassignments(problem, segments: segments, into: &reassignments) }
            guard !moves.isEmpty || !reassignments.isEmpty else {
                if problem.objective == .makespan, state.score == best.score { return .noMoves }
                stall += 1  // another late job may still be movable
                continue
            }
            var chosen = -1
            var chosenReassignment = -1
            var chosenEstimate = Int.max
            var ties = 0
            for (index, move) in moves.enumerated() {
                let estimate = exact ? exactScore(move) : state.estimate(problem, move, scratch: &scratch)
                guard estimate <= chosenEstimate else { continue }
                guard estimate < best.score || !isTabu(move, n) else { continue }
                if estimate < chosenEstimate {
                    (chosen, chosenEstimate, ties) = (index, estimate, 1)
                } else {
                    ties += 1
                    if rng.below(ties) == 0 { chosen = index }
                }
            }
            for (index, (move, approximate)) in reassignments.enumerated() {
                let estimate = exact ? exactScore(move) : approximate
                guard estimate <= chosenEstimate else { continue }
                let forbidden = assignmentTabu[move.operation * problem.machineCount + move.machine] > iterations
                guard estimate < best.score || !forbidden else { continue }
                if estimate < chosenEstimate {
                    (chosen, chosenReassignment, chosenEstimate, ties) = (-1, index, estimate, 1)
                } else {
                    ties += 1
                    if rng.below(ties) == 0 { (chosen, chosenReassignment) = (-1, index) }
                }
            }
            if chosen < 0 && chosenReassignment < 0 {
                // Everything is tabu: any move keeps the search going.
                let pick = rng.below(moves.count + reassignments.count)
                if pick < moves.count { chosen = pick } else { chosenReassignment = pick - moves.count }
            }
            if chosen >= 0 { apply(moves[chosen], n) } else { apply(reassignments[chosenReassignment].0) }
            if state.score < best.score {
                best = state.snapshot
                stall = 0
                improved(iterations, best.makespan, best.score) { state.schedule(problem) }
            } else {
                stall += 1
            }
            if state.score < episodeBest.score { episodeBest = state.snapshot }
            if stall > restartAfter {
                restart()
                stall = 0
            }
        }
        return best.score <= lowerBound ? .lowerBound : .limit
    }

    /// Where the critical path to improve ends: nil for the makespan's; for the tardiness objectives the last
    /// operation of a random late job (for a weighted sum, either, at even odds).
    private mutating func pathEnd() -> Int? {
        if problem.objective == .makespan { return nil }
        if case .weightedSum = problem.objective, rng.below(2) == 0 { return nil }
        var chosen: Int?
        var late = 0
        for job in 0..<problem.jobCount where problem.due[job] != Int.max && problem.weight[job] > 0 {
            let last = problem.lastOperation[job]
            guard state.head[last] + state.duration[last] > problem.due[job] else { continue }
            late += 1
            if rng.below(late) == 0 { chosen = last }
        }
        return chosen
    }

    /// The objective after `move`, computed exactly (for the tardiness objectives, which the makespan estimate
    /// does not predict); the state's orders are restored, its heads are left stale until the next `evaluate`.
    private mutating func exactScore(_ move: Move) -> Int {
        state.move(move.operation, to: move.to)
        let score = state.evaluate(problem) ? state.score : Int.max
        state.move(move.operation, to: move.from)
        return score
    }

    private mutating func exactScore(_ move: Reassignment) -> Int {
        let u = move.operation
        let back = Reassignment(
            operation: u, machine: state.machineOf[u], duration: state.duration[u], index: state.position[u])
        state.reassign(move)
        let score = state.evaluate(problem) ? state.score : Int.max
        state.reassign(back)
        return score
    }

    /// Whether `move` would put back an order that a recent move reversed.
    private func isTabu(_ move: Move, _ n: Int) -> Bool {
        let sequence = state.sequences[state.machineOf[move.operation]]
        let u = move.operation
        if move.forward {
            for index in (move.from + 1)...move.to where tabu[sequence[index] * n + u] > iterations { return true }
        } else {
            for index in move.to..<move.from where tabu[u * n + sequence[index]] > iterations { return true }
        }
        return false
    }

    /// Makes `move`, forbids reversing it for a random tenure, and re-evaluates (undoing a move that closed a
    /// cycle, which the acyclicity conditions should already exclude).
    private mutating func apply(_ move: Move, _ n: Int) {
        let u = move.operation
        let tenure = baseTenure + rng.below(baseTenure / 2 + 1)
        let sequence = state.sequences[state.machineOf[u]]
        if move.forward {
            for index in (move.from + 1)...move.to { tabu[u * n + sequence[index]] = iterations + tenure }
        } else {
            for index in move.to..<move.from { tabu[sequence[index] * n + u] = iterations + tenure }
        }
        state.move(u, to: move.to)
        if !state.evaluate(problem) {
            state.move(u, to: move.from)
            _ = state.evaluate(problem)
        }
    }

    /// Moves an operation to another machine, forbids moving it back for a random tenure, and re-evaluates
    /// (undoing a move that closed a cycle).
    private mutating func apply(_ move: Reassignment) {
        let u = move.operation
        let back = Reassignment(
            operation: u, machine: state.machineOf[u], duration: state.duration[u], index: state.position[u])
        let tenure = baseTenure + rng.below(baseTenure / 2 + 1)
        assignmentTabu[u * problem.machineCount + back.machine] = iterations + tenure
        state.reassign(move)
        if !state.evaluate(problem) {
            state.reassign(back)
            _ = state.evaluate(problem)
        }
    }

    /// Keeps the episode's best among the elite, then continues from a random elite solution shaken by a few
    /// random critical moves.
    private mutating func restart() {
        let candidate = episodeBest
        if !elite.contains(candidate) {
            elite.append(candidate)
            elite.sort { $0.score < $1.score }
            if elite.count > Self.eliteSize { elite.removeLast() }
        }
        let start = elite[rng.below(elite.count)]
        state = SequenceState(problem, machineOf: start.machineOf, sequences: start.sequences)
        _ = state.evaluate(problem)
        let n = problem.operationCount
        for _ in 0..<(2 + rng.below(6)) {
            let blocks = state.criticalBlocks(problem, rng: &rng)
            state.neighbourhood(problem, blocks: blocks, into: &moves)
            guard !moves.isEmpty else { break }
            apply(moves[rng.below(moves.count)], n)
        }
        episodeBest = state.snapshot
    }

    /// The best solution found, evaluated (its heads are the schedule).
    func bestState() -> SequenceState {
        var result = SequenceState(problem, machineOf: best.machineOf, sequences: best.sequences)
        _ = result.evaluate(problem)
        return result
    }
}
