import Foundation

extension ScheduleBench {
    static func header(cpsat: Bool) -> String {
        let gantry =
            pad("instance", 9) + pad("n×m", 8) + pad("best", 6) + pad("Gantry", 8) + pad("gap", 8)
            + pad("to best", 9)
        return cpsat ? gantry + pad("CP-SAT", 8) + pad("gap", 8) + "to best" : gantry
    }

    static func line(_ row: Row) -> String {
        let instance = row.instance
        var text =
            pad(instance.name, 9) + pad("\(instance.jobs)×\(instance.machines)", 8) + pad("\(instance.bestKnown)", 6)
            + pad("\(row.gantry.makespan)", 8) + pad(percent(row.gantry.gap), 8)
            + pad(String(format: "%.2f s", row.gantry.secondsToBest), 9)
        if let cpsat = row.cpsat {
            text +=
                pad("\(cpsat.makespan)", 8) + pad(percent(cpsat.gap), 8) + String(format: "%.2f s", cpsat.secondsToBest)
        }
        return text
    }

    /// Mean gaps per set (and over the set's instances with 15 jobs or more, the comparison), with the
    /// ratio Gantry / CP-SAT: below 1 means Gantry's schedules are closer to the best known.
    static func summary(_ rows: [Row]) -> [String] {
        var lines = ["", "mean gap per set" + (rows.first?.cpsat == nil ? "" : " (ratio = Gantry / CP-SAT)")]
        for set in JobShopSuite.setOrder {
            let inSet = rows.filter { $0.instance.set == set }
            guard !inSet.isEmpty else { continue }
            lines.append(describe(set, inSet))
            let large = inSet.filter { $0.instance.jobs >= 15 }
            if !large.isEmpty && large.count < inSet.count { lines.append(describe("  \(set) ≥15 jobs", large)) }
        }
        lines.append(describe("all", rows))
        return lines
    }

    static func describe(_ label: String, _ rows: [Row]) -> String {
        let gantry = rows.map(\.gantry.gap).reduce(0, +) / Double(rows.count)
        var text = pad(label, 16) + pad("\(rows.count)", 4) + "Gantry " + pad(percent(gantry), 8)
        let cpsatRuns = rows.compactMap(\.cpsat)
        guard cpsatRuns.count == rows.count else { return text }
        let cpsat = cpsatRuns.map(\.gap).reduce(0, +) / Double(rows.count)
        text += "CP-SAT " + pad(percent(cpsat), 8)
        let better = zip(rows.map(\.gantry.makespan), cpsatRuns.map(\.makespan)).filter { $0 < $1 }.count
        let worse = zip(rows.map(\.gantry.makespan), cpsatRuns.map(\.makespan)).filter { $0 > $1 }.count
        text += "ratio " + pad(cpsat > 0 ? String(format: "%.2f", gantry / cpsat) : gantry > 0 ? "∞" : "— (both 0)", 12)
        return text + "Gantry better on \(better), worse on \(worse)"
    }

    static func percent(_ fraction: Double) -> String { String(format: "%.2f%%", fraction * 100) }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
