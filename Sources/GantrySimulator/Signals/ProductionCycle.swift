/// The state of a production cell and its part counters: it runs for a while, then goes idle (waiting for
/// material), down (a breakdown) or into setup (a program change), and comes back to running.
///
/// Shared by the CNC machines and the assembly cell, so their states and counts mean the same thing.
struct ProductionCycle: Sendable, Hashable {
    /// The states a cell reports in its `state` tag.
    enum State: String, Sendable, Hashable, CaseIterable {
        case running, idle, down, setup
    }

    private let noise: SeededNoise
    /// Seconds per part, around which each cycle varies.
    private let cycleSeconds: ClosedRange<Double>
    private let scrapRate: Double
    private(set) var state: State = .setup
    private var stateEndsAt: Int64?
    private var partProgress = 0.0
    private var partTarget: Double
    private(set) var goodCount: Int64 = 0
    private(set) var scrapCount: Int64 = 0
    private(set) var lastCycleSeconds: Double = 0
    /// Setups done, so the program changes with each.
    private(set) var setups = 0
    /// Where in the current part's cycle the cell is, 0 to 1.
    var partFraction: Double { partProgress / partTarget }

    init(noise: SeededNoise, cycleSeconds: ClosedRange<Double>, scrapRate: Double) {
        self.noise = noise
        self.cycleSeconds = cycleSeconds
        self.scrapRate = scrapRate
        self.partTarget = cycleSeconds.lowerBound
    }

    /// Runs one tick: finishes a part when its cycle is done, and changes state when the current one ends.
    mutating func advance(_ tick: Int64) {
        guard let ends = stateEndsAt else {
            enter(state, at: tick, counting: false)
            return
        }
        if state == .running {
            partProgress += tickSeconds
            if partProgress >= partTarget {
                if noise.chance(scrapRate, 40, tick) { scrapCount += 1 } else { goodCount += 1 }
                lastCycleSeconds = partProgress
                partProgress = 0
                partTarget = noise.uniform(cycleSeconds, 41, tick)
            }
        }
        guard tick >= ends else { return }
        let next: State
        switch state {
        case .running:
            let draw = noise.uniform(42, tick)
            next = draw < 0.55 ? .idle : draw < 0.75 ? .down : .setup
        case .idle, .down, .setup:
            next = .running
        }
        enter(next, at: tick)
    }

    /// Switches to `next` for a random while; `counting` false for the state the cell starts in.
    private mutating func enter(_ next: State, at tick: Int64, counting: Bool = true) {
        let minutes: ClosedRange<Double> =
            switch next {
            case .running: 12...30
            case .idle: 2...6
            case .down: 3...10
            case .setup: 4...12
            }
        if next == .setup && counting { setups += 1 }
        state = next
        stateEndsAt = tick + Int64(noise.uniform(minutes, 43, tick) * 60 / tickSeconds)
    }
}
