import Domain
import Scheduling
import Storage
import Testing
import TerminalUI
@testable import App

/// Correcting and deleting a recorded contact, as pure updates: state and the exact commands.
@Suite("Correcting and deleting contacts: updates")
struct ContactEditingUpdateTests {
    static let childID: Int64 = 5
    static let mentorA: Int64 = 11
    static let mentorB: Int64 = 12
    static let day = LocalDate(year: 2026, month: 11, day: 20)!

    static func row(_ id: Int64, mentor: Int64 = mentorA, kind: ContactKind = .visit, date: LocalDate = day, summary: String = "",
                    author: String = "local", version: Int = 3) -> ContactRow {
        ContactRow(contact: Contact(id: id, childID: childID, mentorID: mentor, kind: kind, date: date, place: "家中", summary: summary,
                                    concerns: [.health], followUp: "下周再去"),
                   childName: "小明", mentorName: mentor == mentorA ? "李芳" : "赵老师", author: author, version: version)
    }

    /// The child's file open on the roster screen, with two mentors and the given contact log.
    func fileState(_ contacts: [ContactRow], principal: Principal = .coordinator("local")) throws -> AppState {
        var s = AppState(size: Size(width: 80, height: 24), today: fixedToday, strings: try Strings.load(.zhHans))
        s.principal = principal
        let start = LocalDate(year: 2026, month: 9, day: 1)!
        var file = ChildFile(child: Child(id: Self.childID, name: "小明"), version: 1, history: [], growth: [],
                             pairings: [
                                 PairingRow(pairing: Pairing(childID: Self.childID, mentorID: Self.mentorA, role: .primary, start: start),
                                            childName: "小明", mentorName: "李芳", mentorRole: .volunteer, mentorPhone: "13900000001",
                                            actor: "x", createdAt: "t"),
                                 PairingRow(pairing: Pairing(childID: Self.childID, mentorID: Self.mentorB, role: .classTeacher, start: start),
                                            childName: "小明", mentorName: "赵老师", mentorRole: .teacher, mentorPhone: "13900000002",
                                            actor: "x", createdAt: "t"),
                             ], contacts: contacts)
        file.coverage = []
        var d = DetailState(childID: Self.childID)
        d.file = file
        d.loaded = true
        s.detail = d
        return s
    }

    func press(_ s: inout AppState, _ keys: Key...) -> [Command] {
        keys.flatMap { Update.update(&s, .key($0)) }
    }

    @Test func tabChoosesAContactAndWraps() throws {
        var s = try fileState([Self.row(1), Self.row(2), Self.row(3)])
        #expect(s.detail?.contactCursor == nil)
        #expect(press(&s, .tab) == [])
        #expect(s.detail?.contactCursor == 0)
        _ = press(&s, .tab, .tab, .tab)
        #expect(s.detail?.contactCursor == 0)
        _ = press(&s, .backTab)
        #expect(s.detail?.contactCursor == 2)
        // The chosen line is marked, and scrolled into view.
        let lines = DetailView.lines(s)
        let chosen = try #require(lines.firstIndex { if case .contact(_, _, true) = $0 { return true } else { return false } })
        let scroll = try #require(s.detail?.scroll)
        #expect(chosen >= scroll && chosen < scroll + s.detailPageSize)
        #expect(View.render(s).text.contains("▸"))
    }

    @Test func correctingReadsTheContactThenSavesOntoItWithItsVersion() throws {
        var s = try fileState([Self.row(1), Self.row(2, version: 7)])
        #expect(press(&s, .tab, .tab, .char("E")) == [.loadContact(id: 2)])
        #expect(s.contactTarget?.purpose == .edit)
        #expect(s.contactForm == nil)
        // Read fresh (another version than the list's: the fresh one counts).
        #expect(Update.update(&s, .contactLoaded(id: 2, Self.row(2, version: 8))) == [])
        let form = try #require(s.contactForm)
        #expect(form.editing == 2 && form.version == 8)
        #expect(form.value(.kind) == "visit" && form.value(.date) == "2026-11-20")
        #expect(form.value(.place) == "家中" && form.value(.followUp) == "下周再去" && form.value(.health) == "1")
        #expect(form.focusedField == .date)
        // Every change is a draft of the correction (it carries the contact's id and version).
        let typed = press(&s, .ctrl("u")) + "2026-11-18".flatMap { Update.update(&s, .key(.char($0))) }
        let last = try #require(typed.last)
        guard case let .saveContactDraft(key, draft) = last else { Issue.record("no draft: \(typed)"); return }
        #expect(key == "form:local" && draft.editing == 2 && draft.version == 8)
        let saved = press(&s, .ctrl("s"))
        var expected = Self.row(2).contact
        expected.date = LocalDate(year: 2026, month: 11, day: 18)!
        expected.summary = ""
        #expect(saved == [.saveContact(expected, id: 2, expectedVersion: 8)])
        // Saved: the form closes, the draft goes and what shows the contact is read again.
        #expect(Update.update(&s, .contactSaved(childID: Self.childID, mentorID: Self.mentorA))
            == [.deleteDraft(key: "form:local"), .loadDetail(Self.childID)])
        #expect(s.contactForm == nil)
    }

    @Test func aRestoredDraftOfACorrectionSavesOntoTheSameContact() throws {
        var s = try fileState([Self.row(4)])
        var draft = ContactForm.editing(Self.row(4, version: 2), anchor: .child(.init(id: Self.childID, name: "小明")),
                                        partners: [.init(id: Self.mentorA, name: "李芳")])
        draft.values[.place] = TextField("村口")
        draft.dirty = true
        _ = Update.update(&s, .contactDraftLoaded(draft, savedAt: "2026-11-23T10:00:00+08:00"))
        #expect(s.prompt == .restoreDraft(savedAt: "2026-11-23T10:00:00+08:00"))
        #expect(press(&s, .char("y")) == [])
        #expect(s.contactForm?.editing == 4)
        let saved = press(&s, .ctrl("s"))
        var expected = Self.row(4).contact
        expected.place = "村口"
        #expect(saved == [.saveContact(expected, id: 4, expectedVersion: 2)])
    }

    @Test func deletingAsksNamingKindDateAndPartnerThenDeletesThatVersion() throws {
        var s = try fileState([Self.row(1, kind: .talk)])
        // No contact chosen yet: the newest is taken (and shown chosen).
        #expect(press(&s, .char("D")) == [.loadContact(id: 1)])
        #expect(s.detail?.contactCursor == 0)
        #expect(Update.update(&s, .contactLoaded(id: 1, Self.row(1, kind: .talk, version: 4))) == [])
        #expect(s.prompt == .deleteContact(Self.row(1, kind: .talk, version: 4), partner: "李芳"))
        // On the line above the status bar.
        let lines = View.render(s).text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count == 24 && lines[22].contains("删除帮扶记录：2026-11-20 谈心 · 李芳？"), "\(lines)")
        // n keeps it.
        #expect(press(&s, .char("n")) == [])
        #expect(s.prompt == nil)
        _ = press(&s, .char("D"))
        _ = Update.update(&s, .contactLoaded(id: 1, Self.row(1, kind: .talk, version: 4)))
        #expect(press(&s, .char("y")) == [.deleteContact(id: 1, expectedVersion: 4)])
        #expect(Update.update(&s, .contactDeleted(childID: Self.childID, mentorID: Self.mentorA)) == [.loadDetail(Self.childID)])
        #expect(s.message?.text == s.strings[.contactDeletedMessage])
        // The file read again without it: nothing is chosen any more.
        var file = try #require(s.detail?.file)
        file.contacts = []
        _ = Update.update(&s, .detailLoaded(id: Self.childID, file: file))
        #expect(s.detail?.contactCursor == nil)
    }

    @Test func afterADeleteTheGridAndTheOpenFilesAreReadAgain() throws {
        var s = try fileState([Self.row(1)])
        s.obligations.board = ObligationBoard(semester: Semester.standard(containing: fixedToday), rules: [], periods: [], lines: [],
                                              today: fixedToday)
        s.obligations.semesterID = "2026-autumn"
        s.mentors.detail = MentorDetailState(mentorID: Self.mentorA)
        #expect(Update.update(&s, .contactDeleted(childID: Self.childID, mentorID: Self.mentorA))
            == [.loadObligations(semesterID: "2026-autumn"), .loadDetail(Self.childID), .loadMentorDetail(Self.mentorA)])
        // Changed by someone else before the delete: nothing deleted, the same things read again.
        #expect(Update.update(&s, .contactNotDeleted(childID: Self.childID, mentorID: Self.mentorB))
            == [.loadObligations(semesterID: "2026-autumn"), .loadDetail(Self.childID)])
        #expect(s.message?.isError == true && s.message?.text == s.strings[.contactChangedNotDeleted])
    }

    @Test func aContactGoneMeanwhileIsSaidAndTheFileReadAgain() throws {
        var s = try fileState([Self.row(1)])
        _ = press(&s, .char("E"))
        #expect(Update.update(&s, .contactLoaded(id: 1, nil)) == [.loadDetail(Self.childID)])
        #expect(s.contactForm == nil && s.contactTarget == nil)
        #expect(s.message?.text == s.strings[.contactGone])
        // A late reply for a contact nobody asked for changes nothing.
        #expect(Update.update(&s, .contactLoaded(id: 9, Self.row(9))) == [])
        #expect(s.contactForm == nil && s.prompt == nil)
    }

    @Test func aMentorCorrectsAndDeletesOnlyTheirOwn() throws {
        let mentor = Principal(name: "liufang", role: .mentor, mentorID: Self.mentorA)
        var s = try fileState([Self.row(1, mentor: Self.mentorB), Self.row(2)], principal: mentor)
        for key in [Key.char("E"), .char("D")] {
            #expect(press(&s, key) == [])
            #expect(s.message?.text == s.strings[.contactNotYours])
            #expect(s.contactTarget == nil && s.contactForm == nil && s.prompt == nil)
        }
        // Their own (the next one): read, then the form offers only themselves as the mentor.
        #expect(s.detail?.contactCursor == 0)
        #expect(press(&s, .tab, .char("E")) == [.loadContact(id: 2)])
        _ = Update.update(&s, .contactLoaded(id: 2, Self.row(2)))
        #expect(s.contactForm?.partners.map(\.id) == [Self.mentorA])
        // A viewer has no such keys.
        var v = try fileState([Self.row(2)], principal: Principal(name: "guest", role: .viewer))
        #expect(press(&v, .char("E")) == [] && press(&v, .char("D")) == [])
        #expect(v.message?.text == v.strings[.accessDenied])
    }

    @Test func aLetterWhoseContentIsHiddenIsCorrectedWithoutKindOrContent() throws {
        let mentor = Principal(name: "liufang", role: .mentor, mentorID: Self.mentorA)
        var s = try fileState([Self.row(3, kind: .letter, author: "王主任")], principal: mentor)
        _ = press(&s, .char("E"))
        _ = Update.update(&s, .contactLoaded(id: 3, Self.row(3, kind: .letter, author: "王主任")))
        let form = try #require(s.contactForm)
        #expect(form.letterHidden == true)
        #expect(!form.order.contains(.kind) && !form.order.contains(.summary) && !form.order.contains(.keepLetter))
        #expect(form.contact()?.kind == .letter && form.contact()?.summary == "")
        #expect(View.render(s).text.contains(s.strings[.contactLetterKept]))
        // The author sees and corrects the content.
        var own = try fileState([Self.row(3, kind: .letter, summary: "亲爱的小明", author: "liufang")], principal: mentor)
        _ = press(&own, .char("E"))
        _ = Update.update(&own, .contactLoaded(id: 3, Self.row(3, kind: .letter, summary: "亲爱的小明", author: "liufang")))
        #expect(own.contactForm?.letterHidden == nil)
        #expect(own.contactForm?.value(.summary) == "亲爱的小明" && own.contactForm?.value(.keepLetter) == "1")
    }

    @Test func aConflictOffersOverwriteReloadOrKeepEditing() throws {
        var s = try fileState([Self.row(1)])
        _ = press(&s, .char("E"))
        _ = Update.update(&s, .contactLoaded(id: 1, Self.row(1, version: 3)))
        _ = press(&s, .down)
        _ = "村口".flatMap { Update.update(&s, .key(.char($0))) }
        let mine = try #require(s.contactForm?.contact())
        #expect(press(&s, .ctrl("s")) == [.saveContact(mine, id: 1, expectedVersion: 3)])
        #expect(Update.update(&s, .saveConflict) == [])
        #expect(s.prompt == .contactConflict)
        #expect(View.render(s).text.contains(s.strings[.promptContactConflict]))
        // n: keep editing.
        #expect(press(&s, .char("n")) == [])
        #expect(s.prompt == nil && s.contactForm?.value(.place) == "家中村口")
        // y: mine over theirs.
        _ = Update.update(&s, .saveConflict)
        #expect(press(&s, .char("y")) == [.saveContact(mine, id: 1, expectedVersion: nil)])
        // r: theirs, read again with its version; my draft goes.
        _ = Update.update(&s, .saveConflict)
        #expect(press(&s, .char("r")) == [.loadContact(id: 1)])
        #expect(s.contactTarget?.purpose == .reload)
        var theirs = Self.row(1, version: 4)
        theirs.contact.place = "学校"
        #expect(Update.update(&s, .contactLoaded(id: 1, theirs)) == [.deleteDraft(key: "form:local")])
        #expect(s.contactForm?.value(.place) == "学校" && s.contactForm?.version == 4)
        #expect(s.message?.text == s.strings[.contactReloaded])
    }

    @Test func theGridCorrectsTheContactBehindACheckMark() throws {
        let cell = ObligationCell(states: [.done, .done, .due], doneDates: [Self.day, Self.day, nil], targets: [], current: 2,
                                  contactIDs: [31, 32, 0])
        #expect(cell.doneContactID == 32) // today's period is not done: the latest done one
        let today = ObligationCell(states: [.done, .done], doneDates: [], targets: [], current: 0, contactIDs: [31, 32])
        #expect(today.doneContactID == 31)
        #expect(ObligationCell(states: [.due], doneDates: [nil], targets: [], current: 0, contactIDs: [0]).doneContactID == nil)
    }
}
