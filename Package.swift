// swift-tools-version:6.0
import PackageDescription

// Dependencies stay lean on purpose: CI builds from a clean clone every run.
// Benchmarks live in their own package under Benchmarks/.
let package = Package(
    name: "StudySpotConsole",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "studyspot", targets: ["studyspot"]),
        // The benchmarks that run against a stack (scripts/bench-10x.sh); not part of the product.
        .executable(name: "studyspot-bench", targets: ["studyspot-bench"]),
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
        // glibc's <malloc.h> (mallopt, malloc_trim) for the dashboard's malloc tuning.
        .systemLibrary(name: "CMalloc"),

        .target(name: "TOMLParser"),
        .target(name: "StudySpotCore"),
        .target(name: "StudySpotConfig", dependencies: ["StudySpotCore", "TOMLParser"]),
        .target(name: "TerminalUI", dependencies: ["CNcursesw", "TOMLParser"]),
        // The data layer, by job; dependencies point one way: wire <- monitors, wire <- dev stack.
        // Wire clients: libpq, hiredis, TLS, HTTP, one TCP connect. Core only for secret masking.
        .target(name: "StudySpotWire", dependencies: ["StudySpotCore", "CLibPQ", "CHiredis", "COpenSSL"]),
        // Readers that turn wire data into Core values and post them.
        // Provider collectors (one file per provider usage API) go in a module
        // of their own beside this one, on Core and Wire; the relay after them.
        .target(name: "StudySpotMonitors", dependencies: [
            "StudySpotCore", "StudySpotWire",
            .product(name: "Logging", package: "swift-log"),
        ]),
        // Provider usage collectors (`studyspot collect`): one file per provider
        // usage API (PROVIDERS.md), on the one HTTP client of the wire layer.
        .target(name: "StudySpotCollectors", dependencies: ["StudySpotCore", "StudySpotWire"]),
        // `relay`: one process fans the shards' changes out through Redis streams (CONTRACT §10).
        .target(name: "StudySpotRelay", dependencies: ["StudySpotCore", "StudySpotWire", "StudySpotMonitors"]),
        // The local development stack: servers, processes; only
        // `stack`, `seed`, `demo` and the simulator use it.
        // CLibPQ/CHiredis: the stack's readiness probe calls them directly.
        // The schema the console needs, declared once: `schema apply` creates
        // what a shard lacks (adopting the platform's existing tables) and
        // `doctor` reports it. Not dev-stack code: it runs against real deployments.
        .target(name: "StudySpotSchema", dependencies: ["StudySpotCore", "StudySpotWire"]),
        // `studyspot doctor`: one file of checks per target kind (shards, caches, instances, collectors).
        .target(name: "StudySpotDoctor", dependencies: ["StudySpotCore", "StudySpotWire", "StudySpotSchema", "StudySpotCollectors", "StudySpotRelay"]),
        .target(name: "StudySpotDevStack", dependencies: [
            "StudySpotCore", "StudySpotConfig", "CLibPQ", "CHiredis",
        ]),
        .target(name: "StudySpotConsole", dependencies: ["StudySpotCore", "TerminalUI"]),
        .target(name: "StudySpotSimulator", dependencies: ["StudySpotCore", "StudySpotWire", "StudySpotMonitors", "StudySpotDevStack", "StudySpotSchema"]),
        // What `studyspot` and `studyspot-bench` share: the config options, the log file, the process exit.
        .target(name: "StudySpotCommandLine", dependencies: [
            "StudySpotConfig", "StudySpotMonitors",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .executableTarget(name: "studyspot", dependencies: [
            "StudySpotCore", "StudySpotConfig", "StudySpotWire", "StudySpotMonitors", "StudySpotDevStack", "StudySpotSchema", "StudySpotDoctor",
            "StudySpotCollectors", "StudySpotRelay", "TerminalUI", "StudySpotConsole", "StudySpotSimulator", "StudySpotCommandLine", "CMalloc",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "studyspot-bench", dependencies: [
            "StudySpotCore", "StudySpotConfig", "StudySpotWire", "StudySpotMonitors",
            "TerminalUI", "StudySpotConsole", "StudySpotCommandLine",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Shared by the integration test targets: finds the local stack `make test` started.
        .target(name: "StudySpotTestSupport", dependencies: ["StudySpotCore", "StudySpotConfig", "StudySpotWire", "StudySpotDevStack"],
                path: "Tests/TestSupport"),
        .testTarget(name: "TOMLParserTests", dependencies: ["TOMLParser", "StudySpotTestSupport"]),
        .testTarget(name: "StudySpotCoreTests", dependencies: ["StudySpotCore"]),
        .testTarget(name: "StudySpotConfigTests", dependencies: ["StudySpotConfig", "StudySpotTestSupport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI", "StudySpotTestSupport"]),
        .testTarget(name: "StudySpotConsoleTests", dependencies: ["StudySpotConsole", "StudySpotConfig", "StudySpotCore", "TerminalUI"]),
        // Tests mirror the data layer's modules; tests that drive several layers
        // together (the fault suite, the owner view end to end, the real console
        // against hostile rows and row-level security) are integration tests.
        .testTarget(name: "StudySpotWireTests", dependencies: ["StudySpotWire", "StudySpotDevStack", "StudySpotTestSupport"]),
        .testTarget(name: "StudySpotMonitorsTests", dependencies: ["StudySpotMonitors", "StudySpotSchema", "StudySpotWire", "StudySpotDevStack", "StudySpotCore", "StudySpotConfig", "StudySpotTestSupport"]),
        .testTarget(name: "StudySpotDevStackTests", dependencies: ["StudySpotDevStack", "StudySpotSchema", "StudySpotWire", "StudySpotCore", "StudySpotTestSupport"]),
        .testTarget(name: "StudySpotCollectorsTests", dependencies: ["StudySpotCollectors", "StudySpotCore", "StudySpotWire", "StudySpotSchema", "StudySpotConfig", "StudySpotTestSupport"]),
        .testTarget(name: "StudySpotRelayTests", dependencies: ["StudySpotRelay", "StudySpotMonitors", "StudySpotSchema", "StudySpotWire", "StudySpotDevStack", "StudySpotCore", "StudySpotConfig", "StudySpotTestSupport"]),
        .testTarget(name: "StudySpotSchemaTests", dependencies: ["StudySpotSchema", "StudySpotWire", "StudySpotCore", "StudySpotTestSupport"]),
        .testTarget(name: "StudySpotDoctorTests", dependencies: ["StudySpotDoctor", "StudySpotRelay", "StudySpotSchema", "StudySpotDevStack", "StudySpotWire", "StudySpotCore", "StudySpotTestSupport"]),
        .testTarget(name: "StudySpotIntegrationTests", dependencies: [
            "studyspot", "StudySpotWire", "StudySpotMonitors", "StudySpotDevStack", "StudySpotSchema", "StudySpotConfig", "StudySpotCore",
            "StudySpotConsole", "TerminalUI", "StudySpotTestSupport",
        ]),
        // The executable's own wiring (the monitors' effect gate), tested in place.
        .testTarget(name: "StudySpotCLITests", dependencies: ["studyspot", "StudySpotCollectors", "StudySpotConsole", "StudySpotMonitors", "StudySpotWire", "StudySpotDevStack", "StudySpotSchema", "StudySpotConfig", "StudySpotTestSupport"]),
        .testTarget(name: "StudySpotSimulatorTests", dependencies: ["StudySpotSimulator", "StudySpotSchema", "StudySpotWire", "StudySpotMonitors", "StudySpotDevStack", "StudySpotCore", "StudySpotTestSupport", "StudySpotConfig", "TerminalUI"]),
    ],
    swiftLanguageModes: [.v6]
)
