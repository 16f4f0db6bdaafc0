import GantryCore

/// Holds the loaded rules and their alarms' states, turns samples into alarm transitions, and carries out
/// operator actions: the whole alarm system of one tenant (or plant) as a single value.
///
/// The sample path is built for rate: each tag has a dense id (``tagID(registering:)``) and the list of
/// alarms that read it, so a sample touches only those alarms, hashes nothing and allocates nothing unless
/// a transition happens. On- and off-delays and shelve expiries sit in a min-heap, so ``tick(now:)`` costs
/// one comparison when nothing is due.
///
/// It is a value with no locks and no clock: an actor (or one thread) owns it, and every time is passed in,
/// in milliseconds since the Unix epoch.
///
/// - Complexity: a sample costs O(alarms reading its tag); ``tick(now:)`` O(1) when nothing is due, and
///   O(log d) per due deadline; adding a rule O(alarms × tags it reads); removing one O(its tags' watchers).
public struct AlarmEvaluator: Sendable {
    var tags = TagTable()
    /// Alarm conditions by slot; ``machines``, ``discreteStates`` and ``programs`` share the slots.
    var compiled: [CompiledAlarm] = []
    var machines: [AlarmStateMachine] = []
    var discreteStates: [DiscreteState?] = []
    var programs: [ExpressionProgram?] = []
    /// The earliest deadline of each slot already in ``deadlines`` (`Int64.max` for none).
    var scheduled: [Int64] = []
    var freeSlots: [Int32] = []
    var deadlines = DeadlineHeap()
    var slotsByAlarm: [String: Int32] = [:]
    var rulesByID: [String: AlarmRule] = [:]
    var slotsByRule: [String: [Int32]] = [:]

    /// An evaluator with no rules.
    public init() {}

    /// An evaluator with `rules` loaded; throws on the first invalid or duplicate rule.
    public init(rules: [AlarmRule]) throws(AlarmError) {
        for rule in rules {
            try add(rule)
        }
    }

    /// The dense id of `tag`, handed out now if the evaluator has not seen it. Ids are never reused; resolve
    /// a tag once and pass the id to ``evaluate(tagID:time:value:quality:into:)``.
    public mutating func tagID(registering tag: TagPath) -> Int { Int(tags.register(tag)) }

    /// The id of `tag`, or `nil` if no rule has read it and nobody registered it.
    public func tagID(of tag: TagPath) -> Int? { tags.id(of: tag).map(Int.init) }

    /// Whether any loaded alarm reads the tag with id `tagID`: samples of other tags can be skipped.
    public func isWatched(tagID: Int) -> Bool {
        tagID >= 0 && tagID < tags.watchers.count && !tags.watchers[tagID].isEmpty
    }

    /// The loaded rules, by id.
    public var rules: [AlarmRule] { rulesByID.values.sorted { $0.id < $1.id } }

    /// The rule with `id`, if loaded.
    public func rule(id: String) -> AlarmRule? { rulesByID[id] }

    /// The alarm with `alarmID`: its definition and status.
    public func alarm(_ alarmID: String) -> AlarmStateMachine? {
        slotsByAlarm[alarmID].map { machines[Int($0)] }
    }

    /// How many alarms the loaded (enabled) rules raise.
    public var alarmCount: Int { slotsByAlarm.count }

    /// The next time ``tick(now:)`` has something to do, if any (possibly a cancelled delay).
    public var nextDeadline: Int64? { deadlines.minimum?.deadline }

    /// Ends the delays and shelves due by `now`, returning the transitions in deadline order.
    public mutating func tick(now: Int64) -> [JournalEntry] {
        var journal: [JournalEntry] = []
        tick(now: now, into: &journal)
        return journal
    }

    /// ``tick(now:)`` appending to a caller's buffer.
    public mutating func tick(now: Int64, into journal: inout [JournalEntry]) {
        while let entry = deadlines.minimum, entry.deadline <= now {
            _ = deadlines.popMinimum()
            let slot = Int(entry.slot)
            guard compiled[slot].kind != .vacant else { continue }
            if scheduled[slot] == entry.deadline { scheduled[slot] = .max }
            machines[slot].timePassed(now: now, into: &journal)
            schedule(slot)
        }
    }

    /// Puts the slot's next deadline on the heap unless an earlier or equal one is already there.
    @inline(__always)
    mutating func schedule(_ slot: Int) {
        guard let deadline = machines[slot].nextDeadline, deadline < scheduled[slot] else { return }
        scheduled[slot] = deadline
        deadlines.push(deadline, slot: Int32(slot))
    }
}
