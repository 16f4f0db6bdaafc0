import GantryCore

extension AlarmEvaluator {
    /// Validates and loads `rule`; its alarms start normal. A disabled rule is kept but raises no alarm.
    public mutating func add(_ rule: AlarmRule) throws(AlarmError) {
        try rule.validate()
        guard rulesByID[rule.id] == nil else {
            throw AlarmError(.duplicateRule, "a rule with id '\(rule.id)' is already loaded; replace it instead")
        }
        rulesByID[rule.id] = rule
        guard rule.isEnabled else { return }
        var slots: [Int32] = []
        let conditions = compile(rule)
        for (definition, (alarm, discrete, expression)) in zip(rule.alarms, conditions) {
            let slot = allocateSlot()
            compiled[slot] = alarm
            machines[slot] = AlarmStateMachine(definition: definition)
            discreteStates[slot] = discrete
            programs[slot] = expression
            scheduled[slot] = .max
            slotsByAlarm[definition.alarmID] = Int32(slot)
            for tag in expression?.tags ?? (alarm.kind == .deviation ? [alarm.tag, alarm.other] : [alarm.tag]) {
                tags.watchers[Int(tag)].append(Int32(slot))
            }
            slots.append(Int32(slot))
        }
        slotsByRule[rule.id] = slots
    }

    /// Unloads the rule with `id` and forgets its alarms' states, returning their last statuses.
    @discardableResult
    public mutating func remove(ruleID id: String) throws(AlarmError) -> [AlarmStatus] {
        guard rulesByID.removeValue(forKey: id) != nil else {
            throw AlarmError(.unknownRule, "no rule with id '\(id)' is loaded")
        }
        var statuses: [AlarmStatus] = []
        for slot in slotsByRule.removeValue(forKey: id) ?? [] {
            let index = Int(slot)
            statuses.append(machines[index].status)
            let alarm = compiled[index]
            for tag in programs[index]?.tags ?? (alarm.kind == .deviation ? [alarm.tag, alarm.other] : [alarm.tag]) {
                tags.watchers[Int(tag)].removeAll { $0 == slot }
            }
            slotsByAlarm[machines[index].definition.alarmID] = nil
            compiled[index] = .vacant
            machines[index] = Self.vacantMachine
            discreteStates[index] = nil
            programs[index] = nil
            scheduled[index] = .max
            freeSlots.append(slot)
        }
        return statuses
    }

    /// Replaces the loaded rule with the same id. Alarms whose id survives keep their status (an operator's
    /// acknowledgement or shelve is not lost by editing a message or a threshold); the next sample
    /// re-evaluates their condition.
    public mutating func replace(_ rule: AlarmRule) throws(AlarmError) {
        try rule.validate()
        guard let old = rulesByID[rule.id] else {
            throw AlarmError(.unknownRule, "no rule with id '\(rule.id)' is loaded; add it instead")
        }
        let statuses = try remove(ruleID: rule.id)
        do {
            try add(rule)
        } catch {
            try? add(old)
            throw error
        }
        _ = restore(statuses)
    }

    /// A placeholder in free slots.
    static let vacantMachine = AlarmStateMachine(
        definition: AlarmDefinition(alarmID: "", ruleID: "", asset: .root, priority: .low, message: ""))

    private mutating func allocateSlot() -> Int {
        if let slot = freeSlots.popLast() { return Int(slot) }
        compiled.append(.vacant)
        machines.append(Self.vacantMachine)
        discreteStates.append(nil)
        programs.append(nil)
        scheduled.append(.max)
        return compiled.count - 1
    }

    /// The compiled condition of each of the rule's alarms, in the order of ``AlarmRule/alarms``.
    private mutating func compile(
        _ rule: AlarmRule
    ) -> [(CompiledAlarm, DiscreteState?, ExpressionProgram?)] {
        func alarm(
            _ kind: CompiledAlarm.Kind, _ tag: TagPath, other: TagPath? = nil, limit: Double, deadband: Double
        )
            -> (CompiledAlarm, DiscreteState?, ExpressionProgram?)
        {
            let otherID = other.map { tags.register($0) } ?? -1
            return (
                CompiledAlarm(kind: kind, tag: tags.register(tag), other: otherID, limit: limit, deadband: deadband),
                nil, nil
            )
        }
        switch rule.condition {
        case .limit(let limit):
            return limit.thresholds.map { level, threshold in
                alarm(level.isHigh ? .high : .low, limit.tag, limit: threshold.value, deadband: limit.deadband)
            }
        case .rateOfChange(let rate):
            return [alarm(.rateOfChange, rate.tag, limit: rate.limitPerSecond, deadband: rate.deadband)]
        case .deviation(let deviation):
            return [
                alarm(
                    .deviation, deviation.tag, other: deviation.setpoint, limit: deviation.limit,
                    deadband: deviation.deadband)
            ]
        case .discrete(let discrete):
            var compiled = alarm(.discrete, discrete.tag, limit: 0, deadband: 0)
            compiled.1 = discrete.alarmState
            return [compiled]
        case .expression(let expression):
            let ids = rule.tags.map { tags.register($0) }
            let program = ExpressionProgram(expression, tagIDs: ids)
            return [(CompiledAlarm(kind: .expression, tag: ids[0], other: -1, limit: 0, deadband: 0), nil, program)]
        }
    }
}
