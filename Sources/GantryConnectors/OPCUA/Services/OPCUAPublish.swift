import NIOCore

/// Publish (Part 4, 5.13.5): hands the server a slot for its next notification message, acknowledging the
/// sequence numbers received so far so it can drop them from its retransmission queue.
struct OPCUAPublishRequest: OPCUARequest {
    typealias Response = OPCUAPublishResponse
    static let encodingId: UInt32 = 826

    struct Acknowledgement: Hashable, Sendable {
        var subscriptionId: UInt32
        var sequenceNumber: UInt32
    }

    var header = OPCUARequestHeader()
    var acknowledgements: [Acknowledgement]

    func encode(to buffer: inout ByteBuffer) {
        header.encode(to: &buffer)
        buffer.writeUAArray(acknowledgements) { buffer, acknowledgement in
            buffer.writeUA(acknowledgement.subscriptionId)
            buffer.writeUA(acknowledgement.sequenceNumber)
        }
    }
}

struct OPCUAPublishResponse: OPCUAResponse {
    static let encodingId: UInt32 = 829
    static let serviceName = "Publish"

    var header: OPCUAResponseHeader
    var subscriptionId: UInt32
    var availableSequenceNumbers: [UInt32]
    var moreNotifications: Bool
    var sequenceNumber: UInt32
    var publishTime: OPCUADateTime
    var notificationData: [OPCUAExtensionObject]
    var results: [OPCUAStatusCode]

    /// A keep-alive: a notification message without data, whose sequence number is the next to come and is not
    /// acknowledged.
    var isKeepAlive: Bool { notificationData.isEmpty }

    init(from reader: inout OPCUAReader) throws(ConnectorError) {
        header = try reader.read()
        subscriptionId = try reader.integer("subscription id")
        availableSequenceNumbers = try reader.array("available sequence numbers") {
            reader throws(ConnectorError) in try reader.integer("sequence number")
        }
        moreNotifications = try reader.boolean("more notifications")
        sequenceNumber = try reader.integer("notification sequence number")
        publishTime = try reader.read()
        notificationData = try reader.array("notification data") { reader throws(ConnectorError) in
            try reader.read()
        }
        results = try reader.array("results") { reader throws(ConnectorError) in try reader.read() }
        _ = try reader.array("diagnostic infos") { reader throws(ConnectorError) in
            try OPCUADiagnosticInfo(from: &reader)
        }
    }
}
