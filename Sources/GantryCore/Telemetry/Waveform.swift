/// A block of a high-rate signal, such as 12–48 kHz vibration, kept as one record: a start time, a sample
/// rate and the values, so a second of vibration costs one record instead of 48 000 samples.
public struct Waveform: Hashable, Sendable {
    public var tag: TagPath
    /// When the first value was taken, in milliseconds since the Unix epoch, UTC.
    public var start: Int64
    /// Values per second, in hertz.
    public var sampleRate: Double
    /// The values, 32-bit like the 24-bit converters of vibration sensors.
    public var values: [Float]
    public var quality: Quality

    public init(tag: TagPath, start: Int64, sampleRate: Double, values: [Float], quality: Quality = .good) {
        self.tag = tag
        self.start = start
        self.sampleRate = sampleRate
        self.values = values
        self.quality = quality
    }

    /// When the last value was taken, in milliseconds (rounded down).
    public var end: Int64 {
        values.isEmpty ? start : start + Int64((Double(values.count - 1) * 1000 / sampleRate).rounded(.down))
    }
}
