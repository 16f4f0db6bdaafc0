import Foundation
import GantryScheduling

/// `gantry bench schedule`: Gantry's scheduler and OR-Tools CP-SAT on the same instances, one after the other
/// with the same time limit and the same two cores, each makespan's gap to the best known upper bound, and the
/// ratio of the mean gaps per set.
public enum ScheduleBench {
    public struct Options: Sendable {
        public var data: String
        public var script: String
        public var timeLimit: Duration
        public var seed: UInt64
        public var workers: Int
        public var sets: Set<String>
        public var names: Set<String>
        public var runCPSAT: Bool
        /// Ends both searches at a makespan the bounds file proves optimal: no result changes, time is saved.
        public var stopAtProvenOptimum: Bool

        public init(
            data: String, script: String, timeLimit: Duration, seed: UInt64, workers: Int, sets: Set<String>,
            names: Set<String>, runCPSAT: Bool, stopAtProvenOptimum: Bool
        ) {
            self.data = data
            self.script = script
            self.timeLimit = timeLimit
            self.seed = seed
            self.workers = workers
            self.sets = sets
            self.names = names
            self.runCPSAT = runCPSAT
            self.stopAtProvenOptimum = stopAtProvenOptimum
        }
    }

    /// One engine's answer on one instance.
    public struct Run: Sendable {
        public var makespan: Int
        public var seconds: Double
        public var secondsToBest: Double
        /// `(makespan − best known) / best known`, as a fraction.
        public var gap: Double
    }

    public struct Row: Sendable {
        public var instance: JobShopSuite.Instance
        public var gantry: Run
        public var cpsat: Run?
    }

    /// Runs every chosen instance, printing a line per instance as it ends, then the per-set summary.
    public static func run(_ options: Options, print: @Sendable (String) -> Void) async throws -> [Row] {
        let suite = try JobShopSuite(directory: options.data, sets: options.sets, names: options.names)
        guard !suite.instances.isEmpty else { throw BenchError("no instance matches the chosen sets and names") }
        let limit = Double(options.timeLimit.components.seconds)
        print(
            "\(suite.instances.count) instances, \(String(format: "%.0f", limit)) s each per engine, "
                + "\(options.workers) workers, seed \(options.seed); gap = (makespan − best known) / best known")
        print(header(cpsat: options.runCPSAT))
        var rows: [Row] = []
        for instance in suite.instances {
            let gantry = try await solveWithGantry(instance, options)
            let cpsat = options.runCPSAT ? try solveWithCPSAT(instance, options) : nil
            let row = Row(instance: instance, gantry: gantry, cpsat: cpsat)
            rows.append(row)
            print(line(row))
        }
        for line in summary(rows) { print(line) }
        return rows
    }

    static func solveWithGantry(_ instance: JobShopSuite.Instance, _ options: Options) async throws -> Run {
        let text = try String(contentsOfFile: instance.path, encoding: .utf8)
        let problem = try instance.format.parse(text)
        let solverOptions = SolverOptions(
            seed: options.seed, workers: options.workers, timeLimit: options.timeLimit,
            target: options.stopAtProvenOptimum && instance.provenOptimal ? instance.bestKnown : nil)
        let started = ContinuousClock.now
        let result = try await SchedulingSolver.solve(problem, options: solverOptions)
        let seconds = Self.seconds(ContinuousClock.now - started)
        return Run(
            makespan: result.makespan, seconds: seconds,
            secondsToBest: result.progress.last.map { Self.seconds($0.elapsed) } ?? 0,
            gap: gap(result.makespan, instance.bestKnown))
    }

    static func solveWithCPSAT(_ instance: JobShopSuite.Instance, _ options: Options) throws -> Run {
        var arguments = [
            instance.path, "--format", instance.format.rawValue, "--time-limit",
            String(Self.seconds(options.timeLimit)), "--workers", String(options.workers),
        ]
        if options.stopAtProvenOptimum && instance.provenOptimal {
            arguments += ["--stop-at", "\(instance.bestKnown)"]
        }
        let line = try runScript(options.script, arguments)
        struct Answer: Decodable {
            var makespan: Int?
            var timeToBest: Double?
            var elapsed: Double
        }
        let answer = try JSONDecoder().decode(Answer.self, from: Data(line.utf8))
        guard let makespan = answer.makespan else { throw BenchError("CP-SAT found no schedule for \(instance.name)") }
        return Run(
            makespan: makespan, seconds: answer.elapsed, secondsToBest: answer.timeToBest ?? answer.elapsed,
            gap: gap(makespan, instance.bestKnown))
    }

    static func runScript(_ script: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script] + arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchError(
                "\(script) exited with \(process.terminationStatus) (pip install ortools?): "
                    + String(decoding: message.suffix(400), as: UTF8.self))
        }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
    }

    static func gap(_ makespan: Int, _ bestKnown: Int) -> Double {
        Double(makespan - bestKnown) / Double(bestKnown)
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
