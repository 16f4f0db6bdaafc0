import Foundation
import GantryBench
import GantryServer
import GantryTesting
import HummingbirdTesting
import Logging
import NIOCore
import ServiceLifecycle
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// MJPEG over a real socket: frames posted over HTTP reach viewers, slow viewers skip to the newest frame, and a
/// shutting-down server ends every stream with the closing boundary.
@Suite struct MJPEGStreamTests {
    static let path = "/api/v1/cameras/mjpeg?equipment=\(CameraRoutesTests.loco)&camera=cab"

    static func frame(_ marker: UInt8, padding: Int = 0) -> [UInt8] {
        [0xFF, 0xD8, marker] + [UInt8](repeating: 0x55, count: padding) + [0xFF, 0xD9]
    }

    @Test func framesPostedOverHTTPReachAViewerOverARealSocket() async throws {
        try await TestPlatform.withPlatform { platform in
            try await platform.makeApplication().test(.live) { client in
                let tokens = try await CameraRoutesTests.setUp(client)
                let port = try #require(client.port)
                #expect(
                    try await CameraRoutesTests.push(client, Self.frame(1), token: tokens.operatorToken).status == .ok)
                try await MJPEGConnection.withStream(
                    port: port, path: Self.path, authorization: "Bearer \(tokens.viewer)"
                ) {
                    viewer in
                    #expect(viewer.status == 200)
                    #expect(viewer.headers["content-type"] == "multipart/x-mixed-replace; boundary=gantry-frame")
                    for marker in UInt8(1)...5 {
                        if marker > 1 {
                            let pushed = try await CameraRoutesTests.push(
                                client, Self.frame(marker), token: tokens.operatorToken)
                            #expect(pushed.status == .ok)
                        }
                        let part = try #require(try await viewer.next())
                        #expect(part.headers["content-type"] == "image/jpeg")
                        #expect(part.headers["content-length"] == "5")
                        #expect(part.sequence == UInt64(marker))
                        #expect(part.headers["gantry-frame-age-ms"].flatMap { Int($0) } != nil)
                        #expect(Array(buffer: part.body) == Self.frame(marker))
                    }
                }
                let listed = try await client.send(.get, "/api/v1/cameras", token: tokens.viewer).json()
                #expect((listed["items"] as? [[String: Any]])?.first?["sequence"] as? Int == 5)
            }
        }
    }

    /// Frames far larger than the socket buffers: the viewer that reads nothing while 24 are pushed finds the
    /// newest one when it reads, with the ones in between dropped; the one reading along gets every frame.
    @Test func aSlowViewerSkipsToTheNewestFrameWhileAFastOneGetsEvery() async throws {
        try await TestPlatform.withPlatform { platform in
            try await platform.makeApplication().test(.live) { client in
                let tokens = try await CameraRoutesTests.setUp(client)
                let port = try #require(client.port)
                let size = 1 << 20
                let count: UInt8 = 24
                #expect(
                    try await CameraRoutesTests.push(client, Self.frame(1, padding: size), token: tokens.operatorToken)
                        .status == .ok)
                try await MJPEGConnection.withStream(
                    port: port, path: Self.path, authorization: "Bearer \(tokens.viewer)"
                ) { slow in
                    try await MJPEGConnection.withStream(
                        port: port, path: Self.path, authorization: "Bearer \(tokens.viewer)"
                    ) {
                        fast in
                        #expect(try await fast.next()?.sequence == 1)
                        for marker in UInt8(2)...count {
                            _ = try await CameraRoutesTests.push(
                                client, Self.frame(marker, padding: size), token: tokens.operatorToken)
                            #expect(try await fast.next()?.sequence == UInt64(marker))
                        }
                        var seen: [UInt64] = []
                        var last: MJPEGPart?
                        while last?.sequence != UInt64(count), let part = try await slow.next() {
                            seen.append(part.sequence ?? 0)
                            last = part
                        }
                        #expect(seen.last == UInt64(count), "the slow viewer ends on the newest frame")
                        #expect(seen.count < Int(count), "the slow viewer skipped frames: \(seen)")
                        #expect(seen == seen.sorted(), "in order")
                        #expect((last?.dropped ?? 0) == Int(count) - seen.count)
                        #expect(last.map { Array(buffer: $0.body).prefix(3) } == [0xFF, 0xD8, count])
                    }
                }
            }
        }
    }

    @Test func shutdownEndsTheStreamWithTheClosingBoundary() async throws {
        try await TestPlatform.withPlatform { platform in
            let (ports, bound) = AsyncStream.makeStream(of: Int.self)
            let app = platform.makeApplication { channel in
                bound.yield(channel.localAddress?.port ?? 0)
                bound.finish()
            }
            var logger = Logger(label: "mjpeg-shutdown")
            logger.logLevel = .critical
            let group = ServiceGroup(services: [app], logger: logger)
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                var iterator = ports.makeAsyncIterator()
                let port = try #require(await iterator.next())
                let (token, operatorToken) = try await Self.signIn(port: port)
                try await Self.post(Self.frame(9), port: port, token: operatorToken)
                let ended = try await MJPEGConnection.withStream(
                    port: port, path: Self.path, authorization: "Bearer \(token)"
                ) {
                    (viewer: MJPEGReader) async throws -> Bool in
                    #expect(try await viewer.next()?.sequence == 1)
                    await group.triggerGracefulShutdown()
                    #expect(try await viewer.next() == nil)
                    return viewer.finishedCleanly
                }
                #expect(ended, "the stream ends with --gantry-frame--, not a dropped connection")
                try await tasks.waitForAll()
            }
        }
    }

    /// Sets up the plant over a real socket and returns a viewer's and the operator's tokens.
    static func signIn(port: Int) async throws -> (viewer: String, operator: String) {
        let http = TestHTTP(port: port)
        let admin = try await http.token("admin", TestPlatform.adminPassword)
        for path in ["acme", "acme/mine", CameraRoutesTests.loco] {
            _ = try await http.json("POST", "/api/v1/assets", #"{"path":"\#(path)","name":"x"}"#, token: admin)
        }
        _ = try await http.json(
            "POST", "/api/v1/users",
            #"{"username":"op","password":"password-op","grants":[{"role":"operator","path":"acme"}]}"#, token: admin)
        return (admin, try await http.token("op", "password-op"))
    }

    static func post(_ frame: [UInt8], port: Int, token: String) async throws {
        var request = URLRequest(
            url: URL(
                string: "http://127.0.0.1:\(port)/api/v1/cameras/frames?equipment=\(CameraRoutesTests.loco)&camera=cab")!
        )
        request.httpMethod = "POST"
        request.setValue("image/jpeg", forHTTPHeaderField: "Content-Type")
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        request.httpBody = Data(frame)
        let (_, response) = try await URLSession.shared.cancellableData(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
    }
}

/// Just enough HTTP for setting up a server the test runs itself.
struct TestHTTP {
    let port: Int

    func json(_ method: String, _ path: String, _ body: String, token: String? = nil) async throws -> [String: Any] {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = method
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        request.httpBody = Data(body.utf8)
        let (data, _) = try await URLSession.shared.cancellableData(for: request)
        return (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
    }

    func token(_ username: String, _ password: String) async throws -> String {
        let answer = try await json(
            "POST", "/api/v1/auth/login", #"{"username":"\#(username)","password":"\#(password)"}"#)
        return try #require(answer["token"] as? String)
    }
}
