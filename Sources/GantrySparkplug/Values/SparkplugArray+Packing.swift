/// The packed form of array values in `bytes_value`: fixed-width elements little-endian, strings
/// null-terminated, booleans as a little-endian `UInt32` count followed by bits, first value in the most
/// significant bit.
extension SparkplugArray {
    /// Decodes `bytes` as an array of `dataType`, rejecting a length that leaves a partial element.
    public init(dataType: SparkplugDataType, packed bytes: [UInt8]) throws(SparkplugError) {
        switch dataType {
        case .int8Array: self = .int8(try Self.integers(bytes, dataType))
        case .int16Array: self = .int16(try Self.integers(bytes, dataType))
        case .int32Array: self = .int32(try Self.integers(bytes, dataType))
        case .int64Array: self = .int64(try Self.integers(bytes, dataType))
        case .uint8Array: self = .uint8(bytes)
        case .uint16Array: self = .uint16(try Self.integers(bytes, dataType))
        case .uint32Array: self = .uint32(try Self.integers(bytes, dataType))
        case .uint64Array: self = .uint64(try Self.integers(bytes, dataType))
        case .floatArray:
            self = .float(try Self.integers(bytes, dataType).map { (bits: UInt32) in Float(bitPattern: bits) })
        case .doubleArray:
            self = .double(try Self.integers(bytes, dataType).map { (bits: UInt64) in Double(bitPattern: bits) })
        case .dateTimeArray: self = .dateTime(try Self.integers(bytes, dataType))
        case .booleanArray: self = .boolean(try Self.booleans(bytes))
        case .stringArray: self = .string(try Self.strings(bytes))
        default:
            throw SparkplugError(.unsupportedDataType, "data type \(dataType) is not an array type")
        }
    }

    /// The packed bytes this array travels as in `bytes_value`.
    public var packedBytes: [UInt8] {
        switch self {
        case .int8(let values): Self.pack(values)
        case .int16(let values): Self.pack(values)
        case .int32(let values): Self.pack(values)
        case .int64(let values): Self.pack(values)
        case .uint8(let values): values
        case .uint16(let values): Self.pack(values)
        case .uint32(let values): Self.pack(values)
        case .uint64(let values): Self.pack(values)
        case .float(let values): Self.pack(values.map(\.bitPattern))
        case .double(let values): Self.pack(values.map(\.bitPattern))
        case .dateTime(let values): Self.pack(values)
        case .boolean(let values): Self.packBooleans(values)
        case .string(let values): values.flatMap { Array($0.utf8) + [0] }
        }
    }

    private static func integers<T: FixedWidthInteger>(
        _ bytes: [UInt8], _ dataType: SparkplugDataType
    ) throws(SparkplugError) -> [T] {
        let width = T.bitWidth / 8
        guard bytes.count % width == 0 else {
            throw SparkplugError(
                .malformedArray, "\(dataType) of \(bytes.count) bytes is not a whole number of \(width)-byte elements")
        }
        return stride(from: 0, to: bytes.count, by: width).map { start in
            var value = T.zero
            for offset in 0..<width {
                value |= T(truncatingIfNeeded: bytes[start + offset]) << (8 * offset)
            }
            return value
        }
    }

    private static func pack<T: FixedWidthInteger>(_ values: [T]) -> [UInt8] {
        values.flatMap { value in (0..<(T.bitWidth / 8)).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
    }

    private static func booleans(_ bytes: [UInt8]) throws(SparkplugError) -> [Bool] {
        guard bytes.count >= 4 else {
            throw SparkplugError(.malformedArray, "BooleanArray needs a 4-byte count, got \(bytes.count) bytes")
        }
        let counts: [UInt32] = try integers(Array(bytes[0..<4]), .booleanArray)
        let count = Int(counts[0])
        let bits = bytes[4...]
        guard bits.count == (count + 7) / 8 else {
            throw SparkplugError(
                .malformedArray,
                "BooleanArray of \(count) values needs \((count + 7) / 8) bytes of bits, got \(bits.count)")
        }
        return (0..<count).map { index in bits[bits.startIndex + index / 8] & (0x80 >> (index % 8)) != 0 }
    }

    private static func packBooleans(_ values: [Bool]) -> [UInt8] {
        var bits = [UInt8](repeating: 0, count: (values.count + 7) / 8)
        for (index, value) in values.enumerated() where value {
            bits[index / 8] |= 0x80 >> (index % 8)
        }
        return pack([UInt32(values.count)]) + bits
    }

    private static func strings(_ bytes: [UInt8]) throws(SparkplugError) -> [String] {
        guard !bytes.isEmpty else { return [] }
        guard bytes.last == 0 else {
            throw SparkplugError(.malformedArray, "StringArray must end with a null byte after its last string")
        }
        return bytes.dropLast().split(separator: 0, omittingEmptySubsequences: false).map {
            String(decoding: $0, as: UTF8.self)
        }
    }
}
