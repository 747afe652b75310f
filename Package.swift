// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "relief",
    products: [
        .executable(name: "relief", targets: ["relief"]),
        .library(name: "ReliefApp", targets: ["ReliefApp"]),
    ],
    targets: [
        // libglpk-dev ships no pkg-config file: the modulemap links "glpk" itself.
        .systemLibrary(name: "CGLPK", path: "Sources/CGLPK"),
        .target(name: "LinearProgramming", dependencies: ["CGLPK"]),
        // prctl(PR_SET_PDEATHSIG) for the daemon's solve children (variadic: not callable from Swift).
        .target(name: "CProcessControl"),
        .target(name: "ReliefCore"),
        .target(name: "ReliefPlanning", dependencies: ["ReliefCore", "LinearProgramming"]),
        // The generator of realistic Quebec City weeks (relief generate, bench, tests).
        .target(name: "ReliefSamples", dependencies: ["ReliefCore"]),
        // The pure renderers (values in, text out, no IO): terminal text, notices, calendars, pages, and
        // the one table of French and English words they all use.
        .target(name: "ReliefRender", dependencies: ["ReliefCore"]),
        .target(
            name: "ReliefApp",
            dependencies: [
                "ReliefCore", "ReliefPlanning", "ReliefRender", "ReliefSamples", "LinearProgramming", "CProcessControl",
            ]
        ),
        .executableTarget(name: "relief", dependencies: ["ReliefApp", "ReliefCore", "ReliefRender"]),
        // Fixtures and builders every test target shares: one way to write a test case.
        .target(
            name: "ReliefTestSupport", dependencies: ["ReliefCore", "ReliefPlanning"], path: "Tests/ReliefTestSupport"),
        .testTarget(
            name: "ReliefCoreTests", dependencies: ["ReliefCore", "ReliefTestSupport"], exclude: ["Fixtures"]),
        .testTarget(
            name: "ReliefPlanningTests",
            dependencies: ["ReliefPlanning", "ReliefApp", "ReliefSamples", "LinearProgramming", "ReliefTestSupport"]),
        // The app layer's units, without running the binary: the executable's parser and every command's
        // help, the hidden test hooks, SelfInvocation's command lines.
        .testTarget(
            name: "ReliefAppTests",
            dependencies: ["ReliefApp", "ReliefCore", "ReliefRender", "ReliefSamples", "relief"]),
        .testTarget(
            name: "ReliefEndToEndTests",
            dependencies: [
                "ReliefApp", "ReliefPlanning", "ReliefRender", "ReliefSamples", "ReliefTestSupport", "relief",
            ],
            exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
