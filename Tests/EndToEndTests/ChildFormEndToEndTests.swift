import Domain
import Foundation
import Storage
import XCTest

/// Child files in a real terminal: household sweep with a dropped session and its draft restored,
/// the add form's validation, editing wide characters, and the duplicate-ID question.
final class ChildFormEndToEndTests: EndToEndTestCase {
    let zh = Catalog.zh

    func label(_ f: ChildField) -> String { zh.text("cf." + f.rawValue) }

    var draftKey: String { "form:" + Self.actor }

    /// 1. Sweep on an empty database: one home typed in Chinese, three children saved one after
    /// another, Ctrl-N to the next home, the pane killed mid-name; the database has exactly the three
    /// in one home, and the next start offers the half-typed form back exactly.
    func testSweepThreeSiblingsThenDroppedSessionRestoresDraft() throws {
        let db = path("sweep.sqlite")
        let grid = "石桥村3组", address = "石桥村3组15号", guardian = "张桂兰", phone = "13912345678"
        let firstID = validIDNumber(birth: "2016-03-15", sequence: "123") // odd sequence: male
        let siblings = ["李明轩", "李明玉", "李明辉"]

        try startApp(["sweep", "--db", db], width: 100, height: 30)
        try waitFor("the empty sweep form") { s in
            s.contains(self.zh.text("form.sweep_title", 0)) && FormScreen.isFocused(s, self.label(.grid))
        }

        // The household.
        try type(grid)
        try waitForField(label(.grid), value: grid)
        try send("Tab")
        try type(address)
        try waitForField(label(.address), value: address)
        try send("Tab")
        try type(guardian)
        try send("Tab")
        try type("奶") // picks 奶奶 by its first character
        try waitForField(label(.guardianRelation), value: zh.text("relation.paternal_grandmother"))
        try send("Tab")
        try type(phone)
        let home = try waitForField(label(.guardianPhone), value: phone)
        XCTAssertEqual(FormScreen.value(home, label(.guardianName)), guardian, home)
        XCTAssertNil(FormScreen.issue(home, label(.guardianPhone)), "a valid phone has no problem\n\(home)")
        // On to the child's name: past notes, parents and left-behind type (9 fields).
        try send("Tab", times: 9)
        try waitForField(label(.name), value: "")

        // First child, with a valid ID number: birth date and sex come from it.
        try type(siblings[0])
        try send("Tab", times: 2)
        try waitForField(label(.idNumber))
        try type(firstID)
        let filled = try waitFor("birth date and sex filled from the ID number") { s in
            FormScreen.value(s, self.label(.birthDate)) == "2016-03-15" && FormScreen.value(s, self.label(.sex)) == self.zh.text("sex.male")
        }
        XCTAssertEqual(FormScreen.value(filled, label(.idNumber)), firstID, filled)
        try send("C-s")
        try waitForSweepSaved(1, siblings[0])

        // Second child: no ID number, sex picked by typing 女.
        try type(siblings[1])
        try send("Tab")
        try type("女")
        try waitForField(label(.sex), value: zh.text("sex.female"))
        try send("C-s")
        try waitForSweepSaved(2, siblings[1])

        // Third child: sex and a typed birth date.
        try type(siblings[2])
        try send("Tab")
        try type("男")
        try waitForField(label(.sex), value: zh.text("sex.male"))
        try send("Tab", times: 2)
        try type("2019-05-06")
        try waitForField(label(.birthDate), value: "2019-05-06")
        try send("C-s")
        let third = try waitForSweepSaved(3, siblings[2])
        XCTAssertEqual(FormScreen.value(third, label(.grid)), grid, "the home stays filled\n\(third)")
        XCTAssertEqual(FormScreen.value(third, label(.address)), address, third)
        XCTAssertEqual(FormScreen.value(third, label(.guardianPhone)), phone, third)
        XCTAssertEqual(FormScreen.value(third, label(.birthDate)), "", "the child's fields are cleared\n\(third)")
        XCTAssertEqual(FormScreen.value(third, label(.idNumber)), "", third)

        // Ctrl-N: the next home keeps the grid and the address without its house number.
        try send("C-n")
        let next = try waitFor("the next household") { s in
            s.contains(self.zh.text("form.next_household")) && FormScreen.isFocused(s, self.label(.address))
        }
        XCTAssertTrue(next.contains(zh.text("form.sweep_title", 3)), "the session's count stays\n\(next)")
        XCTAssertEqual(FormScreen.value(next, label(.grid)), grid, next)
        XCTAssertEqual(FormScreen.value(next, label(.address)), "石桥村3组", next)
        XCTAssertEqual(FormScreen.value(next, label(.guardianName)), "", "the guardian is the old home's\n\(next)")
        try send("End")
        try type("16号")
        try waitForField(label(.address), value: "石桥村3组16号")
        try send("Tab", times: 12)
        try waitForField(label(.name), value: "")
        // 王红, ← once, 小: the name reads 王小红 with the text cursor between 小 and 红 (four columns in).
        try type("王红")
        try waitForField(label(.name), value: "王红")
        try send("Left")
        try type("小")
        try waitFor("王小红 with the cursor before 红") { s in
            guard FormScreen.value(s, self.label(.name)) == "王小红", let row = FormScreen.row(s, self.label(.name)),
                  let column = FormScreen.valueColumn(s, self.label(.name)), let cursor = try? self.session.cursor() else { return false }
            return cursor.y == row.y && cursor.x == column + 4
        }

        // The terminal goes away mid-form.
        try session.killSession()
        try waitForShouhuToEnd()
        tmux?.killServer()
        tmux = nil

        let (ids, firstChildID) = try withDatabase(db) { db -> ([Int64], Int64?) in
            XCTAssertEqual(try db.integrityCheck(), "ok")
            let summary = try db.rosterSummary()
            XCTAssertEqual(summary.activeChildren, 3, "exactly the three saved children")
            XCTAssertEqual(summary.archivedChildren, 0)
            XCTAssertEqual(summary.households, 1, "siblings share one home")
            let ids = try db.rosterIDs()
            let children = try ids.compactMap { try db.child(id: $0) }
            XCTAssertEqual(Set(children.map(\.name)), Set(siblings))
            for c in children {
                XCTAssertEqual(c.gridName, grid, c.name)
                XCTAssertEqual(c.address, address, c.name)
                XCTAssertEqual(c.guardian?.name, guardian, c.name)
                XCTAssertEqual(c.guardian?.relation, .paternalGrandmother, c.name)
                XCTAssertEqual(c.guardian?.phone, phone, c.name)
            }
            let first = children.first { $0.name == siblings[0] }
            XCTAssertEqual(first?.idNumber, firstID)
            XCTAssertEqual(first?.birthDate, LocalDate(parsing: "2016-03-15"), "birth date from the ID number")
            XCTAssertEqual(first?.sex, .male, "sex from the ID number")
            let second = children.first { $0.name == siblings[1] }
            XCTAssertNil(second?.idNumber)
            XCTAssertEqual(second?.sex, .female)
            XCTAssertEqual(children.first { $0.name == siblings[2] }?.birthDate, LocalDate(parsing: "2019-05-06"))
            let draft = try db.draft(key: draftKey)
            XCTAssertNotNil(draft, "the half-typed form is kept as a draft")
            XCTAssertTrue(draft?.payload.contains("王小红") == true, "the draft holds the half-typed name: \(draft?.payload ?? "")")
            return (ids, first?.id)
        }
        XCTAssertEqual(ids.count, 3)
        XCTAssertNotNil(firstChildID)

        // The next start offers the draft; y restores it exactly.
        try startApp(["--db", db], width: 100, height: 30)
        let question = zh.text("prompt.restore_draft").components(separatedBy: "「")[0]
        // The question names the form it offers back: the sweep, with its three children saved.
        try waitFor(question + "「" + zh.text("form.sweep_title", 3) + "」")
        try send("y")
        let restored = try waitFor("the restored sweep form") { s in
            !s.contains(question) && s.contains(self.zh.text("form.sweep_title", 3)) && FormScreen.isFocused(s, self.label(.name))
        }
        XCTAssertEqual(FormScreen.focusedLabel(restored), label(.name), restored)
        XCTAssertEqual(FormScreen.value(restored, label(.name)), "王小红", "the half-typed name is back\n\(restored)")
        XCTAssertEqual(FormScreen.value(restored, label(.grid)), grid, restored)
        XCTAssertEqual(FormScreen.value(restored, label(.address)), "石桥村3组16号", restored)
        // The text cursor is back in the name field, between 小 and 红 (two wide characters: four columns).
        let nameRow = try XCTUnwrap(FormScreen.row(restored, label(.name)), restored)
        let column = try XCTUnwrap(FormScreen.valueColumn(restored, label(.name)))
        let cursor = try session.cursor()
        XCTAssertTrue(cursor.visible, "the cursor is shown in the form")
        XCTAssertEqual(cursor.y, nameRow.y, "cursor row\n\(restored)")
        XCTAssertEqual(cursor.x, column + 4, "cursor column between 小 and 红\n\(restored)")

        // Editing goes on at that cursor: Delete takes 红, then 明. The fourth child starts a second home.
        try send("DC")
        try waitForField(label(.name), value: "王小")
        try type("明")
        try waitForField(label(.name), value: "王小明")
        try send("C-s")
        try waitForSweepSaved(4, "王小明")
        try withDatabase(db) { db in
            let summary = try db.rosterSummary()
            XCTAssertEqual(summary.activeChildren, 4)
            XCTAssertEqual(summary.households, 2)
            let fourth = try db.rosterIDs(search: "王小明").compactMap { try db.child(id: $0) }
            XCTAssertEqual(fourth.map(\.name), ["王小明"])
            XCTAssertEqual(fourth.first?.address, "石桥村3组16号")
            XCTAssertEqual(fourth.first?.gridName, grid)
            XCTAssertEqual(try db.integrityCheck(), "ok")
        }
        try send("C-c")
        XCTAssertEqual(try waitForExit(), 0)
    }

    /// Waits for the sweep form after its `count`-th child was saved: the counter in the title, the
    /// saved message, and an empty name field with the focus.
    @discardableResult
    func waitForSweepSaved(_ count: Int, _ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let title = zh.text("form.sweep_title", count)
        let message = zh.text("form.sweep_saved", count, name)
        return try waitFor("“\(title)” after saving \(name)", file: file, line: line) { s in
            s.contains(title) && s.contains(message) && FormScreen.isFocused(s, self.label(.name))
                && FormScreen.value(s, self.label(.name)) == ""
        }
    }

    /// 2. The add form at 80×24: a wrong check character blocks the save with the reason beside the
    /// field; correcting it fills the birth date; Ctrl-S saves and opens the file.
    func testAddFormRejectsWrongCheckCharacterThenSaves() throws {
        let db = path("add.sqlite")
        let name = "陈思雨"
        let id = validIDNumber(birth: "2014-07-09", sequence: "124") // even sequence: female
        let check = id.last!
        let wrong: Character = check == "0" ? "1" : "0"
        let wrongID = String(id.dropLast()) + String(wrong)

        try startApp(["--db", db], width: 80, height: 24)
        try waitFor(zh.text("roster.empty"))
        try send("a")
        try waitFor("the add form") { s in s.contains(self.zh.text("form.add_title")) && FormScreen.isFocused(s, self.label(.name)) }
        try type(name)
        try waitForField(label(.name), value: name)
        try send("Tab", times: 3)
        try waitForField(label(.idNumber))
        try type(wrongID)
        try waitForField(label(.idNumber), value: wrongID)
        try send("C-s")
        let blocked = try waitFor(zh.text("form.fix_first", 1))
        XCTAssertTrue(FormScreen.isFocused(blocked, label(.idNumber)), blocked)
        let issue = try XCTUnwrap(FormScreen.issue(blocked, label(.idNumber)), "no problem beside the ID number\n\(blocked)")
        XCTAssertTrue(issue.hasPrefix("✗ ") && issue.contains("校验码"), "inline problem: \(issue)\n\(blocked)")
        XCTAssertEqual(FormScreen.value(blocked, label(.birthDate)), "", "no birth date from an invalid number\n\(blocked)")
        try withDatabase(db) { db in
            XCTAssertEqual(try db.rosterSummary().activeChildren, 0, "nothing saved")
            XCTAssertTrue(try db.rosterIDs().isEmpty)
        }
        // Any key clears the message; the line then explains the focused field's problem in full.
        try send("End")
        let explained = zh.text("form.issue_line", label(.idNumber), zh.text("problem.id_check", String(check)))
        try waitFor("the whole explanation on the message line") { FormScreen.messageLine($0, height: 24) == explained }

        // Correct the last character.
        try send("BSpace")
        try type(String(check))
        let fixed = try waitFor("the birth date filled from the corrected number") { s in
            FormScreen.value(s, self.label(.idNumber)) == id && FormScreen.value(s, self.label(.birthDate)) == "2014-07-09"
        }
        XCTAssertNil(FormScreen.issue(fixed, label(.idNumber)), fixed)
        XCTAssertEqual(FormScreen.value(fixed, label(.sex)), zh.text("sex.female"), fixed)
        try send("C-s")
        let detail = try waitFor("the file of \(name)") { s in
            s.contains(self.zh.text("form.saved", name)) && !s.contains(self.zh.text("form.add_title"))
                && s.contains("── " + self.zh.text("detail.section.basic"))
        }
        XCTAssertTrue(RosterScreen.line(detail, containing: name)?.hasPrefix("  " + name) == true, "title line\n\(detail)")
        XCTAssertTrue(detail.contains(IDNumber.masked(id)), detail)

        try withDatabase(db) { db in
            XCTAssertEqual(try db.integrityCheck(), "ok")
            let ids = try db.rosterIDs()
            XCTAssertEqual(ids.count, 1)
            let child = try XCTUnwrap(try db.child(id: ids[0]))
            XCTAssertEqual(child.name, name)
            XCTAssertEqual(child.idNumber, id)
            XCTAssertEqual(child.birthDate, LocalDate(parsing: "2014-07-09"))
            XCTAssertEqual(child.sex, .female)
            let history = try db.history(childID: ids[0])
            XCTAssertTrue(history.contains { $0.field == "created" && $0.new == "form" && $0.actor == Self.actor },
                          "history: \(history)")
            XCTAssertNil(try db.draft(key: draftKey), "the draft is gone once saved")
        }
        try send("q")
        XCTAssertEqual(try waitForExit(), 0)
    }

    /// 3. Wide characters edit as whole characters: 王小明, ← once, Backspace once, 晓 → 王晓明.
    /// A phone number with a letter shows the phone problem and blocks the save.
    func testEditingWideCharactersAndPhoneProblem() throws {
        let db = path("edit.sqlite")
        try startApp(["--db", db], width: 100, height: 30)
        try waitFor(zh.text("roster.empty"))
        try send("a")
        try waitForField(label(.name), value: "")
        try type("王小明")
        try waitForField(label(.name), value: "王小明")
        try send("Left")
        try send("BSpace")
        try waitForField(label(.name), value: "王明")
        try type("晓")
        let edited = try waitForField(label(.name), value: "王晓明")
        // The cursor sits between 晓 and 明: two wide characters from the start of the value.
        let nameRow = try XCTUnwrap(FormScreen.row(edited, label(.name)))
        let column = try XCTUnwrap(FormScreen.valueColumn(edited, label(.name)))
        let cursor = try session.cursor()
        XCTAssertEqual(cursor.y, nameRow.y, edited)
        XCTAssertEqual(cursor.x, column + 4, "cursor after 王晓\n\(edited)")

        // Guardian phone (the 12th field) with a letter in it.
        try send("Tab", times: 11)
        try waitForField(label(.guardianPhone))
        try type("1391234567a")
        let phoneProblem = zh.text("problem.phone")
        let bad = try waitFor("the phone problem") { s in
            FormScreen.value(s, self.label(.guardianPhone)) == "1391234567a"
                && FormScreen.issue(s, self.label(.guardianPhone)) == "✗ " + phoneProblem
        }
        XCTAssertEqual(FormScreen.messageLine(bad, height: 30), zh.text("form.issue_line", label(.guardianPhone), phoneProblem), bad)
        try send("C-s")
        // Two problems: the phone, and a guardian with a phone but no name; the first comes first.
        let blocked = try waitFor(zh.text("form.fix_first", 2))
        XCTAssertTrue(FormScreen.isFocused(blocked, label(.guardianName)), blocked)
        XCTAssertEqual(FormScreen.issue(blocked, label(.guardianName)), "✗ " + zh.text("problem.required"), blocked)
        try withDatabase(db) { XCTAssertEqual(try $0.rosterSummary().activeChildren, 0, "nothing saved") }

        try type("王建国")
        try send("Tab", times: 2)
        try waitForField(label(.guardianPhone), value: "1391234567a")
        try send("BSpace")
        try type("8")
        let good = try waitForField(label(.guardianPhone), value: "13912345678")
        XCTAssertNil(FormScreen.issue(good, label(.guardianPhone)), good)
        try send("C-s")
        try waitFor(zh.text("form.saved", "王晓明"))
        try withDatabase(db) { db in
            let children = try db.rosterIDs().compactMap { try db.child(id: $0) }
            XCTAssertEqual(children.map(\.name), ["王晓明"])
            XCTAssertEqual(children.first?.guardian?.name, "王建国")
            XCTAssertEqual(children.first?.guardian?.phone, "13912345678")
        }
        try send("q")
        XCTAssertEqual(try waitForExit(), 0)
    }

    /// 4. The ID number of a child already on file: Ctrl-S asks 该身份证号已建档…; y opens that file.
    func testDuplicateIDNumberOpensTheExistingFile() throws {
        let db = try makeDemoDatabase(children: 300)
        let (existing, total) = try withDatabase(db) { db -> (Child, Int) in
            let ids = try db.rosterIDs()
            for id in ids {
                if let c = try db.child(id: id), let n = c.idNumber, (try? IDNumber.validate(n)) != nil { return (c, ids.count) }
            }
            throw XCTSkip("no active demo child with a valid ID number")
        }
        let idNumber = try XCTUnwrap(existing.idNumber)

        try startApp(["--db", db], width: 100, height: 30)
        try waitFor(zh.text("roster.position", 1, total))
        try send("a")
        try waitForField(label(.name), value: "")
        try type("周新来")
        try send("Tab", times: 3)
        try waitForField(label(.idNumber))
        try type(idNumber)
        try waitForField(label(.idNumber), value: idNumber)
        try send("C-s")
        let question = zh.text("prompt.duplicate_id")
        let asked = try waitFor(question)
        XCTAssertTrue(asked.contains(zh.text("form.add_title")), "the form stays behind the question\n\(asked)")
        try send("y")
        let detail = try waitFor("the file of \(existing.name)") { s in
            !s.contains(question) && !s.contains(self.zh.text("form.add_title"))
                && s.contains("── " + self.zh.text("detail.section.basic"))
                && RosterScreen.line(s, containing: existing.name)?.hasPrefix("  " + existing.name) == true
        }
        XCTAssertTrue(detail.contains(IDNumber.masked(idNumber)), detail)
        XCTAssertFalse(detail.contains("周新来"), detail)
        try withDatabase(db) { db in
            XCTAssertEqual(try db.rosterIDs().count, total, "nothing new saved")
            XCTAssertTrue(try db.rosterIDs(search: "周新来").isEmpty)
            XCTAssertNil(try db.draft(key: draftKey), "the abandoned form's draft is dropped")
        }
        try send("q")
        XCTAssertEqual(try waitForExit(), 0)
    }
}
