import GantryCore

/// A fault being played: when it began, and for a stuck value, the value it froze at.
struct ActiveFault: Sendable, Hashable {
    let fault: SimulatedFault
    /// Epoch milliseconds of the injection.
    let since: Int64
    var heldValue: SampleValue?

    /// Minutes the fault has lasted at `time`.
    func minutes(at time: Int64) -> Double {
        Double(max(0, time - since)) / 60_000
    }

    /// How much a worn bearing adds to vibration (mm/s) after `minutes`: a step of 2.2 mm/s over the first minute,
    /// as the first spall starts to ring (a fan at 2.6 mm/s crosses the ISO 10816 4.5 mm/s alarm line, so a demo's
    /// alarm comes while the audience still watches), then slowly, then faster, as spalls grow; capped where a
    /// machine would long have tripped.
    static func wearVibration(minutes: Double) -> Double {
        min(30, 2.2 * min(1, minutes) + 0.25 * minutes + 0.01 * minutes * minutes)
    }

    /// How far a drifting sensor has wandered after `minutes`: 0.5 % of its span a minute.
    static func drift(minutes: Double, span: Double) -> Double {
        span * 0.005 * minutes
    }

    /// The sample as the faulty instrument reports it, for a sample of an asset this fault concerns.
    mutating func apply(to sample: SimulatedSample, tag: SimulatedTag, noise: SeededNoise) -> SimulatedSample {
        var result = sample
        let elapsed = minutes(at: sample.time)
        switch fault.kind {
        case .bearingWear:
            guard case .double(let value) = sample.value else { return sample }
            if tag.name == "vibration" {
                let wear = Self.wearVibration(minutes: elapsed)
                let impacts = wear * 0.15 * abs(noise.gaussian(1, sample.time))
                result.value = .double(bounded(value + wear + impacts, tag).rounded(places: 2))
            } else if tag.name == "bearing_temperature" {
                result.value = .double(bounded(value + min(40, 0.4 * elapsed), tag).rounded(places: 1))
            }
        case .sensorDrift:
            let span = (tag.max ?? 100) - (tag.min ?? 0)
            let offset = Self.drift(minutes: elapsed, span: span > 0 ? span : 100)
            switch sample.value {
            case .double(let value): result.value = .double(bounded(value + offset, tag).rounded(places: 2))
            case .int(let value): result.value = .int(Int64(bounded(Double(value) + offset, tag).rounded()))
            default: break
            }
        case .stuckValue:
            if let held = heldValue {
                result.value = held
            } else {
                heldValue = sample.value
            }
        case .linkLoss:
            break
        }
        return result
    }

    private func bounded(_ value: Double, _ tag: SimulatedTag) -> Double {
        min(max(value, tag.min ?? -.infinity), tag.max ?? .infinity)
    }

    /// Whether this fault changes samples of `tag` on `asset`.
    func concerns(_ tag: TagPath) -> Bool {
        switch fault.kind {
        case .bearingWear:
            fault.target == "\(tag.asset)" && (tag.name == "vibration" || tag.name == "bearing_temperature")
        case .sensorDrift, .stuckValue: fault.target == "\(tag)"
        case .linkLoss: false
        }
    }
}
