import Foundation
import GantryControl
import GantryCore
import GantryStorage

/// What an operator asks for: `{"equipment": PATH, "name": …, "args": {…}, "ttlMs": …}`.
public struct CommandRequest: Sendable, Decodable {
    public var equipment: String
    public var name: String
    public var args: [String: CommandValue]?
    public var ttlMs: Int64?

    public init(equipment: String, name: String, args: [String: CommandValue]? = nil, ttlMs: Int64? = nil) {
        self.equipment = equipment
        self.name = name
        self.args = args
        self.ttlMs = ttlMs
    }
}

/// Requesting, confirming, cancelling and reading commands.
extension ControlService {
    /// Checks and records a command, and sends it unless it is hazardous (then it waits for
    /// ``confirm(commandID:by:)``). An emergency stop needs no lease, passes every interlock and withdraws
    /// the equipment's commands still waiting for confirmation.
    public func request(_ request: CommandRequest, by principal: Principal) async throws -> CommandRecord {
        let now = timing.now()
        let target = try await equipment(request.equipment, for: principal, needs: .operator)
        let definition = try CommandCatalogue.command(request.name, for: target.type)
        var arguments = try definition.validate(request.args ?? [:])
        let ttl = request.ttlMs ?? settings.defaultTimeToLiveMilliseconds
        guard CommandRecord.timeToLiveRange.contains(ttl) else {
            throw ControlError(
                .invalidTTL,
                "ttlMs must be from \(CommandRecord.timeToLiveRange.lowerBound) to "
                    + "\(CommandRecord.timeToLiveRange.upperBound), not \(ttl)")
        }
        let user = principal.user.username
        if definition.hazard != .emergencyStop { try touchLease(target.path, by: user, at: now) }
        do {
            try InterlockCatalogue.check(
                definition, arguments: arguments, type: target.type, readings: readings(of: target.path), now: now)
        } catch {
            try await write(
                [],
                [audit(user, "command.refused", target.path.description, "\(request.name): \(error.message)", at: now)],
                at: now)
            throw error
        }
        let note = limitForLatency(definition, &arguments, equipment: target.path)
        var record = CommandRecord(
            id: UUID().uuidString.lowercased(), equipment: target.path, definition: definition, arguments: arguments,
            requestedBy: user, requestedAt: now, timeToLiveMilliseconds: ttl)
        record.note = note
        var withdrawn: [OpenCommand] = []
        if definition.hazard == .emergencyStop { withdrawn = withdrawWaiting(on: target.path, at: now) }
        var lines = withdrawn.map {
            audit("gantry", "command.cancelled", $0.record.id, $0.record.reason ?? "", at: now)
        }
        lines.append(audit(user, "command.requested", record.id, Self.describe(record), at: now))
        let command = OpenCommand(record: record, device: target.device, equipmentType: target.type)
        if record.awaitingConfirmation {
            open[record.id] = command
            try await write(withdrawn.map { ($0.record, $0.device) } + [(record, target.device)], lines, at: now)
            for cancelled in withdrawn { publish(cancelled.record) }
            publish(record)
            return record
        }
        return try await send(command, alsoWriting: withdrawn, lines, by: user, at: now)
    }

    /// The requester's second step for a hazardous command: the interlocks are checked again and it is sent.
    public func confirm(commandID: String, by principal: Principal) async throws -> CommandRecord {
        let now = timing.now()
        let user = principal.user.username
        guard var command = open[commandID], principal.rights.allows(.viewer, on: command.record.equipment) else {
            throw try await missing(commandID, for: principal)
        }
        guard command.record.requestedBy == user else {
            throw ControlError(
                .notRequester, "only \(command.record.requestedBy), who requested command \(commandID), may confirm it")
        }
        if command.record.expireIfDue(now: now) {
            open[commandID] = nil
            try await write(
                [(command.record, command.device)],
                [audit("gantry", "command.expired", commandID, command.record.reason ?? "", at: now)], at: now)
            publish(command.record)
            throw ControlError(.invalidTransition, "command \(commandID) expired before it was confirmed")
        }
        try touchLease(command.record.equipment, by: user, at: now)
        try command.record.confirm()
        return try await send(
            command, alsoWriting: [], [audit(user, "command.confirmed", commandID, "", at: now)], by: user, at: now)
    }

    /// Withdraws a command not sent yet (one waiting for its confirmation).
    public func cancel(commandID: String, by principal: Principal) async throws -> CommandRecord {
        let now = timing.now()
        let user = principal.user.username
        guard var command = open[commandID], principal.rights.allows(.viewer, on: command.record.equipment) else {
            throw try await missing(commandID, for: principal)
        }
        try principal.rights.require(.operator, on: command.record.equipment)
        try command.record.cancel("cancelled by \(user)", at: now)
        open[commandID] = nil
        try await write(
            [(command.record, command.device)], [audit(user, "command.cancelled", commandID, "", at: now)], at: now)
        publish(command.record)
        return command.record
    }

    /// One command, if the caller may view its equipment.
    public func command(id: String, by principal: Principal) async throws -> CommandRecord {
        if let command = open[id], principal.rights.allows(.viewer, on: command.record.equipment) {
            return command.record
        }
        guard let stored = try await store.command(id: id), let record = try? CommandRecord.decode(stored.record),
            principal.rights.allows(.viewer, on: record.equipment)
        else { throw ControlError(.commandNotFound, "no command \(id)") }
        return record
    }

    /// The newest commands at or below `equipment` the caller may view.
    public func commands(
        equipment: AssetPath?, limit: Int, offset: Int, by principal: Principal
    ) async throws -> (items: [CommandRecord], total: Int) {
        let page = try await store.commands(
            ListQuery(
                prefix: equipment, visibleScopes: principal.rights.scopes(for: .viewer), limit: limit, offset: offset))
        let items = page.items.compactMap { stored -> CommandRecord? in
            open[stored.id]?.record ?? (try? CommandRecord.decode(stored.record))
        }
        return (items, page.total)
    }

    /// Numbers the command, records it as sent, and publishes it to its device.
    private func send(
        _ command: OpenCommand, alsoWriting withdrawn: [OpenCommand], _ lines: [AuditRecord], by user: String,
        at now: Int64
    ) async throws -> CommandRecord {
        var command = command
        var lines = lines
        let definition = try CommandCatalogue.command(command.record.name, for: command.equipmentType)
        do {
            try InterlockCatalogue.check(
                definition, arguments: command.record.arguments, type: command.equipmentType,
                readings: readings(of: command.record.equipment), now: now)
        } catch {
            try command.record.reject(error.message, at: now)
            open[command.record.id] = nil
            lines.append(audit("gantry", "command.rejected", command.record.id, error.message, at: now))
            try await write(
                withdrawn.map { ($0.record, $0.device) } + [(command.record, command.device)], lines, at: now)
            publish(command.record)
            throw error
        }
        let sequence = (sequences[command.device.description] ?? 0) + 1
        sequences[command.device.description] = sequence
        try command.record.markSent(sequence: sequence, at: now)
        open[command.record.id] = command
        lines.append(
            audit("gantry", "command.sent", command.record.id, "to \(command.device) as sequence \(sequence)", at: now))
        try await write(withdrawn.map { ($0.record, $0.device) } + [(command.record, command.device)], lines, at: now)
        let message = DeviceCommand(
            id: command.record.id, equipment: command.record.equipment.description, name: command.record.name,
            args: command.record.arguments, sequence: sequence, expiresAt: command.record.expiresAt, sentAt: now)
        outlet.publish(command.device.topic(.command), ControlWire.encode(message), qos: .atLeastOnce)
        for cancelled in withdrawn { publish(cancelled.record) }
        publish(command.record)
        return command.record
    }

    /// Withdraws the equipment's commands waiting for confirmation: an emergency stop overrides them.
    private func withdrawWaiting(on equipment: AssetPath, at now: Int64) -> [OpenCommand] {
        var withdrawn: [OpenCommand] = []
        for (id, var command) in open
        where command.record.equipment == equipment && command.record.awaitingConfirmation {
            guard (try? command.record.cancel("withdrawn by an emergency stop", at: now)) != nil else { continue }
            open[id] = nil
            withdrawn.append(command)
        }
        return withdrawn
    }

    /// Limits a speed command while the teleoperation round trip is over budget, saying so.
    private func limitForLatency(
        _ definition: CommandDefinition, _ arguments: inout [String: CommandValue], equipment: AssetPath
    ) -> String? {
        guard definition.name == "set_speed", let speed = arguments["speed"]?.number, speed > settings.limitedSpeed,
            let roundTrip = sessions[equipment]?.roundTripMilliseconds, roundTrip > settings.latencyBudgetMilliseconds
        else { return nil }
        arguments["speed"] = .number(settings.limitedSpeed)
        return "speed limited from \(speed) to \(settings.limitedSpeed) m/s: the round trip of \(roundTrip) ms is over "
            + "the \(settings.latencyBudgetMilliseconds) ms budget"
    }

    /// The not-found answer for a command, or an access refusal when it exists but the caller may not see it.
    private func missing(_ id: String, for principal: Principal) async throws -> ControlError {
        if let stored = try await store.command(id: id), let record = try? CommandRecord.decode(stored.record),
            principal.rights.allows(.viewer, on: record.equipment)
        {
            return ControlError(.invalidTransition, "command \(id) is \(record.state.rawValue); it is not waiting")
        }
        return ControlError(.commandNotFound, "no command \(id)")
    }

    /// The latest readings of the interlock tags of `equipment`, by tag name.
    func readings(of equipment: AssetPath) -> [String: InterlockReading] {
        var found: [String: InterlockReading] = [:]
        for name in Self.interlockTags {
            if let tag = try? TagPath(asset: equipment, name: name), let reading = readings[tag] {
                found[name] = reading
            }
        }
        return found
    }

    /// The command in one line for the audit journal.
    static func describe(_ record: CommandRecord) -> String {
        let arguments = record.arguments.keys.sorted().map { "\($0)=\(record.arguments[$0]!)" }.joined(separator: " ")
        var text = "\(record.name) on \(record.equipment)"
        if !arguments.isEmpty { text += " (\(arguments))" }
        text += ", ttl \(record.expiresAt - record.requestedAt) ms"
        if record.awaitingConfirmation { text += ", awaiting confirmation" }
        if let note = record.note { text += "; \(note)" }
        return text
    }
}
