import Foundation
import ReliefApp

extension Command {
    static let bench = Command(
        name: "bench",
        synopsis: """
            relief bench [CASE ...] [--sizes S,M,L,XL | --sizes 35x250,60x300] [--seeds 1,2,3 | --seed N] [--scarce]
                         [--time-limit SECONDS] [-o FILE.md]
                model size, seconds per level, proven gap and peak memory of each case, as a Markdown table on
                stdout. Each case is solved by a child process of its own, so that its peak memory is its own.
            """,
        options: [
            .valued(
                "--sizes", value: "LIST",
                help: [
                    "generated cases: S (35x250), M (120x800), L (400x3000), XL (1000x10000) or",
                    "SITTERSxVISITS (default 35x250,60x300,140x1000 when no CASE is given;",
                    "with CASE files, only when --sizes is given)",
                ]),
            .valued(
                "--seeds", value: "LIST",
                help: ["the generator's seeds, each size with each (default 1); --seed N for one"]),
            .valued("--seed", value: "N", help: []),  // in the synopsis and under --seeds
            .flag(
                "--scarce",
                help: ["each generated case also in its scarce variant (generate --scarcity), a second row"]),
            .valued(
                "--time-limit", value: "SECONDS",
                help: [
                    "per solve (default 60); a child still running at twice that plus 30 s",
                    "is killed and its row says so",
                ]),
            .valued(
                "-o", "--output", value: "FILE",
                help: [
                    "also write the table, with the command and the machine (cores, CPU,",
                    "memory, load), as a Markdown document, atomically after every row",
                ]),
            .valued("--solve-one", value: "CASE", help: [], hidden: true),  // the child process of each row
        ],
        column: 23,
        notes: """
                SIGTERM, SIGINT or SIGHUP stops the running solve and the bench; the rows measured stay (exit 75).
            """,
        run: { args, given in
            if args.values["--solve-one"] != nil {  // one case, in the child process bench starts for it
                let input = try BenchService.solveOneCase(args)
                Console.write(try BenchService.solveOne(input, timeLimit: try args.seconds("--time-limit")))
                return .ok
            }
            let r = try BenchService.request(args, arguments: given)
            let signals = StopSignals(notice: { sig in
                Console.log("\(StopSignals.name(sig)): stopping the bench; the rows measured so far are kept")
            })
            defer { signals.uninstall() }
            Console.out(BenchService.header)
            _ = try BenchService.bench(r, cancellation: signals.token, progress: { Console.log($0) }) {
                // Written at once (Console does not buffer): a row may come minutes after the one before.
                Console.out($0.markdown)
            }
            return signals.received == nil ? .ok : .tempFail
        })
}

extension BenchService {
    /// The case of `relief bench --solve-one CASE [--time-limit S]` (a child's line: nothing else).
    static func solveOneCase(_ a: ParsedArguments) throws(UsageError) -> CaseInput {
        _ = try a.positionals([])
        guard a.flags.isEmpty, Set(a.values.keys).isSubset(of: ["--solve-one", "--time-limit"]) else {
            throw UsageError("--solve-one takes only --time-limit")
        }
        guard let path = a.values["--solve-one"] else { throw UsageError("--solve-one takes a case file") }
        return CaseInput(argument: path)
    }

    /// The request of arguments parsed with `relief bench`'s declared options; `arguments`, as
    /// given, are quoted in the document.
    static func request(_ a: ParsedArguments, arguments: [String] = []) throws(UsageError) -> Request {
        var r = Request()
        r.arguments = arguments
        r.inputs = a.positionals.map(CaseInput.init(argument:))
        if r.inputs.filter({ $0 == .standardInput }).count > 1 {
            throw UsageError("standard input (-) can be given once")
        }
        if let s = a.values["--sizes"] {
            r.sizes = try sizes(s)
            r.sizesGiven = true
        }
        if a.values["--seed"] != nil && a.values["--seeds"] != nil {
            throw UsageError("--seed and --seeds say the same thing; give one (--seeds 1,2,3)")
        }
        if let n = try a.count("--seed", in: 0...Int.max) { r.seeds = [UInt64(n)] }
        if let s = a.values["--seeds"] { r.seeds = try seeds(s) }
        r.scarce = a.has("--scarce")
        if r.scarce && !r.inputs.isEmpty && !r.sizesGiven {
            throw UsageError("--scarce applies to generated cases, and with CASE files none are generated: add --sizes")
        }
        if let t = try a.seconds("--time-limit") { r.timeLimit = t }
        r.output = a.values["-o"]
        return r
    }

    /// `S,M,60x300`: named sizes or SITTERSxVISITS within the generator's ranges.
    static func sizes(_ text: String) throws(UsageError) -> [Size] {
        var out: [Size] = []
        let names = namedSizes.map { $0.name! }.joined(separator: ", ")
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            if let named = namedSizes.first(where: { $0.name!.caseInsensitiveCompare(part) == .orderedSame }) {
                out.append(named)
                continue
            }
            let p = part.split(separator: "x", omittingEmptySubsequences: false).map { Int($0) }
            guard p.count == 2, let s = p[0], let v = p[1] else {
                throw UsageError(
                    "--sizes takes SITTERSxVISITS,... (e.g. 60x300) or the names \(names), not \(quoted(String(part)))")
            }
            let (sr, vr) = (GenerateService.sitterRange, GenerateService.visitRange)
            guard sr.contains(s), vr.contains(v) else {
                throw UsageError(
                    "--sizes: \(s)x\(v) is out of range: sitters from \(sr.lowerBound) to \(sr.upperBound), visits "
                        + "from \(vr.lowerBound) to \(vr.upperBound)")
            }
            out.append(Size(sitters: s, visits: v))
        }
        return out
    }

    /// `1,2,3`: whole numbers.
    static func seeds(_ text: String) throws(UsageError) -> [UInt64] {
        var out: [UInt64] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let n = UInt64(part), n <= UInt64(Int.max) else {
                throw UsageError(
                    "--seeds takes whole numbers separated by commas (e.g. 1,2,3), not \(quoted(String(part)))")
            }
            out.append(n)
        }
        return out
    }
}
