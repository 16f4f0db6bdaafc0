import GantryControl
import GantryCore

/// Who controls which equipment: one operator at a time, supervisors (engineer role) may take over.
extension ControlService {
    /// A lease as the API and the console show it.
    public struct LeaseStatus: Sendable {
        public let equipment: AssetPath
        public let holder: String?
        public let grantedAt: Int64?
        public let expiresAt: Int64?
    }

    /// Grants or renews the lease on `equipment`; with `takeOver` a supervisor takes it from whoever holds it.
    public func requestLease(
        equipment path: String, takeOver: Bool, by principal: Principal
    ) async throws -> LeaseStatus {
        let now = timing.now()
        let target = try await equipment(path, for: principal, needs: takeOver ? .engineer : .operator)
        let user = principal.user.username
        var lease =
            leases[target.path]
            ?? ControlLease(
                equipment: target.path, inactivityTimeoutMilliseconds: settings.leaseInactivityMilliseconds)
        let event = takeOver ? lease.takeOver(by: user, at: now) : try lease.request(by: user, at: now)
        leases[target.path] = lease
        if event.kind != .renewed {
            let detail = event.previousHolder.map { "from \($0)" } ?? ""
            try await write(
                [], [audit(user, "lease.\(event.kind.rawValue)", target.path.description, detail, at: now)], at: now)
            if event.kind == .takenOver, let previous = event.previousHolder, previous != user {
                endSession(on: target.path, reason: "control taken over by \(user)", at: now)
            }
        }
        publishLease(target.path, lease, at: now)
        return status(of: target.path, lease, at: now)
    }

    /// Gives the lease back; the teleoperation session, if any, ends with it.
    public func releaseLease(equipment path: String, by principal: Principal) async throws -> LeaseStatus {
        let now = timing.now()
        let target = try await equipment(path, for: principal, needs: .operator)
        let user = principal.user.username
        guard var lease = leases[target.path] else {
            throw ControlError(.leaseNotHeld, "\(user) does not control \(target.path); there is nothing to release")
        }
        _ = try lease.release(by: user, at: now)
        leases[target.path] = lease
        let ended = endSession(on: target.path, reason: "control released", at: now)
        try await write([], [audit(user, "lease.released", target.path.description, "", at: now)] + ended, at: now)
        publishLease(target.path, lease, at: now)
        return status(of: target.path, lease, at: now)
    }

    /// Who holds the lease on `equipment` now.
    public func lease(equipment path: String, by principal: Principal) async throws -> LeaseStatus {
        let target = try await equipment(path, for: principal, needs: .viewer)
        let now = timing.now()
        return status(of: target.path, leases[target.path], at: now)
    }

    /// Keeps the caller's lease alive, or refuses when the caller does not hold it.
    func touchLease(_ equipment: AssetPath, by user: String, at now: Int64) throws(ControlError) {
        guard var lease = leases[equipment] else {
            throw ControlError(.leaseNotHeld, "\(user) does not control \(equipment); request the lease first")
        }
        if let holder = lease.holder(at: now), holder != user {
            throw ControlError(
                .leaseHeld, "\(holder) controls \(equipment) now; ask them to release it, or a supervisor to take over")
        }
        try lease.touch(by: user, at: now)
        leases[equipment] = lease
    }

    func status(of equipment: AssetPath, _ lease: ControlLease?, at now: Int64) -> LeaseStatus {
        guard let lease, let holder = lease.holder(at: now) else {
            return LeaseStatus(equipment: equipment, holder: nil, grantedAt: nil, expiresAt: nil)
        }
        return LeaseStatus(
            equipment: equipment, holder: holder, grantedAt: lease.grantedAt,
            expiresAt: lease.lastActivityAt.map { $0 + lease.inactivityTimeoutMilliseconds })
    }

    func publishLease(_ equipment: AssetPath, _ lease: ControlLease, at now: Int64) {
        let status = status(of: equipment, lease, at: now)
        live.publish([
            .control(
                .init(equipment: equipment, kind: "lease", key: equipment.description, json: ControlJSON.lease(status)))
        ])
    }
}
