/// Across weeks (`weeks.md` of the contract): funded programs and their
/// budgets, each family's service ledger, the fair-share level's place, and
/// standing requests that `relief next-week` expands. All optional: a case
/// without them plans exactly as before.

/// A funded program (`programs[]`): who pays for the visits billed to it, and how much.
public struct Program: Sendable, Hashable {
    public var id: String
    public var name: String
    /// Served minutes (minutes × sitters) of all visits billed to the program, at most this.
    public var budgetMinutes: Int?
    /// Served minutes of one family's visits billed to the program, at most this.
    public var familyMinutesPerWeek: Int?
    public init(id: String, name: String = "", budgetMinutes: Int? = nil, familyMinutesPerWeek: Int? = nil) {
        self.id = id
        self.name = name
        self.budgetMinutes = budgetMinutes
        self.familyMinutesPerWeek = familyMinutesPerWeek
    }
}

/// One earlier week of a family's service (`families[].ledger[]`).
public struct LedgerEntry: Sendable, Hashable {
    public var weekStart: LocalDate
    public var requestedMinutes: Int
    public var servedMinutes: Int
    public init(weekStart: LocalDate, requestedMinutes: Int, servedMinutes: Int) {
        self.weekStart = weekStart
        self.requestedMinutes = requestedMinutes
        self.servedMinutes = servedMinutes
    }
}

/// Where the fair-share level sits among the contract's levels (`rules.fairShare`).
public enum FairSharePlacement: String, Sendable, CaseIterable {
    case off
    case afterNormal = "after-normal"
    case beforeNormal = "before-normal"
}

/// A day of the week, as the contract spells it.
public enum Weekday: Int, Sendable, CaseIterable, Comparable {
    case monday, tuesday, wednesday, thursday, friday, saturday, sunday
    public var name: String { String(describing: self) }
    public init?(name: String) {
        guard let d = Weekday.allCases.first(where: { $0.name == name }) else { return nil }
        self = d
    }
    /// The weekday of a date (`LocalDate.weekday`: 0 for Monday).
    public init(_ d: LocalDate) { self = Weekday(rawValue: d.weekday)! }
    public static func < (a: Weekday, b: Weekday) -> Bool { a.rawValue < b.rawValue }
}

/// A local time of day, in minutes after midnight (`HH:MM`).
public struct TimeOfDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var minutes: Int
    public init(minutes: Int) { self.minutes = minutes }
    /// `HH:MM` from 00:00 to 23:59.
    public static func parse(_ s: String) -> TimeOfDay? {
        let u = Array(s.utf8)
        guard u.count == 5, u[2] == UInt8(ascii: ":"), let h = ISOTime.int(u[0..<2]), let m = ISOTime.int(u[3..<5]),
            h < 24, m < 60
        else { return nil }
        return TimeOfDay(minutes: h * 60 + m)
    }
    public var description: String {
        let h = minutes / 60
        let m = minutes % 60
        return (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)"
    }
    public static func < (a: TimeOfDay, b: TimeOfDay) -> Bool { a.minutes < b.minutes }
}

/// One interval of a usual week (`sitters[].weeklyAvailability[]`): an `end` before
/// `start` ends the next day.
public struct WeeklySlot: Sendable, Hashable {
    public var weekday: Weekday
    public var start: TimeOfDay
    public var end: TimeOfDay
    public init(weekday: Weekday, start: TimeOfDay, end: TimeOfDay) {
        self.weekday = weekday
        self.start = start
        self.end = end
    }
}

/// A visit that repeats (`standing[]`): on `weekday`, from `start` to `end` local
/// time, between `from` and `until`, every `every` weeks.
public struct StandingRequest: Sendable, Hashable {
    public var id: String
    public var family: String
    public var weekday: Weekday
    public var start: TimeOfDay
    public var end: TimeOfDay
    public var every: Int
    public var from: LocalDate
    public var until: LocalDate?
    public var sitters: Int
    public var competencies: Set<String>
    public var credentials: Set<String>
    public var priority: Priority
    public var program: String?

    public init(
        id: String, family: String, weekday: Weekday, start: TimeOfDay, end: TimeOfDay, every: Int = 1,
        from: LocalDate, until: LocalDate? = nil, sitters: Int = 1, competencies: Set<String> = [],
        credentials: Set<String> = [], priority: Priority = .normal, program: String? = nil
    ) {
        self.id = id
        self.family = family
        self.weekday = weekday
        self.start = start
        self.end = end
        self.every = every
        self.from = from
        self.until = until
        self.sitters = sitters
        self.competencies = competencies
        self.credentials = credentials
        self.priority = priority
        self.program = program
    }

    /// True when the request gives a visit on `d`: its weekday, within `from...until`,
    /// and a whole multiple of `every` weeks after `from`.
    public func occurs(on d: LocalDate) -> Bool {
        guard Weekday(d) == weekday, d >= from, until.map({ d <= $0 }) ?? true else { return false }
        return ((d.day - from.day) / 7) % max(1, every) == 0
    }
}

extension Case {
    /// Where the fair-share level sits: `rules.fairShare`, else after-normal when the
    /// case has programs or a family with a ledger, else off.
    public var fairSharePlacement: FairSharePlacement {
        if let p = rules.fairShare { return p }
        return !programs.isEmpty || families.contains { !$0.ledger.isEmpty } ? .afterNormal : .off
    }

    /// The program a visit is billed to: its own `program`, else its family's only
    /// program, else none.
    public func billedProgram(_ v: Visit, family: Family?) -> String? {
        if let p = v.program { return p }
        guard let f = family, f.programs.count == 1 else { return nil }
        return f.programs[0]
    }

    /// The ledger entries that count (`rules.ledgerWeeks` most recent), as (requested, served) sums.
    public func pastService(_ f: Family) -> (requested: Int, served: Int) {
        let counted = f.ledger.sorted { $0.weekStart < $1.weekStart }.suffix(max(0, rules.ledgerWeeks))
        return (counted.reduce(0) { $0 + $1.requestedMinutes }, counted.reduce(0) { $0 + $1.servedMinutes })
    }
}
