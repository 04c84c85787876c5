import Domain
import Foundation
import Testing
@testable import Interchange
@testable import Storage

/// Every real import leaves ONE audit entry (who, when, kind, file, counts), in its own transaction;
/// a dry run and an import refused by --strict leave none; the hash chain still holds.
@Suite("Imports in the audit trail")
struct ImportAuditTests {
    func imports(_ db: AppDatabase) throws -> [AuditEntry] { try db.auditEntries().filter { $0.action == "import" } }

    func expectOneEntry(_ db: AppDatabase, kind: String, file: String, imported: Int, duplicates: Int, rejected: Int,
                        sourceLocation: SourceLocation = #_sourceLocation) throws {
        let entries = try imports(db)
        #expect(entries.count == 1, sourceLocation: sourceLocation)
        let e = try #require(entries.last, sourceLocation: sourceLocation)
        #expect(e.entity == kind && e.actor == "tester" && e.at == "2026-11-23T10:00:00+08:00", sourceLocation: sourceLocation)
        #expect(e.entityID == nil && e.childID == nil && e.field == nil && e.old == nil, sourceLocation: sourceLocation)
        #expect(e.new == "\(file): created \(imported), duplicates \(duplicates), rejected \(rejected)", sourceLocation: sourceLocation)
        #expect(try db.verifyAudit() == nil, sourceLocation: sourceLocation)
    }

    @Test func childrenImportIsOneEntryWithTheCounts() throws {
        let db = try AppDatabase.inMemory()
        let before = try db.auditCount()
        let data = utf8BOM(MessyRoster.text(newline: "\r\n"))
        let dry = try importData(data, into: db, dryRun: true)
        #expect(dry.imported > 0)
        #expect(try db.auditCount() == before, "a dry run writes nothing, not even an audit entry")
        let r = try importData(data, into: db)
        #expect(r.imported > 0 && r.rejected > 0)
        // One entry for the whole file, not one per child.
        #expect(try db.auditCount() == before + 1)
        try expectOneEntry(db, kind: "children", file: "花名册.csv", imported: r.imported, duplicates: r.duplicates, rejected: r.rejected)
        // Again: nothing created, everything a duplicate; a second entry says so.
        let again = try importData(data, into: db)
        let second = try #require(try imports(db).last)
        #expect(second.new == "花名册.csv: created 0, duplicates \(again.duplicates), rejected \(again.rejected)")
        #expect(again.duplicates == r.imported + r.duplicates)
        #expect(try db.verifyAudit() == nil)
    }

    @Test func strictRefusalLeavesNoEntry() throws {
        let db = try AppDatabase.inMemory()
        let r = try importData(utf8BOM(MessyRoster.text(newline: "\r\n")), into: db, strict: true)
        #expect(r.refusedByStrict)
        #expect(try imports(db).isEmpty)
        // Counted as a normal run counts (the duplicates too), nothing written.
        #expect(r.imported == 0 && r.duplicates == MessyRoster.duplicates && r.rejected == MessyRoster.rejected)
        #expect(try db.count("child") == 0)
    }

    @Test func mentorsImport() throws {
        let db = try MentorFixture.database()
        let data = gb18030(MentorFixture.text())
        _ = try importMentors(data, into: db, dryRun: true)
        #expect(try imports(db).isEmpty)
        let r = try importMentors(data, into: db)
        try expectOneEntry(db, kind: "mentors", file: "帮扶人.csv", imported: r.imported, duplicates: r.duplicates, rejected: r.rejected)
    }

    @Test func pairingsImport() throws {
        let (db, _) = try PairingFixture.database()
        let data = utf8BOM(PairingFixture.text())
        _ = try importPairings(data, into: db, dryRun: true)
        _ = try importPairings(data, into: db, strict: true)
        #expect(try imports(db).isEmpty)
        let r = try importPairings(data, into: db)
        #expect(r.imported > 0 && r.rejected > 0)
        try expectOneEntry(db, kind: "pairings", file: "结对.csv", imported: r.imported, duplicates: r.duplicates, rejected: r.rejected)
    }

    @Test func contactsImport() throws {
        let (db, _) = try ContactFixture.database()
        let data = utf8BOM(ContactFixture.text())
        _ = try importContacts(data, into: db, dryRun: true)
        #expect(try imports(db).isEmpty)
        let r = try importContacts(data, into: db)
        #expect(r.imported > 0 && r.rejected > 0)
        try expectOneEntry(db, kind: "contacts", file: "帮扶记录.csv", imported: r.imported, duplicates: r.duplicates, rejected: r.rejected)
    }
}
