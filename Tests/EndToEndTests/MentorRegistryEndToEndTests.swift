import Domain
import Foundation
import Storage
import XCTest

/// The mentors screen in a real terminal: adding, editing and marking a mentor as left through the
/// form and the file, the duplicate-phone rule, search by pinyin initials and the free-places toggle.
final class MentorRegistryEndToEndTests: EndToEndTestCase {
    let zh = Catalog.zh

    /// The mentor form's fields (catalog keys `mf.*`), in form order.
    enum Field: String { case name, role, phone, organisation, grid, capacity }

    func label(_ f: Field) -> String { zh.text("mf." + f.rawValue) }

    /// Waits for the mentors list (its header row and at least one row, or the search result line).
    @discardableResult
    func waitForMentorsList(file: StaticString = #filePath, line: UInt = #line,
                            _ extra: @escaping (String) -> Bool = { _ in true }) throws -> String {
        try waitFor("the mentors list", file: file, line: line) { s in
            RosterScreen.headerRow(s)?.contains(self.zh.text("mentor.col.load")) == true && extra(s)
        }
    }

    /// 4. `2`, `a`: a Chinese name, the role by typing 志 (after → moved it away), a phone, Ctrl-S: the
    /// mentor's file opens. `e`, the unit changed, Ctrl-S: the history shows it. `L`, `y`: the file says
    /// 已离开 and the database says left. A second mentor with the same phone is refused with the
    /// duplicate-phone message and nothing is saved.
    func testAddEditAndMarkAMentorAsLeft() throws {
        let db = try makeDemoDatabase(children: 120)
        let name = "林晓燕", unit = "青山镇中心小学", other = "周海涛"
        let (phone, mentorsBefore, volunteerCapacity) = try withDatabase(db) { db -> (String, Int, Int) in
            XCTAssertTrue(try db.mentorIDs(search: name, filter: MentorFilter(includeLeft: true)).isEmpty, "\(name) is new")
            let phone = try XCTUnwrap(try ["13800138000", "13800138011", "13800138022"].first { try db.findMentor(phone: $0) == nil })
            return (phone, try db.mentorIDs(filter: MentorFilter(includeLeft: true)).count, try db.capacity(for: .volunteer))
        }

        try startApp(["--db", db])
        try waitFor("the roster") { s in MentorScreen.unpaired(s) != nil }
        try send("2")
        try waitForMentorsList { s in !RosterScreen.rows(s).isEmpty }
        try send("a")
        try waitFor("the empty mentor form") { s in
            s.contains(self.zh.text("mentor_form.add_title")) && FormScreen.isFocused(s, self.label(.name))
        }
        try type(name)
        try waitForField(label(.name), value: name)
        try send("Tab")
        let volunteer = zh.text("mrole.volunteer")
        try waitForField(label(.role), value: volunteer) // the default
        try send("Right")
        let moved = try waitFor("another role after →") { s in
            FormScreen.isFocused(s, self.label(.role)) && FormScreen.value(s, self.label(.role)).map { !$0.isEmpty && $0 != volunteer } == true
        }
        XCTAssertNotEqual(FormScreen.value(moved, label(.role)), volunteer)
        try type("志")
        try waitForField(label(.role), value: volunteer)
        try send("Tab")
        try waitForField(label(.phone), value: "")
        try type(phone)
        try waitForField(label(.phone), value: phone)
        try send("C-s")

        let info = zh.text("mentor.section.info")
        let created = try waitForFile(of: name) { s in s.contains(self.zh.text("mentor.saved")) && s.contains(info) }
        XCTAssertTrue(created.contains("  " + name + "  " + volunteer), created)
        XCTAssertEqual(MentorScreen.field(created, zh.text("field.phone")), Phone.masked(phone), created)
        XCTAssertEqual(MentorScreen.field(created, zh.text("field.load")), "0/\(volunteerCapacity)", created)
        XCTAssertEqual(MentorScreen.sectionLines(created, zh.text("mentor.section.children")), [zh.text("pairing.none")], created)
        let id = try withDatabase(db) { db -> Int64 in
            let id = try XCTUnwrap(try db.findMentor(phone: phone), "the mentor is saved")
            let m = try XCTUnwrap(try db.mentor(id: id))
            XCTAssertEqual(m.name, name)
            XCTAssertEqual(m.role, .volunteer)
            XCTAssertEqual(m.capacity, volunteerCapacity, "a blank capacity takes the role's")
            XCTAssertEqual(m.status, .active)
            XCTAssertEqual(m.organisation, "")
            XCTAssertEqual(try db.mentorHistory(id: id).map(\.field), ["created"])
            return id
        }

        // Edit: the unit.
        try send("e")
        try waitFor("the edit form") { s in
            s.contains(self.zh.text("mentor_form.edit_title", name)) && FormScreen.value(s, self.label(.phone)) == phone
        }
        try send("Tab", times: 3)
        try waitForField(label(.organisation), value: "")
        try type(unit)
        try waitForField(label(.organisation), value: unit)
        try send("C-s")
        let history = zh.text("detail.section.history")
        let edited = try waitForFile(of: name) { s in
            MentorScreen.field(s, self.zh.text("field.organisation")) == unit && MentorScreen.sectionIndex(s, history) != nil
        }
        // "{0}：{1} → {2}": whatever the field is called, the line ends with " → 青山镇中心小学".
        let change = zh.text("history.line", "\u{1}", "\u{1}", unit).components(separatedBy: "\u{1}").last!
        let historyLines = try XCTUnwrap(MentorScreen.sectionLines(edited, history), edited)
        XCTAssertTrue(historyLines.first.map { $0.contains(change) && $0.hasSuffix(Self.actor) } == true,
                      "the newest history line records the unit\n\(edited)")
        XCTAssertEqual(historyLines.count, 2, "created, then the one change\n\(edited)")
        try withDatabase(db) { db in
            XCTAssertEqual(try db.mentor(id: id)?.organisation, unit)
            let h = try XCTUnwrap(try db.mentorHistory(id: id).first)
            XCTAssertEqual(h.field, "organisation")
            XCTAssertEqual(h.new, unit)
            XCTAssertEqual(h.actor, Self.actor)
        }

        // Leaving.
        try send("L")
        try waitFor(zh.text("prompt.mark_left"))
        try send("y")
        let leftText = zh.text("mentor.status_left") + " " + Self.today
        let left = try waitForFile(of: name) { s in
            MentorScreen.field(s, self.zh.text("field.status")) == leftText && !s.contains(self.zh.text("prompt.mark_left"))
        }
        XCTAssertEqual(MentorScreen.sectionLines(left, history)?.count, 3, "the departure is in the history\n\(left)")
        try withDatabase(db) { db in
            let m = try XCTUnwrap(try db.mentor(id: id))
            XCTAssertEqual(m.status, .left)
            XCTAssertEqual(m.leftOn, Self.todayDate)
            XCTAssertFalse(try db.mentorIDs().contains(id), "the list of active mentors leaves them out")
        }

        // A second mentor with the same phone.
        try send("Escape")
        try waitForMentorsList()
        try send("a")
        try waitFor("a new empty mentor form") { s in
            s.contains(self.zh.text("mentor_form.add_title")) && FormScreen.value(s, self.label(.name)) == ""
                && FormScreen.isFocused(s, self.label(.name))
        }
        try type(other)
        try waitForField(label(.name), value: other)
        try send("Tab", times: 2)
        try waitForField(label(.phone), value: "")
        try type(phone)
        try waitForField(label(.phone), value: phone)
        try send("Tab") // away from the phone: the refusal must bring the focus back
        try waitForField(label(.organisation))
        try send("C-s")
        let refused = try waitFor(zh.text("mentor.error.duplicate_phone"))
        XCTAssertTrue(refused.contains(zh.text("mentor_form.add_title")), "the form stays open\n\(refused)")
        XCTAssertTrue(FormScreen.isFocused(refused, label(.phone)), "the phone field has the focus\n\(refused)")
        XCTAssertEqual(FormScreen.value(refused, label(.name)), other, "nothing typed is lost\n\(refused)")
        try withDatabase(db) { db in
            XCTAssertEqual(try db.mentorIDs(filter: MentorFilter(includeLeft: true)).count, mentorsBefore + 1, "nothing saved")
            XCTAssertEqual(try db.findMentor(phone: phone), id)
            XCTAssertTrue(try db.mentorIDs(search: other, filter: MentorFilter(includeLeft: true)).isEmpty)
        }
        try send("Escape")
        try waitFor(zh.text("prompt.discard"))
        try send("y")
        try waitForMentorsList()
        try send("q")
        XCTAssertEqual(try waitForExit(), 0)
    }

    /// 5. Search by pinyin initials (`zqj` finds 郑秋菊, 张琴娟 and 周启军 but not 赵强), then `c`: only
    /// mentors with free places (周启军, full, goes); without the search every row shown has
    /// load < capacity and the count is the database's; `c` again shows everyone.
    func testSearchByInitialsAndOnlyFreePlaces() throws {
        let db = try makeDemoDatabase(children: 120)
        let names = ["郑秋菊", "张琴娟", "周启军"], decoy = "赵强"
        let (ids, expected, expectedFree, active, free) = try withDatabase(db) {
            db -> ([Int64], [MentorRow], [Int64], Int, [Int64]) in
            var phones = (0..<40).map { String(format: "137%08d", 24_680_000 + $0) }.makeIterator()
            func nextPhone() throws -> String {
                while let p = phones.next() { if try db.findMentor(phone: p) == nil { return p } }
                throw XCTSkip("no free phone")
            }
            let stamp = Self.today + "T08:00:00+08:00"
            var ids: [Int64] = []
            for (n, role) in zip(names, [MentorRole.volunteer, .caringMother, .volunteer]) {
                ids.append(try db.addMentor(Mentor(name: n, role: role, phone: try nextPhone(), capacity: n == "周启军" ? 1 : 2),
                                            actor: "setup", timestamp: stamp))
            }
            try db.addMentor(Mentor(name: decoy, role: .volunteer, phone: try nextPhone()), actor: "setup", timestamp: stamp)
            let child = try XCTUnwrap(try db.unpairedChildIDs().first)
            try db.pair(child: child, mentor: ids[2], role: .primary, start: Self.todayDate, actor: "setup", timestamp: stamp)
            let found = try db.mentorIDs(search: "zqj")
            XCTAssertTrue(Set(ids).isSubset(of: found), "zqj finds the three by their initials")
            XCTAssertLessThanOrEqual(found.count, 30 - 6, "the results fit on one page")
            let freeFound = try db.mentorIDs(search: "zqj", filter: MentorFilter(freeCapacityOnly: true))
            XCTAssertFalse(freeFound.contains(ids[2]))
            let counts = try db.mentorCounts()
            return (ids, try db.mentorRows(ids: found), freeFound, counts.active,
                    try db.mentorIDs(filter: MentorFilter(freeCapacityOnly: true)))
        }
        XCTAssertGreaterThan(free.count, 0)
        XCTAssertLessThan(free.count, active, "some mentors are full")
        XCTAssertEqual(ids.count, 3)

        try startApp(["--db", db])
        try waitFor("the roster") { s in MentorScreen.unpaired(s) != nil }
        try send("2")
        try waitForMentorsList { s in s.contains(self.zh.text("roster.position", 1, active)) }

        let found = try searchMentors("zqj", count: expected.count) { s in
            RosterScreen.names(s) == expected.map(\.name)
        }
        for n in names { XCTAssertNotNil(MentorScreen.row(found, name: n), "\(n) found by zqj\n\(found)") }
        XCTAssertNil(MentorScreen.row(found, name: decoy), "\(decoy) (zq) is not zqj\n\(found)")
        XCTAssertEqual(MentorScreen.row(found, name: "周启军").flatMap(MentorScreen.load).map { [$0.load, $0.capacity] }, [1, 1], found)

        // Only free places, with the search still on.
        try send("c")
        // On the search row (the status bar names the key's action with the same words).
        let freeLabel = zh.text("filter.prefix") + zh.text("mentor.filter_free")
        let freeExpected = try withDatabase(db) { db in try db.mentorRows(ids: expectedFree).map(\.name) }
        let narrowed = try waitFor("only the free ones among zqj") { s in
            s.contains(freeLabel) && RosterScreen.resultCount(s) == expectedFree.count && RosterScreen.names(s) == freeExpected
        }
        XCTAssertNil(MentorScreen.row(narrowed, name: "周启军"), "a full mentor is left out\n\(narrowed)")
        XCTAssertNotNil(MentorScreen.row(narrowed, name: "郑秋菊"), narrowed)

        // Without the search: every row shown has room, and the count is the database's.
        try send("Escape")
        let all = try waitFor("every mentor with free places") { s in
            RosterScreen.searchLine(s) == nil && s.contains(freeLabel) && MentorScreen.position(s)?.total == free.count
                && RosterScreen.rows(s).count == min(free.count, 30 - 6)
        }
        let rows = RosterScreen.rows(all)
        let freeNames = try withDatabase(db) { db in try db.mentorRows(ids: Array(free.prefix(30 - 6))).map(\.name) }
        XCTAssertEqual(RosterScreen.names(all), freeNames, all)
        for row in rows {
            let load = try XCTUnwrap(MentorScreen.load(row), "no 结对 cell in “\(row)”")
            XCTAssertLessThan(load.load, load.capacity, "a full mentor listed: \(row)")
        }

        try send("c")
        try waitFor("everyone again") { s in
            !s.contains(freeLabel) && MentorScreen.position(s)?.total == active
        }
        try send("q")
        XCTAssertEqual(try waitForExit(), 0)
    }
}
