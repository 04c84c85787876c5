import Domain
import Storage
import TerminalUI

/// Keys and results for the child form (add, edit, sweep) and for the yes/no questions.
enum FormUpdate {
    static func key(_ state: inout AppState, _ key: Key) -> [Command] {
        guard state.form != nil else { return [] }
        if case .char(let c) = key, !c.isNewline { return type(&state, c) }
        guard let action = Keymap.action(for: key, in: [.form, .global], textEntry: true) else { return [] }
        switch action {
        case .save: return save(&state)
        case .nextField: moveFocus(&state, by: 1); return draftIfDirty(state)
        case .previousField: moveFocus(&state, by: -1); return draftIfDirty(state)
        case .cancelForm:
            if state.form!.dirty { state.prompt = .discardChanges; return [] }
            state.form = nil
            return [.deleteDraft(key: state.draftKey)]
        case .nextHousehold:
            guard state.form!.isSweep else { return [] }
            state.form!.nextHousehold()
            state.message = StatusMessage(state.strings[.formNextHousehold])
            return [.saveDraft(key: state.draftKey, form: state.form!)]
        case .cursorLeft, .cursorRight:
            let f = state.form!.focusedField
            if case .choice(let values, _) = ChildForm.kind(f) { return cycle(&state, values, by: action == .cursorLeft ? -1 : 1) }
            if ChildForm.kind(f) == .yesNo { return cycle(&state, ["0", "1"], by: 1) }
            edit(&state) { action == .cursorLeft ? $0.left() : $0.right() }
            return draftIfDirty(state)
        case .lineStart: edit(&state) { $0.home() }; return draftIfDirty(state)
        case .lineEnd: edit(&state) { $0.end() }; return draftIfDirty(state)
        case .erase, .eraseForward, .clearField:
            let f = state.form!.focusedField
            if ChildForm.kind(f).isChoice {
                return change(&state) { $0.set(ChildForm.kind(f) == .yesNo ? "0" : "") }
            }
            return change(&state) { field in
                switch action {
                case .erase: field.backspace()
                case .eraseForward: field.delete()
                default: field.clear()
                }
            }
        case .help:
            state.showHelp = true
            state.helpScroll = 0
            return []
        case .quit:
            state.running = false // the draft is already saved; the next start offers it back
            return []
        default:
            return []
        }
    }

    /// A printable character: text fields take it; choices pick by label prefix or number.
    static func type(_ state: inout AppState, _ c: Character) -> [Command] {
        let f = state.form!.focusedField
        switch ChildForm.kind(f) {
        case .choice(let values, let kind):
            if let n = c.wholeNumberValue, c.isASCII, values.indices.contains(n) {
                return change(&state) { $0.set(values[n]) }
            }
            let match = values.first { !$0.isEmpty && state.strings.table["\(kind).\($0)"]?.first == c }
            guard let value = match else { return [] }
            return change(&state) { $0.set(value) }
        case .yesNo:
            guard let b = FieldParsing.yesNo(String(c)) else { return [] }
            return change(&state) { $0.set(b ? "1" : "0") }
        case .text(let max):
            guard state.form!.values[f]!.characters.count < max else { return [] }
            return change(&state) { $0.insert(c) }
        case .date, .idNumber, .phone:
            guard state.form!.values[f]!.characters.count < 20 else { return [] }
            return change(&state) { $0.insert(c) }
        }
    }

    /// A draft records the focused field and the cursor too, so moving them in a changed form saves it.
    static func draftIfDirty(_ state: AppState) -> [Command] {
        guard let form = state.form, form.dirty else { return [] }
        return [.saveDraft(key: state.draftKey, form: form)]
    }

    /// Applies an edit to the focused field; a change marks the form dirty and saves the draft.
    static func change(_ state: inout AppState, _ apply: (inout TextField) -> Void) -> [Command] {
        let f = state.form!.focusedField
        let before = state.form!.values[f]
        edit(&state, apply)
        guard state.form!.values[f] != before else { return [] }
        state.form!.dirty = true
        if f == .idNumber { state.form!.fillFromIDNumber() }
        return [.saveDraft(key: state.draftKey, form: state.form!)]
    }

    /// Moves the cursor or changes text without touching the draft bookkeeping.
    static func edit(_ state: inout AppState, _ apply: (inout TextField) -> Void) {
        let f = state.form!.focusedField
        var field = state.form!.values[f] ?? TextField()
        apply(&field)
        state.form!.values[f] = field
    }

    static func cycle(_ state: inout AppState, _ values: [String], by step: Int) -> [Command] {
        let current = state.form!.value(state.form!.focusedField)
        let i = values.firstIndex(of: current) ?? 0
        let next = values[(i + step + values.count) % values.count]
        return change(&state) { $0.set(next) }
    }

    static func moveFocus(_ state: inout AppState, by step: Int) {
        var form = state.form!
        form.touched.insert(form.focusedField)
        form.focus = max(0, min(form.order.count - 1, form.focus + step))
        state.form = form
    }

    /// Ctrl-S: stop at the first blocking problem; otherwise look for duplicates, then save.
    static func save(_ state: inout AppState) -> [Command] {
        var form = state.form!
        let blocking = form.issues(today: state.today).filter(\.problem.isBlocking)
        if let first = blocking.first {
            form.touched = Set(form.order)
            form.focus = form.order.firstIndex(of: first.field) ?? form.focus
            state.form = form
            state.message = StatusMessage(state.strings.format(.formFixFirst, blocking.count), isError: true)
            return []
        }
        return [.checkDuplicates(form.child().0, excluding: form.editingID)]
    }

    static func request(_ form: ChildForm) -> SaveRequest {
        let child = form.child().0
        switch form.mode {
        case .add:
            return .new(child, household: nil, guardian: nil, source: "form")
        case let .edit(id, version):
            return .update(child, id: id, expectedVersion: version)
        case let .sweep(household, guardian, _):
            // Siblings share the home saved with the first child, unless the home part was changed since.
            if let household, form.householdSnapshot == form.savedHousehold {
                return .new(child, household: household, guardian: guardian, source: "sweep")
            }
            return .new(child, household: nil, guardian: nil, source: "sweep")
        }
    }

    static func duplicatesChecked(_ state: inout AppState, sameID: Int64?, sameNameAndBirth: Int) -> [Command] {
        guard let form = state.form else { return [] }
        if let existing = sameID {
            state.prompt = .duplicateID(existing: existing)
            return []
        }
        if sameNameAndBirth > 0, !form.acceptedPossibleDuplicate {
            state.prompt = .possibleDuplicate(count: sameNameAndBirth)
            return []
        }
        return [.saveChild(request(form))]
    }

    static func saved(_ state: inout AppState, _ saved: SavedChild) -> [Command] {
        guard var form = state.form else { return [] }
        let name = form.value(.name)
        let refresh: [Command] = [.loadSummary, .loadRosterIDs(state.roster.rosterQuery)]
        if form.isSweep {
            form.nextChildInSweep(household: saved.household, guardian: saved.guardian)
            state.form = form
            if case .sweep(_, _, let count) = form.mode {
                state.message = StatusMessage(state.strings.format(.formSweepSaved, count, name))
            }
            return [.saveDraft(key: state.draftKey, form: form)] + refresh
        }
        state.form = nil
        state.detail = DetailState(childID: saved.id)
        state.message = StatusMessage(state.strings.format(.formSaved, name))
        return [.deleteDraft(key: state.draftKey), .loadDetail(saved.id)] + refresh
    }

    /// An answer to the question on the message line.
    static func answer(_ state: inout AppState, _ key: Key) -> [Command] {
        guard let prompt = state.prompt else { return [] }
        if prompt == .growthNote { return noteKey(&state, key) }
        if prompt == .archiveReason {
            if case .char(let c) = key, let n = c.wholeNumberValue, (1...ArchiveReason.allCases.count).contains(n),
               let id = state.detail?.childID {
                state.prompt = nil
                return [.archive(id: id, reason: ArchiveReason.allCases[n - 1], on: state.today)]
            }
            if Keymap.action(for: key, in: [.prompt]) == .no { state.prompt = nil }
            return []
        }
        guard let action = Keymap.action(for: key, in: [.prompt]) else { return [] }
        state.prompt = nil
        let yes = action == .yes
        switch prompt {
        case .discardChanges:
            guard yes else { return [] }
            state.form = nil
            return [.deleteDraft(key: state.draftKey)]
        case .duplicateID(let existing):
            guard yes else {
                if let i = state.form?.order.firstIndex(of: .idNumber) { state.form?.focus = i }
                return []
            }
            state.form = nil
            state.detail = DetailState(childID: existing)
            return [.deleteDraft(key: state.draftKey), .loadDetail(existing)]
        case .possibleDuplicate:
            guard yes, state.form != nil else { return [] }
            state.form!.acceptedPossibleDuplicate = true
            return [.saveChild(request(state.form!))]
        case .conflict:
            guard yes, let form = state.form, case .edit(let id, _) = form.mode else { return [] }
            return [.saveChild(.update(form.child().0, id: id, expectedVersion: nil))]
        case .restoreDraft:
            let draft = state.offeredDraft
            state.offeredDraft = nil
            if yes, let draft {
                state.form = draft
                return []
            }
            if state.startInSweep { state.form = .sweep() }
            return [.deleteDraft(key: state.draftKey)]
        case .restore:
            guard yes, let id = state.detail?.childID else { return [] }
            return [.restore(id: id)]
        case .archiveReason, .growthNote, .overrideCapacity, .reassign:
            return []
        }
    }

    /// Typing the growth-record note on the message line: Enter saves it with today's date, Esc drops it.
    static func noteKey(_ state: inout AppState, _ key: Key) -> [Command] {
        switch key {
        case .char(let c) where !c.isNewline:
            if state.noteField.characters.count < 500 { state.noteField.insert(c) }
        case .backspace: state.noteField.backspace()
        case .delete: state.noteField.delete()
        case .left: state.noteField.left()
        case .right: state.noteField.right()
        case .home: state.noteField.home()
        case .end: state.noteField.end()
        case .ctrl("u"): state.noteField.clear()
        case .escape:
            state.prompt = nil
        case .enter:
            state.prompt = nil
            let note = state.noteField.text.trimmingCharacters(in: .whitespaces)
            guard !note.isEmpty, let id = state.detail?.childID else { return [] }
            state.noteField = TextField()
            return [.addGrowthNote(id: id, on: state.today, note: note)]
        default: break
        }
        return []
    }
}
