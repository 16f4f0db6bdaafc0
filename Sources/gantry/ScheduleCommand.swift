import ArgumentParser
import Foundation
import GantryScheduling

/// `gantry schedule FILE`: the planner's scheduler without a server. Reads a job shop or flexible job shop file
/// (the benchmark libraries' formats), searches for the time limit, and prints a text Gantt chart or the
/// schedule as JSON; improvements are reported on standard error as they come, so that a long run shows life.
struct ScheduleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract: "Schedule a job shop or flexible job shop problem file.",
        discussion: """
            The file is in the classical JSSP format ('n m', then m pairs 'machine duration' per job, machines \
            0-based) or Brandimarte's FJSP format (machines 1-based); the format is recognised unless --input says.
            gantry schedule ../shared/data/jobshop/jssp/ft10.txt --time-limit 10s --seed 1 --format json
            """)

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case gantt, json
    }

    enum InputFormat: String, ExpressibleByArgument, CaseIterable {
        case auto, jssp, brandimarte
    }

    @Argument(help: "The problem file.")
    var file: String

    @Option(help: "How long to search, such as 10s, 500ms or 2m; the search stops earlier at a proven optimum.")
    var timeLimit = "10s"

    @Option(help: "Seed of the search; the same seed and an iteration limit give the same schedule.")
    var seed: UInt64 = 1

    @Option(help: "Stop after this many iterations per worker (reproducible runs); none by default.")
    var iterations: Int?

    @Option(help: "Parallel searches (one per core).")
    var workers = 2

    @Option(help: "Output: gantt (a text chart) or json.")
    var format = OutputFormat.gantt

    @Option(help: "Input format: auto, jssp or brandimarte.")
    var input = InputFormat.auto

    @Option(help: "Width of the text chart in columns.")
    var width = 100

    @Flag(help: "Do not report improvements on standard error.")
    var quiet = false

    func run() async throws {
        let limit = try CommandDuration.parse(timeLimit, option: "--time-limit")
        guard workers >= 1 else { throw ValidationError("--workers must be at least 1") }
        guard iterations.map({ $0 >= 0 }) ?? true else { throw ValidationError("--iterations must not be negative") }
        let text: String
        do {
            text = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            fail("cannot read \(file): \(error.localizedDescription)")
        }
        let chosen: ProblemFormat =
            switch input {
            case .auto: ProblemFormat.detect(text)
            case .jssp: .jobShop
            case .brandimarte: .brandimarte
            }
        let quiet = quiet
        do {
            let problem = try chosen.parse(text)
            let options = SolverOptions(seed: seed, workers: workers, timeLimit: limit, iterationLimit: iterations)
            let result = try await SchedulingSolver.solve(problem, options: options) { progress in
                guard !quiet else { return }
                let seconds =
                    Double(progress.elapsed.components.attoseconds) / 1e18
                    + Double(progress.elapsed.components.seconds)
                Self.note(String(format: "%8.3f s  makespan %d", seconds, progress.makespan))
            }
            switch format {
            case .json:
                FileHandle.standardOutput.write(ScheduleReport(result).json() + Data("\n".utf8))
            case .gantt:
                print(GanttText.render(result.schedule, for: problem, width: width))
                let verdict =
                    result.isOptimal ? "optimal" : String(format: "%.2f%% above", result.gapToLowerBound * 100)
                print("makespan \(result.makespan), lower bound \(result.lowerBound) (\(verdict) the lower bound)")
            }
        } catch {
            let place = error.line.map { "\(file):\($0): " } ?? "\(file): "
            fail(
                place + "\(error.code): "
                    + error.message.replacingOccurrences(of: "line \(error.line ?? -1): ", with: ""))
        }
    }

    private static func note(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    private func fail(_ message: String) -> Never {
        Self.note("gantry schedule: " + message)
        Foundation.exit(1)
    }
}
