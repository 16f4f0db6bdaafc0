/// The text formats a problem file may be in, and how to tell them apart, so that `gantry schedule FILE` needs
/// no flag for the benchmark libraries' files.
public enum ProblemFormat: String, Sendable, CaseIterable {
    /// `JobShopFormat`: `n m`, then `m` pairs `machine duration` per job, machines 0-based.
    case jobShop = "jssp"
    /// `BrandimarteFormat`: `n m [average]`, then per job the operation count and alternatives, machines 1-based.
    case brandimarte

    /// The format `text` is written in: Brandimarte when its header has a third field (the average number of
    /// alternatives) or its first job line is not `2 × machines` numbers long; otherwise the classical format.
    /// A text that is neither is left to the chosen parser to explain, with its line.
    public static func detect(_ text: String) -> ProblemFormat {
        let lines = ProblemText(text).lines
        guard let header = lines.first else { return .jobShop }
        if header.fields.count == 3 { return .brandimarte }
        guard header.fields.count == 2, let machines = Int(header.fields[1]), lines.count > 1 else { return .jobShop }
        return lines[1].fields.count == 2 * machines ? .jobShop : .brandimarte
    }

    /// Reads `text` in this format; every error names the line at fault.
    public func parse(_ text: String) throws(SchedulingError) -> SchedulingProblem {
        switch self {
        case .jobShop: try JobShopFormat.parse(text)
        case .brandimarte: try BrandimarteFormat.parse(text)
        }
    }
}
