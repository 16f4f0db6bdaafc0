import Synchronization

/// The port a listener bound to, for the services that must connect to it once it has: the demo's simulated
/// devices wait here for the MQTT listener (which may have picked a free port) instead of failing their first
/// connection.
public final class ListenerPort: Sendable {
    private struct State {
        var port: Int?
        var waiting: [UInt64: CheckedContinuation<Int, any Error>] = [:]
        var nextID: UInt64 = 0
    }

    private let state = Mutex(State())

    public init() {}

    /// Records the bound port and wakes everyone waiting; later calls change nothing.
    public func bound(_ port: Int) {
        let waiting = state.withLock { state -> [CheckedContinuation<Int, any Error>] in
            guard state.port == nil else { return [] }
            state.port = port
            defer { state.waiting = [:] }
            return Array(state.waiting.values)
        }
        for continuation in waiting { continuation.resume(returning: port) }
    }

    /// The bound port, waiting until there is one.
    ///
    /// - Throws: `CancellationError` when the task is cancelled first.
    public func value() async throws -> Int {
        let id = state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Int, any Error>) in
                let immediate = state.withLock { state -> Result<Int, any Error>? in
                    if let port = state.port { return .success(port) }
                    if Task.isCancelled { return .failure(CancellationError()) }
                    state.waiting[id] = continuation
                    return nil
                }
                if let immediate { continuation.resume(with: immediate) }
            }
        } onCancel: {
            let continuation = state.withLock { $0.waiting.removeValue(forKey: id) }
            continuation?.resume(throwing: CancellationError())
        }
    }
}
