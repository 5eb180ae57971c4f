// swift-tools-version: 6.1
import PackageDescription

// Benchmarks live apart from the main package so its clean CI build does not
// pay for the benchmark library. Run: `swift package benchmark` in this folder.
let package = Package(
    name: "StudySpotBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "StudySpotConsole", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .target(name: "BenchScene", dependencies: [.product(name: "TerminalUI", package: "StudySpotConsole")]),
        // Bytes per frame, printed: `swift run -c release TerminalUIFigures`.
        .executableTarget(name: "TerminalUIFigures", dependencies: [
            "BenchScene", .product(name: "TerminalUI", package: "StudySpotConsole"),
        ]),
        .executableTarget(
            name: "TerminalUIBenchmarks",
            dependencies: [
                "BenchScene",
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "TerminalUI", package: "StudySpotConsole"),
            ],
            path: "Benchmarks/TerminalUIBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
