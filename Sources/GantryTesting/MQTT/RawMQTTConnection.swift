import Foundation
import GantryMQTT
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// A TCP connection that sends and expects exact bytes: the conformance tests' view of the wire.
///
/// Nothing here speaks MQTT, so a broker test states every byte it sends and every byte it
/// expects, as mosquitto's own tests do.
public final class RawMQTTConnection: Sendable {
    private let channel: any Channel
    private let inbox: Inbox

    private final class Inbox: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        let state = NIOLockedValueBox<(bytes: [UInt8], closed: Bool)>(([], false))

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let buffer = unwrapInboundIn(data)
            state.withLockedValue { $0.bytes.append(contentsOf: buffer.readableBytesView) }
        }

        func channelInactive(context: ChannelHandlerContext) {
            state.withLockedValue { $0.closed = true }
        }
    }

    private init(channel: any Channel, inbox: Inbox) {
        self.channel = channel
        self.inbox = inbox
    }

    /// Opens a connection to `port` on loopback.
    public static func connect(port: Int) async throws -> RawMQTTConnection {
        let inbox = Inbox()
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(inbox) }
            }
            .connect(host: "127.0.0.1", port: port).get()
        return RawMQTTConnection(channel: channel, inbox: inbox)
    }

    /// Sends bytes written as hex pairs, spaces allowed: `"10 0c 00 04 4d 51 54 54"`.
    public func send(_ hex: String) async throws {
        try await send(bytes: Self.bytes(hex))
    }

    public func send(bytes: [UInt8]) async throws {
        try await channel.writeAndFlush(ByteBuffer(bytes: bytes))
    }

    /// Waits for exactly `count` bytes and returns them (fewer if the broker closes first).
    public func receive(count: Int, timeout: Duration = Patience.reply) async throws -> [UInt8] {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let (ready, closed) = inbox.state.withLockedValue { state -> ([UInt8]?, Bool) in
                guard state.bytes.count >= count else { return (nil, state.closed) }
                defer { state.bytes.removeFirst(count) }
                return (Array(state.bytes.prefix(count)), state.closed)
            }
            if let ready { return ready }
            if closed {
                return inbox.state.withLockedValue { state in
                    defer { state.bytes = [] }; return state.bytes
                }
            }
            try await Task.sleep(for: .milliseconds(5))
        }
        return inbox.state.withLockedValue { state in
            defer { state.bytes = [] }; return state.bytes
        }
    }

    /// Reads as many bytes as `hex` holds and returns them as hex, for comparison with `#expect`.
    public func receive(_ hex: String, timeout: Duration = Patience.reply) async throws -> String {
        Self.hex(try await receive(count: Self.bytes(hex).count, timeout: timeout))
    }

    /// Waits until the broker has closed the connection; returns whatever bytes came before.
    public func closedByBroker(timeout: Duration = Patience.reply) async throws -> (closed: Bool, bytes: String) {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if inbox.state.withLockedValue({ $0.closed }) { break }
            try await Task.sleep(for: .milliseconds(5))
        }
        return inbox.state.withLockedValue { state in
            defer { state.bytes = [] }
            return (state.closed, Self.hex(state.bytes))
        }
    }

    /// Bytes that arrived and were not read yet, as hex; waits `settle` first.
    public func unread(settle: Duration = .milliseconds(200)) async throws -> String {
        try await Task.sleep(for: settle)
        return inbox.state.withLockedValue { state in
            defer { state.bytes = [] }
            return Self.hex(state.bytes)
        }
    }

    /// Drops the TCP connection without DISCONNECT, as a crashed device would.
    public func drop() async {
        try? await channel.close()
    }

    public static func bytes(_ hex: String) -> [UInt8] {
        let digits = hex.filter { !$0.isWhitespace }
        var bytes: [UInt8] = []
        var index = digits.startIndex
        while index < digits.endIndex {
            let next = digits.index(index, offsetBy: 2)
            bytes.append(UInt8(digits[index..<next], radix: 16)!)
            index = next
        }
        return bytes
    }

    public static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02x", $0) }.joined(separator: " ")
    }
}

extension RawMQTTConnection {
    /// Sends a packet as Gantry's codec encodes it, for tests about the platform rather than the wire.
    public func send(_ packet: GantryMQTT.Packet, version: ProtocolVersion) async throws {
        try await send(bytes: Array(packet.encoded(version: version).readableBytesView))
    }
}

extension RawMQTTConnection {
    /// Reads the next whole packet and decodes it with Gantry's codec; nil if none arrives in time.
    public func receivePacket(
        version: ProtocolVersion, timeout: Duration = Patience.reply
    ) async throws -> GantryMQTT.Packet? {
        let first = try await receive(count: 1, timeout: timeout)
        guard first.count == 1 else { return nil }
        var header = first
        for _ in 0..<4 {
            let byte = try await receive(count: 1, timeout: timeout)
            guard byte.count == 1 else { return nil }
            header += byte
            if byte[0] & 0x80 == 0 { break }
        }
        var length = 0
        for (index, byte) in header.dropFirst().enumerated() { length |= Int(byte & 0x7F) << (7 * index) }
        let body = try await receive(count: length, timeout: timeout)
        var buffer = ByteBuffer(bytes: header + body)
        return try GantryMQTT.Packet.decode(from: &buffer, version: version)
    }
}
