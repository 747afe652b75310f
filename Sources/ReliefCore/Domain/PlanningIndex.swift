/// A case turned into integer indices for a formulation: who may take what
/// (with the first failing rule for everyone else), and which items of one
/// sitter exclude each other. Built once per solve; a value.
public struct PlanningIndex: Sendable {
    public let theCase: Case
    /// The rules of one sitter's week (conflicts, travel, limits), shared by everything that builds weeks.
    public let rules: WeekRules
    /// Territory index of each visit's family.
    public let visitTerritory: [Int]
    public let territoryIDs: [String]
    /// travel[a][b] in minutes between territory indices.
    public let travel: [[Int]]
    public let homeTerritory: [Int]
    /// Eligible sitters per visit / shift (sitter indices, ascending).
    public let visitEligible: [[Int]]
    public let shiftEligible: [[Int]]
    /// For the sitters who may not: how many fail first at each rule.
    public let visitRejections: [[ReasonCode: [Int]]]
    public let shiftRejections: [[ReasonCode: [Int]]]
    /// Per sitter: eligible visits and shifts, sorted by (start, id).
    public let sitterVisits: [[Int]]
    public let sitterShifts: [[Int]]
    /// Local day (days since epoch) on which each visit starts: day limits count it there.
    public let visitDay: [Int]
    public let visitMinutes: [Int]
    public let shiftMinutes: [Int]
    /// Locked (sitter, visit) pairs.
    public let locked: Set<Pair>
    public let sitterIndex: [String: Int]
    public let visitIndex: [String: Int]
    public let shiftIndex: [String: Int]
    public let familyIndex: [String: Int]
    public let visitFamily: [Int]

    public struct Pair: Hashable, Sendable {
        public let sitter: Int
        public let item: Int
        public init(_ s: Int, _ i: Int) {
            sitter = s
            item = i
        }
    }

    public init(_ c: Case) {
        theCase = c
        let rules = WeekRules(c)
        self.rules = rules
        let tIDs = c.territories.map(\.id)
        territoryIDs = tIDs
        let tIndex = Dictionary(tIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        travel = rules.travel
        let fIndex = Dictionary(c.families.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        familyIndex = fIndex
        sitterIndex = Dictionary(c.sitters.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        visitIndex = Dictionary(c.visits.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        shiftIndex = Dictionary(c.onCallShifts.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        visitFamily = c.visits.map { fIndex[$0.family]! }
        visitTerritory = c.visits.map { tIndex[c.families[fIndex[$0.family]!].territory]! }
        homeTerritory = c.sitters.map { tIndex[$0.homeTerritory] ?? 0 }
        visitDay = rules.visitDay
        visitMinutes = rules.visitMinutes
        shiftMinutes = rules.shiftMinutes
        let elig = Eligibility(c)
        let (ve, vr, sv) = PlanningIndex.visitEligibility(c, elig, familyIndex: fIndex)
        let (se, sr, ss) = PlanningIndex.shiftEligibility(c, elig)
        visitEligible = ve
        visitRejections = vr
        shiftEligible = se
        shiftRejections = sr
        let visits = c.visits
        sitterVisits = sv.map {
            $0.sorted { (visits[$0].span.start, visits[$0].id) < (visits[$1].span.start, visits[$1].id) }
        }
        let shifts = c.onCallShifts
        sitterShifts = ss.map {
            $0.sorted { (shifts[$0].span.start, shifts[$0].id) < (shifts[$1].span.start, shifts[$1].id) }
        }
        var lk = Set<Pair>()
        let sIndex = sitterIndex
        for (vi, v) in c.visits.enumerated() where v.locked {
            for sid in v.assigned { if let si = sIndex[sid] { lk.insert(Pair(si, vi)) } }
        }
        locked = lk
    }

    /// Who may take each visit, the first rule each other sitter fails, and each sitter's
    /// visits (by index): the eligibility rules, and the two that no solve could get around.
    static func visitEligibility(_ c: Case, _ elig: Eligibility, familyIndex fIndex: [String: Int])
        -> (eligible: [[Int]], rejections: [[ReasonCode: [Int]]], bySitter: [[Int]])
    {
        var ve: [[Int]] = []
        var vr: [[ReasonCode: [Int]]] = []
        var sv = Array(repeating: [Int](), count: c.sitters.count)
        for (vi, v) in c.visits.enumerated() {
            let f = c.families[fIndex[v.family]!]
            var ok: [Int] = []
            var why: [ReasonCode: [Int]] = [:]
            for (si, s) in c.sitters.enumerated() {
                if let r = elig.check(s, visit: v, family: f) {
                    why[r, default: []].append(si)
                } else if s.trainee && v.sitters < 2 {
                    // A trainee needs a non-trainee beside them, so never fits a one-sitter
                    // visit. Saying so here also closes the LP gap of a "half trainee".
                    why[.traineeOnly, default: []].append(si)
                } else if v.minutes > c.maxMinutesPerDay(s) || v.minutes > c.maxMinutesPerWeek(s) {
                    // Longer than the sitter may work in a day or a week: never theirs.
                    why[.overLimit, default: []].append(si)
                } else {
                    ok.append(si)
                    sv[si].append(vi)
                }
            }
            ve.append(ok)
            vr.append(why)
        }
        return (ve, vr, sv)
    }

    /// Who may take each on-call shift, the first rule each other sitter fails, and each sitter's shifts.
    static func shiftEligibility(_ c: Case, _ elig: Eligibility)
        -> (eligible: [[Int]], rejections: [[ReasonCode: [Int]]], bySitter: [[Int]])
    {
        var se: [[Int]] = []
        var sr: [[ReasonCode: [Int]]] = []
        var ss = Array(repeating: [Int](), count: c.sitters.count)
        for (oi, o) in c.onCallShifts.enumerated() {
            var ok: [Int] = []
            var why: [ReasonCode: [Int]] = [:]
            for (si, s) in c.sitters.enumerated() {
                if let r = elig.check(s, shift: o) {
                    why[r, default: []].append(si)
                } else {
                    ok.append(si)
                    ss[si].append(oi)
                }
            }
            se.append(ok)
            sr.append(why)
        }
        return (se, sr, ss)
    }

    public func travelMinutes(visit a: Int, visit b: Int) -> Int { rules.travelMinutes(visit: a, visit: b) }

    /// True when one sitter cannot do both visits (`WeekRules.visitsConflict`).
    public func visitsConflict(_ a: Int, _ b: Int) -> Bool { rules.visitsConflict(a, b) }

    public func visitsOverlap(_ a: Int, _ b: Int) -> Bool { rules.visitsOverlap(a, b) }

    public func maxDay(_ s: Int) -> Int { rules.limits[s].day }
    public func maxWeek(_ s: Int) -> Int { rules.limits[s].week }
    public func maxShifts(_ s: Int) -> Int? { rules.limits[s].shifts }
    public func isTrainee(_ s: Int) -> Bool { theCase.sitters[s].trainee }
    /// May supervise a trainee: an employee who is not a trainee (`people.md`).
    public func canSupervise(_ s: Int) -> Bool { theCase.sitters[s].canSupervise }
    /// The sitters who may take `it`.
    public func eligible(_ it: WeekRules.Item) -> [Int] {
        it.isVisit ? visitEligible[it.index] : shiftEligible[it.index]
    }
    /// How many sitters `it` needs: a visit's `sitters`, a shift's `staff`.
    public func need(_ it: WeekRules.Item) -> Int {
        it.isVisit ? theCase.visits[it.index].sitters : theCase.onCallShifts[it.index].staff
    }
    /// The items sitter `s` may take: their visits, then their shifts, each in index order.
    public func sitterItems(_ s: Int) -> [WeekRules.Item] {
        sitterVisits[s].map { .visit($0) } + sitterShifts[s].map { .shift($0) }
    }
}
