import Foundation
import ReliefApp

extension Command {
    static let nextWeek = Command(
        name: "next-week",
        synopsis: """
            relief next-week CASE SCHEDULE -o NEXT
                write the following week's case, as a coordinator would prepare it: the horizon 7 days later (local
                times kept across a daylight-saving change), one visit per standing request active that week
                (id REQUEST-YYYY-MM-DD, nobody assigned), the on-call shifts a week later, availability from each
                sitter's weeklyAvailability (else this week's a week later), this week's sitters first in each
                family's previousSitters (at most 5) and this week's requested and served minutes in its ledger
                (weekStart: the local date this case's horizon starts). A schedule of another case, or one
                breaking a rule of this case, is refused (exit 65).
            """,
        options: [.valued("-o", "--output", value: "NEXT", help: ["the next week's case to write (0600, atomically)"])],
        column: 23,
        run: { args in
            Console.out(try NextWeekService.next(try NextWeekService.request(args)).line)
            return .ok
        })
}

extension NextWeekService {
    static func request(_ a: ParsedArguments) throws(UsageError) -> Request {
        let p = try a.positionals(["CASE", "SCHEDULE"])
        let (c, s) = (CaseInput(argument: p[0]), CaseInput(argument: p[1]))
        try refuseBothStandardInput(c, s, "the case and the schedule")
        guard let out = a.values["-o"] else {
            throw UsageError("missing -o NEXT (where to write the next week's case)")
        }
        return Request(caseInput: c, schedule: s, output: out)
    }
}
