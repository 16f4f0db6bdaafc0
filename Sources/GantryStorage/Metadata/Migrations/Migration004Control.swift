import SQLKit

extension MetadataMigration {
    /// Commands with their whole lifecycle, and the hash-chained control audit journal with the head the
    /// platform last wrote (so a journal cut short at its end is noticed, not only one edited inside).
    ///
    /// A command's record is a JSON document owned by `GantryControl`; the columns lists and restarts filter
    /// on sit beside it. The sequence is unique per device, which is what the device's gate relies on.
    static let control = MetadataMigration(
        version: 4, name: "control commands, audit journal",
        statements: [
            """
            CREATE TABLE control_commands (
                id TEXT PRIMARY KEY,
                equipment TEXT NOT NULL,
                device TEXT NOT NULL,
                sequence BIGINT,
                state TEXT NOT NULL,
                requested_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                record TEXT NOT NULL)
            """,
            "CREATE INDEX control_commands_equipment ON control_commands (equipment, requested_at)",
            "CREATE INDEX control_commands_state ON control_commands (state)",
            "CREATE UNIQUE INDEX control_commands_device_sequence ON control_commands (device, sequence)",
            """
            CREATE TABLE control_audit (
                sequence BIGINT PRIMARY KEY,
                at BIGINT NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                subject TEXT NOT NULL,
                detail TEXT NOT NULL,
                previous_hash TEXT NOT NULL,
                hash TEXT NOT NULL)
            """,
            """
            CREATE TABLE control_audit_head (
                id BIGINT PRIMARY KEY,
                sequence BIGINT NOT NULL,
                hash TEXT NOT NULL)
            """,
        ])
}
