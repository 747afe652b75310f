import Foundation
import ReliefApp
import ReliefTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `AtomicFile.writeIfChanged`: the same bytes leave the file as it was (same inode, only the
/// mode set), other bytes replace it atomically.
@Suite("AtomicFile")
struct AtomicFileTests {
    static func inode(_ path: String) -> ino_t? {
        var st = stat()
        return lstat(path, &st) == 0 ? st.st_ino : nil
    }

    @Test func sameBytesAreNotWrittenAgainButTheModeIsSet() throws {
        let dir = try ScratchDirectory()
        let path = dir.path("S001.ics")
        #expect(try AtomicFile.writeIfChanged(Data("a week".utf8), to: path, mode: 0o600))
        let first = Self.inode(path)
        chmod(path, 0o644)
        #expect(try !AtomicFile.writeIfChanged(Data("a week".utf8), to: path, mode: 0o600))
        #expect(Self.inode(path) == first && fileMode(path) == 0o600)
        // Same length, other bytes: written (a new file renamed over the old one).
        #expect(try AtomicFile.writeIfChanged(Data("a wEek".utf8), to: path, mode: 0o600))
        #expect(Self.inode(path) != first)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "a wEek")
    }

    @Test func aSymlinkIsReplacedNotFollowed() throws {
        let dir = try ScratchDirectory()
        let target = try dir.write("target.txt", "a week")
        let link = dir.path("S002.ics")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        #expect(try AtomicFile.writeIfChanged(Data("a week".utf8), to: link, mode: 0o600))
        var st = stat()
        #expect(lstat(link, &st) == 0 && st.st_mode & S_IFMT == S_IFREG)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "a week")
    }
}
