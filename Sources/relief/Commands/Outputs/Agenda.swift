import Foundation
import ReliefApp
import ReliefRender

extension Command {
    static let agenda = Command(
        name: "agenda",
        synopsis: """
            relief agenda SCHEDULE --case CASE --out DIR [--lang fr|en] [--with-contact]
                write each sitter's calendar as DIR/SITTER.ics (iCalendar, RFC 5545) and the team's week as
                DIR/team.csv; files 0600, DIR 0700. A second run over a new schedule of the same case updates the
                events that changed (SEQUENCE) and cancels those taken from a sitter (DIR/.agenda-state.json). A visit
                of several sitters names the others.
            """,
        options: [
            .valued("--case", value: "CASE", help: ["the case the schedule was planned from"]),
            .valued(
                "-o", "--out", value: "DIR", key: "--out", help: ["the folder of the agendas (created when missing)"]),
            .valued("--lang", value: "fr|en", help: ["language of the summaries and of team.csv (default fr)"]),
            .flag(
                "--with-contact",
                help: [
                    "the family's address (as the event's place) and phone (families[].address, phone) in each",
                    "visit: personal data that goes wherever the sitter's calendar goes",
                ]),
        ],
        column: 16,
        run: { args in
            Console.out(try AgendaService.write(try AgendaService.request(args)).line)
            return .ok
        })
}

extension AgendaService {
    static func request(_ a: ParsedArguments) throws(UsageError) -> AgendaRequest {
        let schedule = CaseInput(argument: try a.positionals(["SCHEDULE"])[0])
        guard let c = a.values["--case"] else {
            throw UsageError("missing --case CASE (the case the schedule answers)")
        }
        guard let out = a.values["--out"] else { throw UsageError("missing --out DIR (where the agendas go)") }
        let caseInput = CaseInput(argument: c)
        try refuseBothStandardInput(caseInput, schedule, "the case and the schedule")
        var language = Language.fr
        if let l = try a.language() { language = l }
        return AgendaRequest(
            schedule: schedule, caseInput: caseInput, directory: out, language: language,
            withContact: a.has("--with-contact"))
    }
}
