import TerminalUI

/// Everything a key can do. Declared once here with its keys and help text (see `Keymap.bindings`).
public enum Action: String, CaseIterable, Sendable {
    case quit, help, showRoster
    case up, down, pageUp, pageDown, first, last, open, search
    case searchAccept, searchCancel, searchClear, searchErase
    case back, reveal, closeHelp
    case add, edit, sweep, archive
    case nextField, previousField, save, cancelForm, nextHousehold
    case cursorLeft, cursorRight, lineStart, lineEnd, erase, eraseForward, clearField
    case yes, no
    case filter, sort, applyFilter, closeFilter, clearFilters, note
    case showMentors, pair, cycleRole, toggleFreeCapacity, cyclePairRole, confirmPair, closePicker
    case markLeft, cycleGrid
    case showCalendar, previousMonth, nextMonth, today, nextActivity
    case attendance, toggleAttended, saveAttendance, deleteActivity, editSemester
    case showObligations, recordContact, previousSemester, nextSemester, mentorOnly, cycleSchool, cycleStatus
    case weekPlan, dashboard
    case nextContact, previousContact, editContact, deleteContact
    case endPairing
    case showReports, cyclePeriod
    case submit, lockScreen
}

/// Where a binding applies. The active contexts are tried in order (see `AppState.keyContexts`).
public enum KeyContext: String, CaseIterable, Sendable {
    case help, prompt, form, pairPicker, attendance, filter, search, mentorDetail, detail, mentors, calendar, obligations, reports
    case roster
    case global
    case signIn

    var title: StringKey {
        switch self {
        case .global: return .contextGlobal
        case .roster: return .contextRoster
        case .search: return .contextSearch
        case .detail: return .contextDetail
        case .help: return .contextHelp
        case .form: return .contextForm
        case .prompt: return .contextPrompt
        case .filter: return .contextFilter
        case .mentors: return .contextMentors
        case .mentorDetail: return .contextMentorDetail
        case .pairPicker: return .contextPairPicker
        case .calendar: return .contextCalendar
        case .attendance: return .contextAttendance
        case .obligations: return .contextObligations
        case .reports: return .contextReports
        case .signIn: return .contextSignIn
        }
    }
}

/// One row of the key table: what it does, which keys, where, its help text, and whether the
/// status bar shows it.
public struct KeyBinding: Sendable {
    public let action: Action
    public let keys: [Key]
    public let context: KeyContext
    public let label: StringKey
    public let inStatusBar: Bool
}

/// The one key table. Dispatch, the help screen and the status bar are all generated from it.
public enum Keymap {
    public static let bindings: [KeyBinding] = [
        // Global
        KeyBinding(action: .help, keys: [.char("?"), .function(1)], context: .global, label: .actionHelp, inStatusBar: true),
        KeyBinding(action: .quit, keys: [.char("q"), .ctrl("c")], context: .global, label: .actionQuit, inStatusBar: true),
        KeyBinding(action: .showRoster, keys: [.char("1")], context: .global, label: .actionRoster, inStatusBar: false),
        KeyBinding(action: .showMentors, keys: [.char("2")], context: .global, label: .actionMentors, inStatusBar: false),
        KeyBinding(action: .showCalendar, keys: [.char("3")], context: .global, label: .actionCalendar, inStatusBar: false),
        KeyBinding(action: .showObligations, keys: [.char("4")], context: .global, label: .actionObligations, inStatusBar: false),
        KeyBinding(action: .showReports, keys: [.char("5")], context: .global, label: .actionReports, inStatusBar: false),
        KeyBinding(action: .lockScreen, keys: [.ctrl("l")], context: .global, label: .actionLockScreen, inStatusBar: false),
        // Roster
        KeyBinding(action: .up, keys: [.up, .char("k")], context: .roster, label: .actionUp, inStatusBar: false),
        KeyBinding(action: .down, keys: [.down, .char("j")], context: .roster, label: .actionDown, inStatusBar: false),
        KeyBinding(action: .pageUp, keys: [.pageUp, .ctrl("b")], context: .roster, label: .actionPageUp, inStatusBar: false),
        KeyBinding(action: .pageDown, keys: [.pageDown, .ctrl("f")], context: .roster, label: .actionPageDown, inStatusBar: false),
        KeyBinding(action: .first, keys: [.home, .char("g")], context: .roster, label: .actionFirst, inStatusBar: false),
        KeyBinding(action: .last, keys: [.end, .char("G")], context: .roster, label: .actionLast, inStatusBar: false),
        KeyBinding(action: .open, keys: [.enter], context: .roster, label: .actionOpen, inStatusBar: true),
        KeyBinding(action: .search, keys: [.char("/")], context: .roster, label: .actionSearch, inStatusBar: true),
        KeyBinding(action: .searchCancel, keys: [.escape], context: .roster, label: .actionSearchCancel, inStatusBar: false),
        KeyBinding(action: .add, keys: [.char("a")], context: .roster, label: .actionAdd, inStatusBar: true),
        KeyBinding(action: .sweep, keys: [.char("s")], context: .roster, label: .actionSweep, inStatusBar: true),
        KeyBinding(action: .edit, keys: [.char("e")], context: .roster, label: .actionEdit, inStatusBar: false),
        KeyBinding(action: .filter, keys: [.char("f")], context: .roster, label: .actionFilter, inStatusBar: true),
        KeyBinding(action: .sort, keys: [.char("o")], context: .roster, label: .actionSort, inStatusBar: false),
        // Filter panel
        KeyBinding(action: .applyFilter, keys: [.enter], context: .filter, label: .actionApplyFilter, inStatusBar: true),
        KeyBinding(action: .closeFilter, keys: [.escape], context: .filter, label: .actionCloseFilter, inStatusBar: true),
        KeyBinding(action: .clearFilters, keys: [.ctrl("u"), .char("c")], context: .filter, label: .actionClearFilters,
                   inStatusBar: true),
        KeyBinding(action: .up, keys: [.up, .char("k")], context: .filter, label: .actionUp, inStatusBar: false),
        KeyBinding(action: .down, keys: [.down, .char("j"), .tab], context: .filter, label: .actionDown, inStatusBar: false),
        KeyBinding(action: .cursorLeft, keys: [.left, .char("h")], context: .filter, label: .actionPreviousChoice, inStatusBar: false),
        KeyBinding(action: .cursorRight, keys: [.right, .char("l"), .char(" ")], context: .filter, label: .actionNextChoice,
                   inStatusBar: false),
        // Search (printable characters are typed into the field)
        KeyBinding(action: .searchAccept, keys: [.enter, .tab], context: .search, label: .actionSearchAccept, inStatusBar: true),
        KeyBinding(action: .searchCancel, keys: [.escape], context: .search, label: .actionSearchCancel, inStatusBar: true),
        KeyBinding(action: .searchErase, keys: [.backspace], context: .search, label: .actionSearchErase, inStatusBar: false),
        KeyBinding(action: .searchClear, keys: [.ctrl("u")], context: .search, label: .actionSearchClear, inStatusBar: true),
        // Detail
        KeyBinding(action: .back, keys: [.escape, .left, .backspace], context: .detail, label: .actionBack, inStatusBar: true),
        KeyBinding(action: .up, keys: [.up, .char("k")], context: .detail, label: .actionUp, inStatusBar: false),
        KeyBinding(action: .down, keys: [.down, .char("j")], context: .detail, label: .actionDown, inStatusBar: false),
        KeyBinding(action: .pageUp, keys: [.pageUp], context: .detail, label: .actionPageUp, inStatusBar: false),
        KeyBinding(action: .pageDown, keys: [.pageDown, .char(" ")], context: .detail, label: .actionPageDown, inStatusBar: false),
        KeyBinding(action: .edit, keys: [.char("e")], context: .detail, label: .actionEdit, inStatusBar: true),
        KeyBinding(action: .reveal, keys: [.char("v")], context: .detail, label: .actionReveal, inStatusBar: true),
        KeyBinding(action: .pair, keys: [.char("p")], context: .detail, label: .actionPair, inStatusBar: true),
        KeyBinding(action: .note, keys: [.char("n")], context: .detail, label: .actionNote, inStatusBar: true),
        KeyBinding(action: .archive, keys: [.char("x")], context: .detail, label: .actionArchive, inStatusBar: true),
        KeyBinding(action: .recordContact, keys: [.char("c")], context: .detail, label: .actionRecordContact, inStatusBar: true),
        KeyBinding(action: .endPairing, keys: [.char("u")], context: .detail, label: .actionEndPairing, inStatusBar: true),
        KeyBinding(action: .nextContact, keys: [.tab], context: .detail, label: .actionNextContact, inStatusBar: false),
        KeyBinding(action: .previousContact, keys: [.backTab], context: .detail, label: .actionPreviousContact, inStatusBar: false),
        KeyBinding(action: .editContact, keys: [.char("E")], context: .detail, label: .actionEditContact, inStatusBar: false),
        KeyBinding(action: .deleteContact, keys: [.char("D")], context: .detail, label: .actionDeleteContact, inStatusBar: false),
        // Form (printable characters are typed into the field; choices change with ← →)
        KeyBinding(action: .save, keys: [.ctrl("s"), .function(2)], context: .form, label: .actionSave, inStatusBar: true),
        KeyBinding(action: .nextField, keys: [.tab, .down, .enter], context: .form, label: .actionNextField, inStatusBar: true),
        KeyBinding(action: .previousField, keys: [.backTab, .up], context: .form, label: .actionPreviousField, inStatusBar: false),
        KeyBinding(action: .cancelForm, keys: [.escape], context: .form, label: .actionCancelForm, inStatusBar: true),
        KeyBinding(action: .nextHousehold, keys: [.ctrl("n"), .function(3)], context: .form, label: .actionNextHousehold,
                   inStatusBar: true),
        KeyBinding(action: .cursorLeft, keys: [.left], context: .form, label: .actionCursorLeft, inStatusBar: false),
        KeyBinding(action: .cursorRight, keys: [.right], context: .form, label: .actionCursorRight, inStatusBar: false),
        KeyBinding(action: .lineStart, keys: [.home, .ctrl("a")], context: .form, label: .actionLineStart, inStatusBar: false),
        KeyBinding(action: .lineEnd, keys: [.end, .ctrl("e")], context: .form, label: .actionLineEnd, inStatusBar: false),
        KeyBinding(action: .erase, keys: [.backspace], context: .form, label: .actionErase, inStatusBar: false),
        KeyBinding(action: .eraseForward, keys: [.delete, .ctrl("d")], context: .form, label: .actionEraseForward, inStatusBar: false),
        KeyBinding(action: .clearField, keys: [.ctrl("u")], context: .form, label: .actionClearField, inStatusBar: false),
        // Mentors
        KeyBinding(action: .up, keys: [.up, .char("k")], context: .mentors, label: .actionUp, inStatusBar: false),
        KeyBinding(action: .down, keys: [.down, .char("j")], context: .mentors, label: .actionDown, inStatusBar: false),
        KeyBinding(action: .pageUp, keys: [.pageUp, .ctrl("b")], context: .mentors, label: .actionPageUp, inStatusBar: false),
        KeyBinding(action: .pageDown, keys: [.pageDown, .ctrl("f")], context: .mentors, label: .actionPageDown, inStatusBar: false),
        KeyBinding(action: .first, keys: [.home, .char("g")], context: .mentors, label: .actionFirst, inStatusBar: false),
        KeyBinding(action: .last, keys: [.end, .char("G")], context: .mentors, label: .actionLast, inStatusBar: false),
        KeyBinding(action: .open, keys: [.enter], context: .mentors, label: .actionOpenMentor, inStatusBar: true),
        KeyBinding(action: .search, keys: [.char("/")], context: .mentors, label: .actionSearch, inStatusBar: true),
        KeyBinding(action: .searchCancel, keys: [.escape], context: .mentors, label: .actionSearchCancel, inStatusBar: false),
        KeyBinding(action: .add, keys: [.char("a")], context: .mentors, label: .actionAddMentor, inStatusBar: true),
        KeyBinding(action: .cycleRole, keys: [.char("r")], context: .mentors, label: .actionCycleRole, inStatusBar: true),
        KeyBinding(action: .cycleGrid, keys: [.char("w")], context: .mentors, label: .actionCycleGrid, inStatusBar: false),
        KeyBinding(action: .toggleFreeCapacity, keys: [.char("c")], context: .mentors, label: .actionToggleFree, inStatusBar: true),
        // A mentor's file
        KeyBinding(action: .back, keys: [.escape, .left, .backspace], context: .mentorDetail, label: .actionBack, inStatusBar: true),
        KeyBinding(action: .up, keys: [.up, .char("k")], context: .mentorDetail, label: .actionUp, inStatusBar: false),
        KeyBinding(action: .down, keys: [.down, .char("j")], context: .mentorDetail, label: .actionDown, inStatusBar: false),
        KeyBinding(action: .pageUp, keys: [.pageUp], context: .mentorDetail, label: .actionPageUp, inStatusBar: false),
        KeyBinding(action: .pageDown, keys: [.pageDown, .char(" ")], context: .mentorDetail, label: .actionPageDown, inStatusBar: false),
        KeyBinding(action: .reveal, keys: [.char("v")], context: .mentorDetail, label: .actionReveal, inStatusBar: true),
        KeyBinding(action: .edit, keys: [.char("e")], context: .mentorDetail, label: .actionEditMentor, inStatusBar: true),
        KeyBinding(action: .pair, keys: [.char("p")], context: .mentorDetail, label: .actionPairChild, inStatusBar: true),
        KeyBinding(action: .markLeft, keys: [.char("L")], context: .mentorDetail, label: .actionMarkLeft, inStatusBar: true),
        KeyBinding(action: .recordContact, keys: [.char("c")], context: .mentorDetail, label: .actionRecordContact, inStatusBar: true),
        KeyBinding(action: .endPairing, keys: [.char("u")], context: .mentorDetail, label: .actionEndPairing, inStatusBar: true),
        KeyBinding(action: .weekPlan, keys: [.char("t")], context: .mentorDetail, label: .actionWeekPlan, inStatusBar: false),
        KeyBinding(action: .nextContact, keys: [.tab], context: .mentorDetail, label: .actionNextContact, inStatusBar: false),
        KeyBinding(action: .previousContact, keys: [.backTab], context: .mentorDetail, label: .actionPreviousContact, inStatusBar: false),
        KeyBinding(action: .editContact, keys: [.char("E")], context: .mentorDetail, label: .actionEditContact, inStatusBar: false),
        KeyBinding(action: .deleteContact, keys: [.char("D")], context: .mentorDetail, label: .actionDeleteContact, inStatusBar: false),
        // Choosing a mentor for a child (typing searches)
        KeyBinding(action: .confirmPair, keys: [.enter], context: .pairPicker, label: .actionConfirmPair, inStatusBar: true),
        KeyBinding(action: .cyclePairRole, keys: [.tab], context: .pairPicker, label: .actionCyclePairRole, inStatusBar: true),
        KeyBinding(action: .closePicker, keys: [.escape], context: .pairPicker, label: .actionClosePicker, inStatusBar: true),
        KeyBinding(action: .up, keys: [.up], context: .pairPicker, label: .actionUp, inStatusBar: false),
        KeyBinding(action: .down, keys: [.down], context: .pairPicker, label: .actionDown, inStatusBar: false),
        KeyBinding(action: .erase, keys: [.backspace], context: .pairPicker, label: .actionErase, inStatusBar: false),
        KeyBinding(action: .clearField, keys: [.ctrl("u")], context: .pairPicker, label: .actionClearField, inStatusBar: false),
        // Calendar
        KeyBinding(action: .cursorLeft, keys: [.left, .char("h")], context: .calendar, label: .actionPreviousDay, inStatusBar: false),
        KeyBinding(action: .cursorRight, keys: [.right, .char("l")], context: .calendar, label: .actionNextDay, inStatusBar: false),
        KeyBinding(action: .up, keys: [.up, .char("k")], context: .calendar, label: .actionPreviousWeek, inStatusBar: false),
        KeyBinding(action: .down, keys: [.down, .char("j")], context: .calendar, label: .actionNextWeek, inStatusBar: false),
        KeyBinding(action: .previousMonth, keys: [.char("<"), .pageUp], context: .calendar, label: .actionPreviousMonth,
                   inStatusBar: true),
        KeyBinding(action: .nextMonth, keys: [.char(">"), .pageDown], context: .calendar, label: .actionNextMonth, inStatusBar: true),
        KeyBinding(action: .today, keys: [.char("t")], context: .calendar, label: .actionToday, inStatusBar: true),
        KeyBinding(action: .add, keys: [.char("a")], context: .calendar, label: .actionAddActivity, inStatusBar: true),
        KeyBinding(action: .nextActivity, keys: [.tab], context: .calendar, label: .actionNextActivity, inStatusBar: false),
        KeyBinding(action: .edit, keys: [.char("e")], context: .calendar, label: .actionEditActivity, inStatusBar: true),
        KeyBinding(action: .archive, keys: [.char("x")], context: .calendar, label: .actionCancelActivity, inStatusBar: false),
        KeyBinding(action: .attendance, keys: [.char("m")], context: .calendar, label: .actionAttendance, inStatusBar: true),
        KeyBinding(action: .deleteActivity, keys: [.char("D")], context: .calendar, label: .actionDeleteActivity, inStatusBar: false),
        KeyBinding(action: .editSemester, keys: [.char("S")], context: .calendar, label: .actionEditSemester, inStatusBar: false),
        // Obligations (五个一)
        KeyBinding(action: .up, keys: [.up, .char("k")], context: .obligations, label: .actionUp, inStatusBar: false),
        KeyBinding(action: .down, keys: [.down, .char("j")], context: .obligations, label: .actionDown, inStatusBar: false),
        KeyBinding(action: .cursorLeft, keys: [.left, .char("h")], context: .obligations, label: .actionPreviousColumn, inStatusBar: false),
        KeyBinding(action: .cursorRight, keys: [.right, .char("l")], context: .obligations, label: .actionNextColumn, inStatusBar: false),
        KeyBinding(action: .pageUp, keys: [.pageUp, .ctrl("b")], context: .obligations, label: .actionPageUp, inStatusBar: false),
        KeyBinding(action: .pageDown, keys: [.pageDown, .ctrl("f")], context: .obligations, label: .actionPageDown, inStatusBar: false),
        KeyBinding(action: .first, keys: [.home, .char("g")], context: .obligations, label: .actionFirst, inStatusBar: false),
        KeyBinding(action: .last, keys: [.end, .char("G")], context: .obligations, label: .actionLast, inStatusBar: false),
        KeyBinding(action: .recordContact, keys: [.enter], context: .obligations, label: .actionRecordCell, inStatusBar: true),
        KeyBinding(action: .editContact, keys: [.char("E")], context: .obligations, label: .actionEditCellContact, inStatusBar: false),
        KeyBinding(action: .deleteContact, keys: [.char("D")], context: .obligations, label: .actionDeleteCellContact,
                   inStatusBar: false),
        KeyBinding(action: .search, keys: [.char("/")], context: .obligations, label: .actionSearch, inStatusBar: true),
        KeyBinding(action: .back, keys: [.escape], context: .obligations, label: .actionBackToGrid, inStatusBar: false),
        KeyBinding(action: .mentorOnly, keys: [.char("m")], context: .obligations, label: .actionMentorOnly, inStatusBar: true),
        KeyBinding(action: .weekPlan, keys: [.char("t")], context: .obligations, label: .actionWeekPlan, inStatusBar: true),
        KeyBinding(action: .dashboard, keys: [.char("d")], context: .obligations, label: .actionDashboard, inStatusBar: true),
        KeyBinding(action: .cycleStatus, keys: [.char("s")], context: .obligations, label: .actionCycleStatus, inStatusBar: false),
        KeyBinding(action: .cycleGrid, keys: [.char("w")], context: .obligations, label: .actionCycleGrid, inStatusBar: false),
        KeyBinding(action: .cycleSchool, keys: [.char("x")], context: .obligations, label: .actionCycleSchool, inStatusBar: false),
        KeyBinding(action: .sort, keys: [.char("o")], context: .obligations, label: .actionSortObligations, inStatusBar: false),
        KeyBinding(action: .previousSemester, keys: [.char("["), .char("<")], context: .obligations, label: .actionPreviousSemester,
                   inStatusBar: false),
        KeyBinding(action: .nextSemester, keys: [.char("]"), .char(">")], context: .obligations, label: .actionNextSemester,
                   inStatusBar: false),
        // Reports
        KeyBinding(action: .up, keys: [.up, .char("k")], context: .reports, label: .actionUp, inStatusBar: false),
        KeyBinding(action: .down, keys: [.down, .char("j")], context: .reports, label: .actionDown, inStatusBar: false),
        KeyBinding(action: .pageUp, keys: [.pageUp, .ctrl("b")], context: .reports, label: .actionPageUp, inStatusBar: false),
        KeyBinding(action: .pageDown, keys: [.pageDown, .ctrl("f")], context: .reports, label: .actionPageDown, inStatusBar: false),
        KeyBinding(action: .first, keys: [.home, .char("g")], context: .reports, label: .actionFirst, inStatusBar: false),
        KeyBinding(action: .last, keys: [.end, .char("G")], context: .reports, label: .actionLast, inStatusBar: false),
        KeyBinding(action: .open, keys: [.enter], context: .reports, label: .actionDrill, inStatusBar: true),
        KeyBinding(action: .back, keys: [.escape], context: .reports, label: .actionBack, inStatusBar: true),
        KeyBinding(action: .previousSemester, keys: [.char("["), .char("<")], context: .reports, label: .actionPreviousPeriod,
                   inStatusBar: true),
        KeyBinding(action: .nextSemester, keys: [.char("]"), .char(">")], context: .reports, label: .actionNextPeriod, inStatusBar: true),
        KeyBinding(action: .cyclePeriod, keys: [.char("p")], context: .reports, label: .actionCyclePeriod, inStatusBar: true),
        // Attendance (typing searches)
        KeyBinding(action: .toggleAttended, keys: [.char(" ")], context: .attendance, label: .actionToggleAttended, inStatusBar: true),
        KeyBinding(action: .saveAttendance, keys: [.enter], context: .attendance, label: .actionSaveAttendance, inStatusBar: true),
        KeyBinding(action: .closePicker, keys: [.escape], context: .attendance, label: .actionClosePicker, inStatusBar: true),
        KeyBinding(action: .up, keys: [.up], context: .attendance, label: .actionUp, inStatusBar: false),
        KeyBinding(action: .down, keys: [.down], context: .attendance, label: .actionDown, inStatusBar: false),
        KeyBinding(action: .erase, keys: [.backspace], context: .attendance, label: .actionErase, inStatusBar: false),
        KeyBinding(action: .clearField, keys: [.ctrl("u")], context: .attendance, label: .actionClearField, inStatusBar: false),
        // Questions on the message line
        // Enter is not "yes": in a form Enter moves to the next field, and a habit must never discard work.
        KeyBinding(action: .yes, keys: [.char("y"), .char("是")], context: .prompt, label: .actionYes, inStatusBar: true),
        KeyBinding(action: .no, keys: [.char("n"), .escape, .char("否")], context: .prompt, label: .actionNo, inStatusBar: true),
        // Signing in, and the locked screen (typing fills the field)
        KeyBinding(action: .submit, keys: [.enter], context: .signIn, label: .actionSubmitSignIn, inStatusBar: true),
        KeyBinding(action: .nextField, keys: [.tab, .down], context: .signIn, label: .actionNextField, inStatusBar: true),
        KeyBinding(action: .previousField, keys: [.backTab, .up], context: .signIn, label: .actionPreviousField, inStatusBar: false),
        KeyBinding(action: .erase, keys: [.backspace], context: .signIn, label: .actionErase, inStatusBar: false),
        KeyBinding(action: .clearField, keys: [.ctrl("u")], context: .signIn, label: .actionClearField, inStatusBar: false),
        KeyBinding(action: .quit, keys: [.ctrl("c")], context: .signIn, label: .actionQuit, inStatusBar: true),
        // Help
        KeyBinding(action: .closeHelp, keys: [.escape, .char("?"), .char("q"), .function(1)], context: .help,
                   label: .actionCloseHelp, inStatusBar: true),
        KeyBinding(action: .up, keys: [.up, .char("k")], context: .help, label: .actionUp, inStatusBar: false),
        KeyBinding(action: .down, keys: [.down, .char("j")], context: .help, label: .actionDown, inStatusBar: false),
        KeyBinding(action: .pageUp, keys: [.pageUp], context: .help, label: .actionPageUp, inStatusBar: false),
        KeyBinding(action: .pageDown, keys: [.pageDown, .char(" ")], context: .help, label: .actionPageDown, inStatusBar: false),
    ]

    /// The action bound to `key` in the first of `contexts` that binds it.
    /// With `textEntry`, printable characters are left to the text field (only non-character keys match).
    public static func action(for key: Key, in contexts: [KeyContext], textEntry: Bool = false) -> Action? {
        if textEntry, case .char = key { return nil }
        if textEntry, key == .ctrl("c") { return .quit }
        for context in contexts {
            if let b = bindings.first(where: { $0.context == context && $0.keys.contains(key) }) { return b.action }
        }
        return nil
    }

    /// Bindings of one context, in table order.
    public static func bindings(in context: KeyContext) -> [KeyBinding] { bindings.filter { $0.context == context } }

    /// How a binding's keys are written: `↑ / k`.
    public static func keyText(_ b: KeyBinding) -> String { b.keys.map(\.description).joined(separator: " / ") }
}
