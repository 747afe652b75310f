/// The small checks every part of a case uses: ids, uniqueness, numbers, spans, references.
extension CaseValidator {
    /// Returns true when the id is usable.
    @discardableResult
    mutating func id(_ s: String, _ p: CasePath, colonTolerated: Bool = false) -> Bool {
        let q = CaseReader.quoted(s)
        if colonTolerated, s.contains(":"), CaseValidator.isValidID(s.replacingOccurrences(of: ":", with: "-")) {
            // The contract's own example names shifts "OC-2026-11-23T00:00"; accepted, but flagged.
            warning(
                p, "identifier \(q) contains ':', outside A-Z a-z 0-9 . _ -",
                fix: "rename it (for example with '-' instead of ':') before it is used in file names")
            return true
        }
        if s == "." || s == ".." {
            error(
                p, "identifier \(q) is not allowed: it names a folder, and identifiers appear in file names",
                fix: "use 1 to 64 characters from A-Z a-z 0-9 . _ - with at least one letter or digit")
            return false
        }
        guard CaseValidator.isValidID(s) else {
            error(
                p, "identifier \(q) is not allowed",
                fix: "use 1 to 64 characters from A-Z a-z 0-9 . _ - (identifiers appear in file names)")
            return false
        }
        if s.hasPrefix(".") {
            warning(
                p, "identifier \(q) starts with '.': files named after it are hidden",
                fix: "start it with a letter or digit")
        }
        return true
    }

    /// Errors for the second and later uses of one id in a list.
    mutating func unique(_ ids: [(String, CasePath)], what: String) {
        var seen: [String: CasePath] = [:]
        for (id, p) in ids where CaseValidator.isValidID(id.replacingOccurrences(of: ":", with: "-")) {
            if let first = seen[id] {
                add {
                    Diagnostic(
                        .error, $0(p), "duplicate \(what) id \(id) (first at \($0(first)))",
                        fix: "give each \(what) its own id")
                }
            } else {
                seen[id] = p
            }
        }
    }

    /// Warnings for sitter ids that differ from an earlier one only by case (`S1`, `s1`): their
    /// agendas `S1.ics` and `s1.ics` are one file on a case-insensitive drive, so `relief agenda` refuses them.
    mutating func sameFileName(_ ids: [(String, CasePath)]) {
        var seen: [String: (String, CasePath)] = [:]
        for (id, p) in ids where CaseValidator.isValidID(id) {
            let key = CaseValidator.fileNameKey(id)
            if let (first, at) = seen[key] {
                if first != id {
                    add {
                        Diagnostic(
                            .warning, $0(p),
                            "sitter id \(id) differs from \(first) (at \($0(at))) only by case: their agendas"
                                + " \(first).ics and \(id).ics are one file on a case-insensitive drive",
                            fix: "rename one of them (relief agenda refuses to write both)")
                    }
                }
            } else {
                seen[key] = (id, p)
            }
        }
    }

    /// An id as a case-insensitive file system compares it (ids are ASCII).
    public static func fileNameKey(_ id: String) -> String { id.lowercased() }

    mutating func int(_ n: Int?, _ p: CasePath, _ range: ClosedRange<Int>) -> Bool {
        guard let n, !range.contains(n) else { return true }
        add { CaseValidator.outOfRange(String(n), range, at: $0(p)) }
        return false
    }

    mutating func span(_ s: TimeSpan, _ p: CasePath) -> Bool {
        guard CaseValidator.spanError(s, at: p) != nil else { return true }
        add { CaseValidator.spanError(s, at: p, sources: $0)! }
        return false
    }

    /// References to ids of a list: unknown ones are errors, repeated ones warnings.
    mutating func references(_ list: [String], _ p: CasePath, known: Set<String>, what: String) {
        var seen = Set<String>()
        for (j, s) in list.enumerated() {
            if !known.contains(s) {
                error(
                    p.index(j), "unknown \(what) \(CaseReader.quoted(s))",
                    fix: "use the id of a \(what) listed in the case, or remove it")
            } else if !seen.insert(s).inserted {
                warning(p.index(j), "\(what) \(CaseValidator.name(s)) is listed twice", fix: "list it once")
            }
        }
    }
}
