import Domain
import Storage
import Testing
import TerminalUI
@testable import App

@Suite("Mentors screen and pairing")
struct MentorsTests {
    @Test func switchingToMentorsLoadsTheListOnce() throws {
        let p = try makeProgram(size: Size(width: 80, height: 24))
        var s = p.state
        #expect(Update.update(&s, .key(.char("2"))) == [.loadMentorIDs(MentorQuery()), .loadMentorCounts, .loadFilterOptions])
        #expect(s.screen == .mentors && s.keyContexts == [.mentors, .global])
        p.press(.char("2"))
        #expect(!p.state.mentors.list.ids.isEmpty)
        #expect(p.state.mentors.list.rows.count == min(p.state.rosterPageSize, p.state.mentors.list.ids.count))
        var t = p.state
        _ = Update.update(&t, .key(.char("1")))
        #expect(Update.update(&t, .key(.char("2"))) == []) // already loaded
    }

    @Test func roleFilterAndFreeCapacityNarrowTheList() throws {
        let p = try makeProgram(size: Size(width: 80, height: 24))
        p.press(.char("2"))
        let all = p.state.mentors.list.ids.count
        p.press(.char("c"))
        #expect(p.state.mentors.filter.freeCapacityOnly)
        let free = p.state.mentors.list.ids
        #expect(free.count < all)
        let rows = try p.runtime.database.mentorRows(ids: free)
        #expect(rows.allSatisfy { $0.load < $0.capacity })
        p.press(.char("r"))
        #expect(p.state.mentors.filter.role == MentorRole.allCases.first)
        p.press(.char("r"), .char("r"), .char("r"), .char("r"), .char("r"), .char("r"), .char("r")) // back to all roles
        #expect(p.state.mentors.filter.role == nil)
        p.press(.char("c"), .char("w"))
        let grid = try #require(p.state.mentors.filter.grid)
        #expect(grid == p.state.mentors.grids.first)
        let inGrid = try p.runtime.database.mentorRows(ids: p.state.mentors.list.ids)
        #expect(!inGrid.isEmpty && inGrid.allSatisfy { $0.gridName == grid })
        #expect(p.screen.contains(grid))
    }

    @Test func searchingMentorsTypesIntoTheirOwnField() throws {
        let p = try makeProgram(size: Size(width: 80, height: 24))
        p.press(.char("2"))
        let first = try #require(p.state.mentors.list.rows[p.state.mentors.list.ids[0]])
        p.press(.char("/"))
        p.type(String(first.name.prefix(2)))
        #expect(p.state.mentors.query == String(first.name.prefix(2)))
        #expect(p.state.roster.query.isEmpty)
        #expect(p.state.mentors.list.ids.contains(first.id))
        p.press(.enter, .enter)
        #expect(p.state.mentors.detail?.row?.id == p.state.mentors.list.selectedID)
        #expect(p.screen.contains(first.name))
    }

    @Test func pairingAnUnpairedChildFromItsFile() throws {
        let p = try makeProgram(size: Size(width: 100, height: 30))
        let db = p.runtime.database
        let child = try #require(try db.unpairedChildIDs().first)
        let before = try db.unpairedCount()
        // Open the unpaired child through the filter.
        p.press(.char("f"))
        while p.state.filterPanel?.focusedRow != .unpaired { p.press(.down) }
        p.press(.right, .enter)
        #expect(p.state.roster.ids == (try db.unpairedChildIDs()))
        p.press(.enter)
        #expect(p.state.detail?.childID == child)
        p.press(.char("p"))
        let picker = try #require(p.state.pairPicker)
        #expect(!picker.candidates.isEmpty)
        let mentor = picker.candidates[0]
        p.press(.enter)
        #expect(p.state.pairPicker == nil)
        #expect(try db.primaryMentorID(childID: child) == mentor.id)
        #expect(try db.unpairedCount() == before - 1)
        #expect(p.state.summary?.unpaired == before - 1)
        #expect(p.state.detail?.file?.pairings.first?.pairing.mentorID == mentor.id)
    }

    @Test func aFullMentorAsksForAReasonAndAPairedChildForReassignment() throws {
        let p = try makeProgram(size: Size(width: 100, height: 30))
        let db = p.runtime.database
        let child = try #require(try db.unpairedChildIDs().first)
        let full = try #require(try db.mentorRows(ids: db.mentorIDs(filter: MentorFilter(role: .volunteer))).first { $0.load >= $0.capacity })
        var s = p.state
        s.detail = DetailState(childID: child)
        s.detail?.file = ChildFile(child: try #require(try db.child(id: child)), version: 1, history: [], growth: [])
        _ = Update.update(&s, .key(.char("p")))
        _ = Update.update(&s, .pairCandidatesLoaded(query: "", role: .primary, candidates: [full], sameGrid: []))
        #expect(Update.update(&s, .key(.enter)) == [.pair(child: child, mentor: full.id, role: .primary, start: fixedToday, overrideReason: nil)])
        _ = Update.update(&s, .pairingRefused(.capacityReached(limit: full.capacity, current: full.load)))
        #expect(s.prompt == .overrideCapacity(limit: full.capacity))
        #expect(s.isTextEntry)
        #expect(Update.update(&s, .key(.enter)) == []) // a reason is required
        for c in "同村就近" { _ = Update.update(&s, .key(.char(c))) }
        // At 80 columns the question and what is typed both show on its line.
        var narrow = s
        narrow.size = Size(width: 80, height: 24)
        let line = View.render(narrow).text.components(separatedBy: "\n").first { $0.contains("同村就近") }
        #expect(line?.contains(s.strings.format(.promptOverride, full.capacity)) == true, "\(View.render(narrow).text)")
        #expect(Update.update(&s, .key(.enter)) == [.pair(child: child, mentor: full.id, role: .primary, start: fixedToday,
                                                          overrideReason: "同村就近")])
        // A child who already has a primary mentor is reassigned only after a yes.
        s.prompt = nil
        _ = Update.update(&s, .pairingRefused(.childAlreadyHasPrimary))
        #expect(s.prompt == .reassign)
        #expect(Update.update(&s, .key(.char("y"))) == [.reassign(child: child, mentor: full.id, start: fixedToday, overrideReason: nil)])
    }
}

@Suite("Mentor form")
struct MentorFormTests {
    @Test func addingAMentorValidatesAndSaves() throws {
        let p = try makeProgram(size: Size(width: 80, height: 24))
        p.press(.char("2"), .char("a"))
        #expect(p.state.mentorForm?.mode == .add)
        #expect(p.state.keyContexts == [.form, .global])
        p.type("李秀英")
        p.press(.tab)
        p.type("爱") // role by typing: 爱心妈妈
        #expect(p.state.mentorForm?.value(.role) == MentorRole.caringMother.rawValue)
        p.press(.tab)
        p.type("1391234")
        p.press(.ctrl("s"))
        #expect(p.state.mentorForm?.focusedField == .phone) // not a valid phone yet
        #expect(p.state.message?.isError == true)
        p.type("0824")
        p.press(.tab, .tab, .tab)
        p.type("x9") // capacity takes digits only
        #expect(p.state.mentorForm?.value(.capacity) == "9")
        p.press(.backspace) // blank: the role's configured capacity applies
        p.press(.ctrl("s"))
        #expect(p.state.mentorForm == nil)
        let id = try #require(p.state.mentors.detail?.mentorID)
        let m = try #require(try p.runtime.database.mentor(id: id))
        #expect(m.name == "李秀英" && m.role == .caringMother && m.phone == "13912340824")
        #expect(m.capacity == (try p.runtime.database.capacity(for: .caringMother)))
        #expect(p.screen.contains("李秀英"))
    }

    @Test func aDuplicatePhoneIsNamedAndNothingIsSaved() throws {
        let p = try makeProgram(size: Size(width: 80, height: 24))
        p.press(.char("2"))
        let existing = try #require(p.state.mentors.list.rows.values.first)
        let before = try p.runtime.database.mentorIDs().count
        p.press(.char("a"))
        p.type("重复")
        p.press(.tab, .tab)
        p.type(existing.phone)
        p.press(.ctrl("s"))
        #expect(p.state.mentorForm != nil)
        #expect(p.state.mentorForm?.focusedField == .phone)
        #expect(p.state.message?.text == p.state.strings[.mentorErrorDuplicatePhone])
        #expect(try p.runtime.database.mentorIDs().count == before)
    }

    @Test func editingAndLeavingKeepHistory() throws {
        let p = try makeProgram(size: Size(width: 80, height: 24))
        p.press(.char("2"), .enter)
        let id = try #require(p.state.mentors.detail?.mentorID)
        let hadChildren = (p.state.mentors.detail?.pairings.filter(\.pairing.isActive).count ?? 0) > 0
        p.press(.char("e"))
        #expect(p.state.mentorForm != nil)
        p.press(.tab, .tab, .tab)
        p.press(.ctrl("u"))
        p.type("镇妇联")
        p.press(.ctrl("s"))
        #expect(try p.runtime.database.mentor(id: id)?.organisation == "镇妇联")
        #expect(p.state.mentors.detail?.history.first?.field == "organisation")
        p.press(.char("L"))
        #expect(p.state.prompt == .markMentorLeft)
        p.press(.char("y"))
        #expect(try p.runtime.database.mentor(id: id)?.status == .left)
        #expect(p.state.mentors.detail?.pairings.allSatisfy { !$0.pairing.isActive } == true)
        if hadChildren { #expect(p.state.mentors.detail?.pairings.contains { $0.pairing.endReason == .mentorLeft } == true) }
    }

    @Test func mentorDraftsComeBack() throws {
        var s = AppState(size: Size(width: 80, height: 24), today: fixedToday, strings: try Strings.load(.zhHans), actor: "t")
        _ = Update.update(&s, .key(.char("2")))
        _ = Update.update(&s, .key(.char("a")))
        let cmds = Update.update(&s, .key(.char("王")))
        #expect(cmds == [.saveMentorDraft(key: "form:t", form: s.mentorForm!)])
        let form = s.mentorForm!
        var t = AppState(size: Size(width: 80, height: 24), today: fixedToday, strings: try Strings.load(.zhHans), actor: "t")
        _ = Update.update(&t, .mentorDraftLoaded(form, savedAt: "2026-11-23T10:00:00+08:00"))
        _ = Update.update(&t, .key(.char("y")))
        #expect(t.mentorForm == form && t.screen == .mentors)
    }
}

@Suite("Pairing from a mentor's file")
struct MentorSidePairingTests {
    @Test func aMentorWithRoomIsPairedWithAnUnpairedChildOfTheirGrid() throws {
        let p = try makeProgram(size: Size(width: 100, height: 30), children: 120)
        let db = p.runtime.database
        p.press(.char("2"), .char("c")) // only mentors with free places
        let ids = p.state.mentors.list.ids
        let rows = try db.mentorRows(ids: ids)
        let unpaired = Set(try db.unpairedChildIDs())
        // A mentor (not a teacher) whose grid has an unpaired child.
        var target: MentorRow?
        for m in rows where m.role != .teacher && m.role != .studentHelper {
            let inGrid = try db.rosterIDs(RosterQuery(filter: RosterFilter(grid: m.gridName, unpairedOnly: true)), today: fixedToday)
            if !inGrid.isEmpty, m.gridName != nil { target = m; break }
        }
        let mentor = try #require(target)
        let index = try #require(ids.firstIndex(of: mentor.id))
        for _ in 0..<index { p.press(.down) }
        p.press(.enter, .char("p"))
        let picker = try #require(p.state.pairPicker)
        #expect(!picker.children.isEmpty)
        #expect(picker.children.allSatisfy { unpaired.contains($0.id) && $0.gridName == mentor.gridName })
        let child = picker.children[0].id
        p.press(.enter)
        #expect(p.state.pairPicker == nil)
        #expect(try db.primaryMentorID(childID: child) == mentor.id)
        #expect(p.state.mentors.detail?.pairings.contains { $0.pairing.childID == child && $0.pairing.isActive } == true)
        #expect(p.state.mentors.detail?.row?.load == mentor.load + 1)
    }
}
