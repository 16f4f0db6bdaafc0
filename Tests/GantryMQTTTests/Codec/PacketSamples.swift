import GantryMQTT
import NIOCore

/// One packet of every type for each version, with every field the version can carry set, so a
/// round trip through the codec touches every encoder and decoder path.
enum PacketSamples {
    static func all(_ version: ProtocolVersion) -> [Packet] {
        version == .v5 ? v5 : v311
    }

    static let v311: [Packet] = [
        .connect(
            ConnectPacket(
                version: .v311, clientID: "dev-1", cleanStart: false, keepAlive: 30, username: "u", password: [1, 2],
                will: .init(topic: "w/1", payload: ByteBuffer(string: "gone"), qos: .atLeastOnce, retain: true))),
        .connect(ConnectPacket(version: .v311, clientID: "", keepAlive: 0)),
        .connack(ConnackPacket(sessionPresent: true)),
        .connack(ConnackPacket(reasonCode: .badUserNameOrPassword)),
        .publish(PublishPacket(topic: "a/b", payload: ByteBuffer(string: "hi"))),
        .publish(PublishPacket(topic: "a/b", payload: ByteBuffer(), qos: .atLeastOnce, retain: true, packetID: 1)),
        .publish(
            PublishPacket(
                topic: "ü/€", payload: ByteBuffer(bytes: [0, 255]), qos: .exactlyOnce, duplicate: true, packetID: 65_535
            )),
        .puback(PublishAcknowledgement(packetID: 1)),
        .pubrec(PublishAcknowledgement(packetID: 2)),
        .pubrel(PublishAcknowledgement(packetID: 3)),
        .pubcomp(PublishAcknowledgement(packetID: 4)),
        .subscribe(
            SubscribePacket(
                packetID: 5,
                requests: [
                    .init(filter: "a/#", options: .init(qos: .exactlyOnce)),
                    .init(filter: "+/b", options: .init(qos: .atMostOnce)),
                ])),
        .suback(
            SubscriptionAcknowledgement(packetID: 5, reasonCodes: [.grantedQoS2, .grantedQoS0, .unspecifiedError])),
        .unsubscribe(UnsubscribePacket(packetID: 6, filters: ["a/#", "+/b"])),
        .unsuback(SubscriptionAcknowledgement(packetID: 6, reasonCodes: [])),
        .pingreq,
        .pingresp,
        .disconnect(DisconnectPacket()),
    ]

    static let v5: [Packet] = {
        var connectProperties = Properties()
        connectProperties.sessionExpiryInterval = 3_600
        connectProperties.receiveMaximum = 10
        connectProperties.maximumPacketSize = 4_096
        connectProperties.topicAliasMaximum = 5
        connectProperties.requestResponseInformation = 1
        connectProperties.requestProblemInformation = 0
        connectProperties.userProperties = [UserProperty("site", "plant-1"), UserProperty("site", "plant-2")]
        var willProperties = Properties()
        willProperties.willDelayInterval = 5
        willProperties.payloadFormatIndicator = 1
        willProperties.messageExpiryInterval = 60
        willProperties.contentType = "text/plain"
        willProperties.responseTopic = "r/1"
        willProperties.correlationData = [0xAB, 0xCD]
        var connackProperties = Properties()
        connackProperties.sessionExpiryInterval = 60
        connackProperties.assignedClientIdentifier = "gantry-1"
        connackProperties.serverKeepAlive = 30
        connackProperties.responseInformation = "resp/"
        connackProperties.serverReference = "other:1883"
        connackProperties.reasonString = "welcome"
        connackProperties.receiveMaximum = 1_024
        connackProperties.topicAliasMaximum = 64
        connackProperties.maximumQoS = 1
        connackProperties.retainAvailable = 1
        connackProperties.maximumPacketSize = 1 << 20
        connackProperties.wildcardSubscriptionAvailable = 1
        connackProperties.subscriptionIdentifierAvailable = 1
        connackProperties.sharedSubscriptionAvailable = 0
        var publishProperties = willProperties
        publishProperties.willDelayInterval = nil
        publishProperties.topicAlias = 3
        publishProperties.subscriptionIdentifiers = [1, 268_435_455]
        publishProperties.userProperties = [UserProperty("k", "v")]
        var reason = Properties()
        reason.reasonString = "why"
        reason.userProperties = [UserProperty("a", "b")]
        var subscribeProperties = Properties()
        subscribeProperties.subscriptionIdentifiers = [42]
        var disconnectProperties = reason
        disconnectProperties.sessionExpiryInterval = 0
        disconnectProperties.serverReference = "elsewhere"
        var authProperties = Properties()
        authProperties.authenticationMethod = "SCRAM-SHA-1"
        authProperties.authenticationData = [1, 2, 3]
        authProperties.reasonString = "more"
        return [
            .connect(
                ConnectPacket(
                    version: .v5, clientID: "dev-1", cleanStart: true, keepAlive: 60, username: "u", password: [9],
                    will: .init(
                        topic: "w/1", payload: ByteBuffer(string: "gone"), qos: .exactlyOnce, properties: willProperties
                    ),
                    properties: connectProperties)),
            .connect(ConnectPacket(version: .v5, clientID: "p", password: [1])),  // 5.0 allows a password alone
            .connack(ConnackPacket(sessionPresent: false, reasonCode: .success, properties: connackProperties)),
            .connack(ConnackPacket(reasonCode: .notAuthorized)),
            .publish(PublishPacket(topic: "a/b", payload: ByteBuffer(string: "hi"))),
            .publish(
                PublishPacket(
                    topic: "", payload: ByteBuffer(string: "x"), qos: .exactlyOnce, retain: true, duplicate: true,
                    packetID: 9, properties: publishProperties)),
            .puback(PublishAcknowledgement(packetID: 1)),
            .puback(PublishAcknowledgement(packetID: 1, reasonCode: .noMatchingSubscribers)),
            .pubrec(PublishAcknowledgement(packetID: 2, reasonCode: .quotaExceeded, properties: reason)),
            .pubrel(PublishAcknowledgement(packetID: 3, reasonCode: .packetIdentifierNotFound)),
            .pubcomp(PublishAcknowledgement(packetID: 4, properties: reason)),
            .subscribe(
                SubscribePacket(
                    packetID: 5,
                    requests: [
                        .init(
                            filter: "a/#",
                            options: .init(
                                qos: .atLeastOnce, noLocal: true, retainAsPublished: true, retainHandling: .doNotSend)),
                        .init(
                            filter: "$share/g/b", options: .init(qos: .exactlyOnce, retainHandling: .sendOnNewSubscribe)
                        ),
                    ],
                    properties: subscribeProperties)),
            .suback(
                SubscriptionAcknowledgement(
                    packetID: 5, reasonCodes: [.grantedQoS1, .topicFilterInvalid], properties: reason)),
            .unsubscribe(UnsubscribePacket(packetID: 6, filters: ["a/#"], properties: reason.withoutReasonString)),
            .unsuback(SubscriptionAcknowledgement(packetID: 6, reasonCodes: [.success, .noSubscriptionExisted])),
            .pingreq,
            .pingresp,
            .disconnect(DisconnectPacket()),
            .disconnect(DisconnectPacket(reasonCode: .sessionTakenOver, properties: disconnectProperties)),
            .auth(AuthPacket()),
            .auth(AuthPacket(reasonCode: .continueAuthentication, properties: authProperties)),
        ]
    }()
}

extension Properties {
    /// The same properties without a reason string, for packets that may not carry one.
    var withoutReasonString: Properties {
        var copy = self
        copy.reasonString = nil
        return copy
    }
}

extension Packet {
    /// The packet's bytes as `version` writes them.
    func bytes(_ version: ProtocolVersion) -> [UInt8] {
        Array(encoded(version: version).readableBytesView)
    }

    var isConnect: Bool {
        if case .connect = self { return true }
        return false
    }
}
