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
