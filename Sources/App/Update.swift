import Domain
import Storage
import TerminalUI

/// The pure state machine: applies a message and returns the commands to run.
public enum Update {
    /// Commands that fill the first screen.
    public static func start(_ state: inout AppState) -> [Command] {
        guard state.signIn == nil else { return [] } // nothing is read before someone signs in
        return [.loadSummary, .loadRosterIDs(state.roster.rosterQuery), .loadDraft(key: state.draftKey)]
    }

    public static func update(_ state: inout AppState, _ msg: Msg) -> [Command] {
        switch msg {
        case .resized(let size):
            state.size = size
            state.roster.list.fit(pageSize: state.rosterPageSize)
            // Detail and help keep only the scroll they still need at the new size.
            if state.detail != nil {
                let maxScroll = max(0, DetailView.lineCount(state) - state.detailPageSize)
                let scroll = min(state.detail?.scroll ?? 0, maxScroll)
                state.detail?.scroll = scroll
            }
            state.helpScroll = min(state.helpScroll, HelpView.maxScroll(state))
            return windowCommands(state)
        case .summaryLoaded(let summary):
            state.summary = summary
            return []
        case let .rosterIDsLoaded(query, ids):
            guard query == state.roster.rosterQuery else { return [] } // a reply to an older keystroke
            state.roster.list.setIDs(ids, pageSize: state.rosterPageSize)
            state.roster.loadedQuery = query
            state.roster.windowGeneration = nil
            return windowCommands(state)
        case let .rosterWindowLoaded(query, window, request):
            return RosterWindowing.loaded(&state, query, window, request)
        case .rosterRowsLoaded(let rows):
            state.roster.list.merge(rows, pageSize: state.rosterPageSize)
            return []
        case let .detailLoaded(id, file):
            guard state.detail?.childID == id else { return [] }
            state.detail?.file = file
            state.detail?.loaded = true
            let chosen = ContactEditing.clamped(state.detail?.contactCursor, count: file?.contacts.count ?? 0)
            state.detail?.contactCursor = chosen
            let maxScroll = max(0, DetailView.lineCount(state) - state.detailPageSize)
            let scroll = min(state.detail?.scroll ?? 0, maxScroll)
            state.detail?.scroll = scroll
            return []
        case let .draftLoaded(form, savedAt):
            if let form {
                state.offeredDraft = form
                state.prompt = .restoreDraft(savedAt: savedAt)
            } else if state.startInSweep, state.form == nil {
                state.form = .sweep()
            }
            return []
        case .editorLoaded(let file):
            guard let file else { return [] }
            state.form = .editing(file.child, version: file.version)
            return []
        case let .duplicatesChecked(sameID, count):
            return FormUpdate.duplicatesChecked(&state, sameID: sameID, sameNameAndBirth: count)
        case .childSaved(let saved):
            return FormUpdate.saved(&state, saved)
        case .saveConflict:
            if state.mentorForm != nil {
                state.message = StatusMessage(state.strings[.mentorConflict], isError: true)
                return []
            }
            state.prompt = state.contactForm != nil ? .contactConflict : .conflict
            return []
        case .archived(let id):
            state.message = StatusMessage(state.strings[.archivedMessage])
            return [.loadDetail(id), .loadSummary, .loadRosterIDs(state.roster.rosterQuery)]
        case .filterOptionsLoaded(let options):
            state.filterPanel?.options = options
            state.mentors.grids = options.grids
            return []
        case .pairingRefused(let error) where state.pairingEndForm != nil:
            return PairingEnding.refused(&state, error)
        case let .pairingEnded(child, mentor):
            return PairingEnding.ended(&state, childID: child, mentorID: mentor)
        case .mentorIDsLoaded, .mentorRowsLoaded, .mentorCountsLoaded, .mentorDetailLoaded, .pairCandidatesLoaded, .childCandidatesLoaded,
             .paired, .pairingRefused, .mentorSaved, .mentorDraftLoaded, .mentorVersionLoaded, .mentorLeft:
            return MentorsUpdate.message(&state, msg)
        case .monthLoaded(let facts):
            state.calendar.facts = facts
            state.calendar.activityIndex = min(state.calendar.activityIndex, max(0, state.calendar.dayActivities.count - 1))
            return []
        case let .attendanceLoaded(id, children):
            if state.attendancePicker?.activityID == id { state.attendancePicker?.attended = Set(children) }
            return []
        case let .attendanceCandidatesLoaded(query, children):
            guard state.attendancePicker?.query.text == query else { return [] }
            state.attendancePicker?.children = children
            return []
        case let .obligationsLoaded(semesterID, board):
            return ObligationsUpdate.loaded(&state, semesterID: semesterID, board: board)
        case let .contactSaved(child, mentor):
            return ContactFormUpdate.saved(&state, childID: child, mentorID: mentor)
        case let .pairingSpansLoaded(child, mentor, spans):
            return ContactFormUpdate.spansLoaded(&state, child: child, mentor: mentor, spans: spans)
        case let .contactLoaded(id, row):
            return ContactEditing.loaded(&state, id: id, row: row)
        case let .contactDeleted(child, mentor):
            return ContactEditing.deleted(&state, childID: child, mentorID: mentor)
        case let .contactNotDeleted(child, mentor):
            return ContactEditing.notDeleted(&state, childID: child, mentorID: mentor)
        case .reportLoaded, .reportChildrenLoaded, .reportRowsLoaded:
            return ReportsUpdate.message(&state, msg)
        case let .contactDraftLoaded(form, savedAt):
            state.offeredContactDraft = form
            state.prompt = .restoreDraft(savedAt: savedAt)
            return []
        case .semesterSaved:
            state.semesterForm = nil
            state.message = StatusMessage(state.strings[.semesterSavedMessage])
            return [.loadMonth(year: state.calendar.year, month: state.calendar.month)]
        case .activitySaved(let date):
            state.activityForm = nil
            state.calendar.selected = date
            state.message = StatusMessage(state.strings[.activitySavedMessage])
            return [.loadMonth(year: date.year, month: date.month)]
        case let .attendanceSaved(date, count):
            state.calendar.selected = date
            state.message = StatusMessage(state.strings.format(.attendanceSavedMessage, count))
            return [.loadMonth(year: date.year, month: date.month)]
        case .none:
            return []
        case .failed(let text):
            state.message = StatusMessage(text, isError: true)
            return []
        case .key(let key):
            return handleKey(&state, key)
        case .signedIn, .signInRefused, .unlocked:
            return SignInUpdate.message(&state, msg)
        case .idle:
            return SignInUpdate.lock(&state)
        case .dataVersionRead(let version):
            return ExternalChanges.versionRead(&state, version)
        }
    }

    static func handleKey(_ state: inout AppState, _ key: Key) -> [Command] {
        if state.lock != nil || state.signIn != nil { return SignInUpdate.key(&state, key) }
        if SignInUpdate.isPrivacyKey(key) { return SignInUpdate.lock(&state) }
        if state.isTooSmall {
            if Keymap.action(for: key, in: [.global]) == .quit { state.running = false }
            return []
        }
        state.message = nil
        if let prompt = state.prompt, !state.showHelp {
            switch prompt {
            case .overrideCapacity, .reassign, .markMentorLeft: return MentorsUpdate.answer(&state, key)
            case .deleteContact, .contactConflict: return ContactEditing.answer(&state, key)
            case .endPairing: return PairingEnding.answer(&state, key)
            default: return FormUpdate.answer(&state, key)
            }
        }
        if state.form != nil, !state.showHelp { return FormUpdate.key(&state, key) }
        if state.mentorForm != nil, !state.showHelp { return MentorFormUpdate.key(&state, key) }
        if state.activityForm != nil, !state.showHelp { return ActivityFormUpdate.key(&state, key) }
        if state.attendancePicker != nil, !state.showHelp { return AttendanceUpdate.key(&state, key) }
        if state.semesterForm != nil, !state.showHelp { return SemesterFormUpdate.key(&state, key) }
        if state.contactForm != nil, !state.showHelp { return ContactFormUpdate.key(&state, key) }
        if state.pairingEndForm != nil, !state.showHelp { return PairingEnding.key(&state, key) }
        if state.pairPicker != nil, !state.showHelp { return MentorsUpdate.pickerKey(&state, key) }
        if state.filterPanel != nil, !state.showHelp, let action = Keymap.action(for: key, in: state.keyContexts) {
            return filterKey(&state, action)
        }
        let typing = state.isTypingSearch && !state.showHelp
        if typing, case .char(let c) = key, !c.isNewline {
            if state.screen == .mentors {
                state.mentors.query.append(c)
                return [.loadMentorIDs(state.mentors.mentorQuery)]
            }
            if state.screen == .obligations { return ObligationsUpdate.typed(&state, c) }
            state.roster.query.append(c)
            return [.loadRosterIDs(state.roster.rosterQuery)]
        }
        guard let action = Keymap.action(for: key, in: state.keyContexts, textEntry: typing) else { return [] }
        guard state.allows(action) else {
            state.message = StatusMessage(state.strings[.accessDenied], isError: true)
            return []
        }
        let switching: [Action] = [.quit, .help, .closeHelp, .showRoster, .showMentors, .showCalendar, .showObligations, .showReports]
        if state.screen == .mentors, !state.showHelp, !switching.contains(action) {
            return MentorsUpdate.perform(&state, action)
        }
        if state.screen == .calendar, !state.showHelp, !switching.contains(action) {
            return CalendarUpdate.perform(&state, action)
        }
        if state.screen == .obligations, !state.showHelp, !switching.contains(action) {
            return ObligationsUpdate.perform(&state, action)
        }
        if state.screen == .reports, !state.showHelp, !switching.contains(action) {
            return ReportsUpdate.perform(&state, action)
        }
        return perform(&state, action)
    }

    static func perform(_ state: inout AppState, _ action: Action) -> [Command] {
        switch action {
        case .quit:
            state.running = false
            return []
        case .help:
            state.helpScroll = HelpView.initialScroll(state)
            state.showHelp = true
            return []
        case .closeHelp:
            state.showHelp = false
            return []
        case .showRoster:
            state.screen = .roster
            return []
        case .showMentors:
            return MentorsUpdate.show(&state)
        case .showCalendar:
            return CalendarUpdate.show(&state)
        case .showObligations:
            return ObligationsUpdate.show(&state)
        case .showReports:
            return ReportsUpdate.show(&state)
        case .cyclePeriod:
            return []
        case .recordContact:
            return state.detail != nil ? ContactFormUpdate.openFromChild(&state) : []
        case .nextContact, .previousContact:
            return state.detail != nil ? ContactEditing.select(&state, step: action == .nextContact ? 1 : -1) : []
        case .editContact, .deleteContact:
            return state.detail != nil ? ContactEditing.request(&state, action == .editContact ? .edit : .delete) : []
        case .previousSemester, .nextSemester, .mentorOnly, .cycleSchool, .cycleStatus, .weekPlan, .dashboard:
            return [] // the obligations screen
        case .previousMonth, .nextMonth, .today, .nextActivity, .attendance, .toggleAttended, .saveAttendance, .deleteActivity, .editSemester:
            return [] // the calendar screen
        case .pair:
            return MentorsUpdate.openPicker(&state)
        case .endPairing:
            return state.detail != nil ? PairingEnding.openFromChild(&state) : []
        case .cycleRole, .toggleFreeCapacity, .cyclePairRole, .confirmPair, .closePicker, .markLeft, .cycleGrid:
            return [] // mentors screen and pair picker
        case .up, .down, .pageUp, .pageDown, .first, .last:
            return move(&state, action)
        case .open:
            guard let id = state.roster.selectedID else { return [] }
            state.roster.searching = false
            state.detail = DetailState(childID: id)
            return [.loadDetail(id)]
        case .back:
            if let back = state.detail?.returnScreen { state.screen = back }
            state.detail = nil
            return []
        case .reveal:
            guard let detail = state.detail else { return [] }
            state.detail?.reveal.toggle()
            // Each reveal of a whole ID number is recorded (who, when, whose file).
            return detail.reveal ? [] : [.recordReveal(detail.childID)]
        case .add:
            state.form = .newChild()
            return []
        case .sweep:
            state.form = .sweep()
            return []
        case .edit:
            if let file = state.detail?.file {
                state.form = .editing(file.child, version: file.version)
                return []
            }
            guard state.detail == nil, let id = state.roster.selectedID else { return [] }
            return [.loadEditor(id)]
        case .archive:
            guard let status = state.detail?.child?.status else { return [] }
            state.prompt = status == .active ? .archiveReason : .restore
            return []
        case .note:
            guard state.detail?.child != nil else { return [] }
            state.noteField = TextField()
            state.prompt = .growthNote
            return []
        case .filter:
            state.filterPanel = FilterPanel(draft: state.roster.filter)
            return [.loadFilterOptions]
        case .sort:
            let all = RosterSort.allCases
            state.roster.sort = all[((all.firstIndex(of: state.roster.sort) ?? 0) + 1) % all.count]
            state.message = StatusMessage(state.strings[.sortPrefix] + state.strings.label("sort", state.roster.sort))
            return [.loadRosterIDs(state.roster.rosterQuery)]
        case .applyFilter, .closeFilter, .clearFilters:
            return [] // handled by filterKey
        case .submit, .lockScreen:
            return [] // handled by SignInUpdate
        case .nextField, .previousField, .save, .cancelForm, .nextHousehold, .cursorLeft, .cursorRight, .lineStart,
             .lineEnd, .erase, .eraseForward, .clearField, .yes, .no:
            return [] // handled by FormUpdate
        case .search:
            state.roster.searching = true
            return [.prepareSearch]
        case .searchAccept:
            state.roster.searching = false
            return []
        case .searchCancel:
            let hadQuery = !state.roster.query.isEmpty
            state.roster.searching = false
            state.roster.query = ""
            return hadQuery ? [.loadRosterIDs(state.roster.rosterQuery)] : []
        case .searchClear:
            guard !state.roster.query.isEmpty else { return [] }
            state.roster.query = ""
            return [.loadRosterIDs(state.roster.rosterQuery)]
        case .searchErase:
            guard !state.roster.query.isEmpty else { return [] }
            state.roster.query.removeLast()
            return [.loadRosterIDs(state.roster.rosterQuery)]
        }
    }

    /// Keys of the filter panel: move between rows, change a row, apply, clear, close.
    static func filterKey(_ state: inout AppState, _ action: Action) -> [Command] {
        guard var panel = state.filterPanel else { return [] }
        switch action {
        case .up: panel.focus = max(0, panel.focus - 1)
        case .down: panel.focus = min(FilterPanel.Row.allCases.count - 1, panel.focus + 1)
        case .cursorLeft: panel.cycle(by: -1, state.strings)
        case .cursorRight: panel.cycle(by: 1, state.strings)
        case .clearFilters: panel.draft = RosterFilter()
        case .closeFilter:
            state.filterPanel = nil
            return []
        case .applyFilter:
            state.filterPanel = nil
            state.roster.filter = panel.draft
            state.roster.list.cursor = 0
            state.roster.list.top = 0
            return [.loadRosterIDs(state.roster.rosterQuery)]
        case .help:
            state.showHelp = true
            return []
        case .quit:
            state.running = false
            return []
        default: break
        }
        state.filterPanel = panel
        return []
    }

    static func move(_ state: inout AppState, _ action: Action) -> [Command] {
        if state.showHelp {
            let page = max(1, state.size.height - 4)
            switch action {
            case .up: state.helpScroll -= 1
            case .down: state.helpScroll += 1
            case .pageUp: state.helpScroll -= page
            case .pageDown: state.helpScroll += page
            default: break
            }
            state.helpScroll = max(0, min(state.helpScroll, HelpView.maxScroll(state)))
            return []
        }
        if state.detail != nil {
            let page = state.detailPageSize
            let maxScroll = max(0, DetailView.lineCount(state) - page)
            var s = state.detail!.scroll
            switch action {
            case .up: s -= 1
            case .down: s += 1
            case .pageUp: s -= page
            case .pageDown: s += page
            default: break
            }
            state.detail!.scroll = max(0, min(s, maxScroll))
            return []
        }
        _ = state.roster.list.move(action, pageSize: state.rosterPageSize)
        return windowCommands(state)
    }

    /// Ids in the visible window of the roster.
    static func visibleIDs(_ state: AppState) -> [Int64] { state.roster.list.visibleIDs(pageSize: state.rosterPageSize) }

    /// A command to read the ids on screen when they lie outside the window of a long list, else
    /// one to load the visible rows not loaded yet, if any.
    static func windowCommands(_ state: AppState, readingWindows: Bool = true) -> [Command] {
        if readingWindows, let query = state.roster.loadedQuery, let positions = state.roster.list.uncovered(pageSize: state.rosterPageSize) {
            return [.loadRosterWindow(query, .covering(positions))]
        }
        let missing = state.roster.list.missingIDs(pageSize: state.rosterPageSize)
        return missing.isEmpty ? [] : [.loadRosterRows(missing)]
    }
}
