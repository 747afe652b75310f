import Foundation
import ReliefApp

extension Command {
    static let verify = Command(
        name: "verify",
        synopsis: """
            relief verify CASE SCHEDULE
                check a schedule against every hard rule and its reported levels (exit 65 if broken)
            """,
        options: [],
        run: { args in
            let (c, s) = try VerifyService.request(args)
            let report = try VerifyService.verify(case: c, schedule: s)
            Console.out(report.lines)
            return report.exitCode
        })
}

extension VerifyService {
    static func request(_ a: ParsedArguments) throws(UsageError) -> (CaseInput, CaseInput) {
        let p = try a.positionals(["CASE", "SCHEDULE"])
        let (c, s) = (CaseInput(argument: p[0]), CaseInput(argument: p[1]))
        try refuseBothStandardInput(c, s, "the case and the schedule")
        return (c, s)
    }
}
