/// Runs `body`, failing with `TestSetupError` if it has not finished after `limit`: a test waiting for a
/// message that never comes fails with a reason instead of hanging the run. Not a timing assertion: the
/// limit is far above what the operation needs.
public func withDeadline<Result: Sendable>(
    _ what: String, limit: Duration = Patience.reply, _ body: @escaping @Sendable () async throws -> Result
) async throws -> Result {
    try await withThrowingTaskGroup(of: Result?.self) { tasks in
        tasks.addTask { try await body() }
        tasks.addTask {
            try await Task.sleep(for: limit)
            return nil
        }
        defer { tasks.cancelAll() }
        guard let first = try await tasks.next(), let result = first else {
            throw TestSetupError("\(what) did not happen within \(limit)")
        }
        return result
    }
}
