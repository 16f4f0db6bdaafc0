extension AlarmEvaluator {
    /// Acknowledges the alarm `alarmID`; see ``AlarmStateMachine/acknowledge(by:comment:at:)``.
    public mutating func acknowledge(
        alarmID: String, by user: String, comment: String = "", at time: Int64
    )
        throws(AlarmError) -> JournalEntry
    {
        try act(on: alarmID) { (machine: inout AlarmStateMachine) throws(AlarmError) in
            try machine.acknowledge(by: user, comment: comment, at: time)
        }
    }

    /// Shelves the alarm `alarmID` until `until`; ``tick(now:)`` ends the shelve then.
    public mutating func shelve(
        alarmID: String, by user: String, comment: String = "", until: Int64, at time: Int64
    ) throws(AlarmError) -> JournalEntry {
        try act(on: alarmID) { (machine: inout AlarmStateMachine) throws(AlarmError) in
            try machine.shelve(by: user, comment: comment, until: until, at: time)
        }
    }

    /// Ends the shelve of `alarmID` early.
    public mutating func unshelve(
        alarmID: String, by user: String, comment: String = "", at time: Int64
    )
        throws(AlarmError) -> JournalEntry
    {
        try act(on: alarmID) { (machine: inout AlarmStateMachine) throws(AlarmError) in
            try machine.unshelve(by: user, comment: comment, at: time)
        }
    }

    /// Suppresses `alarmID` by design logic.
    public mutating func suppressByDesign(
        alarmID: String, by user: String, comment: String = "", at time: Int64
    )
        throws(AlarmError) -> JournalEntry
    {
        try act(on: alarmID) { (machine: inout AlarmStateMachine) throws(AlarmError) in
            try machine.suppressByDesign(by: user, comment: comment, at: time)
        }
    }

    /// Ends the suppression of `alarmID`.
    public mutating func unsuppress(
        alarmID: String, by user: String, comment: String = "", at time: Int64
    )
        throws(AlarmError) -> JournalEntry
    {
        try act(on: alarmID) { (machine: inout AlarmStateMachine) throws(AlarmError) in
            try machine.unsuppress(by: user, comment: comment, at: time)
        }
    }

    /// Takes `alarmID` out of service.
    public mutating func removeFromService(
        alarmID: String, by user: String, comment: String = "", at time: Int64
    )
        throws(AlarmError) -> JournalEntry
    {
        try act(on: alarmID) { (machine: inout AlarmStateMachine) throws(AlarmError) in
            try machine.removeFromService(by: user, comment: comment, at: time)
        }
    }

    /// Returns `alarmID` to service.
    public mutating func returnToService(
        alarmID: String, by user: String, comment: String = "", at time: Int64
    )
        throws(AlarmError) -> JournalEntry
    {
        try act(on: alarmID) { (machine: inout AlarmStateMachine) throws(AlarmError) in
            try machine.returnToService(by: user, comment: comment, at: time)
        }
    }

    private mutating func act(
        on alarmID: String, _ action: (inout AlarmStateMachine) throws(AlarmError) -> JournalEntry
    ) throws(AlarmError) -> JournalEntry {
        guard let slot = slotsByAlarm[alarmID].map(Int.init) else {
            throw AlarmError(
                .unknownAlarm, "no alarm with id '\(alarmID)'; limit alarms are named 'rule.hh', 'rule.h', …")
        }
        let entry = try action(&machines[slot])
        schedule(slot)
        return entry
    }
}
