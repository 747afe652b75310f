import Foundation
import ReliefCore

/// Hours from minutes, as the tables show them.
enum WhatIfHours {
    static func json(_ minutes: Int) -> JSONValue { .number((Double(minutes) / 60 * 100).rounded() / 100) }
    static func text(_ minutes: Int) -> String { String(format: "%.1f", Double(minutes) / 60) }
    static func signed(_ n: Int) -> String { n > 0 ? "+\(n)" : "\(n)" }
    static func seconds(_ s: Double?) -> String { s.map { String(format: "%.2f", $0) } ?? "" }
}

/// `relief.whatif/1`: the contract's members (`format`, `case`, `base`, `scenarios`,
/// each entry's `name`, `status`, `levels`, `delta`, `errors`), plus `needed`,
/// `unfilledHours`, `onCallMinutesUnstaffed`, `hours`, `travelMinutes`, `seconds`; for a
/// case with programs or ledgers (`weeks.md`), `levels.fairSharePermille` (and its `delta`)
/// and `programs` (each one's served minutes, budgets and change against the base).
/// Nothing but `seconds` depends on the machine or on `--jobs`.
public enum WhatIfJSON {
    /// Levels 1-4, and with `fairShare` the fair-share level when `l` has it.
    public static func levels(_ l: Levels, fairShare: Bool = false) -> JSONValue {
        var f: [(String, JSONValue)] = [
            ("onCallMinutes", .number(Double(l.onCallMinutes))), ("urgentSlots", .number(Double(l.urgentSlots))),
            ("highSlots", .number(Double(l.highSlots))), ("normalSlots", .number(Double(l.normalSlots))),
        ]
        if fairShare, let p = l.fairSharePermille { f.append(("fairSharePermille", .number(Double(p)))) }
        return .object(f)
    }

    /// Each program's use (`weeks.md`): served minutes, its budgets, and for a scenario the
    /// change of served minutes against the base.
    static func programs(_ e: WhatIfEntry, in r: WhatIfResult, isBase: Bool) -> JSONValue {
        .array(
            r.programs.compactMap { id in
                guard let (u, delta) = r.programUse(e, id) else { return nil }
                var o: [(String, JSONValue)] = [
                    ("program", .string(id)), ("servedMinutes", .number(Double(u.servedMinutes))),
                ]
                if let b = u.budgetMinutes { o.append(("budgetMinutes", .number(Double(b)))) }
                if let f = e.metrics?.familyMinutesPerWeek[id] {
                    o.append(("familyMinutesPerWeek", .number(Double(f))))
                }
                if !isBase, let delta { o.append(("deltaServedMinutes", .number(Double(delta)))) }
                return .object(o)
            })
    }

    static func hours(_ m: [String: Int]) -> JSONValue {
        .object(m.keys.sorted().map { ($0, WhatIfHours.json(m[$0]!)) })
    }

    static func entry(_ e: WhatIfEntry, in r: WhatIfResult, isBase: Bool) -> JSONValue {
        var f: [(String, JSONValue)] = [("name", .string(e.name)), ("status", .string(e.status.rawValue))]
        if let m = e.metrics {
            f.append(("levels", levels(m.levels, fairShare: true)))
            if !isBase, let d = r.delta(e) { f.append(("delta", levels(d, fairShare: true))) }
            f.append(("needed", levels(m.needed)))
            f.append(
                (
                    "unfilledHours",
                    .object([
                        ("total", WhatIfHours.json(m.unfilledMinutes)),
                        (
                            "byPriority",
                            .object(
                                Priority.allCases.map {
                                    ($0.rawValue, WhatIfHours.json(m.unfilledMinutesByPriority[$0] ?? 0))
                                })
                        ),
                        ("byCompetency", hours(m.unfilledMinutesByCompetency)),
                        ("byTerritory", hours(m.unfilledMinutesByTerritory)),
                    ])
                ))
            f.append(("onCallMinutesUnstaffed", .number(Double(m.onCallMinutesUnstaffed))))
            f.append(
                (
                    "hours",
                    .object([
                        ("used", WhatIfHours.json(m.minutesUsed)), ("contract", WhatIfHours.json(m.contractMinutes)),
                    ])
                ))
            f.append(("travelMinutes", .number(Double(m.travelMinutes))))
            f.append(("travelCounted", .string("home-to-visit")))
            if !m.programs.isEmpty { f.append(("programs", programs(e, in: r, isBase: isBase))) }
        }
        if let g = e.gap { f.append(("gap", .number((g * 1e6).rounded() / 1e6))) }
        if let s = e.stoppedBy { f.append(("stoppedBy", .string(s))) }
        for (key, list) in [("errors", e.errors), ("warnings", e.warnings)] where !list.isEmpty {
            f.append(
                (
                    key,
                    .array(
                        list.map {
                            .object([
                                ("path", .string($0.path)), ("message", .string($0.message)), ("fix", .string($0.fix)),
                            ])
                        })
                ))
        }
        if let s = e.seconds { f.append(("seconds", .number((s * 1000).rounded() / 1000))) }
        return .object(f)
    }

    public static func document(_ r: WhatIfResult) -> JSONValue {
        .object([
            ("format", .string("relief.whatif/1")),
            ("case", .string(r.caseName)),
            ("base", entry(r.base, in: r, isBase: true)),
            ("scenarios", .array(r.scenarios.map { entry($0, in: r, isBase: false) })),
        ])
    }
}

/// RFC 4180: comma, CRLF, quotes where needed, no byte-order mark; one row per scenario
/// (the base first). A text cell a spreadsheet would run as a formula gets a leading `'` (`CSV.formulaSafe`).
public enum WhatIfCSV {
    public static func document(_ r: WhatIfResult) -> String {
        let comps = r.competencies
        let terrs = r.territories
        var header = [
            "scenario", "status", "on-call minutes", "urgent slots", "high slots", "normal slots",
            "delta on-call minutes", "delta urgent slots", "delta high slots", "delta normal slots",
            "unfilled hours urgent", "unfilled hours high", "unfilled hours normal", "on-call minutes unstaffed",
            "hours used", "contract hours", "travel minutes (home to visit)", "seconds",
        ]
        header += comps.map { "unfilled hours competency \($0)" }
        header += terrs.map { "unfilled hours territory \($0)" }
        let share = r.hasFairShare
        let programs = r.programs
        if share { header += ["fair share permille", "delta fair share permille"] }
        for p in programs {
            header += [
                "served minutes program \(p)", "budget minutes program \(p)", "delta served minutes program \(p)",
            ]
        }
        header += ["errors", "warnings"]
        var rows = [header.map(text)]
        for e in r.entries {
            var row = [text(e.name), e.status.rawValue]
            if let m = e.metrics {
                row += m.levels.vector.map(String.init)
                row += r.delta(e).map { $0.vector.map(String.init) } ?? ["", "", "", ""]
                row += Priority.allCases.map { WhatIfHours.text(m.unfilledMinutesByPriority[$0] ?? 0) }
                row += [
                    String(m.onCallMinutesUnstaffed), WhatIfHours.text(m.minutesUsed),
                    WhatIfHours.text(m.contractMinutes), String(m.travelMinutes), WhatIfHours.seconds(e.seconds),
                ]
                row += comps.map { WhatIfHours.text(m.unfilledMinutesByCompetency[$0] ?? 0) }
                row += terrs.map { WhatIfHours.text(m.unfilledMinutesByTerritory[$0] ?? 0) }
                if share {
                    row += [m.levels.fairSharePermille, r.delta(e)?.fairSharePermille].map { $0.map(String.init) ?? "" }
                }
                for p in programs {
                    let u = r.programUse(e, p)
                    row += [u?.use.servedMinutes, u?.use.budgetMinutes, u?.delta].map { $0.map(String.init) ?? "" }
                }
            } else {
                row += Array(
                    repeating: "", count: 16 + comps.count + terrs.count + (share ? 2 : 0) + 3 * programs.count)
            }
            for list in [e.errors, e.warnings] {
                row.append(text(list.map { "\($0.path): \($0.message)" }.joined(separator: "; ")))
            }
            rows.append(row)
        }
        return CSV.write(rows, style: CSV.Style(delimiter: ",", byteOrderMark: false, lineEnd: "\r\n"))
    }

    static func text(_ s: String) -> String { CSV.formulaSafe(s) }
}

/// The comparison as aligned columns for a terminal; every piece of case text escaped.
public enum WhatIfText {
    public static func table(_ r: WhatIfResult, language: Language = .fr) -> String {
        let w = WhatIfTextWords(language)
        func name(_ s: String) -> String { TerminalText.safe(s, limit: 40) }
        func status(_ e: WhatIfEntry) -> String { w.page.status[e.status] ?? e.status.rawValue }
        var out = w.heading(TerminalText.safe(r.caseName, limit: TerminalText.fieldLimit), r.scenarios.count) + "\n\n"
        let share = r.hasFairShare
        var head = w.columns
        if share { head.insert(w.weeks.share, at: 6) }
        var rows: [[String]] = []
        for (i, e) in r.entries.enumerated() {
            let d = i == 0 ? nil : r.delta(e)
            func lv(_ v: Int?, _ change: Int?) -> String {
                guard let v else { return "-" }
                return change.map { "\(v) (\(WhatIfHours.signed($0)))" } ?? "\(v)"
            }
            if let m = e.metrics {
                var row = [name(e.name), status(e)] + (0..<4).map { lv(m.levels.vector[$0], d?.vector[$0]) }
                if share { row.append(lv(m.levels.fairSharePermille, d?.fairSharePermille)) }
                rows.append(
                    row + [
                        Priority.allCases.map { WhatIfHours.text(m.unfilledMinutesByPriority[$0] ?? 0) }.joined(
                            separator: " / "),
                        String(m.onCallMinutesUnstaffed),
                        "\(WhatIfHours.text(m.minutesUsed)) / \(WhatIfHours.text(m.contractMinutes))",
                        String(m.travelMinutes), WhatIfHours.seconds(e.seconds),
                    ])
            } else {
                rows.append([name(e.name), status(e)] + Array(repeating: "-", count: head.count - 3) + [""])
            }
        }
        out += aligned([head] + rows, leftColumns: 2)
        out += w.note + (share ? w.weeks.shareNote : "")
        out += programs(r, w, name)
        for (title, keys, pick) in [
            (
                w.page.byCompetency, r.competencies,
                { (m: WhatIfMetrics) in m.unfilledMinutesByCompetency }
            ),
            (
                w.page.byTerritory, r.territories,
                { (m: WhatIfMetrics) in m.unfilledMinutesByTerritory }
            ),
        ] as [(String, [String], (WhatIfMetrics) -> [String: Int])] {
            out += "\n\(title.prefix(1).lowercased())\(title.dropFirst())\(w.colon)\n"
            guard !keys.isEmpty else {
                out += "  \(w.none)\n"
                continue
            }
            var t = [[w.columns[0]] + keys.map { TerminalText.safe($0, limit: 24) }]
            for e in r.entries {
                guard let m = e.metrics else { continue }
                let values = pick(m)
                t.append([name(e.name)] + keys.map { WhatIfHours.text(values[$0] ?? 0) })
            }
            out += aligned(t, leftColumns: 1)
        }
        for (title, list) in [(w.notSolved, \WhatIfEntry.errors), (w.warnings, \WhatIfEntry.warnings)] {
            let rows = r.entries.filter { !$0[keyPath: list].isEmpty }
            guard !rows.isEmpty else { continue }
            out += "\n\(title)\(w.colon)\n"
            for e in rows {
                for d in e[keyPath: list] {
                    out += "  \(name(e.name)) (\(status(e)))\(w.colon) \(TerminalText.safe(d.path)): "
                    out += "\(TerminalText.safe(d.message))\n"
                    if !d.fix.isEmpty { out += "    \(w.fix)\(w.colon) \(TerminalText.safe(d.fix))\n" }
                }
            }
        }
        return out
    }

    /// Each program's served minutes against its budget, per row (`weeks.md`); empty without programs.
    static func programs(_ r: WhatIfResult, _ w: WhatIfTextWords, _ name: (String) -> String) -> String {
        let ids = r.programs
        guard !ids.isEmpty else { return "" }
        var t = [[w.columns[0]] + ids.map { TerminalText.safe($0, limit: 24) }]
        for (i, e) in r.entries.enumerated() where e.metrics != nil {
            t.append(
                [name(e.name)]
                    + ids.map { id in
                        guard let (u, delta) = r.programUse(e, id) else { return "-" }
                        return programCell(u, delta: i > 0 ? delta : nil, w.weeks)
                    })
        }
        return "\n\(w.weeks.programs)\(w.colon)\n" + aligned(t, leftColumns: 1)
    }

    /// `served / budget` (the budget or the words for none) and the change against the base, `(+120)`.
    static func programCell(_ u: ProgramUse, delta: Int?, _ w: WhatIfWeeksWords) -> String {
        let head = "\(u.servedMinutes) / \(u.budgetMinutes.map(String.init) ?? w.noLimit)"
        return delta.map { "\(head) (\(WhatIfHours.signed($0)))" } ?? head
    }

    /// Columns padded to their widest cell; the first `leftColumns` left-aligned, numbers right.
    static func aligned(_ rows: [[String]], leftColumns: Int) -> String {
        let n = rows.map(\.count).max() ?? 0
        var width = [Int](repeating: 0, count: n)
        for row in rows { for (i, c) in row.enumerated() { width[i] = max(width[i], c.count) } }
        var out = ""
        for row in rows {
            var line = ""
            for (i, c) in row.enumerated() {
                let pad = String(repeating: " ", count: width[i] - c.count)
                if i > 0 { line += "  " }
                line += i < leftColumns ? c + pad : pad + c
            }
            while line.hasSuffix(" ") { line.removeLast() }
            out += line + "\n"
        }
        return out
    }
}
