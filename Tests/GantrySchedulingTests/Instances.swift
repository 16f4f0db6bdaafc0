import Foundation
import GantryScheduling

/// The benchmark instances in `../shared/data/jobshop` beside the repository (or `GANTRY_JOBSHOP_DIR`).
enum Instances {
    static var directory: URL {
        if let configured = ProcessInfo.processInfo.environment["GANTRY_JOBSHOP_DIR"] {
            return URL(fileURLWithPath: configured)
        }
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return repository.deletingLastPathComponent().appendingPathComponent("shared/data/jobshop")
    }

    static func text(_ relativePath: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(relativePath), encoding: .utf8)
    }

    /// A classical instance by name (`ft06`, `la01`).
    static func jobShop(_ name: String) throws -> SchedulingProblem {
        try JobShopFormat.parse(text("jssp/\(name).txt"))
    }

    /// A Brandimarte instance by name (`mk01`).
    static func brandimarte(_ name: String) throws -> SchedulingProblem {
        try BrandimarteFormat.parse(text("fjsp/brandimarte/\(name).txt"))
    }

    /// Best known upper bounds (`ub`) from `bounds.csv`, by instance name.
    static func bestKnown(_ family: String) throws -> [String: Int] {
        var result: [String: Int] = [:]
        for line in try text("\(family)/bounds.csv").split(whereSeparator: \.isNewline).dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            if fields.count > 5, let ub = Int(fields[5]) { result[String(fields[0])] = ub }
        }
        return result
    }

    /// The names of the classical instances on disk.
    static func jobShopNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("jssp").path)
            .filter { $0.hasSuffix(".txt") }.map { String($0.dropLast(4)) }.sorted()
    }
}
