import Foundation
import GantryCore
import GantryStorage
import Metrics

extension Ingest {
    /// Checks a batch of messages against tags and permissions, stores the good ones in one
    /// append, and completes every message. A message with one bad sample is refused whole.
    func write(_ batch: [Submission]) async {
        var creatable: [TagPath: TagDataType] = [:]
        var wanted: Set<TagPath> = []
        for submission in batch {
            for sample in submission.samples {
                wanted.insert(sample.tag)
                if submission.source.mayCreateTags, submission.source.permits(sample.tag), creatable[sample.tag] == nil
                {
                    creatable[sample.tag] = sample.point.value.dataType
                }
            }
        }
        let types = await catalogue.resolve(wanted, creatable: creatable)
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        var good: [Submission] = []
        for submission in batch {
            if let rejection = check(submission, types: types, now: now) {
                count(rejected: submission.samples.count, rejection.reason)
                submission.completion(.failure(rejection))
            } else {
                good.append(submission)
            }
        }
        guard !good.isEmpty else { return }
        if await append(good, types: types) { return }
        // The store refused the batch: find the messages at fault by writing each on its own.
        for submission in good { _ = await append([submission], types: types) }
    }

    /// Why a message cannot be stored, or nil.
    private func check(
        _ submission: Submission, types: [TagPath: Result<TagDataType, IngestRejection>], now: Int64
    )
        -> IngestRejection?
    {
        for sample in submission.samples {
            guard submission.source.permits(sample.tag) else {
                return IngestRejection(
                    .notPermitted, "tag '\(sample.tag)' lies outside \(submission.source.name)'s asset subtree")
            }
            switch types[sample.tag] {
            case .failure(let rejection): return rejection
            case .success(let type):
                guard Self.conform(sample.point.value, to: type) != nil else {
                    return IngestRejection(
                        .wrongType,
                        "tag '\(sample.tag)' holds \(type.rawValue) values, not \(sample.point.value.dataType.rawValue)"
                    )
                }
            case nil: return IngestRejection(.unknownTag, "tag '\(sample.tag)' does not exist")
            }
            if sample.point.timestamp > now + futureBound {
                return IngestRejection(.badTimestamp, "sample of '\(sample.tag)' lies in the future")
            }
        }
        return nil
    }

    /// Appends the messages' samples in one store call; completes them and returns true on success.
    private func append(
        _ submissions: [Submission], types: [TagPath: Result<TagDataType, IngestRejection>]
    ) async
        -> Bool
    {
        var series: [SeriesPoints] = []
        var positions: [TagPath: Int] = [:]
        var total = 0
        for submission in submissions {
            for sample in submission.samples {
                guard case .success(let type) = types[sample.tag],
                    let value = Self.conform(sample.point.value, to: type)
                else { continue }
                var point = sample.point
                point.value = value
                total += 1
                if let position = positions[sample.tag] {
                    series[position].points.append(point)
                } else {
                    positions[sample.tag] = series.count
                    series.append(SeriesPoints(tag: sample.tag, points: [point]))
                }
            }
        }
        for index in series.indices where !series[index].points.isSorted {
            series[index].points.sort { $0.timestamp < $1.timestamp }
        }
        do {
            try await store.append(series)
        } catch {
            guard submissions.count == 1 else { return false }
            let reason: IngestRejection.Reason =
                if let error = error as? TelemetryError, error.code == .inFuture || error.code == .tooLate {
                    .badTimestamp
                } else if let error = error as? TelemetryError, error.code == .wrongType {
                    .wrongType
                } else {
                    .storeFailed
                }
            if reason == .storeFailed {
                logger.warning("telemetry store refused a sample batch", metadata: ["error": "\(error)"])
            }
            count(rejected: total, reason)
            submissions[0].completion(.failure(IngestRejection(reason, "\(error)")))
            return true
        }
        Counter(label: "gantry_telemetry_samples_total").increment(by: total)
        for submission in submissions { submission.completion(.success(())) }
        var events: [LiveEvent] = []
        events.reserveCapacity(total)
        for part in series {
            for point in part.points { events.append(.sample(part.tag, point)) }
        }
        live.publish(events)
        return true
    }

    /// The value as a tag of `type` stores it: a whole number may feed a double tag, nothing else converts.
    static func conform(_ value: SampleValue, to type: TagDataType) -> SampleValue? {
        switch (value, type) {
        case (.double(let number), .double): number.isFinite ? value : nil
        case (.int(let number), .double): .double(Double(number))
        case (.double(let number), .int):
            // A unified-namespace number is read as a double; whole ones may feed an integer tag.
            number.rounded() == number && abs(number) < 9.0e15 ? .int(Int64(number)) : nil
        case (.int, .int), (.bool, .bool), (.string, .string): value
        default: nil
        }
    }
}

extension IngestSource {
    /// Whether the source may write `tag`.
    func permits(_ tag: TagPath) -> Bool {
        guard let subtree else { return true }
        return tag.asset.isWithin(subtree)
    }
}

extension Array where Element == TelemetryPoint {
    fileprivate var isSorted: Bool {
        zip(self, dropFirst()).allSatisfy { $0.timestamp <= $1.timestamp }
    }
}
