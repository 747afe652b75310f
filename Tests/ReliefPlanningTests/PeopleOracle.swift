import Foundation

/// An independent reading of the contract (`README.md`, `people.md`) for the
/// oracle tests: it parses the case text with Foundation's JSON reader and
/// checks a schedule rule by rule, a port of `relief_contract.py` and
/// `relief_check.py` (without programs and the fair share). It uses none of
/// relief's rule code (no `CaseReader`, `Eligibility`, `WeekRules` or
/// `ScheduleVerifier`): only the case text is shared with the planner. Times are
/// whole minutes since 1970; local times carry no offset (the generator writes
/// none) and are read in the case's time zone by Foundation's calendar.
struct PeopleOracle {
    struct Sitter {
        var id: String
        var territories: Set<String>
        var competencies: Set<String>
        var onCallCompetencies: Set<String>
        /// Kind -> last valid local date (`YYYY-MM-DD`), nil for no expiry.
        var credentials: [String: String?]
        var trainee: Bool
        var availability: [(Int, Int)]
        var maxDay: Int
        var maxWeek: Int
        var onCallEligible: Bool
        var maxShifts: Int?
        var volunteer: Bool
        /// Minutes of one rest stretch inside the horizon; nil for volunteers.
        var rest: Int?
        var maxRun: Int?
    }

    struct Visit {
        var id: String
        var family: String
        var territory: String
        var start: Int
        var end: Int
        var need: Int
        var competencies: Set<String>
        var credentials: Set<String>
        /// 1 urgent, 2 high, 3 normal: the index of its level.
        var level: Int
        var assigned: [String]
        var locked: Bool
        var volunteers: Bool
        var minutes: Int { end - start }
    }

    struct Shift {
        var id: String
        var start: Int
        var end: Int
        var staff: Int
        var competencies: Set<String>
        var minutes: Int { end - start }
    }

    var calendar: Calendar
    var start = 0
    var end = 0
    var travel: [String: Int] = [:]
    var required: Set<String> = []
    var sitters: [Sitter] = []
    var visits: [Visit] = []
    var shifts: [Shift] = []
    var excluded: [String: Set<String>] = [:]

    /// Reads a `relief.case/1` text; the oracle trusts the generator, so a field
    /// of the wrong type is a test bug (a trap), not an input error.
    init(text: String) throws {
        let doc = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
        calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: doc["timeZone"] as? String ?? "America/Toronto")!
        let horizon = doc["horizon"] as! [String: Any]
        start = time(horizon["start"])
        end = time(horizon["end"])
        for t in doc["travel"] as? [[String: Any]] ?? [] {
            let a = t["from"] as! String
            let b = t["to"] as! String
            travel["\(a)|\(b)"] = t["minutes"] as? Int
            travel["\(b)|\(a)"] = t["minutes"] as? Int
        }
        required = Set(doc["requiredCredentials"] as? [String] ?? [])
        let rules = doc["rules"] as? [String: Any] ?? [:]
        sitters = (doc["sitters"] as! [[String: Any]]).map { sitter($0, rules: rules) }
        var territory: [String: String] = [:]
        for f in doc["families"] as! [[String: Any]] {
            let id = f["id"] as! String
            territory[id] = f["territory"] as? String
            excluded[id] = Set(f["excludedSitters"] as? [String] ?? [])
        }
        let levels = ["urgent": 1, "high": 2, "normal": 3]
        visits = (doc["visits"] as! [[String: Any]]).map { v in
            Visit(
                id: v["id"] as! String, family: v["family"] as! String,
                territory: territory[v["family"] as! String]!, start: time(v["start"]), end: time(v["end"]),
                need: v["sitters"] as? Int ?? 1, competencies: Set(v["competencies"] as? [String] ?? []),
                credentials: Set(v["credentials"] as? [String] ?? []),
                level: levels[v["priority"] as? String ?? "normal"]!, assigned: v["assigned"] as? [String] ?? [],
                locked: v["locked"] as? Bool ?? false, volunteers: v["volunteers"] as? Bool ?? false)
        }
        shifts = (doc["onCallShifts"] as? [[String: Any]] ?? []).map { o in
            Shift(
                id: o["id"] as! String, start: time(o["start"]), end: time(o["end"]), staff: o["staff"] as? Int ?? 1,
                competencies: Set(o["competencies"] as? [String] ?? []))
        }
    }

    /// `relief_contract.py` `load_case`, for one sitter.
    private func sitter(_ s: [String: Any], rules: [String: Any]) -> Sitter {
        let onCall = s["onCall"] as? [String: Any]
        let volunteer = s["kind"] as? String == "volunteer"
        let home = s["homeTerritory"] as! String
        var credentials: [String: String?] = [:]
        for (k, v) in s["credentials"] as? [String: Any] ?? [:] { credentials[k] = v as? String }
        let weekDefault =
            volunteer ? rules["volunteerMaxMinutesPerWeek"] as? Int ?? 480 : rules["maxMinutesPerWeek"] as? Int ?? 3000
        return Sitter(
            id: s["id"] as! String, territories: Set(s["territories"] as? [String] ?? [home]),
            competencies: Set(s["competencies"] as? [String] ?? []),
            onCallCompetencies: Set(onCall?["competencies"] as? [String] ?? []), credentials: credentials,
            trainee: s["trainee"] as? Bool ?? false,
            availability: merge(
                (s["availability"] as? [[String: Any]] ?? []).map { (time($0["start"]), time($0["end"])) }),
            maxDay: s["maxMinutesPerDay"] as? Int ?? rules["maxMinutesPerDay"] as? Int ?? 720,
            maxWeek: s["maxMinutesPerWeek"] as? Int ?? weekDefault,
            onCallEligible: onCall != nil && (onCall?["eligible"] as? Bool ?? true),
            maxShifts: onCall?["maxShifts"] as? Int,
            volunteer: volunteer,
            rest: volunteer ? nil : s["weeklyRestMinutes"] as? Int ?? rules["weeklyRestMinutes"] as? Int,
            maxRun: onCall?["maxConsecutiveShifts"] as? Int ?? rules["maxConsecutiveShifts"] as? Int)
    }

    /// Local wall time `YYYY-MM-DDTHH:MM` in the case's zone, in minutes since 1970.
    private func time(_ value: Any?) -> Int {
        let text = value as! String
        let n = text.split(whereSeparator: { "-T:".contains($0) }).map { Int($0)! }
        precondition(n.count == 5, "the oracle reads local times without offset: \(text)")
        let date = calendar.date(from: DateComponents(year: n[0], month: n[1], day: n[2], hour: n[3], minute: n[4]))!
        return Int(date.timeIntervalSince1970) / 60
    }

    /// The local calendar date of an instant, `YYYY-MM-DD`.
    func localDate(_ minute: Int) -> String {
        let d = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: Double(minute) * 60))
        return String(format: "%04d-%02d-%02d", d.year!, d.month!, d.day!)
    }

    private func merge(_ spans: [(Int, Int)]) -> [(Int, Int)] {
        var out: [(Int, Int)] = []
        for (s, e) in spans.sorted(by: { $0 < $1 }) {
            if let last = out.last, s <= last.1 {
                out[out.count - 1].1 = max(last.1, e)
            } else {
                out.append((s, e))
            }
        }
        return out
    }

    // MARK: eligibility

    private func available(_ s: Sitter, _ a: Int, _ b: Int) -> Bool {
        s.availability.contains { $0.0 <= a && b <= $0.1 }
    }

    /// Valid when its date is on or after the local date on which the assignment ends.
    private func credentialsHeld(_ s: Sitter, _ kinds: Set<String>, end: Int) -> Bool {
        let day = localDate(end)
        return kinds.allSatisfy { k in
            guard let until = s.credentials[k] else { return false }
            return until.map { $0 >= day } ?? true
        }
    }

    /// nil when eligible, else the contract's reason code.
    func visitEligible(_ s: Sitter, _ v: Visit) -> String? {
        if !v.competencies.isSubset(of: s.competencies) { return "no-competency" }
        if !credentialsHeld(s, required.union(v.credentials), end: v.end) { return "no-credential" }
        if !s.territories.contains(v.territory) { return "no-territory" }
        if excluded[v.family, default: []].contains(s.id) { return "excluded" }
        if !available(s, v.start, v.end) { return "not-available" }
        if s.volunteer && !v.volunteers { return "not-for-volunteers" }
        return nil
    }

    func shiftEligible(_ s: Sitter, _ o: Shift) -> String? {
        if s.trainee || s.volunteer || !s.onCallEligible { return "not-on-call" }
        if !o.competencies.isSubset(of: s.competencies.union(s.onCallCompetencies)) { return "no-competency" }
        if !credentialsHeld(s, required, end: o.end) { return "no-credential" }
        if !available(s, o.start, o.end) { return "not-available" }
        return nil
    }

    // MARK: a sitter's week

    /// Minutes of the longest stretch inside the horizon with none of these spans.
    func longestRest(_ spans: [(Int, Int)]) -> Int {
        var best = 0
        var t = start
        let inside = spans.filter { $0.1 > start && $0.0 < end }.map { (max($0.0, start), min($0.1, end)) }
        for (a, b) in merge(inside) {
            best = max(best, a - t)
            t = max(t, b)
        }
        return max(best, end - t)
    }

    /// The rules of one sitter's week that only more assignments can break
    /// (rules 2-5 of the contract, runs and weekly rest of `people.md`); the
    /// optimum's search prunes with them, the checker applies them to every sitter.
    func weekViolations(_ s: Sitter, visits vs: [Visit], shifts os: [Shift]) -> [String] {
        var errors: [String] = []
        let vs = vs.sorted { ($0.start, $0.id) < ($1.start, $1.id) }
        for i in vs.indices {
            for j in vs.indices where j > i {
                let t =
                    travel["\(vs[i].territory)|\(vs[j].territory)"] ?? (vs[i].territory == vs[j].territory ? 0 : nil)
                guard let t else { preconditionFailure("no travel \(vs[i].territory)-\(vs[j].territory)") }
                if vs[i].end + t > vs[j].start { errors.append("\(s.id): \(vs[i].id) and \(vs[j].id) conflict") }
            }
        }
        let week = vs.reduce(0) { $0 + $1.minutes }
        if week > s.maxWeek { errors.append("\(s.id): \(week) visit minutes in the week > \(s.maxWeek)") }
        let days = Dictionary(grouping: vs) { localDate($0.start) }.mapValues { $0.reduce(0) { $0 + $1.minutes } }
        for (d, m) in days.sorted(by: { $0.key < $1.key }) where m > s.maxDay {
            errors.append("\(s.id): \(m) visit minutes on \(d) > \(s.maxDay)")
        }
        for o in os {
            for v in vs where v.start < o.end && o.start < v.end { errors.append("\(s.id): \(v.id) overlaps \(o.id)") }
        }
        if let cap = s.maxShifts, os.count > cap { errors.append("\(s.id): \(os.count) on-call shifts > \(cap)") }
        let os = os.sorted { ($0.start, $0.id) < ($1.start, $1.id) }
        var run = 1
        for i in os.indices where i > 0 {
            run = os[i].start == os[i - 1].end ? run + 1 : 1
            if let cap = s.maxRun, run > cap {
                errors.append("\(s.id): \(run) consecutive shifts ending \(os[i].id) > \(cap)")
            }
            for j in os.indices where j < i && os[j].start < os[i].end && os[i].start < os[j].end {
                errors.append("\(s.id): on-call \(os[j].id) overlaps \(os[i].id)")
            }
        }
        if let rest = s.rest, !(vs.isEmpty && os.isEmpty) {
            let longest = longestRest(vs.map { ($0.start, $0.end) } + os.map { ($0.start, $0.end) })
            if longest < rest { errors.append("\(s.id): longest rest \(longest) min < weekly rest \(rest)") }
        }
        return errors
    }
}
