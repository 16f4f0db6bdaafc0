import Foundation
import Synchronization

/// Where the simulator's time comes from: the wall clock in a plant, a ``ManualSimulationClock`` in tests.
///
/// Time is epoch milliseconds, as samples carry it; publish cadence and reconnect back-off both sleep on it.
public protocol SimulationClock: Sendable {
    /// Now, in milliseconds since the Unix epoch.
    func now() -> Int64
    /// Suspends until `now()` has reached `deadline`.
    ///
    /// - Throws: `CancellationError` when the task is cancelled first.
    func sleep(until deadline: Int64) async throws
}

/// The system's wall clock.
public struct WallSimulationClock: SimulationClock {
    public init() {}

    public func now() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
    }

    public func sleep(until deadline: Int64) async throws {
        let wait = deadline - now()
        if wait > 0 { try await Task.sleep(for: .milliseconds(wait)) } else { try Task.checkCancellation() }
    }
}

/// A clock that moves only when told, so tests run an hour of plant in milliseconds and decide exactly when
/// each publish happens.
public final class ManualSimulationClock: SimulationClock {
    private struct Sleeper {
        let id: UInt64
        let deadline: Int64
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var now: Int64
        var nextID: UInt64 = 0
        var sleepers: [Sleeper] = []
    }

    private let state: Mutex<State>

    /// A clock standing at `now` (epoch milliseconds).
    public init(now: Int64) {
        state = Mutex(State(now: now))
    }

    public func now() -> Int64 {
        state.withLock { $0.now }
    }

    /// Moves time forward by `milliseconds` and wakes every sleeper whose deadline has come.
    public func advance(by milliseconds: Int64) {
        let due = state.withLock { state -> [Sleeper] in
            state.now += max(0, milliseconds)
            let now = state.now
            let due = state.sleepers.filter { $0.deadline <= now }
            state.sleepers.removeAll { $0.deadline <= now }
            return due
        }
        for sleeper in due { sleeper.continuation.resume() }
    }

    /// How many tasks are sleeping on the clock, so a test can wait until everyone is parked before advancing.
    public var sleeperCount: Int { state.withLock { $0.sleepers.count } }

    public func sleep(until deadline: Int64) async throws {
        let id = state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let immediate = state.withLock { state -> Result<Void, any Error>? in
                    if Task.isCancelled { return .failure(CancellationError()) }
                    if deadline <= state.now { return .success(()) }
                    state.sleepers.append(Sleeper(id: id, deadline: deadline, continuation: continuation))
                    return nil
                }
                if let immediate { continuation.resume(with: immediate) }
            }
        } onCancel: {
            let sleeper = state.withLock { state -> Sleeper? in
                guard let index = state.sleepers.firstIndex(where: { $0.id == id }) else { return nil }
                return state.sleepers.remove(at: index)
            }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
    }
}
