import Foundation
import ReliefCore

#if canImport(Glibc)
    import Glibc
#endif

/// The package's own tree, found from this file (never from outside the package).
public enum PackageTree {
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    public static func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    /// The small valid case shared with the ReliefCore tests.
    public static func smallCase() throws -> JSONValue {
        try JSONParser.parse(Data(contentsOf: url("Tests/ReliefCoreTests/Fixtures/small-case.json")))
    }
}

/// A fresh directory that disappears with the test.
public final class ScratchDirectory {
    public let url: URL
    public init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("relief-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit {
        // Give back write permission first, in case a test took it away.
        chmod(url.path, 0o700)
        try? FileManager.default.removeItem(at: url)
    }

    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    @discardableResult
    public func write(_ name: String, _ v: JSONValue) throws -> String {
        try write(name, v.serialized())
    }

    @discardableResult
    public func write(_ name: String, _ text: String) throws -> String {
        let p = path(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: p))
        return p
    }

    /// Names in the directory, hidden files included.
    public func contents() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url.path).filter {
            !$0.hasPrefix(".stdout-") && !$0.hasPrefix(".stderr-")
        }.sorted()
    }
}

/// Permission bits of a file.
public func fileMode(_ path: String) -> mode_t? {
    var st = stat()
    guard stat(path, &st) == 0 else { return nil }
    return st.st_mode & 0o7777
}
