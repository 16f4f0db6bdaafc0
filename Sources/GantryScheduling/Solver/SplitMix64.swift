/// Steele, Lea and Flood's SplitMix64: a small, fast generator whose whole state is one integer, so that a
/// search is reproducible from its seed on every platform (the standard library's generator is not seedable).
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    /// - Complexity: O(1).
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in `0..<bound` (`bound` > 0); the tiny modulo bias is irrelevant to a search.
    mutating func below(_ bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }
}
