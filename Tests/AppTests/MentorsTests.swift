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
        #expect(Update.update(&s, .key(.char("2"))) == [.loadMentorIDs(MentorQuery()), .loadMentorCounts])
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
        #expect(Update.update(&s, .key(.enter)) == [.pair(child: child, mentor: full.id, role: .primary, start: fixedToday,
                                                          overrideReason: "同村就近")])
        // A child who already has a primary mentor is reassigned only after a yes.
        s.prompt = nil
        _ = Update.update(&s, .pairingRefused(.childAlreadyHasPrimary))
        #expect(s.prompt == .reassign)
        #expect(Update.update(&s, .key(.char("y"))) == [.reassign(child: child, mentor: full.id, start: fixedToday, overrideReason: nil)])
    }
}
