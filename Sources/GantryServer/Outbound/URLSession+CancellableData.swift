import Foundation
import Synchronization

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

extension URLSession {
    /// The response to `request`, as `data(for:)` gives it, but safe to cancel from another task on Linux.
    ///
    /// swift-corelibs-foundation's `data(for:)` cancels its URL task inside the cancellation handler, which the
    /// Swift runtime runs while it holds the cancelled task's status lock, and there waits for URLSession's work
    /// queue. A response finishing on that queue at the same moment waits for the same status lock to resume the
    /// task: both wait for ever, and with them a thread of the cooperative pool (swift-corelibs-foundation
    /// issue 5412, fixed after Swift 6.3.1). A test run hung on it when a webhook test's scope ended while a
    /// delivery was in flight. Here the handler only hands the cancel to another queue, so nothing waits inside it.
    ///
    /// - Throws: `URLError` (`.cancelled` when the task was cancelled), as `data(for:)` does.
    public func cancellableData(for request: URLRequest) async throws -> (Data, URLResponse) {
        let flight = Mutex<(task: URLSessionDataTask?, cancelled: Bool)>((nil, false))
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let task = dataTask(with: request) { data, response, error in
                    if let error {
                        continuation.resume(throwing: error)
                    } else if let response {
                        continuation.resume(returning: (data ?? Data(), response))
                    } else {
                        continuation.resume(throwing: URLError(.badServerResponse))
                    }
                }
                let cancelled = flight.withLock { flight in
                    flight.task = task
                    return flight.cancelled
                }
                task.resume()
                if cancelled { DispatchQueue.global().async { task.cancel() } }
            }
        } onCancel: {
            let task = flight.withLock { flight in
                flight.cancelled = true
                return flight.task
            }
            if let task { DispatchQueue.global().async { task.cancel() } }
        }
    }
}
