import GantryCore
import SQLKit

/// Commands and the control audit journal. The control service keeps open commands in memory and writes
/// every change here together with its audit lines, in one transaction, so the journal and the commands
/// never disagree after a crash.
extension MetadataStore {
    /// Saves command changes and appends audit lines (moving the recorded head) atomically.
    public func recordControl(
        _ commands: [StoredCommand], audit lines: [StoredAuditLine]
    ) async throws(MetadataStoreError) {
        guard !commands.isEmpty || !lines.isEmpty else { return }
        try await database.transaction { sql in
            for command in commands {
                try await sql.raw(
                    """
                    INSERT INTO control_commands (\(unsafeRaw: StoredCommand.columns))
                    VALUES (\(bind: command.id), \(bind: command.equipment), \(bind: command.device),
                            \(bind: command.sequence), \(bind: command.state), \(bind: command.requestedAt),
                            \(bind: command.updatedAt), \(bind: command.record))
                    ON CONFLICT (id) DO UPDATE SET sequence = excluded.sequence, state = excluded.state,
                        updated_at = excluded.updated_at, record = excluded.record
                    """
                ).run()
            }
            for line in lines {
                try await sql.raw(
                    """
                    INSERT INTO control_audit (\(unsafeRaw: StoredAuditLine.columns))
                    VALUES (\(bind: line.sequence), \(bind: line.at), \(bind: line.actor), \(bind: line.action),
                            \(bind: line.subject), \(bind: line.detail), \(bind: line.previousHash), \(bind: line.hash))
                    """
                ).run()
            }
            if let last = lines.last {
                try await sql.raw(
                    """
                    INSERT INTO control_audit_head (id, sequence, hash) VALUES (1, \(bind: last.sequence), \(bind: last.hash))
                    ON CONFLICT (id) DO UPDATE SET sequence = excluded.sequence, hash = excluded.hash
                    """
                ).run()
            }
        }
    }

    /// One command.
    public func command(id: String) async throws(MetadataStoreError) -> StoredCommand? {
        try await database.read { sql in
            try await sql.raw("SELECT \(unsafeRaw: StoredCommand.columns) FROM control_commands WHERE id = \(bind: id)")
                .first(decoding: StoredCommand.self)
        }
    }

    /// One page of commands, newest first, within `query`'s prefix and visible subtrees.
    public func commands(_ query: ListQuery) async throws(MetadataStoreError) -> Page<StoredCommand> {
        try await page(
            of: "control_commands", columns: StoredCommand.columns,
            where: query.condition(pathColumn: "equipment", scopeColumn: "equipment"),
            orderBy: "requested_at DESC, id DESC", query
        ) { (command: StoredCommand) throws(MetadataStoreError) in command }
    }

    /// Commands whose fate is still open (requested, sent, acknowledged): what a restart must settle.
    public func openCommands() async throws(MetadataStoreError) -> [StoredCommand] {
        try await database.read { sql in
            try await sql.raw(
                """
                SELECT \(unsafeRaw: StoredCommand.columns) FROM control_commands
                WHERE state IN ('requested', 'sent', 'acknowledged') ORDER BY requested_at
                """
            ).all(decoding: StoredCommand.self)
        }
    }

    /// The highest sequence sent to each device, so numbering continues after a restart.
    public func lastCommandSequences() async throws(MetadataStoreError) -> [String: Int64] {
        struct Row: Decodable {
            let device: String
            let sequence: Int64
        }
        let rows = try await database.read { sql in
            try await sql.raw(
                """
                SELECT device, MAX(sequence) AS sequence FROM control_commands
                WHERE sequence IS NOT NULL GROUP BY device
                """
            ).all(decoding: Row.self)
        }
        return Dictionary(rows.map { ($0.device, $0.sequence) }, uniquingKeysWith: max)
    }

    /// Audit lines after `sequence`, oldest first, at most `limit`.
    public func auditLines(
        after sequence: Int64 = 0, limit: Int = 1000
    ) async throws(MetadataStoreError)
        -> [StoredAuditLine]
    {
        try await database.read { sql in
            try await sql.raw(
                """
                SELECT \(unsafeRaw: StoredAuditLine.columns) FROM control_audit WHERE sequence > \(bind: sequence)
                ORDER BY sequence LIMIT \(bind: max(limit, 1))
                """
            ).all(decoding: StoredAuditLine.self)
        }
    }

    /// The newest audit lines, newest first: the page the API shows.
    public func latestAuditLines(
        limit: Int, before sequence: Int64? = nil
    ) async throws(MetadataStoreError)
        -> [StoredAuditLine]
    {
        try await database.read { sql in
            let bound: SQLQueryString = sequence.map { "WHERE sequence < \(bind: $0)" } ?? ""
            return try await sql.raw(
                """
                SELECT \(unsafeRaw: StoredAuditLine.columns) FROM control_audit \(bound)
                ORDER BY sequence DESC LIMIT \(bind: max(limit, 1))
                """
            ).all(decoding: StoredAuditLine.self)
        }
    }

    /// The last line the platform wrote, as recorded beside the journal.
    public func auditHead() async throws(MetadataStoreError) -> StoredAuditHead? {
        try await database.read { sql in
            try await sql.raw("SELECT sequence, hash FROM control_audit_head WHERE id = 1")
                .first(decoding: StoredAuditHead.self)
        }
    }
}
