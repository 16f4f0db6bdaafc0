/// Little-endian fixed-width fields appended to a byte array: the framing of WAL batches and chunk files.
struct ByteWriter {
    var bytes: [UInt8] = []

    init(reservingCapacity capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    mutating func append<Value: FixedWidthInteger>(_ value: Value) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }
}

/// Reads what ``ByteWriter`` wrote; running past the end is an error naming the offset, never a zero.
struct ByteReader {
    let bytes: [UInt8]
    private(set) var offset: Int

    init(_ bytes: [UInt8], offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    var isAtEnd: Bool { offset >= bytes.count }

    mutating func read<Value: FixedWidthInteger>(_: Value.Type = Value.self) throws(ByteReaderError) -> Value {
        let size = MemoryLayout<Value>.size
        guard bytes.count - offset >= size else { throw ByteReaderError(offset: offset) }
        var value = Value.zero
        withUnsafeMutableBytes(of: &value) { target in
            bytes.withUnsafeBytes { source in
                target.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[offset..<offset + size]))
            }
        }
        offset += size
        return Value(littleEndian: value)
    }

    mutating func readText() throws(ByteReaderError) -> String {
        let count = Int(try read(UInt16.self))
        guard bytes.count - offset >= count else { throw ByteReaderError(offset: offset) }
        defer { offset += count }
        return String(decoding: bytes[offset..<offset + count], as: UTF8.self)
    }
}

/// A record ended before a field did.
struct ByteReaderError: Error {
    let offset: Int
}
