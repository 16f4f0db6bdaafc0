extension AlarmEvaluator {
    /// The status of every alarm, sorted by alarm id: what a server persists to restore after a restart.
    public func statuses() -> [AlarmStatus] {
        slotsByAlarm.values.map { machines[Int($0)].status }.sorted { $0.alarmID < $1.alarmID }
    }

    /// Puts back persisted statuses, matched by alarm id, and schedules their pending delays and shelve
    /// expiries (a deadline that passed while the server was down falls due at the next ``tick(now:)``).
    ///
    /// - Returns: the ids of statuses that match no loaded alarm (a rule was removed meanwhile).
    @discardableResult
    public mutating func restore(_ statuses: [AlarmStatus]) -> [String] {
        var unknown: [String] = []
        for status in statuses {
            guard let slot = slotsByAlarm[status.alarmID].map(Int.init) else {
                unknown.append(status.alarmID)
                continue
            }
            machines[slot] = AlarmStateMachine(definition: machines[slot].definition, status: status)
            schedule(slot)
        }
        return unknown
    }
}
