import ReliefCore

/// Writes a case as the data section of `Models/relief.mod`, so that
/// `glpsol -m Models/relief.mod -d FILE.dat` solves the same compact model as
/// relief (levels 1-4). Eligibility, the clique membership of `no_overlap` and
/// the travel-conflict pairs (`CompactModel.conflictCliques`) are relief's; every other rule is stated in the
/// model from the numbers written here.
public enum MathProgData {
    /// The `.dat` text for one compact model. Deterministic: case order throughout.
    public static func text(_ cm: CompactModel) throws(MathProgDataError) -> String {
        let c = cm.index.theCase
        let sitterIDs = try c.sitters.map { s throws(MathProgDataError) in try quote(s.id) }
        let visitIDs = try c.visits.map { v throws(MathProgDataError) in try quote(v.id) }
        let shiftIDs = try c.onCallShifts.map { o throws(MathProgDataError) in try quote(o.id) }
        var w = Writer(cm: cm, sitterIDs: sitterIDs, visitIDs: visitIDs, shiftIDs: shiftIDs)
        w.out += "# relief.case/1 \(printable(c.name, limit: 80)): data for Models/relief.mod\n"
        w.out += "# glpsol -m Models/relief.mod -d THIS.dat\n"
        w.out += "data;\n\n"
        w.theCase()
        w.eligibility()
        w.cliques()
        w.travelConflicts()
        w.runWindows()
        w.restBlocks()
        try w.programs()
        w.out += "\nend;\n"
        return w.out
    }

    /// The data section being written, section by section, with the case's ids quoted.
    struct Writer {
        let cm: CompactModel
        let sitterIDs: [String]
        let visitIDs: [String]
        let shiftIDs: [String]
        var out = ""

        var ix: PlanningIndex { cm.index }
        var c: Case { cm.index.theCase }

        mutating func set(_ name: String, _ items: [String], perLine: Int = 8) {
            out += "set \(name) :="
            for (k, item) in items.enumerated() {
                out += k % perLine == 0 ? "\n    " : " "
                out += item
            }
            out += ";\n"
        }

        mutating func param(_ name: String, _ keys: [String], _ values: [String]) {
            out += "param \(name) :="
            for (k, v) in zip(keys, values) { out += "\n    \(k) \(v)" }
            out += ";\n"
        }

        func pair(_ a: String, _ b: String) -> String { "(\(a), \(b))" }

        /// The case: sitters, visits, shifts and their numbers.
        mutating func theCase() {
            let ix = ix
            let c = c
            set("SITTERS", sitterIDs)
            set("VISITS", visitIDs)
            set("SHIFTS", shiftIDs)
            out += "\n"
            param("need", visitIDs, c.visits.map { String($0.sitters) })
            param("priority", visitIDs, c.visits.map { "'\($0.priority.rawValue)'" })
            param("visit_minutes", visitIDs, ix.visitMinutes.map(String.init))
            param("visit_day", visitIDs, ix.visitDay.map { "'\(LocalDate(day: $0))'" })
            param("staff", shiftIDs, c.onCallShifts.map { String($0.staff) })
            param("shift_minutes", shiftIDs, ix.shiftMinutes.map(String.init))
            out += "\n"
            set("TRAINEES", c.sitters.indices.filter(ix.isTrainee).map { sitterIDs[$0] })
            let volunteers = c.sitters.indices.filter { c.sitters[$0].isVolunteer }
            if !volunteers.isEmpty { set("VOLUNTEERS", volunteers.map { sitterIDs[$0] }) }
            param("max_day", sitterIDs, c.sitters.indices.map { String(ix.maxDay($0)) })
            param("max_week", sitterIDs, c.sitters.indices.map { String(ix.maxWeek($0)) })
            let limited = c.sitters.indices.compactMap { s in ix.maxShifts(s).map { (s, $0) } }
            set("SHIFT_LIMITED", limited.map { sitterIDs[$0.0] })
            param("shift_limit", limited.map { sitterIDs[$0.0] }, limited.map { String($0.1) })
        }

        /// What relief computes: eligible pairs (one line per visit or shift), locks.
        mutating func eligibility() {
            let ix = ix
            let c = c
            out += "\n"
            out += "set ELIGIBLE_VISIT :="
            for vi in c.visits.indices where !ix.visitEligible[vi].isEmpty {
                let line = ix.visitEligible[vi].map { pair(sitterIDs[$0], visitIDs[vi]) }.joined(separator: " ")
                out += "\n    " + line
            }
            out += ";\n"
            out += "set ELIGIBLE_SHIFT :="
            for oi in c.onCallShifts.indices where !ix.shiftEligible[oi].isEmpty {
                let line = ix.shiftEligible[oi].map { pair(sitterIDs[$0], shiftIDs[oi]) }.joined(separator: " ")
                out += "\n    " + line
            }
            out += ";\n"
            // As CompactModel: a lock binds an eligible pair (the case reader rejects any other).
            let locked = cm.x.keys.filter { ix.locked.contains($0) }.sorted {
                ($0.item, $0.sitter) < ($1.item, $1.sitter)
            }
            set("LOCKED", locked.map { pair(sitterIDs[$0.sitter], visitIDs[$0.item]) }, perLine: 4)
        }

        /// Clique rows of no_overlap, exactly CompactModel's.
        mutating func cliques() {
            out += "\n"
            var cliqueKeys: [String] = []
            var cliqueVisits: [(String, [String])] = []
            var cliqueShifts: [(String, [String])] = []
            for si in c.sitters.indices {
                for (t, members) in cm.conflicts[si].cliques {
                    let key = "\(sitterIDs[si]), \(t)"
                    cliqueKeys.append("(\(key))")
                    let vs = members.filter(\.isVisit).map { visitIDs[$0.index] }
                    let os = members.filter { !$0.isVisit }.map { shiftIDs[$0.index] }
                    if !vs.isEmpty { cliqueVisits.append((key, vs)) }
                    if !os.isEmpty { cliqueShifts.append((key, os)) }
                }
            }
            set("CLIQUES", cliqueKeys, perLine: 4)
            for (key, vs) in cliqueVisits { out += "set CLIQUE_VISITS[\(key)] := \(vs.joined(separator: " "));\n" }
            for (key, os) in cliqueShifts { out += "set CLIQUE_SHIFTS[\(key)] := \(os.joined(separator: " "));\n" }
        }

        /// Programs and budgets (`weeks.md`): written only when the case has programs,
        /// so that a case without them gives the same text as before.
        mutating func programs() throws(MathProgDataError) {
            let c = c
            guard !c.programs.isEmpty else { return }
            out += "\n"
            var billed: [String] = []
            for (vi, v) in c.visits.enumerated() {
                guard let p = c.billedProgram(v, family: c.families[ix.visitFamily[vi]]) else { continue }
                billed.append("(\(visitIDs[vi]), \(try MathProgData.quote(v.family)), \(try MathProgData.quote(p)))")
            }
            set("BILLED", billed, perLine: 3)
            let budgeted = c.programs.compactMap { p in p.budgetMinutes.map { (p.id, $0) } }
            let capped = c.programs.compactMap { p in p.familyMinutesPerWeek.map { (p.id, $0) } }
            let budgetedIDs = try budgeted.map { p throws(MathProgDataError) in try MathProgData.quote(p.0) }
            let cappedIDs = try capped.map { p throws(MathProgDataError) in try MathProgData.quote(p.0) }
            set("BUDGETED", budgetedIDs)
            param("budget_minutes", budgetedIDs, budgeted.map { String($0.1) })
            set("CAPPED", cappedIDs)
            param("family_cap", cappedIDs, capped.map { String($0.1) })
        }

        /// Run limits and the windows of max_run (people.md): written only when a sitter
        /// has a limit, so that a case without one gives the same text as before.
        mutating func runWindows() {
            let rules = ix.rules
            let limited = c.sitters.indices.compactMap { s in rules.limits[s].run.map { (s, $0) } }
            guard !limited.isEmpty else { return }
            out += "\n"
            set("RUN_LIMITED", limited.map { sitterIDs[$0.0] })
            param("run_limit", limited.map { sitterIDs[$0.0] }, limited.map { String($0.1) })
            var keys: [String] = []
            var members: [(String, [String])] = []
            for (s, m) in limited {
                for (k, w) in rules.runWindows(of: ix.sitterShifts[s], length: m + 1).enumerated() {
                    let key = "\(sitterIDs[s]), \(k + 1)"
                    keys.append("(\(key))")
                    members.append((key, w.map { shiftIDs[$0] }))
                }
            }
            set("RUN_WINDOWS", keys, perLine: 4)
            for (key, os) in members { out += "set RUN_WINDOW_SHIFTS[\(key)] := \(os.joined(separator: " "));\n" }
        }

        /// Weekly rest blocks, exactly CompactModel's (`WeekRules.restBlocks`): written only
        /// when a sitter's rest can bind, so that a case without one gives the same text as before.
        mutating func restBlocks() {
            let rested = cm.rest.keys.sorted()
            guard !rested.isEmpty else { return }
            out += "\n"
            set("RESTED", rested.map { sitterIDs[$0] })
            var keys: [String] = []
            var members: [(String, [String], [String])] = []
            for s in rested {
                for (k, items) in cm.rest[s]!.blocks.overlapping.enumerated() {
                    let key = "\(sitterIDs[s]), \(k + 1)"
                    keys.append("(\(key))")
                    let visits = items.filter(\.isVisit).map { visitIDs[$0.index] }
                    members.append((key, visits, items.filter { !$0.isVisit }.map { shiftIDs[$0.index] }))
                }
            }
            set("REST_BLOCKS", keys, perLine: 4)
            for (key, vs, os) in members {
                if !vs.isEmpty { out += "set REST_BLOCK_VISITS[\(key)] := \(vs.joined(separator: " "));\n" }
                if !os.isEmpty { out += "set REST_BLOCK_SHIFTS[\(key)] := \(os.joined(separator: " "));\n" }
            }
            restCliques(rested)
        }

        /// The rest rows' cliques (`CompactModel.RestRows.cliques`) and the items they imply.
        mutating func restCliques(_ rested: [Int]) {
            var keys: [String] = []
            var blocks: [(String, [Int])] = []
            var impliedVisits: [String] = []
            var impliedShifts: [String] = []
            for s in rested {
                let r = cm.rest[s]!
                for q in r.cliques {
                    let key = "\(sitterIDs[s]), \(q.key)"
                    keys.append("(\(key))")
                    blocks.append((key, q.blocks.map { $0 + 1 }))
                }
                for it in ix.sitterItems(s) where r.implied.contains(it) {
                    let pair = "(\(sitterIDs[s]), \(it.isVisit ? visitIDs[it.index] : shiftIDs[it.index]))"
                    if it.isVisit { impliedVisits.append(pair) } else { impliedShifts.append(pair) }
                }
            }
            set("REST_CLIQUES", keys, perLine: 4)
            for (key, ks) in blocks {
                out += "set REST_CLIQUE_BLOCKS[\(key)] := \(ks.map(String.init).joined(separator: " "));\n"
            }
            set("REST_IMPLIED_VISITS", impliedVisits, perLine: 4)
            set("REST_IMPLIED_SHIFTS", impliedShifts, perLine: 4)
        }

        /// Travel conflicts that no clique holds, exactly CompactModel's.
        mutating func travelConflicts() {
            out += "\n"
            var conflicts: [String] = []
            for si in c.sitters.indices {
                for (a, b) in cm.conflicts[si].pairs {
                    conflicts.append("(\(sitterIDs[si]), \(visitIDs[a]), \(visitIDs[b]))")
                }
            }
            set("TRAVEL_CONFLICTS", conflicts, perLine: 3)
        }
    }

    /// A MathProg string literal: single quotes, an inner quote doubled. GLPK
    /// refuses control characters and literals over 100 characters, so those
    /// are reported here instead of as a glpsol syntax error later.
    public static func quote(_ symbol: String) throws(MathProgDataError) -> String {
        guard !symbol.isEmpty, symbol.utf8.count <= 100, symbol.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else {
            throw .unquotable(symbol)
        }
        var out = "'"
        for ch in symbol {
            out.append(ch)
            if ch == "'" { out.append("'") }
        }
        return out + "'"
    }

    /// At most `limit` characters, anything but printable ASCII shown as '?': safe in a comment or message.
    static func printable(_ s: String, limit: Int) -> String {
        String(
            String.UnicodeScalarView(
                s.unicodeScalars.prefix(limit).map { $0.value >= 0x20 && $0.value < 0x7F ? $0 : "?" }))
    }
}

public enum MathProgDataError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An identifier GLPK cannot read back as a symbol.
    case unquotable(String)

    public var description: String {
        switch self {
        case .unquotable(let s):
            return
                "identifier '\(MathProgData.printable(s, limit: 40))' cannot be written as a MathProg symbol (1 to 100 printable ASCII characters)"
        }
    }
}
