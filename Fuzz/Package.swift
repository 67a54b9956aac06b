// swift-tools-version:6.0
// libFuzzer targets for copydesk's parsers. Not part of the main build (they have no `main`): build and
// run them with `bash Benchmarks/fuzz.sh TARGET SECONDS` (TARGET: warc, jsonl, pipeline, strip).
import PackageDescription

let fuzz: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]

let package = Package(
    name: "copydesk-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "copydesk", path: "..")],
    targets: [
        .executableTarget(name: "FuzzWARC", dependencies: [.product(name: "CopydeskCore", package: "copydesk")], swiftSettings: fuzz),
        .executableTarget(name: "FuzzJSONL", dependencies: [.product(name: "CopydeskCore", package: "copydesk")], swiftSettings: fuzz),
        .executableTarget(
            name: "FuzzPipeline",
            dependencies: [.product(name: "CopydeskCore", package: "copydesk"), .product(name: "CopydeskStages", package: "copydesk")],
            swiftSettings: fuzz),
        .executableTarget(
            name: "FuzzStrip",
            dependencies: [.product(name: "CopydeskCore", package: "copydesk"), .product(name: "CopydeskStages", package: "copydesk")],
            swiftSettings: fuzz),
    ],
    swiftLanguageModes: [.v6]
)
