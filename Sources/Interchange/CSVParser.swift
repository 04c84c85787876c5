/// One record of a CSV file.
///
/// `row` is the row number a spreadsheet shows for it (the header is usually row 1): every record
/// counts as one row, blank lines included, and a quoted value with line breaks inside stays in
/// its row — exactly as Excel and WPS number the rows when they open the file. That is the number
/// people look for when an error report says "第 5 行".
public struct CSVRecord: Equatable, Sendable {
    public var row: Int
    public var fields: [String]

    public init(row: Int, fields: [String]) { self.row = row; self.fields = fields }

    /// Every value empty (a blank line, or `,,,,` left by a spreadsheet).
    public var isBlank: Bool { fields.allSatisfy(\.isEmpty) }
}

/// A fast, lenient RFC 4180 reader working on UTF-8 bytes.
///
/// Hand-written rather than CSV.swift or SwiftCSV, which are on this machine: neither reports the
/// spreadsheet row number of a record when quoted values hold line breaks (the number an error
/// report must name), and both were several times slower on a 100,000-row roster.
///
/// - CRLF, LF or lone CR end a record; inside quotes they are kept as line breaks (`\n`).
/// - `""` inside a quoted value is a quote; a quote in the middle of an unquoted value is literal.
/// - Values are trimmed of spaces, tabs, NBSP and the ideographic space U+3000 (stray spaces
///   around values are common in hand-kept rosters); a quoted value is trimmed too.
/// - Text after a closing quote (`"a" b`) is kept, as Excel does.
/// - A quoted value that never closes is an error: it would swallow the rest of the file.
public enum CSVParser {
    static let quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
    static let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")

    public static func parse(_ bytes: [UInt8], delimiter: UInt8 = UInt8(ascii: ",")) throws(RosterReadError) -> [CSVRecord] {
        try bytes.withUnsafeBufferPointer { (buf) throws(RosterReadError) -> [CSVRecord] in
            var records: [CSVRecord] = []
            var scratch: [UInt8] = []
            var widest = 8
            let n = buf.count
            var i = 0
            var row = 0
            while i < n {
                row += 1
                var fields: [String] = []
                fields.reserveCapacity(widest)
                var endOfRecord = false
                while !endOfRecord {
                    var s = i
                    while s < n, buf[s] == space || (buf[s] == tab && delimiter != tab) { s += 1 }
                    if s < n, buf[s] == quote {
                        scratch.removeAll(keepingCapacity: true)
                        var j = s + 1
                        var closed = false
                        while j < n {
                            let b = buf[j]
                            if b == quote {
                                if j + 1 < n, buf[j + 1] == quote { scratch.append(quote); j += 2; continue }
                                j += 1
                                closed = true
                                break
                            } else if b == cr {
                                scratch.append(lf)
                                j += 1
                                if j < n, buf[j] == lf { j += 1 }
                            } else {
                                scratch.append(b)
                                j += 1
                            }
                        }
                        if !closed { throw .notCSV(.unterminatedQuote(row: row)) }
                        while j < n, buf[j] != delimiter, buf[j] != cr, buf[j] != lf { scratch.append(buf[j]); j += 1 }
                        fields.append(scratch.withUnsafeBufferPointer { makeString($0, 0, $0.count) })
                        i = j
                    } else {
                        var j = s
                        while j < n {
                            let b = buf[j]
                            if b == delimiter || b == cr || b == lf { break }
                            j += 1
                        }
                        fields.append(makeString(buf, s, j))
                        i = j
                    }
                    if i >= n {
                        endOfRecord = true
                    } else if buf[i] == delimiter {
                        i += 1
                        if i >= n { fields.append(""); endOfRecord = true }
                    } else {
                        if buf[i] == cr, i + 1 < n, buf[i + 1] == lf { i += 1 }
                        i += 1
                        endOfRecord = true
                    }
                }
                widest = max(widest, fields.count)
                records.append(CSVRecord(row: row, fields: fields))
            }
            return records
        }
    }

    /// The string of `buf[start..<end]` without surrounding white space.
    @inline(__always)
    static func makeString(_ buf: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String {
        var s = start, e = end
        while s < e {
            if buf[s] == space || buf[s] == tab || buf[s] == cr || buf[s] == lf { s += 1 }
            else if buf[s] == 0xC2, s + 1 < e, buf[s + 1] == 0xA0 { s += 2 }                           // NBSP
            else if buf[s] == 0xE3, s + 2 < e, buf[s + 1] == 0x80, buf[s + 2] == 0x80 { s += 3 }     // U+3000
            else { break }
        }
        while e > s {
            let b = buf[e - 1]
            if b == space || b == tab || b == cr || b == lf { e -= 1 }
            else if b == 0xA0, e - 2 >= s, buf[e - 2] == 0xC2 { e -= 2 }
            else if b == 0x80, e - 3 >= s, buf[e - 2] == 0x80, buf[e - 3] == 0xE3 { e -= 3 }
            else { break }
        }
        if s == e { return "" }
        return String(decoding: UnsafeBufferPointer(rebasing: buf[s..<e]), as: UTF8.self)
    }

    /// Comma, unless the first lines hold more tabs (Excel's "Unicode text") or semicolons
    /// (Excel in locales whose decimal separator is a comma). Quoted text is not counted.
    public static func detectDelimiter(_ bytes: [UInt8]) -> UInt8 {
        var commas = 0, tabs = 0, semicolons = 0, lines = 0
        var inQuotes = false
        for b in bytes.prefix(16_384) {
            if b == quote { inQuotes.toggle(); continue }
            if inQuotes { continue }
            switch b {
            case UInt8(ascii: ","): commas += 1
            case tab: tabs += 1
            case UInt8(ascii: ";"): semicolons += 1
            case lf: lines += 1
            default: break
            }
            if lines >= 10 { break }
        }
        if tabs > commas, tabs >= semicolons { return tab }
        if semicolons > commas { return UInt8(ascii: ";") }
        return UInt8(ascii: ",")
    }
}
