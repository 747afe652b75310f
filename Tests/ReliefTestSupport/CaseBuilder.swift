import Foundation
import ReliefCore
import ReliefPlanning
import Testing

/// One object's members, leaving out fields the test did not set.
struct Members {
    var list: [(String, JSONValue)] = []
    mutating func add(_ key: String, _ value: JSONValue?) { if let value { list.append((key, value)) } }
    mutating func add(_ key: String, _ value: String?) { if let value { list.append((key, .string(value))) } }
    mutating func add(_ key: String, _ value: Int?) { if let value { list.append((key, .number(Double(value)))) } }
    mutating func add(_ key: String, _ value: Bool?) { if let value { list.append((key, .bool(value))) } }
    mutating func add(_ key: String, _ value: [String]?) {
        if let value { list.append((key, .array(value.map { .string($0) }))) }
    }
    var json: JSONValue { .object(list) }
}

/// A sitter as the test means it; `nil` fields are left out of the JSON so the
/// reader's defaults apply.
public struct SitterSpec: Sendable {
    public var id: String
    public var home: String = "north"
    public var territories: [String]? = nil
    public var competencies: [String]? = nil
    /// Kind -> last valid date, or `nil` for no expiry (written as JSON null).
    public var credentials: [(String, String?)] = []
    public var trainee: Bool? = nil
    /// `nil`: available for the whole horizon.
    public var availability: [(String, String)]? = nil
    public var maxMinutesPerDay: Int? = nil
    public var maxMinutesPerWeek: Int? = nil
    public var onCall: OnCallSpec? = nil
    /// Whether the sitter holds the case's `requiredCredentials` (without expiry)
    /// besides `credentials`.
    public var holdsRequired = true
    /// `people.md`: "employee" or "volunteer"; nil writes no `kind`.
    public var kind: String? = nil
    /// `people.md`: the sitter's own weekly rest in minutes; nil writes none.
    public var weeklyRestMinutes: Int? = nil

    public init(
        id: String,
        home: String = "north",
        territories: [String]? = nil,
        competencies: [String]? = nil,
        credentials: [(String, String?)] = [],
        trainee: Bool? = nil,
        availability: [(String, String)]? = nil,
        maxMinutesPerDay: Int? = nil,
        maxMinutesPerWeek: Int? = nil,
        onCall: OnCallSpec? = nil
    ) {
        self.id = id
        self.home = home
        self.territories = territories
        self.competencies = competencies
        self.credentials = credentials
        self.trainee = trainee
        self.availability = availability
        self.maxMinutesPerDay = maxMinutesPerDay
        self.maxMinutesPerWeek = maxMinutesPerWeek
        self.onCall = onCall
    }

    public func json(horizon: (String, String), required: [String]) -> JSONValue {
        var m = Members()
        m.add("id", id)
        m.add("homeTerritory", home)
        m.add("territories", territories)
        m.add("competencies", competencies)
        var creds = credentials
        // Sitters hold the organization's credentials unless the test says otherwise.
        for r in required where holdsRequired && !creds.contains(where: { $0.0 == r }) { creds.append((r, nil)) }
        if !creds.isEmpty { m.add("credentials", .object(creds.map { ($0.0, $0.1.map { .string($0) } ?? .null) })) }
        m.add("trainee", trainee)
        let spans = availability ?? [horizon]
        m.add("availability", .array(spans.map { .object([("start", .string($0.0)), ("end", .string($0.1))]) }))
        m.add("maxMinutesPerDay", maxMinutesPerDay)
        m.add("maxMinutesPerWeek", maxMinutesPerWeek)
        m.add("kind", kind)
        m.add("weeklyRestMinutes", weeklyRestMinutes)
        if let onCall {
            var o = Members()
            o.add("eligible", onCall.eligible)
            o.add("maxShifts", onCall.maxShifts)
            o.add("competencies", onCall.competencies)
            m.add("onCall", o.json)
        }
        return m.json
    }
}

public struct OnCallSpec: Sendable {
    public var eligible: Bool? = nil
    public var maxShifts: Int? = nil
    public var competencies: [String]? = nil

    public init(
        eligible: Bool? = nil,
        maxShifts: Int? = nil,
        competencies: [String]? = nil
    ) {
        self.eligible = eligible
        self.maxShifts = maxShifts
        self.competencies = competencies
    }
}

public struct FamilySpec: Sendable {
    public var id: String
    public var territory: String = "north"
    public var excludedSitters: [String]? = nil
    public var preferredSitters: [String]? = nil
    public var previousSitters: [String]? = nil

    public init(
        id: String,
        territory: String = "north",
        excludedSitters: [String]? = nil,
        preferredSitters: [String]? = nil,
        previousSitters: [String]? = nil
    ) {
        self.id = id
        self.territory = territory
        self.excludedSitters = excludedSitters
        self.preferredSitters = preferredSitters
        self.previousSitters = previousSitters
    }

    public var json: JSONValue {
        var m = Members()
        m.add("id", id)
        m.add("territory", territory)
        m.add("preferredSitters", preferredSitters)
        m.add("excludedSitters", excludedSitters)
        m.add("previousSitters", previousSitters)
        return m.json
    }
}

public struct VisitSpec: Sendable {
    public var id: String
    public var family: String = "F1"
    public var start: String
    public var end: String
    public var sitters: Int? = nil
    public var competencies: [String]? = nil
    public var credentials: [String]? = nil
    public var priority: String? = nil
    public var assigned: [String]? = nil
    public var locked: Bool? = nil
    /// `people.md`: whether volunteers may take the visit; nil writes nothing.
    public var volunteers: Bool? = nil

    public init(
        id: String,
        family: String = "F1",
        start: String,
        end: String,
        sitters: Int? = nil,
        competencies: [String]? = nil,
        credentials: [String]? = nil,
        priority: String? = nil,
        assigned: [String]? = nil,
        locked: Bool? = nil
    ) {
        self.id = id
        self.family = family
        self.start = start
        self.end = end
        self.sitters = sitters
        self.competencies = competencies
        self.credentials = credentials
        self.priority = priority
        self.assigned = assigned
        self.locked = locked
    }

    public var json: JSONValue {
        var m = Members()
        m.add("id", id)
        m.add("family", family)
        m.add("start", start)
        m.add("end", end)
        m.add("sitters", sitters)
        m.add("competencies", competencies)
        m.add("credentials", credentials)
        m.add("priority", priority)
        m.add("assigned", assigned)
        m.add("locked", locked)
        m.add("volunteers", volunteers)
        return m.json
    }
}

public struct ShiftSpec: Sendable {
    public var id: String
    public var start: String
    public var end: String
    public var staff: Int? = nil
    public var competencies: [String]? = nil

    public init(
        id: String,
        start: String,
        end: String,
        staff: Int? = nil,
        competencies: [String]? = nil
    ) {
        self.id = id
        self.start = start
        self.end = end
        self.staff = staff
        self.competencies = competencies
    }

    public var json: JSONValue {
        var m = Members()
        m.add("id", id)
        m.add("start", start)
        m.add("end", end)
        m.add("staff", staff)
        m.add("competencies", competencies)
        return m.json
    }
}

/// Writes a tiny `relief.case/1` as JSON text and reads it back with
/// `CaseReader`, so every test also goes through the reading path. Defaults: one
/// territory `north`, one family `F1` there, the week of 2026-11-23 in
/// America/Toronto, every sitter available all week.
public struct CaseBuilder: Sendable {
    public var name: String = "tiny"
    public var timeZone: String? = nil
    public var horizon: (String, String) = ("2026-11-23T00:00", "2026-11-30T00:00")
    public var territories: [String] = ["north"]
    public var travel: [(String, String, Int)] = []
    public var requiredCredentials: [String] = []
    public var maxMinutesPerDay: Int? = nil
    public var maxMinutesPerWeek: Int? = nil
    public var volunteerMaxMinutesPerWeek: Int? = nil
    /// `people.md`: `rules.weeklyRestMinutes`; nil writes none.
    public var weeklyRestMinutes: Int? = nil
    public var sitters: [SitterSpec] = []
    public var families: [FamilySpec] = [FamilySpec(id: "F1")]
    public var visits: [VisitSpec] = []
    public var shifts: [ShiftSpec] = []

    public var json: JSONValue {
        var m = Members()
        m.add("format", "relief.case/1")
        m.add("name", name)
        m.add("timeZone", timeZone)
        m.add("horizon", .object([("start", .string(horizon.0)), ("end", .string(horizon.1))]))
        m.add("territories", .array(territories.map { .object([("id", .string($0))]) }))
        m.add(
            "travel",
            .array(
                travel.map {
                    .object([("from", .string($0.0)), ("to", .string($0.1)), ("minutes", .number(Double($0.2)))])
                }))
        if !requiredCredentials.isEmpty { m.add("requiredCredentials", requiredCredentials) }
        if maxMinutesPerDay != nil || maxMinutesPerWeek != nil || volunteerMaxMinutesPerWeek != nil
            || weeklyRestMinutes != nil
        {
            var r = Members()
            r.add("maxMinutesPerDay", maxMinutesPerDay)
            r.add("maxMinutesPerWeek", maxMinutesPerWeek)
            r.add("volunteerMaxMinutesPerWeek", volunteerMaxMinutesPerWeek)
            r.add("weeklyRestMinutes", weeklyRestMinutes)
            m.add("rules", r.json)
        }
        m.add("sitters", .array(sitters.map { $0.json(horizon: horizon, required: requiredCredentials) }))
        m.add("families", .array(families.map(\.json)))
        m.add("visits", .array(visits.map(\.json)))
        m.add("onCallShifts", .array(shifts.map(\.json)))
        return m.json
    }

    public var text: String { json.prettyText() + "\n" }

    public init(
        name: String = "tiny",
        timeZone: String? = nil,
        horizon: (String, String) = ("2026-11-23T00:00", "2026-11-30T00:00"),
        territories: [String] = ["north"],
        travel: [(String, String, Int)] = [],
        requiredCredentials: [String] = [],
        maxMinutesPerDay: Int? = nil,
        maxMinutesPerWeek: Int? = nil,
        sitters: [SitterSpec] = [],
        families: [FamilySpec] = [FamilySpec(id: "F1")],
        visits: [VisitSpec] = [],
        shifts: [ShiftSpec] = []
    ) {
        self.name = name
        self.timeZone = timeZone
        self.horizon = horizon
        self.territories = territories
        self.travel = travel
        self.requiredCredentials = requiredCredentials
        self.maxMinutesPerDay = maxMinutesPerDay
        self.maxMinutesPerWeek = maxMinutesPerWeek
        self.sitters = sitters
        self.families = families
        self.visits = visits
        self.shifts = shifts
    }

    /// The case as `CaseReader` reads the text; throws `InputError`.
    public func read() throws -> Case {
        try CaseReader.read(data: Data(text.utf8), file: "\(name).json").0
    }
}

/// Plans a case and checks what every test checks: the schedule is proven
/// optimal and the verifier finds no broken hard rule.
public func solve(
    _ c: Case, options: PlanOptions = PlanOptions(), sourceLocation: SourceLocation = #_sourceLocation
) throws -> Schedule {
    let schedule = try Planner().plan(c, options: options).schedule
    #expect(schedule.status == .optimal, sourceLocation: sourceLocation)
    #expect(ScheduleVerifier(c).violations(of: schedule) == [], sourceLocation: sourceLocation)
    return schedule
}

/// Reads and plans in one step.
public func solve(_ b: CaseBuilder, sourceLocation: SourceLocation = #_sourceLocation) throws -> Schedule {
    try solve(b.read(), sourceLocation: sourceLocation)
}

public func levels(onCall: Int = 0, urgent: Int = 0, high: Int = 0, normal: Int = 0) -> Levels {
    Levels(onCallMinutes: onCall, urgentSlots: urgent, highSlots: high, normalSlots: normal)
}

extension Schedule {
    /// Sitters on a visit, sorted.
    public func sitters(on visit: String) -> [String] {
        assignments.filter { $0.visit == visit }.map(\.sitter).sorted()
    }
    /// People on call for a shift, sorted.
    public func people(on shift: String) -> [String] { onCall.filter { $0.shift == shift }.map(\.sitter).sorted() }
    /// Reason codes given for an unfilled visit (nil when it is filled).
    public func unfilledCodes(_ visit: String) -> [String]? { unfilled.first { $0.id == visit }?.reasons.map(\.code) }
    public func unstaffedCodes(_ shift: String) -> [String]? {
        unstaffedShifts.first { $0.id == shift }?.reasons.map(\.code)
    }
    public func missing(_ visit: String) -> Int { unfilled.first { $0.id == visit }?.missing ?? 0 }
    public func missingStaff(_ shift: String) -> Int { unstaffedShifts.first { $0.id == shift }?.missing ?? 0 }
}
