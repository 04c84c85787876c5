import Domain
import Storage
import TerminalUI

/// The mentors screen, a mentor's file, and pairing a child with a mentor.
enum MentorsUpdate {
    /// Rows of the mentors table that fit (same frame as the roster).
    static func pageSize(_ state: AppState) -> Int { state.rosterPageSize }

    static func show(_ state: inout AppState) -> [Command] {
        state.screen = .mentors
        guard state.mentors.loadedQuery == nil else { return [] }
        return [.loadMentorIDs(state.mentors.mentorQuery), .loadMentorCounts, .loadFilterOptions]
    }

    static func windowCommands(_ state: AppState) -> [Command] {
        let missing = state.mentors.list.missingIDs(pageSize: pageSize(state))
        return missing.isEmpty ? [] : [.loadMentorRows(missing)]
    }

    static func message(_ state: inout AppState, _ msg: Msg) -> [Command] {
        switch msg {
        case let .mentorIDsLoaded(query, ids):
            guard query == state.mentors.mentorQuery else { return [] }
            state.mentors.list.setIDs(ids, pageSize: pageSize(state))
            state.mentors.loadedQuery = query
            return windowCommands(state)
        case .mentorRowsLoaded(let rows):
            state.mentors.list.merge(rows, pageSize: pageSize(state))
            return []
        case let .mentorCountsLoaded(active, free):
            state.mentors.counts = (active, free)
            return []
        case let .mentorDetailLoaded(id, row, pairings, history, contacts):
            guard state.mentors.detail?.mentorID == id else { return [] }
            state.mentors.detail?.contacts = contacts
            state.mentors.detail?.row = row
            state.mentors.detail?.pairings = pairings
            state.mentors.detail?.history = history
            state.mentors.detail?.loaded = true
            let chosen = ContactEditing.clamped(state.mentors.detail?.contactCursor, count: contacts.count)
            state.mentors.detail?.contactCursor = chosen
            return [.loadMentorVersion(id)]
        case let .mentorVersionLoaded(id, version):
            if state.mentors.detail?.mentorID == id { state.mentors.detail?.version = version }
            return []
        case .mentorSaved(let id):
            state.mentorForm = nil
            state.screen = .mentors
            state.mentors.detail = MentorDetailState(mentorID: id)
            state.message = StatusMessage(state.strings[.mentorSavedMessage])
            return [.deleteDraft(key: state.draftKey), .loadMentorDetail(id), .loadMentorIDs(state.mentors.mentorQuery),
                    .loadMentorCounts]
        case .mentorLeft(let id):
            var reload: [Command] = [.loadMentorDetail(id), .loadMentorIDs(state.mentors.mentorQuery), .loadMentorCounts,
                                     .loadSummary, .loadRosterIDs(state.roster.rosterQuery)]
            if let child = state.detail?.childID { reload.append(.loadDetail(child)) }
            return reload
        case let .mentorDraftLoaded(form, savedAt):
            state.offeredMentorDraft = form
            state.prompt = .restoreDraft(savedAt: savedAt)
            return []
        case let .pairCandidatesLoaded(query, role, candidates, sameGrid):
            guard var picker = state.pairPicker, picker.query.text == query, picker.role == role else { return [] }
            picker.candidates = candidates
            picker.sameGrid = sameGrid
            picker.cursor = min(picker.cursor, max(0, candidates.count - 1))
            state.pairPicker = picker
            return []
        case let .childCandidatesLoaded(query, children):
            guard var picker = state.pairPicker, picker.query.text == query else { return [] }
            picker.children = children
            picker.cursor = min(picker.cursor, max(0, children.count - 1))
            state.pairPicker = picker
            return []
        case .paired(let child):
            state.pairPicker = nil
            state.message = StatusMessage(state.strings[.pairedMessage])
            var reload: [Command] = [.loadSummary, .loadRosterIDs(state.roster.rosterQuery), .loadMentorCounts]
            if state.detail?.childID == child { reload.append(.loadDetail(child)) }
            if let mentor = state.mentors.detail?.mentorID, state.screen == .mentors {
                reload.append(.loadMentorDetail(mentor))
                reload.append(.loadMentorIDs(state.mentors.mentorQuery))
            } else {
                state.mentors.loadedQuery = nil // reload the mentors list when it is next shown
            }
            return reload
        case .pairingRefused(let error):
            if state.mentorForm != nil {
                // Saving the mentor form: the phone is the usual culprit.
                let text = state.strings.describe(error)
                if error == .duplicatePhone || error == .invalidPhone { state.mentorForm?.focus = MentorField.allCases.firstIndex(of: .phone) ?? 0 }
                state.message = StatusMessage(text, isError: true)
                return []
            }
            switch error {
            case .capacityReached(let limit, _):
                state.pairPicker?.overrideReason = TextField()
                state.prompt = .overrideCapacity(limit: limit)
            case .childAlreadyHasPrimary:
                state.prompt = .reassign
            case .alreadyPaired:
                state.message = StatusMessage(state.strings[.pairErrorAlreadyPaired], isError: true)
            case .childArchived:
                state.message = StatusMessage(state.strings[.pairErrorArchived], isError: true)
            case .mentorLeft:
                state.message = StatusMessage(state.strings[.pairErrorMentorLeft], isError: true)
            default:
                state.message = StatusMessage(state.strings.pairingRefusal(error), isError: true)
            }
            return []
        default:
            return []
        }
    }

    /// List and file keys of the mentors screen.
    static func perform(_ state: inout AppState, _ action: Action) -> [Command] {
        let page = pageSize(state)
        if state.mentors.detail != nil {
            let lines = MentorsView.detailLines(state).count
            let maxScroll = max(0, lines - state.detailPageSize)
            var s = state.mentors.detail!.scroll
            switch action {
            case .back: state.mentors.detail = nil; return []
            case .reveal: state.mentors.detail!.reveal.toggle(); return []
            case .edit:
                guard let row = state.mentors.detail?.row, row.status == .active, let version = state.mentors.detail?.version
                else { return [] }
                state.mentorForm = .editing(row, version: version)
                return []
            case .pair:
                return openPicker(&state)
            case .markLeft:
                guard state.mentors.detail?.row?.status == .active else { return [] }
                state.prompt = .markMentorLeft
                return []
            case .endPairing:
                return PairingEnding.openFromMentor(&state)
            case .recordContact:
                return ContactFormUpdate.openFromMentor(&state)
            case .nextContact, .previousContact:
                return ContactEditing.select(&state, step: action == .nextContact ? 1 : -1)
            case .editContact, .deleteContact:
                return ContactEditing.request(&state, action == .editContact ? .edit : .delete)
            case .weekPlan:
                guard let id = state.mentors.detail?.mentorID else { return [] }
                state.obligations.mode = .week(mentorID: id)
                state.obligations.listCursor = 0
                return ObligationsUpdate.show(&state)
            case .up: s -= 1
            case .down: s += 1
            case .pageUp: s -= state.detailPageSize
            case .pageDown: s += state.detailPageSize
            default: return []
            }
            state.mentors.detail!.scroll = max(0, min(s, maxScroll))
            return []
        }
        if state.mentors.list.move(action, pageSize: page) { return windowCommands(state) }
        switch action {
        case .open:
            guard let id = state.mentors.list.selectedID else { return [] }
            state.mentors.searching = false
            state.mentors.detail = MentorDetailState(mentorID: id)
            return [.loadMentorDetail(id)]
        case .search: state.mentors.searching = true
        case .searchAccept: state.mentors.searching = false
        case .searchCancel, .searchClear, .searchErase:
            if action == .searchCancel { state.mentors.searching = false }
            guard !state.mentors.query.isEmpty else { return [] }
            if action == .searchErase { state.mentors.query.removeLast() } else { state.mentors.query = "" }
            return [.loadMentorIDs(state.mentors.mentorQuery)]
        case .add:
            state.mentorForm = .new()
            return []
        case .cycleRole:
            let roles: [MentorRole?] = [nil] + MentorRole.allCases
            let i = roles.firstIndex(of: state.mentors.filter.role) ?? 0
            state.mentors.filter.role = roles[(i + 1) % roles.count]
            return [.loadMentorIDs(state.mentors.mentorQuery)]
        case .cycleGrid:
            let grids: [String?] = [nil] + state.mentors.grids
            let i = grids.firstIndex(of: state.mentors.filter.grid) ?? 0
            state.mentors.filter.grid = grids[(i + 1) % grids.count]
            return [.loadMentorIDs(state.mentors.mentorQuery)]
        case .toggleFreeCapacity:
            state.mentors.filter.freeCapacityOnly.toggle()
            return [.loadMentorIDs(state.mentors.mentorQuery)]
        default:
            return []
        }
        return windowCommands(state)
    }

    // MARK: Pairing a child

    static func openPicker(_ state: inout AppState) -> [Command] {
        if state.screen == .mentors {
            guard let m = state.mentors.detail?.row, m.status == .active else { return [] }
            state.pairPicker = PairPicker(mentorID: m.id, mentorName: m.name, grid: m.gridName)
            state.pairPicker?.role = m.role == .teacher ? .classTeacher : (m.role == .studentHelper ? .studentHelper : .primary)
            return [.loadChildCandidates(grid: m.gridName, query: "")]
        }
        guard let child = state.detail?.child, let id = child.id, child.status == .active else { return [] }
        state.pairPicker = PairPicker(childID: id, childName: child.name)
        return [.loadPairCandidates(child: id, role: .primary, query: "")]
    }

    static func reloadCandidates(_ picker: PairPicker) -> [Command] {
        switch picker.target {
        case .mentorForChild(let child, _):
            return [.loadPairCandidates(child: child, role: picker.role, query: picker.query.text)]
        case .childForMentor(_, _, let grid):
            return [.loadChildCandidates(grid: grid, query: picker.query.text)]
        }
    }

    static func pickerKey(_ state: inout AppState, _ key: Key) -> [Command] {
        guard var picker = state.pairPicker else { return [] }
        let reload: () -> [Command] = { reloadCandidates(picker) }
        if case .char(let c) = key, !c.isNewline {
            picker.query.insert(c)
            picker.cursor = 0
            state.pairPicker = picker
            return reload()
        }
        guard let action = Keymap.action(for: key, in: [.pairPicker, .global], textEntry: true) else { return [] }
        switch action {
        case .up: picker.cursor = max(0, picker.cursor - 1)
        case .down: picker.cursor = min(max(0, picker.count - 1), picker.cursor + 1)
        case .erase, .clearField:
            guard !picker.query.text.isEmpty else { return [] }
            if action == .erase { picker.query.backspace() } else { picker.query.clear() }
            picker.cursor = 0
            state.pairPicker = picker
            return reload()
        case .cyclePairRole:
            let roles = PairRole.allCases
            picker.role = roles[((roles.firstIndex(of: picker.role) ?? 0) + 1) % roles.count]
            picker.cursor = 0
            if case .mentorForChild = picker.target { picker.candidates = [] }
            state.pairPicker = picker
            return reload()
        case .closePicker:
            state.pairPicker = nil
            return []
        case .confirmPair:
            guard let pair = picker.selectedPair else { return [] }
            return [.pair(child: pair.child, mentor: pair.mentor, role: picker.role, start: state.today, overrideReason: nil)]
        case .help:
            state.showHelp = true
        case .quit:
            state.running = false
        default:
            break
        }
        state.pairPicker = picker
        return []
    }

    /// Answers to the capacity-override reason (typed) and the reassignment question.
    static func answer(_ state: inout AppState, _ key: Key) -> [Command] {
        if state.prompt == .markMentorLeft {
            guard let action = Keymap.action(for: key, in: [.prompt]) else { return [] }
            state.prompt = nil
            guard action == .yes, let id = state.mentors.detail?.mentorID else { return [] }
            return [.markMentorLeft(id: id, on: state.today)]
        }
        guard let prompt = state.prompt, let picker = state.pairPicker, let pair = picker.selectedPair else {
            state.prompt = nil
            return []
        }
        if case .overrideCapacity = prompt {
            switch key {
            case .char(let c) where !c.isNewline:
                if picker.overrideReason.characters.count < 200 { state.pairPicker?.overrideReason.insert(c) }
            case .backspace: state.pairPicker?.overrideReason.backspace()
            case .ctrl("u"): state.pairPicker?.overrideReason.clear()
            case .escape: state.prompt = nil
            case .enter:
                let reason = picker.overrideReason.text.trimmingCharacters(in: .whitespaces)
                guard !reason.isEmpty else { return [] }
                state.prompt = nil
                // Reassigning when the child already has a primary mentor; pairing otherwise.
                if picker.reassigning {
                    return [.reassign(child: pair.child, mentor: pair.mentor, start: state.today, overrideReason: reason)]
                }
                return [.pair(child: pair.child, mentor: pair.mentor, role: picker.role, start: state.today, overrideReason: reason)]
            default: break
            }
            return []
        }
        guard let action = Keymap.action(for: key, in: [.prompt]) else { return [] }
        state.prompt = nil
        guard action == .yes, prompt == .reassign else { return [] }
        state.pairPicker?.reassigning = true // if the new mentor is full, the override reason reassigns too
        return [.reassign(child: pair.child, mentor: pair.mentor, start: state.today, overrideReason: nil)]
    }
}
