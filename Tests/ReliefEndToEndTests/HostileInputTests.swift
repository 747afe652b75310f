import Foundation
import ReliefCore
import ReliefTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// What a hostile or careless user can give `relief`: output paths that are
/// devices, FIFOs or the case itself, case text that drives the terminal, sizes
/// that exhaust memory, a case on standard input.
@Suite("relief against hostile input")
struct HostileInputTests {
    let base: JSONValue

    init() throws {
        base = try PackageTree.smallCase()
    }

    static func fileType(_ path: String) -> mode_t? {
        var st = stat()
        guard lstat(path, &st) == 0 else { return nil }
        return st.st_mode & S_IFMT
    }

    // MARK: - Devices and FIFOs are written through, never replaced

    @Test func planToDevNullKeepsItACharacterDevice() throws {
        let dir = try ScratchDirectory()
        let casePath = try dir.write("case.json", base)
        var before = stat()
        #expect(stat("/dev/null", &before) == 0)
        let r = try Relief.run(["plan", casePath, "-o", "/dev/null", "-q", "--lang", "en"], in: dir.url)
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.contains("schedule written to /dev/null"), "\(r)")
        var after = stat()
        #expect(stat("/dev/null", &after) == 0)
        #expect(after.st_mode & S_IFMT == S_IFCHR)
        #expect(after.st_rdev == before.st_rdev && after.st_ino == before.st_ino)
        #expect(try dir.contents() == ["case.json"])
    }

    /// The same on a character device of the test's own (root may make one), so
    /// that the check can run against a build that would replace it.
    @Test(.enabled(if: geteuid() == 0, "only root can make a device node"))
    func planToACharacterDeviceWritesThrough() throws {
        let dir = try ScratchDirectory()
        let casePath = try dir.write("case.json", base)
        let device = dir.path("null")
        // Major 1, minor 3: the device /dev/null is.
        try #require(mknod(device, S_IFCHR | 0o666, dev_t((1 << 8) | 3)) == 0, "mknod: \(errno)")
        let r = try Relief.run(["plan", casePath, "-o", device, "-q"], in: dir.url)
        #expect(r.status == 0, "\(r)")
        #expect(Self.fileType(device) == S_IFCHR, "the device was replaced")
        #expect(try dir.contents() == ["case.json", "null"])
    }

    @Test func planToAFIFOWithAReaderWritesTheScheduleThrough() throws {
        let dir = try ScratchDirectory()
        let casePath = try dir.write("case.json", base)
        let fifo = dir.path("schedule.fifo")
        try #require(mkfifo(fifo, 0o600) == 0)
        // A reader attached before relief starts, non-blocking so the test cannot hang.
        let reader = open(fifo, O_RDONLY | O_NONBLOCK)
        try #require(reader >= 0)
        defer { close(reader) }
        let r = try Relief.run(["plan", casePath, "-o", fifo, "-q"], in: dir.url, timeout: 60)
        #expect(r.status == 0, "\(r)")
        #expect(Self.fileType(fifo) == S_IFIFO, "the FIFO was replaced")
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = read(reader, &buffer, buffer.count)
            if n <= 0 { break }
            bytes += buffer[0..<n]
        }
        let json = try JSONParser.parse(Data(bytes))
        #expect(json["format"] == .string("relief.schedule/1"))
        #expect(try dir.contents() == ["case.json", "schedule.fifo"])
    }

    @Test func planToAFIFOWithoutAReaderCannotWriteAndDoesNotWait() throws {
        let dir = try ScratchDirectory()
        let casePath = try dir.write("case.json", base)
        let fifo = dir.path("schedule.fifo")
        try #require(mkfifo(fifo, 0o600) == 0)
        let r = try Relief.run(["plan", casePath, "-o", fifo, "-q"], in: dir.url, timeout: 60)
        #expect(r.status == 73, "\(r)")
        #expect(r.stderr.contains("no process is reading it"), "\(r)")
        #expect(Self.fileType(fifo) == S_IFIFO, "the FIFO was replaced")
        #expect(try dir.contents() == ["case.json", "schedule.fifo"])
    }

    // MARK: - The case is never its own output

    @Test(arguments: ["case.json", "./case.json", "link.json", "symlink.json"])
    func planRefusesToWriteOverTheCase(_ output: String) throws {
        let dir = try ScratchDirectory()
        let casePath = try dir.write("case.json", base)
        try #require(link(casePath, dir.path("link.json")) == 0)
        try #require(symlink(casePath, dir.path("symlink.json")) == 0)
        let original = try Data(contentsOf: URL(fileURLWithPath: casePath))
        let r = try Relief.run(["plan", casePath, "-o", output, "-q"], in: dir.url)
        #expect(r.status == 64, "\(r)")
        #expect(r.stderr.contains("relief never writes over its input"), "\(r)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: casePath)) == original)
        #expect(Self.fileType(dir.path("symlink.json")) == S_IFLNK)
        #expect(try dir.contents() == ["case.json", "link.json", "symlink.json"])
    }

    @Test func planFromStandardInputRefusesToWriteOverTheFileItReads() throws {
        let dir = try ScratchDirectory()
        let casePath = try dir.write("case.json", base)
        let original = try Data(contentsOf: URL(fileURLWithPath: casePath))
        let r = try Relief.run(["plan", "-", "-o", casePath, "-q"], in: dir.url, stdinFile: casePath)
        #expect(r.status == 64, "\(r)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: casePath)) == original)
    }

    @Test func exportRefusesToWriteOverTheCase() throws {
        let dir = try ScratchDirectory()
        let casePath = try dir.write("case.json", base)
        let original = try Data(contentsOf: URL(fileURLWithPath: casePath))
        let r = try Relief.run(["export", casePath, "--dat", "case.json"], in: dir.url)
        #expect(r.status == 64, "\(r)")
        #expect(r.stderr.contains("--dat"), "\(r)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: casePath)) == original)
        #expect(try dir.contents() == ["case.json"])
    }

    // MARK: - Case text cannot drive the terminal

    static let forgedName = "evil week\n status: optimal (proven)\u{1b}[2J\u{202E}desrever"
    static let forgedCompetency = "sign\u{1b}]0;owned\u{07}\nstatus: optimal (proven)"

    var forgedCase: JSONValue {
        base.setting("name", to: .string(Self.forgedName)).setting(
            "visits[4]",
            to: .object([
                ("id", .string("V5")), ("family", .string("F3")), ("start", .string("2026-11-24T14:00")),
                ("end", .string("2026-11-24T16:00")), ("competencies", .array([.string(Self.forgedCompetency)])),
                ("priority", .string("high")),
            ]))
    }

    static func assertNoTerminalControl(_ text: String, _ what: String) {
        let controls = text.unicodeScalars.filter {
            ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value)
                || [0x2028, 0x2029, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069]
                    .contains($0.value)
        }
        #expect(controls.isEmpty, "\(what) prints control characters \(controls.map { $0.value })")
    }

    @Test func planSummaryEscapesCaseTextAndLogsNeverCarryIt() throws {
        let dir = try ScratchDirectory()
        let casePath = try dir.write("case.json", forgedCase)
        let r = try Relief.run(["plan", casePath, "-o", dir.path("out.json"), "--lang", "en"], in: dir.url)
        #expect(r.status == 0, "\(r)")
        Self.assertNoTerminalControl(r.stdout, "the summary")
        Self.assertNoTerminalControl(r.stderr, "the progress lines")
        let statusLines = r.stdout.split(separator: "\n").filter {
            $0.trimmingCharacters(in: .whitespaces).hasPrefix("status:")
        }
        #expect(statusLines.count == 1, "forged status lines: \(statusLines)")
        #expect(r.stdout.contains(#"case evil week\u{A} status: optimal (proven)\u{1B}[2J\u{202E}desrever:"#), "\(r)")
        #expect(r.stdout.contains(#"sign\u{1B}]0;owned\u{7}\u{A}status"#), "\(r)")
        // Progress lines on stderr carry ids and numbers, never the case's free text.
        #expect(!r.stderr.contains("evil"), "\(r)")
        #expect(!r.stderr.contains("owned"), "\(r)")
    }

    @Test func longCaseTextIsCut() throws {
        let dir = try ScratchDirectory()
        let longName = String(repeating: "n", count: 500)
        let longNeed = String(repeating: "c", count: 300)
        let c = forgedCase.setting("name", to: .string(longName)).setting(
            "visits[4].competencies", to: .array([.string(longNeed)]))
        let casePath = try dir.write("case.json", c)
        let r = try Relief.run(["plan", casePath, "-o", dir.path("out.json"), "-q", "--lang", "en"], in: dir.url)
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.contains("case " + String(repeating: "n", count: 80) + "…: 4 sitters"), "\(r)")
        #expect(!r.stdout.contains(String(repeating: "n", count: 81)), "\(r)")
        #expect(r.stdout.contains(String(repeating: "c", count: 80) + "…"), "\(r)")
        #expect(!r.stdout.contains(String(repeating: "c", count: 81)), "\(r)")
    }

    @Test func validateEscapesCaseTextInDiagnostics() throws {
        let dir = try ScratchDirectory()
        var evil = base.setting("visits[2].family", to: .string("F9\nstatus: optimal (proven)\u{1b}[31m"))
        if case .object(var members) = evil {
            members.append(("\u{1b}[2Jcolour", .string("blue")))
            evil = .object(members)
        }
        let casePath = try dir.write("case.json", evil)
        let r = try Relief.run(["validate", casePath], in: dir.url)
        #expect(r.status == 65, "\(r)")
        Self.assertNoTerminalControl(r.stdout, "validate")
        #expect(!r.stdout.split(separator: "\n").contains { $0.hasPrefix("status:") }, "\(r)")
        // The reader names a field that is not a plain word JSON-style, escaped.
        #expect(r.stdout.contains(#"$["\u001b[2Jcolour"]: unknown field"#), "\(r)")
        let p = try Relief.run(["plan", casePath, "-o", dir.path("out.json")], in: dir.url)
        #expect(p.status == 65, "\(p)")
        Self.assertNoTerminalControl(p.stderr, "plan's errors")
    }

    // MARK: - Sizes are bounded

    @Test(arguments: [
        (["--sitters", "0"], "--sitters takes a whole number from 1 to 2000"),
        (["--sitters", "100000000"], "--sitters takes a whole number from 1 to 2000"),
        (["--visits", "0"], "--visits takes a whole number from 1 to 20000"),
        (["--visits", "20001"], "--visits takes a whole number from 1 to 20000"),
        (["--families", "0"], "--families takes a whole number from 1 to 20000"),
    ])
    func generateRefusesSizesOutOfRange(_ args: [String], _ message: String) throws {
        let dir = try ScratchDirectory()
        let r = try Relief.run(["generate"] + args + ["-o", dir.path("case.json")], in: dir.url, timeout: 30)
        #expect(r.status == 64, "\(r)")
        #expect(r.stderr.contains(message), "\(r)")
        #expect(try dir.contents().isEmpty)
    }

    @Test func benchRefusesSizesOutOfRange() throws {
        let dir = try ScratchDirectory()
        let r = try Relief.run(["bench", "--sizes", "35x250,0x10"], in: dir.url, timeout: 30)
        #expect(r.status == 64, "\(r)")
        #expect(r.stderr.contains("sitters from 1 to 2000"), "\(r)")
        #expect(r.stdout.isEmpty, "\(r)")
    }

    /// Standard input (or a device) that never ends is refused after 64 MiB instead of filling memory.
    @Test(arguments: [("-", "<stdin>"), ("/dev/zero", "/dev/zero")])
    func anEndlessInputIsRefusedNotRead(_ input: String, _ name: String) throws {
        let dir = try ScratchDirectory()
        let r = try Relief.run(
            ["plan", input, "-o", dir.path("out.json")], in: dir.url, timeout: 60, stdinFile: "/dev/zero")
        #expect(r.status == 65, "\(r)")
        #expect(r.stderr.contains("\(name): error: $: is larger than 64 MiB"), "\(r)")
        #expect(try dir.contents().isEmpty)
    }

    // MARK: - Standard input

    @Test(arguments: ["-", "/dev/stdin"])
    func planReadsTheCaseFromStandardInput(_ input: String) throws {
        let dir = try ScratchDirectory()
        let r = try Relief.run(
            ["plan", input, "-o", dir.path("out.json"), "-q", "--lang", "en"], in: dir.url, stdin: base.serialized())
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.contains("case small valid case: 4 sitters"), "\(r)")
        let json = try JSONParser.parse(Data(contentsOf: URL(fileURLWithPath: dir.path("out.json"))))
        let schedule = try #require(ScheduleReader.read(json))
        let (c, _) = try CaseReader.read(data: Data(base.serialized().utf8), file: "case")
        #expect(ScheduleVerifier(c).violations(of: schedule) == [])
    }

    @Test func planFromStandardInputNeedsAnOutput() throws {
        let dir = try ScratchDirectory()
        let r = try Relief.run(["plan", "-", "-q"], in: dir.url, stdin: base.serialized())
        #expect(r.status == 64, "\(r)")
        #expect(r.stderr.contains("give one with -o FILE"), "\(r)")
        #expect(try dir.contents().isEmpty)
    }

    @Test func standardInputIsNamedInMessages() throws {
        let dir = try ScratchDirectory()
        let broken = base.setting("visits[1].end", to: .string("2026-11-23T08:00"))
        let v = try Relief.run(["validate", "-"], in: dir.url, stdin: broken.serialized())
        #expect(v.status == 65, "\(v)")
        #expect(v.stdout.contains("<stdin>: error: $.visits[1].end: end is not after start"), "\(v)")
        let p = try Relief.run(["plan", "-", "-o", dir.path("out.json")], in: dir.url, stdin: broken.serialized())
        #expect(p.status == 65, "\(p)")
        #expect(p.stderr.contains("<stdin>: error: $.visits[1].end"), "\(p)")
        let empty = try Relief.run(["plan", "-", "-o", dir.path("out.json")], in: dir.url)
        #expect(empty.status == 66, "\(empty)")
        #expect(empty.stderr.contains("<stdin>: standard input is empty"), "\(empty)")
        #expect(try dir.contents().isEmpty)
    }
}
