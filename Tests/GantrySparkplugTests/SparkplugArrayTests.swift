import Testing

@testable import GantrySparkplug

@Suite struct SparkplugArrayTests {
    /// Packed bytes written out by hand from the little-endian rules, and the array they hold.
    static let cases: [(SparkplugDataType, [UInt8], SparkplugArray)] = [
        (.int8Array, [0xFF, 0x7F], .int8([-1, 127])),
        (.int16Array, [0xFE, 0xFF, 0x03, 0x00], .int16([-2, 3])),
        (.int32Array, [0x01, 0x00, 0x00, 0x80], .int32([Int32.min + 1])),
        (.int64Array, [UInt8](repeating: 0xFF, count: 8), .int64([-1])),
        (.uint8Array, [0x01, 0xFF], .uint8([1, 255])),
        (.uint16Array, [0x02, 0x01], .uint16([0x0102])),
        (.uint32Array, [0x04, 0x03, 0x02, 0x01], .uint32([0x0102_0304])),
        (.uint64Array, [0x01, 0, 0, 0, 0, 0, 0, 0x80], .uint64([0x8000_0000_0000_0001])),
        (.floatArray, [0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x20, 0xC1], .float([1, -10])),
        (.doubleArray, [0, 0, 0, 0, 0, 0, 0xF0, 0x3F], .double([1])),
        (.dateTimeArray, [0xE8, 0x03, 0, 0, 0, 0, 0, 0], .dateTime([1000])),
        (.stringArray, [0x61, 0x62, 0x00, 0x00, 0x63, 0x00], .string(["ab", "", "c"])),
        (.stringArray, [], .string([])),
        // The specification's own example: twelve booleans, count 12 then two bytes of bits, MSB first.
        (
            .booleanArray, [0x0C, 0x00, 0x00, 0x00, 0x34, 0xD0],
            .boolean([false, false, true, true, false, true, false, false, true, true, false, true])
        ),
        (.booleanArray, [0x00, 0x00, 0x00, 0x00], .boolean([])),
    ]

    @Test(arguments: cases)
    func decodesAndPacksByteForByte(dataType: SparkplugDataType, bytes: [UInt8], array: SparkplugArray) throws {
        #expect(try SparkplugArray(dataType: dataType, packed: bytes) == array)
        #expect(array.packedBytes == bytes)
        #expect(array.dataType == dataType)
    }

    @Test(arguments: [
        (SparkplugDataType.int32Array, [UInt8]([1, 2, 3])),
        (.doubleArray, [UInt8](repeating: 0, count: 12)),
        (.stringArray, [0x61]),
        (.booleanArray, [0x09, 0, 0, 0, 0xFF]),
        (.booleanArray, [0x01]),
    ])
    func rejectsPartialElements(dataType: SparkplugDataType, bytes: [UInt8]) {
        #expect {
            try SparkplugArray(dataType: dataType, packed: bytes)
        } throws: { error in
            (error as? SparkplugError)?.code == .malformedArray
        }
    }

    @Test func aScalarTypeIsNoArray() {
        #expect(throws: SparkplugError.self) { try SparkplugArray(dataType: .int32, packed: []) }
    }
}
