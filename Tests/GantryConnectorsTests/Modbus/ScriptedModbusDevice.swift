import GantryConnectors
import NIOCore
import NIOPosix
import Synchronization

/// A fake Modbus device on a loopback port that answers each request as its script says: with well-formed
/// frames, broken bytes, silence or a hang-up. For testing how `ModbusClient` takes input no real device sends.
final class ScriptedModbusDevice: Sendable {
    enum Reply: Sendable {
        case bytes(ByteBuffer)
        case close
    }

    let port: Int
    private let channel: any Channel

    private init(port: Int, channel: any Channel) {
        self.port = port
        self.channel = channel
    }

    /// Runs `body` with a device that answers each request frame with the replies `script` gives.
    static func with<Result: Sendable>(
        _ script: @escaping @Sendable (ModbusFrame) -> [Reply], _ body: (ScriptedModbusDevice) async throws -> Result
    ) async throws -> Result {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(Handler(script: script))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let device = ScriptedModbusDevice(port: channel.localAddress!.port!, channel: channel)
        do {
            let result = try await body(device)
            try? await channel.close()
            return result
        } catch {
            try? await channel.close()
            throw error
        }
    }

    /// A frame answering `request` with `response`.
    static func answer(_ request: ModbusFrame, _ response: ModbusResponse, transactionID: UInt16? = nil) -> Reply {
        var buffer = ByteBuffer()
        ModbusFrame(transactionID: transactionID ?? request.transactionID, unitID: request.unitID, response: response)
            .encode(into: &buffer)
        return .bytes(buffer)
    }

    private final class Handler: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer

        private let script: @Sendable (ModbusFrame) -> [Reply]
        private var received = ByteBuffer()

        init(script: @escaping @Sendable (ModbusFrame) -> [Reply]) {
            self.script = script
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var bytes = unwrapInboundIn(data)
            received.writeBuffer(&bytes)
            while let frame = try? ModbusFrame.decode(from: &received) {
                for reply in script(frame) {
                    switch reply {
                    case .bytes(let buffer): context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
                    case .close: context.close(promise: nil)
                    }
                }
            }
        }
    }
}
