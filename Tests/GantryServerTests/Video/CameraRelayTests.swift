import GantryCore
import GantryServer
import NIOCore
import Synchronization
import Testing

/// The relay on its own: newest frame per camera, viewers at their own pace, drops counted, limits, shutdown.
@Suite struct CameraRelayTests {
    static let cab = try! CameraID(equipment: AssetPath("acme/mine/loco-01"), name: "cab")

    static func jpeg(_ marker: UInt8) -> ByteBuffer {
        ByteBuffer(bytes: [0xFF, 0xD8, marker, 0xFF, 0xD9])
    }

    @Test func aSlowViewerGetsTheNewestFrameWhileAFastOneGetsThemAll() async throws {
        let relay = CameraRelay(now: { 5_000 })
        try relay.push(Self.jpeg(1), to: Self.cab)
        let fast = try relay.openViewer(of: Self.cab)
        let slow = try relay.openViewer(of: Self.cab)
        #expect(await relay.nextFrame(for: fast)?.sequence == 1)
        #expect(await relay.nextFrame(for: slow)?.sequence == 1)
        for marker in UInt8(2)...10 {
            try relay.push(Self.jpeg(marker), to: Self.cab)
            #expect(await relay.nextFrame(for: fast)?.jpeg == Self.jpeg(marker))
        }
        let late = try #require(await relay.nextFrame(for: slow))
        #expect(late.sequence == 10)
        #expect(late.jpeg == Self.jpeg(10))
        #expect(relay.statistics(of: fast) == CameraViewerStatistics(delivered: 10, dropped: 0))
        #expect(relay.statistics(of: slow) == CameraViewerStatistics(delivered: 2, dropped: 8))
        relay.closeViewer(slow)
        let status = try #require(relay.cameras().first)
        #expect(status.viewers == 1)
        #expect(status.droppedFrames == 8, "a departed viewer's drops still count for the camera")
    }

    @Test func aNewViewerStartsWithTheNewestFrameAndMissesNothingBefore() async throws {
        let relay = CameraRelay()
        for marker in UInt8(1)...3 { try relay.push(Self.jpeg(marker), to: Self.cab) }
        let viewer = try relay.openViewer(of: Self.cab)
        #expect(await relay.nextFrame(for: viewer)?.sequence == 3)
        #expect(relay.statistics(of: viewer) == CameraViewerStatistics(delivered: 1, dropped: 0))
    }

    @Test func aWaitingViewerWakesAtTheNextPush() async throws {
        let relay = CameraRelay()
        try relay.push(Self.jpeg(1), to: Self.cab)
        let viewer = try relay.openViewer(of: Self.cab)
        _ = await relay.nextFrame(for: viewer)
        async let next = relay.nextFrame(for: viewer)
        try relay.push(Self.jpeg(2), to: Self.cab)
        #expect(await next?.sequence == 2)
    }

    @Test func shutdownSendsEveryViewerAwayAndTakesNoNewOnes() async throws {
        let relay = CameraRelay()
        try relay.push(Self.jpeg(1), to: Self.cab)
        let viewer = try relay.openViewer(of: Self.cab)
        _ = await relay.nextFrame(for: viewer)
        async let waiting = relay.nextFrame(for: viewer)
        relay.shutdown()
        #expect(await waiting == nil)
        #expect(throws: VideoError.self) { try relay.openViewer(of: Self.cab) }
    }

    @Test func cancellingAViewerEndsItsWait() async throws {
        let relay = CameraRelay()
        try relay.push(Self.jpeg(1), to: Self.cab)
        let viewer = try relay.openViewer(of: Self.cab)
        _ = await relay.nextFrame(for: viewer)
        let task = Task { await relay.nextFrame(for: viewer) }
        task.cancel()
        #expect(await task.value == nil)
    }

    @Test(arguments: [
        ([UInt8](), "not_jpeg"), ([0xFF, 0xD8], "not_jpeg"), ([0xFF, 0xD8, 0x00, 0x00], "not_jpeg"),
        ([0x89, 0x50, 0xFF, 0xD9], "not_jpeg"),
        ([0xFF, 0xD8] + [UInt8](repeating: 0, count: 2 << 20) + [0xFF, 0xD9], "too_large"),
    ])
    func framesThatAreNotWholeJPEGsNeverReachViewers(bytes: [UInt8], code: String) throws {
        let relay = CameraRelay()
        let error = try #require(throws: VideoError.self) { try relay.push(ByteBuffer(bytes: bytes), to: Self.cab) }
        #expect(error.code.description == code)
        #expect(relay.latest(of: Self.cab) == nil)
        #expect(relay.cameras().isEmpty)
    }

    @Test func camerasAndViewersAreBounded() throws {
        let relay = CameraRelay(limits: CameraRelay.Limits(cameras: 1, viewersPerCamera: 1))
        try relay.push(Self.jpeg(1), to: Self.cab)
        let other = try CameraID(equipment: AssetPath("acme/mine/loco-02"), name: "cab")
        #expect(throws: VideoError.self) { try relay.push(Self.jpeg(1), to: other) }
        _ = try relay.openViewer(of: Self.cab)
        #expect(throws: VideoError.self) { try relay.openViewer(of: Self.cab) }
        #expect(throws: VideoError.self) { try relay.openViewer(of: other) }
    }

    @Test(arguments: ["Cab", "cab/rear", "", String(repeating: "a", count: 65), "cab camera"])
    func cameraNamesAreChecked(name: String) throws {
        #expect(throws: VideoError.self) { try CameraID(equipment: AssetPath("acme/mine/loco-01"), name: name) }
    }

    @Test func reportsFrameAgeAndRate() throws {
        let clock = Mutex<Int64>(10_000)
        let relay = CameraRelay(now: { clock.withLock { $0 } })
        for step in 0...10 {
            clock.withLock { $0 = 10_000 + Int64(step) * 100 }
            try relay.push(Self.jpeg(UInt8(step)), to: Self.cab, capturedAt: 10_000 + Int64(step) * 100 - 40)
        }
        let status = try #require(relay.cameras().first)
        #expect(status.sequence == 11)
        #expect(status.lastFrameAgeMilliseconds == 40)
        #expect(status.framesPerSecond == 10)
        clock.withLock { $0 += 10_000 }
        #expect(relay.cameras().first?.framesPerSecond == 0, "a camera that stopped shows no rate")
        #expect(relay.cameras().first?.lastFrameAgeMilliseconds == 10_040)
    }
}
