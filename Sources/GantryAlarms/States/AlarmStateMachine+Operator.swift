import GantryCore

/// What operators and design logic do to an alarm. Each action returns its journal entry (also when the
/// visible state stays the same, e.g. suppressing an alarm that is out of service, so the journal shows
/// every action) or throws ``AlarmError`` when it does not apply.
extension AlarmStateMachine {
    /// Acknowledges an unacknowledged alarm: active → active-acknowledged, returned → normal.
    public mutating func acknowledge(
        by user: String, comment: String = "", at time: Int64
    ) throws(AlarmError)
        -> JournalEntry
    {
        let next: AlarmState
        switch status.state {
        case .activeUnacknowledged: next = .activeAcknowledged
        case .returnedUnacknowledged: next = .normal
        default: throw refuse("acknowledge", "only an unacknowledged alarm can be acknowledged")
        }
        status.acknowledgement = Acknowledgement(user: user, comment: comment, time: time)
        return move(to: next, at: time, cause: .acknowledge, user: user, comment: comment, value: nil)
    }

    /// Shelves the alarm until `until`, hiding it from the operator; at expiry it returns to the state the
    /// condition dictates. Shelving again while shelved moves the expiry.
    public mutating func shelve(
        by user: String, comment: String = "", until: Int64, at time: Int64
    )
        throws(AlarmError) -> JournalEntry
    {
        guard status.state.isInCycle || status.state == .shelved else {
            throw refuse("shelve", "a suppressed or out-of-service alarm cannot be shelved")
        }
        guard until > time else {
            throw AlarmError(
                .invalidShelveTime,
                "cannot shelve '\(definition.alarmID)' until \(until): that is not after now (\(time))")
        }
        status.shelvedUntil = until
        return move(to: .shelved, at: time, cause: .shelve, user: user, comment: comment, value: nil)
    }

    /// Ends a shelve before its expiry.
    public mutating func unshelve(
        by user: String, comment: String = "", at time: Int64
    ) throws(AlarmError)
        -> JournalEntry
    {
        guard status.shelvedUntil != nil else { throw refuse("unshelve", "it is not shelved") }
        status.shelvedUntil = nil
        return leave(cause: .unshelve, user: user, comment: comment, at: time)
    }

    /// Suppresses the alarm by design logic (the plant state makes it meaningless).
    public mutating func suppressByDesign(
        by user: String, comment: String = "", at time: Int64
    )
        throws(AlarmError) -> JournalEntry
    {
        guard !status.isSuppressedByDesign else { throw refuse("suppress", "it is already suppressed") }
        status.isSuppressedByDesign = true
        return move(to: dictatedState, at: time, cause: .suppress, user: user, comment: comment, value: nil)
    }

    /// Ends a suppression by design.
    public mutating func unsuppress(
        by user: String, comment: String = "", at time: Int64
    ) throws(AlarmError)
        -> JournalEntry
    {
        guard status.isSuppressedByDesign else { throw refuse("unsuppress", "it is not suppressed") }
        status.isSuppressedByDesign = false
        return leave(cause: .unsuppress, user: user, comment: comment, at: time)
    }

    /// Takes the alarm out of service (maintenance): it is hidden whatever else applies.
    public mutating func removeFromService(
        by user: String, comment: String = "", at time: Int64
    )
        throws(AlarmError) -> JournalEntry
    {
        guard !status.isOutOfService else { throw refuse("remove from service", "it is already out of service") }
        status.isOutOfService = true
        return move(to: .outOfService, at: time, cause: .removeFromService, user: user, comment: comment, value: nil)
    }

    /// Returns the alarm to service.
    public mutating func returnToService(
        by user: String, comment: String = "", at time: Int64
    )
        throws(AlarmError) -> JournalEntry
    {
        guard status.isOutOfService else { throw refuse("return to service", "it is in service") }
        status.isOutOfService = false
        return leave(cause: .returnToService, user: user, comment: comment, at: time)
    }

    private mutating func leave(cause: JournalCause, user: String, comment: String, at time: Int64) -> JournalEntry {
        var journal: [JournalEntry] = []
        leaveOverride(at: time, cause: cause, user: user, comment: comment, into: &journal)
        return journal[0]
    }

    private func refuse(_ action: String, _ reason: String) -> AlarmError {
        AlarmError(
            .invalidTransition,
            "cannot \(action) alarm '\(definition.alarmID)' in state \(status.state): \(reason)")
    }
}
