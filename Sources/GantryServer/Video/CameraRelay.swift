import Foundation
import Metrics
import NIOCore
import Synchronization

/// Keeps the latest frame of every camera and hands it to any number of viewers, each at its own pace.
///
/// Per camera only the newest frame is kept: a viewer that is ready takes the newest one, and the frames it
/// was too slow for are dropped and counted for it, so a slow viewer never holds up the camera or the other
/// viewers, and memory is one frame per camera whatever the viewers do. State lives behind one `Mutex`
/// (a push touches only the camera's slot; waking viewers happens outside the lock).
public final class CameraRelay: Sendable {
    /// How much the relay keeps at most.
    public struct Limits: Sendable, Hashable {
        /// Cameras kept at once; a frame from a further camera is refused.
        public var cameras: Int
        /// Viewers of one camera at once; a further viewer is refused.
        public var viewersPerCamera: Int

        public init(cameras: Int = 1024, viewersPerCamera: Int = 256) {
            self.cameras = cameras
            self.viewersPerCamera = viewersPerCamera
        }
    }

    public let limits: Limits
    /// Now, in epoch milliseconds: for receive times, frame ages and rates.
    let now: @Sendable () -> Int64
    let state = Mutex(State())

    struct State {
        var cameras: [CameraID: CameraSlot] = [:]
        var nextViewer: UInt64 = 0
        /// Set at shutdown: every viewer has been sent away and no new one is taken.
        var closed = false
    }

    struct CameraSlot {
        var latest: CameraFrame?
        var rate = CameraRateMeter()
        var viewers: [UInt64: ViewerSlot] = [:]
        /// Frames dropped for viewers that have left, so the camera's count does not shrink when they go.
        var droppedByDeparted = 0
    }

    struct ViewerSlot {
        /// The sequence of the last frame this viewer took (or the one before the first it may take).
        var lastSequence: UInt64
        var delivered = 0
        var dropped = 0
        var waiting: CheckedContinuation<CameraFrame?, Never>?
        /// Sent away (shutdown, cancellation); it takes no more frames.
        var closed = false
    }

    /// - Parameter now: the wall clock in epoch milliseconds; tests pass a fixed one.
    public init(
        limits: Limits = Limits(), now: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970 * 1000) }
    ) {
        self.limits = limits
        self.now = now
    }

    /// Keeps `jpeg` as the newest frame of `camera` and wakes its waiting viewers.
    ///
    /// - Parameter capturedAt: when the camera took it (epoch milliseconds); `nil` means now.
    /// - Returns: the frame as kept, with its sequence number.
    /// - Throws: `VideoError` `.notJPEG` or `.tooLarge` for a bad frame, `.relayFull` for a camera beyond the limit.
    @discardableResult
    public func push(
        _ jpeg: ByteBuffer, to camera: CameraID, capturedAt: Int64? = nil
    ) throws(VideoError)
        -> CameraFrame
    {
        try JPEGFrameCheck.check(jpeg)
        let receivedAt = now()
        let (frame, woken) = try state.withLock { state throws(VideoError) in
            guard state.cameras[camera] != nil || state.cameras.count < limits.cameras else {
                throw VideoError(.relayFull, "the relay already keeps \(limits.cameras) cameras")
            }
            var slot = state.cameras[camera] ?? CameraSlot()
            let frame = CameraFrame(
                jpeg: jpeg, sequence: (slot.latest?.sequence ?? 0) + 1, capturedAt: capturedAt ?? receivedAt,
                receivedAt: receivedAt)
            slot.latest = frame
            slot.rate.record(receivedAt)
            var woken: [CheckedContinuation<CameraFrame?, Never>] = []
            for (id, var viewer) in slot.viewers {
                guard let waiting = viewer.waiting else { continue }
                viewer.waiting = nil
                Self.hand(frame, to: &viewer)
                slot.viewers[id] = viewer
                woken.append(waiting)
            }
            state.cameras[camera] = slot
            return (frame, woken)
        }
        Counter(label: "gantry_video_frames_total").increment()
        for viewer in woken { viewer.resume(returning: frame) }
        return frame
    }

    /// Counts what a viewer takes: the frames between its last one and `frame` are dropped for it.
    static func hand(_ frame: CameraFrame, to viewer: inout ViewerSlot) {
        let skipped = Int(frame.sequence - viewer.lastSequence - 1)
        if skipped > 0 { Counter(label: "gantry_video_dropped_frames_total").increment(by: skipped) }
        viewer.dropped += skipped
        viewer.delivered += 1
        viewer.lastSequence = frame.sequence
    }

    /// The newest frame of `camera`, or `nil` when it has sent none since the server started.
    public func latest(of camera: CameraID) -> CameraFrame? {
        state.withLock { $0.cameras[camera]?.latest }
    }

    /// Sends every viewer away (their streams end cleanly) and takes no new ones; for server shutdown.
    public func shutdown() {
        let woken = state.withLock { state -> [CheckedContinuation<CameraFrame?, Never>] in
            state.closed = true
            var woken: [CheckedContinuation<CameraFrame?, Never>] = []
            for camera in state.cameras.keys {
                for id in state.cameras[camera]!.viewers.keys {
                    state.cameras[camera]!.viewers[id]!.closed = true
                    if let waiting = state.cameras[camera]!.viewers[id]!.waiting { woken.append(waiting) }
                    state.cameras[camera]!.viewers[id]!.waiting = nil
                }
            }
            return woken
        }
        for viewer in woken { viewer.resume(returning: nil) }
    }
}
