/// The sequence numbers of one secure channel's chunks (Part 6, 6.7.2.4): the next one to send, and a check
/// that the peer's arrive one by one. Both wrap to below 1024 after passing `UInt32.max - 1024`.
struct OPCUASequenceNumbers: Hashable, Sendable {
    private static let wrapLimit = UInt32.max - 1024

    private(set) var nextToSend: UInt32
    private(set) var lastReceived: UInt32?

    init(first: UInt32 = 1) {
        nextToSend = first
    }

    /// The number for the next chunk sent.
    mutating func next() -> UInt32 {
        let number = nextToSend
        nextToSend = number >= Self.wrapLimit ? 1 : number + 1
        return number
    }

    /// Accepts the peer's next sequence number, or says why it is out of order.
    mutating func received(_ number: UInt32) throws(ConnectorError) {
        defer { lastReceived = number }
        guard let last = lastReceived else { return }
        let wrapped = last >= Self.wrapLimit && number < 1024
        guard number == last &+ 1 || wrapped else {
            throw ConnectorError(
                .protocolViolation, "OPC UA sequence number \(number) arrived after \(last); chunks were lost")
        }
    }
}
