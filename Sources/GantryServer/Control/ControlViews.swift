import Foundation
import GantryControl
import GantryCore
import Hummingbird

/// A command as the API and the live stream show it.
struct CommandView: ResponseEncodable {
    struct Step: Encodable {
        let state: String
        let at: Timestamp
        let reason: String?
    }

    let id: String
    let equipment: AssetPath
    let name: String
    let args: [String: CommandValue]
    let hazard: String
    let state: String
    let reason: String?
    /// Waiting for its requester's second step (`POST /api/v1/commands/{id}/confirm`).
    let confirmationRequired: Bool
    let sequence: Int64?
    let requestedBy: String
    let requestedAt: Timestamp
    let expiresAt: Timestamp
    let note: String?
    let history: [Step]

    init(_ record: CommandRecord) {
        id = record.id
        equipment = record.equipment
        name = record.name
        args = record.arguments
        hazard = record.hazard.rawValue
        state = record.state.rawValue
        reason = record.reason
        confirmationRequired = record.awaitingConfirmation && record.state == .requested
        sequence = record.sequence
        requestedBy = record.requestedBy
        requestedAt = Timestamp(millisecondsSinceEpoch: record.requestedAt)
        expiresAt = Timestamp(millisecondsSinceEpoch: record.expiresAt)
        note = record.note
        history = record.history.map {
            Step(state: $0.state.rawValue, at: Timestamp(millisecondsSinceEpoch: $0.at), reason: $0.reason)
        }
    }
}

/// Who controls an equipment.
struct LeaseView: ResponseEncodable {
    let equipment: AssetPath
    let holder: String?
    let grantedAt: Timestamp?
    /// When the lease lapses without further activity.
    let expiresAt: Timestamp?

    init(_ status: ControlService.LeaseStatus) {
        equipment = status.equipment
        holder = status.holder
        grantedAt = status.grantedAt.map(Timestamp.init(millisecondsSinceEpoch:))
        expiresAt = status.expiresAt.map(Timestamp.init(millisecondsSinceEpoch:))
    }
}

/// A teleoperation session's state for the live stream.
struct SessionView: Encodable {
    let equipment: AssetPath
    let session: String
    let operatorName: String
    /// `active`, `lost` or `ended`.
    let state: String
    let deviceRoundTripMs: Int64?
    let consoleRoundTripMs: Int64?
    let roundTripMs: Int64?
    let budgetMs: Int64
    let speedLimited: Bool

    enum CodingKeys: String, CodingKey {
        case equipment, session, state, deviceRoundTripMs, consoleRoundTripMs, roundTripMs, budgetMs, speedLimited
        case operatorName = "operator"
    }
}

/// One audit line as `GET /api/v1/audit` shows it.
struct AuditLineView: Encodable, Sendable {
    let sequence: Int64
    let at: Timestamp
    let actor: String
    let action: String
    let subject: String
    let detail: String
    let previousHash: String
    let hash: String

    init(_ record: AuditRecord) {
        sequence = record.sequence
        at = Timestamp(millisecondsSinceEpoch: record.at)
        actor = record.actor
        action = record.action
        subject = record.subject
        detail = record.detail
        previousHash = record.previousHash
        hash = record.hash
    }
}

/// The live stream's control objects, as JSON text with a `kind`.
enum ControlJSON {
    static func command(_ record: CommandRecord) -> String { encode(CommandView(record)) }

    static func lease(_ status: ControlService.LeaseStatus) -> String { encode(LeaseView(status)) }

    static func session(_ session: TeleoperationSession, state: String, budget: Int64) -> String {
        encode(
            SessionView(
                equipment: session.equipment, session: session.id, operatorName: session.operatorName, state: state,
                deviceRoundTripMs: session.deviceRoundTrip, consoleRoundTripMs: session.consoleRoundTrip,
                roundTripMs: session.roundTripMilliseconds, budgetMs: budget,
                speedLimited: (session.roundTripMilliseconds ?? 0) > budget))
    }

    private static func encode(_ value: some Encodable) -> String {
        String(decoding: ControlWire.encode(value), as: UTF8.self)
    }
}

/// A command an equipment takes, for the console's control panel.
struct CommandDefinitionView: Encodable, Sendable {
    struct Argument: Encodable, Sendable {
        let name: String
        let summary: String
        /// `number`, `bool` or `choice`.
        let kind: String
        let unit: String?
        let minimum: Double?
        let maximum: Double?
        let choices: [String]?
    }

    let name: String
    let summary: String
    let hazard: String
    let arguments: [Argument]

    init(_ definition: CommandDefinition) {
        name = definition.name
        summary = definition.summary
        hazard = definition.hazard.rawValue
        arguments = definition.arguments.map { argument in
            switch argument.kind {
            case .number(let unit, let range):
                Argument(
                    name: argument.name, summary: argument.summary, kind: "number", unit: unit,
                    minimum: range.lowerBound, maximum: range.upperBound, choices: nil)
            case .bool:
                Argument(
                    name: argument.name, summary: argument.summary, kind: "bool", unit: nil, minimum: nil, maximum: nil,
                    choices: nil)
            case .choice(let choices):
                Argument(
                    name: argument.name, summary: argument.summary, kind: "choice", unit: nil, minimum: nil,
                    maximum: nil, choices: choices)
            }
        }
    }
}

struct CommandCatalogueView: ResponseEncodable {
    let items: [CommandDefinitionView]
}

/// An interlock and where it stands.
struct InterlockView: Encodable, Sendable {
    let name: String
    let summary: String
    let tag: String
    let commands: [String]
    /// `clear`, `active` (it forbids its commands) or `unknown` (no current good value: it forbids them too).
    let status: String

    init(_ state: ControlService.InterlockState) {
        name = state.interlock.name
        summary = state.interlock.summary
        tag = state.interlock.tag
        commands = state.interlock.commands.sorted()
        status = state.status.rawValue
    }
}

struct InterlockList: ResponseEncodable {
    let items: [InterlockView]
}
