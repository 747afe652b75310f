import Foundation
import ReliefCore
import ReliefFormulation
import ReliefService

#if canImport(Glibc)
    import Glibc
#endif

/// sysexits(3)
enum Exit: Int32 {
    case ok = 0
    case usage = 64
    case dataError = 65
    case noInput = 66
    case software = 70
    case cantCreate = 73
    case tempFail = 75
}

let usage = """
    relief: plans respite visits and on-call shifts for a week (relief.case/1 -> relief.schedule/1)

    usage:
      relief plan CASE [-o SCHEDULE.json] [--time-limit SECONDS] [--quiet]
          solve a case; writes the schedule atomically (default: CASE with .schedule.json)
          and prints a summary. Exit 0 when a schedule is written, whatever is unfilled.
      relief validate CASE
          list the problems (exit 65) and warnings (exit 0) of a case
      relief verify CASE SCHEDULE
          check a schedule against every hard rule and its reported levels (exit 65 if broken)
      relief export CASE --dat FILE.dat
          write the case as data for Models/relief.mod (glpsol -m Models/relief.mod -d FILE.dat)
      relief generate [--sitters N] [--visits N] [--seed N] [--week-start YYYY-MM-DD] [-o CASE.json]
          write a random but realistic Quebec City case (for benchmarks and tests)
      relief bench [CASE ...] [--sizes 35x250,60x300,140x1000] [--seed N] [--time-limit SECONDS]
          solve times, model sizes and peak memory, as a Markdown table

    exit codes: 0 ok, 64 usage, 65 bad data, 66 no input, 70 internal, 73 cannot write, 75 try again
    """

func fail(_ message: String, _ code: Exit) -> Never {
    FileHandle.standardError.write(Data((message.hasSuffix("\n") ? message : message + "\n").utf8))
    exit(code.rawValue)
}

func fail(_ e: ServiceError) -> Never {
    fail("relief: " + e.description, Exit(rawValue: e.exitCode) ?? .software)
}

/// Minimal argument reader: positionals plus `--flag value` options.
struct Arguments {
    var positionals: [String] = []
    var options: [String: String] = [:]
    var flags: Set<String> = []

    init(_ args: ArraySlice<String>, valued: Set<String>, flags allowed: Set<String>) {
        var it = args.makeIterator()
        while let a = it.next() {
            if a.hasPrefix("-") && a.count > 1 {
                var name = a
                var inline: String?
                if let eq = a.firstIndex(of: "="), a.hasPrefix("--") {
                    name = String(a[..<eq])
                    inline = String(a[a.index(after: eq)...])
                }
                if valued.contains(name) {
                    guard let v = inline ?? it.next() else { fail("relief: \(name) needs a value\n\n\(usage)", .usage) }
                    options[name] = v
                } else if allowed.contains(name) {
                    flags.insert(name)
                } else {
                    fail("relief: unknown option \(a)\n\n\(usage)", .usage)
                }
            } else {
                positionals.append(a)
            }
        }
    }

    func double(_ name: String) -> Double? {
        guard let s = options[name] else { return nil }
        guard let d = Double(s), d.isFinite, d > 0 else {
            fail("relief: \(name) takes a positive number of seconds, not \(s)", .usage)
        }
        return d
    }

    func int(_ name: String) -> Int? {
        guard let s = options[name] else { return nil }
        guard let d = Int(s), d >= 0 else { fail("relief: \(name) takes a whole number, not \(s)", .usage) }
        return d
    }
}

func printDiagnostics(_ file: String, _ ds: [Diagnostic]) {
    for d in ds { print("\(file): \(d)") }
}

let argv = CommandLine.arguments
guard argv.count >= 2 else { fail(usage, .usage) }
let command = argv[1]
let rest = argv[2...]

switch command {
case "-h", "--help", "help":
    print(usage)

case "validate":
    let a = Arguments(rest, valued: [], flags: [])
    guard a.positionals.count == 1 else { fail("relief validate: give one case file\n\n\(usage)", .usage) }
    let path = a.positionals[0]
    do {
        let (c, warnings) = try CaseLoader.load(path)
        printDiagnostics(path, warnings)
        let ix = PlanningIndex(c)
        let pairs = ix.visitEligible.reduce(0) { $0 + $1.count }
        print(
            "\(path): valid \(Case.format): \(c.sitters.count) sitters, \(c.families.count) families, \(c.visits.count) visits, \(c.onCallShifts.count) on-call shifts, \(pairs) eligible sitter-visit pairs; \(warnings.count) warning\(warnings.count == 1 ? "" : "s")"
        )
    } catch .badData(let e) {
        printDiagnostics(path, e.diagnostics)
        print(
            "\(path): \(e.errors.count) error\(e.errors.count == 1 ? "" : "s"), \(e.diagnostics.count - e.errors.count) warning(s)"
        )
        exit(Exit.dataError.rawValue)
    } catch {
        fail(error)
    }

case "plan":
    let a = Arguments(rest, valued: ["-o", "--output", "--time-limit"], flags: ["--quiet", "-q"])
    guard a.positionals.count == 1 else { fail("relief plan: give one case file\n\n\(usage)", .usage) }
    let path = a.positionals[0]
    var options = PlanOptions()
    if let t = a.double("--time-limit") {
        options.timeLimit = t
        options.qualityTimeLimit = min(options.qualityTimeLimit, t * 0.2)
    }
    let quiet = a.flags.contains("--quiet") || a.flags.contains("-q")
    if !quiet {
        options.progress = { line in FileHandle.standardError.write(Data("relief: \(line)\n".utf8)) }
    }
    let out = a.options["-o"] ?? a.options["--output"] ?? PlanService.defaultOutput(for: path)
    do {
        let o = try PlanService().plan(casePath: path, outputPath: out, options: options)
        if !quiet && !o.warnings.isEmpty {
            let n = o.warnings.count
            FileHandle.standardError.write(
                Data("relief: \(path): \(n) warning\(n == 1 ? "" : "s") (relief validate \(path) lists them)\n".utf8))
        }
        print(PlanService.summary(o))
    } catch {
        fail(error)
    }

case "verify":
    let a = Arguments(rest, valued: [], flags: [])
    guard a.positionals.count == 2 else { fail("relief verify: give a case and a schedule\n\n\(usage)", .usage) }
    do {
        let (c, _) = try CaseLoader.load(a.positionals[0])
        guard let data = FileManager.default.contents(atPath: a.positionals[1]) else {
            fail("relief: \(a.positionals[1]): no such readable file", .noInput)
        }
        let json: JSONValue
        do { json = try JSONParser.parse(data) } catch {
            fail("relief: \(a.positionals[1]): not valid JSON: \(error)", .dataError)
        }
        guard let s = ScheduleReader.read(json) else {
            fail("relief: \(a.positionals[1]): not a \(Schedule.format) document", .dataError)
        }
        let problems = ScheduleVerifier(c).violations(of: s)
        for p in problems { print("VIOLATION \(p)") }
        print(
            problems.isEmpty ? "schedule keeps every hard rule; levels \(s.levels)" : "\(problems.count) violation(s)")
        if !problems.isEmpty { exit(Exit.dataError.rawValue) }
    } catch {
        fail(error)
    }

default:
    if let handled = ExtraCommands.run(command, rest) {
        exit(handled)
    }
    fail("relief: unknown command \(command)\n\n\(usage)", .usage)
}
