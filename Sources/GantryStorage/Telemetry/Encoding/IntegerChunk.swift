import GantryCore

/// How an integer stream codes each value against the ones before it.
enum IntegerResidual: UInt8, CaseIterable, Sendable {
    /// The change from the previous value: right for noisy readings, whose changes are small but random.
    case delta = 0
    /// The change of the change: right for counters and ramps, whose change is steady (one bit a value).
    case deltaOfDelta = 1
}

/// Compresses a run of integer-valued points of one series: counters, booleans (0/1), enumerated states
/// (dictionary codes) and decimal readings scaled to integers.
///
/// Timestamps use Gorilla's delta-of-delta; values are coded as residuals (see ``IntegerResidual``) in
/// buckets sized for sensor data: a value that holds costs one bit, so runs are in effect run-length coded,
/// and noise of a few counts costs six bits.
struct IntegerChunkEncoder {
    private var writer = BitWriter(reservingBytes: 128)
    private var timestamps = TimestampEncoder()
    private var values: ResidualCoder
    private var quality = Quality.good

    init(residual: IntegerResidual) {
        values = ResidualCoder(residual: residual)
    }

    var count: Int { timestamps.count }

    mutating func append(timestamp: Int64, value: Int64, quality pointQuality: Quality) {
        timestamps.append(timestamp, to: &writer)
        values.append(value, to: &writer)
        if pointQuality == quality {
            writer.write(bit: false)
        } else {
            writer.write(bit: true)
            writer.write(UInt64(pointQuality.statusCode), bits: 32)
            quality = pointQuality
        }
    }

    var bytes: [UInt8] { writer.bytes }
}

/// Expands a chunk written by ``IntegerChunkEncoder``, calling `body` with each point in order.
enum IntegerChunkDecoder {
    static func decode(
        _ bytes: ArraySlice<UInt8>, count: Int, residual: IntegerResidual, _ body: (Int64, Int64, Quality) -> Void
    ) throws(ChunkDecodingError) {
        var reader = BitReader(Array(bytes))
        var timestamps = TimestampDecoder()
        var values = ResidualCoder(residual: residual)
        var quality = Quality.good
        for _ in 0..<count {
            let timestamp = try timestamps.next(from: &reader)
            let value = try values.next(from: &reader)
            if try reader.readBit() {
                quality = Quality(statusCode: UInt32(try reader.read(bits: 32)))
            }
            body(timestamp, value, quality)
        }
    }
}

extension IntegerResidual {
    /// The bits the values would take coded this way, counted without coding them, to pick a mode.
    func codedBits(_ values: some Sequence<Int64>) -> Int {
        var bits = 0
        var previous: Int64 = 0
        var previousDelta: Int64 = 0
        var first = true
        for value in values {
            defer { previous = value }
            if first {
                first = false
                bits += 64
                continue
            }
            let delta = value &- previous
            let coded = self == .delta ? delta : delta &- previousDelta
            previousDelta = delta
            switch coded {
            case 0: bits += 1
            case -8...7: bits += 6
            case -128...127: bits += 11
            case -32768...32767: bits += 20
            default: bits += 68
            }
        }
        return bits
    }
}

/// Codes each value as its residual: `0` for none, `10`+4, `110`+8, `1110`+16 bits, or `1111`+64.
struct ResidualCoder {
    let residual: IntegerResidual
    private var previous: Int64 = 0
    private var previousDelta: Int64 = 0
    private var count = 0

    init(residual: IntegerResidual) {
        self.residual = residual
    }

    mutating func append(_ value: Int64, to writer: inout BitWriter) {
        defer {
            count += 1
            previous = value
        }
        guard count > 0 else {
            writer.write(UInt64(bitPattern: value), bits: 64)
            return
        }
        let delta = value &- previous
        let coded = residual == .delta ? delta : delta &- previousDelta
        previousDelta = delta
        switch coded {
        case 0:
            writer.write(bit: false)
        case -8...7:
            writer.write(0b10, bits: 2)
            writer.write(UInt64(bitPattern: coded &+ 8), bits: 4)
        case -128...127:
            writer.write(0b110, bits: 3)
            writer.write(UInt64(bitPattern: coded &+ 128), bits: 8)
        case -32768...32767:
            writer.write(0b1110, bits: 4)
            writer.write(UInt64(bitPattern: coded &+ 32768), bits: 16)
        default:
            writer.write(0b1111, bits: 4)
            writer.write(UInt64(bitPattern: coded), bits: 64)
        }
    }

    mutating func next(from reader: inout BitReader) throws(ChunkDecodingError) -> Int64 {
        defer { count += 1 }
        guard count > 0 else {
            previous = Int64(bitPattern: try reader.read(bits: 64))
            return previous
        }
        let coded: Int64
        if try !reader.readBit() {
            coded = 0
        } else if try !reader.readBit() {
            coded = Int64(try reader.read(bits: 4)) - 8
        } else if try !reader.readBit() {
            coded = Int64(try reader.read(bits: 8)) - 128
        } else if try !reader.readBit() {
            coded = Int64(try reader.read(bits: 16)) - 32768
        } else {
            coded = Int64(bitPattern: try reader.read(bits: 64))
        }
        let delta = residual == .delta ? coded : previousDelta &+ coded
        previousDelta = delta
        previous = previous &+ delta
        return previous
    }
}
