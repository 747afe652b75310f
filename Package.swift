// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "relief",
    products: [
        .executable(name: "relief", targets: ["relief"]),
        .library(name: "ReliefService", targets: ["ReliefService"]),
    ],
    targets: [
        // libglpk-dev ships no pkg-config file: the modulemap links "glpk" itself.
        .systemLibrary(name: "CGLPK", path: "Sources/CGLPK"),
        .target(name: "LinearProgramming", dependencies: ["CGLPK"]),
        // prctl(PR_SET_PDEATHSIG) for the daemon's solve children (variadic: not callable from Swift).
        .target(name: "CProcessControl"),
        .target(name: "ReliefCore"),
        .target(name: "ReliefFormulation", dependencies: ["ReliefCore", "LinearProgramming"]),
        .target(
            name: "ReliefService",
            dependencies: ["ReliefCore", "ReliefFormulation", "LinearProgramming", "CProcessControl"]
        ),
        .executableTarget(name: "relief", dependencies: ["ReliefService"]),
        .testTarget(name: "ReliefCoreTests", dependencies: ["ReliefCore"], exclude: ["Fixtures"]),
        .testTarget(
            name: "ReliefFormulationTests", dependencies: ["ReliefFormulation", "ReliefService", "LinearProgramming"]),
        // The app layer's own units (argument parsing, requests), without running the binary.
        .testTarget(name: "ReliefServiceTests", dependencies: ["ReliefService", "ReliefFormulation"]),
        .testTarget(
            name: "ReliefEndToEndTests", dependencies: ["ReliefService", "ReliefFormulation", "relief"],
            exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
