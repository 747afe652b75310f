import Foundation
import ReliefCore
import ReliefPlanning
import Testing

/// A JSON value written by hand, so that a tiny case reads like the file a
/// coordinator would write (and `null` stays distinct from a missing field).
enum JSON: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByNilLiteral, Sendable
{
    case string(String)
    case number(Int)
    case bool(Bool)
    case array([JSON])
    /// Members in the order written.
    case object([(String, JSON)])
    case null

    init(stringLiteral s: String) { self = .string(s) }
    init(integerLiteral n: Int) { self = .number(n) }
    init(booleanLiteral b: Bool) { self = .bool(b) }
    init(arrayLiteral items: JSON...) { self = .array(items) }
    init(nilLiteral: ()) { self = .null }

    static func strings(_ items: [String]) -> JSON { .array(items.map { .string($0) }) }

    /// Pretty text, two spaces per level, members in the order given.
    func text(indent: String = "") -> String {
        let inner = indent + "  "
        switch self {
        case .string(let s):
            var out = "\""
            for u in s.unicodeScalars {
                switch u {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                default: out.unicodeScalars.append(u)
                }
            }
            return out + "\""
        case .number(let n): return String(n)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .array(let items):
            if items.isEmpty { return "[]" }
            if items.allSatisfy({ if case .string = $0 { true } else { false } }) {
                return "[" + items.map { $0.text() }.joined(separator: ", ") + "]"
            }
            return "[\n" + items.map { inner + $0.text(indent: inner) }.joined(separator: ",\n") + "\n\(indent)]"
        case .object(let members):
            if members.isEmpty { return "{}" }
            return "{\n"
                + members.map { "\(inner)\($0.0.text()): \($0.1.text(indent: inner))" }.joined(separator: ",\n")
                + "\n\(indent)}"
        }
    }
}

extension String {
    fileprivate func text() -> String { JSON.string(self).text() }
}

/// One object's members, leaving out fields the test did not set.
struct Members {
    var list: [(String, JSON)] = []
    mutating func add(_ key: String, _ value: JSON?) { if let value { list.append((key, value)) } }
    mutating func add(_ key: String, _ value: String?) { if let value { list.append((key, .string(value))) } }
    mutating func add(_ key: String, _ value: Int?) { if let value { list.append((key, .number(value))) } }
    mutating func add(_ key: String, _ value: Bool?) { if let value { list.append((key, .bool(value))) } }
    mutating func add(_ key: String, _ value: [String]?) { if let value { list.append((key, .strings(value))) } }
    var json: JSON { .object(list) }
}

/// A sitter as the test means it; `nil` fields are left out of the JSON so the
/// reader's defaults apply.
struct SitterSpec {
    var id: String
    var home: String = "north"
    var territories: [String]? = nil
    var competencies: [String]? = nil
    /// Kind -> last valid date, or `nil` for no expiry (written as JSON null).
    var credentials: [(String, String?)] = []
    var trainee: Bool? = nil
    /// `nil`: available for the whole horizon.
    var availability: [(String, String)]? = nil
    var maxMinutesPerDay: Int? = nil
    var maxMinutesPerWeek: Int? = nil
    var onCall: OnCallSpec? = nil
    /// Whether the sitter holds the case's `requiredCredentials` (without expiry)
    /// besides `credentials`.
    var holdsRequired = true

    func json(horizon: (String, String), required: [String]) -> JSON {
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

struct OnCallSpec {
    var eligible: Bool? = nil
    var maxShifts: Int? = nil
    var competencies: [String]? = nil
}

struct FamilySpec {
    var id: String
    var territory: String = "north"
    var excludedSitters: [String]? = nil
    var preferredSitters: [String]? = nil
    var previousSitters: [String]? = nil

    var json: JSON {
        var m = Members()
        m.add("id", id)
        m.add("territory", territory)
        m.add("preferredSitters", preferredSitters)
        m.add("excludedSitters", excludedSitters)
        m.add("previousSitters", previousSitters)
        return m.json
    }
}

struct VisitSpec {
    var id: String
    var family: String = "F1"
    var start: String
    var end: String
    var sitters: Int? = nil
    var competencies: [String]? = nil
    var credentials: [String]? = nil
    var priority: String? = nil
    var assigned: [String]? = nil
    var locked: Bool? = nil

    var json: JSON {
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
        return m.json
    }
}

struct ShiftSpec {
    var id: String
    var start: String
    var end: String
    var staff: Int? = nil
    var competencies: [String]? = nil

    var json: JSON {
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
struct CaseBuilder {
    var name = "tiny"
    var timeZone: String? = nil
    var horizon = ("2026-11-23T00:00", "2026-11-30T00:00")
    var territories = ["north"]
    var travel: [(String, String, Int)] = []
    var requiredCredentials: [String] = []
    var maxMinutesPerDay: Int? = nil
    var maxMinutesPerWeek: Int? = nil
    var sitters: [SitterSpec] = []
    var families: [FamilySpec] = [FamilySpec(id: "F1")]
    var visits: [VisitSpec] = []
    var shifts: [ShiftSpec] = []

    var json: JSON {
        var m = Members()
        m.add("format", "relief.case/1")
        m.add("name", name)
        m.add("timeZone", timeZone)
        m.add("horizon", .object([("start", .string(horizon.0)), ("end", .string(horizon.1))]))
        m.add("territories", .array(territories.map { .object([("id", .string($0))]) }))
        m.add(
            "travel",
            .array(
                travel.map { .object([("from", .string($0.0)), ("to", .string($0.1)), ("minutes", .number($0.2))]) }))
        if !requiredCredentials.isEmpty { m.add("requiredCredentials", requiredCredentials) }
        if maxMinutesPerDay != nil || maxMinutesPerWeek != nil {
            var r = Members()
            r.add("maxMinutesPerDay", maxMinutesPerDay)
            r.add("maxMinutesPerWeek", maxMinutesPerWeek)
            m.add("rules", r.json)
        }
        m.add("sitters", .array(sitters.map { $0.json(horizon: horizon, required: requiredCredentials) }))
        m.add("families", .array(families.map(\.json)))
        m.add("visits", .array(visits.map(\.json)))
        m.add("onCallShifts", .array(shifts.map(\.json)))
        return m.json
    }

    var text: String { json.text() + "\n" }

    /// The case as `CaseReader` reads the text; throws `InputError`.
    func read() throws -> Case {
        try CaseReader.read(data: Data(text.utf8), file: "\(name).json").0
    }
}

/// Plans a case and checks what every test checks: the schedule is proven
/// optimal and the verifier finds no broken hard rule.
func solve(
    _ c: Case, options: PlanOptions = PlanOptions(), sourceLocation: SourceLocation = #_sourceLocation
) throws -> Schedule {
    let schedule = try Planner().plan(c, options: options).schedule
    #expect(schedule.status == .optimal, sourceLocation: sourceLocation)
    #expect(ScheduleVerifier(c).violations(of: schedule) == [], sourceLocation: sourceLocation)
    return schedule
}

/// Reads and plans in one step.
func solve(_ b: CaseBuilder, sourceLocation: SourceLocation = #_sourceLocation) throws -> Schedule {
    try solve(b.read(), sourceLocation: sourceLocation)
}

func levels(onCall: Int = 0, urgent: Int = 0, high: Int = 0, normal: Int = 0) -> Levels {
    Levels(onCallMinutes: onCall, urgentSlots: urgent, highSlots: high, normalSlots: normal)
}

extension Schedule {
    /// Sitters on a visit, sorted.
    func sitters(on visit: String) -> [String] { assignments.filter { $0.visit == visit }.map(\.sitter).sorted() }
    /// People on call for a shift, sorted.
    func people(on shift: String) -> [String] { onCall.filter { $0.shift == shift }.map(\.sitter).sorted() }
    /// Reason codes given for an unfilled visit (nil when it is filled).
    func unfilledCodes(_ visit: String) -> [String]? { unfilled.first { $0.id == visit }?.reasons.map(\.code) }
    func unstaffedCodes(_ shift: String) -> [String]? { unstaffedShifts.first { $0.id == shift }?.reasons.map(\.code) }
    func missing(_ visit: String) -> Int { unfilled.first { $0.id == visit }?.missing ?? 0 }
    func missingStaff(_ shift: String) -> Int { unstaffedShifts.first { $0.id == shift }?.missing ?? 0 }
}

/// The package root, found from this file's path (Tests/ReliefPlanningTests/CaseBuilder.swift).
func packageRoot(_ file: String = #filePath) -> URL {
    URL(fileURLWithPath: file).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}
