import Foundation

/// Reproducible randomness keyed by a seed, a stream (one per asset) and a position in time.
///
/// Counter-based (SplitMix64 applied to a mixed key) rather than a generator with state: a value depends only on
/// the seed, the stream, the channel and the tick or millisecond it is drawn for, so a model gives the same samples
/// for the same times however often it is stepped in between.
struct SeededNoise: Sendable, Hashable {
    let key: UInt64

    /// Noise for `stream` (an asset path) under `seed`; the stream is hashed with FNV-1a, which, unlike
    /// `Hasher`, is the same in every process.
    init(seed: UInt64, stream: String) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in stream.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        key = Self.mix(seed ^ Self.mix(hash))
    }

    /// The SplitMix64 finaliser: a bijection that spreads every input bit over the output.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// A uniform value in [0, 1) for `channel` at `index`.
    func uniform(_ channel: UInt64, _ index: Int64) -> Double {
        let bits = Self.mix(key ^ Self.mix(channel &* 0x9e37_79b9_7f4a_7c15 ^ UInt64(bitPattern: index)))
        return Double(bits >> 11) * 0x1.0p-53
    }

    /// A uniform value in `range` for `channel` at `index`.
    func uniform(_ range: ClosedRange<Double>, _ channel: UInt64, _ index: Int64) -> Double {
        range.lowerBound + (range.upperBound - range.lowerBound) * uniform(channel, index)
    }

    /// A standard normal value (Box–Muller) for `channel` at `index`.
    func gaussian(_ channel: UInt64, _ index: Int64) -> Double {
        let u1 = max(uniform(channel, index), 0x1.0p-53)
        let u2 = uniform(channel &+ 0x5151, index)
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// Whether an event with `probability` happens on `channel` at `index`.
    func chance(_ probability: Double, _ channel: UInt64, _ index: Int64) -> Bool {
        uniform(channel, index) < probability
    }
}
