import Domain
import Foundation
import GRDB
import Testing
@testable import Storage

@Suite("Pairings")
struct PairingStoreTests {
    typealias F = MentorFixture
    let d1 = F.date("2026-03-01"), d2 = F.date("2026-05-01"), d3 = F.date("2026-09-01")

    @Test func capacityIsEnforcedWithAClearErrorAndOverridesAreRecorded() throws {
        let db = try AppDatabase.inMemory()
        let m = try F.mentor(db, "李秀英", phone: "13912340824")
        let kids = try ["王一", "王二", "王三", "王四"].map { try F.child(db, $0) }
        // A reason given when none is needed is not an override.
        try db.pair(child: kids[0], mentor: m, role: .primary, start: d1, overrideReason: "以防万一", actor: "x", timestamp: "t")
        try db.pair(child: kids[1], mentor: m, role: .primary, start: d1, actor: "x", timestamp: "t")
        #expect(throws: PairingError.capacityReached(limit: 2, current: 2)) {
            try db.pair(child: kids[2], mentor: m, role: .primary, start: d1, actor: "x", timestamp: "t")
        }
        #expect(PairingError.capacityReached(limit: 2, current: 2).description.contains("limit is 2"))
        #expect(throws: PairingError.capacityReached(limit: 2, current: 2)) {
            try db.pair(child: kids[2], mentor: m, role: .primary, start: d1, overrideReason: "   ", actor: "x", timestamp: "t")
        }
        let over = try db.pair(child: kids[2], mentor: m, role: .primary, start: d2, overrideReason: "同村，暂无其他人选",
                               actor: "协调员", timestamp: "t2")
        #expect(try db.mentorRows(ids: [m]).first?.load == 3)
        let listed = try db.capacityOverrides()
        #expect(listed.map(\.id) == [over])
        #expect(listed.first?.pairing.overrideReason == "同村，暂无其他人选" && listed.first?.actor == "协调员")
        #expect(listed.first?.childName == "王三" && listed.first?.mentorName == "李秀英")
        // Ended overrides stay in the report unless only active ones are asked for.
        try db.endPairing(id: over, on: d3, reason: .other, actor: "x", timestamp: "t")
        #expect(try db.capacityOverrides().map(\.id) == [over])
        #expect(try db.capacityOverrides(activeOnly: true).isEmpty)
    }

    @Test func capacityTriggerStopsRawSQLToo() throws {
        let db = try AppDatabase.inMemory()
        let m = try F.mentor(db, "李秀英", phone: "13912340824", capacity: 1)
        let a = try F.child(db, "王一"), b = try F.child(db, "王二")
        try db.pair(child: a, mentor: m, role: .primary, start: d1, actor: "x", timestamp: "t")
        let insert = "INSERT INTO pairing(child_id, mentor_id, pair_role, start_date, override_reason, created_at, actor) VALUES (?, ?, 'primary', '2026-03-01', ?, 't', 'sql')"
        #expect(throws: DatabaseError.self) { try db.writer.write { try $0.execute(sql: insert, arguments: [b, m, nil]) } }
        // The trigger's message is recognised as the refusal it is (the interface words it, never SQL).
        do { try db.writer.write { try $0.execute(sql: insert, arguments: [b, m, nil]) } } catch {
            #expect(StorageRefusal(error) == .pairingCapacityReached, "\(error)")
        }
        try db.writer.write { try $0.execute(sql: insert, arguments: [b, m, "记录在案"]) }
        #expect(try db.mentorRows(ids: [m]).first?.load == 2)
    }

    @Test func aChildHasOneActivePrimaryMentorEvenAgainstRawSQL() throws {
        let db = try AppDatabase.inMemory()
        let a = try F.mentor(db, "甲", phone: "13800000001"), b = try F.mentor(db, "乙", phone: "13800000002")
        let t = try F.mentor(db, "张老师", phone: "13800000003", role: .teacher)
        let c = try F.child(db, "王小明")
        try db.pair(child: c, mentor: a, role: .primary, start: d1, actor: "x", timestamp: "t")
        #expect(throws: PairingError.childAlreadyHasPrimary) {
            try db.pair(child: c, mentor: b, role: .primary, start: d1, actor: "x", timestamp: "t")
        }
        #expect(throws: PairingError.alreadyPaired) {
            try db.pair(child: c, mentor: a, role: .primary, start: d1, actor: "x", timestamp: "t")
        }
        // Class teacher and student helper are other parts in the pair.
        try db.pair(child: c, mentor: t, role: .classTeacher, start: d1, actor: "x", timestamp: "t")
        // Bypassing the API: the partial unique index refuses a second active primary...
        do {
            try db.writer.write { db in
                try db.execute(sql: """
                    INSERT INTO pairing(child_id, mentor_id, pair_role, start_date, created_at, actor) VALUES (?, ?, 'primary', '2026-04-01', 't', 'sql')
                    """, arguments: [c, b])
            }
            Issue.record("a second active primary was written")
        } catch let e as DatabaseError {
            #expect(e.resultCode == .SQLITE_CONSTRAINT)
            #expect(e.message?.contains("pairing.child_id") == true)
        }
        // ... but an ended primary pairing beside the active one is history, and allowed.
        try db.writer.write { db in
            try db.execute(sql: """
                INSERT INTO pairing(child_id, mentor_id, pair_role, start_date, end_date, end_reason, created_at, actor)
                VALUES (?, ?, 'primary', '2025-01-01', '2025-12-31', 'other', 't', 'sql')
                """, arguments: [c, b])
        }
        #expect(try db.primaryMentorID(childID: c) == a)
        #expect(try db.pairings(childID: c).count == 3)
    }

    @Test func endDatesAreNotBeforeStartDates() throws {
        let db = try AppDatabase.inMemory()
        let m = try F.mentor(db, "甲", phone: "13800000001")
        let c = try F.child(db, "王小明")
        let p = try db.pair(child: c, mentor: m, role: .primary, start: d2, actor: "x", timestamp: "t")
        #expect(throws: PairingError.endBeforeStart) { try db.endPairing(id: p, on: d1, reason: .other, actor: "x", timestamp: "t") }
        #expect(throws: DatabaseError.self) {
            try db.writer.write { try $0.execute(sql: "UPDATE pairing SET end_date = '2026-01-01', end_reason = 'other' WHERE id = ?", arguments: [p]) }
        }
        try db.endPairing(id: p, on: d2, reason: .childMoved, actor: "乙", timestamp: "t9") // same day is fine
        #expect(throws: PairingError.alreadyEnded) { try db.endPairing(id: p, on: d3, reason: .other, actor: "x", timestamp: "t") }
        #expect(throws: PairingError.unknownPairing) { try db.endPairing(id: 999, on: d3, reason: .other, actor: "x", timestamp: "t") }
        let row = try #require(try db.pairing(id: p))
        #expect(row.pairing.end == d2 && row.pairing.endReason == .childMoved && row.endedBy == "乙")
    }

    @Test func unknownArchivedAndLeftAreRefused() throws {
        let db = try AppDatabase.inMemory()
        let m = try F.mentor(db, "甲", phone: "13800000001")
        let c = try F.child(db, "王小明")
        #expect(throws: PairingError.unknownChild) { try db.pair(child: 999, mentor: m, role: .primary, start: d1, actor: "x", timestamp: "t") }
        #expect(throws: PairingError.unknownMentor) { try db.pair(child: c, mentor: 999, role: .primary, start: d1, actor: "x", timestamp: "t") }
        try db.archiveChild(id: c, reason: .movedAway, on: d1, actor: "x", timestamp: "t")
        #expect(throws: PairingError.childArchived) { try db.pair(child: c, mentor: m, role: .primary, start: d1, actor: "x", timestamp: "t") }
        let c2 = try F.child(db, "王二")
        try db.markMentorLeft(id: m, on: d1, actor: "x", timestamp: "t")
        #expect(throws: PairingError.mentorLeft) { try db.pair(child: c2, mentor: m, role: .primary, start: d2, actor: "x", timestamp: "t") }
        #expect(throws: PairingError.mentorLeft) { try db.markMentorLeft(id: m, on: d2, actor: "x", timestamp: "t") }
    }

    @Test func reassignmentIsOneTransaction() throws {
        let db = try AppDatabase.inMemory()
        let a = try F.mentor(db, "甲", phone: "13800000001")
        let b = try F.mentor(db, "乙", phone: "13800000002", capacity: 1)
        let c = try F.child(db, "王小明"), other = try F.child(db, "王二")
        let first = try db.pair(child: c, mentor: a, role: .primary, start: d1, actor: "x", timestamp: "t")
        try db.pair(child: other, mentor: b, role: .primary, start: d1, actor: "x", timestamp: "t")
        // b is full: the reassignment fails and the old pairing is still active, untouched.
        #expect(throws: PairingError.capacityReached(limit: 1, current: 1)) {
            try db.reassign(child: c, to: b, start: d2, actor: "x", timestamp: "t")
        }
        // A start before the current pairing's start fails the same way.
        let free = try F.mentor(db, "丙", phone: "13800000003")
        #expect(throws: PairingError.endBeforeStart) { try db.reassign(child: c, to: free, start: F.date("2026-02-01"), actor: "x", timestamp: "t") }
        #expect(throws: PairingError.alreadyPaired) { try db.reassign(child: c, to: a, start: d2, actor: "x", timestamp: "t") }
        #expect(try db.pairings(childID: c).map(\.pairing) == [Pairing(id: first, childID: c, mentorID: a, role: .primary, start: d1)])
        #expect(try db.mentorRows(ids: [b, free]).map(\.load) == [1, 0])
        // With room, it ends one and starts the next on the same day.
        let second = try db.reassign(child: c, to: free, start: d2, actor: "协调员", timestamp: "t2")
        let history = try db.pairings(childID: c)
        #expect(history.map(\.id) == [second, first])
        #expect(history[1].pairing.end == d2 && history[1].pairing.endReason == .reassigned && history[1].endedBy == "协调员")
        #expect(history[0].pairing.isActive && history[0].pairing.start == d2 && history[0].mentorName == "丙")
        // A child without a primary mentor is simply paired.
        let lone = try F.child(db, "王三")
        try db.reassign(child: lone, to: a, start: d2, actor: "x", timestamp: "t")
        #expect(try db.primaryMentorID(childID: lone) == a)
    }

    @Test func aMentorWhoLeavesHasTheirPairingsEndedThatDay() throws {
        let db = try AppDatabase.inMemory()
        let m = try F.mentor(db, "甲", phone: "13800000001", capacity: 3)
        let kids = try ["王一", "王二", "王三"].map { try F.child(db, $0) }
        for k in kids { try db.pair(child: k, mentor: m, role: .primary, start: d1, actor: "x", timestamp: "t") }
        try db.endPairing(id: try #require(try db.pairings(childID: kids[2]).first?.id), on: d2, reason: .childMoved, actor: "x", timestamp: "t")
        // A pairing starting after the leaving date makes the whole change fail.
        #expect(throws: PairingError.endBeforeStart) { try db.markMentorLeft(id: m, on: F.date("2026-02-01"), actor: "x", timestamp: "t") }
        #expect(try db.mentor(id: m)?.status == .active)
        #expect(try db.markMentorLeft(id: m, on: d3, actor: "主任", timestamp: "t3") == 2)
        let mentor = try #require(try db.mentor(id: m))
        #expect(mentor.status == .left && mentor.leftOn == d3)
        let rows = try db.pairings(mentorID: m)
        #expect(rows.count == 3 && rows.allSatisfy { !$0.pairing.isActive })
        #expect(rows.filter { $0.pairing.endReason == .mentorLeft }.map { $0.pairing.end } == [d3, d3])
        #expect(try db.mentorHistory(id: m).first == HistoryEntry(at: "t3", actor: "主任", field: "status", old: "active", new: "left:2026-09-01"))
        #expect(Set(try db.unpairedChildIDs()) == Set(kids))
    }

    @Test func archivingAChildEndsItsPairings() throws {
        let db = try AppDatabase.inMemory()
        let m = try F.mentor(db, "甲", phone: "13800000001"), t = try F.mentor(db, "张老师", phone: "13800000002", role: .teacher)
        let c = try F.child(db, "王小明")
        try db.pair(child: c, mentor: m, role: .primary, start: d1, actor: "x", timestamp: "t")
        try db.pair(child: c, mentor: t, role: .classTeacher, start: d1, actor: "x", timestamp: "t")
        // archiveChild ends the pairings in its own transaction ...
        try db.archiveChild(id: c, reason: .parentReturned, on: d3, actor: "x", timestamp: "t")
        #expect(try db.pairings(childID: c).allSatisfy { $0.pairing.end == d3 && $0.pairing.endReason == .childArchived })
        #expect(try db.mentorRows(ids: [m, t]).map(\.load) == [0, 0])
        // ... and the standalone call finds nothing left to end.
        #expect(try db.endPairingsOfArchivedChild(id: c, on: d3, actor: "x", timestamp: "t") == 0)
        let other = try F.child(db, "王二")
        try db.pair(child: other, mentor: m, role: .primary, start: d1, actor: "x", timestamp: "t")
        #expect(try db.endPairingsOfArchivedChild(id: other, on: d2, actor: "x", timestamp: "t") == 1)
        #expect(try db.pairings(childID: other).first?.pairing.endReason == .childArchived)
        #expect(throws: PairingError.unknownChild) { try db.endPairingsOfArchivedChild(id: 999, on: d3, actor: "x", timestamp: "t") }
        // A pairing that starts after the archive date stops the archiving as a whole.
        let late = try F.child(db, "王三")
        try db.pair(child: late, mentor: m, role: .primary, start: d3, actor: "x", timestamp: "t")
        #expect(throws: PairingError.endBeforeStart) { try db.archiveChild(id: late, reason: .movedAway, on: d2, actor: "x", timestamp: "t") }
        #expect(try db.child(id: late)?.status == .active && db.primaryMentorID(childID: late) == m)
    }

    @Test func historyOfChildAndMentorKeepsEverything() throws {
        let db = try AppDatabase.inMemory()
        let a = try F.mentor(db, "甲", phone: "13800000001"), b = try F.mentor(db, "乙", phone: "13800000002")
        let c = try F.child(db, "王小明"), c2 = try F.child(db, "王二")
        let p1 = try db.pair(child: c, mentor: a, role: .primary, start: d1, actor: "x", timestamp: "t")
        let p2 = try db.reassign(child: c, to: b, start: d2, actor: "x", timestamp: "t")
        let p3 = try db.pair(child: c2, mentor: a, role: .primary, start: d3, actor: "x", timestamp: "t")
        #expect(try db.pairings(childID: c).map(\.id) == [p2, p1])
        #expect(try db.pairings(mentorID: a).map(\.id) == [p3, p1]) // active first, then newest
        #expect(try db.pairings(mentorID: a).map(\.childName) == ["王二", "王小明"])
        #expect(try db.pairings(mentorID: b).map(\.mentorRole) == [.volunteer])
        let count = try db.writer.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM pairing") }
        #expect(count == 3)
    }

    @Test func suggestionsRankSameGridThenRoomThenFewestChildren() throws {
        let db = try AppDatabase.inMemory()
        let child = try F.child(db, "王小明", grid: "石桥村1组")
        let busyHere = try F.mentor(db, "甲", phone: "13800000001", grid: "石桥村1组")          // 1/2, same grid
        let idleHere = try F.mentor(db, "乙", phone: "13800000002", grid: "石桥村1组")          // 0/2, same grid
        let director = try F.mentor(db, "丙", phone: "13800000003", role: .childDirector, grid: "石桥村1组") // 3/30
        let idleAway = try F.mentor(db, "丁", phone: "13800000004", grid: "柳湾村2组")          // 0/2, other grid
        let fullHere = try F.mentor(db, "戊", phone: "13800000005", grid: "石桥村1组", capacity: 1) // 1/1
        let noGrid = try F.mentor(db, "己", phone: "13800000006", grid: nil)                   // 0/2
        let teacher = try F.mentor(db, "庚", phone: "13800000007", role: .teacher, grid: "石桥村1组")
        let gone = try F.mentor(db, "辛", phone: "13800000008", grid: "石桥村1组")
        try db.markMentorLeft(id: gone, on: d1, actor: "x", timestamp: "t")
        var n = 0
        func load(_ m: Int64, _ k: Int) throws {
            for _ in 0..<k {
                n += 1
                try db.pair(child: try F.child(db, "儿童\(n)", grid: "柳湾村2组"), mentor: m, role: .primary, start: d1, actor: "x", timestamp: "t")
            }
        }
        try load(busyHere, 1); try load(director, 3); try load(fullHere, 1)
        let ranked = try db.suggestions(forChild: child)
        #expect(ranked.map(\.mentor.id) == [idleHere, busyHere, director, idleAway, noGrid])
        #expect(ranked.map(\.sameGrid) == [true, true, true, false, false])
        #expect(try db.suggestions(forChild: child, limit: 2).map(\.mentor.id) == [idleHere, busyHere])
        let all = try db.suggestions(forChild: child, includeFull: true)
        #expect(all.map(\.mentor.id) == [idleHere, busyHere, director, fullHere, idleAway, noGrid])
        #expect(try db.suggestions(forChild: child, role: .classTeacher).map(\.mentor.id) == [teacher])
        // A mentor already paired with the child is not proposed again.
        try db.pair(child: child, mentor: idleHere, role: .primary, start: d1, actor: "x", timestamp: "t")
        #expect(try db.suggestions(forChild: child).first?.mentor.id == busyHere)
        #expect(throws: PairingError.unknownChild) { try db.suggestions(forChild: 999) }
    }

    @Test func unpairedChildrenAreActiveChildrenWithoutAPrimaryMentor() throws {
        let db = try AppDatabase.inMemory()
        let m = try F.mentor(db, "甲", phone: "13800000001", capacity: 5)
        let t = try F.mentor(db, "张老师", phone: "13800000002", role: .teacher)
        let a = try F.child(db, "安安"), b = try F.child(db, "白白"), c = try F.child(db, "陈陈"), d = try F.child(db, "丁丁")
        #expect(try db.unpairedCount() == 4)
        try db.pair(child: a, mentor: m, role: .primary, start: d1, actor: "x", timestamp: "t")
        try db.pair(child: b, mentor: t, role: .classTeacher, start: d1, actor: "x", timestamp: "t") // not a primary
        let ended = try db.pair(child: c, mentor: m, role: .primary, start: d1, actor: "x", timestamp: "t")
        try db.endPairing(id: ended, on: d2, reason: .other, actor: "x", timestamp: "t")
        try db.archiveChild(id: d, reason: .movedAway, on: d2, actor: "x", timestamp: "t")
        #expect(try db.unpairedChildIDs() == [b, c]) // pinyin order: bai bai, chen chen
        #expect(try db.unpairedCount() == 2)
    }
}
