/// The MQTT 5 properties of one packet (§2.2.2); every field is absent unless sent.
///
/// One struct serves every packet type so the broker can copy message properties from a
/// PUBLISH to its deliveries; which identifiers a packet may carry is checked when decoding
/// (`PropertyContext`). MQTT 3.1.1 packets always carry empty properties.
///
/// The fields live in a copy-on-write box that is absent while no property is set, so the
/// common empty set costs one null reference: copying a packet (and the broker copies each
/// PUBLISH several times on its way) retains one reference instead of a dozen strings and arrays.
public struct Properties: Sendable, Hashable {
    /// Every field, boxed.
    struct Fields: Sendable, Hashable {
        var payloadFormatIndicator: UInt8?
        var messageExpiryInterval: UInt32?
        var contentType: String?
        var responseTopic: String?
        var correlationData: [UInt8]?
        var subscriptionIdentifiers: [UInt32] = []
        var sessionExpiryInterval: UInt32?
        var assignedClientIdentifier: String?
        var serverKeepAlive: UInt16?
        var authenticationMethod: String?
        var authenticationData: [UInt8]?
        var requestProblemInformation: UInt8?
        var willDelayInterval: UInt32?
        var requestResponseInformation: UInt8?
        var responseInformation: String?
        var serverReference: String?
        var reasonString: String?
        var receiveMaximum: UInt16?
        var topicAliasMaximum: UInt16?
        var topicAlias: UInt16?
        var maximumQoS: UInt8?
        var retainAvailable: UInt8?
        var userProperties: [UserProperty] = []
        var maximumPacketSize: UInt32?
        var wildcardSubscriptionAvailable: UInt8?
        var subscriptionIdentifierAvailable: UInt8?
        var sharedSubscriptionAvailable: UInt8?
    }

    /// Shared between copies until one of them writes (then `mutableFields` copies it first).
    final class Box: @unchecked Sendable {  // mutated only while uniquely referenced (copy on write)
        var fields: Fields

        init(_ fields: Fields) { self.fields = fields }
    }

    private var storage: Box?

    public init() {}

    /// No property is set: the packet carries a property length of zero.
    public var isEmpty: Bool { storage.map { $0.fields == Fields() } ?? true }

    public static func == (lhs: Properties, rhs: Properties) -> Bool {
        if lhs.storage === rhs.storage { return true }
        return (lhs.storage?.fields ?? Fields()) == (rhs.storage?.fields ?? Fields())
    }

    public func hash(into hasher: inout Hasher) {
        (storage?.fields ?? Fields()).hash(into: &hasher)
    }

    /// The fields, made unique first, for writing.
    private var mutableFields: Fields {
        get { storage?.fields ?? Fields() }
        _modify {
            if storage == nil {
                storage = Box(Fields())
            } else if !isKnownUniquelyReferenced(&storage!) {
                storage = Box(storage!.fields)
            }
            yield &storage!.fields
        }
    }

    public var payloadFormatIndicator: UInt8? {
        get { storage?.fields.payloadFormatIndicator }
        set {
            if newValue == nil, storage == nil { return }
            mutableFields.payloadFormatIndicator = newValue
        }
    }

    public var messageExpiryInterval: UInt32? {
        get { storage?.fields.messageExpiryInterval }
        set {
            if newValue == nil, storage == nil { return }
            mutableFields.messageExpiryInterval = newValue
        }
    }

    public var contentType: String? {
        get { storage?.fields.contentType }
        set {
            if newValue == nil, storage == nil { return }
            mutableFields.contentType = newValue
        }
    }

    public var responseTopic: String? {
        get { storage?.fields.responseTopic }
        set {
            if newValue == nil, storage == nil { return }
            mutableFields.responseTopic = newValue
        }
    }

    public var correlationData: [UInt8]? {
        get { storage?.fields.correlationData }
        set {
            if newValue == nil, storage == nil { return }
            mutableFields.correlationData = newValue
        }
    }

    /// Zero or more on a delivered PUBLISH (one per matching subscription), at most one on SUBSCRIBE.
    public var subscriptionIdentifiers: [UInt32] {
        get { storage?.fields.subscriptionIdentifiers ?? [] }
        set {
            if newValue.isEmpty, storage == nil { return }
            mutableFields.subscriptionIdentifiers = newValue
        }
    }

    public var sessionExpiryInterval: UInt32? {
        get { storage?.fields.sessionExpiryInterval }
        set {
            if newValue == nil, storage == nil { return }
            mutableFields.sessionExpiryInterval = newValue
        }
    }

    public var assignedClientIdentifier: String? {
        get { storage?.fields.assignedClientIdentifier }
        set {
            if newValue == nil, storage == nil { return }
            mutableFields.assignedClientIdentifier = newValue
        }
    }

    public var serverKeepAlive: UInt16? {
        get { storage?.fields.serverKeepAlive }
        set {
            if newValue == nil, storage == nil { return }
            mutableFields.serverKeepAlive = newValue
        }
    }

    public var authenticationMethod: String? {
        get { storage?.fields.authenticationMethod }
        set {
            if newValue == nil, storage == nil { return }
            mutableFields.authenticationMethod = newValue
        }
    }

    public var authenticationData: [UInt8]? {
        get { storage?.fields.authenticationData }
        set {
            if newValue == nil, storage == nil { return }
            mutableFields.authenticationData = newValue
        }
    }

    public var requestProblemInformation: UInt8? {
        get { storage?.fields.requestProblemInformation }
        set {
            if newValue == nil, storage == nil { return }
            mutableFields.requestProblemInformation = newValue
        }
    }

    public var willDelayInterval: UInt32? {
        get { storage?.fields.willDelayInterval }
        set {
            if newValue == nil, storage == nil { return }
            mutableFields.willDelayInterval = newValue
        }
    }

    public var requestResponseInformation: UInt8? {
        get { storage?.fields.requestResponseInformation }
        set {
            if newValue == nil, storage == nil { return }
            mutableFields.requestResponseInformation = newValue
        }
    }

    public var responseInformation: String? {
        get { storage?.fields.responseInformation }
        set {
            if newValue == nil, storage == nil { return }
            mutableFields.responseInformation = newValue
        }
    }

    public var serverReference: String? {
        get { storage?.fields.serverReference }
        set {
            if newValue == nil, storage == nil { return }
            mutableFields.serverReference = newValue
        }
    }

    public var reasonString: String? {
        get { storage?.fields.reasonString }
        set {
            if newValue == nil, storage == nil { return }
            mutableFields.reasonString = newValue
        }
    }

    public var receiveMaximum: UInt16? {
        get { storage?.fields.receiveMaximum }
        set {
            if newValue == nil, storage == nil { return }
            mutableFields.receiveMaximum = newValue
        }
    }

    public var topicAliasMaximum: UInt16? {
        get { storage?.fields.topicAliasMaximum }
        set {
            if newValue == nil, storage == nil { return }
            mutableFields.topicAliasMaximum = newValue
        }
    }

    public var topicAlias: UInt16? {
        get { storage?.fields.topicAlias }
        set {
            if newValue == nil, storage == nil { return }
            mutableFields.topicAlias = newValue
        }
    }

    public var maximumQoS: UInt8? {
        get { storage?.fields.maximumQoS }
        set {
            if newValue == nil, storage == nil { return }
            mutableFields.maximumQoS = newValue
        }
    }

    public var retainAvailable: UInt8? {
        get { storage?.fields.retainAvailable }
        set {
            if newValue == nil, storage == nil { return }
            mutableFields.retainAvailable = newValue
        }
    }

    public var userProperties: [UserProperty] {
        get { storage?.fields.userProperties ?? [] }
        set {
            if newValue.isEmpty, storage == nil { return }
            mutableFields.userProperties = newValue
        }
    }

    public var maximumPacketSize: UInt32? {
        get { storage?.fields.maximumPacketSize }
        set {
            if newValue == nil, storage == nil { return }
            mutableFields.maximumPacketSize = newValue
        }
    }

    public var wildcardSubscriptionAvailable: UInt8? {
        get { storage?.fields.wildcardSubscriptionAvailable }
        set {
            if newValue == nil, storage == nil { return }
            mutableFields.wildcardSubscriptionAvailable = newValue
        }
    }

    public var subscriptionIdentifierAvailable: UInt8? {
        get { storage?.fields.subscriptionIdentifierAvailable }
        set {
            if newValue == nil, storage == nil { return }
            mutableFields.subscriptionIdentifierAvailable = newValue
        }
    }

    public var sharedSubscriptionAvailable: UInt8? {
        get { storage?.fields.sharedSubscriptionAvailable }
        set {
            if newValue == nil, storage == nil { return }
            mutableFields.sharedSubscriptionAvailable = newValue
        }
    }
}
