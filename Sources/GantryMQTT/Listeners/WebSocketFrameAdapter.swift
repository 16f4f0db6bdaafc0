import NIOCore
import NIOWebSocket

/// Carries MQTT over WebSocket (MQTT 5 §6): binary frames in, binary frames out, so the same
/// connection handler serves browsers and TCP clients alike.
///
/// MQTT packets may span frames and frames may hold several packets [MQTT-6.0.0-2]; the
/// connection handler reassembles, so this adapter only unwraps. Text frames are refused
/// [MQTT-6.0.0-1], pings answered, a close frame closes.
final class WebSocketFrameAdapter: ChannelDuplexHandler {
    typealias InboundIn = WebSocketFrame
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = WebSocketFrame

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        switch frame.opcode {
        case .binary, .continuation:
            context.fireChannelRead(wrapInboundOut(frame.unmaskedData))
        case .ping:
            let pong = WebSocketFrame(fin: true, opcode: .pong, data: frame.unmaskedData)
            context.writeAndFlush(wrapOutboundOut(pong), promise: nil)
        case .connectionClose:
            context.close(promise: nil)
        case .text:
            // MQTT travels in binary frames only; a text frame closes the connection [MQTT-6.0.0-1].
            var reason = context.channel.allocator.buffer(capacity: 2)
            reason.write(webSocketErrorCode: .unacceptableData)
            let close = WebSocketFrame(fin: true, opcode: .connectionClose, data: reason)
            let channel = context.channel
            context.writeAndFlush(wrapOutboundOut(close)).whenComplete { _ in channel.close(promise: nil) }
        default:
            break
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let frame = WebSocketFrame(fin: true, opcode: .binary, data: unwrapOutboundIn(data))
        context.write(wrapOutboundOut(frame), promise: promise)
    }
}
