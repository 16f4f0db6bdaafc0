/// One camera as the relay sees it now, for the camera list.
public struct CameraStatus: Sendable, Hashable {
    public let camera: CameraID
    /// The newest frame's sequence number.
    public let sequence: UInt64
    /// How old the newest frame is, in milliseconds.
    public let lastFrameAgeMilliseconds: Int64
    /// Frames received per second over the last few seconds.
    public let framesPerSecond: Double
    /// Viewers watching now.
    public let viewers: Int
    /// Frames dropped for slow viewers, summed over every viewer the camera has had.
    public let droppedFrames: Int
}

extension CameraRelay {
    /// Every camera that has sent a frame, in equipment and name order, for which `include` is true.
    public func cameras(where include: (CameraID) -> Bool = { _ in true }) -> [CameraStatus] {
        let now = now()
        return state.withLock { state in
            state.cameras.compactMap { camera, slot -> CameraStatus? in
                guard let latest = slot.latest, include(camera) else { return nil }
                return CameraStatus(
                    camera: camera, sequence: latest.sequence, lastFrameAgeMilliseconds: latest.age(at: now),
                    framesPerSecond: slot.rate.rate(at: now), viewers: slot.viewers.count,
                    droppedFrames: slot.viewers.values.reduce(slot.droppedByDeparted) { $0 + $1.dropped })
            }
        }.sorted { $0.camera < $1.camera }
    }
}
