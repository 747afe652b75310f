import Foundation
import ReliefCore
import ReliefRender

/// `relief whatif CASE SCENARIOS [--format text|json|csv|html] [-o FILE] [--jobs N]
/// [--time-limit S] [--lang fr|en]`: each scenario of a `relief.scenarios/1` file applied
/// to a copy of the case, the base and every valid variant solved (in child processes,
/// `--jobs` at a time), and one comparison table.
public enum WhatIfService {
    public enum Format: String, Sendable, CaseIterable { case text, json, csv, html }

    public struct Request: Sendable, Equatable {
        public var theCase: CaseInput
        /// Nil with `--suggest-hires`, which needs no scenarios file.
        public var scenarios: CaseInput?
        /// `--suggest-hires N`: propose up to N hires (`HireSuggester`) instead of comparing scenarios.
        public var suggestHires: Int?
        public var format: Format = .text
        public var output: String?
        public var jobs: Int = ProcessInfo.processInfo.activeProcessorCount
        public var timeLimit: Double = 60
        public var language: Language = .fr
        /// Hidden, for tests (as in `relief watch`): the program run instead of this relief for each solve.
        public var solver: String?
        /// Child processes here (default) or one Slurm job array.
        public var backend: WhatIfBackend = .local

        public init(theCase: CaseInput, scenarios: CaseInput?) {
            self.theCase = theCase
            self.scenarios = scenarios
        }
    }

    /// Reads, applies, solves and renders; writes the result atomically (0600) when
    /// `output` is set. `progress` gets one line per finished solve (numbers only).
    public static func run(_ r: Request, progress: @escaping @Sendable (String) -> Void = { _ in })
        throws(ServiceError) -> WhatIfOutcome
    {
        if let out = r.output {
            try FileIdentity.refuseOverwriting(r.theCase, with: out, option: "-o")
            if let s = r.scenarios { try FileIdentity.refuseOverwriting(s, with: out, option: "-o") }
        }
        let (base, _) = try CaseLoader.load(r.theCase)
        if let n = r.suggestHires {
            let hires = try HireSuggester(
                executable: r.solver ?? SelfInvocation.own(), jobs: r.jobs, timeLimit: r.timeLimit,
                progress: progress
            ).suggest(base, hires: n)
            let text =
                r.format == .json
                ? HiresJSON.document(hires, clock: base.clock).serialized()
                : HiresText.document(hires, clock: base.clock, language: r.language)
            if let out = r.output { try AtomicFile.write(text, to: out) }
            return WhatIfOutcome(result: nil, hires: hires, text: text, outputPath: r.output, format: r.format)
        }
        guard let scenarios = r.scenarios else { throw .usage("missing SCENARIOS") }
        let data = try InputData.read(scenarios)
        let read: [(name: String, scenario: Result<Scenario, InputError>)]
        do {
            read = try ScenarioReader.read(data: data, file: scenarios.description, clock: base.clock)
        } catch {
            throw .badData(InputError(.scenarios, file: scenarios.description, diagnostics: error.diagnostics))
        }
        var result = try compare(
            base, read, executable: r.solver ?? SelfInvocation.own(), jobs: r.jobs, timeLimit: r.timeLimit,
            backend: r.backend, progress: progress)
        // The base's sitters who can never work (its other warnings are relief validate's).
        result.base.warnings = CaseValidator.idleSitters(base)
        let text = render(result, r.format, language: r.language)
        if let out = r.output { try AtomicFile.write(text, to: out) }
        return WhatIfOutcome(result: result, hires: nil, text: text, outputPath: r.output, format: r.format)
    }

    /// Applies each scenario to the base and solves the base and every valid variant.
    static func compare(
        _ base: Case, _ read: [(name: String, scenario: Result<Scenario, InputError>)],
        executable: String, jobs: Int, timeLimit: Double, backend: WhatIfBackend = .local,
        progress: @escaping @Sendable (String) -> Void
    ) throws(ServiceError) -> WhatIfResult {
        var variants: [Result<ScenarioApplier.Applied, InputError>] = []
        for (i, item) in read.enumerated() {
            variants.append(item.scenario.flatMap { ScenarioApplier.applyReporting($0, index: i, to: base) })
        }
        var cases = [base]
        var slot: [Int?] = []
        for v in variants {
            if case .success(let a) = v {
                slot.append(cases.count)
                cases.append(a.theCase)
            } else {
                slot.append(nil)
            }
        }
        let started = Date()
        let finished: @Sendable (Int, Int) -> Void = { done, total in
            progress(progressLine(done: done, total: total, elapsed: Date().timeIntervalSince(started)))
        }
        let solved: [Result<WhatIfRunner.Solved, WhatIfRunner.Failure>]
        switch backend {
        case .local:
            solved = try WhatIfRunner(executable: executable, timeLimit: timeLimit, jobs: jobs).solve(
                cases, finished: finished)
        case .slurm(let o):
            let slurm = WhatIfSlurm(
                options: o, executable: executable, relief: SelfInvocation.own(), timeLimit: timeLimit,
                progress: progress)
            solved = try slurm.solve(cases, finished: finished)
        }
        func entry(_ name: String, _ c: Case, _ r: Result<WhatIfRunner.Solved, WhatIfRunner.Failure>, path: String)
            -> WhatIfEntry
        {
            switch r {
            case .success(let s):
                return WhatIfEntry(
                    name: name, status: s.schedule.status == .optimal ? .optimal : .feasible,
                    metrics: WhatIfMetrics(case: c, schedule: s.schedule), errors: [],
                    seconds: s.schedule.solver.seconds, gap: s.schedule.solver.gap, stoppedBy: s.stoppedBy)
            case .failure(let f):
                return WhatIfEntry(
                    name: name, status: .error, metrics: nil,
                    errors: [Diagnostic(.error, path, f.message, fix: "run relief plan on this variant to see why")],
                    seconds: nil, gap: nil, stoppedBy: nil)
            }
        }
        let baseEntry = entry("base", base, solved[0], path: "$")
        var entries: [WhatIfEntry] = []
        for (i, item) in read.enumerated() {
            switch variants[i] {
            case .success(let a):
                var e = entry(item.name, a.theCase, solved[slot[i]!], path: "$.scenarios[\(i)]")
                e.warnings = a.warnings
                entries.append(e)
            case .failure(let e):
                let errors = e.diagnostics.filter { $0.severity == .error }
                entries.append(
                    WhatIfEntry(
                        name: item.name, status: .invalid, metrics: nil,
                        errors: errors.isEmpty ? e.diagnostics : errors, seconds: nil, gap: nil, stoppedBy: nil))
            }
        }
        return WhatIfResult(caseName: base.name, base: baseEntry, scenarios: entries)
    }

    /// SIGTERM, SIGINT or SIGHUP: kills the running solves, removes the temporary folder and any
    /// half-written output, and ends relief with that signal (nothing is written).
    public static func stop(signal sig: Int32) -> Never {
        WhatIfRunner.stopAll()
        WhatIfSlurm.stopAll()
        StopSignals.stopNow(sig)
    }

    /// `whatif: 3/6 done, 12.4 s elapsed, about 8 s left` (ids and names never appear).
    static func progressLine(done: Int, total: Int, elapsed: Double) -> String {
        var l = "whatif: \(done)/\(total) done, \(String(format: "%.1f", elapsed)) s elapsed"
        if done < total && done > 0 {
            let left = elapsed / Double(done) * Double(total - done)
            l += ", about \(Int(left.rounded(.up))) s left"
        }
        return l
    }

    public static func render(_ r: WhatIfResult, _ f: Format, language: Language = .fr) -> String {
        switch f {
        case .text: return WhatIfText.table(r, language: language)
        case .json: return WhatIfJSON.document(r).serialized()
        case .csv: return WhatIfCSV.document(r)
        case .html: return WhatIfHTML(r, language: language).html
        }
    }
}

public struct WhatIfOutcome: Sendable {
    /// Nil with `--suggest-hires`.
    public var result: WhatIfResult?
    /// Set with `--suggest-hires` only.
    public var hires: HireSuggestions?
    public var text: String
    public var outputPath: String?
    public var format: WhatIfService.Format

    /// What `relief whatif` prints on stdout: the table, or where it went.
    public var stdout: String {
        guard let out = outputPath else { return text }
        if let h = hires {
            return "\(TerminalText.safe(out)): \(h.hires.count) hire\(h.hires.count == 1 ? "" : "s") suggested\n"
        }
        guard let result else { return text }
        let n = result.scenarios.count
        let bad = result.scenarios.filter { $0.status == .invalid || $0.status == .error }.count
        return "\(TerminalText.safe(out)): \(n) scenario\(n == 1 ? "" : "s") compared with the base"
            + (bad > 0 ? ", \(bad) not solved (invalid or failed)" : "") + "\n"
    }
}
