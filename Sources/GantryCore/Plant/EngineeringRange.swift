/// The span a numeric tag's instrument is calibrated for, such as 0–12 m/s for a locomotive's speed.
///
/// Charts scale to it and alarm limits are checked against it; either end may be open.
public struct EngineeringRange: Hashable, Sendable {
    /// The lowest value the instrument reports, if known.
    public let min: Double?
    /// The highest value the instrument reports, if known.
    public let max: Double?

    /// Validates that the range is finite and not inverted.
    public init(min: Double?, max: Double?) throws(PlantModelError) {
        for bound in [min, max].compactMap({ $0 }) where !bound.isFinite {
            throw PlantModelError(.invalidRange, "range bounds must be finite numbers")
        }
        if let min, let max, min > max {
            throw PlantModelError(.invalidRange, "range min \(min) is above max \(max)")
        }
        self.min = min
        self.max = max
    }

    /// A range with neither end known.
    public static let unbounded = try! EngineeringRange(min: nil, max: nil)
}
