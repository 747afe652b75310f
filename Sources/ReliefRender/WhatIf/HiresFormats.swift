import Foundation
import ReliefCore

/// A profile's availability as the hires table and `relief.hires/1` show it.
enum HiresAvailability {
    static func weekday(_ d: LocalDate) -> String { Language.en.weekdayAbbreviations[d.weekday] }

    /// `Mon 08:00–22:00, Tue 22:00–Wed 06:00` in the case's time zone.
    static func summary(_ spans: [TimeSpan], _ clock: CaseClock) -> String {
        if spans.isEmpty { return "none" }
        return spans.map { s in
            let a = clock.formatLocal(s.start)
            let b = clock.formatLocal(s.end)
            let da = clock.localDate(s.start)
            let db = clock.localDate(s.end)
            let ha = String(a.suffix(5))
            let hb = String(b.suffix(5))
            if da == db { return "\(weekday(da)) \(ha)–\(hb)" }
            if db.day == da.day + 1 && hb == "00:00" { return "\(weekday(da)) \(ha)–24:00" }
            return "\(weekday(da)) \(ha)–\(weekday(db)) \(hb)"
        }.joined(separator: ", ")
    }
}

/// `relief.hires/1` (README, "What if"). Nothing in it depends on the machine or on `--jobs`.
public enum HiresJSON {
    public static func document(_ h: HireSuggestions, clock: CaseClock) -> JSONValue {
        .object([
            ("format", .string("relief.hires/1")), ("case", .string(h.caseName)),
            ("requested", .number(Double(h.requested))),
            (
                "candidates",
                .object([("cap", .number(Double(h.cap))), ("rule", .string(HireSuggestions.rule(cap: h.cap)))])
            ),
            (
                "base",
                .object([("status", .string(h.baseStatus.rawValue)), ("levels", WhatIfJSON.levels(h.baseLevels))])
            ),
            ("hires", .array(h.hires.map { hire($0, clock) })),
            ("stopped", .string(h.stop.rawValue)),
            ("levels", WhatIfJSON.levels(h.hires.last?.levels ?? h.baseLevels)),
        ])
    }

    static func hire(_ x: SuggestedHire, _ clock: CaseClock) -> JSONValue {
        let p = x.profile
        var f: [(String, JSONValue)] = [
            ("step", .number(Double(x.step))), ("id", .string(x.id)), ("source", .string(p.source.rawValue)),
        ]
        if let like = p.like { f.append(("like", .string(like))) }
        if let from = p.availabilityFrom { f.append(("availabilityFrom", .string(from))) }
        f.append(("homeTerritory", .string(p.homeTerritory)))
        f.append(("territories", .array(p.territories.map { .string($0) })))
        f.append(("competencies", .array(p.competencies.sorted().map { .string($0) })))
        f.append(("credentials", .array(p.credentials.keys.sorted().map { .string($0) })))
        f.append(
            (
                "availability",
                .array(
                    p.availability.map {
                        .object([("start", .string(clock.format($0.start))), ("end", .string(clock.format($0.end)))])
                    })
            ))
        f.append(("availabilitySummary", .string(HiresAvailability.summary(p.availability, clock))))
        f.append(("targetMinutesPerWeek", p.targetMinutesPerWeek.map { .number(Double($0)) } ?? .null))
        f.append(("status", .string(x.status.rawValue)))
        f.append(("gain", WhatIfJSON.levels(x.gain)))
        f.append(("levels", WhatIfJSON.levels(x.levels)))
        f.append(("fills", .array(x.fills.map { .string($0) })))
        f.append(("fillsFreed", .array(x.fillsFreed.map { .string($0) })))
        f.append(("candidatesTried", .number(Double(x.candidates))))
        f.append(("failedSolves", .number(Double(x.failedSolves))))
        return .object(f)
    }
}

public enum HiresText {
    public static func document(_ h: HireSuggestions, clock: CaseClock) -> String {
        func safe(_ s: String) -> String { TerminalText.safe(s) }
        func levels(_ l: Levels) -> String {
            "on-call \(l.onCallMinutes) min, urgent \(l.urgentSlots), high \(l.highSlots), normal \(l.normalSlots)"
        }
        func gain(_ l: Levels) -> String {
            let s = WhatIfHours.signed
            return "on-call \(s(l.onCallMinutes)) min, urgent \(s(l.urgentSlots)), high \(s(l.highSlots)), "
                + "normal \(s(l.normalSlots))"
        }
        var out = "Hires for \(safe(h.caseName)): up to \(h.requested), greedily\n"
        out += "base (\(h.baseStatus.rawValue)): \(levels(h.baseLevels))\n"
        for x in h.hires {
            let p = x.profile
            let what = p.source == .clone ? "like \(safe(p.like ?? ""))" : "new profile from unfilled visits"
            out += "\n\(x.step). \(safe(x.id)) (\(what))\n"
            let comps = p.competencies.isEmpty ? "none" : p.competencies.sorted().map(safe).joined(separator: ", ")
            out += "   competencies: \(comps)\n"
            out +=
                "   territories:  home \(safe(p.homeTerritory)), serves "
                + p.territories.map(safe).joined(separator: ", ") + "\n"
            let from = p.availabilityFrom.map { " (as \(safe($0)))" } ?? ""
            out += "   available:    \(HiresAvailability.summary(p.availability, clock))\(from)\n"
            if let t = p.targetMinutesPerWeek { out += "   contract:     \(WhatIfHours.text(t)) h/week\n" }
            out += "   gain:         \(gain(x.gain))\n"
            out += "   levels:       \(levels(x.levels)) (\(x.status.rawValue))\n"
            out += "   fills:        \(x.fills.isEmpty ? "-" : x.fills.map(safe).joined(separator: ", "))\n"
            if !x.fillsFreed.isEmpty {
                out += "   also filled:  \(x.fillsFreed.map(safe).joined(separator: ", ")) (by sitters it frees)\n"
            }
            out +=
                "   candidates:   \(x.candidates)" + (x.failedSolves > 0 ? ", \(x.failedSolves) failed to solve" : "")
                + "\n"
        }
        switch h.stop {
        case .requested: out += "\n\(h.hires.count) hire\(h.hires.count == 1 ? "" : "s") suggested.\n"
        case .noGain:
            out += "\nStopped after \(h.hires.count) of \(h.requested): no candidate improves levels 1-4 any more.\n"
        case .noCandidate: out += "\nStopped after \(h.hires.count) of \(h.requested): no candidate profile.\n"
        }
        out += "Candidates: \(HireSuggestions.rule(cap: h.cap)).\n"
        return out
    }
}
