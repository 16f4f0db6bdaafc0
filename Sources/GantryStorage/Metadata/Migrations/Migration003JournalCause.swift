import SQLKit

extension MetadataMigration {
    /// Why each journal line was written (`condition`, `acknowledge`, `shelve`, `shelve_expired`, …), so an
    /// action that leaves the visible state as it was (suppressing an alarm that is out of service) still
    /// reads as what it was; and an index on time for the alarm-rate KPIs, which read a range of it.
    static let journalCause = MetadataMigration(
        version: 3, name: "journal cause, journal time index",
        statements: [
            "ALTER TABLE alarm_journal ADD COLUMN cause TEXT NOT NULL DEFAULT 'condition'",
            "CREATE INDEX alarm_journal_at ON alarm_journal (at)",
        ])
}
