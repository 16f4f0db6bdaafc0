import GantryControl
import GantryCore

/// The whole plant's signals and faults as one pure value: step a device to a time and get what it publishes.
///
/// Deterministic: the same plant, seed, faults and times give the same samples, so tests drive it with plain
/// numbers and ``PlantSimulator`` only adds clocks and connections.
public struct PlantSimulation: Sendable {
    public let plant: SimulatedPlant
    public let seed: UInt64
    /// Each asset's model; remotely operable ones are also driven by ``receive(_:device:at:)-(DeviceCommand,_,_)``.
    var models: [AssetPath: any SignalModel] = [:]
    /// Each device's command gate, by device name: kept by the device, not the platform.
    var gates: [String: CommandGate] = [:]
    private var faults: [ActiveFault] = []
    private var tags: [TagPath: SimulatedTag] = [:]

    public init(plant: SimulatedPlant, seed: UInt64) {
        self.plant = plant
        self.seed = seed
        for asset in plant.assets {
            if let kind = asset.model {
                models[asset.path] = kind.model(for: asset.path, seed: seed, watchdog: plant.heartbeatWatchdog)
            }
            for tag in asset.tags { tags[asset.tagPath(tag.name)] = tag }
        }
    }

    /// Advances the models of `device`'s assets to `time` and returns their samples as the device's instruments
    /// report them (with drift, stuck values and bearing wear applied). Link loss does not stop the models.
    ///
    /// - Throws: `SimulatorError` `.unknownTarget` when the plant has no such device.
    public mutating func step(device name: String, to time: Int64) throws(SimulatorError) -> [SimulatedSample] {
        guard let device = plant.device(name) else {
            throw SimulatorError(.unknownTarget, "no simulated device '\(name)'")
        }
        return device.assets.flatMap { step(asset: $0, to: time) }
    }

    /// Advances one asset's model to `time` and returns its samples with active faults applied; none for an
    /// asset without a model.
    public mutating func step(asset: AssetPath, to time: Int64) -> [SimulatedSample] {
        guard var model = models[asset] else { return [] }
        var samples = model.step(to: time)
        models[asset] = model
        guard faults.contains(where: { $0.fault.kind != .linkLoss }) else { return samples }
        for index in samples.indices {
            for faultIndex in faults.indices where faults[faultIndex].concerns(samples[index].tag) {
                guard let tag = tags[samples[index].tag] else { continue }
                let noise = SeededNoise(seed: seed, stream: faults[faultIndex].fault.description)
                samples[index] = faults[faultIndex].apply(to: samples[index], tag: tag, noise: noise)
            }
        }
        return samples
    }

    /// Starts playing `fault` at `time`; injecting an active fault again changes nothing.
    ///
    /// - Throws: `SimulatorError` `.unknownTarget` or `.faultNotApplicable`.
    public mutating func inject(_ fault: SimulatedFault, at time: Int64) throws(SimulatorError) {
        try plant.validate(fault)
        guard !faults.contains(where: { $0.fault == fault }) else { return }
        faults.append(ActiveFault(fault: fault, since: time))
    }

    /// Stops playing `fault`: the signal returns to the model's truth, a lost link comes back.
    ///
    /// - Throws: `SimulatorError` `.faultNotActive` when it is not being played.
    public mutating func clear(_ fault: SimulatedFault) throws(SimulatorError) {
        guard let index = faults.firstIndex(where: { $0.fault == fault }) else {
            throw SimulatorError(.faultNotActive, "fault \(fault) is not active")
        }
        faults.remove(at: index)
    }

    /// The faults being played, in the order they were injected.
    public var activeFaults: [SimulatedFault] { faults.map(\.fault) }

    /// Whether `device`'s link is down by a link-loss fault.
    public func isLinkLost(_ device: String) -> Bool {
        faults.contains { $0.fault == .linkLoss(device: device) }
    }
}
