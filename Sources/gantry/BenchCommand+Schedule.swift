import ArgumentParser
import Foundation
import GantryBench

extension BenchCommand {
    /// `gantry bench schedule`.
    struct Schedule: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Makespans on the job shop benchmark sets (ft, la, abz, orb, swv, yn, Brandimarte mk) against the "
                + "best known, beside OR-Tools CP-SAT with the same time limit and cores.",
            discussion: """
                Needs `pip install ortools` for CP-SAT (or --no-cpsat). A full run takes about 2 × instances × the \
                time limit: ~30 min at 10 s, ~3 h at 60 s; both engines stop early at a makespan that bounds.csv \
                proves optimal (--full-time to disable), which changes no result.
                """)

        @Option(help: "Time limit per instance and engine, such as 10s or 60s.")
        var timeLimit = "10s"

        @Option(help: "Sets to run, comma-separated (ft, la, abz, orb, swv, yn, mk); all by default.")
        var sets = ""

        @Option(help: "Instances to run, comma-separated (abz7,swv01); all of the chosen sets by default.")
        var instances = ""

        @Option(help: "Seed of Gantry's search.")
        var seed: UInt64 = 1

        @Option(help: "Workers (cores) of each engine.")
        var workers = 2

        @Option(help: "The job shop data (../shared/data/jobshop beside the repository by default).")
        var data: String?

        @Option(help: "The CP-SAT script (scripts/bench/cpsat_jobshop.py in the repository by default).")
        var script: String?

        @Flag(help: "Run Gantry only.")
        var noCpsat = false

        @Flag(help: "Search for the whole time limit even at a proven optimum.")
        var fullTime = false

        func run() async throws {
            let repository = FileManager.default.currentDirectoryPath
            func list(_ text: String) -> Set<String> {
                Set(text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
            }
            let options = ScheduleBench.Options(
                data: data ?? (repository as NSString).deletingLastPathComponent + "/shared/data/jobshop",
                script: script ?? repository + "/scripts/bench/cpsat_jobshop.py",
                timeLimit: try CommandDuration.parse(timeLimit, option: "--time-limit"), seed: seed, workers: workers,
                sets: list(sets), names: list(instances), runCPSAT: !noCpsat, stopAtProvenOptimum: !fullTime)
            let print: @Sendable (String) -> Void = { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) }
            _ = try await ScheduleBench.run(options, print: print)
        }
    }
}
