// swift-tools-version:6.0
import PackageDescription

/// Upcoming language features every target opts into (see docs/style.md: hummingbird).
let upcoming: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "copydesk",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "copydesk", targets: ["copydesk"]),
        .library(name: "CopydeskCore", targets: ["CopydeskCore"]),
        .library(name: "CopydeskStages", targets: ["CopydeskStages"]),
        .library(name: "CopydeskTesting", targets: ["CopydeskTesting"]),
        .library(name: "CopydeskCLI", targets: ["CopydeskCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // System libraries: libxml2 (HTML parsing, strip stage), zlib (gzip inputs) and SQLite (export).
        .systemLibrary(name: "CLibXML2", path: "Sources/CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // SQLite, for the export stage's `format: sqlite`.
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        // The shared core: Document, the Stage protocol, registry, pipeline files, runner, inputs.
        .target(
            name: "CopydeskCore",
            dependencies: [
                "CZlib",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: upcoming
        ),
        // Built-in stages, one module each.
        .target(name: "Normalise", dependencies: ["CopydeskCore"], path: "Plugins/Normalise", swiftSettings: upcoming),
        .target(name: "Strip", dependencies: ["CopydeskCore", "CLibXML2"], path: "Plugins/Strip", exclude: ["Boilerplate"], swiftSettings: upcoming),
        .target(name: "Entities", dependencies: ["CopydeskCore"], path: "Plugins/Entities", exclude: ["Gazetteers"], resources: [.copy("Resources/entities.model")], swiftSettings: upcoming),
        .target(name: "Dedupe", dependencies: ["CopydeskCore"], path: "Plugins/Dedupe", swiftSettings: upcoming),
        .target(name: "Language", dependencies: ["CopydeskCore"], path: "Plugins/Language", resources: [.copy("Resources/language.model")], swiftSettings: upcoming),
        .target(name: "Export", dependencies: ["CopydeskCore", "CSQLite"], path: "Plugins/Export", swiftSettings: upcoming),
        .target(name: "Filter", dependencies: ["CopydeskCore", .product(name: "Logging", package: "swift-log")], path: "Plugins/Filter", swiftSettings: upcoming),
        // Third-party stages in any language: a program speaking JSONL on stdin/stdout.
        .target(name: "CProcess", path: "Sources/CProcess"),
        .target(name: "Exec", dependencies: ["CopydeskCore", "CProcess"], path: "Plugins/Exec", swiftSettings: upcoming),
        // The one place built-in stages are registered; third-party runners call it too.
        .target(name: "CopydeskStages", dependencies: ["CopydeskCore", "Normalise", "Strip", "Entities", "Dedupe", "Export", "Exec", "Filter", "Language"], swiftSettings: upcoming),
        // In-memory sources and sinks for stage tests.
        .target(name: "CopydeskTesting", dependencies: ["CopydeskCore"], swiftSettings: upcoming),
        // Reads a run's report and outputs back: the HTML report page.
        // and lists the duplicate clusters of an output (JSONL or SQLite, canonicals of earlier runs from the dedupe index).
        .target(name: "CopydeskReport", dependencies: ["CopydeskCore", "CSQLite", "Dedupe", "Export"], swiftSettings: upcoming),
        // The command line as a library, parameterised by a stage registry (a runner's main is one line).
        .target(
            name: "CopydeskCLI",
            dependencies: [
                "CopydeskCore", "CopydeskReport", "Dedupe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: upcoming
        ),
        // The executable: the command line with the built-in stages.
        .executableTarget(name: "copydesk", dependencies: ["CopydeskCLI", "CopydeskStages"], swiftSettings: upcoming),
        // Trains the entities model from openly licensed data (deterministic; see Plugins/Entities).
        .executableTarget(
            name: "copydesk-train",
            dependencies: [
                "CopydeskCore", "Entities",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: upcoming
        ),
        // Builds the language model from langdetect's n-gram profiles (deterministic; see Plugins/Language).
        .executableTarget(
            name: "copydesk-train-language",
            dependencies: ["Language", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: upcoming
        ),
        .executableTarget(
            name: "copydesk-bench",
            dependencies: [
                "CopydeskCore", "CopydeskStages", "CopydeskTesting", "Normalise", "Strip", "Entities", "Dedupe", "Filter", "Language", "CLibXML2",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/copydesk-bench",
            swiftSettings: upcoming
        ),
        .testTarget(name: "CopydeskCoreTests", dependencies: ["CopydeskCore", "CopydeskTesting"], swiftSettings: upcoming),
        .testTarget(name: "NormaliseTests", dependencies: ["Normalise", "CopydeskCore", "CopydeskTesting"], swiftSettings: upcoming),
        .testTarget(name: "StripTests", dependencies: ["Strip", "CopydeskCore", "CopydeskTesting"], swiftSettings: upcoming),
        .testTarget(name: "EntitiesTests", dependencies: ["Entities", "CopydeskCore", "CopydeskTesting"], swiftSettings: upcoming),
        .testTarget(name: "DedupeTests", dependencies: ["Dedupe", "CopydeskCore", "CopydeskTesting"], swiftSettings: upcoming),
        .testTarget(name: "LanguageTests", dependencies: ["Language", "CopydeskCore", "CopydeskTesting"], swiftSettings: upcoming),
        .testTarget(name: "ExecTests", dependencies: ["Exec", "CopydeskCore", "CopydeskTesting"], swiftSettings: upcoming),
        .testTarget(name: "FilterTests", dependencies: ["Filter", "CopydeskCore", "CopydeskTesting", .product(name: "Logging", package: "swift-log")], swiftSettings: upcoming),
        .testTarget(name: "CopydeskReportTests", dependencies: ["CopydeskReport", "CopydeskCore", "CopydeskTesting"], swiftSettings: upcoming),
        .testTarget(name: "ExportTests", dependencies: ["Export", "CopydeskCore", "CopydeskTesting", "CSQLite"], swiftSettings: upcoming),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["copydesk", "CopydeskCore", "CopydeskStages", "CopydeskTesting", "CSQLite"],
            resources: [.copy("Expected")],
            swiftSettings: upcoming
        ),
    ],
    swiftLanguageModes: [.v6]
)
