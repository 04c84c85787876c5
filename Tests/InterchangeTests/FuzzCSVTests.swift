import Domain
import Foundation
import TestSupport
import Testing
@testable import Interchange

/// Seeded property tests of the CSV importer: random and mutated bytes through the decoder, the
/// parser and the roster and contacts readers. Nothing crashes; a file that cannot be read is
/// refused with a reason (a `RosterReadError`/`SheetReadError` case, each worded by the command);
/// every rejected row carries at least one problem; and what the exporter writes parses back
/// unchanged.
@Suite("Fuzzing: CSV importer")
struct FuzzCSVTests {
    static let dictionary: [[UInt8]] = ["\"", "\"\"", ",", ";", "\t", "\r\n", "\n", "\r", "姓名", "身份证号", "性别", "男", "女",
                                        "出生日期", "2015-03-07", "2015.13", "20150230", "13912345678", "未知", "\u{3000}", "\u{A0}",
                                        "=cmd|' /C calc'!A0", "510722201503070013", "帮扶人电话", "类型", "日期", "走访", "写信"]
        .map { Array($0.utf8) }

    static var rosterSeeds: [[UInt8]] {
        let text = MessyRoster.text(newline: "\r\n")
        return [Array(text.utf8), Array(utf8BOM(MessyRoster.text(newline: "\n"))), Array(gb18030(text)),
                Array("姓名,性别\n张三,男\n\"李\"\"四\",女\n".utf8)]
    }

    static var contactSeeds: [[UInt8]] {
        let header = "儿童身份证号,儿童姓名,出生日期,帮扶人姓名,帮扶人电话,类型,日期,地点,摘要,关注事项,跟进"
        let id = validID("2015-03-07", male: true, seq: 1)
        let rows = [
            "\(id),王小明,2015-03-07,李老师,13912345678,走访,2026-10-01,家中,\"谈了学习\n和生活\",安全、学业,下周再访",
            ",王小红,2017-08-20,李老师,13912345678,写信,2026-09-15,,信的内容,,",
            "\(id),,,张阿姨,1391234,谈心,2027-01-01,,,情绪,",
            ",,,,,,,,,,",
        ]
        return [Array(([header] + rows).joined(separator: "\r\n").utf8), Array(gb18030(([header] + rows).joined(separator: "\n")))]
    }

    /// Decodes and parses; checks what the parser promises. Returns false when the file was refused.
    @discardableResult
    static func parse(_ bytes: [UInt8]) -> Bool {
        do throws(RosterReadError) {
            let text = try TextDecoding.decode(Data(bytes), as: .auto)
            let records = try CSVParser.parse(text.utf8, delimiter: CSVParser.detectDelimiter(text.utf8))
            // Plain checks in the loops (an #expect per value would cost more than the parsing).
            var last = 0
            let edges: Set<Unicode.Scalar> = [" ", "\t", "\r", "\n", "\u{A0}", "\u{3000}"]
            for r in records {
                if r.row <= last || r.fields.isEmpty { Issue.record("row \(r.row) after \(last): \(Fuzz.show(bytes))") }
                last = r.row
                for field in r.fields {
                    if let a = field.unicodeScalars.first, let z = field.unicodeScalars.last, edges.contains(a) || edges.contains(z) {
                        Issue.record("value not trimmed: \(field.debugDescription) in \(Fuzz.show(bytes))")
                    }
                }
            }
            return true
        } catch {
            if case .notCSV(.unterminatedQuote(let row)) = error { #expect(row >= 1) }
            return false
        }
    }

    @Test func parserTakesRandomAndMutatedBytes() {
        var f = Fuzz("csv-parser")
        var tally = FuzzTally(label: "CSV decoder and parser")
        let seeds = Self.rosterSeeds + Self.contactSeeds
        let alphabet = ["a", "1", "张", ",", ",", "\"", "\r", "\n", "\r\n", ";", "\t", " ", "\u{3000}", "é", "\u{FFFD}", "x", "y"]
        for _ in 0..<Fuzz.cases(30_000) {
            let bytes = f.chance(0.5) ? f.mutate(f.pick(seeds), dictionary: Self.dictionary)
                                      : Array(f.string(alphabet, count: f.int(0..<200)).utf8)
            tally.cases += 1
            if !Self.parse(bytes) { tally.rejected += 1 }
        }
        tally.report()
    }

    @Test func whatTheExporterWritesParsesBackUnchanged() throws {
        var f = Fuzz("csv-round-trip")
        var tally = FuzzTally(label: "CSV writer → parser round trip")
        let alphabet = ["a", "Z", "7", "张", "王", "𠮷", ",", "\"", "\n", " ", "\t", "é", "e\u{301}", "👨‍👩‍👧", "=", ";", "\u{3000}", "\u{A0}"]
        let edges = CharacterSet(charactersIn: " \t\r\n\u{A0}\u{3000}")
        for _ in 0..<Fuzz.cases(10_000) {
            let columns = f.int(1..<8)
            let table: [[String]] = (0..<f.int(1..<12)).map { _ in
                (0..<columns).map { _ in f.string(alphabet, count: f.int(0..<12)).trimmingCharacters(in: edges) }
            }
            var writer = CSVTextWriter(byteOrderMark: f.chance(0.5))
            for row in table { writer.writeRow(row) }
            tally.cases += 1
            let text = try TextDecoding.decode(writer.data, as: .auto)
            let back = try CSVParser.parse(text.utf8)
            if back.map(\.fields) != table { Issue.record("round trip of \(table) gave \(back.map(\.fields))") }
        }
        tally.report()
    }

    @Test func rosterReaderGivesEveryRejectedRowAReason() {
        var f = Fuzz("csv-roster")
        var tally = FuzzTally(label: "roster reader")
        let values = ["", " ", "未知", "男", "女", "2015.13", "2015-02-30", "二〇一五年三月", "20150307", "2099-01-01", "1391234",
                      "13912345678", "0838-1234567", badCheckID("2016-02-02", male: true), validID("2015-03-07", male: true),
                      String(repeating: "长", count: 300), "\"", "是", "否", "爷爷", "其他", "父母均外出", "=1+1", "a\nb"]
        var reading = 0
        let messy = MessyRoster.rows
        for _ in 0..<Fuzz.cases(6_000) {
            var bytes: [UInt8]
            if f.chance(0.6) {
                // Cell-level changes of the messy roster: the values people type.
                var rows = messy
                for _ in 0..<f.int(1..<6) {
                    let r = f.int(0..<rows.count)
                    if rows[r].isEmpty { continue }
                    rows[r][f.int(0..<rows[r].count)] = f.pick(values)
                }
                if f.chance(0.2) { rows.remove(at: f.int(0..<rows.count)) }
                bytes = Array(rows.map(csvLine).joined(separator: f.chance(0.5) ? "\r\n" : "\n").utf8)
            } else {
                bytes = f.mutate(f.pick(Self.rosterSeeds), dictionary: Self.dictionary)
            }
            tally.cases += 1
            do throws(RosterReadError) {
                let roster = try RosterReader.read(Data(bytes), today: today)
                reading += 1
                for row in roster.rows {
                    if row.row <= roster.header.row { Issue.record("row \(row.row) above the header: \(Fuzz.show(bytes))") }
                    if row.isRejected {
                        tally.rejected += 1
                        if row.blocking.isEmpty { Issue.record("row \(row.row) rejected without a reason: \(Fuzz.show(bytes))") }
                    } else if row.child?.name.isEmpty != false || !row.blocking.isEmpty {
                        Issue.record("row \(row.row) accepted with a blocking problem or no name: \(Fuzz.show(bytes))")
                    }
                }
            } catch {
                tally.rejected += 1 // the whole file, with its reason (the error case)
            }
        }
        tally.report("\(reading) files read")
    }

    @Test func contactReaderGivesEveryRejectedRowAReason() {
        var f = Fuzz("csv-contacts")
        var tally = FuzzTally(label: "contacts reader")
        for _ in 0..<Fuzz.cases(6_000) {
            let bytes = f.mutate(f.pick(Self.contactSeeds), dictionary: Self.dictionary)
            tally.cases += 1
            do throws(SheetReadError) {
                let sheet = try ContactReader.read(Data(bytes), today: today)
                for row in sheet.rows where row.isRejected {
                    tally.rejected += 1
                    if row.blocking.isEmpty { Issue.record("row \(row.row) rejected without a reason: \(Fuzz.show(bytes))") }
                }
            } catch {
                if case .missingColumns(let names) = error { #expect(!names.isEmpty) }
                tally.rejected += 1
            }
        }
        tally.report()
    }
}
