import Foundation

/// A command as the device receives it, JSON on the device's `command` topic. The device runs it only if
/// its ``CommandGate`` admits it: arriving no later than `expiresAt` (device clock, epoch milliseconds) and
/// with a `sequence` above the last it accepted.
public struct DeviceCommand: Hashable, Sendable, Codable {
    public let id: String
    /// The equipment's asset path (one device may serve several).
    public let equipment: String
    public let name: String
    public let args: [String: CommandValue]
    public let sequence: Int64
    public let expiresAt: Int64
    public let sentAt: Int64

    public init(
        id: String, equipment: String, name: String, args: [String: CommandValue], sequence: Int64,
        expiresAt: Int64, sentAt: Int64
    ) {
        self.id = id
        self.equipment = equipment
        self.name = name
        self.args = args
        self.sequence = sequence
        self.expiresAt = expiresAt
        self.sentAt = sentAt
    }
}

/// What a device says about a command, JSON on its `report` topic: `accepted` (the gate admitted it and
/// it runs), `completed`, `rejected` (refused before running: expired, out of sequence, unsafe, unknown) or
/// `failed` (accepted, then could not finish), with a reason for the last two.
public struct DeviceCommandReport: Hashable, Sendable, Codable {
    public enum Status: String, Hashable, Sendable, Codable {
        case accepted, completed, rejected, failed
    }

    public let id: String
    public let sequence: Int64
    public let status: Status
    public let reason: String?
    /// Device time, epoch milliseconds.
    public let at: Int64

    public init(id: String, sequence: Int64, status: Status, reason: String? = nil, at: Int64) {
        self.id = id
        self.sequence = sequence
        self.status = status
        self.reason = reason
        self.at = at
    }
}

/// One teleoperation heartbeat. Gantry sends it to the device on `heartbeat` while an operator drives
/// (the operator's console beats over the WebSocket, Gantry relays each beat); the device feeds its
/// ``HeartbeatWatchdog`` and sends the same beat back on `heartbeat-echo` with `echoedAt` set, so Gantry
/// measures the round trip.
public struct TeleoperationHeartbeat: Hashable, Sendable, Codable {
    /// The teleoperation session (one per operator and equipment while the lease is held).
    public let session: String
    public let equipment: String
    /// Rising per session.
    public let beat: Int64
    /// Gantry time when relayed, epoch milliseconds.
    public let sentAt: Int64
    /// Device time when echoed; `nil` on the way out.
    public let echoedAt: Int64?

    public init(session: String, equipment: String, beat: Int64, sentAt: Int64, echoedAt: Int64? = nil) {
        self.session = session
        self.equipment = equipment
        self.beat = beat
        self.sentAt = sentAt
        self.echoedAt = echoedAt
    }

    /// The same beat, echoed by the device at `time`.
    public func echoed(at time: Int64) -> TeleoperationHeartbeat {
        TeleoperationHeartbeat(session: session, equipment: equipment, beat: beat, sentAt: sentAt, echoedAt: time)
    }
}

/// The JSON coding of the control messages (and of a stored command record), one place for both sides.
public enum ControlWire {
    public static func encode(_ value: some Encodable) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // The wire types and command records hold only strings, numbers, booleans and arrays of them: encoding
        // cannot fail.
        return (try? Array(encoder.encode(value))) ?? []
    }

    /// The message in `bytes`, or a `ControlError` naming what is malformed.
    public static func decode<Message: Decodable>(
        _ type: Message.Type, from bytes: some Collection<UInt8>
    ) throws(ControlError) -> Message {
        do {
            return try JSONDecoder().decode(type, from: Data(bytes))
        } catch {
            throw ControlError(.malformedMessage, "not a valid \(type) message: \(error)")
        }
    }
}
