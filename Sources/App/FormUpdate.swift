import Domain
import Storage
import TerminalUI

/// Keys and results for the child form (add, edit, sweep) and for the yes/no questions.
enum FormUpdate {
    static func key(_ state: inout AppState, _ key: Key) -> [Command] {
        guard var form = state.form else { return [] }
        let field = form.focusedField
        switch form.handle(key, strings: state.strings) {
        case .save:
            return save(&state)
        case .cancel:
            if form.dirty { state.prompt = .discardChanges; return [] }
            state.form = nil
            return [.deleteDraft(key: state.draftKey)]
        case .nextHousehold:
            guard form.isSweep else { return [] }
            form.nextHousehold()
            state.form = form
            state.message = StatusMessage(state.strings[.formNextHousehold])
            return [.saveDraft(key: state.draftKey, form: form)]
        case .help:
            state.helpScroll = HelpView.initialScroll(state)
            state.showHelp = true
            return []
        case .quit:
            state.running = false // the draft is already saved; the next start offers it back
            return []
        case .edited(let edit):
            if edit == .changed, field == .idNumber { form.fillFromIDNumber() }
            state.form = form
            switch edit {
            case .changed: return [.saveDraft(key: state.draftKey, form: form)]
            case .moved: return draftIfDirty(state)
            case .none: return []
            }
        }
    }

    /// A draft records the focused field and the cursor too, so moving them in a changed form saves it.
    static func draftIfDirty(_ state: AppState) -> [Command] {
        guard let form = state.form, form.dirty else { return [] }
        return [.saveDraft(key: state.draftKey, form: form)]
    }

    /// Ctrl-S: stop at the first blocking problem; otherwise look for duplicates, then save.
    static func save(_ state: inout AppState) -> [Command] {
        var form = state.form!
        // An empty birth date or sex takes the valid ID number's, also when it was cleared after the
        // number was typed (else the child would miss the age review and the age figures).
        form.fillFromIDNumber()
        state.form = form
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
        if case .activityScope(let op) = prompt {
            // 1: this day only; 2: this and every later day of the series; Esc: neither.
            guard case .char(let c) = key, let n = c.wholeNumberValue, (1...2).contains(n) else {
                if Keymap.action(for: key, in: [.prompt]) == .no { state.prompt = nil }
                return []
            }
            state.prompt = nil
            let scope: ActivityScope = n == 1 ? .occurrence : .series
            switch op {
            case let .save(a, id): return [.saveActivity(a, id: id, scope: scope)]
            case let .cancel(id, date): return [.cancelActivity(id: id, date: date, scope: scope)]
            case let .delete(id, date): return [.deleteActivity(id: id, date: date, scope: scope)]
            }
        }
        if prompt == .archiveReason {
            if case .char(let c) = key, let n = c.wholeNumberValue, (1...ArchiveReason.allCases.count).contains(n),
               let id = state.detail?.childID {
                state.prompt = nil
                return [.archive(id: id, reason: ArchiveReason.allCases[n - 1], on: state.today)]
            }
            if Keymap.action(for: key, in: [.prompt]) == .no { state.prompt = nil }
            return []
        }
        if prompt == .conflict, key == .char("r") || key == .char("R"),
           let form = state.form, case .edit(let id, _) = form.mode {
            // Reload: the file as saved by the other person, with its current version; the draft goes.
            state.prompt = nil
            state.form = nil
            state.message = StatusMessage(state.strings[.formReloaded])
            return [.deleteDraft(key: state.draftKey), .loadEditor(id)]
        }
        guard let action = Keymap.action(for: key, in: [.prompt]) else { return [] }
        state.prompt = nil
        let yes = action == .yes
        switch prompt {
        case .discardChanges:
            guard yes else { return [] }
            state.form = nil
            state.mentorForm = nil
            state.activityForm = nil
            state.semesterForm = nil
            state.contactForm = nil
            state.pairingEndForm = nil
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
            let draft = state.offeredDraft, mentorDraft = state.offeredMentorDraft, contactDraft = state.offeredContactDraft
            state.offeredDraft = nil
            state.offeredMentorDraft = nil
            state.offeredContactDraft = nil
            if yes, let contactDraft {
                state.contactForm = contactDraft
                return []
            }
            if yes, let draft {
                state.form = draft
                return []
            }
            if yes, let mentorDraft {
                state.screen = .mentors
                state.mentorForm = mentorDraft
                return state.mentors.loadedQuery == nil ? [.loadMentorIDs(state.mentors.mentorQuery), .loadMentorCounts] : []
            }
            if state.startInSweep { state.form = .sweep() }
            return [.deleteDraft(key: state.draftKey)]
        case .restore:
            guard yes, let id = state.detail?.childID else { return [] }
            return [.restore(id: id)]
        case .cancelActivity:
            guard yes, let a = state.calendar.selectedActivity, let id = a.id else { return [] }
            return [.cancelActivity(id: id, date: a.date, scope: .occurrence)]
        case .deleteActivity:
            guard yes, let a = state.calendar.selectedActivity, let id = a.id else { return [] }
            return [.deleteActivity(id: id, date: a.date, scope: .occurrence)]
        case .activityScope:
            return []
        case .archiveReason, .growthNote, .overrideCapacity, .reassign, .markMentorLeft, .deleteContact, .contactConflict, .endPairing:
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
