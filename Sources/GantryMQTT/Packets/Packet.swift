import NIOCore

/// One MQTT control packet, in either direction.
public enum Packet: Sendable, Equatable {
    case connect(ConnectPacket)
    case connack(ConnackPacket)
    case publish(PublishPacket)
    case puback(PublishAcknowledgement)
    case pubrec(PublishAcknowledgement)
    case pubrel(PublishAcknowledgement)
    case pubcomp(PublishAcknowledgement)
    case subscribe(SubscribePacket)
    case suback(SubscriptionAcknowledgement)
    case unsubscribe(UnsubscribePacket)
    case unsuback(SubscriptionAcknowledgement)
    case pingreq
    case pingresp
    case disconnect(DisconnectPacket)
    case auth(AuthPacket)

    public var type: PacketType {
        switch self {
        case .connect: .connect
        case .connack: .connack
        case .publish: .publish
        case .puback: .puback
        case .pubrec: .pubrec
        case .pubrel: .pubrel
        case .pubcomp: .pubcomp
        case .subscribe: .subscribe
        case .suback: .suback
        case .unsubscribe: .unsubscribe
        case .unsuback: .unsuback
        case .pingreq: .pingreq
        case .pingresp: .pingresp
        case .disconnect: .disconnect
        case .auth: .auth
        }
    }
}
