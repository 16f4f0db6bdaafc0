import Hummingbird

/// A camera in `GET /api/v1/cameras`.
struct CameraView: ResponseEncodable {
    let equipment: String
    let camera: String
    let sequence: UInt64
    let lastFrameAgeMs: Int64
    let framesPerSecond: Double
    let viewers: Int
    let droppedFrames: Int

    init(_ status: CameraStatus) {
        equipment = status.camera.equipment.description
        camera = status.camera.name
        sequence = status.sequence
        lastFrameAgeMs = status.lastFrameAgeMilliseconds
        framesPerSecond = (status.framesPerSecond * 100).rounded() / 100
        viewers = status.viewers
        droppedFrames = status.droppedFrames
    }
}

/// The answer to a frame upload: where the frame stands in its camera's sequence.
struct CameraFrameAccepted: ResponseEncodable {
    let equipment: String
    let camera: String
    let sequence: UInt64
    let capturedAt: Int64
    let receivedAt: Int64
}
