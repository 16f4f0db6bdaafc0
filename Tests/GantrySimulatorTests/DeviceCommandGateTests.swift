import GantryControl
import GantryCore
import Testing

@testable import GantrySimulator

/// What a simulated device answers to each command, before and after its gate, without a broker.
@Suite struct DeviceCommandGateTests {
    static let device = "loco-01-plc"

    @Test func anExpiredCommandIsRejectedAndNotRun() {
        var simulation = PlantSimulation(plant: .standard, seed: 1)
        let command = DeviceCommand(
            id: "late", equipment: locomotivePath.description, name: "emergency_stop", args: [:], sequence: 1,
            expiresAt: morning - 250, sentAt: morning - 1_000)
        let reports = simulation.receive(command, device: Self.device, at: morning)
        #expect(
            reports == [
                DeviceCommandReport(
                    id: "late", sequence: 1, status: .rejected, reason: "expired: arrived 250 ms after its expiry",
                    at: morning)
            ])
        #expect((simulation.models[locomotivePath] as? LocomotiveModel)?.remote == nil)
    }

    @Test func aReplayedOrOvertakenCommandIsRejected() {
        var simulation = PlantSimulation(plant: .standard, seed: 1)
        var commands = CommandMaker(locomotivePath)
        _ = commands.make("lights", ["on": .bool(true)], at: morning)
        _ = commands.make("lights", ["on": .bool(true)], at: morning)
        _ = commands.make("lights", ["on": .bool(true)], at: morning)
        let fourth = commands.make("lights", ["on": .bool(true)], at: morning)
        let horn = commands.make("horn", ["seconds": .number(1)], at: morning)
        #expect(simulation.receive(horn, device: Self.device, at: morning).map(\.status) == [.accepted, .completed])
        let replay = simulation.receive(horn, device: Self.device, at: morning + 10)
        #expect(replay.map(\.status) == [.rejected])
        #expect(replay.first?.reason == "out of sequence: sequence 5 is not above 5, the last accepted")
        #expect(
            simulation.receive(fourth, device: Self.device, at: morning + 20).first?.reason
                == "out of sequence: sequence 4 is not above 5, the last accepted")
    }

    @Test(arguments: [
        ("qingdao-mine/underground/ventilation/fan-01", "horn", [String: CommandValue]()),
        ("jinan-workshop/assembly/bay-1/crane-01", "horn", [:]),
        ("qingdao-mine/underground/haulage/loco-01", "fly", [:]),
        ("qingdao-mine/underground/haulage/loco-01", "set_speed", ["speed": .number(40)]),
    ])
    func unknownEquipmentCommandsAndArgumentsAreRejectedWithAReason(
        equipment: String, name: String, args: [String: CommandValue]
    ) {
        var simulation = PlantSimulation(plant: .standard, seed: 1)
        let command = DeviceCommand(
            id: "x", equipment: equipment, name: name, args: args, sequence: 1, expiresAt: morning + 1_000,
            sentAt: morning)
        let reports = simulation.receive(command, device: Self.device, at: morning)
        #expect(reports.map(\.status) == [.rejected])
        let reason = reports.first?.reason ?? ""
        #expect(!reason.isEmpty)
        // The sequence was not used up: a valid command with the same number is accepted.
        let valid = DeviceCommand(
            id: "y", equipment: locomotivePath.description, name: "lights", args: ["on": .bool(true)], sequence: 1,
            expiresAt: morning + 1_000, sentAt: morning)
        #expect(simulation.receive(valid, device: Self.device, at: morning).map(\.status) == [.accepted, .completed])
    }

    @Test func aCommandTheMachineRefusesIsRejectedAfterTheGateAdmittedIt() {
        var simulation = PlantSimulation(plant: .standard, seed: 1)
        var commands = CommandMaker(locomotivePath)
        _ = simulation.step(asset: locomotivePath, to: morning)
        // The automatic shuttle is under way after a minute.
        let time = morning + 60_000
        let reports = simulation.receive(
            commands.make("set_direction", ["direction": .text("reverse")], at: time), device: Self.device, at: time)
        #expect(reports.map(\.status) == [.rejected])
        #expect(reports.first?.reason?.contains("standstill") == true)
        #expect((simulation.models[locomotivePath] as? LocomotiveModel)?.remote == nil, "still automatic")
    }
}
