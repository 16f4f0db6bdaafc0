import NIOCore
import NIOPosix

/// An MJPEG stream read on a plain socket, paced by its caller: a caller that waits between parts reads the
/// socket that much later, as a slow browser would, and the server sees the back-pressure. Gantry reads a
/// camera that serves MJPEG this way (``CameraPuller``), and the video bench views Gantry's own streams.
public enum MJPEGConnection {
    /// Connects to `host`:`port`, asks for `path` (with its query), with `authorization` as the header's value
    /// when given, runs `body` with a reader of the response, and closes the connection when `body` returns.
    public static func withStream<Result: Sendable>(
        host: String = "127.0.0.1", port: Int, path: String, authorization: String? = nil,
        _ body: (MJPEGReader) async throws -> Result
    ) async throws -> Result {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            try await outbound.write(
                ByteBuffer(
                    string: "GET \(path) HTTP/1.1\r\nHost: \(host):\(port)\r\n"
                        + (authorization.map { "Authorization: \($0)\r\n" } ?? "")
                        + "Accept: multipart/x-mixed-replace\r\n\r\n"))
            let reader = MJPEGReader(inbound.makeAsyncIterator())
            try await reader.readHead()
            return try await body(reader)
        }
    }
}

/// The response of one MJPEG connection: its status and headers, then its parts one at a time.
public final class MJPEGReader {
    private var iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    private var parser = MJPEGStreamParser()
    private var pending: [MJPEGPart] = []

    init(_ iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator) {
        self.iterator = iterator
    }

    /// The response's status code.
    public var status: Int { parser.status ?? 0 }
    /// The response's headers, names lower-cased.
    public var headers: [String: String] { parser.headers }

    func readHead() async throws {
        while parser.status == nil {
            guard let bytes = try await iterator.next() else {
                throw MJPEGStreamParser.Failure(description: "the connection closed before a response")
            }
            pending += try parser.feed(bytes)
        }
    }

    /// The next part, or `nil` when the stream has ended (closing boundary or connection closed).
    public func next() async throws -> MJPEGPart? {
        while pending.isEmpty {
            if parser.finished { return nil }
            guard let bytes = try await iterator.next() else { return nil }
            pending += try parser.feed(bytes)
        }
        return pending.removeFirst()
    }

    /// Whether the stream ended with its closing boundary (the server ended it, rather than dropping it).
    public var finishedCleanly: Bool { parser.finished }
}
