import Foundation
import Testing

@testable import ReliefCore

/// The CSV reader and writer on what spreadsheets and hands actually write.
@Suite("CSV reader and writer")
struct CSVTests {
    func parse(_ text: String) throws(CSV.SyntaxError) -> CSV.Document { try CSV.parse(Data(text.utf8)) }

    @Test func readsASpreadsheetFileWithBOMSemicolonsCRLFAndQuotedLineBreaks() throws {
        let text =
            "\u{FEFF}id;nom;note\r\n"
            + "F1;Famille Côté;\"deux lignes\r\nde note; avec \"\"guillemets\"\"\"\r\n"
            + "F2;  Famille Gagnon  ;\r\n"
            + "\r\n"
            + "# une remarque;;\r\n"
            + "F3;\"  Éloïse \";fin\r\n"
        let doc = try parse(text)
        #expect(doc.byteOrderMark)
        #expect(doc.delimiter == UInt8(ascii: ";"))
        #expect(
            doc.rows.map(\.texts) == [
                ["id", "nom", "note"],
                ["F1", "Famille Côté", "deux lignes\nde note; avec \"guillemets\""],
                ["F2", "Famille Gagnon", ""],
                ["F3", "  Éloïse ", "fin"],
            ])
        // Lines count the break inside the quoted cell: F2 is on line 4, F3 after the empty line and the comment.
        #expect(doc.rows.map(\.line) == [1, 2, 4, 7])
        #expect(doc.rows[1].cells[2].line == 2 && doc.rows[1].cells[2].column == 3)
        #expect(doc.rows[3].cells[1].quoted)
    }

    @Test func detectsCommasAndLineFeedsAndAnEmptyTrailingLine() throws {
        let doc = try parse("id,name,territories\nS1,Marie,\"a,b\"\nS2,Luc,c\n\n")
        #expect(doc.delimiter == UInt8(ascii: ","))
        #expect(!doc.byteOrderMark)
        #expect(
            doc.rows.map(\.texts) == [["id", "name", "territories"], ["S1", "Marie", "a,b"], ["S2", "Luc", "c"]])
        #expect(doc.rows.map(\.line) == [1, 2, 3])
        // A last line without a line break is still a row.
        #expect(try parse("a;b\n1;2").rows.map(\.texts) == [["a", "b"], ["1", "2"]])
    }

    @Test func anUnclosedQuoteIsReportedWhereItOpens() throws {
        #expect(throws: CSV.SyntaxError.self) { try parse("id;nom\nF1;\"Côté\nF2;x\n") }
        do {
            _ = try parse("id;nom\nF1;ok\nF2;\"Côté\nF3;x\n")
            Issue.record("an unclosed quote was read")
        } catch {
            #expect(error.line == 3 && error.column == 2, "\(error)")
        }
        do {
            _ = try parse("id;nom\nF1;\"Côté\"x;\n")
            Issue.record("text after a closing quote was read")
        } catch {
            #expect(error.line == 2 && error.column == 2 && error.message.contains("after the closing quote"))
        }
    }

    @Test func textThatIsNotUTF8IsReportedWithItsLine() throws {
        var data = Data("id;nom\r\nF1;Famille C".utf8)
        data.append(0xF4)  // "ô" in Latin-1
        data.append(contentsOf: Array("te\r\n".utf8))
        do {
            _ = try CSV.parse(data)
            Issue.record("Latin-1 text was read")
        } catch {
            #expect(error.line == 2 && error.message.contains("UTF-8"))
        }
    }

    @Test func writesWhatItReadsBack() throws {
        let rows = [
            ["id", "name", "note"],
            ["#1", "a;b", "say \"hi\"\nthen go"],
            ["x", " padded ", ""],
            [""],
        ]
        for style in [CSV.Style.spreadsheet, CSV.Style(delimiter: ",", byteOrderMark: false, lineEnd: "\n")] {
            let text = CSV.write(rows, style: style)
            #expect(text.hasPrefix("\u{FEFF}") == style.byteOrderMark)
            let doc = try CSV.parse(Data(text.utf8))
            #expect(doc.rows.map(\.texts) == rows, "\(text)")
        }
        #expect(CSV.write([["a", "b,c"]], style: .spreadsheet) == "\u{FEFF}a;b,c\r\n")
    }

    @Test func headersMatchIgnoringCaseAccentsSpacesAndDashes() {
        #expect(CSVCaseReader.normalized("Début") == "debut")
        #expect(CSVCaseReader.normalized("DEBUT") == "debut")
        #expect(CSVCaseReader.normalized("Territoire domicile") == CSVCaseReader.normalized("territoireDomicile"))
        #expect(CSVCaseReader.normalized("valide_jusqu'au") == CSVCaseReader.normalized("valideJusquau"))
        #expect(CSVCaseReader.normalized("home-territory") == "hometerritory")
    }
}
