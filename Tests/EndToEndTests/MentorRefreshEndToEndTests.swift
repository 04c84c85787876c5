import Domain
import Foundation
import Storage
import XCTest

/// What other screens show after a pairing, an edit or a departure: the mentors list once it has
/// been seen, the header's 未结对 count, an open child's file. Each check polls for a few seconds and
/// reports what stayed stale, so one run shows every screen that was not refreshed.
final class MentorRefreshEndToEndTests: EndToEndTestCase {
    let zh = Catalog.zh

    /// The screen now, for failure messages ("" when it cannot be read).
    func lastScreen() -> String { (try? capture()) ?? "" }

    /// Polls like `waitFor` (two identical captures) but returns nil on timeout instead of failing.
    func eventually(timeout: Double = 2, _ predicate: (String) -> Bool) throws -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        var matched: String?
        while Date() < deadline {
            let screen = try capture()
            if predicate(screen) {
                if screen == matched { return screen }
                matched = screen
            } else {
                matched = nil
            }
            usleep(50_000)
        }
        return nil
    }

    /// 6. The mentors list seen before a pairing made in a child's file shows the new load when shown
    /// again; after the mentor's unit is edited in their file, the list shows the new unit.
    func testMentorsListSeenBeforeShowsNewLoadAndUnit() throws {
        let db = try makeDemoDatabase(children: 300)
        let unit = "镇社工站二组"
        let (unpaired, child, mentor) = try withDatabase(db) { db -> ([Int64], Child, MentorRow) in
            let unpaired = try db.rosterIDs(RosterQuery(filter: RosterFilter(unpairedOnly: true)), today: Self.todayDate)
            let id = try XCTUnwrap(unpaired.first)
            let mentor = try XCTUnwrap(try db.suggestions(forChild: id).first?.mentor)
            XCTAssertEqual(try db.mentorIDs(search: mentor.name).first, mentor.id)
            XCTAssertNotEqual(mentor.organisation, unit)
            return (unpaired, try XCTUnwrap(try db.child(id: id)), mentor)
        }

        try startApp(["--db", db])
        try waitFor("the roster") { s in MentorScreen.unpaired(s) == unpaired.count }
        // The mentors list first: the mentor at their current load.
        try send("2")
        try waitFor("the mentors list") { s in !RosterScreen.rows(s).isEmpty }
        let seen = try searchMentors(mentor.name) { s in MentorScreen.row(s, name: mentor.name) != nil }
        XCTAssertTrue(MentorScreen.row(seen, name: mentor.name).flatMap(MentorScreen.load).map { $0 == (mentor.load, mentor.capacity) } == true, seen)

        // Pair a child with them from the roster.
        try send("1")
        try waitFor("the roster") { s in RosterScreen.headerRow(s)?.contains(self.zh.text("col.name")) == true && !RosterScreen.rows(s).isEmpty }
        try filterUnpairedOnly(count: unpaired.count)
        try openRosterRow(0, named: child.name, count: unpaired.count)
        let picker = try openPicker(for: child.name)
        XCTAssertEqual(RosterScreen.rows(picker).first?.split(separator: " ").first.map(String.init), mentor.name, picker)
        try send("Enter")
        try waitFor("the child paired") { s in MentorScreen.unpaired(s) == unpaired.count - 1 }
        XCTAssertEqual(try withDatabase(db) { db in try db.mentorRows(ids: [mentor.id]).first?.load }, mentor.load + 1)

        continueAfterFailure = true
        try send("2")
        let expectedLoad = "\(mentor.load + 1)/\(mentor.capacity)"
        let refreshed = try eventually { s in
            MentorScreen.row(s, name: mentor.name).flatMap(MentorScreen.load).map { $0 == (mentor.load + 1, mentor.capacity) } == true
        }
        XCTAssertNotNil(refreshed, "BUG: the mentors list seen before the pairing still shows the old load (expected \(expectedLoad)):\n\(self.lastScreen())")

        // Edit the unit in the mentor's file, back to the list.
        try send("Enter")
        try waitForFile(of: mentor.name)
        try send("e")
        try waitFor("the edit form") { s in s.contains(self.zh.text("mentor_form.edit_title", mentor.name)) }
        try send("Tab", times: 3)
        try waitFor("the unit focused") { s in FormScreen.isFocused(s, self.zh.text("mf.organisation")) }
        try send("C-u")
        try type(unit)
        try waitForField(zh.text("mf.organisation"), value: unit)
        try send("C-s")
        try waitForFile(of: mentor.name) { s in MentorScreen.field(s, self.zh.text("field.organisation")) == unit }
        try send("Escape")
        let listed = try eventually { s in MentorScreen.row(s, name: mentor.name)?.hasSuffix(unit) == true }
        XCTAssertNotNil(listed, "BUG: after editing the unit the mentors list still shows the old one (expected \(unit)):\n\(self.lastScreen())")
        XCTAssertEqual(try withDatabase(db) { db in try db.mentor(id: mentor.id)?.organisation }, unit)

        try send("q")
        XCTAssertEqual(try waitForExit(), 0)
    }

    /// 7. Marking a mentor with children as left (`L`, `y`) ends their pairings: the header's 未结对 goes up
    /// by their primary children, the mentors list no longer lists them (active only) and its counts
    /// drop, and a child's file opened before shows the pairing ended.
    func testMarkingAMentorLeftRefreshesHeaderListAndChildFile() throws {
        let db = try makeDemoDatabase(children: 300)
        let (mentor, primaries, child, unpairedBefore, counts) = try withDatabase(db) {
            db -> (MentorRow, Int, Child, Int, (active: Int, withFreeCapacity: Int)) in
            let rows = try db.mentorRows(ids: try db.mentorIDs())
            // The mentor with the most primary children whose name finds only them and whose first child's name is unique.
            var best: (MentorRow, Int, Child)?
            for m in rows {
                guard try db.mentorIDs(search: m.name) == [m.id] else { continue }
                let p = try db.pairings(mentorID: m.id).filter { $0.pairing.isActive && $0.pairing.role == .primary }
                guard p.count > (best?.1 ?? 0), let c = try db.child(id: p[0].pairing.childID),
                      try db.rosterIDs(RosterQuery(search: c.name), today: Self.todayDate) == [p[0].pairing.childID] else { continue }
                best = (m, p.count, c)
            }
            let (m, n, c) = try XCTUnwrap(best)
            return (m, n, c, try db.unpairedCount(), try db.mentorCounts())
        }

        try startApp(["--db", db])
        try waitFor("the roster") { s in MentorScreen.unpaired(s) == unpairedBefore }
        // The child's file first, showing the pairing.
        try openChildBySearch(child.name)
        let pairings = zh.text("detail.section.pairings")
        let activeLine = { (s: String) -> Bool in
            MentorScreen.sectionLines(s, pairings)?.contains { $0.hasPrefix(mentor.name + " · ") && $0.contains(" 起 · ") } == true
        }
        let file = try revealSection(pairings)
        XCTAssertTrue(activeLine(file), "the file shows the active pairing\n\(file)")

        try send("2")
        try waitFor("the mentors list") { s in !RosterScreen.rows(s).isEmpty }
        try searchMentors(mentor.name, count: 1)
        try send("Enter")
        try waitForFile(of: mentor.name)
        try send("L")
        try waitFor(zh.text("prompt.mark_left"))
        try send("y")
        let leftText = zh.text("mentor.status_left") + " " + Self.today
        try waitForFile(of: mentor.name) { s in MentorScreen.field(s, self.zh.text("field.status")) == leftText }
        let unpairedAfter = try withDatabase(db) { db -> Int in
            XCTAssertEqual(try db.mentor(id: mentor.id)?.status, .left)
            XCTAssertEqual(try db.pairings(mentorID: mentor.id).filter(\.pairing.isActive).count, 0)
            return try db.unpairedCount()
        }
        XCTAssertEqual(unpairedAfter, unpairedBefore + primaries)

        continueAfterFailure = true
        let header = try eventually { s in MentorScreen.unpaired(s) == unpairedAfter }
        XCTAssertNotNil(header, "BUG: after marking \(mentor.name) as left the header still says 未结对 \(unpairedBefore) (expected \(unpairedAfter)):\n\(self.lastScreen())")

        try send("Escape")
        let countsLine = zh.text("mentor.counts", counts.active - 1, counts.withFreeCapacity - (mentor.load < mentor.capacity ? 1 : 0))
        let list = try eventually { s in MentorScreen.row(s, name: mentor.name) == nil && RosterScreen.resultCount(s) == 0 }
        XCTAssertNotNil(list, "BUG: the mentors list still lists \(mentor.name), who has left:\n\(self.lastScreen())")
        try send("Escape") // the search cleared: the counts line shows
        let countsShown = try eventually { s in s.contains(countsLine) }
        XCTAssertNotNil(countsShown, "BUG: the mentors counts line is stale (expected “\(countsLine)”):\n\(self.lastScreen())")

        try send("1")
        // The file gained a line (the ended pairing and a "not paired" line): scroll to its end.
        try send("NPage")
        try send("NPage")
        let childFile = try eventually { s in
            MentorScreen.sectionIndex(s, pairings) != nil && !activeLine(s)
                && MentorScreen.sectionLines(s, pairings)?.contains { $0.hasPrefix(mentor.name + " · ") && $0.contains(self.zh.text("pend.mentor_left")) } == true
        }
        XCTAssertNotNil(childFile, "BUG: \(child.name)'s open file still shows the pairing with \(mentor.name) as active:\n\(self.lastScreen())")

        try send("q")
        XCTAssertEqual(try waitForExit(), 0)
    }
}
