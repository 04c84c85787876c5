import Foundation
import Testing
@testable import Interchange

@Suite("CSV parsing")
struct CSVParserTests {
    func parse(_ text: String, delimiter: Character = ",") throws -> [CSVRecord] {
        try CSVParser.parse(Array(text.utf8), delimiter: delimiter.asciiValue!)
    }

    @Test func crlfLfAndLoneCRAllEndRecords() throws {
        let records = try parse("a,b\r\nc,d\ne,f\rg,h")
        #expect(records.map(\.fields) == [["a", "b"], ["c", "d"], ["e", "f"], ["g", "h"]])
        #expect(records.map(\.row) == [1, 2, 3, 4])
    }

    @Test func quotedValuesKeepCommasQuotesAndLineBreaks() throws {
        let records = try parse("姓名,备注\r\n张三,\"第一行\r\n第二行，还有,逗号和\"\"引号\"\"\"\r\n李四,好\r\n")
        #expect(records.count == 3)
        #expect(records[1].fields == ["张三", "第一行\n第二行，还有,逗号和\"引号\""])
        // The quoted line break does not start a new spreadsheet row.
        #expect(records.map(\.row) == [1, 2, 3])
        #expect(records[2].fields == ["李四", "好"])
    }

    @Test func blankLinesCountAsRowsLikeASpreadsheetShowsThem() throws {
        let records = try parse("h\n\na\n,,\nb\n")
        #expect(records.map(\.row) == [1, 2, 3, 4, 5])
        #expect(records.map(\.isBlank) == [false, true, false, true, false])
        #expect(records.last?.fields == ["b"])
    }

    @Test func valuesAreTrimmedIncludingIdeographicAndNoBreakSpaces() throws {
        let records = try parse("  a  ,\t b\t,\u{3000}张三\u{3000},\u{A0}x\u{A0},  \"  q  \"  ")
        #expect(records[0].fields == ["a", "b", "张三", "x", "q"])
    }

    @Test func trailingDelimiterGivesAnEmptyLastValue() throws {
        #expect(try parse("a,b,\r\n").first?.fields == ["a", "b", ""])
        #expect(try parse("a,b,").first?.fields == ["a", "b", ""])
    }

    @Test func quoteInsideAnUnquotedValueIsLiteral() throws {
        #expect(try parse("王\"小\"明,x").first?.fields == ["王\"小\"明", "x"])
    }

    @Test func textAfterAClosingQuoteIsKept() throws {
        #expect(try parse("\"a\"b,c").first?.fields == ["ab", "c"])
    }

    @Test func anUnterminatedQuoteIsAnErrorNamingItsRow() throws {
        #expect(throws: RosterReadError.notCSV(.unterminatedQuote(row: 3))) {
            try parse("h\na\n\"never closed,\nmore\n")
        }
    }

    @Test func delimiterDetection() {
        #expect(CSVParser.detectDelimiter(Array("姓名,性别\n张三,男\n".utf8)) == UInt8(ascii: ","))
        #expect(CSVParser.detectDelimiter(Array("姓名\t性别\t备注\n张三\t男\t\"a,b,c,d\"\n".utf8)) == UInt8(ascii: "\t"))
        #expect(CSVParser.detectDelimiter(Array("姓名;性别\n张三;男\n".utf8)) == UInt8(ascii: ";"))
    }

    @Test func writerQuotesOnlyWhatNeedsIt() {
        var w = CSVTextWriter(byteOrderMark: false)
        w.writeRow(["plain", "a,b", "say \"hi\"", "two\nlines", " padded", "中文"])
        #expect(String(decoding: w.bytes, as: UTF8.self)
            == "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\" padded\",中文\r\n")
    }

    @Test func writerAndParserRoundTrip() throws {
        let rows = [["姓名", "备注", "x"], ["王,小明", "他说\"你好\"\n再见", ""], ["", "", "=1+1"]]
        var w = CSVTextWriter()
        for r in rows { w.writeRow(r) }
        #expect(w.bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        let text = try TextDecoding.decode(w.data, as: .auto)
        #expect(text.encoding == .utf8BOM)
        let parsed = try CSVParser.parse(text.utf8)
        #expect(parsed.map(\.fields) == rows)
    }

    @Test func spreadsheetSafeNeutralisesFormulasAndKeepsNumbersAsText() {
        #expect(CSVTextWriter.spreadsheetSafe("=HYPERLINK(\"x\")") == "\t=HYPERLINK(\"x\")")
        #expect(CSVTextWriter.spreadsheetSafe("+86") == "\t+86")
        #expect(CSVTextWriter.spreadsheetSafe("-") == "\t-")
        #expect(CSVTextWriter.spreadsheetSafe("@x") == "\t@x")
        #expect(CSVTextWriter.spreadsheetSafe("张三") == "张三")
        #expect(CSVTextWriter.spreadsheetSafe("13912345678", asText: true) == "\t13912345678")
        #expect(CSVTextWriter.spreadsheetSafe("", asText: true) == "")
    }
}
