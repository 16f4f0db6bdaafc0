import Logging
import NIOCore
import NIOHTTP1
import NIOWebSocket

extension MQTTListener {
    /// An HTTP server that upgrades requests for `path` to WebSocket with the `mqtt` subprotocol
    /// [MQTT-6.0.0-3] and then hands the connection to the broker; anything else gets 404 or 400.
    static func configureWebSocket(
        _ channel: any Channel, path: String, broker: MQTTBroker, logger: Logger, trustsClientCertificates: Bool
    ) throws {
        let upgrader = NIOWebSocketServerUpgrader(
            maxFrameSize: broker.configuration.maximumPacketSize + 16,
            shouldUpgrade: { channel, head in
                guard head.uri.split(separator: "?").first.map(String.init) == path else {
                    return channel.eventLoop.makeSucceededFuture(nil)
                }
                let offered = head.headers["Sec-WebSocket-Protocol"]
                    .flatMap { $0.split(separator: ",") }
                    .map { $0.trimmingCharacters(in: .whitespaces) }
                var headers = HTTPHeaders()
                // Browsers' MQTT libraries ask for "mqtt"; some older ones for "mqttv3.1".
                if let chosen = offered.first(where: { $0 == "mqtt" }) ?? offered.first(where: { $0.hasPrefix("mqtt") })
                {
                    headers.add(name: "Sec-WebSocket-Protocol", value: chosen)
                }
                return channel.eventLoop.makeSucceededFuture(headers)
            },
            upgradePipelineHandler: { channel, _ in
                channel.pipeline.removeHandler(name: NotAWebSocketRequest.name).flatMapThrowing {
                    try channel.pipeline.syncOperations.addHandler(WebSocketFrameAdapter())
                    try channel.pipeline.syncOperations.addHandler(
                        MQTTConnectionHandler(
                            broker: broker, logger: logger, trustsClientCertificates: trustsClientCertificates))
                }
            })
        try channel.pipeline.syncOperations.configureHTTPServerPipeline(
            withServerUpgrade: (upgraders: [upgrader], completionHandler: { _ in }))
        try channel.pipeline.syncOperations.addHandler(NotAWebSocketRequest(), name: NotAWebSocketRequest.name)
    }
}

/// Answers HTTP requests that did not upgrade: 404, and close.
final class NotAWebSocketRequest: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart
    /// Its name in the pipeline, so a successful upgrade can take it out.
    static let name = "gantry.not-a-websocket-request"

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .end = unwrapInboundIn(data) else { return }
        var headers = HTTPHeaders()
        headers.add(name: "Content-Length", value: "0")
        headers.add(name: "Connection", value: "close")
        context.write(
            wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .notFound, headers: headers))),
            promise: nil)
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
    }
}
