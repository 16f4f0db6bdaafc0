import NIOCore

/// One part of an MJPEG stream: its headers (names lower-cased) and the JPEG.
public struct MJPEGPart: Sendable {
    public var headers: [String: String]
    public var body: ByteBuffer

    /// `Gantry-Frame-Sequence`, when present.
    public var sequence: UInt64? { headers["gantry-frame-sequence"].flatMap { UInt64($0) } }
    /// `Gantry-Frames-Dropped`, when present.
    public var dropped: Int? { headers["gantry-frames-dropped"].flatMap { Int($0) } }
}

/// Reads an HTTP/1.1 response carrying `multipart/x-mixed-replace` from raw socket bytes: the status line and
/// headers, the chunked transfer coding when used, then part after part by their `Content-Length`.
public struct MJPEGStreamParser: Sendable {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// The response's status code, once its head has been read.
    public private(set) var status: Int?
    /// The response's headers (names lower-cased), once read.
    public private(set) var headers: [String: String] = [:]
    /// Whether the closing boundary has been read.
    public private(set) var finished = false
    private var raw = ByteBuffer()
    private var body = ByteBuffer()
    private var chunked = false
    private var chunkRemaining = 0
    private var afterChunk = false

    public init() {}

    /// Takes the next bytes from the socket and returns the parts they complete.
    public mutating func feed(_ bytes: ByteBuffer) throws -> [MJPEGPart] {
        raw.writeImmutableBuffer(bytes)
        if status == nil {
            guard let head = Self.takeHead(&raw) else { return [] }
            let lines = head.split(separator: "\r\n", omittingEmptySubsequences: false)
            let statusParts = lines.first?.split(separator: " ") ?? []
            guard statusParts.count >= 2, let code = Int(statusParts[1]) else {
                throw Failure(description: "not an HTTP response: \(lines.first ?? "")")
            }
            status = code
            headers = Self.fields(lines.dropFirst())
            chunked = headers["transfer-encoding"]?.lowercased().contains("chunked") == true
        }
        try dechunk()
        var parts: [MJPEGPart] = []
        while let part = try takePart() { parts.append(part) }
        return parts
    }

    private static func takeHead(_ buffer: inout ByteBuffer) -> String? {
        let view = buffer.readableBytesView
        guard let end = view.firstRange(of: [13, 10, 13, 10]) else { return nil }
        let length = end.lowerBound - view.startIndex
        let head = buffer.readString(length: length)
        buffer.moveReaderIndex(forwardBy: 4)
        return head
    }

    private static func fields(_ lines: some Sequence<Substring>) -> [String: String] {
        var fields: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return fields
    }

    /// Moves the payload of complete chunks (or everything, without chunking) from `raw` to `body`.
    private mutating func dechunk() throws {
        guard chunked else {
            body.writeBuffer(&raw)
            return
        }
        while true {
            if afterChunk {
                guard raw.readableBytes >= 2 else { return }
                raw.moveReaderIndex(forwardBy: 2)
                afterChunk = false
            }
            if chunkRemaining == 0 {
                let view = raw.readableBytesView
                guard let end = view.firstRange(of: [13, 10]) else { return }
                let line = raw.readString(length: end.lowerBound - view.startIndex) ?? ""
                raw.moveReaderIndex(forwardBy: 2)
                guard let size = Int(line.split(separator: ";").first ?? "", radix: 16) else {
                    throw Failure(description: "bad chunk size line: \(line)")
                }
                if size == 0 { return }
                chunkRemaining = size
            }
            let take = min(chunkRemaining, raw.readableBytes)
            guard take > 0, var slice = raw.readSlice(length: take) else { return }
            body.writeBuffer(&slice)
            chunkRemaining -= take
            if chunkRemaining == 0 { afterChunk = true }
        }
    }

    /// One whole part from `body`, or `nil` until it has arrived.
    private mutating func takePart() throws -> MJPEGPart? {
        let view = body.readableBytesView
        if let lineEnd = view.firstRange(of: [13, 10]),
            body.getString(at: body.readerIndex, length: lineEnd.lowerBound - view.startIndex)?.hasSuffix("--") == true
        {
            finished = true  // the closing boundary
            return nil
        }
        guard let end = view.firstRange(of: [13, 10, 13, 10]) else { return nil }
        let headLength = end.lowerBound - view.startIndex
        guard let head = body.getString(at: body.readerIndex, length: headLength) else { return nil }
        let lines = head.split(separator: "\r\n").filter { !$0.isEmpty }
        guard lines.first?.hasPrefix("--") == true else {
            throw Failure(description: "a part does not start with a boundary: \(lines.first ?? "")")
        }
        let fields = Self.fields(lines.dropFirst())
        guard let length = fields["content-length"].flatMap({ Int($0) }) else {
            throw Failure(description: "a part without Content-Length")
        }
        guard body.readableBytes >= headLength + 4 + length + 2 else { return nil }
        body.moveReaderIndex(forwardBy: headLength + 4)
        let jpeg = body.readSlice(length: length)!
        body.moveReaderIndex(forwardBy: 2)
        body.discardReadBytes()
        return MJPEGPart(headers: fields, body: jpeg)
    }
}
