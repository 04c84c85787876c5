import Domain
import Foundation
@testable import Interchange
@testable import Storage
import GRDB

let today = LocalDate(year: 2026, month: 11, day: 23)!

/// A valid ID number: region 510722, the birth date, a sequence whose last digit gives the sex.
func validID(_ birth: String, male: Bool, seq: Int = 12) -> String {
    let first17 = "510722" + birth.replacingOccurrences(of: "-", with: "") + String(format: "%02d", seq % 100)
        + (male ? "3" : "4")
    return first17 + String(IDNumber.checkCharacter(forFirst17: Array(first17))!)
}

/// The same ID number with a wrong check character.
func badCheckID(_ birth: String, male: Bool) -> String {
    let good = validID(birth, male: male)
    let wrong: Character = good.last == "1" ? "2" : "1"
    return String(good.dropLast()) + String(wrong)
}

/// Text in GB18030 bytes, as Excel on Chinese Windows saves "CSV".
func gb18030(_ text: String) -> Data { text.data(using: TextDecoding.gb18030)! }

func utf8BOM(_ text: String) -> Data { Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8) }

/// A CSV line from fields, quoting as Excel does (only when needed).
func csvLine(_ fields: [String]) -> String {
    fields.map { f in
        f.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            ? "\"" + f.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : f
    }.joined(separator: ",")
}

func importOptions(_ file: String = "花名册.csv", dryRun: Bool = false, strict: Bool = false) -> ImportOptions {
    ImportOptions(dryRun: dryRun, strict: strict, fileName: file, actor: "tester", timestamp: "2026-11-23T10:00:00+08:00")
}

/// Reads and imports `data` into `db`.
func importData(_ data: Data, into db: AppDatabase, dryRun: Bool = false, strict: Bool = false,
                encoding: TextEncodingChoice = .auto) throws -> ImportResult {
    let roster = try RosterReader.read(data, encoding: encoding, today: today)
    return try RosterImport.run(roster, into: db, options: importOptions(dryRun: dryRun, strict: strict))
}

extension AppDatabase {
    func count(_ table: String) throws -> Int {
        try writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0 }
    }

    func history() throws -> [(child: Int64, actor: String, field: String, new: String?)] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT child_id, actor, field, new_value FROM child_history ORDER BY id").map {
                ($0[0], $0[1], $0[2], $0[3])
            }
        }
    }

    func householdAndGuardian(child: Int64) throws -> (Int64?, Int64?) {
        try writer.read { db in
            let r = try Row.fetchOne(db, sql: "SELECT household_id, guardian_id FROM child WHERE id = ?", arguments: [child])!
            return (r[0], r[1])
        }
    }
}

/// A fresh directory under the temporary directory, removed by the caller.
func temporaryDirectory() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("shouhu-interchange-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}

/// The Simplified Chinese catalog, read from the repository (this target does not link App).
func zhCatalog() throws -> [String: String] {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let data = try Data(contentsOf: root.appendingPathComponent("Resources/i18n/zh-Hans.json"))
    return try JSONDecoder().decode([String: String].self, from: data)
}
