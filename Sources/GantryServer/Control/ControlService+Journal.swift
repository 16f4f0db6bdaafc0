import Foundation
import GantryControl
import GantryCore
import GantryStorage

/// Writing: commands and audit lines, in order, one transaction per change; and the lookups every action
/// starts with.
extension ControlService {
    /// Appends one line to the in-memory chain; ``write(_:_:at:)`` makes it durable.
    func audit(_ actor: String, _ action: String, _ subject: String, _ detail: String, at time: Int64) -> AuditRecord {
        chain.append(at: time, actor: actor, action: action, subject: subject, detail: detail)
    }

    /// Writes command changes and audit lines after every earlier write, and waits for it.
    func write(_ commands: [(CommandRecord, DeviceAddress)], _ lines: [AuditRecord], at now: Int64) async throws {
        let stored = commands.map { Self.stored($0.0, device: $0.1, at: now) }
        let auditLines = lines.map(StoredAuditLine.init)
        let previous = lastWrite
        let store = store
        let task = Task {
            _ = await previous?.result
            try await store.recordControl(stored, audit: auditLines)
        }
        lastWrite = task
        try await task.value
    }

    /// ``write(_:_:at:)`` for changes nobody waits on: a failure is logged.
    func writeLogged(_ commands: [(CommandRecord, DeviceAddress)], _ lines: [AuditRecord], at now: Int64) async {
        do {
            try await write(commands, lines, at: now)
        } catch {
            logger.error("control changes could not be written", metadata: ["error": "\(error)"])
        }
    }

    /// Tells live screens about a command's new state.
    func publish(_ record: CommandRecord) {
        live.publish([
            .control(
                .init(equipment: record.equipment, kind: "command", key: record.id, json: ControlJSON.command(record)))
        ])
    }

    static func stored(_ record: CommandRecord, device: DeviceAddress, at now: Int64) -> StoredCommand {
        StoredCommand(
            id: record.id, equipment: record.equipment.description, device: device.description,
            sequence: record.sequence,
            state: record.state.rawValue, requestedAt: record.requestedAt, updatedAt: now, record: record.encoded())
    }

    /// Equipment a command or lease is about: it exists, the caller may see it (else it does not exist for
    /// them) and holds `role` on it, it can be operated remotely, and a device serves it.
    func equipment(_ text: String, for principal: Principal, needs role: Role) async throws -> RemoteEquipment {
        let path: AssetPath
        do {
            path = try AssetPath(text)
        } catch {
            throw ControlError(.unknownEquipment, "'\(text)' is not an equipment path: \(error.message)")
        }
        guard principal.rights.allows(.viewer, on: path), let asset = try await store.asset(path: path) else {
            throw ControlError(.unknownEquipment, "no equipment \(path)")
        }
        try principal.rights.require(role, on: path)
        guard let type = asset.type, CommandCatalogue.commands(for: type) != nil else {
            throw ControlError(.unknownCommand, "\(path) (\(asset.type ?? "no type")) cannot be operated remotely")
        }
        guard let device = try await store.devices(servingEquipmentAt: path).first, let enterprise = path.enterprise
        else {
            throw ControlError(.noDevice, "no registered device serves \(path); register one bound to it or above it")
        }
        return RemoteEquipment(path: path, type: type, device: DeviceAddress(enterprise: enterprise, name: device.name))
    }

    /// Checks the whole stored journal once every write so far is done.
    public func verifyJournal() async throws -> [AuditChain.Finding] {
        await flush()
        return try await ControlAudit.verify(store).findings
    }
}

/// Equipment that can be commanded, and the device that serves it.
struct RemoteEquipment: Sendable {
    let path: AssetPath
    let type: String
    let device: DeviceAddress
}

extension StoredAuditLine {
    init(_ record: AuditRecord) {
        self.init(
            sequence: record.sequence, at: record.at, actor: record.actor, action: record.action,
            subject: record.subject, detail: record.detail, previousHash: record.previousHash, hash: record.hash)
    }
}

extension AuditRecord {
    init(_ line: StoredAuditLine) {
        self.init(
            sequence: line.sequence, at: line.at, actor: line.actor, action: line.action, subject: line.subject,
            detail: line.detail, previousHash: line.previousHash, hash: line.hash)
    }
}

extension CommandRecord {
    func encoded() -> String {
        String(decoding: ControlWire.encode(self), as: UTF8.self)
    }

    static func decode(_ text: String) throws -> CommandRecord {
        try JSONDecoder().decode(CommandRecord.self, from: Data(text.utf8))
    }
}

/// Reading the audit journal: the engineers of a site read it; checking the chain covers the whole journal,
/// so it needs the admin role.
extension ControlService {
    /// The newest lines (before `before`), newest first, that concern what the caller may view: commands
    /// and leases of equipment in their subtrees. Lines about commands are matched by the command's equipment.
    public func audit(limit: Int, before: Int64?, by principal: Principal) async throws -> [AuditRecord] {
        await flush()
        try principal.rights.requireAny(.engineer)
        let lines = try await store.latestAuditLines(limit: limit, before: before).map(AuditRecord.init)
        if principal.rights.allows(.viewer, on: .root) { return lines }
        var visible: [AuditRecord] = []
        for line in lines where await subjectVisible(line.subject, to: principal) {
            visible.append(line)
        }
        return visible
    }

    /// Checks the whole chain against the recorded head.
    public func verifyAudit(by principal: Principal) async throws -> [AuditChain.Finding] {
        try principal.rights.require(.admin, on: .root)
        return try await verifyJournal()
    }

    private func subjectVisible(_ subject: String, to principal: Principal) async -> Bool {
        if let path = try? AssetPath(subject), subject.contains("/") {
            return principal.rights.allows(.viewer, on: path)
        }
        if let equipment = open[subject]?.record.equipment {
            return principal.rights.allows(.viewer, on: equipment)
        }
        guard let stored = try? await store.command(id: subject), let path = try? AssetPath(stored.equipment) else {
            return false
        }
        return principal.rights.allows(.viewer, on: path)
    }
}
