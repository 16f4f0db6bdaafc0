/// The MQTT 5 properties of one packet (§2.2.2); every field is absent unless sent.
///
/// One struct serves every packet type so the broker can copy message properties from a
/// PUBLISH to its deliveries; which identifiers a packet may carry is checked when decoding
/// (`PropertyContext`). MQTT 3.1.1 packets always carry empty properties.
public struct Properties: Sendable, Hashable {
    public var payloadFormatIndicator: UInt8?
    public var messageExpiryInterval: UInt32?
    public var contentType: String?
    public var responseTopic: String?
    public var correlationData: [UInt8]?
    /// Zero or more on a delivered PUBLISH (one per matching subscription), at most one on SUBSCRIBE.
    public var subscriptionIdentifiers: [UInt32] = []
    public var sessionExpiryInterval: UInt32?
    public var assignedClientIdentifier: String?
    public var serverKeepAlive: UInt16?
    public var authenticationMethod: String?
    public var authenticationData: [UInt8]?
    public var requestProblemInformation: UInt8?
    public var willDelayInterval: UInt32?
    public var requestResponseInformation: UInt8?
    public var responseInformation: String?
    public var serverReference: String?
    public var reasonString: String?
    public var receiveMaximum: UInt16?
    public var topicAliasMaximum: UInt16?
    public var topicAlias: UInt16?
    public var maximumQoS: UInt8?
    public var retainAvailable: UInt8?
    public var userProperties: [UserProperty] = []
    public var maximumPacketSize: UInt32?
    public var wildcardSubscriptionAvailable: UInt8?
    public var subscriptionIdentifierAvailable: UInt8?
    public var sharedSubscriptionAvailable: UInt8?

    public init() {}

    /// No property is set: the packet carries a property length of zero.
    public var isEmpty: Bool { self == Properties() }
}
