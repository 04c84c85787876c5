import Foundation

/// libFuzzer target: any bytes through the spreadsheet decoder and the CSV parser (built with the
/// two source files by `scripts/fuzz`). The parser's promises are checked; a crash is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let data = Data(bytes: start, count: count)
    guard let text = try? TextDecoding.decode(data, as: .auto) else { return 0 }
    guard let records = try? CSVParser.parse(text.utf8, delimiter: CSVParser.detectDelimiter(text.utf8)) else { return 0 }
    var last = 0
    for r in records {
        precondition(r.row > last && !r.fields.isEmpty, "rows go up, every record has a field")
        last = r.row
    }
    return 0
}
