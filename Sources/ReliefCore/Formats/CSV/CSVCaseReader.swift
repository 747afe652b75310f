import Foundation

/// Builds a case from the spreadsheet files of `../shared/contract/csv.md`.
/// The cells are read here (a number that is not one, a bad time, an unknown
/// priority word), each problem located at its cell; what the case means is
/// `CaseValidator`'s, handed a `CaseSources` that maps every part of the case
/// to the cell it came from, so a spreadsheet gets the errors a JSON file gets.
public struct CSVCaseReader {
    /// The files in the order they are read and reported.
    public static let files = [
        "settings.csv", "territories.csv", "travel.csv", "sitters.csv", "credentials.csv", "availability.csv",
        "families.csv", "visits.csv", "oncall.csv",
    ]
    /// Rows under the header that one file may hold: 100 000 is five times the largest case
    /// `relief generate` writes (20 000 visits, 20 000 families) and keeps a case of plain rows far
    /// under the 64 MiB the commands read (a visit row is about 190 bytes of case JSON); a file
    /// past it is refused at the first row over, before the rest is read.
    public static let maxRowsPerFile = 100_000

    public static let requiredFiles: Set<String> = [
        "settings.csv", "territories.csv", "travel.csv", "sitters.csv", "families.csv", "visits.csv",
    ]

    /// One column a file may have: its key (the contract's English name), other names, and whether it must be there.
    struct Column {
        let key: String
        let aliases: [String]
        let required: Bool
        init(_ key: String, _ aliases: [String] = [], required: Bool = false) {
            self.key = key
            self.aliases = aliases
            self.required = required
        }
    }

    static let columns: [String: [Column]] = [
        "settings.csv": [Column("key", ["cle"], required: true), Column("value", ["valeur"], required: true)],
        "territories.csv": [Column("id", required: true), Column("name", ["nom"])],
        "travel.csv": [
            Column("from", ["de"], required: true), Column("to", ["a"], required: true),
            Column("minutes", required: true),
        ],
        "sitters.csv": [
            Column("id", required: true), Column("name", ["nom"]),
            Column("homeTerritory", ["territoireDomicile"], required: true), Column("territories", ["territoires"]),
            Column("competencies", ["competences"]), Column("trainee", ["stagiaire"]),
            Column("maxMinutesPerDay", ["maxMinutesJour"]), Column("maxMinutesPerWeek", ["maxMinutesSemaine"]),
            Column("targetMinutesPerWeek", ["cibleMinutesSemaine"]), Column("onCall", ["garde"]),
            Column("maxShifts", ["maxGardes"]), Column("onCallCompetencies", ["competencesGarde"]),
            Column("kind", ["type"]),
        ],
        "credentials.csv": [
            Column("sitter", ["intervenant"], required: true), Column("kind", ["type"], required: true),
            Column("validUntil", ["valideJusquau"]),
        ],
        "availability.csv": [
            Column("sitter", ["intervenant"], required: true), Column("day", ["jour"], required: true),
            Column("from", ["de"], required: true), Column("to", ["a"], required: true),
        ],
        "families.csv": [
            Column("id", required: true), Column("name", ["nom"]), Column("territory", ["territoire"], required: true),
            Column("preferredSitters", ["intervenantsPreferes"]), Column("excludedSitters", ["intervenantsExclus"]),
            Column("previousSitters", ["intervenantsPrecedents"]), Column("address", ["adresse"]),
            Column("phone", ["telephone"]),
        ],
        "visits.csv": [
            Column("id", required: true), Column("family", ["famille"], required: true),
            Column("start", ["debut"], required: true), Column("end", ["fin"], required: true),
            Column("sitters", ["intervenants"]), Column("competencies", ["competences"]),
            Column("credentials", ["certifications"]), Column("priority", ["priorite"]),
            Column("assigned", ["assignes"]), Column("locked", ["verrouille"]),
            Column("volunteers", ["benevoles"]),
        ],
        "oncall.csv": [
            Column("id", required: true), Column("start", ["debut"], required: true),
            Column("end", ["fin"], required: true), Column("staff", ["personnel"]),
            Column("competencies", ["competences"]), Column("assigned", ["assignes"]),
        ],
    ]

    /// Keys of `settings.csv`, with the French names relief also accepts.
    static let settingKeys: [(key: String, aliases: [String])] = [
        ("name", ["nom"]), ("timeZone", ["fuseauHoraire"]), ("horizonStart", ["debutHorizon", "horizonDebut"]),
        ("horizonEnd", ["finHorizon", "horizonFin"]), ("requiredCredentials", ["certificationsRequises"]),
        ("maxMinutesPerDay", ["maxMinutesJour"]), ("maxMinutesPerWeek", ["maxMinutesSemaine"]),
        ("volunteerMaxMinutesPerWeek", ["maxMinutesSemaineBenevole"]),
    ]

    /// A header name as matched: no case, no accents, no spaces, `-`, `_` or apostrophes.
    public static func normalized(_ s: String) -> String {
        let folded = s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        return String(folded.unicodeScalars.filter { !" \t-_'’".unicodeScalars.contains($0) }.map(Character.init))
    }

    public internal(set) var diagnostics: [Diagnostic] = []
    var places: [CasePath: Location] = [:]
    var unread = CaseDraft.Unread()

    init() {}

    /// Reads the files (name -> bytes; a missing optional file is no rows) into a
    /// case. The case comes back only when there is no error; `diagnostics` holds
    /// every error and warning, the reader's and the validator's, in file order.
    public static func read(_ files: [String: Data]) -> (theCase: Case?, diagnostics: [Diagnostic]) {
        var r = CSVCaseReader()
        let draft = r.draft(files)
        var all = r.diagnostics
        if let draft { all += CaseValidator.validate(draft) }
        let sorted = fileOrder(all)
        guard let draft, sorted.allSatisfy({ $0.severity != .error }) else { return (nil, sorted) }
        return (draft.theCase.deduplicated(), sorted)
    }

    /// Diagnostics by file (in `files` order), line and column; stable.
    static func fileOrder(_ ds: [Diagnostic]) -> [Diagnostic] {
        func key(_ d: Diagnostic) -> [Int] {
            guard case .file(let path, let line, let column, _) = d.location else { return [-1, 0, 0] }
            return [files.firstIndex(of: path) ?? files.count, line, column]
        }
        return ds.enumerated().sorted { a, b in
            let (ka, kb) = (key(a.element), key(b.element))
            return ka != kb ? ka.lexicographicallyPrecedes(kb) : a.offset < b.offset
        }.map(\.element)
    }
}
