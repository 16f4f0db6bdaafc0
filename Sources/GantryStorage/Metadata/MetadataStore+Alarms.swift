import GantryCore
import SQLKit

/// Alarm rules, states and the journal. The alarm service keeps the live state in memory and writes here
/// after each change, so a restart resumes every alarm where it was.
extension MetadataStore {
    /// Every alarm rule, in id order; read once at start.
    public func alarmRules() async throws(MetadataStoreError) -> [StoredAlarmRule] {
        try await database.read { sql in
            try await sql.raw("SELECT \(unsafeRaw: StoredAlarmRule.columns) FROM alarm_rules ORDER BY id")
                .all(decoding: StoredAlarmRule.self)
        }
    }

    /// Adds the rule, or replaces the one with its id (keeping when it was first created).
    public func saveAlarmRule(_ rule: StoredAlarmRule) async throws(MetadataStoreError) {
        try await database.transaction { sql in
            try await sql.raw(
                """
                INSERT INTO alarm_rules (id, asset_path, definition, updated_by, created_at, updated_at)
                VALUES (\(bind: rule.id), \(bind: rule.assetPath), \(bind: rule.definition), \(bind: rule.updatedBy),
                        \(bind: rule.createdAt), \(bind: rule.updatedAt))
                ON CONFLICT (id) DO UPDATE SET asset_path = excluded.asset_path, definition = excluded.definition,
                    updated_by = excluded.updated_by, updated_at = excluded.updated_at
                """
            ).run()
        }
    }

    /// Removes the rule and the states of its alarms; the journal keeps their history.
    /// - Returns: whether the rule existed.
    @discardableResult
    public func deleteAlarmRule(id: String) async throws(MetadataStoreError) -> Bool {
        try await database.transaction { sql in
            let existing = try await sql.raw("SELECT id FROM alarm_rules WHERE id = \(bind: id)").first()
            guard existing != nil else { return false }
            try await sql.raw("DELETE FROM alarm_states WHERE rule_id = \(bind: id)").run()
            try await sql.raw("DELETE FROM alarm_rules WHERE id = \(bind: id)").run()
            return true
        }
    }

    /// Every stored alarm state; read once at start.
    public func alarmStates() async throws(MetadataStoreError) -> [StoredAlarmState] {
        try await database.read { sql in
            try await sql.raw("SELECT \(unsafeRaw: StoredAlarmState.columns) FROM alarm_states ORDER BY alarm_id")
                .all(decoding: StoredAlarmState.self)
        }
    }

    /// Records transitions: the journal lines and the states they left, in one transaction, so the journal
    /// and the states never disagree after a crash.
    public func recordAlarmTransitions(
        _ entries: [StoredAlarmJournalEntry], states: [StoredAlarmState]
    ) async throws(MetadataStoreError) {
        guard !entries.isEmpty || !states.isEmpty else { return }
        try await database.transaction { sql in
            for entry in entries {
                try await sql.raw(
                    """
                    INSERT INTO alarm_journal (\(unsafeRaw: StoredAlarmJournalEntry.columns))
                    VALUES (\(bind: entry.sequence), \(bind: entry.alarmID), \(bind: entry.ruleID),
                            \(bind: entry.assetPath), \(bind: entry.fromState), \(bind: entry.toState), \(bind: entry.at),
                            \(bind: entry.actor), \(bind: entry.comment), \(bind: entry.value), \(bind: entry.priority),
                            \(bind: entry.message), \(bind: entry.cause))
                    """
                ).run()
            }
            for state in states {
                try await sql.raw(
                    """
                    INSERT INTO alarm_states (alarm_id, rule_id, asset_path, state, updated_at)
                    VALUES (\(bind: state.alarmID), \(bind: state.ruleID), \(bind: state.assetPath), \(bind: state.state),
                            \(bind: state.updatedAt))
                    ON CONFLICT (alarm_id) DO UPDATE SET rule_id = excluded.rule_id, asset_path = excluded.asset_path,
                        state = excluded.state, updated_at = excluded.updated_at
                    """
                ).run()
            }
        }
    }

    /// The highest journal sequence so far (0 for an empty journal), so numbering resumes after a restart.
    public func lastAlarmJournalSequence() async throws(MetadataStoreError) -> Int64 {
        try await database.read { sql in
            try await sql.raw("SELECT COALESCE(MAX(sequence), 0) AS count FROM alarm_journal")
                .first(decoding: CountRecord.self).map { Int64($0.count) } ?? 0
        }
    }

    /// One page of the journal, newest first, within `query`'s prefix and visible subtrees; optionally one
    /// alarm's lines only, or those at or after `since` (epoch milliseconds).
    public func alarmJournal(
        _ query: ListQuery, alarmID: String? = nil, since: Int64? = nil
    ) async throws(MetadataStoreError) -> Page<StoredAlarmJournalEntry> {
        var condition = query.condition(pathColumn: "asset_path", scopeColumn: "asset_path")
        if let alarmID { condition = "\(condition) AND alarm_id = \(bind: alarmID)" }
        if let since { condition = "\(condition) AND at >= \(bind: since)" }
        return try await page(
            of: "alarm_journal", columns: StoredAlarmJournalEntry.columns, where: condition,
            orderBy: "sequence DESC", query
        ) { (entry: StoredAlarmJournalEntry) throws(MetadataStoreError) in entry }
    }

    /// Annunciations (entries into active-unacknowledged) in `[from, to)` within `visibleScopes`, oldest
    /// first and at most `limit`: what the alarm-rate KPIs count.
    public func alarmAnnunciations(
        from: Int64, to: Int64, visibleScopes: [AssetPath], limit: Int = 200_000
    ) async throws(MetadataStoreError) -> [AlarmAnnunciation] {
        let scope = ListQuery(visibleScopes: visibleScopes).condition(
            pathColumn: "asset_path", scopeColumn: "asset_path")
        return try await database.read { sql in
            try await sql.raw(
                """
                SELECT asset_path, at FROM alarm_journal
                WHERE to_state = 'active_unacknowledged' AND from_state <> 'active_unacknowledged'
                    AND at >= \(bind: from) AND at < \(bind: to) AND \(scope)
                ORDER BY sequence LIMIT \(bind: max(limit, 1))
                """
            ).all(decoding: AlarmAnnunciation.self)
        }
    }

    /// Webhooks of every enterprise, read at start and after a change.
    public func webhooks() async throws(MetadataStoreError) -> [StoredWebhook] {
        try await database.read { sql in
            try await sql.raw("SELECT \(unsafeRaw: StoredWebhook.columns) FROM webhooks ORDER BY created_at, id")
                .all(decoding: StoredWebhook.self)
        }
    }

    public func saveWebhook(_ webhook: StoredWebhook) async throws(MetadataStoreError) {
        try await database.transaction { sql in
            try await sql.raw(
                """
                INSERT INTO webhooks (id, enterprise, url, minimum_priority, created_at)
                VALUES (\(bind: webhook.id), \(bind: webhook.enterprise), \(bind: webhook.url),
                        \(bind: webhook.minimumPriority), \(bind: webhook.createdAt))
                ON CONFLICT (id) DO UPDATE SET url = excluded.url, minimum_priority = excluded.minimum_priority
                """
            ).run()
        }
    }

    @discardableResult
    public func deleteWebhook(id: String) async throws(MetadataStoreError) -> Bool {
        try await database.transaction { sql in
            let existing = try await sql.raw("SELECT id FROM webhooks WHERE id = \(bind: id)").first()
            guard existing != nil else { return false }
            try await sql.raw("DELETE FROM webhooks WHERE id = \(bind: id)").run()
            return true
        }
    }

    /// Keeps a notification that failed every retry.
    public func addDeadLetter(_ letter: StoredDeadLetter) async throws(MetadataStoreError) {
        try await database.transaction { sql in
            try await sql.raw(
                """
                INSERT INTO webhook_dead_letters (\(unsafeRaw: StoredDeadLetter.columns))
                VALUES (\(bind: letter.id), \(bind: letter.webhookID), \(bind: letter.payload), \(bind: letter.error),
                        \(bind: letter.attempts), \(bind: letter.failedAt))
                """
            ).run()
        }
    }

    /// The newest dead letters, at most `limit`.
    public func deadLetters(limit: Int = 100) async throws(MetadataStoreError) -> [StoredDeadLetter] {
        try await database.read { sql in
            try await sql.raw(
                """
                SELECT \(unsafeRaw: StoredDeadLetter.columns) FROM webhook_dead_letters
                ORDER BY failed_at DESC, id LIMIT \(bind: min(max(limit, 1), 1000))
                """
            ).all(decoding: StoredDeadLetter.self)
        }
    }
}
