import GantryCore

@testable import GantrySimulator

/// 2024-03-04 08:00 in Jinan (UTC+8), inside the day shift.
let morning: Int64 = 1_709_510_400_000

extension PlantSimulation {
    /// Steps every device at its own interval from `start` for `minutes`, returning all samples in order.
    mutating func run(from start: Int64 = morning, minutes: Int, devices: [String]? = nil) -> [SimulatedSample] {
        var samples: [SimulatedSample] = []
        let chosen = plant.devices.filter { devices?.contains($0.name) ?? true }
        let end = start + Int64(minutes) * 60_000
        var time = start
        while time <= end {
            for device in chosen where (time - start) % Int64(device.publishInterval / .milliseconds(1)) == 0 {
                samples += try! step(device: device.name, to: time)
            }
            time += 1_000
        }
        return samples
    }
}

extension [SimulatedSample] {
    /// The numeric values of the tag at `path`, in time order.
    func numbers(_ path: String) -> [Double] {
        let tag = try! TagPath(path)
        return filter { $0.tag == tag }.compactMap { sample -> Double? in
            switch sample.value {
            case .double(let value): value
            case .int(let value): Double(value)
            default: nil
            }
        }
    }

    /// The text values of the tag at `path`, in time order.
    func strings(_ path: String) -> [String] {
        let tag = try! TagPath(path)
        return filter { $0.tag == tag }.compactMap { sample -> String? in
            if case .string(let value) = sample.value { value } else { nil }
        }
    }
}
