import Foundation
import GantryControl
import GantryCore

/// Teleoperation: the console beats over the live WebSocket, Gantry relays each beat to the device (whose
/// own watchdog stops the machine when beats stop), measures the round trip from the device's echo, and
/// declares the session lost — journaled, shown live and raised as an alarm — when the console goes quiet.
extension ControlService {
    /// What Gantry answers a console's heartbeat with.
    public struct HeartbeatReceipt: Sendable {
        public let session: String
        public let equipment: AssetPath
        public let beat: Int64
        /// Gantry to the device and back, from the latest echo (none before the first).
        public let deviceRoundTripMilliseconds: Int64?
        /// Whether speed commands are limited now because the whole round trip is over budget.
        public let speedLimited: Bool
    }

    /// Takes one console heartbeat: the caller must hold the lease (the beat keeps it alive). Starts a
    /// session on the first beat and relays the beat to the equipment's device.
    /// - Parameter consoleRoundTrip: the console's own measure of its last beat's round trip to Gantry.
    public func heartbeat(
        equipment path: String, beat: Int64, consoleRoundTrip: Int64?, by principal: Principal
    ) async throws -> HeartbeatReceipt {
        let now = timing.now()
        let target = try await equipment(path, for: principal, needs: .operator)
        let user = principal.user.username
        try touchLease(target.path, by: user, at: now)
        var session: TeleoperationSession
        if let running = sessions[target.path] {
            session = running
        } else {
            session = TeleoperationSession(
                id: UUID().uuidString.lowercased(), equipment: target.path, operatorName: user, startedAt: now,
                lastConsoleBeat: now)
            await writeLogged(
                [], [audit(user, "session.started", target.path.description, "session \(session.id)", at: now)], at: now
            )
            await sessionAlarm?.sessionChanged(on: target.path, lost: false, at: now)
        }
        session.lastConsoleBeat = now
        session.beats += 1
        if let consoleRoundTrip, consoleRoundTrip >= 0 { session.consoleRoundTrip = consoleRoundTrip }
        sessions[target.path] = session
        let relay = TeleoperationHeartbeat(
            session: session.id, equipment: target.path.description, beat: beat, sentAt: now)
        outlet.publish(target.device.topic(.heartbeat), ControlWire.encode(relay), qos: .atMostOnce)
        return HeartbeatReceipt(
            session: session.id, equipment: target.path, beat: beat,
            deviceRoundTripMilliseconds: session.deviceRoundTrip,
            speedLimited: (session.roundTripMilliseconds ?? 0) > settings.latencyBudgetMilliseconds)
    }

    /// A device echoed a beat: the round trip Gantry → device → Gantry.
    func echoed(_ echo: TeleoperationHeartbeat, from device: DeviceAddress) {
        guard let equipment = try? AssetPath(echo.equipment), var session = sessions[equipment],
            session.id == echo.session
        else { return }
        let now = timing.now()
        session.deviceRoundTrip = max(0, now - echo.sentAt)
        sessions[equipment] = session
        publishSession(session, state: "active")
    }

    /// Ends sessions whose console has been quiet longer than the heartbeat interval.
    func sessionsGoneQuiet(now: Int64) -> [AuditRecord] {
        var lines: [AuditRecord] = []
        for (equipment, session) in sessions
        where now - session.lastConsoleBeat > settings.heartbeatIntervalMilliseconds {
            sessions[equipment] = nil
            let quiet = now - session.lastConsoleBeat
            logger.warning(
                "teleoperation session lost: the console stopped beating",
                metadata: ["equipment": "\(equipment)", "operator": "\(session.operatorName)", "quiet_ms": "\(quiet)"])
            lines.append(
                audit(
                    "gantry", "session.lost", equipment.description,
                    "session \(session.id) of \(session.operatorName): no heartbeat for \(quiet) ms", at: now))
            publishSession(session, state: "lost")
            if let sessionAlarm {
                Task { await sessionAlarm.sessionChanged(on: equipment, lost: true, at: now) }
            }
        }
        return lines
    }

    /// Ends the session on `equipment` on purpose (release, takeover); the alarm is not raised.
    @discardableResult
    func endSession(on equipment: AssetPath, reason: String, at now: Int64) -> [AuditRecord] {
        guard let session = sessions.removeValue(forKey: equipment) else { return [] }
        publishSession(session, state: "ended")
        return [
            audit(
                session.operatorName, "session.ended", equipment.description, "session \(session.id): \(reason)",
                at: now)
        ]
    }

    private func publishSession(_ session: TeleoperationSession, state: String) {
        live.publish([
            .control(
                .init(
                    equipment: session.equipment, kind: "teleoperation", key: session.equipment.description,
                    json: ControlJSON.session(session, state: state, budget: settings.latencyBudgetMilliseconds)))
        ])
    }
}

/// How a lost teleoperation session becomes an alarm: the platform keeps a bool tag `teleoperation_lost` on
/// the equipment and an alarm rule on it, so the loss goes through the alarm system like any other (journal,
/// acknowledgement, webhooks) and clears when the next session starts.
public protocol TeleoperationAlarm: Sendable {
    func sessionChanged(on equipment: AssetPath, lost: Bool, at time: Int64) async
}
