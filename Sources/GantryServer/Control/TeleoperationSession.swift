import GantryCore

/// One operator driving one equipment: the console's heartbeats, relayed to the device and echoed back,
/// and the round trips measured on the way.
struct TeleoperationSession: Sendable {
    let id: String
    let equipment: AssetPath
    let operatorName: String
    let startedAt: Int64
    var lastConsoleBeat: Int64
    var beats: Int64 = 0
    /// Console to Gantry and back, as the console last reported it.
    var consoleRoundTrip: Int64?
    /// Gantry to the device and back, from the last echo.
    var deviceRoundTrip: Int64?

    /// The whole loop the operator's hands are in: console to device and back.
    var roundTripMilliseconds: Int64? {
        guard let deviceRoundTrip else { return nil }
        return deviceRoundTrip + (consoleRoundTrip ?? 0)
    }
}
