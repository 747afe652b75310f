import Foundation

/// Visit priorities, most important first.
public enum Priority: String, Sendable, CaseIterable, Comparable {
    case urgent, high, normal
    public var rank: Int {
        switch self {
        case .urgent: return 0
        case .high: return 1
        case .normal: return 2
        }
    }
    public static func < (a: Priority, b: Priority) -> Bool { a.rank < b.rank }
}

public struct Territory: Sendable, Hashable {
    public var id: String
    public var name: String
    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}

public struct TravelEntry: Sendable, Hashable {
    public var from: String
    public var to: String
    public var minutes: Int
    public init(from: String, to: String, minutes: Int) {
        self.from = from
        self.to = to
        self.minutes = minutes
    }
}

public struct OnCallProfile: Sendable, Hashable {
    public var eligible: Bool
    public var maxShifts: Int?
    public var competencies: Set<String>
    /// The most touching on-call shifts in one run (people.md); nil: the rule's.
    public var maxConsecutiveShifts: Int?
    public init(
        eligible: Bool = true, maxShifts: Int? = nil, competencies: Set<String> = [], maxConsecutiveShifts: Int? = nil
    ) {
        self.eligible = eligible
        self.maxShifts = maxShifts
        self.competencies = competencies
        self.maxConsecutiveShifts = maxConsecutiveShifts
    }
}

/// Employee or volunteer (`people.md`): a volunteer takes only visits that allow volunteers,
/// is never on call, never supervises a trainee, and has their own weekly cap.
public enum SitterKind: String, Sendable, Hashable {
    case employee, volunteer
}

public struct Sitter: Sendable, Hashable {
    public var id: String
    public var name: String
    public var homeTerritory: String
    /// Where the sitter accepts visits; always contains `homeTerritory`.
    public var territories: [String]
    public var competencies: Set<String>
    /// Kind -> last valid local date; `nil` means no expiry.
    public var credentials: [String: LocalDate?]
    public var trainee: Bool
    /// Merged, sorted availability.
    public var availability: [TimeSpan]
    public var maxMinutesPerDay: Int?
    public var maxMinutesPerWeek: Int?
    public var targetMinutesPerWeek: Int?
    public var onCall: OnCallProfile?
    /// The sitter's usual week (`weeks.md`): what `relief next-week` gives as availability.
    public var weeklyAvailability: [WeeklySlot]
    public var kind: SitterKind
    /// The sitter's own weekly rest in minutes (people.md); nil: the rules'.
    public var weeklyRestMinutes: Int? = nil

    public init(
        id: String, name: String = "", homeTerritory: String, territories: [String]? = nil,
        competencies: Set<String> = [], credentials: [String: LocalDate?] = [:], trainee: Bool = false,
        availability: [TimeSpan] = [], maxMinutesPerDay: Int? = nil, maxMinutesPerWeek: Int? = nil,
        targetMinutesPerWeek: Int? = nil, onCall: OnCallProfile? = nil, weeklyAvailability: [WeeklySlot] = [],
        kind: SitterKind = .employee, weeklyRestMinutes: Int? = nil
    ) {
        self.kind = kind
        self.weeklyRestMinutes = weeklyRestMinutes
        self.weeklyAvailability = weeklyAvailability
        self.id = id
        self.name = name
        self.homeTerritory = homeTerritory
        self.territories = territories ?? [homeTerritory]
        self.competencies = competencies
        self.credentials = credentials
        self.trainee = trainee
        self.availability = mergeSpans(availability)
        self.maxMinutesPerDay = maxMinutesPerDay
        self.maxMinutesPerWeek = maxMinutesPerWeek
        self.targetMinutesPerWeek = targetMinutesPerWeek
        self.onCall = onCall
    }

    public var isVolunteer: Bool { kind == .volunteer }
    /// May supervise a trainee on a visit: an employee who is not a trainee.
    public var canSupervise: Bool { !trainee && !isVolunteer }
    public var isOnCallEligible: Bool { canSupervise && (onCall?.eligible ?? false) }

    /// True when `span` lies inside the union of the availability intervals.
    public func isAvailable(_ span: TimeSpan) -> Bool {
        availability.contains { $0.contains(span) }
    }
}

/// Sorts and merges touching or overlapping spans, so that availability
/// `08:00-12:00` + `12:00-16:00` covers a visit from 11:00 to 13:00.
public func mergeSpans(_ spans: [TimeSpan]) -> [TimeSpan] {
    var out: [TimeSpan] = []
    for s in spans.sorted(by: { ($0.start, $0.end) < ($1.start, $1.end) }) {
        if let last = out.last, s.start <= last.end {
            out[out.count - 1].end = max(last.end, s.end)
        } else {
            out.append(s)
        }
    }
    return out
}

public struct Family: Sendable, Hashable {
    public var id: String
    public var name: String
    public var territory: String
    public var preferredSitters: [String]
    public var excludedSitters: [String]
    public var previousSitters: [String]
    /// Where the visits take place and how to reach the family (optional; personal data that only
    /// `relief agenda --with-contact` puts in the sitters' calendars).
    public var address: String?
    public var phone: String?
    /// The funded programs the family is enrolled in (`weeks.md`).
    public var programs: [String]
    /// Earlier weeks' service (`weeks.md`).
    public var ledger: [LedgerEntry]
    public init(
        id: String, name: String = "", territory: String, preferredSitters: [String] = [],
        excludedSitters: [String] = [], previousSitters: [String] = [], address: String? = nil, phone: String? = nil,
        programs: [String] = [], ledger: [LedgerEntry] = []
    ) {
        self.programs = programs
        self.ledger = ledger
        self.id = id
        self.name = name
        self.territory = territory
        self.preferredSitters = preferredSitters
        self.excludedSitters = excludedSitters
        self.previousSitters = previousSitters
        self.address = address
        self.phone = phone
    }

    /// The longest `address` and `phone` a case may hold, in characters.
    public static let maxAddressLength = 200
    public static let maxPhoneLength = 40

    /// Why a contact field's text cannot be kept (too long, or holding a control character such
    /// as a line break, which a calendar line could not show), or nil when it can.
    public static func contactProblem(_ s: String, max: Int) -> String? {
        if s.count > max { return "is \(s.count) characters long, over the \(max) allowed" }
        if s.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "holds a control character (a line break or a tab)"
        }
        return nil
    }
}

public struct Visit: Sendable, Hashable {
    public var id: String
    public var family: String
    public var span: TimeSpan
    public var sitters: Int
    public var competencies: Set<String>
    public var credentials: Set<String>
    public var priority: Priority
    public var assigned: [String]
    public var locked: Bool
    /// The program that pays for the visit, as written (`Case.billedProgram` resolves a missing one).
    public var program: String?
    /// Volunteers may take the visit (`people.md`).
    public var volunteers: Bool
    public init(
        id: String, family: String, span: TimeSpan, sitters: Int = 1, competencies: Set<String> = [],
        credentials: Set<String> = [], priority: Priority = .normal, assigned: [String] = [], locked: Bool = false,
        program: String? = nil, volunteers: Bool = false
    ) {
        self.volunteers = volunteers
        self.program = program
        self.id = id
        self.family = family
        self.span = span
        self.sitters = sitters
        self.competencies = competencies
        self.credentials = credentials
        self.priority = priority
        self.assigned = assigned
        self.locked = locked
    }
    public var minutes: Int { span.minutes }
}

public struct OnCallShift: Sendable, Hashable {
    public var id: String
    public var span: TimeSpan
    public var staff: Int
    public var competencies: Set<String>
    /// The people already told they hold this shift (relief's optional extension
    /// of the contract, like a visit's `assigned`): least-change re-planning keeps them.
    public var assigned: [String]
    public init(
        id: String, span: TimeSpan, staff: Int = 1, competencies: Set<String> = [], assigned: [String] = []
    ) {
        self.id = id
        self.span = span
        self.staff = staff
        self.competencies = competencies
        self.assigned = assigned
    }
    public var minutes: Int { span.minutes }
}

public struct Rules: Sendable, Hashable {
    public var maxMinutesPerDay: Int
    public var maxMinutesPerWeek: Int
    /// Where the fair-share level sits (`weeks.md`); nil: `Case.fairSharePlacement` decides.
    public var fairShare: FairSharePlacement?
    /// How many of a family's most recent ledger entries count.
    public var ledgerWeeks: Int
    /// A volunteer's weekly cap as written (`people.md`); nil: `Rules.defaultVolunteerMinutes`.
    public var volunteerMaxMinutesPerWeek: Int?
    public static let defaultVolunteerMinutes = 480
    /// The most touching on-call shifts in one run (people.md); nil: no limit.
    public var maxConsecutiveShifts: Int?
    /// Minutes of one stretch without assignment in the horizon for every employee (people.md); nil: no rule.
    public var weeklyRestMinutes: Int? = nil
    public init(
        maxMinutesPerDay: Int = 720, maxMinutesPerWeek: Int = 3000, fairShare: FairSharePlacement? = nil,
        ledgerWeeks: Int = 4, volunteerMaxMinutesPerWeek: Int? = nil
    ) {
        self.volunteerMaxMinutesPerWeek = volunteerMaxMinutesPerWeek
        self.maxMinutesPerDay = maxMinutesPerDay
        self.maxMinutesPerWeek = maxMinutesPerWeek
        self.fairShare = fairShare
        self.ledgerWeeks = ledgerWeeks
    }
}

/// One planning problem (`relief.case/1`), read and checked. A value: a solve
/// is a pure function of it.
public struct Case: Sendable {
    public static let format = "relief.case/1"

    public var name: String
    public var clock: CaseClock
    public var horizon: TimeSpan
    public var territories: [Territory]
    public var travel: [TravelEntry] { didSet { travelIndex = Case.index(travel) } }
    /// Travel minutes by unordered pair, kept in step with `travel`.
    public private(set) var travelIndex: [TravelKey: Int]
    public var requiredCredentials: [String]
    public var rules: Rules
    public var sitters: [Sitter]
    public var families: [Family]
    public var visits: [Visit]
    public var onCallShifts: [OnCallShift]
    /// Funded programs (`weeks.md`).
    public var programs: [Program]
    /// Standing requests (`weeks.md`): what `relief next-week` expands into visits.
    public var standing: [StandingRequest]

    public init(
        name: String, clock: CaseClock, horizon: TimeSpan, territories: [Territory], travel: [TravelEntry],
        requiredCredentials: [String] = [], rules: Rules = Rules(), sitters: [Sitter], families: [Family],
        visits: [Visit], onCallShifts: [OnCallShift], programs: [Program] = [], standing: [StandingRequest] = []
    ) {
        self.programs = programs
        self.standing = standing
        self.name = name
        self.clock = clock
        self.horizon = horizon
        self.territories = territories
        self.travel = travel
        self.travelIndex = Case.index(travel)
        self.requiredCredentials = requiredCredentials
        self.rules = rules
        self.sitters = sitters
        self.families = families
        self.visits = visits
        self.onCallShifts = onCallShifts
    }

    public func maxMinutesPerDay(_ s: Sitter) -> Int { s.maxMinutesPerDay ?? rules.maxMinutesPerDay }
    /// A volunteer's own limit, else the rules' volunteer cap; an employee's own, else the rules'.
    public func maxMinutesPerWeek(_ s: Sitter) -> Int {
        if s.isVolunteer {
            return s.maxMinutesPerWeek ?? rules.volunteerMaxMinutesPerWeek ?? Rules.defaultVolunteerMinutes
        }
        return s.maxMinutesPerWeek ?? rules.maxMinutesPerWeek
    }
    /// The most touching on-call shifts `s` may hold in one run; nil: no limit.
    public func maxConsecutiveShifts(_ s: Sitter) -> Int? {
        s.onCall?.maxConsecutiveShifts ?? rules.maxConsecutiveShifts
    }

    /// The weekly rest `s` must keep (people.md): the sitter's own, else the rules'; volunteers
    /// are not bound by it (nil: no rest rule for `s`).
    public func weeklyRestMinutes(_ s: Sitter) -> Int? {
        s.isVolunteer ? nil : s.weeklyRestMinutes ?? rules.weeklyRestMinutes
    }

    /// Travel minutes between two territories: symmetric; 0 inside one territory
    /// unless an entry says otherwise; `nil` when the pair is missing.
    public func travelMinutes(_ a: String, _ b: String) -> Int? {
        travelIndex[TravelKey(a, b)] ?? (a == b ? 0 : nil)
    }

    /// Rule 2 of a sitter's week: with `a` the earlier of two visits (by start, then
    /// id), one sitter cannot do both when `a.end + travel(a, b) > b.start`. Returns
    /// the travel minutes when they conflict, nil when one sitter can do both.
    /// (`PlanningIndex.visitsConflict` is the same rule on indices, for the solver.)
    public func conflictTravel(_ x: Visit, in tx: String, _ y: Visit, in ty: String) -> Int? {
        let t = travelMinutes(tx, ty) ?? 0
        let (a, b) = (x.span.start, x.id) <= (y.span.start, y.id) ? (x, y) : (y, x)
        return a.span.end.adding(minutes: t) > b.span.start ? t : nil
    }

    static func index(_ travel: [TravelEntry]) -> [TravelKey: Int] {
        var t: [TravelKey: Int] = [:]
        for e in travel { t[TravelKey(e.from, e.to)] = e.minutes }
        return t
    }
}

/// An unordered pair of territories.
public struct TravelKey: Hashable, Sendable {
    public let a: String
    public let b: String
    public init(_ x: String, _ y: String) {
        if x <= y {
            a = x
            b = y
        } else {
            a = y
            b = x
        }
    }
}
