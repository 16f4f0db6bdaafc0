import NIOCore

/// The cheap check every frame passes before the relay keeps it: a JPEG file starts with SOI (`FF D8`) and
/// ends with EOI (`FF D9`), and is no larger than the relay takes.
///
/// The relay does not decode frames; this catches a wrong body or a cut-off upload, which is what would
/// otherwise reach every viewer.
public enum JPEGFrameCheck {
    /// The largest frame the relay keeps: 2 MiB, far above a 1080p JPEG at usual quality.
    public static let maximumBytes = 2 << 20
    /// SOI and EOI together.
    static let minimumBytes = 4

    /// Throws `VideoError.tooLarge` or `.notJPEG` unless `bytes` looks like one whole JPEG file.
    public static func check(_ bytes: ByteBuffer) throws(VideoError) {
        let count = bytes.readableBytes
        guard count <= maximumBytes else {
            throw VideoError(.tooLarge, "the frame has \(count) bytes; the relay takes at most \(maximumBytes)")
        }
        let start = bytes.readerIndex
        guard count >= minimumBytes, bytes.getInteger(at: start, as: UInt16.self) == 0xFFD8 else {
            throw VideoError(.notJPEG, "the frame does not start with a JPEG SOI marker (FF D8)")
        }
        guard bytes.getInteger(at: start + count - 2, as: UInt16.self) == 0xFFD9 else {
            throw VideoError(.notJPEG, "the frame does not end with a JPEG EOI marker (FF D9); is it cut off?")
        }
    }
}
