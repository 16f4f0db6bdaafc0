import GantryControl
import GantryCore

/// What the console needs to draw a control panel: the commands the equipment takes and where its
/// interlocks stand now.
extension ControlService {
    /// One interlock and its state from the latest readings.
    public struct InterlockState: Sendable {
        public let interlock: Interlock
        public let status: InterlockStatus
    }

    /// The commands of the equipment's type, for anyone who may view it.
    public func catalogue(equipment path: String, by principal: Principal) async throws -> [CommandDefinition] {
        let target = try await equipment(path, for: principal, needs: .viewer)
        return CommandCatalogue.commands(for: target.type) ?? []
    }

    /// The equipment's interlocks as the platform would judge a command now.
    public func interlocks(equipment path: String, by principal: Principal) async throws -> [InterlockState] {
        let target = try await equipment(path, for: principal, needs: .viewer)
        let now = timing.now()
        let readings = readings(of: target.path)
        return InterlockCatalogue.interlocks(for: target.type).map {
            InterlockState(interlock: $0, status: $0.status(readings[$0.tag], now: now))
        }
    }
}
