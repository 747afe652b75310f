import Foundation
import ReliefCore

/// Short, distinct territory initials (`Sainte-Foy` → `SF`, `Limoilou` → `LI`)
/// and a colour for each, in the case's order.
struct TerritoryKey {
    struct Entry {
        var territory: Territory
        var initials: String
        var fill: String
        var edge: String
    }

    let entries: [Entry]
    private let index: [String: Int]

    /// Light fills (black text on each keeps a contrast above 7:1) with a darker edge.
    static let palette: [(fill: String, edge: String)] = [
        ("#cfe3ff", "#1f5fbf"), ("#ffd9b3", "#b35900"), ("#c9f0d0", "#1e7a33"), ("#f4c9e8", "#9c2a7d"),
        ("#fff0a8", "#8a7400"), ("#d5ccff", "#5a3fbf"), ("#bdeeee", "#117a7a"), ("#ffc9c9", "#b02a2a"),
        ("#e3e3c0", "#5f5f1f"), ("#d9e8b0", "#4c6b00"), ("#e8d3bf", "#7a4a1f"), ("#cde0ea", "#2f5f7a"),
    ]

    init(_ territories: [Territory]) {
        var used: Set<String> = []
        var out: [Entry] = []
        for (i, t) in territories.enumerated() {
            let label = t.name.isEmpty ? t.id : t.name
            let words = label.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "'" || $0 == "’" })
                .filter { !["de", "du", "des", "la", "le", "les", "of", "the"].contains($0.lowercased()) }
            var candidates: [String] = []
            if words.count >= 2 { candidates.append(String(words.prefix(2).compactMap(\.first))) }
            let letters = Array(label.filter { $0.isLetter || $0.isNumber })
            if letters.count >= 2 {
                candidates.append(String([letters[0], letters[1]]))
                for j in 2..<min(letters.count, 12) { candidates.append(String([letters[0], letters[j]])) }
            }
            let fallback = (1...).lazy.map { "T\($0)" }.first { !used.contains($0) }!
            let initials =
                candidates.map { $0.uppercased() }.first { !used.contains($0) } ?? fallback
            used.insert(initials)
            let colour: (fill: String, edge: String)
            if i < Self.palette.count {
                colour = Self.palette[i]
            } else {
                // Beyond the palette: spread hues by the golden angle, light fill, dark edge.
                let hue = (Double(i) * 137.508).truncatingRemainder(dividingBy: 360)
                colour = (
                    String(format: "hsl(%.0f,70%%,86%%)", hue), String(format: "hsl(%.0f,60%%,32%%)", hue)
                )
            }
            out.append(Entry(territory: t, initials: initials, fill: colour.fill, edge: colour.edge))
        }
        entries = out
        index = Dictionary(out.enumerated().map { ($1.territory.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    func entry(_ territory: String?) -> Entry? { position(territory).map { entries[$0] } }
    /// The territory's place in the case's list: its colour class is `t` and this number.
    func position(_ territory: String?) -> Int? { territory.flatMap { index[$0] } }
}
