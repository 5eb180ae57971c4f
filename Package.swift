// swift-tools-version:6.0
import PackageDescription

// Dependencies stay lean on purpose: CI builds from a clean clone every run.
// Benchmarks live in their own package under Benchmarks/.
let package = Package(
    name: "StudySpotConsole",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "studyspot", targets: ["studyspot"]),
        // For the benchmark package in Benchmarks/.
        .library(name: "TerminalUI", targets: ["TerminalUI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        .systemLibrary(name: "CNcursesw", pkgConfig: "ncursesw",
                       providers: [.apt(["libncursesw5-dev"])]),
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq",
                       providers: [.apt(["libpq-dev"])]),
        .systemLibrary(name: "CHiredis", pkgConfig: "hiredis",
                       providers: [.apt(["libhiredis-dev"])]),
        .systemLibrary(name: "COpenSSL", pkgConfig: "openssl",
                       providers: [.apt(["libssl-dev"])]),

        .target(name: "TOMLParser"),
        .target(name: "StudySpotCore"),
        .target(name: "StudySpotConfig", dependencies: ["StudySpotCore", "TOMLParser"]),
        .target(name: "TerminalUI", dependencies: ["CNcursesw", "TOMLParser"]),
        .target(name: "StudySpotData", dependencies: [
            "StudySpotCore", "StudySpotConfig", "CLibPQ", "CHiredis", "COpenSSL",
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "StudySpotConsole", dependencies: ["StudySpotCore", "StudySpotConfig", "TerminalUI"]),
        .target(name: "StudySpotSimulator", dependencies: ["StudySpotCore", "StudySpotConfig", "StudySpotData"]),
        .executableTarget(name: "studyspot", dependencies: [
            "StudySpotCore", "StudySpotConfig", "StudySpotData", "TerminalUI", "StudySpotConsole", "StudySpotSimulator",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),

        // Shared by the integration test targets: finds the local stack `make test` started.
        .target(name: "StudySpotTestSupport", dependencies: ["StudySpotCore", "StudySpotConfig", "StudySpotData"],
                path: "Tests/TestSupport"),
        .testTarget(name: "TOMLParserTests", dependencies: ["TOMLParser", "StudySpotTestSupport"]),
        .testTarget(name: "StudySpotCoreTests", dependencies: ["StudySpotCore"]),
        .testTarget(name: "StudySpotConfigTests", dependencies: ["StudySpotConfig", "StudySpotTestSupport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI", "StudySpotTestSupport"]),
        .testTarget(name: "StudySpotConsoleTests", dependencies: ["StudySpotConsole", "TerminalUI"]),
        .testTarget(name: "StudySpotDataTests", dependencies: ["StudySpotData", "StudySpotConfig", "StudySpotCore", "StudySpotTestSupport", "StudySpotConsole", "TerminalUI"]),
        // The executable's own wiring (the monitors' effect gate), tested in place.
        .testTarget(name: "StudySpotCLITests", dependencies: ["studyspot", "StudySpotConsole", "StudySpotData", "StudySpotTestSupport"]),
        .testTarget(name: "StudySpotSimulatorTests", dependencies: ["StudySpotSimulator", "StudySpotData", "StudySpotCore", "StudySpotTestSupport", "StudySpotConfig", "TerminalUI"]),
    ],
    swiftLanguageModes: [.v6]
)
