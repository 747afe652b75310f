import Foundation

/// An instance of the Shift Minimisation Personnel Task Scheduling Problem
/// (`../shared/benchdata/smptsp/README.md`): fixed-time tasks and, per worker,
/// the tasks they may do.
public struct SMPTSPInstance: Sendable, Equatable {
    /// `[start, end)` of task j, in the file's time units (minutes here).
    public var tasks: [(start: Int, end: Int)]
    /// Per worker, in file order: the tasks listed for them (file order, no repeats).
    public var qualifications: [[Int]]

    public init(tasks: [(start: Int, end: Int)], qualifications: [[Int]]) {
        self.tasks = tasks
        self.qualifications = qualifications
    }

    public static func == (a: SMPTSPInstance, b: SMPTSPInstance) -> Bool {
        a.tasks.map(\.start) == b.tasks.map(\.start) && a.tasks.map(\.end) == b.tasks.map(\.end)
            && a.qualifications == b.qualifications
    }
}

/// Reads the plain-text SMPTSP format and turns an instance into a case as
/// `../shared/contract/scenarios.md` says: visit `T<j>` per task, sitter `W<w>`
/// per worker, eligible for exactly the tasks listed for them.
public enum SMPTSPReader {
    /// One day: every instance of the published set fits in it, and its case keeps
    /// the day's limits. Tasks may run past it (shifts that cross midnight): the
    /// horizon then covers whole days up to the last end.
    public static let day = 1440
    /// The latest end a task may have: the horizon must stay within a case's limits.
    public static let maxTime = CaseValidator.maxMinutes / day * day
    /// A task at most a day long: with non-overlapping tasks starting on one local
    /// day, a worker then counts at most two days of minutes there, which the day
    /// limit of a multi-day case allows (`CaseValidator.maxMinutesPerDay`).
    public static let maxTaskMinutes = day

    /// The horizon's minutes for tasks ending at `lastEnd`: one day, or the whole days up to it.
    public static func horizonMinutes(lastEnd: Int) -> Int { max(day, (lastEnd + day - 1) / day * day) }

    /// Every problem of the file at once, each with its line and column.
    public static func parse(_ text: String, file: String) -> Result<SMPTSPInstance, InputError> {
        var p = SMPTSPParse(text, file: file)
        guard p.header("Type") != nil, let n = p.header("Jobs"), let tasks = p.tasks(n),
            let m = p.header("Qualifications")
        else { return .failure(InputError(.theCase, file: file, diagnostics: p.errors)) }
        let quals = p.qualifications(m, tasks: n)
        if p.k < p.lines.count {
            p.error(
                p.lines[p.k].number, 1, "unexpected line after the \(m) workers",
                fix: "remove it, or correct \"Qualifications = \(m)\"")
        }
        guard p.errors.isEmpty else { return .failure(InputError(.theCase, file: file, diagnostics: p.errors)) }
        return .success(SMPTSPInstance(tasks: tasks, qualifications: quals))
    }

    /// The case: one territory, one family, no travel, no on-call, limits that never
    /// bind, everyone available all day. Eligibility is carried by competencies: tasks
    /// with the same set of workers share one competency, named `t<j>` after the first
    /// such task, and each worker holds the competencies of their tasks. That keeps
    /// eligibility exact (a visit needs one competency, held by exactly its workers),
    /// the case no bigger than the file (at most one competency per task and the
    /// file's own (worker, task) pairs), and needs no n x n travel table, which one
    /// territory per task would.
    public static func makeCase(_ p: SMPTSPInstance, name: String) -> Case {
        let clock = CaseClock(identifier: "UTC")!
        // 2026-01-05T00:00Z, a Monday; UTC so that minutes from the start are exact.
        let origin = Instant(seconds: 1_767_571_200)
        let minutes = horizonMinutes(lastEnd: p.tasks.map(\.end).max() ?? 0)
        let horizon = TimeSpan(start: origin, end: origin.adding(minutes: minutes))
        // One day: its own minutes never bind. More: a day's tasks may run into the next.
        let perDay = minutes == day ? day : CaseValidator.maxMinutesPerDay
        var workersOf = Array(repeating: [Int](), count: p.tasks.count)
        for (w, list) in p.qualifications.enumerated() { for j in list { workersOf[j].append(w) } }
        var classOf: [[Int]: String] = [:]
        var competency: [String] = []
        for (j, ws) in workersOf.enumerated() {
            let key = ws.sorted()
            if classOf[key] == nil { classOf[key] = "t\(j)" }
            competency.append(classOf[key]!)
        }
        let sitters = p.qualifications.enumerated().map { w, list in
            Sitter(
                id: "W\(w)", homeTerritory: "smptsp", competencies: Set(list.map { competency[$0] }),
                availability: [horizon])
        }
        let visits = p.tasks.enumerated().map { j, t in
            Visit(
                id: "T\(j)", family: "F",
                span: TimeSpan(start: origin.adding(minutes: t.start), end: origin.adding(minutes: t.end)),
                competencies: [competency[j]])
        }
        return Case(
            name: name, clock: clock, horizon: horizon, territories: [Territory(id: "smptsp", name: "SMPTSP")],
            travel: [], rules: Rules(maxMinutesPerDay: perDay, maxMinutesPerWeek: minutes), sitters: sitters,
            families: [Family(id: "F", territory: "smptsp")], visits: visits, onCallShifts: [])
    }
}

/// One parse of an SMPTSP file: its data lines (comments and blank lines skipped,
/// CRLF tolerated), the next one to read, and every error so far.
struct SMPTSPParse {
    let file: String
    var lines: [(number: Int, text: Substring)] = []
    var k = 0
    var errors: [Diagnostic] = []

    init(_ text: String, file: String) {
        self.file = file
        for (i, raw) in text.replacingOccurrences(of: "\r\n", with: "\n").split(
            separator: "\n", omittingEmptySubsequences: false
        ).enumerated() {
            let t = raw.hasSuffix("\r") ? raw.dropLast() : raw
            let trimmed = t.drop { $0 == " " || $0 == "\t" }
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            lines.append((i + 1, t))
        }
    }

    mutating func error(_ line: Int, _ column: Int, _ message: String, fix: String) {
        errors.append(Diagnostic(.error, .file(path: file, line: line, column: column, header: nil), message, fix: fix))
    }

    /// `KEY = N` on the next data line; nil (and an error) otherwise.
    mutating func header(_ key: String) -> Int? {
        guard k < lines.count else {
            error(
                lines.last.map { $0.number + 1 } ?? 1, 1, "missing \"\(key) = N\"",
                fix: "the file ends early; give \"\(key) = N\" and its lines")
            return nil
        }
        let (n, t) = lines[k]
        let parts = t.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, parts[0] == key, let v = Int(parts[1]), v >= 0 else {
            error(
                n, 1, "expected \"\(key) = N\", found \"\(t.prefix(40))\"",
                fix: "write \"\(key) = \" and a whole number")
            return nil
        }
        k += 1
        return v
    }

    /// Whole numbers of a line with their columns.
    static func numbers(_ t: Substring) -> [(value: Int?, text: Substring, column: Int)] {
        var out: [(Int?, Substring, Int)] = []
        var i = t.startIndex
        while i < t.endIndex {
            if t[i] == " " || t[i] == "\t" {
                i = t.index(after: i)
                continue
            }
            let start = i
            while i < t.endIndex && t[i] != " " && t[i] != "\t" { i = t.index(after: i) }
            let word = t[start..<i]
            out.append((Int(word), word, t.distance(from: t.startIndex, to: start) + 1))
        }
        return out
    }

    /// The `n` task lines; nil when the file has fewer (the rest cannot be read).
    mutating func tasks(_ n: Int) -> [(start: Int, end: Int)]? {
        var tasks: [(start: Int, end: Int)] = []
        for j in 0..<n {
            guard k < lines.count, !lines[k].text.contains("=") else {
                error(
                    k < lines.count ? lines[k].number : (lines.last?.number ?? 0) + 1, 1,
                    "task \(j) missing: \"Jobs = \(n)\" announces \(n) tasks, found \(j)",
                    fix: "give one \"start end\" line per task, or correct the count")
                return nil
            }
            let (line, t) = lines[k]
            k += 1
            let w = SMPTSPParse.numbers(t)
            guard w.count == 2, let s = w[0].value, let e = w[1].value else {
                error(
                    line, w.first?.column ?? 1, "task \(j): expected two whole numbers \"start end\"",
                    fix: "write the task's start and end")
                tasks.append((0, 1))
                continue
            }
            if s < 0 || e > SMPTSPReader.maxTime {
                error(
                    line, w[s < 0 ? 0 : 1].column,
                    "task \(j): times must lie in 0...\(SMPTSPReader.maxTime), found \(s) \(e)",
                    fix: "relief reads times in minutes from the first day's start, at most \(SMPTSPReader.maxTime)")
            } else if e <= s {
                error(
                    line, w[1].column, "task \(j): end \(e) is not after start \(s)", fix: "make end later than start")
            } else if e - s > SMPTSPReader.maxTaskMinutes {
                error(
                    line, w[1].column,
                    "task \(j): lasts \(e - s) minutes, more than a day (\(SMPTSPReader.maxTaskMinutes))",
                    fix: "split it into tasks of at most a day")
            }
            tasks.append((s, e))
        }
        return tasks
    }

    /// The `m` worker lines, each the tasks (of `n`) the worker may do.
    mutating func qualifications(_ m: Int, tasks n: Int) -> [[Int]] {
        var quals: [[Int]] = []
        for w in 0..<m {
            guard k < lines.count else {
                error(
                    (lines.last?.number ?? 0) + 1, 1,
                    "worker \(w) missing: \"Qualifications = \(m)\" announces \(m) workers, found \(w)",
                    fix: "give one \"k: tasks...\" line per worker, or correct the count")
                break
            }
            let (line, t) = lines[k]
            k += 1
            quals.append(worker(w, line: line, t, tasks: n))
        }
        return quals
    }

    /// One worker's line, `k: task task ...`: the tasks listed, each once.
    mutating func worker(_ w: Int, line: Int, _ t: Substring, tasks n: Int) -> [Int] {
        guard let colon = t.firstIndex(of: ":"),
            let count = Int(t[..<colon].trimmingCharacters(in: .whitespaces))
        else {
            error(
                line, 1, "worker \(w): expected \"k: task task ...\"",
                fix: "start the line with the number of tasks and a colon")
            return []
        }
        let offset = t.distance(from: t.startIndex, to: colon) + 1
        let ids = SMPTSPParse.numbers(t[t.index(after: colon)...]).map { ($0.value, $0.text, $0.column + offset) }
        var list: [Int] = []
        var seen = Set<Int>()
        for (v, word, col) in ids {
            guard let v else {
                error(
                    line, col, "worker \(w): \"\(word.prefix(20))\" is not a task number",
                    fix: "list task numbers 0...\(n - 1)")
                continue
            }
            guard (0..<n).contains(v) else {
                error(
                    line, col, "worker \(w): no task \(v) (tasks are 0...\(n - 1))",
                    fix: "list task numbers 0...\(n - 1)")
                continue
            }
            guard seen.insert(v).inserted else {
                error(line, col, "worker \(w): task \(v) listed twice", fix: "list each task once")
                continue
            }
            list.append(v)
        }
        if count != ids.count {
            error(
                line, 1, "worker \(w): says \(count) tasks, lists \(ids.count)",
                fix: "make the count before the colon match the list")
        }
        return list
    }
}
