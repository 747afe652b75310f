import Foundation

/// Case text made safe inside an HTML page, as text or as an attribute value
/// (always written between double quotes): `& < > " '` become entities, and
/// control characters (C0, DEL, C1, line separators, bidi overrides) become visible
/// `\u{..}` text as on the terminal, so a name can neither open a tag nor reorder
/// the text around it.
public enum HTMLText {
    /// The start of one of relief's self-contained pages, through `<body>`: the
    /// document type, language, charset, generator, title and the inline style
    /// (no script, nothing loaded from the network). `title` comes escaped.
    public static func pageStart(lang: String, title: String, css: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(lang)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="relief \(ReliefVersion.current)">
        <title>\(title)</title>
        <style>
        \(css)
        </style>
        </head>
        <body>

        """
    }

    public static func escape(_ text: String, limit: Int? = nil) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in TerminalText.safe(text, limit: limit).unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A name or other free text of the case, cut as the terminal cuts it.
    public static func name(_ text: String) -> String { escape(text, limit: TerminalText.fieldLimit) }
}
