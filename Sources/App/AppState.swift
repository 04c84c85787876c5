import Domain
import Interchange
import Scheduling
import Storage
import TerminalUI

/// The top-level screens, switched with the digit keys. Only screens that exist are listed.
public enum ScreenID: Int, CaseIterable, Sendable {
    case roster = 1
    case mentors = 2
    case calendar = 3
    case obligations = 4
    case reports = 5

    var title: StringKey {
        switch self {
        case .roster: return .tabRoster
        case .mentors: return .tabMentors
        case .calendar: return .tabCalendar
        case .obligations: return .tabObligations
        case .reports: return .tabReports
        }
    }
}

/// A line in the message area: information or an error.
public struct StatusMessage: Equatable, Sendable {
    public var text: String
    public var isError: Bool
    public init(_ text: String, isError: Bool = false) { self.text = text; self.isError = isError }
}

/// The roster list: the ordered ids of the children matching the search, and the rows loaded for
/// the visible window only (so cost follows what is on screen, not the roster size).
public struct RosterState: Equatable, Sendable {
    public var list = PagedList<RosterRow>()
    public var query = ""
    public var searching = false
    /// Filters (`f`) and order (`o`) applied with the search.
    public var filter = RosterFilter()
    public var sort = RosterSort.pinyin
    /// The query whose ids are in `ids` (a reply for an older query is ignored).
    public var loadedQuery: RosterQuery?
    /// The data generation of a windowed list (see `RosterWindow`), nil when all ids are loaded.
    public var windowGeneration: Int64?

    public init() {}

    /// Search, filters and order together, as the database is asked.
    public var rosterQuery: RosterQuery { RosterQuery(search: query, filter: filter, sort: sort) }

    /// The ids known: all of the list's, or a window of a long list (see `PagedList`).
    public var ids: [Int64] { list.ids }
    /// How many children the list has.
    public var count: Int { list.count }
    public var cursor: Int { list.cursor }
    public var top: Int { list.top }
    public var rows: [Int64: RosterRow] { list.rows }
    public var selectedID: Int64? { list.selectedID }
}

extension RosterRow: ListRow {}

/// Everything shown in a child's file: the record, its version, its history and growth record.
public struct ChildFile: Equatable, Sendable {
    public var child: Child
    public var version: Int
    public var history: [HistoryEntry]
    public var growth: [GrowthRecord]
    /// The child's pairings with mentors, active first, then ended ones (history).
    public var pairings: [PairingRow]
    /// The contact log (帮扶记录), newest first.
    public var contacts: [ContactRow]
    /// This semester's obligations from the child's side: (rule name, state, done date), any of the
    /// child's mentors counting.
    public var coverage: [CoverageLine] = []
    /// Who opened the file, revealed its numbers or exported it, newest first (from the audit trail;
    /// coordinators only).
    public var access: [AuditEntry] = []

    public init(child: Child, version: Int, history: [HistoryEntry], growth: [GrowthRecord], pairings: [PairingRow] = [],
                contacts: [ContactRow] = []) {
        self.child = child; self.version = version; self.history = history; self.growth = growth; self.pairings = pairings
        self.contacts = contacts
    }
}

/// One obligation of the semester as the child's file shows it.
public struct CoverageLine: Equatable, Sendable {
    public var nameZh: String
    public var nameEn: String
    public var period: String
    public var state: ObligationState
    public var date: LocalDate?
}

/// A question the program is waiting for an answer to (yes/no), shown on the message line.
public enum Prompt: Equatable, Sendable {
    /// Leave a form whose changes are not saved.
    case discardChanges
    /// The ID number belongs to a child already on file: open that file instead?
    case duplicateID(existing: Int64)
    /// A child with the same name and birth date exists: save anyway?
    case possibleDuplicate(count: Int)
    /// Someone else saved this file meanwhile: overwrite their changes?
    case conflict
    /// A draft from an earlier session was found: restore it?
    case restoreDraft(savedAt: String)
    /// Archive the open file: which reason (1–4)?
    case archiveReason
    /// Return the open (archived) file to the roster?
    case restore
    /// Cancel the selected activity (it stays on record, marked cancelled)?
    case cancelActivity
    /// Delete the selected activity (kept in the history)?
    case deleteActivity
    /// The activity is one of a series: this day only (1) or this and every later day (2)?
    case activityScope(ActivityOperation)
    /// Type a note for the growth record of the open file (Enter saves).
    case growthNote
    /// The mentor is at capacity: type the reason for pairing anyway (Enter pairs, Esc gives up).
    case overrideCapacity(limit: Int)
    /// The child already has a primary mentor: end that pairing and pair with the chosen mentor?
    case reassign
    /// The open mentor leaves the programme today (their pairings end)?
    case markMentorLeft
    /// Delete this contact (soft: it stays in the history)? The row as just read, to name its kind and
    /// date, and the other party's name as the screen shows it.
    case deleteContact(ContactRow, partner: String)
    /// Someone else saved the contact being corrected: overwrite (y), load theirs (r) or keep editing (n)?
    case contactConflict
    /// End this pairing on that day for that reason (`u`, after the form)?
    case endPairing(PairingEndRequest)
}

/// The read-only file of one child.
public struct DetailState: Equatable, Sendable {
    public var childID: Int64
    public var file: ChildFile?
    public var child: Child? { file?.child }
    public var loaded = false
    public var scroll = 0
    /// Full ID and phone numbers shown instead of masked ones.
    public var reveal = false
    /// The screen to go back to when the file closes (opened from a report's list of children).
    public var returnScreen: ScreenID?
    /// The contact chosen in the file's contact log (Tab), nil until one is chosen.
    public var contactCursor: Int?

    public init(childID: Int64) { self.childID = childID }
}

/// Everything the screen shows. `update` changes it; `view` draws it.
public struct AppState: Equatable, Sendable {
    public var size: Size
    public var today: LocalDate
    public var strings: Strings
    public var summary: RosterSummary?
    /// The database's data version when last read (see `ExternalChanges`); nil before the first read.
    public var dataVersion: Int64?
    public var screen: ScreenID = .roster
    public var roster = RosterState()
    public var detail: DetailState?
    public var showHelp = false
    public var helpScroll = 0
    public var message: StatusMessage?
    public var running = true
    /// The form being filled in (add, edit or sweep), drawn over the current screen.
    public var form: ChildForm?
    /// A draft found at start, waiting for the answer to `.restoreDraft`.
    public var offeredDraft: ChildForm?
    public var prompt: Prompt?
    /// The filter panel of the roster, while open.
    public var filterPanel: FilterPanel?
    /// The note being typed for the growth record (`n` in a child's file).
    public var noteField = TextField()
    public var mentors = MentorsState()
    public var calendar: CalendarState
    /// The mentor form (add or edit), drawn over the mentors screen.
    public var mentorForm: MentorForm?
    /// The activity form (add or edit), drawn over the calendar.
    public var activityForm: ActivityForm?
    /// Marking attendance of the selected activity.
    public var attendancePicker: AttendancePicker?
    /// Changing the dates of the semester shown on the calendar.
    public var semesterForm: SemesterForm?
    /// A mentor-form draft found at start, waiting for the answer to `.restoreDraft`.
    public var offeredMentorDraft: MentorForm?
    /// Choosing a mentor for the open child.
    public var pairPicker: PairPicker?
    /// The obligations screen (五个一).
    public var obligations = ObligationsState()
    /// The reports screen.
    public var reports = ReportsState()
    /// Recording a contact, drawn over the current screen.
    public var contactForm: ContactForm?
    /// A contact-form draft found at start, waiting for the answer to `.restoreDraft`.
    public var offeredContactDraft: ContactForm?
    /// A recorded contact being read to correct or delete it (see `ContactEditing`).
    public var contactTarget: ContactTarget?
    /// Ending one pairing (`u` in a mentor's or a child's file), drawn over the file.
    public var pairingEndForm: PairingEndForm?
    /// Who is signed in (set by `.signedIn`; before that, whoever the runtime was started for). The
    /// screens show and offer what the role allows; the runtime enforces it.
    public var principal: Principal
    /// The sign-in (or first-account) screen, shown instead of everything else until it succeeds.
    public var signIn: SignInForm?
    /// The idle lock (or the privacy key): the screen is blank until the password is typed again.
    public var lock: LockScreen?
    /// The database has accounts: unlocking needs the password (otherwise Enter shows the screen again).
    public var accountsInUse = false
    /// Coordinators read everything (a letter's content included).
    public var isCoordinator: Bool { principal.isCoordinator }
    /// Who is working (recorded in the change history and the audit trail).
    public var actor: String { principal.name }
    /// Open the sweep form as soon as the first screen is loaded (`shouhu sweep`).
    public var startInSweep = false

    public init(size: Size, today: LocalDate, strings: Strings, actor: String = "local") {
        self.size = size; self.today = today; self.strings = strings; principal = .coordinator(actor)
        calendar = CalendarState(selected: today)
    }

    /// The key under which this person's half-typed form is kept.
    public var draftKey: String { "form:" + actor }

    /// Rows of the roster table that fit on screen (header, tabs, search line, table header,
    /// message line and status bar take six).
    public var rosterPageSize: Int { max(1, size.height - 6) }

    /// Rows of the detail body that fit on screen.
    public var detailPageSize: Int { max(1, size.height - 4) }

    /// The key contexts in force, most specific first.
    public var keyContexts: [KeyContext] {
        if lock != nil || signIn != nil { return [.signIn] }
        if showHelp { return [.help] }
        if prompt != nil { return [.prompt] }
        if form != nil || mentorForm != nil || activityForm != nil || semesterForm != nil || contactForm != nil
            || pairingEndForm != nil { return [.form, .global] }
        if pairPicker != nil { return [.pairPicker, .global] }
        if attendancePicker != nil { return [.attendance] }
        if filterPanel != nil { return [.filter, .global] }
        switch screen {
        case .roster:
            if detail != nil { return [.detail, .global] }
            if roster.searching { return [.search, .roster, .global] }
            return [.roster, .global]
        case .mentors:
            if mentors.detail != nil { return [.mentorDetail, .global] }
            if mentors.searching { return [.search, .mentors, .global] }
            return [.mentors, .global]
        case .calendar:
            return [.calendar, .global]
        case .obligations:
            if obligations.searching { return [.search, .obligations, .global] }
            return [.obligations, .global]
        case .reports:
            return [.reports, .global]
        }
    }

    public var isTooSmall: Bool { size.width < 80 || size.height < 24 }

    /// Printable keys are text (a form, the pair picker, a search, a typed answer), not commands.
    public var isTextEntry: Bool {
        if lock != nil || signIn != nil { return true }
        if showHelp { return false }
        switch prompt {
        case .growthNote?, .overrideCapacity?: return true
        case .some: return false
        case nil: return form != nil || mentorForm != nil || activityForm != nil || semesterForm != nil || contactForm != nil
            || pairPicker != nil || pairingEndForm != nil
            || attendancePicker != nil || isTypingSearch
        }
    }

    /// Typing goes into the search field of the screen in front.
    public var isTypingSearch: Bool {
        switch screen {
        case .roster: return roster.searching && detail == nil
        case .mentors: return mentors.searching && mentors.detail == nil
        case .calendar: return false
        case .obligations: return obligations.searching
        case .reports: return false
        }
    }
}

/// Something that happened: a key, a resize, or the result of a command.
public enum Msg: Equatable, Sendable {
    case key(Key)
    case resized(Size)
    case summaryLoaded(RosterSummary)
    case rosterIDsLoaded(RosterQuery, ids: [Int64])
    /// Part of a long roster, read for a new list (request nil) or for a `loadRosterWindow`.
    case rosterWindowLoaded(RosterQuery, RosterWindow, RosterWindowRequest?)
    case filterOptionsLoaded(FilterOptions)
    case mentorIDsLoaded(MentorQuery, ids: [Int64])
    case mentorRowsLoaded([MentorRow])
    case mentorCountsLoaded(active: Int, free: Int)
    case mentorDetailLoaded(id: Int64, row: MentorRow?, pairings: [PairingRow], history: [HistoryEntry], contacts: [ContactRow])
    case pairCandidatesLoaded(query: String, role: PairRole, candidates: [MentorRow], sameGrid: Set<Int64>)
    case childCandidatesLoaded(query: String, children: [RosterRow])
    case paired(childID: Int64)
    case pairingRefused(PairingError)
    /// One pairing ended (`u`): loads, the roster's unpaired count and the open files change.
    case pairingEnded(childID: Int64, mentorID: Int64)
    case mentorSaved(id: Int64)
    /// A mentor left: their pairings ended, so counts, lists and open files change.
    case mentorLeft(id: Int64)
    case monthLoaded(MonthFacts)
    case activitySaved(date: LocalDate)
    /// Who came was saved: `count` children ticked.
    case attendanceSaved(date: LocalDate, count: Int)
    case semesterSaved
    /// The semester's obligations, evaluated (`semesterID` as asked, nil for the current one).
    case obligationsLoaded(semesterID: String?, ObligationBoard)
    case contactSaved(childID: Int64, mentorID: Int64)
    /// The dates a child and a mentor were paired (every pairing of the two), for the contact form.
    case pairingSpansLoaded(child: Int64, mentor: Int64, [PairingSpan])
    case contactDraftLoaded(ContactForm, savedAt: String)
    /// A recorded contact, read for correcting or deleting it (nil: it is gone).
    case contactLoaded(id: Int64, ContactRow?)
    case contactDeleted(childID: Int64, mentorID: Int64)
    /// The contact was changed by someone else after it was read: not deleted.
    case contactNotDeleted(childID: Int64, mentorID: Int64)
    case reportLoaded(ReportPeriod, ReportDocument)
    case reportChildrenLoaded(ChildSlice, ids: [Int64])
    case reportRowsLoaded([RosterRow])
    case attendanceLoaded(activityID: Int64, childIDs: [Int64])
    case attendanceCandidatesLoaded(query: String, children: [RosterRow])
    case mentorDraftLoaded(MentorForm, savedAt: String)
    case mentorVersionLoaded(id: Int64, version: Int)
    case rosterRowsLoaded([RosterRow])
    case detailLoaded(id: Int64, file: ChildFile?)
    /// A draft kept from an earlier session (nil when there is none or it cannot be read).
    case draftLoaded(ChildForm?, savedAt: String)
    /// The file to edit, read fresh from the database.
    case editorLoaded(ChildFile?)
    case duplicatesChecked(sameID: Int64?, sameNameAndBirth: Int)
    case childSaved(SavedChild)
    case saveConflict
    case archived(id: Int64)
    /// Nothing to report (a draft was written).
    case none
    /// A command failed; the text is safe to show (no personal data).
    case failed(String)
    /// The password was right (or the first account was created): this account is at the terminal now.
    case signedIn(Principal)
    /// Sign-in or unlocking refused; the one message that never says whether the name or the password was wrong.
    case signInRefused(String)
    /// The password was typed again: the screen shows again, as it was.
    case unlocked
    /// No key for the idle time: lock the screen.
    case idle
    /// The database's data version, read while no key came (see `ExternalChanges`).
    case dataVersionRead(Int64)
}

/// Work for the runtime, as data so tests can compare it.
public enum Command: Equatable, Sendable {
    case loadSummary
    /// Reads the database's data version: has another process written? (`dataVersionRead`)
    case readDataVersion
    /// The ids of a new list: all of them, or the first window of a long one (`rosterWindowLoaded`).
    case loadRosterIDs(RosterQuery)
    case loadRosterWindow(RosterQuery, RosterWindowRequest)
    case loadFilterOptions
    /// Get search ready (load the in-memory keys) as the search field opens.
    case prepareSearch
    case loadMentorIDs(MentorQuery)
    case loadMentorRows([Int64])
    case loadMentorCounts
    case loadMentorDetail(Int64)
    /// Suggestions for the child (empty query) or mentors matching the query, for the pair picker.
    case loadPairCandidates(child: Int64, role: PairRole, query: String)
    /// Children to pair with a mentor: unpaired children of the grid (empty query) or search results.
    case loadChildCandidates(grid: String?, query: String)
    case pair(child: Int64, mentor: Int64, role: PairRole, start: LocalDate, overrideReason: String?)
    case reassign(child: Int64, mentor: Int64, start: LocalDate, overrideReason: String?)
    /// Ends one active pairing on `on` (not before it began, not after today) for `reason`.
    case endPairing(id: Int64, on: LocalDate, reason: PairingEndReason)
    /// Adds (id nil) or updates a mentor; without `capacityGiven` the role's configured capacity applies.
    case saveMentor(Mentor, capacityGiven: Bool, id: Int64?, expectedVersion: Int?)
    case saveMentorDraft(key: String, form: MentorForm)
    case markMentorLeft(id: Int64, on: LocalDate)
    case loadMentorVersion(Int64)
    /// Lunar days, festivals and the semester for a month's grid.
    case loadMonth(year: Int, month: Int)
    /// Adds (id nil) or changes an activity.
    case saveActivity(Activity, id: Int64?, scope: ActivityScope)
    /// Creates every occurrence until `until` (the end of the semester when nil).
    case addRecurringActivity(Activity, rule: Recurrence, until: LocalDate?)
    case cancelActivity(id: Int64, date: LocalDate, scope: ActivityScope)
    case deleteActivity(id: Int64, date: LocalDate, scope: ActivityScope)
    case setSemester(id: String, from: LocalDate, to: LocalDate)
    /// Evaluates the obligation rules for a semester (nil: the one today falls in).
    case loadObligations(semesterID: String?)
    /// Records (id nil) or corrects a contact.
    case saveContact(Contact, id: Int64?, expectedVersion: Int?)
    case saveContactDraft(key: String, form: ContactForm)
    /// Every pairing of a child and a mentor, as spans of days (the contact form's warning).
    case loadPairingSpans(child: Int64, mentor: Int64)
    /// Reads one recorded contact (to correct or delete it).
    case loadContact(id: Int64)
    /// Deletes a contact (soft); refused as a conflict when it changed since `expectedVersion`.
    case deleteContact(id: Int64, expectedVersion: Int?)
    /// The figures of a period (nil: the current semester), as a document with bars.
    case loadReport(ReportPeriod?)
    /// The children behind a figure.
    case loadReportChildren(ChildSlice, ReportPeriod)
    case loadReportRows([Int64])
    case loadAttendance(activityID: Int64)
    /// Children to tick: the roster search (all active children when empty, first 200).
    case loadAttendanceCandidates(query: String)
    case saveAttendance(activityID: Int64, childIDs: [Int64], date: LocalDate)
    case loadRosterRows([Int64])
    case loadDetail(Int64)
    case loadDraft(key: String)
    case saveDraft(key: String, form: ChildForm)
    case deleteDraft(key: String)
    case loadEditor(Int64)
    /// Is the ID number on file (other than the child being edited), and how many share name and birth date?
    case checkDuplicates(Child, excluding: Int64?)
    case saveChild(SaveRequest)
    case archive(id: Int64, reason: ArchiveReason, on: LocalDate)
    case restore(id: Int64)
    case addGrowthNote(id: Int64, on: LocalDate, note: String)
    /// Checks a name and password; the session takes that account's role.
    case signIn(name: String, password: String)
    /// Creates the first account of a database (a coordinator) and signs in with it; a community name
    /// (already checked) is stored too, in the coordinator's name.
    case createCoordinator(name: String, password: String, community: String? = nil)
    /// Hides the screen: no command runs until `unlock`.
    case lockSession
    /// The signed-in account's password again (anything, on a database without accounts).
    case unlock(password: String)
    /// The whole ID number and phones of a child were shown (`v`): recorded in the audit trail.
    case recordReveal(Int64)
}

/// Which part of a long roster to read.
public enum RosterWindowRequest: Equatable, Sendable {
    /// The positions on screen, after scrolling.
    case covering(Range<Int>)
    /// The part around a child, to keep it selected when the list is read again.
    case around(Int64)
}

/// A save to carry out: a new child (in a sweep household, maybe) or changes to one on file.
public enum SaveRequest: Equatable, Sendable {
    case new(Child, household: Int64?, guardian: Int64?, source: String)
    /// `expectedVersion` nil overwrites whatever is there (the user chose to).
    case update(Child, id: Int64, expectedVersion: Int?)
}

/// A change to an activity waiting for its scope (one day of a series, or the rest of it).
public enum ActivityOperation: Equatable, Sendable {
    case save(Activity, id: Int64)
    case cancel(id: Int64, date: LocalDate)
    case delete(id: Int64, date: LocalDate)
}
