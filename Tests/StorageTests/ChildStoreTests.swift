import Domain
import Foundation
import GRDB
import Testing
@testable import Storage

@Suite("Saving child files")
struct ChildStoreTests {
    let base = Child(name: "王小明", sex: .male, idNumber: "510722201503051174", birthDate: LocalDate(year: 2015, month: 3, day: 5),
                     gridName: "石桥村3组", address: "石桥村3组15号",
                     guardian: Guardian(name: "王国福", relation: .paternalGrandfather, phone: "13912340824"))

    @Test func updatesRecordHistoryAndBumpVersion() throws {
        let db = try AppDatabase.inMemory()
        let saved = try db.saveNewChild(base, actor: "甲", source: "form", timestamp: "t1")
        var changed = base
        changed.name = "王晓明"
        changed.guardian?.phone = "13800000000"
        changed.hardship = true
        let after = try db.updateChild(changed, id: saved.id, expectedVersion: 1, actor: "乙", timestamp: "t2")
        #expect(after.version == 2)
        #expect(try db.childVersion(id: saved.id) == 2)
        #expect(try db.child(id: saved.id)?.name == "王晓明")
        let h = try db.history(childID: saved.id)
        #expect(h.map(\.field) == ["hardship", "guardian_phone", "name", "created"])
        #expect(h[2] == HistoryEntry(at: "t2", actor: "乙", field: "name", old: "王小明", new: "王晓明"))
        #expect(h[3].new == "form" && h[3].actor == "甲")
        // The new name is searchable by its pinyin at once.
        #expect(try db.rosterIDs(search: "wangxiao") == [saved.id])
    }

    @Test func aStaleVersionIsAConflictAndChangesNothing() throws {
        let db = try AppDatabase.inMemory()
        let saved = try db.saveNewChild(base, actor: "a", source: "form", timestamp: "t")
        var first = base; first.notes = "第一人"
        _ = try db.updateChild(first, id: saved.id, expectedVersion: 1, actor: "a", timestamp: "t")
        var second = base; second.notes = "第二人"
        #expect(throws: SaveConflict(currentVersion: 2)) {
            try db.updateChild(second, id: saved.id, expectedVersion: 1, actor: "b", timestamp: "t")
        }
        #expect(try db.child(id: saved.id)?.notes == "第一人")
        _ = try db.updateChild(second, id: saved.id, expectedVersion: nil, actor: "b", timestamp: "t") // overwrite
        #expect(try db.child(id: saved.id)?.notes == "第二人")
    }

    @Test func siblingsShareTheHome() throws {
        let db = try AppDatabase.inMemory()
        let a = try db.saveNewChild(base, actor: "a", source: "sweep", timestamp: "t")
        var sister = base
        sister.name = "王小红"; sister.idNumber = nil
        let b = try db.saveNewChild(sister, household: a.household, guardian: a.guardian, actor: "a", source: "sweep", timestamp: "t")
        #expect(b.household == a.household && b.guardian == a.guardian)
        #expect(try db.rosterSummary().households == 1)
        // Moving house is the home's fact: both children show the new address.
        var moved = base; moved.address = "柳湾村1组2号"
        _ = try db.updateChild(moved, id: a.id, expectedVersion: nil, actor: "a", timestamp: "t")
        #expect(try db.child(id: b.id)?.address == "柳湾村1组2号")
    }

    @Test func duplicatesAreFound() throws {
        let db = try AppDatabase.inMemory()
        let saved = try db.saveNewChild(base, actor: "a", source: "form", timestamp: "t")
        #expect(try db.findChild(idNumber: "510722201503051174") == saved.id)
        #expect(try db.findChild(idNumber: "") == nil)
        #expect(try db.findChildren(name: "王小明", birthDate: base.birthDate!) == [saved.id])
        #expect(try db.findChildren(name: "王小明", birthDate: base.birthDate!, excluding: saved.id) == [])
    }

    @Test func archivingKeepsTheFile() throws {
        let db = try AppDatabase.inMemory()
        let saved = try db.saveNewChild(base, actor: "a", source: "form", timestamp: "t")
        try db.archiveChild(id: saved.id, reason: .parentReturned, on: LocalDate(year: 2026, month: 11, day: 1)!, actor: "a", timestamp: "t")
        let c = try #require(try db.child(id: saved.id))
        #expect(c.status == .archived && c.archiveReason == .parentReturned)
        #expect(try db.rosterIDs().isEmpty)
        try db.restoreChild(id: saved.id, actor: "a", timestamp: "t")
        #expect(try db.rosterIDs() == [saved.id])
        #expect(try db.history(childID: saved.id).map(\.field) == ["status", "status", "created"])
    }

    @Test func growthRecordsAreDatedNotes() throws {
        let db = try AppDatabase.inMemory()
        let saved = try db.saveNewChild(base, actor: "a", source: "form", timestamp: "t")
        try db.addGrowthRecord(childID: saved.id, date: LocalDate(year: 2026, month: 9, day: 1)!, note: "开学，适应良好", author: "a", timestamp: "t")
        try db.addGrowthRecord(childID: saved.id, date: LocalDate(year: 2026, month: 10, day: 8)!, note: "书法比赛二等奖", author: "a", timestamp: "t")
        #expect(try db.growthRecords(childID: saved.id).map(\.note) == ["书法比赛二等奖", "开学，适应良好"])
        #expect(throws: StorageError.self) {
            try db.addGrowthRecord(childID: saved.id, date: LocalDate(year: 2026, month: 9, day: 1)!, note: "  ", author: "a", timestamp: "t")
        }
    }

    @Test func draftsAreKeptPerKey() throws {
        let db = try AppDatabase.inMemory()
        try db.saveDraft(Draft(key: "form:a", kind: "child-form", payload: "{1}", updatedAt: "t1"))
        try db.saveDraft(Draft(key: "form:a", kind: "child-form", payload: "{2}", updatedAt: "t2"))
        try db.saveDraft(Draft(key: "form:b", kind: "child-form", payload: "{3}", updatedAt: "t3"))
        #expect(try db.draft(key: "form:a")?.payload == "{2}")
        try db.deleteDraft(key: "form:a")
        #expect(try db.draft(key: "form:a") == nil)
        #expect(try db.draft(key: "form:b")?.payload == "{3}")
    }

    @Test func searchFindsIDFragmentsGuardiansAndPhones() throws {
        let db = try AppDatabase.inMemory()
        let saved = try db.saveNewChild(base, actor: "a", source: "form", timestamp: "t")
        _ = try db.saveNewChild(Child(name: "李四"), actor: "a", source: "form", timestamp: "t")
        #expect(try db.rosterIDs(search: "05117") == [saved.id])      // ID fragment
        #expect(try db.rosterIDs(search: "0824") == [saved.id])       // guardian phone fragment
        #expect(try db.rosterIDs(search: "国福") == [saved.id])        // guardian name
        #expect(try db.rosterIDs(search: "wgf") == [saved.id])        // guardian initials
    }
}
