import Foundation
import GantryScheduling

/// `POST /api/v1/schedules`: the problem, in exactly one of three forms, and how long to search.
///
/// - `problem`: the JSON model below (``ProblemBody``);
/// - `format` (`jssp` or `brandimarte`) with `text`: a benchmark file as it is written;
/// - `plant`: work orders over the plant's equipment (``PlantProblemBody``).
///
/// Any key not listed here, at any depth, is refused with a 400 naming it.
struct ScheduleBody: Decodable {
    enum Source {
        case problem(ProblemBody)
        case text(ProblemFormat, String)
        case plant(PlantProblemBody)
    }

    let source: Source
    let settings: SolveSettings

    enum CodingKeys: String, CodingKey, CaseIterable {
        case problem, format, text, plant, timeLimitSeconds, seed, iterationLimit
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(CodingKeys.self)
        settings = try SolveSettings(container)
        let given = [CodingKeys.problem, .text, .plant].filter { container.contains($0) }
        guard given.count == 1 else {
            throw APIError.badRequest("give exactly one of 'problem', 'text' (with 'format') or 'plant'")
        }
        switch given[0] {
        case .problem:
            source = .problem(try container.decode(ProblemBody.self, forKey: .problem))
        case .plant:
            source = .plant(try container.decode(PlantProblemBody.self, forKey: .plant))
        default:
            let name = try container.decode(String.self, forKey: .format)
            guard let format = ProblemFormat(rawValue: name) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .format, in: container, debugDescription: "must be \"jssp\" or \"brandimarte\"")
            }
            source = .text(format, try container.decode(String.self, forKey: .text))
        }
        if case .text = source {
        } else if container.contains(.format) {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: [CodingKeys.format], debugDescription: "'format' goes only with 'text'"))
        }
    }
}

/// How long and how a solve searches: `timeLimitSeconds` (1…300, default 10), `seed` (default 1) and an
/// optional `iterationLimit` (which with a seed makes a run reproducible).
struct SolveSettings: Sendable, Hashable {
    var timeLimitSeconds = 10
    var seed: UInt64 = 1
    var iterationLimit: Int?

    static let timeLimits = 1...300
    static let iterationLimits = 1...100_000_000

    init() {}

    init<Key: CodingKey>(_ container: KeyedDecodingContainer<Key>) throws {
        func key(_ name: String) -> Key { Key(stringValue: name)! }
        if let limit = try container.decodeIfPresent(Int.self, forKey: key("timeLimitSeconds")) {
            guard Self.timeLimits.contains(limit) else {
                throw DecodingError.dataCorruptedError(
                    forKey: key("timeLimitSeconds"), in: container, debugDescription: "must be from 1 to 300")
            }
            timeLimitSeconds = limit
        }
        if let seed = try container.decodeIfPresent(Int.self, forKey: key("seed")) {
            guard seed >= 0 else {
                throw DecodingError.dataCorruptedError(
                    forKey: key("seed"), in: container, debugDescription: "must be 0 or more")
            }
            self.seed = UInt64(seed)
        }
        if let limit = try container.decodeIfPresent(Int.self, forKey: key("iterationLimit")) {
            guard Self.iterationLimits.contains(limit) else {
                throw DecodingError.dataCorruptedError(
                    forKey: key("iterationLimit"), in: container, debugDescription: "must be from 1 to 100000000")
            }
            iterationLimit = limit
        }
    }

    func options(workers: Int) -> SolverOptions {
        SolverOptions(
            seed: seed, workers: workers, timeLimit: .seconds(timeLimitSeconds), iterationLimit: iterationLimit)
    }
}
