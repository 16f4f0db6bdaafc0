/// One MQTT 5 User Property: a name–value pair the broker forwards unchanged and in order [MQTT-3.3.2-17].
public struct UserProperty: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}
