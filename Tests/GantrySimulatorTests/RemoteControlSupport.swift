import GantryControl
import GantryCore

@testable import GantrySimulator

let locomotivePath = try! AssetPath("qingdao-mine/underground/haulage/loco-01")
let cranePath = try! AssetPath("jinan-workshop/assembly/bay-1/crane-01")

/// Numbers each command it makes, as the platform does per device.
struct CommandMaker {
    var equipment: AssetPath
    private(set) var sequence: Int64 = 0

    init(_ equipment: AssetPath) {
        self.equipment = equipment
    }

    /// The next command, valid for a minute from `time`.
    mutating func make(_ name: String, _ args: [String: CommandValue] = [:], at time: Int64) -> DeviceCommand {
        sequence += 1
        return DeviceCommand(
            id: "cmd-\(sequence)", equipment: equipment.description, name: name, args: args, sequence: sequence,
            expiresAt: time + 60_000, sentAt: time)
    }
}

extension SignalModel {
    /// The value of tag `name` after stepping to `time`, as a number.
    mutating func number(_ name: String, at time: Int64) -> Double {
        sample(name, at: time).flatMap { sample -> Double? in
            switch sample.value {
            case .double(let value): value
            case .int(let value): Double(value)
            default: nil
            }
        } ?? .nan
    }

    /// The value of the bool tag `name` after stepping to `time`.
    mutating func flag(_ name: String, at time: Int64) -> Bool? {
        if case .bool(let value)? = sample(name, at: time)?.value { value } else { nil }
    }

    private mutating func sample(_ name: String, at time: Int64) -> SimulatedSample? {
        step(to: time).first { $0.tag.name == name }
    }
}
