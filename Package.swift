// swift-tools-version: 6.1
// IronTrace: crime-gun intelligence for the Iron Pipeline. See ARCHITECTURE in docs/architecture.md.
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny")
]

let package = Package(
    name: "IronTrace",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "irontrace", targets: ["irontrace"]),
        .executable(name: "irontrace-fuzz", targets: ["irontrace-fuzz"]),
        .library(name: "IronTraceCore", targets: ["IronTraceCore"]),
        .library(name: "IronTraceFormats", targets: ["IronTraceFormats"]),
        .library(name: "IronTraceStore", targets: ["IronTraceStore"]),
        .library(name: "IronTraceDataset", targets: ["IronTraceDataset"]),
        .library(name: "IronTraceSynth", targets: ["IronTraceSynth"]),
        .library(name: "IronTraceTracing", targets: ["IronTraceTracing"]),
        .library(name: "IronTraceAnalytics", targets: ["IronTraceAnalytics"]),
        .library(name: "IronTraceCharts", targets: ["IronTraceCharts"]),
        .library(name: "IronTraceNetwork", targets: ["IronTraceNetwork"]),
        .library(name: "IronTraceResolution", targets: ["IronTraceResolution"]),
        .library(name: "IronTracePresentation", targets: ["IronTracePresentation"]),
        .library(name: "IronTraceServer", targets: ["IronTraceServer"]),
        .library(name: "IronTracePostgres", targets: ["IronTracePostgres"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: ["FullFoundation"]),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        // Already in the graph through Hummingbird; named so the snapshot service can be a `Service`.
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.8.0"),
    ],
    targets: [
        .target(name: "IronTraceCore", swiftSettings: swiftSettings),
        .systemLibrary(name: "CBZip2", path: "Sources/CBZip2", providers: [.apt(["libbz2-dev"])]),
        .systemLibrary(name: "CInflate", path: "Sources/CInflate", providers: [.apt(["zlib1g-dev"])]),
        .target(
            name: "IronTraceFormats",
            dependencies: ["IronTraceCore", "CBZip2", "CInflate"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "IronTraceStore",
            dependencies: [
                "IronTraceCore", "IronTraceFormats", "IronTraceDataset",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "IronTracePostgres",
            dependencies: [
                "IronTraceCore", "IronTraceFormats", "IronTraceDataset", "IronTraceStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "IronTraceDataset",
            dependencies: ["IronTraceCore", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "IronTraceTracing",
            dependencies: ["IronTraceCore", "IronTraceDataset"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "IronTraceAnalytics",
            dependencies: ["IronTraceCore", "IronTraceDataset"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "IronTraceNetwork",
            dependencies: ["IronTraceCore", "IronTraceDataset"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "IronTraceResolution",
            dependencies: ["IronTraceCore"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "IronTraceCharts",
            dependencies: ["IronTraceCore"],
            resources: [.copy("Resources")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "IronTraceSynth",
            dependencies: ["IronTraceCore", "IronTraceFormats", "IronTraceDataset"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "IronTracePresentation",
            dependencies: [
                "IronTraceCore", "IronTraceDataset", "IronTraceAnalytics", "IronTraceNetwork", "IronTraceCharts",
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "IronTraceServer",
            dependencies: [
                "IronTraceCore", "IronTraceFormats", "IronTraceStore", "IronTraceDataset", "IronTraceTracing",
                "IronTraceAnalytics", "IronTraceCharts", "IronTraceNetwork", "IronTracePresentation", "CInflate",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            resources: [.copy("Resources"), .copy("Templates")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "irontrace-fuzz",
            dependencies: [
                "IronTraceCore", "IronTraceFormats", "IronTraceSynth", "CBZip2",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            path: "Sources/IronTraceFuzz",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "irontrace",
            dependencies: [
                "IronTraceCore", "IronTraceFormats", "IronTraceStore", "IronTraceDataset", "IronTraceSynth",
                "IronTraceTracing", "IronTraceAnalytics", "IronTraceCharts", "IronTraceNetwork", "IronTraceServer",
                "IronTracePresentation", "IronTracePostgres", "IronTraceResolution",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "IronTraceTesting",
            dependencies: [],
            path: "Tests/IronTraceTesting",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "IronTraceFixtures",
            dependencies: ["IronTraceDataset", "IronTraceFormats", "IronTraceStore", "IronTraceSynth", "IronTraceTesting"],
            path: "Tests/IronTraceFixtures",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "IronTraceCoreTests",
            dependencies: ["IronTraceCore", "IronTraceFormats", "IronTraceTesting"]
        ),
        .testTarget(
            name: "IronTraceFormatsTests",
            dependencies: [
                "IronTraceFormats", "IronTraceCore", "IronTraceTesting",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .testTarget(
            name: "IronTraceStoreTests",
            dependencies: [
                "IronTraceStore", "IronTracePostgres", "IronTraceSynth", "IronTraceTesting",
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "IronTraceDatasetTests",
            dependencies: ["IronTraceDataset", "IronTraceStore", "IronTraceSynth"]
        ),
        .testTarget(
            name: "IronTraceTracingTests",
            dependencies: ["IronTraceTracing", "IronTraceStore", "IronTraceSynth", "IronTraceTesting", "IronTraceFixtures"]
        ),
        .testTarget(
            name: "IronTraceAnalyticsTests",
            dependencies: ["IronTraceAnalytics", "IronTraceStore", "IronTraceSynth", "IronTraceTesting", "IronTraceFixtures"]
        ),
        .testTarget(
            name: "IronTraceChartsTests",
            dependencies: [
                "IronTraceCharts", "IronTraceAnalytics", "IronTraceStore", "IronTraceSynth", "IronTraceTesting",
            ]
        ),
        .testTarget(
            name: "IronTraceNetworkTests",
            dependencies: ["IronTraceNetwork", "IronTraceStore", "IronTraceSynth", "IronTraceTesting", "IronTraceFixtures"]
        ),
        .testTarget(
            name: "IronTraceServerTests",
            dependencies: [
                "IronTraceServer", "IronTraceStore", "IronTracePostgres", "IronTraceSynth", "IronTraceTesting",
                "IronTraceFixtures", "IronTraceTracing", "IronTracePresentation",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .testTarget(
            name: "IronTracePresentationTests",
            dependencies: ["IronTracePresentation", "IronTraceAnalytics", "IronTraceNetwork", "IronTraceFixtures"]
        ),
        .testTarget(name: "IronTraceSynthTests", dependencies: ["IronTraceSynth", "IronTraceTesting"]),
        .testTarget(
            name: "IronTraceResolutionTests",
            dependencies: ["IronTraceResolution", "IronTraceCore", "IronTraceSynth", "IronTraceTesting"]
        ),
        .testTarget(
            name: "irontraceTests",
            dependencies: ["irontrace", "irontrace-fuzz", "IronTraceStore", "IronTracePostgres", "IronTraceTesting"]
        ),
    ]
)
