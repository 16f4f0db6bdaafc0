import GantryCore

/// A precondition on a live tag value that forbids some commands while it holds: no traction while the brake
/// is applied, no hoisting with the load limiter tripped. The platform checks every interlock of the
/// equipment when a command is requested and again just before it is sent; the device keeps its own.
///
/// An interlock fails safe: without a current good value of its tag it forbids what it guards, because a
/// silent sensor is no proof that the brake is off.
public struct Interlock: Sendable {
    /// Short and stable, named in refusals: `brake-applied`.
    public let name: String
    /// What it protects, in words: "no traction while the service brake is applied".
    public let summary: String
    /// The tag of the equipment it reads.
    public let tag: String
    /// The commands it guards.
    public let commands: Set<String>
    private let guards: @Sendable ([String: CommandValue]) -> Bool
    private let forbids: @Sendable (SampleValue) -> Bool

    /// - Parameters:
    ///   - guards: whether a guarded command with these arguments is one the interlock stops (a speed of
    ///     0 is no traction); all of them when omitted.
    ///   - forbids: whether the tag's value blocks the commands now.
    public init(
        _ name: String, _ summary: String, tag: String, commands: Set<String>,
        guards: @escaping @Sendable ([String: CommandValue]) -> Bool = { _ in true },
        forbids: @escaping @Sendable (SampleValue) -> Bool
    ) {
        self.name = name
        self.summary = summary
        self.tag = tag
        self.commands = commands
        self.guards = guards
        self.forbids = forbids
    }

    /// Whether the interlock has a say on this command.
    public func applies(to command: String, arguments: [String: CommandValue]) -> Bool {
        commands.contains(command) && guards(arguments)
    }

    /// Where the interlock stands given its tag's latest reading.
    public func status(_ reading: InterlockReading?, now: Int64) -> InterlockStatus {
        guard let reading, reading.isGood, now - reading.at <= InterlockReading.maximumAgeMilliseconds else {
            return .unknown
        }
        return forbids(reading.value) ? .active : .clear
    }
}

/// The latest value of an interlock's tag, as the platform last heard it.
public struct InterlockReading: Hashable, Sendable {
    public let value: SampleValue
    /// Sample time, epoch milliseconds.
    public let at: Int64
    public let isGood: Bool

    public init(value: SampleValue, at: Int64, isGood: Bool) {
        self.value = value
        self.at = at
        self.isGood = isGood
    }

    /// A reading older than this no longer counts: the remote machines publish every second or faster.
    public static let maximumAgeMilliseconds: Int64 = 10_000
}

/// An interlock's state now.
public enum InterlockStatus: String, Hashable, Sendable, Codable {
    /// Its condition holds: it forbids its commands.
    case active
    /// Its condition does not hold.
    case clear
    /// No current good value: it forbids its commands too.
    case unknown
}
