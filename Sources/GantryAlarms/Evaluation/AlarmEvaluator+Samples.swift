import GantryCore

extension AlarmEvaluator {
    /// Evaluates one sample of the tag with id `tagID` against every alarm that reads it, appending the
    /// transitions to `journal`: the hot path.
    ///
    /// A sample of bad quality (or a non-numeric value on an analog rule) does not count as a measurement:
    /// the alarms reading it hold their condition and show the quality, and rate-of-change compares the
    /// next good sample with the last good one. Uncertain samples are evaluated and shown as uncertain.
    ///
    /// - Complexity: O(alarms reading the tag); no allocation unless a transition is appended.
    public mutating func evaluate(
        tagID: Int, time: Int64, value: SampleValue, quality: Quality = .good, into journal: inout [JournalEntry]
    ) {
        guard tagID >= 0, tagID < tags.watchers.count else { return }
        let number = Self.number(value)
        let severity = quality.severity
        let usability: TagTable.Usability =
            switch severity {
            case .good: .good
            case .uncertain: .uncertain
            case .bad: .bad
            }
        let previousValue = tags.values[tagID]
        let previousTime = tags.times[tagID]
        tags.usability[tagID] = usability
        if usability != .bad {
            tags.values[tagID] = number
            tags.times[tagID] = time
        }
        let watchers = tags.watchers[tagID]
        for watcher in watchers {
            let slot = Int(watcher)
            let alarm = compiled[slot]
            var active = false
            var evaluated = true
            var inputs = number.isNaN && alarm.kind != .discrete ? .bad : usability
            let wasActive = machines[slot].status.isRawConditionActive
            switch alarm.kind {
            case .vacant:
                continue
            case .high:
                active = alarm.exceeds(number, wasActive: wasActive)
            case .low:
                active = alarm.fallsBelow(number, wasActive: wasActive)
            case .rateOfChange:
                // The first usable sample (or one out of order) has nothing to compare with: hold.
                if previousTime == .min || time <= previousTime {
                    evaluated = false
                } else {
                    let perSecond = abs(number - previousValue) * 1000 / Double(time - previousTime)
                    active = alarm.exceeds(perSecond, wasActive: wasActive)
                }
            case .deviation:
                let measured = Int(alarm.tag)
                let setpoint = Int(alarm.other)
                let deviation = abs(tags.values[measured] - tags.values[setpoint])
                inputs = deviation.isNaN ? .bad : TagTable.worst(tags.usability[measured], tags.usability[setpoint])
                active = alarm.exceeds(deviation, wasActive: wasActive)
            case .discrete:
                active = discreteStates[slot]?.matches(value) ?? false
            case .expression:
                guard let program = programs[slot] else { continue }
                for tag in program.tags {
                    inputs = TagTable.worst(inputs, tags.usability[Int(tag)])
                }
                if inputs == .good || inputs == .uncertain { active = program.isTrue(values: tags.values) }
            }
            switch (inputs, evaluated) {
            case (.good, true):
                machines[slot].observe(conditionActive: active, value: value, quality: .good, at: time, into: &journal)
            case (.uncertain, true):
                machines[slot].observe(
                    conditionActive: active, value: value, quality: .uncertain, at: time, into: &journal)
            case (.good, false):
                machines[slot].holdCondition(quality: .good, at: time, into: &journal)
            default:
                machines[slot].holdCondition(
                    quality: inputs == .uncertain ? .uncertain : .bad, at: time, into: &journal)
            }
            if machines[slot].status.pending != nil { schedule(slot) }
        }
    }

    /// Evaluates one sample of `tag`; a tag no rule reads returns no transitions.
    public mutating func evaluate(
        tag: TagPath, time: Int64, value: SampleValue, quality: Quality = .good
    ) -> [JournalEntry] {
        guard let id = tags.id(of: tag) else { return [] }
        var journal: [JournalEntry] = []
        evaluate(tagID: Int(id), time: time, value: value, quality: quality, into: &journal)
        return journal
    }

    /// Evaluates one telemetry point of `tag`.
    public mutating func evaluate(tag: TagPath, point: TelemetryPoint) -> [JournalEntry] {
        evaluate(tag: tag, time: point.timestamp, value: point.value, quality: point.quality)
    }

    /// A sample as a number for analog rules: booleans are 1 and 0, a state name is not a number (NaN).
    @inline(__always)
    static func number(_ value: SampleValue) -> Double {
        switch value {
        case .double(let number): number
        case .int(let number): Double(number)
        case .bool(let flag): flag ? 1 : 0
        case .string: .nan
        }
    }
}
