import Logging
import NIOCore

extension MQTTConnectionHandler {
    /// Carries out one packet from a connected client.
    func handleConnected(_ packet: Packet, client: inout ConnectedClient, context: ChannelHandlerContext) {
        switch packet {
        case .publish(let publish):
            receivePublish(publish, client: &client, context: context)
        case .puback(let ack):
            let now = broker.now
            client.session.update { state in (state.machine.acknowledge(ack.packetID, now: now), ()) }
        case .pubrec(let ack):
            let now = broker.now
            client.session.update { state in
                (state.machine.received(ack.packetID, reasonCode: ack.reasonCode, now: now), ())
            }
        case .pubcomp(let ack):
            let now = broker.now
            client.session.update { state in (state.machine.completed(ack.packetID, now: now), ()) }
        case .pubrel(let ack):
            let answer = client.session.state.withLock { $0.machine.release(ack.packetID) }
            write(answer, version: client.version, context: context)
        case .subscribe(let subscribe):
            receiveSubscribe(subscribe, client: client, context: context)
        case .unsubscribe(let unsubscribe):
            receiveUnsubscribe(unsubscribe, client: client, context: context)
        case .pingreq:
            write(.pingresp, version: client.version, context: context)
        case .disconnect(let disconnect):
            receiveDisconnect(disconnect, client: &client, context: context)
        case .auth:
            close(context: context, reason: .protocolError, "AUTH without an extended authentication in progress")
        case .connect, .connack, .suback, .unsuback, .pingresp:
            close(context: context, reason: .protocolError, "\(packet.type) is not sent by clients")
        }
    }

    /// DISCONNECT from the client: the will is discarded unless it asks for it with 0x04 [MQTT-3.14.4-3].
    private func receiveDisconnect(
        _ disconnect: DisconnectPacket, client: inout ConnectedClient,
        context: ChannelHandlerContext
    ) {
        if let expiry = disconnect.properties.sessionExpiryInterval {
            let current = client.session.state.withLock { $0.expiryInterval }
            if current == 0, expiry != 0 {
                close(
                    context: context, reason: .protocolError,
                    "session expiry set on DISCONNECT after CONNECT set none [MQTT-3.14.2-2]")
                return
            }
            client.session.state.withLock { $0.expiryInterval = min(expiry, broker.configuration.maximumSessionExpiry) }
        }
        client.disconnectedGracefully = disconnect.reasonCode != .disconnectWithWill
        phase = .connected(client)
        context.close(promise: nil)
    }

    /// Packets a session had waiting, written together and flushed once.
    ///
    /// The whole batch is encoded into one buffer and written once: a write per packet cost an
    /// allocation and a trip through the pipeline each, a good part of a delivery's cost. MQTT lets
    /// packets share a TCP segment or a WebSocket frame [MQTT-6.0.0-2], so nothing else changes.
    func writeDeliveries(_ packets: [Packet], context: ChannelHandlerContext) {
        guard case .connected(var client) = phase else { return }
        var messages = 0
        let aliases = client.version == .v5 && client.outboundAliasMaximum > 0
        var batch = context.channel.allocator.buffer(capacity: packets.count * 96)
        for packet in packets {
            encodingScratch.clear()
            if aliases, case .publish(var publish) = packet {
                applyOutboundAlias(&publish, client: &client)
                Packet.publish(publish).encode(into: &encodingScratch, version: client.version)
            } else {
                packet.encode(into: &encodingScratch, version: client.version)
            }
            batch.writeBuffer(&encodingScratch)
            if case .publish = packet { messages += 1 }
        }
        broker.statistics.messagesSent.wrappingAdd(messages, ordering: .relaxed)
        broker.statistics.bytesSent.wrappingAdd(batch.readableBytes, ordering: .relaxed)
        phase = .connected(client)
        context.writeAndFlush(wrapOutboundOut(batch), promise: nil)
    }

    /// Replaces a repeated topic by its alias towards a client that allows aliases (§3.3.2.3.4);
    /// aliases are handed out first come, first served, until the client's maximum.
    ///
    /// The alias property adds three bytes, so a delivery that fits the client's Maximum Packet
    /// Size only without it goes out with its topic and no alias [MQTT-3.1.2-24].
    private func applyOutboundAlias(_ publish: inout PublishPacket, client: inout ConnectedClient) {
        var aliased = publish
        let known = client.outboundAliases[publish.topic]
        if let known {
            aliased.topic = ""
            aliased.properties.topicAlias = known
        } else if client.outboundAliases.count < Int(client.outboundAliasMaximum) {
            aliased.properties.topicAlias = UInt16(client.outboundAliases.count + 1)
        } else {
            return
        }
        if clientMaximumPacketSize < 268_435_460,
            Packet.publish(aliased).encoded(version: .v5).readableBytes > clientMaximumPacketSize
        {
            return
        }
        if known == nil, let alias = aliased.properties.topicAlias { client.outboundAliases[publish.topic] = alias }
        publish = aliased
    }

    /// Refuses bytes that are not a valid packet: CONNACK before CONNECT completed, DISCONNECT
    /// after (MQTT 5), then closes [MQTT-4.13.1-1].
    func refuse(_ error: MQTTPacketError, context: ChannelHandlerContext) {
        broker.statistics.protocolErrors.wrappingAdd(1, ordering: .relaxed)
        switch phase {
        case .awaitingConnect:
            logger.info(
                "connection refused", metadata: ["mqtt.reason_code": "\(error.reasonCode)", "reason": "\(error)"])
            phase = .closing
            if error.kind == .unsupportedVersion {
                // Answer in 3.1.1's format, which every client version can read [MQTT-3.1.2-2].
                write(
                    .connack(ConnackPacket(reasonCode: .unsupportedProtocolVersion)), version: .v311, context: context)
            }
            context.flush()
            context.close(promise: nil)
        default:
            close(context: context, reason: error.reasonCode, "\(error)")
        }
    }

    /// Ends the connection: MQTT 5 clients get a DISCONNECT with the reason first.
    func close(context: ChannelHandlerContext, reason: ReasonCode, _ message: String? = nil) {
        if let message {
            logger.info("closing connection", metadata: ["mqtt.reason_code": "\(reason)", "reason": "\(message)"])
        }
        if case .connected(let client) = phase, client.version == .v5 {
            var disconnect = DisconnectPacket(reasonCode: reason)
            disconnect.properties.reasonString = message
            if Packet.disconnect(disconnect).encoded(version: .v5).readableBytes > clientMaximumPacketSize {
                disconnect.properties.reasonString = nil  // [MQTT-3.14.2-3]
            }
            write(.disconnect(disconnect), version: .v5, context: context)
            context.flush()
        }
        if case .connected = phase {} else { phase = .closing }
        cumulation = nil
        context.close(promise: nil)
    }
}
