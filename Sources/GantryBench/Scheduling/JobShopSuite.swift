import Foundation
import GantryScheduling

/// The benchmark instances of `../shared/data/jobshop` with their best known bounds, grouped in the sets
/// the literature reports (ft, la, abz, orb, swv, yn, and Brandimarte's mk).
public struct JobShopSuite: Sendable {
    public struct Instance: Sendable {
        public var name: String
        /// The set: the name's letters (`la` for la21, `mk` for mk03).
        public var set: String
        public var path: String
        public var format: ProblemFormat
        public var jobs: Int
        public var machines: Int
        /// Best known upper bound (`ub` in bounds.csv), the reference of every gap.
        public var bestKnown: Int
        /// Whether `bestKnown` is proven optimal (`lb == ub`).
        public var provenOptimal: Bool
    }

    public var instances: [Instance]

    /// The sets in the order the report prints them.
    public static let setOrder = ["ft", "la", "abz", "orb", "swv", "yn", "mk"]

    /// Reads the instance lists and both bounds files under `directory`; `sets` and `names` (when not empty)
    /// choose which instances to keep. Brandimarte's are mk01–mk10, the ones on disk.
    public init(directory: String, sets: Set<String>, names: Set<String>) throws {
        var bounds: [String: (lb: Int, ub: Int, jobs: Int, machines: Int)] = [:]
        for file in ["jssp/bounds.csv", "fjsp/bounds.csv"] {
            let text = try String(contentsOfFile: directory + "/" + file, encoding: .utf8)
            for line in text.split(whereSeparator: \.isNewline).dropFirst() {
                let fields = line.split(separator: ",", omittingEmptySubsequences: false)
                guard fields.count > 5, let jobs = Int(fields[2]), let machines = Int(fields[3]),
                    let lb = Int(fields[4]),
                    let ub = Int(fields[5])
                else { continue }
                bounds[String(fields[0])] = (lb, ub, jobs, machines)
            }
        }
        var found: [Instance] = []
        let classical = try FileManager.default.contentsOfDirectory(atPath: directory + "/jssp")
            .filter { $0.hasSuffix(".txt") }.map { String($0.dropLast(4)) }
        let flexible = (1...10).map { String(format: "mk%02d", $0) }
        for (name, path, format) in classical.map({ ($0, "jssp/\($0).txt", ProblemFormat.jobShop) })
            + flexible.map({ ($0, "fjsp/brandimarte/\($0).txt", ProblemFormat.brandimarte) })
        {
            let set = String(name.prefix { $0.isLetter })
            guard sets.isEmpty || sets.contains(set), names.isEmpty || names.contains(name) else { continue }
            guard let bound = bounds[name] else { throw BenchError("\(name) has no bounds in \(directory)") }
            found.append(
                Instance(
                    name: name, set: set, path: directory + "/" + path, format: format, jobs: bound.jobs,
                    machines: bound.machines,
                    bestKnown: bound.ub, provenOptimal: bound.lb == bound.ub))
        }
        instances = found.sorted {
            let order = (Self.setOrder.firstIndex(of: $0.set) ?? 99, Self.setOrder.firstIndex(of: $1.set) ?? 99)
            if order.0 != order.1 { return order.0 < order.1 }
            let numbers = (Int($0.name.drop { $0.isLetter }) ?? 0, Int($1.name.drop { $0.isLetter }) ?? 0)
            return numbers.0 < numbers.1
        }
    }
}
