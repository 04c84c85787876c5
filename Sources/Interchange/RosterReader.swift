import Domain
import Foundation

/// A roster file read and checked, before anything touches the database.
public struct ParsedRoster: Sendable {
    public var encoding: DetectedEncoding
    public var header: HeaderMap
    /// Every non-blank row after the header, in file order.
    public var rows: [ImportRow]

    public var rejectedCount: Int { rows.lazy.filter(\.isRejected).count }
}

/// Reads a roster spreadsheet saved as CSV: decoding, parsing, header, one `ImportRow` per data row.
///
///     let roster = try RosterReader.read(data, encoding: .auto, today: today)
///     roster.rows.filter(\.isRejected)   // with row numbers, columns and reasons
///
/// Rows above the header (a title such as `XX村留守儿童花名册`) and blank rows are skipped;
/// row numbers stay those the spreadsheet shows (see `CSVRecord.row`).
public enum RosterReader {
    public static func read(_ data: Data, encoding: TextEncodingChoice = .auto, today: LocalDate,
                            progress: ((Int, Int) -> Void)? = nil) throws(RosterReadError) -> ParsedRoster {
        let text = try TextDecoding.decode(data, as: encoding)
        let records = try CSVParser.parse(text.utf8, delimiter: CSVParser.detectDelimiter(text.utf8))
        guard records.contains(where: { !$0.isBlank }) else { throw .empty }
        guard let header = HeaderMap.find(in: records) else { throw .missingNameColumn }
        let converter = ChildRowConverter(header: header, today: today)
        let data = records.drop(while: { $0.row <= header.row }).filter { !$0.isBlank }
        var rows: [ImportRow] = []
        rows.reserveCapacity(data.count)
        let step = max(500, data.count / 100)
        for record in data {
            rows.append(converter.convert(record))
            if let progress, rows.count % step == 0 { progress(rows.count, data.count) }
        }
        progress?(rows.count, data.count)
        return ParsedRoster(encoding: text.encoding, header: header, rows: rows)
    }
}
