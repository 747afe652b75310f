import Foundation
import ReliefCore

extension PackageTree {
    /// The small case with the fields of `weeks.md`, for events, the daemon and what-if:
    /// programs `tdah` (budgets large enough never to bind: 100000 minutes, 10000 a family)
    /// and `general` (no limit); F1 in both, with a ledger; F2 in `general` only, with a
    /// ledger; F3 in none. V1 and the locked V4 (120 minutes, S1) are billed to `tdah`; a
    /// standing request for F2 on Mondays; S1 with a weekly availability. The fair-share
    /// level is placed after-normal (the default with programs).
    public static func smallWeeksCase() throws -> JSONValue {
        let ledger: (Int, Int, Int) -> JSONValue = { day, requested, served in
            .object([
                ("weekStart", .string("2026-11-" + (day < 10 ? "0" : "") + "\(day)")),
                ("requestedMinutes", .number(Double(requested))),
                ("servedMinutes", .number(Double(served))),
            ])
        }
        let slot: (String) -> JSONValue = { day in
            .object([("weekday", .string(day)), ("start", .string("08:00")), ("end", .string("22:00"))])
        }
        return try smallCase()
            .setting(
                "programs",
                to: .array([
                    .object([
                        ("id", .string("tdah")), ("name", .string("Répit TDAH")), ("budgetMinutes", .number(100_000)),
                        ("familyMinutesPerWeek", .number(10_000)),
                    ]),
                    .object([("id", .string("general")), ("name", .string("Répit-dépannage"))]),
                ])
            )
            .setting("families[0].programs", to: .array([.string("tdah"), .string("general")]))
            .setting("families[0].ledger", to: .array([ledger(9, 540, 180), ledger(16, 360, 360)]))
            .setting("families[1].programs", to: .array([.string("general")]))
            .setting("families[1].ledger", to: .array([ledger(16, 300, 0)]))
            .setting("visits[0].program", to: .string("tdah"))
            .setting("visits[3].program", to: .string("tdah"))
            .setting("sitters[0].weeklyAvailability", to: .array([slot("monday"), slot("tuesday")]))
            .setting(
                "standing",
                to: .array([
                    .object([
                        ("id", .string("R-F2-lundi")), ("family", .string("F2")), ("weekday", .string("monday")),
                        ("start", .string("18:00")), ("end", .string("21:00")), ("from", .string("2026-09-07")),
                        ("program", .string("general")),
                    ])
                ]))
    }
}
