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
        .target(
            name: "ReliefApp",
            dependencies: ["ReliefCore", "ReliefPlanning", "ReliefSamples", "LinearProgramming", "CProcessControl"]
        ),
        .executableTarget(name: "relief", dependencies: ["ReliefApp", "ReliefCore"]),
        .testTarget(name: "ReliefCoreTests", dependencies: ["ReliefCore"], exclude: ["Fixtures"]),
        .testTarget(
            name: "ReliefPlanningTests",
            dependencies: ["ReliefPlanning", "ReliefApp", "ReliefSamples", "LinearProgramming"]),
        .testTarget(
            name: "ReliefEndToEndTests", dependencies: ["ReliefApp", "ReliefPlanning", "ReliefSamples", "relief"],
            exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
