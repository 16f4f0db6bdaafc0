import GantryCore

/// One command and its whole life: what was asked, of which device, by whom, until when, and every state it
/// went through. A value with no clock: each step takes the time it happened.
///
/// The lifecycle only moves forward and says why it ended; ``recoverAfterRestart(now:)`` settles what a
/// restart left open so that no command claims a state that is no longer true.
public struct CommandRecord: Hashable, Sendable, Codable {
    /// One step of the command's life.
    public struct Transition: Hashable, Sendable, Codable {
        public let state: CommandState
        public let at: Int64
        public let reason: String?
    }

    public let id: String
    public let equipment: AssetPath
    public let name: String
    public let arguments: [String: CommandValue]
    public let hazard: HazardClass
    /// Given when the command is sent, increasing per device in sending order; the device runs nothing at
    /// or below the last sequence it accepted. A command waiting for its confirmation has none yet, so a
    /// later confirmation does not make it arrive out of sequence.
    public private(set) var sequence: Int64?
    public let requestedBy: String
    public let requestedAt: Int64
    /// After this time the device must not run it, and the platform calls it expired if unanswered.
    public let expiresAt: Int64
    public private(set) var state: CommandState = .requested
    /// Why the command ended where it did, for a rejected, failed, expired or cancelled one.
    public private(set) var reason: String?
    public private(set) var history: [Transition]
    /// A hazardous command waits in `requested` until its requester confirms it.
    public private(set) var awaitingConfirmation: Bool
    /// What the platform changed or noticed on the way (a speed limited for latency), for the operator.
    public var note: String?

    public init(
        id: String, equipment: AssetPath, definition: CommandDefinition, arguments: [String: CommandValue],
        requestedBy: String, requestedAt: Int64, timeToLiveMilliseconds: Int64
    ) {
        self.id = id
        self.equipment = equipment
        self.name = definition.name
        self.arguments = arguments
        self.hazard = definition.hazard
        self.requestedBy = requestedBy
        self.requestedAt = requestedAt
        self.expiresAt = requestedAt + timeToLiveMilliseconds
        self.history = [Transition(state: .requested, at: requestedAt, reason: nil)]
        self.awaitingConfirmation = definition.hazard == .hazardous
    }

    /// The shortest and longest time to live a command may ask for.
    public static let timeToLiveRange: ClosedRange<Int64> = 100...600_000

    /// The requester's second step for a hazardous command.
    public mutating func confirm() throws(ControlError) {
        guard state == .requested, awaitingConfirmation else {
            throw ControlError(.invalidTransition, "command \(id) is not waiting for a confirmation")
        }
        awaitingConfirmation = false
    }

    /// On its way to the device as number `sequence`.
    public mutating func markSent(sequence: Int64, at time: Int64) throws(ControlError) {
        guard !awaitingConfirmation else {
            throw ControlError(.invalidTransition, "command \(id) is hazardous and waits for its confirmation")
        }
        try move(to: .sent, from: [.requested], at: time, reason: nil)
        self.sequence = sequence
    }

    public mutating func acknowledge(at time: Int64) throws(ControlError) {
        try move(to: .acknowledged, from: [.sent], at: time, reason: nil)
    }

    /// Done; a device may report completion without a separate acknowledgement.
    public mutating func complete(at time: Int64) throws(ControlError) {
        try move(to: .completed, from: [.sent, .acknowledged], at: time, reason: nil)
    }

    public mutating func reject(_ reason: String, at time: Int64) throws(ControlError) {
        try move(to: .rejected, from: [.requested, .sent], at: time, reason: reason)
    }

    public mutating func fail(_ reason: String, at time: Int64) throws(ControlError) {
        try move(to: .failed, from: [.sent, .acknowledged], at: time, reason: reason)
    }

    public mutating func cancel(_ reason: String, at time: Int64) throws(ControlError) {
        try move(to: .cancelled, from: [.requested], at: time, reason: reason)
    }

    /// Ends an unanswered command whose time to live has run out; `true` if it did.
    @discardableResult
    public mutating func expireIfDue(now: Int64) -> Bool {
        guard state == .requested || state == .sent, now >= expiresAt else { return false }
        reason =
            switch state {
            case .requested where awaitingConfirmation: "not confirmed before its expiry"
            case .requested: "not sent before its expiry"
            default: "the device did not accept it before its expiry"
            }
        state = .expired
        history.append(Transition(state: .expired, at: expiresAt, reason: reason))
        return true
    }

    /// Settles what a restart of the platform left open: a command never sent is cancelled (it will not be
    /// sent late), one sent and past its expiry is expired (the device refuses it after that); a command
    /// still within its time to live, or acknowledged, keeps its state, because the device may still answer.
    /// - Returns: whether the state changed.
    @discardableResult
    public mutating func recoverAfterRestart(now: Int64) -> Bool {
        switch state {
        case .requested:
            state = .cancelled
            reason = "the platform restarted before sending it"
            history.append(Transition(state: .cancelled, at: now, reason: reason))
            return true
        case .sent:
            return expireIfDue(now: now)
        default:
            return false
        }
    }

    private mutating func move(
        to next: CommandState, from allowed: Set<CommandState>, at time: Int64, reason: String?
    ) throws(ControlError) {
        guard allowed.contains(state) else {
            throw ControlError(
                .invalidTransition, "command \(id) is \(state.rawValue); it cannot become \(next.rawValue)")
        }
        state = next
        self.reason = reason
        history.append(Transition(state: next, at: time, reason: reason))
    }
}
