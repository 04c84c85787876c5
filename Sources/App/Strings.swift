import Domain
import Foundation
import Storage
import ShouhuResources

/// The language of the interface: Simplified Chinese by default, English on request.
public enum Language: String, CaseIterable, Sendable {
    case zhHans = "zh-Hans"
    case en

    /// `--lang` / `SHOUHU_LANG` values: `zh`, `zh-Hans`, `zh_CN`, `en`, `en_US`…
    public init?(code: String) {
        let c = code.lowercased()
        if c.hasPrefix("zh") { self = .zhHans } else if c.hasPrefix("en") { self = .en } else { return nil }
    }
}

/// Every fixed string of the interface. The text lives in `Resources/i18n/<language>.json`;
/// a test checks that each catalog has exactly these keys (plus the enum labels).
public enum StringKey: String, CaseIterable, Sendable {
    case appName = "app.name"
    case demoMark = "app.demo_mark"
    case headerCounts = "header.counts"
    case tabRoster = "tab.roster"
    case tooSmall = "screen.too_small"
    case searchPrompt = "search.prompt"
    case searchHint = "search.hint"
    case searchResults = "search.results"
    case searchNone = "search.none"
    case position = "roster.position"
    case emptyRoster = "roster.empty"
    case withRelation = "value.with_relation"
    case colName = "col.name"
    case colSex = "col.sex"
    case colAge = "col.age"
    case colSchoolClass = "col.school_class"
    case colGrid = "col.grid"
    case colGuardian = "col.guardian"
    case colType = "col.type"
    case ageYears = "detail.age_years"
    case detailTitle = "detail.title"
    case detailLoading = "detail.loading"
    case detailMissing = "detail.missing"
    case sectionBasic = "detail.section.basic"
    case sectionGuardian = "detail.section.guardian"
    case sectionParents = "detail.section.parents"
    case sectionCare = "detail.section.care"
    case fieldIDNumber = "field.id_number"
    case fieldBirthDate = "field.birth_date"
    case fieldEthnicity = "field.ethnicity"
    case fieldSchool = "field.school"
    case fieldGrid = "field.grid"
    case fieldAddress = "field.address"
    case fieldType = "field.left_behind_type"
    case fieldStatus = "field.status"
    case fieldGuardian = "field.guardian"
    case fieldPhone = "field.phone"
    case fieldCapacity = "field.capacity_notes"
    case fieldFather = "field.father"
    case fieldMother = "field.mother"
    case fieldWorkPlace = "field.work_place"
    case fieldFlags = "field.flags"
    case fieldHealth = "field.health"
    case fieldInterests = "field.interests"
    case fieldCareNotice = "field.care_notice"
    case fieldWeeklyContact = "field.weekly_contact"
    case fieldNotes = "field.notes"
    case flagHardship = "flag.hardship"
    case flagDibao = "flag.dibao"
    case flagDisability = "flag.disability"
    case none = "value.none"
    case yes = "value.yes"
    case no = "value.no"
    case notRecorded = "value.not_recorded"
    case noticeGiven = "value.notice_given"
    case archivedOn = "value.archived_on"
    case revealHint = "detail.reveal_hint"
    case helpTitle = "help.title"
    case helpFooter = "help.footer"
    case contextGlobal = "context.global"
    case contextRoster = "context.roster"
    case contextSearch = "context.search"
    case contextDetail = "context.detail"
    case contextHelp = "context.help"
    case actionQuit = "action.quit"
    case actionHelp = "action.help"
    case actionRoster = "action.roster"
    case actionUp = "action.up"
    case actionDown = "action.down"
    case actionPageUp = "action.page_up"
    case actionPageDown = "action.page_down"
    case actionFirst = "action.first"
    case actionLast = "action.last"
    case actionOpen = "action.open"
    case actionSearch = "action.search"
    case actionSearchAccept = "action.search_accept"
    case actionSearchCancel = "action.search_cancel"
    case actionSearchClear = "action.search_clear"
    case actionSearchErase = "action.search_erase"
    case actionBack = "action.back"
    case actionReveal = "action.reveal"
    case actionCloseHelp = "action.close_help"
    case errorGeneric = "error.generic"
    case semesterRefused = "semester.refused"
    case actionEditSemester = "action.edit_semester"
    case semesterFormTitle = "semester_form.title"
    case semesterSavedMessage = "semester.saved"
    case actionDeleteActivity = "action.delete_activity"
    case promptDeleteActivity = "prompt.delete_activity"
    case promptActivityScope = "prompt.activity_scope"
    case contextAttendance = "context.attendance"
    case actionAttendance = "action.attendance"
    case actionToggleAttended = "action.toggle_attended"
    case actionSaveAttendance = "action.save_attendance"
    case attendanceTitle = "attendance.title"
    case attendanceHint = "attendance.hint"
    case attendanceCount = "attendance.count"
    case actionAddActivity = "action.add_activity"
    case actionNextActivity = "action.next_activity"
    case actionEditActivity = "action.edit_activity"
    case actionCancelActivity = "action.cancel_activity"
    case activityFormAddTitle = "activity_form.add_title"
    case activityFormEditTitle = "activity_form.edit_title"
    case activitySavedMessage = "activity.saved"
    case activityAllDay = "activity.all_day"
    case activityCancelled = "activity.cancelled"
    case activityNone = "activity.none"
    case promptCancelActivity = "prompt.cancel_activity"
    case problemTime = "problem.time"
    case problemEndBeforeStart = "problem.end_before_start"
    case tabCalendar = "tab.calendar"
    case contextCalendar = "context.calendar"
    case actionCalendar = "action.calendar"
    case actionPreviousDay = "action.previous_day"
    case actionNextDay = "action.next_day"
    case actionPreviousWeek = "action.previous_week"
    case actionNextWeek = "action.next_week"
    case actionPreviousMonth = "action.previous_month"
    case actionNextMonth = "action.next_month"
    case actionToday = "action.today"
    case calendarMonthTitle = "calendar.month_title"
    case calendarSemesterWeek = "calendar.semester_week"
    case calendarHoliday = "calendar.holiday"
    case calendarDayLine = "calendar.day_line"
    case calendarLunar = "calendar.lunar"
    case calendarComing = "calendar.coming"
    case calendarNoFestival = "calendar.no_festival"
    case actionCycleGrid = "action.cycle_grid"
    case historyBy = "history.by"
    case rosterNoMatch = "roster.no_match"
    case demoProgress = "demo.progress"
    case actionPairChild = "action.pair_child"
    case pickerChildTitle = "picker.child_title"
    case pickerChildSuggestions = "picker.child_suggestions"
    case pickerNoChild = "picker.no_child"
    case actionAddMentor = "action.add_mentor"
    case actionEditMentor = "action.edit_mentor"
    case actionMarkLeft = "action.mark_left"
    case mentorFormAddTitle = "mentor_form.add_title"
    case mentorFormEditTitle = "mentor_form.edit_title"
    case mentorFormCapacityHint = "mentor_form.capacity_hint"
    case mentorSavedMessage = "mentor.saved"
    case mentorConflict = "mentor.conflict"
    case mentorErrorDuplicatePhone = "mentor.error.duplicate_phone"
    case promptMarkLeft = "prompt.mark_left"
    case helpColumnWhere = "help.col.where"
    case helpColumnKeys = "help.col.keys"
    case helpColumnDoes = "help.col.does"
    case filterUnpairedOnly = "filter.unpaired_only"
    case tabMentors = "tab.mentors"
    case contextMentors = "context.mentors"
    case contextMentorDetail = "context.mentor_detail"
    case contextPairPicker = "context.pair_picker"
    case actionMentors = "action.mentors"
    case actionOpenMentor = "action.open_mentor"
    case actionCycleRole = "action.cycle_role"
    case actionToggleFree = "action.toggle_free"
    case actionPair = "action.pair"
    case actionConfirmPair = "action.confirm_pair"
    case actionCyclePairRole = "action.cycle_pair_role"
    case actionClosePicker = "action.close_picker"
    case mentorColName = "mentor.col.name"
    case mentorColRole = "mentor.col.role"
    case mentorColGrid = "mentor.col.grid"
    case mentorColLoad = "mentor.col.load"
    case mentorColLastContact = "mentor.col.last_contact"
    case mentorColPhone = "mentor.col.phone"
    case mentorColOrganisation = "mentor.col.organisation"
    case mentorCounts = "mentor.counts"
    case mentorSearchHint = "mentor.search_hint"
    case mentorFilterRole = "mentor.filter_role"
    case mentorFilterFree = "mentor.filter_free"
    case mentorEmpty = "mentor.empty"
    case mentorSectionInfo = "mentor.section.info"
    case mentorSectionChildren = "mentor.section.children"
    case mentorSectionEnded = "mentor.section.ended"
    case fieldRole = "field.role"
    case fieldOrganisation = "field.organisation"
    case fieldLoad = "field.load"
    case fieldLeftOn = "field.left_on"
    case sectionPairings = "detail.section.pairings"
    case pairingActive = "pairing.active"
    case pairingEnded = "pairing.ended"
    case pairingOverride = "pairing.override"
    case pairNone = "pairing.none"
    case pickerTitle = "picker.title"
    case pickerSuggestions = "picker.suggestions"
    case pickerResults = "picker.results"
    case pickerNone = "picker.none"
    case pickerSameGrid = "picker.same_grid"
    case pairedMessage = "pairing.paired"
    case promptOverride = "prompt.override"
    case promptReassign = "prompt.reassign"
    case pairErrorAlreadyPaired = "pairing.error.already_paired"
    case pairErrorArchived = "pairing.error.archived"
    case pairErrorMentorLeft = "pairing.error.mentor_left"
    case pairErrorOther = "pairing.error.other"
    case statusLeft = "mentor.status_left"
    case contextFilter = "context.filter"
    case actionFilter = "action.filter"
    case actionSort = "action.sort"
    case actionApplyFilter = "action.apply_filter"
    case actionCloseFilter = "action.close_filter"
    case actionClearFilters = "action.clear_filters"
    case actionPreviousChoice = "action.previous_choice"
    case actionNextChoice = "action.next_choice"
    case actionNote = "action.note"
    case filterTitle = "filter.title"
    case filterAll = "filter.all"
    case filterNot = "filter.not"
    case filterPrefix = "filter.prefix"
    case sortPrefix = "sort.prefix"
    case filterHint = "filter.hint"
    case promptRestore = "prompt.restore"
    case promptNote = "prompt.note"
    case formIssueLine = "form.issue_line"
    case contextForm = "context.form"
    case contextPrompt = "context.prompt"
    case actionAdd = "action.add"
    case actionSweep = "action.sweep"
    case actionEdit = "action.edit"
    case actionArchive = "action.archive"
    case actionSave = "action.save"
    case actionNextField = "action.next_field"
    case actionPreviousField = "action.previous_field"
    case actionCancelForm = "action.cancel_form"
    case actionNextHousehold = "action.next_household"
    case actionCursorLeft = "action.cursor_left"
    case actionCursorRight = "action.cursor_right"
    case actionLineStart = "action.line_start"
    case actionLineEnd = "action.line_end"
    case actionErase = "action.erase"
    case actionEraseForward = "action.erase_forward"
    case actionClearField = "action.clear_field"
    case actionYes = "action.yes"
    case actionNo = "action.no"
    case formAddTitle = "form.add_title"
    case formEditTitle = "form.edit_title"
    case formSweepTitle = "form.sweep_title"
    case formSectionHousehold = "form.section_household"
    case formSectionChild = "form.section_child"
    case formChoiceHint = "form.choice_hint"
    case formFixFirst = "form.fix_first"
    case formSaved = "form.saved"
    case formSweepSaved = "form.sweep_saved"
    case formNextHousehold = "form.next_household"
    case promptDiscard = "prompt.discard"
    case promptDuplicateID = "prompt.duplicate_id"
    case promptPossibleDuplicate = "prompt.possible_duplicate"
    case promptConflict = "prompt.conflict"
    case promptRestoreDraft = "prompt.restore_draft"
    case promptArchive = "prompt.archive"
    case archivedMessage = "detail.archived_message"
    case sectionHistory = "detail.section.history"
    case sectionGrowth = "detail.section.growth"
    case historyCreated = "history.created"
    case historyLine = "history.line"
    case problemRequired = "problem.required"
    case problemTooLong = "problem.too_long"
    case problemIDLength = "problem.id_length"
    case problemIDCharacters = "problem.id_characters"
    case problemIDRegion = "problem.id_region"
    case problemIDBirthDate = "problem.id_birth_date"
    case problemIDCheck = "problem.id_check"
    case problemBirthContradictsID = "problem.birth_contradicts_id"
    case problemSexContradictsID = "problem.sex_contradicts_id"
    case problemAgeOutOfRange = "problem.age_out_of_range"
    case problemBirthInFuture = "problem.birth_in_future"
    case problemPhone = "problem.phone"
    case problemDate = "problem.date"
    case problemChoice = "problem.choice"
    case importUnknownColumn = "import.unknown_column"
    case importMissingNameColumn = "import.missing_name_column"
    case importDuplicateInFile = "import.duplicate_in_file"
    case importDuplicateInDatabase = "import.duplicate_in_db"
    case importRejectLine = "import.reject_line"
    case importSummary = "import.summary"
    case importDryRun = "import.dry_run"
    case importStrictRefused = "import.strict_refused"
    case importNotCSV = "import.not_csv"
    case importEncoding = "import.encoding"
    case importNothing = "import.nothing"
    case exportDone = "export.done"
    // Import and export messages
    case importCannotRead = "import.cannot_read"
    case exportNoDatabase = "export.no_database"
    case importDuplicateProfileInDatabase = "import.duplicate_profile_in_db"
    case importDuplicateProfileInFile = "import.duplicate_profile_in_file"
    case importResultRejected = "import.result.rejected"
    case importResultDuplicate = "import.result.duplicate"
    case importResultWarning = "import.result.warning"
    case importResultColumnIgnored = "import.result.column_ignored"
    case importReportRow = "import.report.row"
    case importReportResult = "import.report.result"
    case importReportColumn = "import.report.column"
    case importReportReason = "import.report.reason"
    case importReportName = "import.report.name"
    case importNotCSVExcelWorkbook = "import.not_csv.excel_workbook"
    case importNotCSVLegacyWorkbook = "import.not_csv.legacy_workbook"
    case importNotCSVBinary = "import.not_csv.binary"
    case importNotCSVUnterminatedQuote = "import.not_csv.unterminated_quote"
    case importMentorSummary = "import.mentor.summary"
    case importMentorDuplicateInFile = "import.mentor.duplicate_in_file"
    case importMentorDuplicateInDatabase = "import.mentor.duplicate_in_db"
    case importPairingSummary = "import.pairing.summary"
    case importPairingDuplicateInFile = "import.pairing.duplicate_in_file"
    case importPairingDuplicateInDatabase = "import.pairing.duplicate_in_db"
    case importColumnMentorStatus = "import.column.mentor_status"
    case importColumnMentorLeftOn = "import.column.mentor_left_on"
    case importColumnChildName = "import.column.child_name"
    case importColumnChildIDNumber = "import.column.child_id_number"
    case importColumnChildBirthDate = "import.column.child_birth_date"
    case importColumnMentorName = "import.column.mentor_name"
    case importColumnMentorPhone = "import.column.mentor_phone"
    case importColumnPairRole = "import.column.pair_role"
    case importColumnStartDate = "import.column.start_date"
    case importColumnEndDate = "import.column.end_date"
    case importColumnEndReason = "import.column.end_reason"
    case importColumnOverrideReason = "import.column.override_reason"
    case importAmbiguousChild = "import.ambiguous_child"
    case importNameDiffers = "import.name_differs"
    case importRuleCapacityReached = "import.rule.capacity_reached"
    case importRuleCapacityBelowLoad = "import.rule.capacity_below_load"
    case importRuleChildHasPrimary = "import.rule.child_has_primary"
    case importRuleUnknownChild = "import.rule.unknown_child"
    case importRuleUnknownMentor = "import.rule.unknown_mentor"
    case importRuleUnknownPairing = "import.rule.unknown_pairing"
    case importRuleEndBeforeStart = "import.rule.end_before_start"
    case importRuleAlreadyEnded = "import.rule.already_ended"
    case importMissingColumns = "import.missing_columns"
    case importListAnd = "import.list_and"
    case exportMentorsDone = "export.mentors_done"
    case exportPairingsDone = "export.pairings_done"
    case exportCardsDone = "export.cards_done"
    case rulesCheckOK = "rules.check_ok"
    case rulesSourceCustom = "rules.source_custom"
    case rulesSourceShipped = "rules.source_shipped"
    case rulesMinDays = "rules.min_days"
    case rulesCount = "rules.count"
    case rulesWithin = "rules.within"
    case rulesOwnMinDays = "rules.own_min_days"
    case rulesSet = "rules.set"
    case rulesReset = "rules.reset"
    case rulesProblem = "rules.problem"
    case obligationsNoSemester = "obligations.bad_semester"
    case obligationsUnknownMentor = "obligations.unknown_mentor"
    case obligationsSummary = "obligations.summary"
    case problemDateInFuture = "problem.date_in_future"
    case tabObligations = "tab.obligations"
    case contactErrorUnknownChild = "contact.error.unknown_child"
    case contactErrorUnknownMentor = "contact.error.unknown_mentor"
    case contactErrorUnknown = "contact.error.unknown"
    case contactErrorDuplicate = "contact.error.duplicate"
    case contextObligations = "context.obligations"
    case actionObligations = "action.obligations"
    case actionRecordContact = "action.record_contact"
    case actionRecordCell = "action.record_cell"
    case actionPreviousColumn = "action.previous_column"
    case actionNextColumn = "action.next_column"
    case actionBackToGrid = "action.back_to_grid"
    case actionMentorOnly = "action.mentor_only"
    case actionWeekPlan = "action.week_plan"
    case actionDashboard = "action.dashboard"
    case actionCycleStatus = "action.cycle_status"
    case actionCycleSchool = "action.cycle_school"
    case actionSortObligations = "action.sort_obligations"
    case actionPreviousSemester = "action.previous_semester"
    case actionNextSemester = "action.next_semester"
    case obligationNotApplicable = "obligation.not_applicable"
    case obligationMentorOnly = "obligation.mentor_only"
    case obligationSchool = "obligation.school"
    case obligationStateFilter = "obligation.state_filter"
    case contactNeedsPairing = "contact.needs_pairing"
    case contactSavedMessage = "contact.saved"
    case contactFormTitle = "contact.form_title"
    case contactFormEditTitle = "contact.form_edit_title"
    case contactLetterContent = "contact.letter_content"
    case obligationLoading = "obligation.loading"
    case obligationWeekTitle = "obligation.week_title"
    case obligationDashboardTitle = "obligation.dashboard_title"
    case obligationCounts = "obligation.counts"
    case obligationHint = "obligation.hint"
    case obligationLegend = "obligation.legend"
    case obligationMentor = "obligation.mentor"
    case obligationDoneColumn = "obligation.done_column"
    case obligationNone = "obligation.none"
    case obligationWeekNone = "obligation.week_none"
    case obligationOverdueGroup = "obligation.overdue_group"
    case obligationThisWeekGroup = "obligation.this_week_group"
    case obligationLaterGroup = "obligation.later_group"
    case obligationByMentor = "obligation.by_mentor"
    case obligationByGrid = "obligation.by_grid"
    case sectionContacts = "section.contacts"
    case contactNone = "contact.none"
    case contactLetterHidden = "contact.letter_hidden"
    case importContactSummary = "import.contact.summary"
    case importContactDuplicateInFile = "import.contact.duplicate_in_file"
    case importContactDuplicateInDatabase = "import.contact.duplicate_in_db"
    case importContactNotPaired = "import.contact.not_paired"
    case importContactLetterLeftOut = "import.contact.letter_left_out"
    case importColumnContactKind = "import.column.contact_kind"
    case importColumnContactDate = "import.column.contact_date"
    case importColumnPlace = "import.column.place"
    case importColumnSummary = "import.column.summary"
    case importColumnConcerns = "import.column.concerns"
    case importColumnFollowUp = "import.column.follow_up"
    case exportContactsDone = "export.contacts_done"

    // Backups, restores and file privacy
    case backupDone = "backup.done"
    case backupDoneEncrypted = "backup.done_encrypted"
    case backupCannotWrite = "backup.cannot_write"
    case backupBusy = "backup.busy"
    case passphrasePrompt = "passphrase.prompt"
    case passphraseAgain = "passphrase.again"
    case passphraseMismatch = "passphrase.mismatch"
    case passphraseMissing = "passphrase.missing"
    case restoreWrongPassphrase = "restore.wrong_passphrase"
    case restoreDamaged = "restore.damaged"
    case restoreNotBackup = "restore.not_backup"
    case restoreIntegrity = "restore.integrity"
    case restoreNewer = "restore.newer"
    case restoreDone = "restore.done"
    case restoreDoneNew = "restore.done_new"
    case privacyDatabaseReadable = "privacy.database_readable"
    // Accounts (shouhu user …)
    case userAdded = "user.added"
    case userPasswordChanged = "user.password_changed"
    case userDisabled = "user.disabled"
    case userVerified = "user.verified"
    case userNone = "user.none"
    case userStatusActive = "user.status.active"
    case userStatusDisabled = "user.status.disabled"
    case userStatusLocked = "user.status.locked"
    case userErrorDuplicate = "user.error.duplicate"
    case userErrorUnknown = "user.error.unknown"
    case userErrorEmptyName = "user.error.empty_name"
    case userErrorMentorRequired = "user.error.mentor_required"
    case userErrorMentorNotAllowed = "user.error.mentor_not_allowed"
    case userErrorUnknownMentor = "user.error.unknown_mentor"
    case userErrorPasswordShort = "user.error.password_short"
    case userSignInFailed = "user.sign_in_failed"
    case userPasswordPrompt = "user.password_prompt"
    case userCurrentPasswordPrompt = "user.current_password_prompt"
    case userNewPasswordPrompt = "user.new_password_prompt"
    case userPasswordAgain = "user.password_again"
    case userPasswordMismatch = "user.password_mismatch"
    case userPasswordMissing = "user.password_missing"
    case importNotCSVTooLarge = "import.not_csv.too_large"
    case importNotCSVLineTooLong = "import.not_csv.line_too_long"
    case faultBusy = "fault.busy"
    case faultDiskFull = "fault.disk_full"
    case faultReadOnly = "fault.read_only"
    case faultCorrupt = "fault.corrupt"
    case faultIO = "fault.io"
    case faultNewer = "fault.newer"
    case faultDirectory = "fault.directory"
    case faultDatabase = "fault.database"
    case faultWriteFile = "fault.write_file"
    case localeNotUTF8 = "tui.locale_not_utf8"
    case formReloaded = "form.reloaded"
}

/// A loaded string catalog.
public struct Strings: Equatable, Sendable {
    public let language: Language
    let table: [String: String]

    public enum LoadError: Error, CustomStringConvertible {
        case missing(Language), unreadable(Language, String)
        public var description: String {
            switch self {
            case .missing(let l): return "string catalog \(l.rawValue).json is missing from the resources"
            case let .unreadable(l, why): return "string catalog \(l.rawValue).json cannot be read: \(why)"
            }
        }
    }

    /// Loads `Resources/i18n/<language>.json`.
    public static func load(_ language: Language) throws -> Strings {
        guard let url = ShouhuResources.catalogURL(language: language.rawValue) else { throw LoadError.missing(language) }
        do {
            let data = try Data(contentsOf: url)
            let table = try JSONDecoder().decode([String: String].self, from: data)
            return Strings(language: language, table: table)
        } catch {
            throw LoadError.unreadable(language, "\(error)")
        }
    }

    public init(language: Language, table: [String: String]) { self.language = language; self.table = table }

    /// All keys in the catalog (for tests).
    public var keys: Set<String> { Set(table.keys) }

    public subscript(_ key: StringKey) -> String { table[key.rawValue] ?? key.rawValue }

    /// The string with `{0}`, `{1}`… replaced by the arguments.
    public func format(_ key: StringKey, _ args: CustomStringConvertible...) -> String {
        var s = self[key]
        for (i, a) in args.enumerated() { s = s.replacingOccurrences(of: "{\(i)}", with: a.description) }
        return s
    }

    /// The name of a field of the child file (`cf.<field>`), as forms, reports and import errors say it.
    public func fieldName(_ field: ChildField) -> String { label("cf", field) }

    /// A field problem in plain words.
    public func describe(_ problem: FieldProblem) -> String {
        switch problem {
        case .required: return self[.problemRequired]
        case .tooLong(let max): return format(.problemTooLong, max)
        case .id(.length(let n)): return format(.problemIDLength, n)
        case .id(.characters): return self[.problemIDCharacters]
        case .id(.region): return self[.problemIDRegion]
        case .id(.birthDate): return self[.problemIDBirthDate]
        case .id(.checkCharacter(let expected)): return format(.problemIDCheck, String(expected))
        case .birthDateContradictsID(let d): return format(.problemBirthContradictsID, d.description)
        case .sexContradictsID(let sex): return format(.problemSexContradictsID, label("sex", sex))
        case .ageOutOfRange(let age): return format(.problemAgeOutOfRange, age)
        case .birthDateInFuture: return self[.problemBirthInFuture]
        case .phone: return self[.problemPhone]
        case .date: return self[.problemDate]
        case .time: return self[.problemTime]
        case .endBeforeStart: return self[.problemEndBeforeStart]
        case .choice(let value): return format(.problemChoice, value)
        case .dateInFuture: return self[.problemDateInFuture]
        }
    }

    /// Why a contact was not saved, in plain words.
    public func describe(_ error: ContactError) -> String {
        switch error {
        case .unknownChild: return self[.contactErrorUnknownChild]
        case .unknownMentor: return self[.contactErrorUnknownMentor]
        case .unknownContact: return self[.contactErrorUnknown]
        case .futureDate: return self[.problemDateInFuture]
        case .duplicate: return self[.contactErrorDuplicate]
        }
    }

    /// A database fault (busy, disk full, read-only, damaged) in plain words, without SQL or values.
    public func describe(_ fault: StorageFault) -> String {
        switch fault {
        case .busy: return self[.faultBusy]
        case .diskFull: return self[.faultDiskFull]
        case .readOnly: return self[.faultReadOnly]
        case .corrupt: return self[.faultCorrupt]
        case .io: return self[.faultIO]
        }
    }

    /// Label of an enum case, from the key `<kind>.<rawValue>` (e.g. `sex.male`).
    public func label<E: RawRepresentable>(_ kind: String, _ value: E) -> String where E.RawValue == String {
        table[kind + "." + value.rawValue] ?? value.rawValue
    }
}
