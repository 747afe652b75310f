import Foundation

/// Text from a case (its name, competency and credential names, values quoted in
/// diagnostics) made safe to print: every control character becomes visible
/// `\u{..}` text, so a case cannot move the cursor, clear the screen, reorder
/// text with bidi overrides or forge a line such as `status: optimal (proven)`.
/// Long free-text fields are cut to `fieldLimit` characters and "…".
public enum TerminalText {
    public static let fieldLimit = 80

    /// `text` with every control character escaped; cut to `limit` characters if given.
    public static func safe(_ text: String, limit: Int? = nil) -> String {
        var source = Substring(text)
        var cut = false
        if let limit, text.count > limit {
            source = text.prefix(limit)
            cut = true
        }
        var out = ""
        out.reserveCapacity(source.utf8.count)
        for scalar in source.unicodeScalars {
            if isControl(scalar) {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return cut ? out + "…" : out
    }

    /// `text` (a sentence relief composed) escaped, with each of `names` (free text
    /// of the case inside it) longer than `fieldLimit` cut as a field would be.
    public static func safe(_ text: String, cutting names: some Collection<String>) -> String {
        var t = text
        for name in names.filter({ $0.count > fieldLimit }).sorted(by: { $0.count > $1.count }) {
            t = t.replacingOccurrences(of: name, with: String(name.prefix(fieldLimit)) + "…", options: .literal)
        }
        return safe(t)
    }

    /// C0, DEL, C1, the line and paragraph separators and the bidi embeddings,
    /// overrides and isolates.
    public static func isControl(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}
