import GantryCore
import NIOCore

/// The broker state file (docs/format/mqtt-state.md):
///
/// ```
/// ┌ magic "GMQS" (4) │ version 1 (1) │ saved at, epoch ms (8) │ body length (4) ┐
/// │ body: retained messages, then sessions                                       │
/// └ CRC-32C of the body (4) ───────────────────────────────────────────────────┘
/// ```
/// Messages are stored as MQTT 5 PUBLISH packets, so the codec that is tested against the
/// wire also reads the file.
extension BrokerSnapshot {
    static let magic: [UInt8] = Array("GMQS".utf8)
    static let version: UInt8 = 1

    func encoded() -> ByteBuffer {
        var body = ByteBuffer()
        body.writeInteger(UInt32(retained.count))
        for entry in retained { Self.write(entry, to: &body) }
        body.writeInteger(UInt32(sessions.count))
        for session in sessions {
            body.writeMQTTString(session.clientID)
            body.writeInteger(session.version.rawValue)
            body.writeInteger(session.expiryInterval)
            body.writeInteger(session.remainingExpiry ?? -1)
            body.writeInteger(UInt32(session.subscriptions.count))
            for subscription in session.subscriptions {
                body.writeMQTTString(subscription.filter)
                let options = subscription.options
                body.writeInteger(
                    options.qos.rawValue | (options.noLocal ? 0x04 : 0) | (options.retainAsPublished ? 0x08 : 0)
                        | options.retainHandling.rawValue << 4)
                body.writeInteger(subscription.identifier ?? 0)
            }
            body.writeInteger(UInt32(session.pending.count))
            for pending in session.pending {
                body.writeInteger(pending.delivery.qos.rawValue)
                body.writeInteger(UInt8(pending.delivery.retain ? 1 : 0))
                body.writeInteger(UInt8(min(pending.delivery.subscriptionIdentifiers.count, 255)))
                for identifier in pending.delivery.subscriptionIdentifiers.prefix(255) { body.writeInteger(identifier) }
                Self.write(pending.message, to: &body)
            }
        }
        var file = ByteBuffer()
        file.writeBytes(Self.magic)
        file.writeInteger(Self.version)
        file.writeInteger(savedAt)
        file.writeInteger(UInt32(body.readableBytes))
        file.writeImmutableBuffer(body)
        file.writeInteger(CRC32C.checksum(body.readableBytesView))
        return file
    }

    init(decoding file: ByteBuffer) throws(MQTTPacketError) {
        var file = file
        guard file.readBytes(length: 4) == Self.magic, file.readInteger(as: UInt8.self) == Self.version,
            let savedAt = file.readInteger(as: Int64.self), let length = file.readInteger(as: UInt32.self),
            var body = file.readSlice(length: Int(length)), let checksum = file.readInteger(as: UInt32.self)
        else { throw .malformed("broker state file: bad header or truncated") }
        guard CRC32C.checksum(body.readableBytesView) == checksum else {
            throw .malformed("broker state file: checksum mismatch")
        }
        var retained: [Message] = []
        for _ in 0..<(try body.readMQTTUInt32("retained count")) { retained.append(try Self.readMessage(&body)) }
        var sessions: [SessionRecord] = []
        for _ in 0..<(try body.readMQTTUInt32("session count")) {
            let clientID = try body.readMQTTString("client identifier")
            guard let version = ProtocolVersion(rawValue: try body.readMQTTByte("version")) else {
                throw .malformed("broker state file: unknown protocol version")
            }
            let expiryInterval = try body.readMQTTUInt32("expiry interval")
            let remaining = try body.readMQTTInt64("session expiry")
            var subscriptions: [Subscription] = []
            for _ in 0..<(try body.readMQTTUInt32("subscription count")) {
                let filter = try body.readMQTTString("filter")
                let byte = try body.readMQTTByte("options")
                let identifier = try body.readMQTTUInt32("identifier")
                let options = SubscriptionOptions(
                    qos: QoS(rawValue: byte & 0x03) ?? .atMostOnce, noLocal: byte & 0x04 != 0,
                    retainAsPublished: byte & 0x08 != 0,
                    retainHandling: SubscriptionOptions.RetainHandling(rawValue: (byte >> 4) & 0x03) ?? .sendOnSubscribe
                )
                subscriptions.append(
                    Subscription(filter: filter, options: options, identifier: identifier == 0 ? nil : identifier))
            }
            var pending: [Pending] = []
            for _ in 0..<(try body.readMQTTUInt32("pending count")) {
                let qos = QoS(rawValue: try body.readMQTTByte("qos")) ?? .atLeastOnce
                let retain = try body.readMQTTByte("retain") == 1
                var identifiers: [UInt32] = []
                for _ in 0..<(try body.readMQTTByte("identifier count")) {
                    identifiers.append(try body.readMQTTUInt32("identifier"))
                }
                let message = try Self.readMessage(&body)
                pending.append(
                    Pending(
                        message: message,
                        delivery: Delivery(qos: qos, retain: retain, subscriptionIdentifiers: identifiers)))
            }
            sessions.append(
                SessionRecord(
                    clientID: clientID, version: version, expiryInterval: expiryInterval,
                    remainingExpiry: remaining < 0 ? nil : remaining, subscriptions: subscriptions, pending: pending))
        }
        self.init(savedAt: savedAt, retained: retained, sessions: sessions)
    }

    private static func write(_ entry: Message, to body: inout ByteBuffer) {
        body.writeInteger(entry.remainingExpiry ?? -1)
        let message = entry.message
        var properties = message.properties
        properties.messageExpiryInterval = nil
        let packet = Packet.publish(
            PublishPacket(
                topic: message.topic, payload: message.payload, qos: message.qos, retain: message.retain,
                packetID: message.qos == .atMostOnce ? nil : 1, properties: properties))
        let bytes = packet.encoded(version: .v5)
        body.writeInteger(UInt32(bytes.readableBytes))
        body.writeImmutableBuffer(bytes)
    }

    private static func readMessage(_ body: inout ByteBuffer) throws(MQTTPacketError) -> Message {
        let remaining = try body.readMQTTInt64("message expiry")
        let length = Int(try body.readMQTTUInt32("message length"))
        guard var bytes = body.readSlice(length: length),
            case .publish(let publish)? = try Packet.decode(from: &bytes, version: .v5)
        else { throw .malformed("broker state file: a stored message is not a PUBLISH") }
        let message = ApplicationMessage(
            topic: publish.topic, payload: publish.payload, qos: publish.qos, retain: publish.retain,
            properties: publish.properties)
        return Message(message: message, remainingExpiry: remaining < 0 ? nil : remaining)
    }
}
