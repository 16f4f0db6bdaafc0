import Foundation
import Testing

@testable import GantrySparkplug

/// Byte-exact payloads derived by hand from the protobuf wire rules: they prove the field numbers and
/// types of the `.proto`, which a round trip through the same schema cannot.
@Suite struct SparkplugWireFormatTests {
    /// Payload{timestamp 300, metrics [a, b, alias 2], seq 5}, field by field.
    static let handEncoded: [UInt8] = [
        0x08, 0xAC, 0x02,  // timestamp (1, varint) = 300
        0x12, 0x0D,  // metrics (2, length-delimited), 13 bytes
        0x0A, 0x01, 0x61,  //   name (1) = "a"
        0x10, 0x01,  //   alias (2) = 1
        0x20, 0x03,  //   datatype (4) = Int32
        0x50, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F,  //   int_value (10, varint) = 0xFFFFFFFF, i.e. -1
        0x12, 0x0E,  // metrics, 14 bytes
        0x0A, 0x01, 0x62,  //   name = "b"
        0x20, 0x0A,  //   datatype = Double
        0x69, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xF0, 0x3F,  //   double_value (13, fixed64) = 1.0
        0x12, 0x09,  // metrics, 9 bytes
        0x10, 0x02,  //   alias = 2
        0x20, 0x16,  //   datatype = Int8Array (22)
        0x82, 0x01, 0x02, 0xFF, 0x01,  //   bytes_value (16: tag 130 is two varint bytes) = [-1, 1]
        0x18, 0x05,  // seq (3, varint) = 5
    ]

    static var metrics: [SparkplugMetric] {
        [
            SparkplugMetric(name: "a", alias: 1, value: .int32(-1)),
            SparkplugMetric(name: "b", value: .double(1)),
            SparkplugMetric(name: nil, alias: 2, value: .array(.int8([-1, 1]))),
        ]
    }

    @Test func encodingMatchesTheHandDerivedBytes() {
        var payload = SparkplugPayload()
        payload.timestamp = 300
        payload.seq = 5
        payload.metrics = Self.metrics.map(\.protobuf)
        #expect(payload.bytes == Self.handEncoded)
    }

    @Test func decodingTheHandDerivedBytesGivesTheValues() throws {
        let payload = try SparkplugPayload(bytes: Self.handEncoded)
        #expect(payload.timestamp == 300)
        #expect(payload.seq == 5)
        let metrics = try payload.metrics.map { metric throws(SparkplugError) in try SparkplugMetric(decoding: metric) }
        #expect(metrics == Self.metrics)
    }

    @Test func nullAndTimestampedMetricUseFieldsThreeAndSeven() {
        var payload = SparkplugPayload()
        payload.metrics = [SparkplugMetric(name: "c", timestamp: 2, dataType: .boolean, value: nil).protobuf]
        let metric: [UInt8] = [0x0A, 0x01, 0x63, 0x18, 0x02, 0x20, 0x0B, 0x38, 0x01]
        #expect(payload.bytes == [0x12, UInt8(metric.count)] + metric)
    }

    @Test func garbageIsAMalformedPayload() {
        #expect(throws: SparkplugError.self) { try SparkplugPayload(bytes: [0x12, 0x7F, 0x01]) }
        do {
            _ = try SparkplugPayload(bytes: [0xFF])
            Issue.record("a lone 0xFF decoded")
        } catch {
            #expect(error.code == .malformedPayload)
        }
    }

    @Test func rebirthCommandCarriesTheBooleanMetric() throws {
        let node = SparkplugEdgeNodeID(group: "plant", node: "line-1")
        let command = SparkplugHostStateMachine.rebirthCommand(to: node, at: 42)
        #expect(command.topic == "spBv1.0/plant/NCMD/line-1")
        #expect(command.qos == 0 && !command.retain)
        let name = Array("Node Control/Rebirth".utf8)
        let metric: [UInt8] = [0x0A, UInt8(name.count)] + name + [0x20, 0x0B, 0x70, 0x01]
        #expect(command.payload == [0x08, 0x2A, 0x12, UInt8(metric.count)] + metric)
    }
}
