import Foundation
import ReliefApp
import ReliefCore
import ReliefTestSupport
import Testing

@testable import relief

#if canImport(Glibc)
    import Glibc
#endif

/// relief's commands as declared (`commands` inside `CLITests` is their names).
private let declaredCommands = commands

/// The `relief` executable as a coordinator runs it: exit codes of sysexits(3),
/// the schedule file it writes, what it says on stdout and stderr.
@Suite("relief command line")
struct CLITests {
    let base: JSONValue

    init() throws {
        base = try PackageTree.smallCase()
    }

    /// The small case plus a visit no sitter can take, so that the summary has something unfilled.
    var caseWithUnfillable: JSONValue {
        base.setting(
            "visits[4]",
            to: .json(
                #"{"id": "V5", "family": "F3", "start": "2026-11-24T14:00", "end": "2026-11-24T16:00", "competencies": ["sign-language"], "priority": "high"}"#
            ))
    }

    // MARK: - validate

    @Test func validateAcceptsAValidCase() throws {
        let dir = try ScratchDirectory()
        let path = try dir.write("case.json", base)
        let r = try Relief.run(["validate", path], in: dir.url)
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.contains("valid relief.case/1: 4 sitters, 3 families, 4 visits, 2 on-call shifts"), "\(r)")
        #expect(r.stdout.contains("0 warnings"), "\(r)")
    }

    @Test func validateListsWarningsAndStillSucceeds() throws {
        let dir = try ScratchDirectory()
        let path = try dir.write("case.json", caseWithUnfillable.setting("colour", to: .string("blue")))
        let r = try Relief.run(["validate", path], in: dir.url)
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.contains("warning: $.colour: unknown field"), "\(r)")
        #expect(r.stdout.contains("warning: $.visits[4]: no sitter could ever take visit V5"), "\(r)")
        #expect(r.stdout.contains("2 warnings"), "\(r)")
    }

    @Test func validateRefusesABrokenCaseWithEveryPath() throws {
        let dir = try ScratchDirectory()
        let broken = base.setting("visits[1].end", to: .string("2026-11-23T08:00")).setting(
            "visits[2].family", to: .string("F9"))
        let path = try dir.write("broken.json", broken)
        let r = try Relief.run(["validate", path], in: dir.url)
        #expect(r.status == 65, "\(r)")
        #expect(r.stdout.contains("\(path): error: $.visits[1].end: end is not after start"), "\(r)")
        #expect(r.stdout.contains("\(path): error: $.visits[2].family: unknown family \"F9\""), "\(r)")
        #expect(r.stdout.contains("fix: "), "\(r)")
        #expect(r.stdout.contains("2 errors"), "\(r)")
    }

    @Test func validateRefusesTextThatIsNotJSON() throws {
        let dir = try ScratchDirectory()
        let path = try dir.write("case.json", "{\n  \"format\": \"relief.case/1\",\n  \"name\": 'x'\n}\n")
        let r = try Relief.run(["validate", path], in: dir.url)
        #expect(r.status == 65, "\(r)")
        #expect(r.stdout.contains("not valid JSON: line 3, column 11"), "\(r)")
    }

    @Test func validateMissingFileIsNoInput() throws {
        let dir = try ScratchDirectory()
        let r = try Relief.run(["validate", dir.path("nope.json")], in: dir.url)
        #expect(r.status == 66, "\(r)")
        #expect(r.stderr.contains("nope.json"), "\(r)")
    }

    @Test func validateADirectoryIsNoInput() throws {
        let dir = try ScratchDirectory()
        let r = try Relief.run(["validate", dir.url.path], in: dir.url)
        #expect(r.status == 66 || r.status == 65, "\(r)")
        #expect(r.status != 0)
    }

    // MARK: - usage

    @Test(arguments: [
        [], ["frobnicate"], ["validate"], ["validate", "a.json", "b.json"], ["validate", "--strict", "a.json"],
        ["plan"], ["plan", "a.json", "b.json"], ["plan", "a.json", "--time-limit"],
        ["plan", "a.json", "--time-limit", "soon"],
        ["plan", "a.json", "--time-limit", "-3"], ["plan", "a.json", "--time-limit=0"], ["plan", "a.json", "--bogus"],
        ["plan", "a.json", "-o"], ["verify", "a.json"],
    ])
    func badUsageExits64(_ args: [String]) throws {
        let dir = try ScratchDirectory()
        try dir.write("a.json", base)
        let r = try Relief.run(args, in: dir.url)
        #expect(r.status == 64, "\(r)")
        #expect(r.stderr.hasPrefix("relief"), "\(r)")
        #expect(r.stdout.isEmpty, "\(r)")
        // Nothing was written for a refused command line.
        #expect(try dir.contents() == ["a.json"])
    }

    @Test func helpExitsZero() throws {
        let dir = try ScratchDirectory()
        let r = try Relief.run(["--help"], in: dir.url)
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.contains("relief plan CASE"), "\(r)")
    }

    static let commands = [
        "plan", "validate", "verify", "export", "generate", "bench", "diff", "agenda", "report", "import-csv",
        "export-csv", "publish",
        "watch", "bench-watch", "whatif", "import-smptsp", "bench-smptsp",
    ]

    @Test(arguments: commands)
    func commandHelpPrintsThatCommandsUsageAndExitsZero(_ command: String) throws {
        let dir = try ScratchDirectory()
        for args in [[command, "--help"], [command, "-h"], ["help", command], [command, "x.json", "--help"]] {
            let r = try Relief.run(args, in: dir.url)
            #expect(r.status == 0, "\(args): \(r)")
            #expect(r.stdout.hasPrefix("relief \(command)"), "\(args): \(r)")
            for other in Self.commands where other != command {
                #expect(!r.stdout.contains("relief \(other) "), "\(args) shows \(other): \(r)")
            }
            #expect(r.stderr.isEmpty, "\(args): \(r)")
        }
        #expect(try dir.contents().isEmpty)
    }

    /// Every option the commands accept but keep out of their usage: test hooks and the
    /// internal lines the children of bench and Slurm whatif run.
    static let hiddenOptions = declaredCommands.reduce(into: Set<String>()) { $0.formUnion($1.hidden) }

    /// The test hooks are declared hidden, and no help (relief's own or a command's) mentions one.
    @Test func helpMentionsNoTestHook() throws {
        #expect(Self.hiddenOptions.isSuperset(of: ["--crash-after", "--solver", "--task", "--solve-one", "--now"]))
        let dir = try ScratchDirectory()
        for args in [["--help"]] + Self.commands.map({ [$0, "--help"] }) {
            let r = try Relief.run(args, in: dir.url)
            #expect(r.status == 0, "\(args): \(r)")
            #expect(r.stdout.contains("relief"), "\(args): \(r)")
            for hook in Self.hiddenOptions.sorted() {
                #expect(!r.stdout.contains(hook), "relief \(args.joined(separator: " ")) mentions \(hook)")
            }
        }
    }

    @Test func versionPrintsTheVersion() throws {
        let dir = try ScratchDirectory()
        let r = try Relief.run(["--version"], in: dir.url)
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout == "relief 0.2.0\n", "\(r)")
    }

    /// A wrong option or a missing argument shows the command's own usage, not every command's.
    @Test(arguments: [
        (["plan", "a.json", "--bogus"], "plan", "unknown option \"--bogus\""),
        (["plan"], "plan", "missing CASE"),
        (["plan", "a.json", "--dump-mps"], "plan", "--dump-mps needs a value"),
        (["plan", "a.json", "-o", "--quiet"], "plan", "-o needs a value before --quiet"),
        (["plan", "a.json", "-o", "x.json", "-o", "y.json"], "plan", "-o is given twice"),
        (["plan", "a.json", "--quiet", "--verbose"], "plan", "--quiet and --verbose contradict each other"),
        (["verify", "a.json"], "verify", "missing SCHEDULE"),
        (["export", "a.json"], "export", "missing --dat FILE.dat or --mps DIR"),
        (["export", "a.json", "--dat", "x.dat", "--time-limit", "5"], "export", "--time-limit is the solve's"),
        (["generate", "extra"], "generate", "unexpected argument \"extra\""),
        (["bench", "--sizes", "60by300"], "bench", "--sizes takes SITTERSxVISITS"),
        (["bench", "--sizes", "XXL"], "bench", "--sizes takes SITTERSxVISITS,... (e.g. 60x300) or the names S,"),
        (["bench", "--seeds", "1,x"], "bench", "--seeds takes whole numbers separated by commas"),
        (["bench", "--seed", "1", "--seeds", "2"], "bench", "--seed and --seeds say the same thing"),
        (["bench", "a.json", "--scarce"], "bench", "--scarce applies to generated cases"),
    ])
    func badUsageShowsTheCommandsOwnUsage(_ args: [String], _ command: String, _ message: String) throws {
        let dir = try ScratchDirectory()
        try dir.write("a.json", base)
        let r = try Relief.run(args, in: dir.url)
        #expect(r.status == 64, "\(r)")
        #expect(r.stderr.hasPrefix("relief \(command): \(message)"), "\(r)")
        #expect(r.stderr.contains("\n\nrelief \(command) "), "\(r)")
        for other in Self.commands where other != command {
            #expect(!r.stderr.contains("relief \(other) "), "shows \(other): \(r)")
        }
        #expect(r.stdout.isEmpty, "\(r)")
        #expect(try dir.contents() == ["a.json"])
    }

    @Test(arguments: [["frobnicate"], ["help", "frobnicate"]])
    func unknownCommandShowsEveryCommand(_ args: [String]) throws {
        let dir = try ScratchDirectory()
        let r = try Relief.run(args, in: dir.url)
        #expect(r.status == 64, "\(r)")
        #expect(r.stderr.contains("frobnicate"), "\(r)")
        for command in Self.commands { #expect(r.stderr.contains("relief \(command) "), "\(command): \(r)") }
    }

    @Test func dumpMPSNeedsAnExistingDirectory() throws {
        let dir = try ScratchDirectory()
        let casePath = try dir.write("case.json", base)
        let r = try Relief.run(
            ["plan", casePath, "-o", dir.path("out.json"), "--dump-mps", dir.path("missing"), "-q"], in: dir.url)
        #expect(r.status == 73, "\(r)")
        #expect(r.stderr.contains("--dump-mps needs an existing directory"), "\(r)")
        #expect(try dir.contents() == ["case.json"])
    }

    // MARK: - plan

    @Test func planWritesAVerifiedPrivateSchedule() throws {
        let dir = try ScratchDirectory()
        let casePath = try dir.write("case.json", caseWithUnfillable)
        let outPath = dir.path("out.json")
        let r = try Relief.run(["plan", casePath, "-o", outPath, "--time-limit", "20"], in: dir.url)
        #expect(r.status == 0, "\(r)")

        // The file: private, complete, nothing else left behind.
        #expect(fileMode(outPath) == 0o600)
        #expect(try dir.contents() == ["case.json", "out.json"])
        let json = try JSONParser.parse(Data(contentsOf: URL(fileURLWithPath: outPath)))
        #expect(json["format"] == .string("relief.schedule/1"))
        #expect(json["case"] == .string("small valid case"))
        #expect(json["status"] == .string("optimal"))
        let schedule = try #require(ScheduleReader.read(json))
        let (c, _) = try CaseReader.read(file: casePath)
        #expect(ScheduleVerifier(c).violations(of: schedule) == [])
        #expect(schedule.unfilled.map(\.id) == ["V5"])
        #expect(schedule.unfilled.first?.reasons.first?.code == "no-competency")
        #expect(schedule.levels == Levels(onCallMinutes: 2880, urgentSlots: 1, highSlots: 2, normalSlots: 2))
        #expect(schedule.assignments.contains(Assignment(visit: "V4", sitter: "S1")))

        // The summary.
        // The summary, in French by default: the reasons too, written from their facts.
        #expect(r.stdout.contains("cas small valid case : 4 intervenant·es, 5 visites, 2 gardes"), "\(r)")
        #expect(r.stdout.contains("statut : optimal (prouvé)"), "\(r)")
        #expect(r.stdout.contains("haute   2 postes pourvus sur 3"), "\(r)")
        #expect(r.stdout.contains("visites non pourvues :"), "\(r)")
        #expect(
            r.stdout.contains("V5 haute 2026-11-24T14:00 manque 1 : [no-competency] personne ne peut la prendre"),
            "\(r)")
        #expect(!r.stdout.contains("sitter"), "no English left: \(r)")
        #expect(r.stdout.contains("planning écrit dans \(outPath)"), "\(r)")
        // In English with --lang en, the reasons are the schedule's own `detail`.
        let en = try Relief.run(["plan", casePath, "-o", outPath, "-q", "--lang", "en"], in: dir.url)
        #expect(en.stdout.contains("case small valid case: 4 sitters, 5 visits, 2 on-call shifts"), "\(en)")
        #expect(en.stdout.contains("status: optimal (proven)"), "\(en)")
        #expect(en.stdout.contains("high    2 of 3 positions filled"), "\(en)")
        #expect(en.stdout.contains("unfilled visits:"), "\(en)")
        #expect(
            en.stdout.contains("V5 high 2026-11-24T14:00 missing 1: [no-competency] no sitter can take it"), "\(en)")
        #expect(en.stdout.contains("schedule written to \(outPath)"), "\(en)")
        let bad = try Relief.run(["plan", casePath, "-o", outPath, "-q", "--lang", "de"], in: dir.url)
        #expect(bad.status == 64 && bad.stderr.contains("--lang takes fr or en"), "\(bad)")

        // And the command line's own verifier agrees.
        let v = try Relief.run(["verify", casePath, outPath], in: dir.url)
        #expect(v.status == 0, "\(v)")
        #expect(v.stdout.contains("schedule keeps every hard rule"), "\(v)")
    }

    @Test func planWithoutOutputWritesBesideTheCase() throws {
        let dir = try ScratchDirectory()
        let casePath = try dir.write("week48.json", base)
        let r = try Relief.run(["plan", casePath, "--quiet"], in: dir.url)
        #expect(r.status == 0, "\(r)")
        #expect(try dir.contents() == ["week48.json", "week48.schedule.json"])
        #expect(fileMode(dir.path("week48.schedule.json")) == 0o600)
        #expect(r.stderr.isEmpty, "--quiet: \(r)")
        #expect(r.stdout.contains("statut : optimal"), "\(r)")
        #expect(!r.stdout.contains("visites non pourvues :"), "nothing is unfilled: \(r)")
    }

    @Test func planReplacesAnExistingScheduleAndMakesItPrivate() throws {
        let dir = try ScratchDirectory()
        let casePath = try dir.write("case.json", base)
        let outPath = try dir.write("out.json", "old schedule")
        chmod(outPath, 0o644)
        let r = try Relief.run(["plan", casePath, "--output", outPath, "-q"], in: dir.url)
        #expect(r.status == 0, "\(r)")
        #expect(fileMode(outPath) == 0o600)
        let json = try JSONParser.parse(Data(contentsOf: URL(fileURLWithPath: outPath)))
        #expect(json["format"] == .string("relief.schedule/1"))
    }

    @Test func planMissingCaseIsNoInput() throws {
        let dir = try ScratchDirectory()
        let r = try Relief.run(["plan", dir.path("missing.json"), "-o", dir.path("out.json")], in: dir.url)
        #expect(r.status == 66, "\(r)")
        #expect(r.stderr.contains("missing.json"), "\(r)")
        #expect(try dir.contents().isEmpty)
    }

    @Test func planBrokenCaseIsBadDataAndWritesNothing() throws {
        let dir = try ScratchDirectory()
        let casePath = try dir.write("case.json", base.setting("visits[3].id", to: .string("../V4")))
        let r = try Relief.run(["plan", casePath, "-o", dir.path("out.json")], in: dir.url)
        #expect(r.status == 65, "\(r)")
        #expect(r.stderr.contains("$.visits[3].id"), "\(r)")
        #expect(try dir.contents() == ["case.json"])
    }

    @Test func planIntoAMissingDirectoryCannotCreate() throws {
        let dir = try ScratchDirectory()
        let casePath = try dir.write("case.json", base)
        let outPath = dir.path("no-such-dir/out.json")
        let r = try Relief.run(["plan", casePath, "-o", outPath, "-q"], in: dir.url)
        #expect(r.status == 73, "\(r)")
        #expect(r.stderr.contains(outPath), "\(r)")
        #expect(try dir.contents() == ["case.json"])
    }

    @Test func planBelowAFileCannotCreate() throws {
        let dir = try ScratchDirectory()
        let casePath = try dir.write("case.json", base)
        let r = try Relief.run(["plan", casePath, "-o", dir.path("case.json/out.json"), "-q"], in: dir.url)
        #expect(r.status == 73, "\(r)")
        #expect(try dir.contents() == ["case.json"])
        #expect(try JSONParser.parse(Data(contentsOf: URL(fileURLWithPath: casePath))) == base)
    }

    @Test func planOntoADirectoryCannotCreateAndLeavesNoTemporaryFile() throws {
        let dir = try ScratchDirectory()
        let casePath = try dir.write("case.json", base)
        try FileManager.default.createDirectory(atPath: dir.path("out.json"), withIntermediateDirectories: false)
        let r = try Relief.run(["plan", casePath, "-o", dir.path("out.json"), "-q"], in: dir.url)
        #expect(r.status == 73, "\(r)")
        #expect(try dir.contents() == ["case.json", "out.json"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path("out.json")).isEmpty)
    }

    @Test(.enabled(if: geteuid() != 0, "root may write into a read-only directory"))
    func planIntoAReadOnlyDirectoryCannotCreate() throws {
        let dir = try ScratchDirectory()
        let casePath = try dir.write("case.json", base)
        let locked = dir.path("locked")
        try FileManager.default.createDirectory(atPath: locked, withIntermediateDirectories: false)
        chmod(locked, 0o500)
        defer { chmod(locked, 0o700) }
        let r = try Relief.run(["plan", casePath, "-o", locked + "/out.json", "-q"], in: dir.url)
        #expect(r.status == 73, "\(r)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: locked).isEmpty)
    }

    @Test func planToALongButValidFileName() throws {
        // 245 bytes is a valid file name (NAME_MAX is 255); the temporary file beside it is longer.
        let dir = try ScratchDirectory()
        let casePath = try dir.write("case.json", base)
        let name = String(repeating: "s", count: 240) + ".json"
        let r = try Relief.run(["plan", casePath, "-o", dir.path(name), "-q"], in: dir.url)
        #expect(r.status == 0, "\(r)")
        let contents = try dir.contents()
        #expect(contents == [name, "case.json"].sorted())
        // Whatever the outcome, nothing half-written is left.
        #expect(try dir.contents().allSatisfy { !$0.hasSuffix(".tmp") })
    }

    // MARK: - verify

    @Test func verifyRefusesATamperedSchedule() throws {
        let dir = try ScratchDirectory()
        let casePath = try dir.write("case.json", base)
        let outPath = dir.path("out.json")
        #expect(try Relief.run(["plan", casePath, "-o", outPath, "-q"], in: dir.url).status == 0)
        // Give V3 to S3, a trainee without infant, alone.
        var json = try JSONParser.parse(Data(contentsOf: URL(fileURLWithPath: outPath)))
        guard case .array(let rows)? = json["assignments"] else {
            Issue.record("no assignments")
            return
        }
        let tampered = rows.map { row -> JSONValue in
            row["visit"] == .string("V3") ? .json(#"{"visit": "V3", "sitter": "S3"}"#) : row
        }
        json = json.setting("assignments", to: .array(tampered))
        try dir.write("tampered.json", json)
        let v = try Relief.run(["verify", casePath, dir.path("tampered.json")], in: dir.url)
        #expect(v.status == 65, "\(v)")
        #expect(v.stdout.contains("VIOLATION S3 on V3: not eligible (no-competency)"), "\(v)")
        #expect(v.stdout.contains("V3: trainee(s)"), "\(v)")
    }

    @Test func verifyMissingScheduleIsNoInput() throws {
        let dir = try ScratchDirectory()
        let casePath = try dir.write("case.json", base)
        let v = try Relief.run(["verify", casePath, dir.path("none.json")], in: dir.url)
        #expect(v.status == 66, "\(v)")
    }

    // MARK: - Locked trainees: validate and plan must agree

    @Test func lockedTraineeWithRoomForAMentorIsPlanned() throws {
        // V1 needs two sitters; the trainee S3 is locked on it and S1 is free to join.
        let dir = try ScratchDirectory()
        let v = base.setting("visits[0].assigned", to: .json(#"["S3"]"#)).setting("visits[0].locked", to: .bool(true))
            .setting("visits[0].sitters", to: .number(2))
        let casePath = try dir.write("case.json", v)
        #expect(try Relief.run(["validate", casePath], in: dir.url).status == 0)
        let r = try Relief.run(["plan", casePath, "-o", dir.path("out.json"), "-q"], in: dir.url)
        #expect(r.status == 0, "\(r)")
        let json = try JSONParser.parse(Data(contentsOf: URL(fileURLWithPath: dir.path("out.json"))))
        let s = try #require(ScheduleReader.read(json))
        #expect(s.assignments.contains(Assignment(visit: "V1", sitter: "S1")))
        #expect(s.assignments.contains(Assignment(visit: "V1", sitter: "S3")))
    }

    @Test func lockedTraineeAloneIsRefusedByValidateToo() throws {
        // V1 needs one sitter and the trainee S3 is locked on it: no schedule can keep the lock.
        let dir = try ScratchDirectory()
        let v = base.setting("visits[0].assigned", to: .json(#"["S3"]"#)).setting("visits[0].locked", to: .bool(true))
        let casePath = try dir.write("case.json", v)
        let plan = try Relief.run(["plan", casePath, "-o", dir.path("out.json"), "-q"], in: dir.url)
        #expect(plan.status == 65, "\(plan)")
        #expect(try dir.contents() == ["case.json"])
        let validate = try Relief.run(["validate", casePath], in: dir.url)
        #expect(validate.status == 65, "\(validate)")
        #expect(validate.stdout.contains("$.visits[0].assigned"), "\(validate)")
        #expect(plan.stderr.contains(casePath), "\(plan)")
    }
}
