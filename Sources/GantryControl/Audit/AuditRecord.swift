/// One line of the control audit journal: who did what to which equipment or command, when, chained to the
/// line before by its hash, so that editing or removing a line afterwards shows.
public struct AuditRecord: Hashable, Sendable, Codable {
    /// 1, 2, 3, … without gaps.
    public let sequence: Int64
    /// Epoch milliseconds.
    public let at: Int64
    /// The user (or `gantry` for the platform itself).
    public let actor: String
    /// What happened: `command.requested`, `command.sent`, `lease.granted`, `session.lost`, …
    public let action: String
    /// What it happened to: an equipment path or a command id.
    public let subject: String
    /// Free text or JSON: the arguments, the reason, the interlock.
    public let detail: String
    /// The hash of the previous line (64 zeros for the first).
    public let previousHash: String
    /// SHA-256 of this line's fields and ``previousHash``, in hex.
    public let hash: String

    public init(
        sequence: Int64, at: Int64, actor: String, action: String, subject: String, detail: String,
        previousHash: String, hash: String
    ) {
        self.sequence = sequence
        self.at = at
        self.actor = actor
        self.action = action
        self.subject = subject
        self.detail = detail
        self.previousHash = previousHash
        self.hash = hash
    }
}
