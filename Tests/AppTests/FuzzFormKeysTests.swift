import Domain
import Foundation
import TestSupport
import Storage
import Testing
import TerminalUI
@testable import App

/// Seeded property tests of the forms' key handling: random key sequences (typing in Chinese and
/// other scripts, editing keys, Tab, Esc, Ctrl-S, prompts, resizes) into the child form (add,
/// sweep, edit) and the contact form, through the real program over an in-memory database with
/// demo data. Nothing crashes, and after every key: the focus and every text cursor are within
/// bounds, no value is longer than its field allows, a choice holds one of its values, a refused
/// save says why on the message line, and every problem shown has words.
@Suite("Fuzzing: form keys")
struct FuzzFormKeysTests {
    static let printable: [Character] = ["a", "Z", "7", "0", "1", "9", "X", "x", " ", "-", ".", "/", ":", "王", "李", "明", "曾",
                                         "𠮷", "é", "e\u{301}", "👨‍👩‍👧", "１", "\u{3000}", "\"", ",", "q", "y", "n", "r", "?",
                                         "\u{7}", "\u{1B}", "\u{7F}", "\u{202E}"]
    static let editing: [Key] = [.left, .right, .home, .end, .backspace, .delete, .tab, .backTab, .up, .down,
                                 .ctrl("u"), .ctrl("a"), .ctrl("e"), .ctrl("k"), .ctrl("w")]
    static let others: [Key] = [.enter, .escape, .pageUp, .pageDown, .insert, .function(1), .function(2), .function(10),
                                .ctrl("s"), .ctrl("n"), .ctrl("l"), .char("\n"), .char("\r"), .char("\t"), .ctrl("c")]
    static let sizes = [Size(width: 80, height: 24), Size(width: 100, height: 30), Size(width: 200, height: 60),
                        Size(width: 79, height: 23), Size(width: 40, height: 10), Size(width: 1, height: 1)]

    static func key(_ f: inout Fuzz) -> Key {
        switch f.int(0..<20) {
        case 0..<11: return .char(f.pick(printable))
        case 11..<17: return f.pick(editing)
        default: return f.pick(others)
        }
    }

    /// Everything that must hold after any key.
    /// (`lengths`: values typed through the keys; a damaged draft may hold anything, but must not break the form.)
    static func check(_ s: AppState, afterSave: Bool, _ trail: [Key], lengths: Bool = true) {
        func fail(_ what: String) { Issue.record("\(what) after keys \(trail.map(\.description).joined(separator: " "))") }
        func within<F: EditableForm>(_ form: F, kind: (F.Field) -> FieldKind) {
            if !(0..<form.order.count).contains(form.focus) { fail("focus \(form.focus) of \(form.order.count) fields") }
            for (field, text) in form.values {
                if text.cursor < 0 || text.cursor > text.characters.count { fail("cursor \(text.cursor) in \(text.text.debugDescription)") }
                let n = text.characters.count
                guard lengths else { continue }
                switch kind(field) {
                case .text(let max) where n > max: fail("\(field) holds \(n) characters, more than \(max)")
                case .date where n > 20, .idNumber where n > 20, .phone where n > 20: fail("\(field) holds \(n) characters")
                case .number(let digits) where n > digits || !text.text.allSatisfy({ $0.isASCII && $0.isNumber }):
                    fail("\(field) holds \(text.text.debugDescription)")
                case .choice(let values, _) where !values.isEmpty && !values.contains(text.text):
                    fail("\(field) holds \(text.text.debugDescription), not one of its choices")
                case .yesNo where !["", "0", "1"].contains(text.text): fail("\(field) holds \(text.text.debugDescription)")
                default: break
                }
            }
        }
        if let form = s.form {
            within(form, kind: ChildForm.kind)
            for issue in form.issues(today: s.today) where s.strings.describe(issue.problem).isEmpty {
                fail("problem \(issue.problem) has no words")
            }
        }
        if let form = s.contactForm {
            within(form, kind: ContactForm.kind)
            if let partner = form.partners.first(where: { String($0.id) == form.value(.partner) }) ?? form.partners.first,
               !form.partners.contains(partner) { fail("partner outside the choices") }
            for (_, problem) in form.issues(today: s.today) where s.strings.describe(problem).isEmpty {
                fail("problem \(problem) has no words")
            }
        }
        if let m = s.message, m.text.isEmpty || m.text.contains("{0}") || m.text.contains("{1}") {
            fail("message \(m.text.debugDescription)")
        }
        // A save that neither closed the form nor asked a question said why on the message line.
        // (The privacy key may have hidden the screen: then nothing is saved until it is shown again.)
        if afterSave, s.running, s.prompt == nil, s.lock == nil, s.form != nil || s.contactForm != nil, s.message == nil, !s.showHelp,
           !s.isTooSmall {
            fail("a refused save without a message")
        }
    }

    enum Start: CaseIterable { case add, sweep, edit, contact }

    @Test func randomKeysIntoTheFormsKeepEveryInvariant() throws {
        var f = Fuzz("form-keys")
        var tally = FuzzTally(label: "form key sequences (child add, sweep, edit; contact)")
        let db = try AppDatabase.inMemory()
        try db.fillDemo(DemoOptions(children: 40, seed: 5, referenceDate: fixedToday))
        let strings = try Strings.load(.zhHans)
        let pairedIDs = Set(try db.rosterIDs().filter { id in try db.pairings(childID: id).contains { $0.pairing.isActive } })
        #expect(!pairedIDs.isEmpty, "demo children with a mentor")
        var keys = 0
        for n in 0..<Fuzz.cases(600) {
            let start = Start.allCases[n % Start.allCases.count]
            try db.deleteDraft(key: "form:fuzz")
            let size = f.chance(0.8) ? Size(width: 100, height: 30) : f.pick(Self.sizes)
            let program = Program(state: AppState(size: size, today: fixedToday, strings: strings, actor: "fuzz"),
                                  runtime: Runtime(database: db, strings: strings, today: fixedToday, actor: "fuzz"),
                                  backend: TestBackend(size: size))
            program.start()
            if program.state.isTooSmall { program.dispatch(.resized(Size(width: 100, height: 30))) }
            switch start {
            case .add: program.press(.char("a"))
            case .sweep: program.press(.char("s"))
            case .edit: program.press(.char("e"))
            case .contact:
                // The roster grows as the sequences save children: find a paired child where it is now.
                let at = program.state.roster.ids.firstIndex { pairedIDs.contains($0) } ?? 0
                for _ in 0..<at { program.press(.down) }
                program.press(.enter, .char("c"))
            }
            let opened = program.state.form != nil || program.state.contactForm != nil
            if !opened { Issue.record("the \(start) form did not open: \(program.state.message?.text ?? "")") }
            tally.cases += 1
            var trail: [Key] = []
            for k in 0..<f.int(10..<60) {
                guard program.state.running else { break }
                if f.chance(0.02) {
                    program.dispatch(.resized(f.pick(Self.sizes)))
                } else {
                    let key = Self.key(&f)
                    trail.append(key)
                    program.dispatch(.key(key))
                    keys += 1
                    let save = key == .ctrl("s") || key == .function(2)
                    Self.check(program.state, afterSave: save, trail)
                    if save, program.state.message?.isError == true { tally.rejected += 1 }
                }
                if k % 16 == 0 {
                    let frame = View.render(program.state)
                    if frame.size != program.state.size { Issue.record("frame \(frame.size) for a \(program.state.size) screen") }
                }
            }
            _ = View.render(program.state)
        }
        tally.report("\(keys) keys")
    }

    /// A draft read back from the database (written by an older version, or damaged) never breaks
    /// the form: mutated payloads either fail to decode (the draft is dropped) or give a form whose
    /// focus and cursors are within bounds and which draws.
    @Test func mutatedDraftsNeverBreakTheForm() throws {
        var f = Fuzz("form-drafts")
        var tally = FuzzTally(label: "child-form drafts (mutated JSON)")
        let strings = try Strings.load(.zhHans)
        var state = AppState(size: Size(width: 100, height: 30), today: fixedToday, strings: strings, actor: "fuzz")
        state.form = ChildForm.newChild()
        for c in "王小明" { _ = Update.update(&state, .key(.char(c))) }
        let form = state.form!
        let payload = try JSONSerialization.jsonObject(with: JSONEncoder().encode(form))
        // Structure-aware: numbers, strings and keys of the real payload changed (byte mutations
        // almost never decode).
        func mutate(_ value: Any, key: String, _ f: inout Fuzz) -> Any {
            switch value {
            case let dict as [String: Any]:
                return Dictionary(uniqueKeysWithValues: dict.map { ($0.key, mutate($0.value, key: $0.key, &f)) })
            case let array as [Any]:
                return array.map { mutate($0, key: key, &f) }
            case is NSNumber where (key == "cursor" || key == "focus") && f.chance(0.2):
                return f.pick([-1, -1000, 0, 1, 7, 400, Int.max, Int.min])
            case is String where key == "text" && f.chance(0.1):
                return f.string(["", "王", "a", "9", "\u{0}", "👨‍👩‍👧", String(repeating: "长", count: 500)], count: f.int(0..<3))
            default:
                return value
            }
        }
        let db = try AppDatabase.inMemory()
        for _ in 0..<Fuzz.cases(300) {
            tally.cases += 1
            guard let data = try? JSONSerialization.data(withJSONObject: mutate(payload, key: "", &f)) else { continue }
            // Through the real path: the draft in the database, offered at start, restored with y.
            try db.saveDraft(Draft(key: "form:fuzz", kind: "child-form", payload: String(decoding: data, as: UTF8.self),
                                   updatedAt: "2026-11-23T10:00:00+08:00"))
            let program = Program(state: AppState(size: Size(width: 100, height: 30), today: fixedToday, strings: strings, actor: "fuzz"),
                                  runtime: Runtime(database: db, strings: strings, today: fixedToday, actor: "fuzz"),
                                  backend: TestBackend(size: Size(width: 100, height: 30)))
            program.start()
            guard case .restoreDraft? = program.state.prompt else { tally.rejected += 1; continue }
            program.press(.char("y"))
            Self.check(program.state, afterSave: false, [], lengths: false)
            _ = View.render(program.state)
            program.press(.char("李"), .left, .backspace, .tab, .end, .char("1"))
            Self.check(program.state, afterSave: false, [], lengths: false)
            _ = View.render(program.state)
        }
        tally.report()
    }

    /// Every way an ID number can be wrong has words in both languages (random strings, as typed).
    @Test func everyRejectedIDNumberIsExplained() throws {
        var f = Fuzz("id-messages")
        var tally = FuzzTally(label: "ID-number messages (zh, en)")
        let catalogs = [try Strings.load(.zhHans), try Strings.load(.en)]
        let alphabet = ["0", "1", "5", "9", "X", "x", " ", "Ｘ", "王", "-", "2", "3"]
        for _ in 0..<Fuzz.cases(10_000) {
            let raw = f.string(alphabet, count: f.int(0..<22))
            tally.cases += 1
            do throws(IDNumber.Problem) {
                _ = try IDNumber.validate(raw)
            } catch {
                tally.rejected += 1
                for s in catalogs {
                    let text = s.describe(.id(error))
                    if text.isEmpty || text.contains("{") || text.hasPrefix("problem.") { Issue.record("\(error) → \(text.debugDescription)") }
                }
            }
        }
        tally.report()
    }
}
