import GantryCore

/// One alarm's ISA-18.2 / IEC 62682 state model as a pure value: it is told what the process condition
/// is, what operators do and what time it is, and answers with the journal entries of the transitions.
///
/// ```
/// normal ──condition active──► active_unacknowledged ──acknowledge──► active_acknowledged
///   ▲  ▲                           │          ▲                              │
///   │  │ acknowledge        clear  ▼          │ condition active             │ clear
///   │  └──────────────── returned_unacknowledged                             │
///   └────────────────────────────────────────────────────────────────────────┘
/// cycle state ──shelve(until)──► shelved ──unshelve / expiry──► per condition
/// any state ──suppress──► suppressed_by_design ──unsuppress──► per flags and condition
/// any state ──remove──► out_of_service ──return──► per flags and condition
/// ```
/// It does no I/O and reads no clock: every time is an argument, in milliseconds since the Unix epoch.
/// Invalid operator actions throw ``AlarmError``; they never trap.
public struct AlarmStateMachine: Hashable, Sendable, Codable {
    /// What the alarm is, as its rule defines it.
    public var definition: AlarmDefinition
    /// What the alarm is doing now.
    public internal(set) var status: AlarmStatus

    /// A new alarm in the normal state.
    public init(definition: AlarmDefinition) {
        self.definition = definition
        self.status = AlarmStatus(alarmID: definition.alarmID)
    }

    /// An alarm resuming a persisted status.
    public init(definition: AlarmDefinition, status: AlarmStatus) {
        self.definition = definition
        self.status = status
        self.status.alarmID = definition.alarmID
    }

    /// The state an operator sees.
    public var state: AlarmState { status.state }

    /// The next time at which ``timePassed(now:)`` will change something: a delay ending or a shelve
    /// expiring.
    public var nextDeadline: Int64? {
        switch (status.pending?.due, status.shelvedUntil) {
        case (let due?, let until?): min(due, until)
        case (let due, let until): due ?? until
        }
    }

    /// Reports the process condition at `time`, as evaluated from a usable sample.
    ///
    /// A change only counts once it has held for the rule's on-delay (to active) or off-delay (to clear);
    /// a change back within the delay cancels it. A delay that ended before `time` takes effect first.
    public mutating func observe(
        conditionActive: Bool, value: SampleValue?, quality: Quality.Severity = .good, at time: Int64
    ) -> [JournalEntry] {
        var journal: [JournalEntry] = []
        observe(conditionActive: conditionActive, value: value, quality: quality, at: time, into: &journal)
        return journal
    }

    /// Reports that the inputs at `time` cannot be trusted: the condition is held as it was, and the
    /// status shows the quality. Delays keep running.
    public mutating func observeUnusable(quality: Quality.Severity, at time: Int64) -> [JournalEntry] {
        var journal: [JournalEntry] = []
        holdCondition(quality: quality, at: time, into: &journal)
        return journal
    }

    /// Lets time pass to `now`: ends due delays and expired shelves, in the order they fell due.
    public mutating func timePassed(now: Int64) -> [JournalEntry] {
        var journal: [JournalEntry] = []
        timePassed(now: now, into: &journal)
        return journal
    }

    @inline(__always)
    mutating func observe(
        conditionActive active: Bool, value: SampleValue?, quality: Quality.Severity, at time: Int64,
        into journal: inout [JournalEntry]
    ) {
        if status.pending == nil, active == status.isConditionActive, quality == status.inputQuality {
            status.isRawConditionActive = active
            return
        }
        status.inputQuality = quality
        if let due = status.pending?.due, due <= time { timePassed(now: time, into: &journal) }
        status.isRawConditionActive = active
        if active == status.isConditionActive {
            status.pending = nil
            return
        }
        if let pending = status.pending, pending.isActive == active { return }
        let delay = active ? definition.onDelayMilliseconds : definition.offDelayMilliseconds
        if delay <= 0 {
            status.pending = nil
            applyCondition(active, value: value, at: time, into: &journal)
        } else {
            status.pending = PendingCondition(isActive: active, due: time + delay, value: value)
        }
    }

    mutating func holdCondition(quality: Quality.Severity, at time: Int64, into journal: inout [JournalEntry]) {
        status.inputQuality = quality
        if let due = status.pending?.due, due <= time { timePassed(now: time, into: &journal) }
    }

    mutating func timePassed(now: Int64, into journal: inout [JournalEntry]) {
        while true {
            let due = status.pending.map(\.due).flatMap { $0 <= now ? $0 : nil }
            let expiry = status.shelvedUntil.flatMap { $0 <= now ? $0 : nil }
            if let due, due <= (expiry ?? .max), let pending = status.pending {
                status.pending = nil
                applyCondition(pending.isActive, value: pending.value, at: due, into: &journal)
            } else if let expiry {
                status.shelvedUntil = nil
                leaveOverride(at: expiry, cause: .shelveExpired, user: nil, comment: nil, into: &journal)
            } else {
                return
            }
        }
    }

    /// The filtered condition changed: move through the annunciation cycle, or only remember it while
    /// shelved, suppressed or out of service.
    private mutating func applyCondition(
        _ active: Bool, value: SampleValue?, at time: Int64, into journal: inout [JournalEntry]
    ) {
        status.isConditionActive = active
        let next: AlarmState? =
            switch (status.state, active) {
            case (.normal, true), (.returnedUnacknowledged, true): .activeUnacknowledged
            case (.activeUnacknowledged, false): .returnedUnacknowledged
            case (.activeAcknowledged, false): .normal
            default: nil
            }
        guard let next else { return }
        if next == .activeUnacknowledged { status.acknowledgement = nil }
        journal.append(move(to: next, at: time, cause: .condition, user: nil, comment: nil, value: value))
    }

    /// The state the override flags and the condition dictate once an override ends.
    var dictatedState: AlarmState {
        if status.isOutOfService { return .outOfService }
        if status.isSuppressedByDesign { return .suppressedByDesign }
        if status.shelvedUntil != nil { return .shelved }
        return status.isConditionActive ? .activeUnacknowledged : .normal
    }

    /// An override flag was cleared: show what the remaining flags and the condition dictate.
    mutating func leaveOverride(
        at time: Int64, cause: JournalCause, user: String?, comment: String?, into journal: inout [JournalEntry]
    ) {
        let next = dictatedState
        guard next != status.state || user != nil else { return }
        if next == .activeUnacknowledged || next == .normal { status.acknowledgement = nil }
        journal.append(move(to: next, at: time, cause: cause, user: user, comment: comment, value: nil))
    }

    mutating func move(
        to next: AlarmState, at time: Int64, cause: JournalCause, user: String?, comment: String?,
        value: SampleValue?
    ) -> JournalEntry {
        let entry = JournalEntry(
            alarmID: definition.alarmID, ruleID: definition.ruleID, asset: definition.asset, from: status.state,
            to: next, time: time, cause: cause, user: user, comment: comment, value: value,
            priority: definition.priority, message: definition.message)
        if next != status.state { status.since = time }
        status.state = next
        return entry
    }
}
