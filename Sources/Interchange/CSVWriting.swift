import Foundation
import Storage

/// Writes CSV the way Excel and WPS open it without asking: UTF-8 with a BOM (without it Excel
/// on Chinese Windows reads the bytes as GBK and shows mojibake), CRLF after every row, and
/// quotes only around values holding a comma, quote, line break or surrounding space.
/// Line breaks inside a value stay `\n`, as Excel writes them for Alt+Enter.
public struct CSVTextWriter {
    public private(set) var bytes: [UInt8]

    public init(byteOrderMark: Bool = true) {
        bytes = byteOrderMark ? [0xEF, 0xBB, 0xBF] : []
    }

    public mutating func writeRow(_ fields: [String]) {
        for (i, field) in fields.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            write(field)
        }
        bytes.append(contentsOf: [0x0D, 0x0A])
    }

    private mutating func write(_ field: String) {
        let utf8 = field.utf8
        let needsQuotes = utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }
            || utf8.first == 0x20 || utf8.first == 0x09 || utf8.last == 0x20 || utf8.last == 0x09
        guard needsQuotes else { bytes.append(contentsOf: utf8); return }
        bytes.append(0x22)
        for b in utf8 {
            if b == 0x22 { bytes.append(0x22) }
            bytes.append(b)
        }
        bytes.append(0x22)
    }

    public var data: Data { Data(bytes) }

    /// `value` with a leading tab when a spreadsheet would read it as a formula (`=`, `+`, `-`, `@`)
    /// or, with `asText`, as a number (ID and phone numbers). Importers trim the tab.
    public static func spreadsheetSafe(_ value: String, asText: Bool = false) -> String {
        guard let first = value.utf8.first else { return value }
        if asText || first == UInt8(ascii: "=") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-")
            || first == UInt8(ascii: "@") {
            return "\t" + value
        }
        return value
    }
}

/// Writes files that hold personal data: created 0600 (owner only), replaced atomically.
public enum PrivateFile {
    public static func write(_ data: Data, to path: String) throws {
        try OwnerOnlyFile.write(data, to: path)
    }
}
