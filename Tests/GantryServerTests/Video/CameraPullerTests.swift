import Foundation
import GantryCore
import GantryServer
import GantryTesting
import HummingbirdTesting
import Logging
import Testing

/// A camera that serves MJPEG is read into the relay: here the "camera" is Gantry's own MJPEG stream of the
/// cab camera, pulled back in as a second camera of the same locomotive over a real socket.
@Suite struct CameraPullerTests {
    @Test func framesOfAnMJPEGCameraReachTheRelay() async throws {
        try await TestPlatform.withPlatform { platform in
            try await platform.makeApplication().test(.live) { client in
                let tokens = try await CameraRoutesTests.setUp(client)
                let port = try #require(client.port)
                #expect(
                    try await CameraRoutesTests.push(client, MJPEGStreamTests.frame(1), token: tokens.operatorToken)
                        .status == .ok)
                let source = try CameraSource(
                    "\(CameraRoutesTests.loco) pulled http://127.0.0.1:\(port)\(MJPEGStreamTests.path) "
                        + "Bearer \(tokens.viewer)")
                let puller = CameraPuller(
                    sources: [source], relay: platform.cameras,
                    logger: Logger(label: "puller", factory: { _ in SwiftLogNoOpLogHandler() }))
                let pulled = try CameraID(equipment: try AssetPath(CameraRoutesTests.loco), name: "pulled")
                try await withThrowingTaskGroup(of: Void.self) { tasks in
                    tasks.addTask { try await puller.run() }
                    defer { tasks.cancelAll() }
                    try await withDeadline("the first pulled frame") {
                        while platform.cameras.latest(of: pulled) == nil {
                            try await Task.sleep(for: .milliseconds(10))
                        }
                    }
                    #expect(
                        Array(buffer: try #require(platform.cameras.latest(of: pulled)).jpeg)
                            == MJPEGStreamTests.frame(1))
                    #expect(
                        try await CameraRoutesTests.push(client, MJPEGStreamTests.frame(2), token: tokens.operatorToken)
                            .status == .ok)
                    try await withDeadline("the next pulled frame") {
                        while platform.cameras.latest(of: pulled)?.sequence != 2 {
                            try await Task.sleep(for: .milliseconds(10))
                        }
                    }
                    #expect(
                        Array(buffer: try #require(platform.cameras.latest(of: pulled)).jpeg)
                            == MJPEGStreamTests.frame(2))
                }
            }
        }
    }

    @Test func aSourceIsCheckedWhenTheConfigurationIs() {
        for bad in [
            "acme/plant1/press-7 cab", "acme/plant1/press-7 cab ftp://camera/video",
            "acme/plant1/press-7 Cab! http://camera/video", "not a path cab http://camera/video",
        ] {
            #expect(throws: ConfigurationError.self, "\(bad)") { try CameraSource(bad) }
        }
        var configuration = ServerConfiguration()
        configuration.cameraSources = ["acme/plant1/press-7 cab"]
        #expect(throws: ConfigurationError.self) { try configuration.validated() }
        configuration.cameraSources = ["acme/plant1/line/press-7 cab http://10.0.0.5:8081/video.mjpg?q=1"]
        #expect(throws: Never.self) { try configuration.validated() }
    }
}
