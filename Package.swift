// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "replay-tui",
    platforms: [.macOS(.v15)],  // the Synchronization module (Atomic) needs macOS 15
    products: [
        .executable(name: "replay-tui", targets: ["replay-tui"]),
        .executable(name: "replay-bench", targets: ["replay-bench"]),
        .executable(name: "recorder-demo", targets: ["recorder-demo"]),
        .library(name: "ReplayCore", targets: ["ReplayCore"]),
        .library(name: "ReplayRecorder", targets: ["ReplayRecorder"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
    ],
    targets: [
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .target(
            name: "CNcurses",
            cSettings: [.define("_XOPEN_SOURCE_EXTENDED")],
            linkerSettings: [
                .linkedLibrary("ncursesw", .when(platforms: [.linux])),
                .linkedLibrary("ncurses", .when(platforms: [.macOS])),
            ]
        ),
        .target(name: "CCores"),
        .target(name: "CPages"),
        .target(
            name: "ReplayCore",
            dependencies: [
                "CCores",
                "CPages",
                "CZlib",
                .product(name: "OrderedCollections", package: "swift-collections"),
            ]
        ),
        .target(name: "ReplayTUI", dependencies: ["ReplayCore", "CNcurses"]),
        .target(name: "ReplayRecorder", dependencies: ["ReplayCore"]),
        .executableTarget(
            name: "replay-tui",
            dependencies: [
                "ReplayCore",
                "ReplayTUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "replay-bench", dependencies: ["ReplayCore", "ReplayTUI", "ReplayRecorder"]),
        .executableTarget(
            name: "recorder-demo",
            dependencies: ["ReplayRecorder", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // What the test targets share (the seeded random source); not a product.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "ReplayCoreTests", dependencies: ["ReplayCore", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "ReplayRecorderTests", dependencies: ["ReplayRecorder", "ReplayCore", "TestSupport"]),
        .testTarget(name: "ReplayTUITests", dependencies: ["ReplayTUI", "ReplayCore", "TestSupport"], exclude: ["Screens"]),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["replay-tui", "recorder-demo", "ReplayCore"],
            resources: [.copy("Fixtures")]
        ),
    ]
)
