import Foundation
import ReliefApp

extension Command {
    static let publish = Command(
        name: "publish",
        synopsis: """
            relief publish CASE SCHEDULE -o OUT
                write the case with the schedule as published: each visit's and on-call shift's assigned sitters
                (assignés) become the schedule's, locks are kept as they are. OUT (0600, atomically) is what
                export-csv turns back into the spreadsheet and what plan --least-change re-plans from. A schedule
                of another case, or one breaking a rule of this case, is refused (exit 65).
            """,
        options: [.valued("-o", "--output", value: "OUT", help: ["the published case to write"])],
        column: 23,
        run: { args in
            Console.out(try PublishService.publish(try PublishService.request(args)).line)
            return .ok
        })
}

extension PublishService {
    static func request(_ a: ParsedArguments) throws(UsageError) -> Request {
        try request(a, missing: "missing -o OUT (where to write the published case)")
    }

    /// CASE SCHEDULE -o OUT (`relief publish`, `relief next-week`); `missing` when -o is not given.
    static func request(_ a: ParsedArguments, missing: String) throws(UsageError) -> Request {
        let p = try a.positionals(["CASE", "SCHEDULE"])
        let (c, s) = (CaseInput(argument: p[0]), CaseInput(argument: p[1]))
        try refuseBothStandardInput(c, s, "the case and the schedule")
        guard let out = a.values["-o"] else { throw UsageError(missing) }
        return Request(caseInput: c, schedule: s, output: out)
    }
}
