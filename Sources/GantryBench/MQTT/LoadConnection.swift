import GantryMQTT
import NIOCore
import NIOPosix

/// One connection of the load generator: CONNECT and SUBSCRIBE go through Gantry's codec, then PUBLISH and
/// PUBACK are written and read as bytes.
///
/// Why not `MQTTClient`: the generator shares the machine's cores with the broker under test, and a full
/// client (a state machine, a ticket per publish, a packet value per frame) cost about as much CPU per message
/// as the broker it drives. That CPU was taken from whichever broker could use a second core, so the run
/// measured the client as much as the brokers. Both brokers are driven by this same connection; it checks
/// what it reads (frame lengths, PUBACK reason codes) and counts what it cannot account for.
final class LoadConnection: Sendable {
    let channel: any Channel
    private let handler: NIOLoopBound<LoadConnectionHandler>

    var eventLoop: any EventLoop { channel.eventLoop }

    private init(channel: any Channel, handler: LoadConnectionHandler) {
        self.channel = channel
        self.handler = NIOLoopBound(handler, eventLoop: channel.eventLoop)
    }

    /// Connects and logs in (clean start); `onPublish` gets each delivered PUBLISH's payload on the event loop.
    static func connect(
        port: Int, clientID: String, version: ProtocolVersion, receiveMaximum: UInt16? = nil,
        group: any EventLoopGroup, onPublish: (@Sendable (ByteBuffer) -> Void)? = nil
    ) async throws -> LoadConnection {
        let channel = try await ClientBootstrap(group: group)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        LoadConnectionHandler(version: version, onPublish: onPublish))
                }
            }
            .connect(host: "127.0.0.1", port: port).get()
        let connection = try await channel.eventLoop.submit {
            LoadConnection(
                channel: channel, handler: try channel.pipeline.syncOperations.handler(type: LoadConnectionHandler.self)
            )
        }.get()
        var properties = Properties()
        properties.receiveMaximum = receiveMaximum
        let connack = try await connection.request(
            .connect(ConnectPacket(version: version, clientID: clientID, keepAlive: 600, properties: properties)))
        guard case .connack(let answer) = connack, !answer.reasonCode.isFailure else {
            try? await channel.close()
            throw LoadConnectionError("\(clientID) was not let in: \(connack)")
        }
        return connection
    }

    /// Subscribes to one filter; returns the granted QoS or the failure code.
    func subscribe(to filter: String, qos: QoS) async throws -> ReasonCode {
        let wanted = SubscribePacket.Request(filter: filter, options: SubscriptionOptions(qos: qos))
        let answer = try await request(.subscribe(SubscribePacket(packetID: 1, requests: [wanted])))
        guard case .suback(let suback) = answer, let code = suback.reasonCodes.first else {
            throw LoadConnectionError("SUBSCRIBE \(filter) was answered with \(answer)")
        }
        return code
    }

    private func request(_ packet: Packet) async throws -> Packet {
        try await eventLoop.flatSubmit { [handler, eventLoop] in handler.value.request(packet, on: eventLoop) }.get()
    }

    /// On the event loop: writes `count` PUBLISH packets to `topic` in one buffer with one flush;
    /// `payload(&buffer, n)` writes message n's `payloadSize` bytes.
    func publish(
        topic: [UInt8], qos: QoS, count: Int, payloadSize: Int, payload: (inout ByteBuffer, Int) -> Void
    ) {
        handler.value.publish(topic: topic, qos: qos, count: count, payloadSize: payloadSize, payload: payload)
    }

    /// On the event loop: QoS 1 publishes not acknowledged yet.
    var unacknowledged: Int { handler.value.unacknowledged }

    /// QoS 1 publishes the broker acknowledged with a failure code, and frames it sent that the generator did
    /// not expect.
    func problems() async throws -> (refused: Int, unexpected: Int) {
        try await eventLoop.submit { [handler] in (handler.value.refused, handler.value.unexpected) }.get()
    }

    /// Waits (bounded, 3 s) for the PUBACKs still on their way.
    func drain() async throws {
        for _ in 0..<300 {
            if try await eventLoop.submit({ [handler] in handler.value.unacknowledged }).get() == 0 { return }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    /// DISCONNECT (normal), then close.
    func disconnect() async {
        var packet = channel.allocator.buffer(capacity: 2)
        packet.writeBytes([0xE0, 0x00])
        try? await channel.writeAndFlush(packet).get()
        try? await channel.close()
    }
}

struct LoadConnectionError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
