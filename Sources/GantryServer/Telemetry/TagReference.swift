import Foundation
import GantryCore

/// How a request names a tag: by path (`site/area/line/speed`) or by id.
public enum TagReference: Hashable, Sendable, CustomStringConvertible {
    case path(TagPath)
    case id(UUID)

    /// Reads a reference: a UUID is an id, anything else must be a tag path.
    public init(parsing text: String) throws(PlantModelError) {
        if let id = UUID(uuidString: text) {
            self = .id(id)
        } else {
            self = .path(try TagPath(text))
        }
    }

    public var description: String {
        switch self {
        case .path(let path): path.description
        case .id(let id): id.uuidString
        }
    }
}
