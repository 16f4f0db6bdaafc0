/// A schedule drawn as text, one row per machine, for a terminal: each operation is a run of its job's
/// symbol, unavailability windows are `#`, idle time is `.`. Good enough to see the shape of a plan (where the
/// bottleneck is, where a breakdown falls) without a browser.
public enum GanttText {
    /// Job symbols in order; jobs beyond them reuse them (the legend says which job is which).
    static let symbols = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")

    /// The chart of `schedule` for `problem`, `width` columns of time wide (at least 10), with a time axis and,
    /// when jobs have names, a legend.
    /// - Complexity: O(machines × width + operations × width).
    public static func render(_ schedule: Schedule, for problem: SchedulingProblem, width: Int = 100) -> String {
        let width = max(10, width)
        let horizon = max(1, schedule.makespan, problem.windows.map(\.end).filter { $0 < Int.max / 2 }.max() ?? 0)
        let label = "M\(max(0, problem.machineCount - 1))".count
        func column(_ time: Int) -> Int { min(width, max(0, time * width / horizon)) }
        var rows = [[Character]](repeating: [Character](repeating: ".", count: width), count: problem.machineCount)
        for window in problem.windows where (0..<problem.machineCount).contains(window.machine) {
            for c in column(window.start)..<max(column(window.start), column(window.end)) {
                rows[window.machine][c] = "#"
            }
        }
        for operation in schedule.operations where (0..<problem.machineCount).contains(operation.machine) {
            let symbol = symbols[operation.id.job % symbols.count]
            let from = column(operation.start)
            // An operation always shows, however short.
            let to = max(from + 1, column(operation.end))
            for c in from..<min(width, to) { rows[operation.machine][c] = symbol }
        }
        var lines = rows.enumerated().map { machine, row in
            "M\(machine)".padding(toLength: label, withPad: " ", startingAt: 0) + " |" + String(row) + "|"
        }
        let axis = "0".padding(toLength: width - "\(horizon)".count + 1, withPad: " ", startingAt: 0) + "\(horizon)"
        lines.append(String(repeating: " ", count: label + 1) + " " + axis)
        let named = problem.jobs.enumerated().filter { $0.element.name != nil }
        if !named.isEmpty {
            lines.append(
                "jobs: "
                    + named.map { "\(symbols[$0.offset % symbols.count])=\($0.element.name!)" }.joined(separator: " "))
        }
        return lines.joined(separator: "\n")
    }
}
