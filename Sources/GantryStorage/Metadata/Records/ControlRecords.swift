/// A command as stored: its JSON record (owned by `GantryControl`) and the columns lists filter on.
public struct StoredCommand: Sendable, Hashable, Decodable {
    public var id: String
    public var equipment: String
    /// The device that carries it out, as `ENTERPRISE/NAME`.
    public var device: String
    public var sequence: Int64?
    public var state: String
    public var requestedAt: Int64
    public var updatedAt: Int64
    public var record: String

    public init(
        id: String, equipment: String, device: String, sequence: Int64?, state: String, requestedAt: Int64,
        updatedAt: Int64, record: String
    ) {
        self.id = id
        self.equipment = equipment
        self.device = device
        self.sequence = sequence
        self.state = state
        self.requestedAt = requestedAt
        self.updatedAt = updatedAt
        self.record = record
    }

    enum CodingKeys: String, CodingKey {
        case id, equipment, device, sequence, state, record
        case requestedAt = "requested_at"
        case updatedAt = "updated_at"
    }

    static let columns = "id, equipment, device, sequence, state, requested_at, updated_at, record"
}

/// One line of the control audit journal as stored (the chain itself is `GantryControl`'s).
public struct StoredAuditLine: Sendable, Hashable, Decodable {
    public var sequence: Int64
    public var at: Int64
    public var actor: String
    public var action: String
    public var subject: String
    public var detail: String
    public var previousHash: String
    public var hash: String

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

    enum CodingKeys: String, CodingKey {
        case sequence, at, actor, action, subject, detail, hash
        case previousHash = "previous_hash"
    }

    static let columns = "sequence, at, actor, action, subject, detail, previous_hash, hash"
}

/// The last audit line the platform wrote.
public struct StoredAuditHead: Sendable, Hashable, Decodable {
    public var sequence: Int64
    public var hash: String
}
