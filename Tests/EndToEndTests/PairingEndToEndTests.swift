import Domain
import Foundation
import Storage
import XCTest

/// Pairing children with mentors in a real terminal on a demo database: from the 未结对 filter with the
/// picker's best suggestion, beyond a full mentor's capacity with a reason, and reassigning a child.
final class PairingEndToEndTests: EndToEndTestCase {
    let zh = Catalog.zh
    var pairings: String { zh.text("detail.section.pairings") }

    /// 1. `f` → 未结对 → Enter lists the unpaired children; the third is opened, `p`, Enter pairs it with
    /// the first suggestion. The file names the mentor under 结对帮扶, the header's 未结对 drops by one,
    /// the mentors list (searched by name) shows the load one higher, and the database agrees.
    func testPairAnUnpairedChildWithTheBestSuggestion() throws {
        let db = try makeDemoDatabase(children: 300)
        let unpairedQuery = RosterQuery(filter: RosterFilter(unpairedOnly: true))
        let (total, unpaired, child, best, hadNoPairings) = try withDatabase(db) { db -> (Int, [Int64], Child, MentorSuggestion, Bool) in
            let listed = try db.rosterIDs(unpairedQuery, today: Self.todayDate)
            XCTAssertEqual(Set(listed), Set(try db.unpairedChildIDs()), "the filter lists exactly the unpaired children")
            XCTAssertEqual(listed.count, try db.unpairedCount())
            XCTAssertGreaterThanOrEqual(listed.count, 3, "the demo leaves some children unpaired")
            let child = try XCTUnwrap(try db.child(id: listed[2]))
            let best = try XCTUnwrap(try db.suggestions(forChild: listed[2]).first, "someone has room for \(child.name)")
            XCTAssertLessThan(best.mentor.load, best.mentor.capacity)
            XCTAssertNil(try db.primaryMentorID(childID: listed[2]))
            return (try db.rosterIDs().count, listed, child, best, try db.pairings(childID: listed[2]).isEmpty)
        }
        let mentor = best.mentor
        let childID = unpaired[2]

        try startApp(["--db", db])
        let roster = try waitFor("the roster with the header counts") { s in
            s.contains(self.zh.text("roster.position", 1, total)) && MentorScreen.unpaired(s) != nil
        }
        XCTAssertEqual(MentorScreen.unpaired(roster), unpaired.count, "the header counts the unpaired children\n\(roster)")
        let filtered = try filterUnpairedOnly(count: unpaired.count)
        let expectedNames = try withDatabase(db) { db in try db.rosterRows(ids: Array(unpaired.prefix(30 - 6))).map(\.name) }
        XCTAssertEqual(RosterScreen.names(filtered), expectedNames, filtered)

        try openRosterRow(2, named: child.name, count: unpaired.count)
        let before = try revealSection(pairings)
        let beforeLines = try XCTUnwrap(MentorScreen.sectionLines(before, pairings), before)
        XCTAssertFalse(beforeLines.contains { $0.hasPrefix(mentor.name + " · ") }, before)
        if hadNoPairings { XCTAssertEqual(beforeLines, [zh.text("pairing.none")], before) }

        // The picker proposes the mentor the Storage API ranks first, marked ★ when in the child's grid.
        let picker = try openPicker(for: child.name)
        let first = try XCTUnwrap(RosterScreen.rows(picker).first, picker)
        XCTAssertEqual(first.split(separator: " ").first.map(String.init), mentor.name, "the best suggestion comes first\n\(picker)")
        XCTAssertEqual(first.contains("★"), best.sameGrid, "★ marks a mentor of the child's grid\n\(picker)")
        XCTAssertTrue(MentorScreen.load(first).map { $0 == (mentor.load, mentor.capacity) } == true, picker)
        XCTAssertTrue(picker.contains(zh.text("picker.suggestions")), picker)
        try send("Enter")

        let expectedLine = pairingLine(mentor: mentor.name, role: mentor.role, start: Self.today)
        try waitFor("the file of \(child.name) with 未结对 \(unpaired.count - 1)") { s in
            MentorScreen.unpaired(s) == unpaired.count - 1 && s.contains(self.zh.text("pairing.paired"))
                && !s.contains(self.zh.text("picker.suggestions"))
        }
        let after = try revealSection(pairings)
        let lines = try XCTUnwrap(MentorScreen.sectionLines(after, pairings), after)
        XCTAssertTrue(lines.contains(expectedLine), "expected “\(expectedLine)” under \(pairings)\n\(after)")
        XCTAssertFalse(lines.contains(zh.text("pairing.none")), after)

        // The mentors list: the 结对 column is one higher.
        try send("2")
        try waitFor("the mentors list") { s in
            RosterScreen.headerRow(s)?.contains(self.zh.text("mentor.col.load")) == true && !RosterScreen.rows(s).isEmpty
        }
        let list = try searchMentors(mentor.name) { s in MentorScreen.row(s, name: mentor.name) != nil }
        let row = try XCTUnwrap(MentorScreen.row(list, name: mentor.name), list)
        XCTAssertTrue(MentorScreen.load(row).map { $0 == (mentor.load + 1, mentor.capacity) } == true,
                      "expected \(mentor.load + 1)/\(mentor.capacity) in “\(row)”")

        try withDatabase(db) { db in
            XCTAssertEqual(try db.primaryMentorID(childID: childID), mentor.id)
            let now = try XCTUnwrap(try db.mentorRows(ids: [mentor.id]).first)
            XCTAssertEqual(now.load, mentor.load + 1)
            XCTAssertEqual(try db.unpairedCount(), unpaired.count - 1)
            let p = try XCTUnwrap(try db.pairings(childID: childID).first { $0.pairing.isActive })
            XCTAssertEqual(p.pairing.role, .primary)
            XCTAssertEqual(p.pairing.start, Self.todayDate)
            XCTAssertNil(p.pairing.overrideReason)
            XCTAssertEqual(p.actor, Self.actor)
        }
        try send("q")
        XCTAssertEqual(try waitForExit(), 0)
    }

    /// 2. A full volunteer, found in the picker by typing part of the name: Enter asks for a reason;
    /// the Chinese reason typed and Enter pair beyond capacity. The pairing keeps the reason,
    /// `capacityOverrides()` lists it, and the child's file shows it.
    func testPairingBeyondCapacityRecordsTheReason() throws {
        let db = try makeDemoDatabase(children: 300)
        // Short enough for the whole pairing line to fit 100 columns (longer reasons are cut with “…”).
        let reason = "奶奶腿脚不便"
        let (unpaired, child, full, typed) = try withDatabase(db) { db -> ([Int64], Child, MentorRow, String) in
            let unpaired = try db.rosterIDs(RosterQuery(filter: RosterFilter(unpairedOnly: true)), today: Self.todayDate)
            let child = try XCTUnwrap(try db.child(id: try XCTUnwrap(unpaired.first)))
            let volunteers = try db.mentorRows(ids: try db.mentorIDs(filter: MentorFilter(role: .volunteer)))
            // A full volunteer whose first two characters find nobody else (a three-character name, so
            // what is typed is part of it).
            let full = try XCTUnwrap(try volunteers.first { m in
                guard m.name.count >= 3, m.load == m.capacity else { return false }
                return try db.mentorIDs(search: String(m.name.prefix(2))) == [m.id]
            }, "the demo has a full volunteer")
            XCTAssertTrue(try db.capacityOverrides().isEmpty, "the demo never pairs beyond capacity")
            return (unpaired, child, full, String(full.name.prefix(2)))
        }

        try startApp(["--db", db])
        try waitFor("the roster") { s in MentorScreen.unpaired(s) == unpaired.count }
        try filterUnpairedOnly(count: unpaired.count)
        try openRosterRow(0, named: child.name, count: unpaired.count)
        try openPicker(for: child.name)
        try type(typed)
        let results = try waitFor("the picker's results for “\(typed)”") { s in
            s.contains(self.zh.text("picker.results")) && RosterScreen.rows(s).count == 1
                && MentorScreen.row(s, name: full.name) != nil
        }
        let row = try XCTUnwrap(MentorScreen.row(results, name: full.name))
        XCTAssertTrue(MentorScreen.load(row).map { $0 == (full.capacity, full.capacity) } == true, "a full mentor: \(row)")
        try send("Enter")

        let question = zh.text("prompt.override", full.capacity)
        try waitFor(question)
        try type(reason)
        try waitFor("the reason typed on the question line") { s in
            MentorScreen.promptLine(s).hasPrefix(question) && MentorScreen.promptLine(s).hasSuffix(reason)
        }
        XCTAssertNil(try withDatabase(db) { db in try db.primaryMentorID(childID: unpaired[0]) }, "nothing saved before Enter")
        try send("Enter")

        try waitFor("the child paired (未结对 \(unpaired.count - 1))") { s in
            MentorScreen.unpaired(s) == unpaired.count - 1 && !s.contains(question)
        }
        let file = try revealSection(pairings)
        let expected = pairingLine(mentor: full.name, role: full.role, start: Self.today) + " · " + zh.text("pairing.override", reason)
        XCTAssertTrue(MentorScreen.sectionLines(file, pairings)?.contains(expected) == true,
                      "expected “\(expected)” under \(pairings)\n\(file)")

        try withDatabase(db) { db in
            XCTAssertEqual(try db.primaryMentorID(childID: unpaired[0]), full.id)
            let p = try XCTUnwrap(try db.pairings(childID: unpaired[0]).first { $0.pairing.isActive && $0.pairing.mentorID == full.id })
            XCTAssertEqual(p.pairing.overrideReason, reason)
            let overrides = try db.capacityOverrides()
            XCTAssertEqual(overrides.map(\.id), [p.id], "the override is listed for reports")
            XCTAssertEqual(overrides.first?.pairing.overrideReason, reason)
            XCTAssertEqual(try db.mentorRows(ids: [full.id]).first?.load, full.capacity + 1)
        }
        try send("q")
        XCTAssertEqual(try waitForExit(), 0)
    }

    /// 3. A paired child: `p`, another mentor typed by name, Enter, the reassignment question, `y`. The
    /// old pairing ends today as 改派, the new one is active, and the file lists both.
    func testReassignAPairedChild() throws {
        let db = try makeDemoDatabase(children: 300)
        let (child, old, oldMentor, new) = try withDatabase(db) { db -> (Child, PairingRow, MentorRow, MentorRow) in
            for id in try db.rosterIDs() {
                guard let current = try db.primaryMentorID(childID: id), let child = try db.child(id: id),
                      try db.rosterIDs(RosterQuery(search: child.name), today: Self.todayDate) == [id],
                      let next = try db.suggestions(forChild: id).first?.mentor,
                      next.id != current, try db.mentorIDs(search: next.name).first == next.id else { continue }
                let old = try XCTUnwrap(try db.pairings(childID: id).first { $0.pairing.isActive && $0.pairing.role == .primary })
                XCTAssertEqual(old.pairing.mentorID, current)
                XCTAssertLessThan(old.pairing.start, Self.todayDate, "a demo pairing started before today")
                return (child, old, try XCTUnwrap(try db.mentorRows(ids: [current]).first), next)
            }
            throw XCTSkip("no paired child with a unique name in the demo")
        }
        let childID = try XCTUnwrap(child.id)

        try startApp(["--db", db])
        try waitFor("the roster") { s in MentorScreen.unpaired(s) != nil && !RosterScreen.rows(s).isEmpty }
        try openChildBySearch(child.name)
        let before = try revealSection(pairings)
        let oldActive = pairingLine(mentor: oldMentor.name, role: oldMentor.role, start: old.pairing.start.description, actor: old.actor)
        XCTAssertTrue(MentorScreen.sectionLines(before, pairings)?.contains(oldActive) == true, "expected “\(oldActive)”\n\(before)")
        let unpairedBefore = try XCTUnwrap(MentorScreen.unpaired(before))

        try openPicker(for: child.name)
        try type(new.name)
        try waitFor("\(new.name) first among the results") { s in
            s.contains(self.zh.text("picker.results"))
                && RosterScreen.rows(s).first?.split(separator: " ").first.map(String.init) == new.name
        }
        try send("Enter")
        try waitFor(zh.text("prompt.reassign"))
        XCTAssertEqual(try withDatabase(db) { db in try db.primaryMentorID(childID: childID) }, oldMentor.id, "nothing changes before y")
        try send("y")

        let newLine = pairingLine(mentor: new.name, role: new.role, start: Self.today)
        let endedLine = pairingLine(mentor: oldMentor.name, role: oldMentor.role, start: old.pairing.start.description,
                                    end: Self.today, endReason: .reassigned)
        try waitFor("the picker closed after reassigning") { s in
            !s.contains(self.zh.text("prompt.reassign")) && !s.contains(self.zh.text("picker.results"))
                && s.contains(self.zh.text("pairing.paired"))
        }
        let file = try revealSection(pairings)
        let lines = try XCTUnwrap(MentorScreen.sectionLines(file, pairings), file)
        XCTAssertTrue(lines.contains(newLine), "expected “\(newLine)”\n\(file)")
        XCTAssertTrue(lines.contains { $0.hasPrefix(endedLine) }, "expected “\(endedLine)…” (改派)\n\(file)")
        XCTAssertTrue(endedLine.hasSuffix(zh.text("pend.reassigned")))
        XCTAssertFalse(lines.contains(oldActive), "the old pairing is no longer active\n\(file)")
        XCTAssertEqual(MentorScreen.unpaired(file), unpairedBefore, "still paired: 未结对 unchanged\n\(file)")

        try withDatabase(db) { db in
            XCTAssertEqual(try db.primaryMentorID(childID: childID), new.id)
            let ended = try XCTUnwrap(try db.pairing(id: old.id))
            XCTAssertEqual(ended.pairing.end, Self.todayDate)
            XCTAssertEqual(ended.pairing.endReason, .reassigned)
            XCTAssertEqual(ended.endedBy, Self.actor)
            let active = try db.pairings(childID: childID).filter { $0.pairing.isActive && $0.pairing.role == .primary }
            XCTAssertEqual(active.map(\.pairing.mentorID), [new.id], "exactly one active primary mentor")
            XCTAssertEqual(active.first?.pairing.start, Self.todayDate)
            XCTAssertEqual(try db.mentorRows(ids: [oldMentor.id]).first?.load, oldMentor.load - 1)
            XCTAssertEqual(try db.mentorRows(ids: [new.id]).first?.load, new.load + 1)
        }
        try send("q")
        XCTAssertEqual(try waitForExit(), 0)
    }
}
