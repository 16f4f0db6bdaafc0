import GantryCore
import Testing

@testable import GantryStorage

/// The bit-level codecs under the telemetry chunks: every input must come back bit for bit.
@Suite struct GorillaEncodingTests {
    /// A repeatable pseudo-random source, so a failing case can be replayed.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test func bitsRoundTripAtEveryWidth() throws {
        var random = SplitMix(state: 7)
        var writer = BitWriter()
        var written: [(UInt64, Int)] = []
        for _ in 0..<2000 {
            let width = Int.random(in: 0...64, using: &random)
            let value = width == 64 ? random.next() : random.next() & ((1 << UInt64(width)) - 1)
            writer.write(value, bits: width)
            written.append((value, width))
        }
        #expect(writer.bitCount == written.reduce(0) { $0 + $1.1 })
        var reader = BitReader(writer.bytes)
        for (value, width) in written {
            #expect(try reader.read(bits: width) == value)
        }
        #expect(reader.remainingBits < 8)
    }

    @Test func readingPastTheEndIsAnError() {
        var writer = BitWriter()
        writer.write(0b101, bits: 3)
        var reader = BitReader(writer.bytes)
        #expect(throws: ChunkDecodingError.truncated(bitOffset: 0)) { try reader.read(bits: 9) }
    }

    @Test(arguments: [
        [Int64](stride(from: 1_790_000_000_000, to: 1_790_000_600_000, by: 1000)),
        [0, 1, 2, 3, 1000, 999, 5000, -20_000, Int64.max, Int64.min, 0, 0, 0],
        [42],
        [1_790_000_000_000, 1_790_000_000_250, 1_790_000_001_000, 1_790_000_003_047, 1_790_000_003_048],
    ])
    func timestampsRoundTrip(_ timestamps: [Int64]) throws {
        var writer = BitWriter()
        var encoder = TimestampEncoder()
        for timestamp in timestamps { encoder.append(timestamp, to: &writer) }
        var reader = BitReader(writer.bytes)
        var decoder = TimestampDecoder()
        for timestamp in timestamps {
            #expect(try decoder.next(from: &reader) == timestamp)
        }
    }

    @Test func aRegularIntervalCostsOneBitPerTimestamp() {
        var writer = BitWriter()
        var encoder = TimestampEncoder()
        for second in 0..<1000 { encoder.append(1_790_000_000_000 + Int64(second) * 1000, to: &writer) }
        #expect(writer.bitCount == 64 + 64 + 998)
    }

    @Test func specialDoublesRoundTripBitForBit() throws {
        let values: [Double] = [
            0, -0.0, .infinity, -.infinity, .nan, Double(bitPattern: 0x7FF8_0000_0000_0001), .leastNonzeroMagnitude,
            .greatestFiniteMagnitude, 1, 1, 1.0000000000000002, -1e-300, 3.14159, 3.14159, 2.71828,
        ]
        var writer = BitWriter()
        var encoder = FloatEncoder()
        for value in values { encoder.append(value, to: &writer) }
        var reader = BitReader(writer.bytes)
        var decoder = FloatDecoder()
        for value in values {
            #expect(try decoder.next(from: &reader).bitPattern == value.bitPattern)
        }
    }

    @Test func chunksRoundTripWithQualityChanges() throws {
        var random = SplitMix(state: 11)
        var encoder = DoubleChunkEncoder()
        var points: [DoublePoint] = []
        var level = 20.0
        for second in 0..<5000 {
            level += Double(Int.random(in: -2...2, using: &random)) * 0.1
            let quality: Quality =
                second % 997 == 0 ? Quality(.uncertain, subCode: 0x0A) : second % 1499 == 0 ? Quality(.bad) : .good
            let point = DoublePoint(
                timestamp: 1_790_000_000_000 + Int64(second) * 1000 + Int64.random(in: -3...3, using: &random),
                value: (level * 10).rounded() / 10, quality: quality)
            points.append(point)
            encoder.append(point)
        }
        #expect(encoder.count == 5000)
        let decoded = try DoubleChunkDecoder.decode(encoder.bytes, count: encoder.count)
        #expect(decoded.count == points.count)
        #expect(
            zip(decoded, points).allSatisfy {
                $0.timestamp == $1.timestamp && $0.quality == $1.quality && $0.value.bitPattern == $1.value.bitPattern
            })
    }

    @Test func aCutChunkIsReportedNotMisread() throws {
        var encoder = DoubleChunkEncoder()
        for second in 0..<100 {
            encoder.append(DoublePoint(timestamp: Int64(second) * 1000, value: Double(second) * 0.37))
        }
        let cut = Array(encoder.bytes.prefix(encoder.bytes.count / 2))
        #expect(throws: ChunkDecodingError.self) { try DoubleChunkDecoder.decode(cut, count: encoder.count) }
    }

    @Test func crc32cMatchesTheCastagnoliCheckValue() {
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
        #expect(CRC32C.checksum([UInt8]()) == 0)
        let whole = CRC32C.checksum(Array("hello, plant".utf8))
        let pieces = CRC32C.checksum(Array(", plant".utf8), continuing: CRC32C.checksum(Array("hello".utf8)))
        #expect(whole == pieces)
    }
}
