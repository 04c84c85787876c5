import Domain
import Foundation
import Storage
import XCTest

/// Two people on one database: what another process saves shows on an open screen without a key —
/// the header counts, the roster, an open child's file and the mentors list.
final class ExternalChangesEndToEndTests: EndToEndTestCase {
    let zh = Catalog.zh

    func testWhatAnotherProcessSavesShowsWithoutAKey() throws {
        let db = try makeDemoDatabase(children: 300)
        try startApp(["--db", db])
        let first = try waitFor("the roster") { s in MentorScreen.headerNumbers(s)?[0] != nil && !RosterScreen.rows(s).isEmpty }
        let active = try XCTUnwrap(MentorScreen.headerNumbers(first)?[0])

        // Another connection (this test process) adds a child whose pinyin sorts first: no key is sent.
        _ = try withDatabase(db) { try $0.addChild(Child(name: "阿宝", sex: .male), timestamp: "2026-11-23T09:00:00+08:00") }
        try waitFor("the new child in the header and at the top of the list", timeout: 8) { s in
            MentorScreen.headerNumbers(s)?[0] == active + 1 && RosterScreen.names(s).first == "阿宝"
        }

        // An open file follows an edit made elsewhere.
        try openChildBySearch("阿宝")
        try withDatabase(db) { d in
            let id = try XCTUnwrap(try d.rosterIDs(RosterQuery(search: "阿宝"), today: Self.todayDate).first)
            var child = try XCTUnwrap(try d.child(id: id))
            child.name = "阿宝贝"
            _ = try d.updateChild(child, id: id, expectedVersion: try d.childVersion(id: id), actor: "other", timestamp: "2026-11-23T09:01:00+08:00")
        }
        try waitForFile(of: "阿宝贝", timeout: 8)

        // The mentors list seen before a mentor was added elsewhere lists them when shown again.
        try send("Escape")
        try send("2")
        try waitFor("the mentors list") { s in !RosterScreen.rows(s).isEmpty }
        try withDatabase(db) { _ = try $0.addMentor(Mentor(name: "阿姨甲", role: .volunteer, phone: "13700000001"), actor: "other", timestamp: "2026-11-23T09:02:00+08:00") }
        try waitFor("the new mentor in the list", timeout: 8) { s in RosterScreen.names(s).first == "阿姨甲" }
        try send("q")
    }
}
