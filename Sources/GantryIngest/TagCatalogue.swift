import Foundation
import GantryCore
import GantryStorage
import Logging

/// The tags ingest has seen, by path, so a steady stream costs no database read per sample.
///
/// Unknown tags are looked up once per batch; a source allowed to create tags gets them created
/// with the type of their first value. Tags are never removed from the cache while Gantry runs
/// (a deleted tag's samples are then stored under a path no query names; see DESIGN.md).
actor TagCatalogue {
    private let metadata: MetadataStore
    private let logger: Logger
    private var known: [TagPath: TagDataType] = [:]

    init(metadata: MetadataStore, logger: Logger) {
        self.metadata = metadata
        self.logger = logger
    }

    /// The data type of every path in `wanted`, creating tags where `creatable` gives a type;
    /// a path missing from the answer is unknown (or its asset is), with the reason.
    func resolve(
        _ wanted: Set<TagPath>, creatable: [TagPath: TagDataType]
    ) async
        -> [TagPath: Result<TagDataType, IngestRejection>]
    {
        var answer: [TagPath: Result<TagDataType, IngestRejection>] = [:]
        var missing: [TagPath] = []
        for path in wanted {
            if let type = known[path] { answer[path] = .success(type) } else { missing.append(path) }
        }
        guard !missing.isEmpty else { return answer }
        do {
            for tag in try await metadata.tags(paths: missing, ids: []) {
                known[tag.path] = tag.dataType
                answer[tag.path] = .success(tag.dataType)
            }
        } catch {
            for path in missing {
                answer[path] = .failure(IngestRejection(.storeFailed, "tag lookup failed: \(error)"))
            }
            return answer
        }
        for path in missing where answer[path] == nil {
            guard let type = creatable[path] else {
                answer[path] = .failure(IngestRejection(.unknownTag, "tag '\(path)' does not exist"))
                continue
            }
            answer[path] = await create(path, type)
        }
        return answer
    }

    private func create(_ path: TagPath, _ type: TagDataType) async -> Result<TagDataType, IngestRejection> {
        let now = Timestamp(millisecondsSinceEpoch: Int64(Date().timeIntervalSince1970 * 1000))
        let tag = Tag(
            id: UUID(), path: path, dataType: type, unit: "", range: .unbounded, description: "created by ingest",
            createdAt: now, updatedAt: now)
        do {
            try await metadata.createTag(tag)
            logger.info("tag created by its first sample", metadata: ["tag.path": "\(path)", "tag.type": "\(type)"])
        } catch let error where error.code == .alreadyExists {
            // Created meanwhile by someone else: read its type back.
            if let existing = try? await metadata.tag(path: path) {
                known[path] = existing.dataType
                return .success(existing.dataType)
            }
        } catch let error where error.code == .parentMissing {
            return .failure(IngestRejection(.unknownAsset, "asset '\(path.asset)' does not exist; create it first"))
        } catch {
            return .failure(IngestRejection(.storeFailed, "creating tag '\(path)' failed: \(error)"))
        }
        known[path] = type
        return .success(type)
    }
}
