import GantryCore

/// One value the simulator publishes: which tag, when (epoch milliseconds) and what.
public struct SimulatedSample: Hashable, Sendable {
    public var tag: TagPath
    public var time: Int64
    public var value: SampleValue

    public init(tag: TagPath, time: Int64, value: SampleValue) {
        self.tag = tag
        self.time = time
        self.value = value
    }
}
