/// What the host holds for an online edge node between its NBIRTH and its NDEATH.
struct SparkplugNodeSession: Sendable {
    /// The `bdSeq` of the NBIRTH that began this session; only an NDEATH with the same one ends it.
    var birthDeathSequence: UInt64?
    /// The `seq` of the node's last message; the next must carry this plus one, modulo 256.
    var lastSequence: UInt64
    var metrics: SparkplugMetricTable
    /// The node's online devices and what their DBIRTHs declared.
    var devices: [String: SparkplugMetricTable] = [:]
}
