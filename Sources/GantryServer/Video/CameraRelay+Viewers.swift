/// A viewer of one camera, from ``CameraRelay/openViewer(of:)`` until ``CameraRelay/closeViewer(_:)``.
public struct CameraViewer: Sendable, Hashable {
    public let camera: CameraID
    let id: UInt64
}

/// What one viewer has had so far.
public struct CameraViewerStatistics: Sendable, Hashable {
    /// Frames handed to the viewer.
    public var delivered: Int
    /// Frames that came while the viewer was busy and were replaced by newer ones before it was ready.
    public var dropped: Int

    public init(delivered: Int, dropped: Int) {
        self.delivered = delivered
        self.dropped = dropped
    }
}

extension CameraRelay {
    /// Starts a viewer of `camera`; its first frame is the camera's newest.
    ///
    /// - Throws: `VideoError` `.unknownCamera` when the camera has sent no frame, `.relayFull` when it has as many
    ///   viewers as the limit or the relay is shutting down.
    public func openViewer(of camera: CameraID) throws(VideoError) -> CameraViewer {
        try state.withLock { state throws(VideoError) in
            guard !state.closed else { throw VideoError(.relayFull, "the server is shutting down") }
            guard var slot = state.cameras[camera], let latest = slot.latest else {
                throw VideoError(.unknownCamera, "camera '\(camera.name)' of \(camera.equipment) has sent no frame")
            }
            guard slot.viewers.count < limits.viewersPerCamera else {
                throw VideoError(.relayFull, "camera '\(camera.name)' already has \(limits.viewersPerCamera) viewers")
            }
            state.nextViewer += 1
            slot.viewers[state.nextViewer] = ViewerSlot(lastSequence: latest.sequence - 1)
            state.cameras[camera] = slot
            return CameraViewer(camera: camera, id: state.nextViewer)
        }
    }

    /// The next frame for `viewer`: the camera's newest at once when the viewer has not had it, else the next
    /// one pushed. `nil` when the viewer was sent away (shutdown, ``disconnect(_:)``) or its task was cancelled.
    public func nextFrame(for viewer: CameraViewer) async -> CameraFrame? {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<CameraFrame?, Never>) in
                let answer: CameraFrame?? = state.withLock { state in
                    guard var slot = state.cameras[viewer.camera], var seat = slot.viewers[viewer.id], !seat.closed,
                        !Task.isCancelled
                    else { return .some(nil) }
                    defer {
                        slot.viewers[viewer.id] = seat
                        state.cameras[viewer.camera] = slot
                    }
                    if let latest = slot.latest, latest.sequence > seat.lastSequence {
                        Self.hand(latest, to: &seat)
                        return .some(latest)
                    }
                    seat.waiting = continuation
                    return .none
                }
                if let answer { continuation.resume(returning: answer) }
            }
        } onCancel: {
            disconnect(viewer)
        }
    }

    /// Sends `viewer` away: a waiting ``nextFrame(for:)`` returns `nil`, and so does every later one. The viewer
    /// still counts until ``closeViewer(_:)``.
    public func disconnect(_ viewer: CameraViewer) {
        let waiting = state.withLock { state -> CheckedContinuation<CameraFrame?, Never>? in
            guard var seat = state.cameras[viewer.camera]?.viewers[viewer.id] else { return nil }
            let waiting = seat.waiting
            seat.waiting = nil
            seat.closed = true
            state.cameras[viewer.camera]!.viewers[viewer.id] = seat
            return waiting
        }
        waiting?.resume(returning: nil)
    }

    /// Ends `viewer`, once its stream is over; its drops stay in the camera's count.
    public func closeViewer(_ viewer: CameraViewer) {
        disconnect(viewer)
        state.withLock { state in
            guard let seat = state.cameras[viewer.camera]?.viewers.removeValue(forKey: viewer.id) else { return }
            state.cameras[viewer.camera]!.droppedByDeparted += seat.dropped
        }
    }

    /// What `viewer` has had so far, or `nil` once it is closed.
    public func statistics(of viewer: CameraViewer) -> CameraViewerStatistics? {
        state.withLock { state in
            state.cameras[viewer.camera]?.viewers[viewer.id].map {
                CameraViewerStatistics(delivered: $0.delivered, dropped: $0.dropped)
            }
        }
    }
}
