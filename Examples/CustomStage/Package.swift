// swift-tools-version:6.0
import PackageDescription

// A runner with one stage of its own on top of copydesk's built-in ones: the `byline` stage (Sources/Byline),
// the full `copydesk` command line around it (Sources/copydesk-byline/main.swift is one line) and its test.
let package = Package(
    name: "CustomStage",
    platforms: [.macOS(.v15)],
    dependencies: [
        // copydesk itself, from this repository (in your own package: a URL and a version instead).
        .package(name: "copydesk", path: "../.."),
    ],
    targets: [
        // The stage: depends only on the core (Document, DocumentStage, DeclaredOptions).
        .target(name: "Byline", dependencies: [.product(name: "CopydeskCore", package: "copydesk")]),
        // The runner: copydesk's commands with the built-in stages and `byline`.
        .executableTarget(
            name: "copydesk-byline",
            dependencies: [
                "Byline",
                .product(name: "CopydeskCLI", package: "copydesk"),
                .product(name: "CopydeskStages", package: "copydesk"),
            ]
        ),
        .testTarget(
            name: "BylineTests",
            dependencies: [
                "Byline",
                .product(name: "CopydeskCore", package: "copydesk"),
                .product(name: "CopydeskTesting", package: "copydesk"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
