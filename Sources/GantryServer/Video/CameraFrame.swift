import NIOCore

/// One picture from a camera as the relay keeps it: the JPEG bytes and when it was taken and received.
public struct CameraFrame: Sendable {
    /// The JPEG file, SOI to EOI.
    public let jpeg: ByteBuffer
    /// The relay's count of this camera's frames, from 1; a viewer that sees a gap has dropped frames.
    public let sequence: UInt64
    /// When the camera took the picture (epoch milliseconds); the receive time when the camera did not say.
    public let capturedAt: Int64
    /// When the relay received it (epoch milliseconds).
    public let receivedAt: Int64

    /// How old the picture is at `now`, in milliseconds (never negative, so a camera clock ahead of the
    /// server's does not show a negative age).
    public func age(at now: Int64) -> Int64 {
        max(0, now - capturedAt)
    }
}
