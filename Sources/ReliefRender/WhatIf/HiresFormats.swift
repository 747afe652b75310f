import Foundation
import ReliefCore

/// A profile's availability as the hires table and `relief.hires/1` show it.
enum HiresAvailability {
    /// `Mon 08:00–22:00, Tue 22:00–Wed 06:00` in the case's time zone (`lun. 08:00–22:00` in French).
    static func summary(
        _ spans: [TimeSpan], _ clock: CaseClock, weekdays: [String] = Language.en.weekdayAbbreviations,
        none: String = "none"
    ) -> String {
        func weekday(_ d: LocalDate) -> String { weekdays[d.weekday] }
        if spans.isEmpty { return none }
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
        if p.kind == .volunteer { f.append(("kind", .string(p.kind.rawValue))) }
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
    public static func document(_ h: HireSuggestions, clock: CaseClock, language: Language = .fr) -> String {
        let w = HiresWords(language)
        func safe(_ s: String) -> String { TerminalText.safe(s) }
        func levels(_ l: Levels, _ f: (Int) -> String = { "\($0)" }) -> String {
            w.levels(f(l.onCallMinutes), f(l.urgentSlots), f(l.highSlots), f(l.normalSlots))
        }
        let status = { (s: Schedule.Status) in w.status[s] ?? s.rawValue }
        let label = w.labels
        var out = w.heading(safe(h.caseName), h.requested) + "\n"
        out += w.base(status(h.baseStatus)) + levels(h.baseLevels) + "\n"
        for x in h.hires {
            let p = x.profile
            let what =
                (p.source == .clone ? w.like(safe(p.like ?? "")) : w.newProfile)
                + (p.kind == .volunteer ? ", " + language.words.volunteer : "")
            out += "\n\(x.step). \(safe(x.id)) (\(what))\n"
            let comps = p.competencies.isEmpty ? w.none : p.competencies.sorted().map(safe).joined(separator: ", ")
            out += "   \(label[0])\(comps)\n"
            let serves = p.territories.map(safe).joined(separator: ", ")
            out += "   \(label[1])\(w.territories(safe(p.homeTerritory), serves))\n"
            let from = p.availabilityFrom.map { w.availableAs(safe($0)) } ?? ""
            let spans = HiresAvailability.summary(p.availability, clock, weekdays: w.weekdays, none: w.none)
            out += "   \(label[2])\(spans)\(from)\n"
            if let t = p.targetMinutesPerWeek {
                let hours = WhatIfHours.text(t)
                out +=
                    "   \(label[3])\(w.contract(w.decimalComma ? hours.replacingOccurrences(of: ".", with: ",") : hours))\n"
            }
            out += "   \(label[4])\(levels(x.gain, WhatIfHours.signed))\n"
            out += "   \(label[5])\(levels(x.levels)) (\(status(x.status)))\n"
            out += "   \(label[6])\(x.fills.isEmpty ? "-" : x.fills.map(safe).joined(separator: ", "))\n"
            if !x.fillsFreed.isEmpty {
                out += "   \(label[7])\(x.fillsFreed.map(safe).joined(separator: ", "))\(w.freed)\n"
            }
            out += "   \(label[8])\(x.candidates)" + (x.failedSolves > 0 ? w.failed(x.failedSolves) : "") + "\n"
        }
        switch h.stop {
        case .requested: out += "\n" + w.suggested(h.hires.count) + "\n"
        case .noGain: out += "\n" + w.noGain(h.hires.count, h.requested) + "\n"
        case .noCandidate: out += "\n" + w.noCandidate(h.hires.count, h.requested) + "\n"
        }
        out += w.candidates(w.rule(h.cap)) + "\n"
        return out
    }
}
