import Domain
import Foundation
import Storage
import XCTest

/// `export --encrypt` (the sealed file holds no name; `import` opens it) and `purge --archived`
/// (exported first, then removed, the audit trail told).
final class ExportProtectionCommandTests: EndToEndTestCase {
    let zh = Catalog.zh

    func testEncryptedExportHoldsNoNameAndImportsBack() throws {
        let db = try makeDemoDatabase(children: 40)
        let names = try withDatabase(db) { d in try d.rosterRows(ids: d.rosterIDs()).map(\.name) }
        let sealed = path("花名册.shb")
        let made = try runShouhu(["export", "children", "--db", db, "--out", sealed, "--encrypt"],
                                 env: ["SHOUHU_PASSPHRASE": "correct horse battery"])
        XCTAssertEqual(made.status, 0, made.stderr)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: sealed))
        for name in names { XCTAssertNil(bytes.range(of: Data(name.utf8)), "\(name) readable in the sealed export") }
        let noOut = try runShouhu(["export", "children", "--db", db, "--encrypt"], env: ["SHOUHU_PASSPHRASE": "x"])
        XCTAssertEqual(noOut.status, 1)
        XCTAssertEqual(noOut.stdout, "")
        // Into an empty database: the import asks for the passphrase and reads the roster.
        let other = path("other.sqlite")
        let wrong = try runShouhu(["import", "children", sealed, "--db", other], env: ["SHOUHU_PASSPHRASE": "wrong"])
        XCTAssertEqual(wrong.status, 1)
        XCTAssertEqual(wrong.errors, zh.text("error.generic", zh.text("restore.wrong_passphrase")) + "\n")
        let imported = try runShouhu(["import", "children", sealed, "--db", other], env: ["SHOUHU_PASSPHRASE": "correct horse battery"])
        XCTAssertEqual(imported.status, 0, imported.stderr)
        XCTAssertEqual(try withDatabase(other) { try $0.rosterIDs().count }, names.count)
    }

    func testPurgeExportsFirstThenRemovesArchivedFiles() throws {
        let db = try makeDemoDatabase(children: 120)
        let archived = try withDatabase(db) { d -> [String] in
            try d.childrenForExport(includeArchived: true).filter { $0.status == .archived }.map(\.name)
        }
        XCTAssertFalse(archived.isEmpty)
        let out = path("归档.csv")
        let r = try runShouhu(["purge", "--archived", "--export-to", out, "--db", db])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, zh.text("purge.done", archived.count, out) + "\n")
        let sheet = String(decoding: try Data(contentsOf: URL(fileURLWithPath: out)), as: UTF8.self)
        for name in archived { XCTAssertTrue(sheet.contains(name), "\(name) exported before the purge") }
        try withDatabase(db) { d in
            XCTAssertEqual(try d.childrenForExport(includeArchived: true).filter { $0.status == .archived }.count, 0)
            XCTAssertEqual(try d.auditEntries().last?.action, "purge")
            XCTAssertNil(try d.verifyAudit())
        }
        let refused = try runShouhu(["purge", "--export-to", out, "--db", db])
        XCTAssertNotEqual(refused.status, 0, "--archived is required")
    }
}

extension ExportProtectionCommandTests {
    func testReviewListsMissingConsentAndChildrenWhoTurned16() throws {
        let db = try makeDemoDatabase(children: 120)
        let today = Self.todayDate
        let (under14, over16, consented) = try withDatabase(db) { d -> (Int, Int, String) in
            let active = try d.childrenForExport(includeArchived: false)
            let young = active.filter { ($0.age(on: today) ?? 99) < 14 }
            var first = young[0]
            first.consentDate = LocalDate(parsing: "2026-09-01")
            first.consentForm = "书面同意书"
            _ = try d.updateChild(first, id: first.id!, expectedVersion: nil, actor: "test", timestamp: "t")
            return (young.count - 1, active.filter { ($0.age(on: today) ?? 0) >= 16 }.count, first.name)
        }
        let r = try runShouhu(["review", "--db", db])
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, zh.text("review.consent_header", under14))
        XCTAssertTrue(lines.contains(zh.text("review.age_header", over16)), r.stdout)
        XCTAssertEqual(lines.count, 2 + under14 + over16)
        XCTAssertFalse(lines.contains { $0.hasPrefix(consented + "\t") }, "the consented child is not listed")
    }
}
