import Domain
import Foundation
import Testing
@testable import Storage

/// Windows of the roster are slices of the whole ordered list, and a child's position is its index there.
@Suite("Roster windows")
struct RosterWindowStorageTests {
    let today = LocalDate(year: 2026, month: 11, day: 23)!

    @Test func windowsAreSlicesOfTheWholeList() throws {
        let db = try AppDatabase.inMemory()
        try db.fillDemo(DemoOptions(children: 250, seed: 9, referenceDate: today))
        let all = try db.rosterIDs()
        for (range, limit) in [(0..<0, 30), (0..<18, 30), (100..<118, 30), (230..<all.count, 30), (0..<40, 25), (5..<6, 1000)] {
            let w = try #require(try db.rosterWindow(RosterQuery(), covering: range, limit: limit))
            #expect(w.count == all.count)
            #expect(w.ids == Array(all[w.offset..<min(all.count, w.offset + max(limit, range.count))]))
            #expect(w.offset <= range.lowerBound && w.offset + w.ids.count >= min(all.count, range.upperBound))
        }
    }

    @Test func aChildIsFoundWhereverItIs() throws {
        let db = try AppDatabase.inMemory()
        try db.fillDemo(DemoOptions(children: 250, seed: 9, referenceDate: today))
        let all = try db.rosterIDs()
        for index in stride(from: 0, to: all.count, by: 23) + [all.count - 1] {
            let w = try #require(try db.rosterWindow(RosterQuery(), around: all[index], limit: 20))
            #expect(w.located == index)
            #expect(w.ids == Array(all[w.offset..<min(all.count, w.offset + 20)]))
            #expect(w.ids.contains(all[index]))
        }
        let archived = try #require(try db.rosterIDs(RosterQuery(filter: RosterFilter(archive: .archived)), today: today).first)
        let w = try #require(try db.rosterWindow(RosterQuery(), around: archived, limit: 20))
        #expect(w.located == nil && w.offset == 0 && w.ids == Array(all.prefix(20)))
    }

    @Test func onlyTheWholeActiveRosterInPinyinOrderIsWindowed() throws {
        let db = try AppDatabase.inMemory()
        try db.fillDemo(DemoOptions(children: 30, seed: 9, referenceDate: today))
        #expect(try db.rosterWindow(RosterQuery(search: "王"), covering: 0..<5, limit: 10) == nil)
        #expect(try db.rosterWindow(RosterQuery(sort: .age), covering: 0..<5, limit: 10) == nil)
        #expect(try db.rosterWindow(RosterQuery(filter: RosterFilter(unpairedOnly: true)), covering: 0..<5, limit: 10) == nil)
        #expect(try db.rosterWindow(RosterQuery(search: "  "), covering: 0..<5, limit: 10) != nil)
    }

    @Test func theGenerationMovesWithEveryChange() throws {
        let db = try AppDatabase.inMemory()
        let g0 = try #require(try db.rosterWindow(RosterQuery(), covering: 0..<1, limit: 5)).generation
        let id = try db.addChild(Child(name: "张三"), timestamp: "t")
        let w = try #require(try db.rosterWindow(RosterQuery(), covering: 0..<1, limit: 5))
        #expect(w.generation > g0 && w.ids == [id] && w.count == 1)
    }
}
