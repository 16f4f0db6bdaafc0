import GantryDemo

/// `gantry demo fault list` as text: the active faults, then each kind with what it targets and its targets
/// (the first few unless every one is asked for).
struct FaultListing {
    let listing: SimulatorFaultClient.Listing
    let everyTarget: Bool

    init(_ listing: SimulatorFaultClient.Listing, everyTarget: Bool) {
        self.listing = listing
        self.everyTarget = everyTarget
    }

    /// How many targets of a kind are shown without `--all`.
    static let shortList = 4

    var text: String {
        var lines = ["Active faults:"]
        lines += listing.active.isEmpty ? ["  none"] : listing.active.map { "  \($0.kind.rawValue)  \($0.target)" }
        for kind in listing.kinds {
            let targets = listing.catalogue.filter { $0.kind.rawValue == kind.kind }.map(\.target)
            lines.append("")
            lines.append("\(kind.kind): \(kind.description)")
            lines.append("  target: \(kind.target)")
            let shown = everyTarget ? targets : Array(targets.prefix(Self.shortList))
            lines += shown.map { "    \($0)" }
            if shown.count < targets.count {
                lines.append("    … and \(targets.count - shown.count) more (--all lists them)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
