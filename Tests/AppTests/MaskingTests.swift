import Domain
import Storage
import Testing
import TerminalUI
@testable import App

/// Lists never show a whole ID number or phone number (the terminal is shared); the file of one
/// child or mentor shows them masked until `v` reveals them. Search still matches the full values.
@Suite("Masked numbers in lists")
struct MaskingTests {
    /// Every ID number and phone number in the database.
    static func secrets(_ db: AppDatabase) throws -> [String] {
        let children = try db.childrenForExport(includeArchived: true)
        var out = children.compactMap(\.idNumber)
        out += children.flatMap { [$0.guardian?.phone ?? "", $0.father.phone, $0.mother.phone] }
        out += try db.mentorsForExport().map(\.phone)
        return out.filter { $0.count >= 7 }
    }

    static func expectNoSecret(_ screen: String, _ secrets: [String], _ what: String,
                               sourceLocation: SourceLocation = #_sourceLocation) {
        let shown = secrets.filter { screen.contains($0) }
        #expect(shown.isEmpty, "\(what) shows \(shown.count) full numbers\n\(screen)", sourceLocation: sourceLocation)
    }

    @Test func rosterMentorListAndPickersShowNoWholeNumber() throws {
        let p = try makeProgram(size: Size(width: 120, height: 40), children: 120)
        let secrets = try Self.secrets(p.runtime.database)
        #expect(secrets.count > 100)
        Self.expectNoSecret(p.screen, secrets, "the roster")
        p.press(.pageDown)
        Self.expectNoSecret(p.screen, secrets, "the roster, page 2")

        p.press(.char("2"))
        Self.expectNoSecret(p.screen, secrets, "the mentor list")
        #expect(p.screen.contains("****"))
        p.press(.pageDown)
        Self.expectNoSecret(p.screen, secrets, "the mentor list, page 2")

        // A mentor's phone typed into the search still finds the mentor, shown masked.
        let mentor = try #require(try p.runtime.database.mentorsForExport().first)
        p.press(.char("/"))
        p.type(mentor.phone)
        p.press(.enter)
        #expect(p.screen.contains(Phone.masked(mentor.phone)), "\(p.screen)")
        // (The search line shows what was typed, as typed.)
        let prompt = p.state.strings[.searchPrompt]
        let results = p.screen.split(separator: "\n").filter { !$0.contains(prompt) }.joined(separator: "\n")
        Self.expectNoSecret(results, secrets, "the mentor search")

        // The child picker of a mentor's file.
        p.press(.enter, .char("p"))
        Self.expectNoSecret(p.screen, secrets, "the child picker")
    }

    @Test func theMentorPickerAndTheFileMaskUntilRevealed() throws {
        let p = try makeProgram(size: Size(width: 120, height: 40), children: 120)
        let secrets = try Self.secrets(p.runtime.database)
        p.press(.enter)
        Self.expectNoSecret(p.screen, secrets, "a child's file before v")
        let id = try #require(p.state.detail?.child?.idNumber)
        let strings = p.state.strings
        #expect(p.screen.contains(strings[.revealHint]))
        p.press(.char("v"))
        #expect(p.screen.contains(id), "v reveals the ID number\n\(p.screen)")
        // The footer says what v does now: the numbers are shown, v hides them.
        #expect(p.screen.contains(strings[.revealHintShown]) && !p.screen.contains(strings[.revealHint]), "\(p.screen)")
        p.press(.char("v"), .char("p"))
        Self.expectNoSecret(p.screen, secrets, "the mentor picker")
    }

    @Test func maskingKeepsTheEnds() {
        #expect(IDNumber.masked("510722201503051171") == "5107**********1171")
        #expect(IDNumber.masked("51072215030511") == "5107******0511")
        #expect(IDNumber.masked("1234") == "****")
        #expect(Phone.masked("13912340824") == "139****0824")
        #expect(Phone.masked("0838-5551234") == "********1234")
        #expect(Phone.masked("") == "")
    }
}
