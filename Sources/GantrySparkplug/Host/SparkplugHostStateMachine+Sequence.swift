/// `seq`: every message of a node after its NBIRTH (NDATA, DBIRTH, DDATA, DDEATH) carries the previous
/// one's plus one, wrapping from 255 to 0, so the host notices lost or reordered messages.
extension SparkplugHostStateMachine {
    /// Checks the message's `seq` against the node's last one and takes it as the new last one either way,
    /// so one lost message causes one rebirth request, not one per later message.
    mutating func checkSequence(_ message: Message) -> [SparkplugHostAction] {
        guard let last = sessions[message.node]?.lastSequence else { return [] }
        guard message.payload.hasSeq else {
            return requestRebirth(message.node, .missingSequence, at: message.receivedAt)
        }
        let received = message.payload.seq
        sessions[message.node]?.lastSequence = received % 256
        let expected = (last + 1) % 256
        guard received == expected else {
            return requestRebirth(
                message.node, .sequenceGap(expected: expected, received: received), at: message.receivedAt)
        }
        return []
    }
}
