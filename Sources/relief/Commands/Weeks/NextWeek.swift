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
            let r = try PublishService.request(args, missing: "missing -o NEXT (where to write the next week's case)")
            Console.out(try NextWeekService.next(r).line)
            return .ok
        })
}
