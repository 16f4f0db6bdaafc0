import Foundation
import GantryCore
import GantryIngest
import GantryStorage
import Logging
import Metrics

/// Measured values at the API: resolves the tags a request names, checks the caller's rights on each
/// tag's asset subtree and the values' types against the tags, then hands over to the telemetry store.
public struct TelemetryService: Sendable {
    public let store: any TelemetryStore
    let metadata: MetadataStore
    /// Where samples written over the API are fanned out once stored, as ingest does with device samples.
    let live: LiveBus
    let logger: Logger

    public init(store: any TelemetryStore, metadata: MetadataStore, live: LiveBus, logger: Logger) {
        self.store = store
        self.metadata = metadata
        self.live = live
        self.logger = logger
    }

    /// One sample as a request carries it.
    public struct Sample: Sendable {
        public let tag: TagReference
        public let timestamp: Int64
        public let value: SampleValue
        public let quality: Quality

        public init(tag: TagReference, timestamp: Int64, value: SampleValue, quality: Quality) {
            self.tag = tag
            self.timestamp = timestamp
            self.value = value
            self.quality = quality
        }
    }

    /// Stores `samples` durably; all or nothing. Writing measured values needs the operator role on
    /// each tag's asset.
    /// - Returns: how many samples were stored.
    public func append(_ samples: [Sample], by principal: Principal) async throws -> Int {
        let tags = try await resolve(Set(samples.map(\.tag)), by: principal, role: .operator, unknown: .invalidInput)
        var batch: [SeriesPoints] = []
        var positions: [TagPath: Int] = [:]
        for (index, sample) in samples.enumerated() {
            let tag = tags[sample.tag]!
            let value = try Self.conform(sample.value, to: tag, at: index)
            let point = TelemetryPoint(timestamp: sample.timestamp, value: value, quality: sample.quality)
            if let position = positions[tag.path] {
                batch[position].points.append(point)
            } else {
                positions[tag.path] = batch.count
                batch.append(SeriesPoints(tag: tag.path, points: [point]))
            }
        }
        do {
            try await store.append(batch)
        } catch {
            Counter(label: "gantry_telemetry_refused_samples_total").increment(by: samples.count)
            throw error
        }
        Counter(label: "gantry_telemetry_samples_total").increment(by: samples.count)
        live.publish(batch.flatMap { series in series.points.map { LiveEvent.sample(series.tag, $0) } })
        return samples.count
    }

    /// The tags `references` name, each checked for `role`; an unknown tag is an error naming it.
    func resolve(
        _ references: Set<TagReference>, by principal: Principal, role: Role,
        unknown: MetadataStoreError.Code = .notFound
    ) async throws -> [TagReference: Tag] {
        var paths: [TagPath] = []
        var ids: [UUID] = []
        for reference in references {
            switch reference {
            case .path(let path): paths.append(path)
            case .id(let id): ids.append(id)
            }
        }
        let found = try await metadata.tags(paths: paths, ids: ids)
        let byPath = Dictionary(found.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        let byID = Dictionary(found.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var resolved: [TagReference: Tag] = [:]
        for reference in references.sorted(by: { $0.description < $1.description }) {
            let tag: Tag?
            switch reference {
            case .path(let path): tag = byPath[path]
            case .id(let id): tag = byID[id]
            }
            guard let tag else {
                throw MetadataStoreError(unknown, "tag \(reference) does not exist")
            }
            try principal.rights.require(role, on: tag.assetPath)
            resolved[reference] = tag
        }
        return resolved
    }

    /// The value as the tag's type holds it: a whole number may feed a double tag, nothing else converts.
    static func conform(_ value: SampleValue, to tag: Tag, at index: Int) throws -> SampleValue {
        switch (value, tag.dataType) {
        case (.double(let number), .double):
            guard number.isFinite else {
                throw TelemetryError(.wrongType, "[\(index)].value: a measured value must be a finite number")
            }
            return value
        case (.int(let number), .double): return .double(Double(number))
        case (.int, .int), (.bool, .bool), (.string, .string): return value
        default:
            throw TelemetryError(
                .wrongType,
                "[\(index)].value: tag \(tag.path) holds \(tag.dataType.rawValue) values, not \(value.dataType.rawValue)"
            )
        }
    }
}
