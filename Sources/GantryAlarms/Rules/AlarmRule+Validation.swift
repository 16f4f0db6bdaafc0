import GantryCore

extension AlarmRule {
    /// The longest on- or off-delay accepted: a day. Longer delays hide the alarm instead of filtering it.
    public static let maximumDelayMilliseconds: Int64 = 86_400_000
    /// The longest rule id.
    public static let maximumIDLength = 128

    /// Checks that the rule can be evaluated and means what it seems to: thresholds in order, positive
    /// limits, deadbands smaller than the band they guard, tags within the rule's enterprise.
    public func validate() throws(AlarmError) {
        guard !id.isEmpty, id.utf8.count <= Self.maximumIDLength, id.utf8.allSatisfy(Self.isIDByte) else {
            throw invalid("rule id '\(id)' must be 1–\(Self.maximumIDLength) characters of A–Z, a–z, 0–9, '_', '-'")
        }
        guard !asset.isRoot else { throw invalid("rule '\(id)' needs an asset path") }
        guard !message.isEmpty else { throw invalid("rule '\(id)' needs a message for the operator") }
        for (name, delay) in [
            ("onDelayMilliseconds", onDelayMilliseconds), ("offDelayMilliseconds", offDelayMilliseconds),
        ]
        where !(0...Self.maximumDelayMilliseconds).contains(delay) {
            throw invalid("rule '\(id)': \(name) must be 0…\(Self.maximumDelayMilliseconds), not \(delay)")
        }
        try validateCondition()
        let tags = condition.tags(on: asset)
        guard !tags.isEmpty else { throw invalid("rule '\(id)' watches no tag") }
        for tag in tags where tag.asset.enterprise != asset.enterprise {
            throw invalid("rule '\(id)' on '\(asset)' may not watch '\(tag)' of another enterprise")
        }
    }

    private func validateCondition() throws(AlarmError) {
        switch condition {
        case .limit(let limit):
            let thresholds = limit.thresholds
            guard !thresholds.isEmpty else { throw invalid("limit rule '\(id)' sets no threshold") }
            guard thresholds.allSatisfy({ $0.threshold.value.isFinite }) else {
                throw invalid("limit rule '\(id)' has a threshold that is not a finite number")
            }
            try requireDeadband(limit.deadband, below: nil)
            if let highHigh = limit.highHigh, let high = limit.high, highHigh.value < high.value {
                throw invalid("limit rule '\(id)': high-high \(highHigh.value) is below high \(high.value)")
            }
            if let low = limit.low, let lowLow = limit.lowLow, lowLow.value > low.value {
                throw invalid("limit rule '\(id)': low-low \(lowLow.value) is above low \(low.value)")
            }
            let highs = thresholds.filter(\.level.isHigh).map(\.threshold.value)
            let lows = thresholds.filter { !$0.level.isHigh }.map(\.threshold.value)
            if let lowestHigh = highs.min(), let highestLow = lows.max(), lowestHigh <= highestLow {
                throw invalid("limit rule '\(id)': high \(lowestHigh) must be above low \(highestLow)")
            }
        case .rateOfChange(let rate):
            try requirePositive(rate.limitPerSecond, "limitPerSecond")
            try requireDeadband(rate.deadband, below: rate.limitPerSecond)
        case .deviation(let deviation):
            try requirePositive(deviation.limit, "limit")
            try requireDeadband(deviation.deadband, below: deviation.limit)
            guard deviation.tag != deviation.setpoint else {
                throw invalid("deviation rule '\(id)' compares '\(deviation.tag)' with itself")
            }
        case .discrete(let discrete):
            if case .state(let name) = discrete.alarmState, name.isEmpty {
                throw invalid("discrete rule '\(id)' needs a non-empty alarm state")
            }
        case .expression(let expression):
            for reference in expression.references {
                do {
                    _ = try reference.resolved(on: asset)
                } catch {
                    throw invalid("expression rule '\(id)': \(error.message)")
                }
            }
        }
    }

    private func requirePositive(_ value: Double, _ name: String) throws(AlarmError) {
        guard value.isFinite, value > 0 else { throw invalid("rule '\(id)': \(name) must be above 0, not \(value)") }
    }

    private func requireDeadband(_ deadband: Double, below limit: Double?) throws(AlarmError) {
        guard deadband.isFinite, deadband >= 0 else {
            throw invalid("rule '\(id)': deadband must be 0 or more, not \(deadband)")
        }
        if let limit, deadband >= limit {
            throw invalid("rule '\(id)': deadband \(deadband) must be below the limit \(limit)")
        }
    }

    private func invalid(_ message: String) -> AlarmError { AlarmError(.invalidRule, message) }

    private static func isIDByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
            true
        default:
            false
        }
    }
}
