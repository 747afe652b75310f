import Foundation
import ReliefCore
import ReliefPlanning
import ReliefRender

/// `relief plan` as a library entry point: read, solve, verify, write.
public struct PlanService: Sendable {
    public init() {}

    public struct Outcome: Sendable {
        public var theCase: Case
        public var result: PlanResult
        public var warnings: [Diagnostic]
        public var outputPath: String?
    }

    /// Solves a case built in memory: checked first, once, as a file is.
    public func solve(_ c: Case, options: PlanOptions, file: String = "case") throws(ServiceError) -> PlanResult {
        let (checked, diagnostics) = CaseValidator.checked(c)
        guard let checked else {
            throw ServiceError(.invalidCase(diagnostics.filter { $0.severity == .error }), file: file)
        }
        return try solve(checked, options: options, file: file)
    }

    /// Solves a case already read and checked. The schedule returned has passed the verifier
    /// (once: the one verification of a `relief plan`).
    public func solve(_ checked: CheckedCase, options: PlanOptions, file: String = "case") throws(ServiceError)
        -> PlanResult
    {
        let c = checked.theCase
        let result: PlanResult
        do { result = try Planner().plan(checked, options: options) } catch let e as PlanError {
            throw ServiceError(e, file: file)
        } catch {
            throw .internalError("\(error)")
        }
        let problems = ScheduleVerifier(c).violations(of: result.schedule)
        guard problems.isEmpty else {
            throw .internalError(
                "the solver produced a schedule that breaks hard rules: \(problems.prefix(5).joined(separator: "; "))")
        }
        return result
    }

    public func plan(casePath: String, outputPath: String?, options: PlanOptions) throws(ServiceError) -> Outcome {
        try plan(input: CaseInput(argument: casePath), outputPath: outputPath, options: options)
    }

    /// Reads the case (a file or standard input), solves it and writes the schedule
    /// atomically. Refuses, before reading anything, an output that is the case itself.
    public func plan(input: CaseInput, outputPath: String?, options: PlanOptions) throws(ServiceError) -> Outcome {
        if let outputPath { try FileIdentity.refuseOverwriting(input, with: outputPath, option: "-o") }
        if let dir = options.dumpMPSDirectory {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw .cannotWrite(path: dir, reason: "--dump-mps needs an existing directory; create it first")
            }
        }
        let c = try CaseLoader.checked(input)
        let result = try solve(c, options: options, file: input.description)
        if let outputPath { try AtomicFile.write(result.schedule.json().serialized(), to: outputPath) }
        return Outcome(theCase: c.theCase, result: result, warnings: c.warnings, outputPath: outputPath)
    }

    /// `relief plan` as parsed from its command line.
    public func plan(_ request: PlanRequest) throws(ServiceError) -> Outcome {
        var options = request.options
        if let from = request.incrementalFrom {
            let previous = try ScheduleLoader.load(CaseInput(argument: from))
            options.incremental = Incremental(previous: previous, around: request.around)
            options.leastChange = true
        }
        return try plan(input: request.input, outputPath: request.outputPath, options: options)
    }

    /// Where `plan` writes when no `-o` is given: beside the case, `X.schedule.json`.
    public static func defaultOutput(for casePath: String) -> String {
        let base = casePath.hasSuffix(".json") ? String(casePath.dropLast(5)) : casePath
        return base + ".schedule.json"
    }

    /// The case's free-text names that reasons may quote: competencies and credentials.
    static func freeTextNames(_ c: Case) -> Set<String> {
        var names = Set<String>()
        for s in c.sitters {
            names.formUnion(s.competencies)
            names.formUnion(s.credentials.keys)
            names.formUnion(s.onCall.map(\.competencies) ?? [])
        }
        for v in c.visits {
            names.formUnion(v.competencies)
            names.formUnion(v.credentials)
        }
        for o in c.onCallShifts { names.formUnion(o.competencies) }
        return names
    }
}

/// `relief plan CASE [-o OUT] [--time-limit S] [--least-change] [--incremental SCHEDULE [--around IDS]]
/// [--quiet | --verbose] [--dump-mps DIR]`, parsed.
public struct PlanRequest: Sendable {
    public var input: CaseInput
    public var outputPath: String
    public var options = PlanOptions()
    public var quiet = false
    /// The summary's language (`--lang`, default French).
    public var language: Language = .fr
    /// `--incremental SCHEDULE`: the published schedule an incremental re-plan repairs
    /// (`PlanOptions.incremental`), with the ids of `--around`.
    public var incrementalFrom: String?
    public var around: [String] = []

    public init(input: CaseInput, outputPath: String) {
        self.input = input
        self.outputPath = outputPath
    }
}
