import Domain
import Foundation
import Storage
import Testing
import TerminalUI
@testable import App

@Suite("Text field editing")
struct TextFieldTests {
    @Test func wideCharactersAreOneStep() {
        var f = TextField()
        f.insert("曾小明")
        #expect(f.cursor == 3 && f.cursorColumn == 6)
        f.left()
        #expect(f.cursorColumn == 4)
        f.backspace()
        #expect(f.text == "曾明" && f.cursor == 1)
        f.delete()
        #expect(f.text == "曾" && f.cursor == 1)
        f.home(); f.insert("a")
        #expect(f.text == "a曾" && f.cursorColumn == 1)
        f.end()
        #expect(f.cursor == 2)
        f.clear()
        #expect(f.text.isEmpty && f.cursor == 0)
        #expect(!f.backspace() && !f.delete())
    }

    @Test func visibleWindowKeepsTheCursorOnScreen() {
        let f = TextField("留守儿童关爱服务中心")
        let (shown, col) = f.visible(width: 9)
        #expect(col <= 8)
        #expect(TextWidth.of(shown) <= 9)
        #expect(shown.hasSuffix("心"))
        let g = TextField("留守儿童关爱服务中心", cursor: 0)
        #expect(g.visible(width: 9) == ("留守儿童", 0))
    }

    @Test func codableRoundTrip() throws {
        let f = TextField("王小明", cursor: 1)
        let back = try JSONDecoder().decode(TextField.self, from: JSONEncoder().encode(f))
        #expect(back == f)
    }
}

@Suite("Child form")
struct ChildFormTests {
    func state() throws -> AppState {
        AppState(size: Size(width: 80, height: 24), today: fixedToday, strings: try Strings.load(.zhHans), actor: "tester")
    }

    func type(_ s: inout AppState, _ text: String) -> [Command] {
        var last: [Command] = []
        for c in text { last = Update.update(&s, .key(.char(c))) }
        return last
    }

    func focus(_ s: inout AppState, _ f: ChildField) {
        while s.form!.focusedField != f { _ = Update.update(&s, .key(.tab)) }
    }

    @Test func typingSavesADraftOnEveryChange() throws {
        var s = try state()
        _ = Update.update(&s, .key(.char("a")))
        #expect(s.form?.mode == .add)
        #expect(s.keyContexts == [.form, .global])
        let cmds = type(&s, "王")
        #expect(cmds == [.saveDraft(key: "form:tester", form: s.form!)])
        // q and ? are text in a form; Ctrl-C still quits (the draft stays for the next start).
        _ = type(&s, "q?")
        #expect(s.form?.value(.name) == "王q?" && s.running && !s.showHelp)
        _ = Update.update(&s, .key(.backspace)); _ = Update.update(&s, .key(.backspace))
        #expect(s.form?.value(.name) == "王")
        // Moving the cursor or the focus is not a change, but the draft keeps where they are.
        #expect(Update.update(&s, .key(.left)) == [.saveDraft(key: "form:tester", form: s.form!)])
        #expect(s.form?.values[.name]?.cursor == 0)
        #expect(Update.update(&s, .key(.tab)) == [.saveDraft(key: "form:tester", form: s.form!)])
        #expect(s.form?.focusedField == .sex)
        _ = Update.update(&s, .key(.backTab))
        _ = Update.update(&s, .key(.ctrl("c")))
        #expect(!s.running)
        // An untouched form saves nothing as it is moved through.
        var t = try state()
        _ = Update.update(&t, .key(.char("a")))
        #expect(Update.update(&t, .key(.tab)) == [])
    }

    @Test func aValidIDNumberFillsBirthDateAndSexAndCorrectionsFollow() throws {
        var s = try state()
        _ = Update.update(&s, .key(.char("a")))
        focus(&s, .idNumber)
        _ = type(&s, "11010519491231002x")
        #expect(s.form?.value(.birthDate) == "1949-12-31")
        #expect(s.form?.value(.sex) == "female")
        // Correcting the number corrects what it filled in…
        _ = Update.update(&s, .key(.ctrl("u")))
        _ = type(&s, "510722201503051174")
        #expect(s.form?.value(.birthDate) == "2015-03-05")
        #expect(s.form?.value(.sex) == "male")
        // …but never overwrites what the user typed.
        focus(&s, .birthDate)
        _ = Update.update(&s, .key(.ctrl("u")))
        _ = type(&s, "20150306")
        _ = Update.update(&s, .key(.up))
        #expect(s.form?.focusedField == .idNumber)
        _ = Update.update(&s, .key(.backspace))
        _ = type(&s, "4")
        #expect(s.form?.value(.birthDate) == "20150306")
        let issues = s.form!.issues(today: fixedToday)
        #expect(issues.contains(FieldIssue(.birthDate, .birthDateContradictsID(LocalDate(year: 2015, month: 3, day: 5)!))))
    }

    /// A birth date cleared after the ID number was typed is empty at Ctrl-S: the save takes the
    /// number's, so the child is not missed by the age review and the age figures.
    @Test func aBirthDateClearedBeforeSavingIsTakenFromTheIDNumber() throws {
        var s = try state()
        _ = Update.update(&s, .key(.char("a")))
        _ = type(&s, "张小三")
        focus(&s, .idNumber)
        _ = type(&s, "510722201001052345") // born 2010-01-05, female
        focus(&s, .birthDate)
        _ = Update.update(&s, .key(.ctrl("u")))
        _ = type(&s, "2010-12-08") // the user's own date stays while editing…
        _ = Update.update(&s, .key(.tab))
        #expect(s.form?.value(.birthDate) == "2010-12-08")
        _ = Update.update(&s, .key(.backTab))
        _ = Update.update(&s, .key(.ctrl("u"))) // …and is then cleared
        #expect(s.form?.value(.birthDate) == "")
        let commands = Update.update(&s, .key(.ctrl("s")))
        #expect(s.form?.value(.birthDate) == "2010-01-05")
        guard case .checkDuplicates(let child, _)? = commands.first else {
            Issue.record("expected a duplicate check before saving, got \(commands)")
            return
        }
        #expect(child.birthDate == LocalDate(year: 2010, month: 1, day: 5))
        // A 16-year-old is told so (left-behind children are under 16), without blocking the save.
        #expect(s.form!.issues(today: fixedToday).contains(FieldIssue(.birthDate, .ageOutOfRange(16))))
        #expect(!ChildValidation.issues(Child(name: "李四", birthDate: LocalDate(year: 2010, month: 11, day: 24)), today: fixedToday)
            .contains { $0.field == .birthDate }) // 15 the day before the birthday
    }

    @Test func choicesByArrowsOrTyping() throws {
        var s = try state()
        _ = Update.update(&s, .key(.char("a")))
        focus(&s, .sex)
        _ = Update.update(&s, .key(.right))
        #expect(s.form?.value(.sex) == "male")
        _ = Update.update(&s, .key(.right))
        #expect(s.form?.value(.sex) == "female")
        _ = type(&s, "男")
        #expect(s.form?.value(.sex) == "male")
        _ = Update.update(&s, .key(.backspace))
        #expect(s.form?.value(.sex) == "")
        focus(&s, .guardianRelation)
        _ = type(&s, "奶")
        #expect(s.form?.value(.guardianRelation) == "paternal_grandmother")
        focus(&s, .hardship)
        _ = type(&s, "是")
        #expect(s.form?.value(.hardship) == "1")
        _ = Update.update(&s, .key(.left))
        #expect(s.form?.value(.hardship) == "0")
    }

    @Test func savingStopsAtTheFirstBlockingProblem() throws {
        var s = try state()
        _ = Update.update(&s, .key(.char("a")))
        focus(&s, .guardianPhone)
        _ = type(&s, "12345")
        #expect(Update.update(&s, .key(.ctrl("s"))) == [])
        #expect(s.form?.focusedField == .name) // the name is required and comes first
        #expect(s.message?.isError == true)
        _ = type(&s, "张三")
        #expect(Update.update(&s, .key(.function(2))) == [])
        #expect(s.form?.focusedField == .guardianName) // a phone without a guardian's name
        _ = type(&s, "张国福")
        #expect(Update.update(&s, .key(.function(2))) == [])
        #expect(s.form?.focusedField == .guardianPhone)
        _ = Update.update(&s, .key(.ctrl("u")))
        _ = type(&s, "13912340824")
        let cmds = Update.update(&s, .key(.ctrl("s")))
        guard case .checkDuplicates(let child, nil)? = cmds.first else { Issue.record("expected a duplicate check, got \(cmds)"); return }
        #expect(child.name == "张三" && child.guardian?.phone == "13912340824")
    }

    @Test func duplicatesAreOfferedThenSaved() throws {
        var s = try state()
        _ = Update.update(&s, .key(.char("a")))
        _ = type(&s, "张三")
        #expect(Update.update(&s, .duplicatesChecked(sameID: 42, sameNameAndBirth: 0)) == [])
        #expect(s.prompt == .duplicateID(existing: 42))
        #expect(Update.update(&s, .key(.char("y"))) == [.deleteDraft(key: "form:tester"), .loadDetail(42)])
        #expect(s.form == nil && s.detail?.childID == 42)

        var t = try state()
        _ = Update.update(&t, .key(.char("a")))
        _ = type(&t, "李四")
        _ = Update.update(&t, .duplicatesChecked(sameID: nil, sameNameAndBirth: 1))
        #expect(t.prompt == .possibleDuplicate(count: 1))
        #expect(Update.update(&t, .key(.enter)) == [] && t.prompt != nil) // Enter never answers yes
        let cmds = Update.update(&t, .key(.char("y")))
        #expect(cmds == [.saveChild(.new(t.form!.child().0, household: nil, guardian: nil, source: "form"))])
        _ = Update.update(&t, .childSaved(SavedChild(id: 7, household: 3, guardian: nil, version: 1)))
        #expect(t.form == nil && t.detail?.childID == 7)
        #expect(t.message?.text.contains("李四") == true)
    }

    @Test func escapeAsksBeforeDiscardingChanges() throws {
        var s = try state()
        _ = Update.update(&s, .key(.char("a")))
        #expect(Update.update(&s, .key(.escape)) == [.deleteDraft(key: "form:tester")]) // nothing typed: just close
        _ = Update.update(&s, .key(.char("a")))
        _ = type(&s, "王")
        _ = Update.update(&s, .key(.escape))
        #expect(s.prompt == .discardChanges && s.form != nil)
        _ = Update.update(&s, .key(.char("n")))
        #expect(s.prompt == nil && s.form?.value(.name) == "王")
        _ = Update.update(&s, .key(.escape))
        #expect(Update.update(&s, .key(.char("y"))) == [.deleteDraft(key: "form:tester")])
        #expect(s.form == nil)
    }

    @Test func sweepKeepsTheHomeForSiblingsAndCarriesOverToTheNextHome() throws {
        var s = try state()
        _ = Update.update(&s, .key(.char("s")))
        #expect(s.form?.isSweep == true && s.form?.focusedField == .grid)
        _ = type(&s, "石桥村3组")
        _ = Update.update(&s, .key(.tab)); _ = type(&s, "石桥村3组15号")
        focus(&s, .name); _ = type(&s, "王小明")
        focus(&s, .school); _ = type(&s, "青山镇中心小学")
        guard case .saveChild(let first)? = Update.update(&s, .duplicatesChecked(sameID: nil, sameNameAndBirth: 0)).first,
              case .new(_, nil, nil, "sweep") = first else { Issue.record("first child creates the home"); return }
        _ = Update.update(&s, .childSaved(SavedChild(id: 1, household: 10, guardian: 20, version: 1)))
        #expect(s.form?.mode == .sweep(household: 10, guardian: 20, saved: 1))
        #expect(s.form?.focusedField == .name && s.form?.value(.name) == "")
        #expect(s.form?.value(.address) == "石桥村3组15号" && s.form?.value(.school) == "青山镇中心小学")
        _ = type(&s, "王小红")
        guard case .saveChild(.new(let sibling, 10, 20, "sweep"))? = Update.update(&s, .duplicatesChecked(sameID: nil, sameNameAndBirth: 0)).first
        else { Issue.record("a sibling joins the same home"); return }
        #expect(sibling.name == "王小红" && sibling.address == "石桥村3组15号")
        _ = Update.update(&s, .childSaved(SavedChild(id: 2, household: 10, guardian: 20, version: 1)))
        _ = Update.update(&s, .key(.ctrl("n")))
        #expect(s.form?.mode == .sweep(household: nil, guardian: nil, saved: 2))
        #expect(s.form?.value(.grid) == "石桥村3组" && s.form?.value(.address) == "石桥村3组" && s.form?.value(.school) == "青山镇中心小学")
        #expect(s.form?.focusedField == .address)
    }

    @Test func aSiblingsSexIsNotOverwrittenByThePreviousChildsIDNumber() throws {
        var s = try state()
        _ = Update.update(&s, .key(.char("s")))
        focus(&s, .name); _ = type(&s, "王小明")
        focus(&s, .idNumber); _ = type(&s, "510722201503051174") // male
        #expect(s.form?.value(.sex) == "male")
        _ = Update.update(&s, .childSaved(SavedChild(id: 1, household: 10, guardian: nil, version: 1)))
        _ = type(&s, "王小红")
        focus(&s, .sex); _ = type(&s, "男") // chosen by hand
        focus(&s, .idNumber); _ = type(&s, "11010519491231002X") // female
        #expect(s.form?.value(.sex) == "male")
        #expect(s.form!.issues(today: fixedToday).contains(FieldIssue(.sex, .sexContradictsID(.female))))
    }

    @Test func draftRestoresExactlyWithTheFocusedField() throws {
        var s = try state()
        _ = Update.update(&s, .key(.char("s")))
        _ = type(&s, "河口村")
        focus(&s, .name)
        _ = type(&s, "赵")
        let saved = s.form!
        let data = try JSONEncoder().encode(saved)
        let back = try JSONDecoder().decode(ChildForm.self, from: data)
        #expect(back == saved)
        var t = try state()
        _ = Update.update(&t, .draftLoaded(back, savedAt: "2026-11-23T10:00:00+08:00"))
        #expect(t.prompt == .restoreDraft(savedAt: "2026-11-23T10:00:00+08:00"))
        #expect(Update.update(&t, .key(.char("y"))) == [])
        #expect(t.form == saved && t.form?.focusedField == .name)
        var u = try state()
        _ = Update.update(&u, .draftLoaded(back, savedAt: "x"))
        #expect(Update.update(&u, .key(.char("n"))) == [.deleteDraft(key: "form:tester")])
        #expect(u.form == nil)
    }

    @Test func addressPrefix() {
        #expect(ChildForm.addressPrefix("石桥村3组15号") == "石桥村3组")
        #expect(ChildForm.addressPrefix("新华路8-2号") == "新华路")
        #expect(ChildForm.addressPrefix("柳湾村") == "柳湾村")
    }
}
