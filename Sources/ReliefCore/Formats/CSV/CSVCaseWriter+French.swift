/// The spreadsheet files in French, as a Quebec coordinator's spreadsheet shows them: headers,
/// setting keys, booleans (`oui`/`non`) and priorities (`urgente`, `haute`, `normale`). Every
/// French word here is one `CSVCaseReader` reads back (a test holds them to its aliases).
extension CSVCaseWriter {
    /// Column key (the contract's English name) -> French header, accented as written by hand.
    public static let frenchHeaders: [String: String] = [
        "key": "clé", "value": "valeur", "name": "nom", "from": "de", "to": "à", "homeTerritory": "territoireDomicile",
        "territories": "territoires", "competencies": "compétences", "trainee": "stagiaire",
        "maxMinutesPerDay": "maxMinutesJour", "maxMinutesPerWeek": "maxMinutesSemaine",
        "targetMinutesPerWeek": "cibleMinutesSemaine", "onCall": "garde", "maxShifts": "maxGardes",
        "onCallCompetencies": "compétencesGarde", "sitter": "intervenant", "kind": "type",
        "validUntil": "valideJusqu'au", "day": "jour", "territory": "territoire",
        "preferredSitters": "intervenantsPréférés", "excludedSitters": "intervenantsExclus",
        "previousSitters": "intervenantsPrécédents", "address": "adresse", "phone": "téléphone", "family": "famille",
        "start": "début", "end": "fin", "sitters": "intervenants", "credentials": "certifications",
        "priority": "priorité", "assigned": "assignés", "locked": "verrouillé", "staff": "personnel",
        "volunteers": "bénévoles",
    ]

    /// Keys of `settings.csv` -> their French names.
    public static let frenchSettingKeys: [String: String] = [
        "name": "nom", "timeZone": "fuseauHoraire", "horizonStart": "débutHorizon", "horizonEnd": "finHorizon",
        "requiredCredentials": "certificationsRequises", "maxMinutesPerDay": "maxMinutesJour",
        "maxMinutesPerWeek": "maxMinutesSemaine", "volunteerMaxMinutesPerWeek": "maxMinutesSemaineBénévole",
    ]

    static let booleanColumns: Set<String> = ["trainee", "onCall", "locked", "volunteers"]
    static let frenchWords: [String: String] = ["yes": "oui", "no": "non"]
    static let frenchKinds: [String: String] = ["employee": "employé", "volunteer": "bénévole"]
    static let frenchPriorities: [String: String] = ["urgent": "urgente", "high": "haute", "normal": "normale"]

    /// One file's rows (English header first) in French.
    static func french(_ file: String, _ rows: [[String]]) -> [[String]] {
        guard let header = rows.first else { return rows }
        var out = [header.map { frenchHeaders[$0] ?? $0 }]
        for row in rows.dropFirst() {
            out.append(
                row.enumerated().map { i, cell in
                    let key = header[i]
                    if file == "settings.csv" && i == 0 { return frenchSettingKeys[cell] ?? cell }
                    if booleanColumns.contains(key) { return frenchWords[cell] ?? cell }
                    if key == "priority" { return frenchPriorities[cell] ?? cell }
                    if file == "sitters.csv" && key == "kind" { return frenchKinds[cell] ?? cell }
                    return cell
                })
        }
        return out
    }
}
