import GantryCore
import SQLKit

/// A `platform_secrets` row.
struct SecretRecord: Decodable {
    let value: String
}

extension MetadataStore {
    /// The platform secret called `name`, created with `make()` the first time it is asked for.
    ///
    /// Kept in the database rather than the data directory so every node of a cluster signs and checks
    /// tokens with the same key. If two nodes race to create it, the first one's value wins for both.
    public func secret(
        named name: String, orCreate make: @Sendable () -> String
    ) async throws(MetadataStoreError)
        -> String
    {
        if let existing = try await storedSecret(named: name) { return existing }
        do {
            try await database.transaction { sql in
                try await sql.raw(
                    """
                    INSERT INTO platform_secrets (name, value, created_at)
                    VALUES (\(bind: name), \(bind: make()), \(bind: Timestamp.now.millisecondsSinceEpoch))
                    """
                ).run()
            }
        } catch  where error.code == .alreadyExists {
            // Another node created it first; use theirs.
        }
        guard let stored = try await storedSecret(named: name) else {
            throw MetadataStoreError(.unavailable, "platform secret '\(name)' could not be stored")
        }
        return stored
    }

    private func storedSecret(named name: String) async throws(MetadataStoreError) -> String? {
        try await database.read { sql in
            try await sql.raw("SELECT value FROM platform_secrets WHERE name = \(bind: name)")
                .first(decoding: SecretRecord.self)?.value
        }
    }
}
