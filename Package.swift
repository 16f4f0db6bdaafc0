// swift-tools-version:6.2
import Foundation
import PackageDescription

/// Settings every Gantry target shares: Swift 6 language mode (strict concurrency) comes with the tools
/// version; under CI (`CI=true`) every warning in Gantry's own code is an error.
let swiftSettings: [SwiftSetting] =
    [.enableUpcomingFeature("ExistentialAny")]
    + (ProcessInfo.processInfo.environment["CI"] == "true" ? [.treatAllWarnings(as: .error)] : [])

let package = Package(
    name: "Gantry",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "gantry", targets: ["gantry"]),
        .library(name: "GantryCore", targets: ["GantryCore"]),
        .library(name: "GantryStorage", targets: ["GantryStorage"]),
        .library(name: "GantryMQTT", targets: ["GantryMQTT"]),
        .library(name: "GantryIngest", targets: ["GantryIngest"]),
        .library(name: "GantryAlarms", targets: ["GantryAlarms"]),
        .library(name: "GantryControl", targets: ["GantryControl"]),
        .library(name: "GantryScheduling", targets: ["GantryScheduling"]),
        .library(name: "GantrySparkplug", targets: ["GantrySparkplug"]),
        .library(name: "GantryConnectors", targets: ["GantryConnectors"]),
        .library(name: "GantryServer", targets: ["GantryServer"]),
        .library(name: "GantrySimulator", targets: ["GantrySimulator"]),
        .library(name: "GantryDemo", targets: ["GantryDemo"]),
        .library(name: "GantryTesting", targets: ["GantryTesting"]),
        .library(name: "GantryBench", targets: ["GantryBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.1"),
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.2.0"),
        .package(url: "https://github.com/vapor/sql-kit", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit", from: "2.17.0"),
        .package(url: "https://github.com/apple/swift-configuration", from: "1.4.0", traits: ["JSON", "YAML"]),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        // Already built for jwt-kit; the control audit journal's hash chain uses its SHA-256.
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
    ],
    targets: [
        .target(
            name: "GantryCore",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "GantryStorage",
            dependencies: [
                "GantryCore",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "GantryMQTT",
            dependencies: [
                "GantryCore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "GantryIngest",
            dependencies: [
                "GantryCore",
                "GantryStorage",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "GantryAlarms",
            dependencies: ["GantryCore"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "GantryControl",
            dependencies: ["GantryCore", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "GantryScheduling",
            dependencies: ["GantryCore"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "GantrySparkplug",
            dependencies: [
                "GantryCore",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            exclude: ["Proto/sparkplug_b.proto"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "GantryConnectors",
            dependencies: [
                "GantryCore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "GantryServer",
            dependencies: [
                "GantryCore",
                "GantryStorage",
                "GantryMQTT",
                "GantryIngest",
                "GantrySparkplug",
                "GantryAlarms",
                "GantryControl",
                "GantryConnectors",
                "GantryScheduling",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("Resources/openapi.json"), .copy("Resources/console")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "GantrySimulator",
            dependencies: [
                "GantryControl",
                "GantryCore",
                "GantryMQTT",
                "GantrySparkplug",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "GantryDemo",
            dependencies: [
                "GantryCore",
                "GantryAlarms",
                "GantryMQTT",
                "GantryServer",
                "GantrySimulator",
                "GantryStorage",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "GantryBench",
            dependencies: [
                "GantryCore", "GantryStorage", "GantryMQTT", "GantryAlarms", "GantryControl", "GantryServer", "GantrySimulator",
                "GantryConnectors", "GantryScheduling",
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "GantryTesting",
            dependencies: [
                "GantryCore",
                "GantryMQTT",
                "GantryStorage",
                "GantryServer",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "gantry",
            dependencies: [
                "GantryBench",
                "GantryConnectors",
                "GantryCore",
                "GantryDemo",
                "GantryMQTT",
                "GantryScheduling",
                "GantryStorage",
                "GantryServer",
                "GantrySimulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GantryCoreTests",
            dependencies: ["GantryCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GantryStorageTests",
            dependencies: [
                "GantryCore", "GantryStorage", "GantryTesting",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GantryMQTTTests",
            dependencies: [
                "GantryCore", "GantryMQTT", "GantryTesting", "GantryBench",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GantryAlarmsTests",
            dependencies: ["GantryCore", "GantryAlarms"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GantryControlTests",
            dependencies: ["GantryCore", "GantryControl"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GantrySchedulingTests",
            dependencies: ["GantryScheduling", "GantryCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GantryConnectorsTests",
            dependencies: [
                "GantryCore", "GantryConnectors", "GantryTesting",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GantrySparkplugTests",
            dependencies: [
                "GantryCore", "GantrySparkplug",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GantrySimulatorTests",
            dependencies: [
                "GantryControl", "GantryCore", "GantryIngest", "GantryMQTT", "GantryServer", "GantrySimulator",
                "GantrySparkplug", "GantryTesting",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GantryDemoTests",
            dependencies: [
                "GantryAlarms", "GantryCore", "GantryDemo", "GantryMQTT", "GantryServer", "GantrySimulator", "GantryStorage",
                "GantryTesting",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GantryServerTests",
            dependencies: [
                "GantryBench", "GantryCore", "GantryStorage", "GantryIngest", "GantryMQTT", "GantryServer",
                "GantryScheduling", "GantryTesting",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "HummingbirdWSTesting", package: "hummingbird-websocket"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
