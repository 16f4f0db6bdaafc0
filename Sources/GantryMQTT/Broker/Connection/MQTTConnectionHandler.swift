import Logging
import NIOCore

/// One client connection to the broker: decodes packets, carries out the protocol, writes replies.
///
/// Everything here runs on the connection's event loop. Deliveries from other connections
/// arrive through the session's outbox (`writeDeliveries`), already batched.
final class MQTTConnectionHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = Never
    typealias OutboundOut = ByteBuffer

    /// The broker this connection belongs to; the sandbox's own for a sandboxed login.
    var broker: MQTTBroker
    var logger: Logger
    var phase: ConnectionPhase = .awaitingConnect
    var cumulation: ByteBuffer?
    /// QoS 1 acknowledgements in arrival order, each waiting for its publish hook to finish [MQTT-4.6.0-2].
    var acknowledgementQueue: CircularBuffer<(packetID: UInt16, outcome: ReasonCode?)> = []
    /// The largest packet the client accepts (MQTT 5 CONNECT property 0x27); no packet the broker
    /// writes may exceed it [MQTT-3.1.2-24], its own CONNACK and DISCONNECT included.
    var clientMaximumPacketSize = 268_435_460
    /// Where a batch of deliveries is encoded one packet at a time before it is copied into the
    /// batch's buffer; kept so its storage is reused rather than allocated per packet.
    var encodingScratch = ByteBuffer()
    /// Whether the connection's TLS layer checked any client certificate against the client CA, so
    /// the certificate's name may stand for the client at CONNECT.
    let trustsClientCertificates: Bool

    init(broker: MQTTBroker, logger: Logger, trustsClientCertificates: Bool = false) {
        self.broker = broker
        self.logger = logger
        self.trustsClientCertificates = trustsClientCertificates
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        broker.statistics.bytesReceived.wrappingAdd(bytes.readableBytes, ordering: .relaxed)
        if cumulation == nil {
            cumulation = bytes
        } else {
            cumulation!.writeBuffer(&bytes)
        }
        processPackets(context: context)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        context.flush()
    }

    /// Decodes and handles whole packets until the bytes run out or the connection waits.
    func processPackets(context: ChannelHandlerContext) {
        while var buffer = cumulation, buffer.readableBytes > 0 {
            let version: ProtocolVersion?
            switch phase {
            case .awaitingConnect: version = nil
            case .connected(let client): version = client.version
            case .authenticating, .closing: return
            }
            let packet: Packet?
            do {
                packet = try Packet.decode(
                    from: &buffer, version: version, maximumPacketSize: broker.configuration.maximumPacketSize)
            } catch {
                cumulation = nil
                refuse(error, context: context)
                return
            }
            guard let packet else {
                if buffer.readerIndex > 65_536 { buffer.discardReadBytes() }
                cumulation = buffer
                return
            }
            cumulation = buffer.readableBytes == 0 ? nil : buffer
            handle(packet, context: context)
        }
    }

    func handle(_ packet: Packet, context: ChannelHandlerContext) {
        switch phase {
        case .awaitingConnect:
            guard case .connect(let connect) = packet else { return }
            beginConnect(connect, context: context)
        case .connected(var client):
            handleConnected(packet, client: &client, context: context)
            if case .connected = phase { phase = .connected(client) }
        case .authenticating, .closing:
            break
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        if case .connected(let client) = phase {
            broker.statistics.connectedClients.wrappingSubtract(1, ordering: .relaxed)
            broker.publishHook?.disconnected(client.identity)
            let will = client.disconnectedGracefully ? nil : client.will
            if !client.disconnectedGracefully {
                logger.info("connection lost", metadata: ["mqtt.will": "\(will != nil)"])
            }
            broker.detach(client.session, outlet: client.outlet, will: will, client: client.identity)
        }
        phase = .closing
        context.fireChannelInactive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? IdleStateHandler.IdleStateEvent, event == .read {
            logger.info("keep-alive expired: no packet within 1.5 × keep-alive [MQTT-3.1.2-24]")
            close(context: context, reason: .keepAliveTimeout)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        logger.debug("connection error", metadata: ["error": "\(error)"])
        context.close(promise: nil)
    }

    /// Writes one packet in the version the client speaks.
    func write(_ packet: Packet, version: ProtocolVersion, context: ChannelHandlerContext) {
        broker.statistics.bytesSent.wrappingAdd(
            writeUncounted(packet, version: version, context: context), ordering: .relaxed)
    }

    /// Writes one packet and returns its size, for callers that count a batch at once (the
    /// counters are shared by every event loop, so each update costs a contended cache line).
    func writeUncounted(_ packet: Packet, version: ProtocolVersion, context: ChannelHandlerContext) -> Int {
        let buffer = packet.encoded(version: version, allocator: context.channel.allocator)
        let size = buffer.readableBytes
        context.write(wrapOutboundOut(buffer), promise: nil)
        return size
    }
}
