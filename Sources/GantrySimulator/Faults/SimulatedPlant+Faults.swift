import GantryCore

extension SimulatedPlant {
    /// Every fault the plant can play, in a stable order: bearing wear on fans and CNC machines, drift on every
    /// numeric tag, a stuck value on every tag, link loss on every device. For a CLI or an API to list.
    public var faultCatalogue: [SimulatedFault] {
        var faults: [SimulatedFault] = []
        for asset in assets where asset.model?.hasBearing == true {
            faults.append(.bearingWear(asset.path))
        }
        for asset in assets where asset.model != nil {
            for tag in asset.tags where tag.dataType.isNumeric {
                faults.append(.sensorDrift(asset.tagPath(tag.name)))
            }
        }
        for asset in assets where asset.model != nil {
            for tag in asset.tags where tag.name != SimulatedDevice.onlineTagName {
                faults.append(.stuckValue(asset.tagPath(tag.name)))
            }
        }
        for device in devices {
            faults.append(.linkLoss(device: device.name))
        }
        return faults
    }

    /// Checks that `fault` names a target of this plant that can have it, so an API can refuse a request before it
    /// checks who may inject it.
    ///
    /// - Throws: `SimulatorError` `.unknownTarget` or `.faultNotApplicable`, with a message naming what to use.
    public func validate(_ fault: SimulatedFault) throws(SimulatorError) {
        switch fault.kind {
        case .bearingWear:
            guard let path = try? AssetPath(fault.target), let found = asset(path), found.model != nil else {
                throw SimulatorError(.unknownTarget, "no simulated equipment at '\(fault.target)'")
            }
            guard found.model?.hasBearing == true else {
                throw SimulatorError(
                    .faultNotApplicable, "'\(fault.target)' has no bearing to wear; fans and CNC machines have")
            }
        case .sensorDrift, .stuckValue:
            guard let path = try? TagPath(fault.target), let found = tag(path),
                asset(path.asset)?.model != nil, found.name != SimulatedDevice.onlineTagName
            else {
                throw SimulatorError(.unknownTarget, "no simulated tag at '\(fault.target)'")
            }
            if fault.kind == .sensorDrift && !found.dataType.isNumeric {
                throw SimulatorError(
                    .faultNotApplicable, "'\(fault.target)' holds \(found.dataType.rawValue) values; only numbers drift"
                )
            }
        case .linkLoss:
            guard device(fault.target) != nil else {
                let names = devices.map(\.name).joined(separator: ", ")
                throw SimulatorError(.unknownTarget, "no simulated device '\(fault.target)'; devices are \(names)")
            }
        }
    }
}
