import Foundation
import GantryCore
import Testing

@testable import GantrySparkplug

@Suite struct SparkplugValueDecodingTests {
    /// One metric as an edge node might send it, and what it must decode to.
    struct Case: Sendable, CustomTestStringConvertible {
        let dataType: SparkplugDataType
        let wire: SparkplugPayload.Metric.OneOf_Value
        let expected: SparkplugValue
        var testDescription: String { "\(dataType) \(wire)" }
    }

    static let cases: [Case] = [
        Case(dataType: .int8, wire: .intValue(0xFFFF_FFFF), expected: .int8(-1)),
        Case(dataType: .int8, wire: .intValue(0xFF), expected: .int8(-1)),
        Case(dataType: .int8, wire: .intValue(127), expected: .int8(127)),
        Case(dataType: .int16, wire: .intValue(0xFFFF_8000), expected: .int16(.min)),
        Case(dataType: .int32, wire: .intValue(0x8000_0000), expected: .int32(.min)),
        Case(dataType: .int32, wire: .longValue(UInt64(bitPattern: -7)), expected: .int32(-7)),
        Case(dataType: .int64, wire: .longValue(UInt64(bitPattern: -5)), expected: .int64(-5)),
        Case(dataType: .int64, wire: .intValue(0xFFFF_FFFE), expected: .int64(-2)),
        Case(dataType: .uint8, wire: .intValue(255), expected: .uint8(255)),
        Case(dataType: .uint16, wire: .intValue(65_535), expected: .uint16(65_535)),
        Case(dataType: .uint32, wire: .intValue(0xFFFF_FFFF), expected: .uint32(.max)),
        Case(dataType: .uint32, wire: .longValue(4_000_000_000), expected: .uint32(4_000_000_000)),
        Case(dataType: .uint64, wire: .longValue(.max), expected: .uint64(.max)),
        Case(dataType: .uint64, wire: .intValue(0xFFFF_FFFF), expected: .uint64(0xFFFF_FFFF)),
        Case(dataType: .float, wire: .floatValue(1.5), expected: .float(1.5)),
        Case(dataType: .double, wire: .doubleValue(-2.25), expected: .double(-2.25)),
        Case(dataType: .boolean, wire: .booleanValue(true), expected: .boolean(true)),
        Case(dataType: .string, wire: .stringValue("running"), expected: .string("running")),
        Case(dataType: .text, wire: .stringValue("a note"), expected: .text("a note")),
        Case(
            dataType: .uuid, wire: .stringValue("2c6a4a7e-0d4c-4a39-a6f8-0e2b7d5f3c11"),
            expected: .uuid("2c6a4a7e-0d4c-4a39-a6f8-0e2b7d5f3c11")),
        Case(dataType: .dateTime, wire: .longValue(1_700_000_000_123), expected: .dateTime(1_700_000_000_123)),
        Case(dataType: .bytes, wire: .bytesValue(Data([1, 2, 3])), expected: .bytes([1, 2, 3])),
        Case(dataType: .file, wire: .bytesValue(Data([0x25, 0x50])), expected: .file([0x25, 0x50])),
        Case(
            dataType: .int16Array, wire: .bytesValue(Data([0xFE, 0xFF, 0x03, 0x00])), expected: .array(.int16([-2, 3]))),
        Case(dataType: .stringArray, wire: .bytesValue(Data([0x61, 0x00])), expected: .array(.string(["a"]))),
    ]

    @Test(arguments: cases)
    func decodesEachDataType(_ testCase: Case) throws {
        var metric = SparkplugPayload.Metric()
        metric.name = "m"
        metric.datatype = testCase.dataType.rawValue
        metric.value = testCase.wire
        let decoded = try SparkplugMetric(decoding: metric)
        #expect(decoded.dataType == testCase.dataType)
        #expect(decoded.value == testCase.expected)
    }

    @Test(arguments: cases)
    func encodesBackToAValueThatDecodesTheSame(_ testCase: Case) throws {
        let metric = SparkplugMetric(name: "m", value: testCase.expected)
        let bytes = try metric.protobuf.serializedBytes() as [UInt8]
        #expect(try SparkplugMetric(decoding: SparkplugPayload.Metric(serializedBytes: bytes)) == metric)
    }

    @Test func isNullIsNoValue() throws {
        var metric = SparkplugPayload.Metric()
        metric.name = "m"
        metric.datatype = SparkplugDataType.double.rawValue
        metric.isNull = true
        metric.doubleValue = 3
        #expect(try SparkplugMetric(decoding: metric).value == nil)
    }

    @Test func dataWithoutDatatypeUsesTheBirthDeclaration() throws {
        var metric = SparkplugPayload.Metric()
        metric.alias = 4
        metric.intValue = 0xFFFF_FFFF
        #expect(try SparkplugMetric(decoding: metric, declaredType: .int16).value == .int16(-1))
        #expect(throws: SparkplugError.self) { try SparkplugMetric(decoding: metric) }
    }

    @Test func aValueInTheWrongFieldIsAMismatch() {
        var metric = SparkplugPayload.Metric()
        metric.name = "m"
        metric.datatype = SparkplugDataType.int32.rawValue
        metric.floatValue = 1
        do {
            _ = try SparkplugMetric(decoding: metric)
            Issue.record("a float decoded as Int32")
        } catch {
            #expect(error.code == .valueMismatch)
            #expect(error.message.contains("'m'"))
        }
    }

    @Test func anUnknownDataTypeNumberIsUnsupported() {
        var metric = SparkplugPayload.Metric()
        metric.name = "m"
        metric.datatype = 99
        metric.intValue = 1
        #expect {
            try SparkplugMetric(decoding: metric)
        } throws: { error in
            (error as? SparkplugError)?.code == .unsupportedDataType
        }
    }

    @Test func scalarsBecomeSamplesAndTheRestDoNot() {
        #expect(SparkplugValue.int8(-1).sampleValue == .int(-1))
        #expect(SparkplugValue.uint32(.max).sampleValue == .int(4_294_967_295))
        #expect(SparkplugValue.uint64(.max).sampleValue == nil)
        #expect(SparkplugValue.float(0.5).sampleValue == .double(0.5))
        #expect(SparkplugValue.boolean(false).sampleValue == .bool(false))
        #expect(SparkplugValue.uuid("x").sampleValue == .string("x"))
        #expect(SparkplugValue.dateTime(5).sampleValue == .int(5))
        #expect(SparkplugValue.array(.boolean([true])).sampleValue == nil)
        #expect(SparkplugValue.bytes([1]).sampleValue == nil)
        #expect(SparkplugDataType.dateTime.tagDataType == .int)
        #expect(SparkplugDataType.floatArray.tagDataType == nil)
    }
}
