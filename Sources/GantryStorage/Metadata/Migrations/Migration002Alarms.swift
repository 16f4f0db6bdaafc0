import SQLKit

extension MetadataMigration {
    /// Alarm rules, the state of every alarm, the alarm journal, and webhook notifications with their
    /// dead letters.
    ///
    /// Rule definitions and alarm states are JSON documents owned by `GantryAlarms`; the store keeps them
    /// whole, with the columns lists filter on beside them.
    static let alarms = MetadataMigration(
        version: 2, name: "alarms, journal, webhooks",
        statements: [
            """
            CREATE TABLE alarm_rules (
                id TEXT PRIMARY KEY,
                asset_path TEXT NOT NULL,
                definition TEXT NOT NULL,
                updated_by TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL)
            """,
            "CREATE INDEX alarm_rules_asset_path ON alarm_rules (asset_path)",
            """
            CREATE TABLE alarm_states (
                alarm_id TEXT PRIMARY KEY,
                rule_id TEXT NOT NULL,
                asset_path TEXT NOT NULL,
                state TEXT NOT NULL,
                updated_at BIGINT NOT NULL)
            """,
            """
            CREATE TABLE alarm_journal (
                sequence BIGINT PRIMARY KEY,
                alarm_id TEXT NOT NULL,
                rule_id TEXT NOT NULL,
                asset_path TEXT NOT NULL,
                from_state TEXT NOT NULL,
                to_state TEXT NOT NULL,
                at BIGINT NOT NULL,
                actor TEXT,
                comment TEXT,
                value TEXT,
                priority BIGINT NOT NULL,
                message TEXT NOT NULL)
            """,
            "CREATE INDEX alarm_journal_asset_path ON alarm_journal (asset_path)",
            "CREATE INDEX alarm_journal_alarm ON alarm_journal (alarm_id, sequence)",
            """
            CREATE TABLE webhooks (
                id TEXT PRIMARY KEY,
                enterprise TEXT NOT NULL,
                url TEXT NOT NULL,
                minimum_priority BIGINT NOT NULL,
                created_at BIGINT NOT NULL)
            """,
            """
            CREATE TABLE webhook_dead_letters (
                id TEXT PRIMARY KEY,
                webhook_id TEXT NOT NULL,
                payload TEXT NOT NULL,
                error TEXT NOT NULL,
                attempts BIGINT NOT NULL,
                failed_at BIGINT NOT NULL)
            """,
        ])
}
