import Domain
import Foundation
import Interchange
import Scheduling
import Storage
import TerminalUI

/// Carries out commands against the database and turns the results into messages.
public struct Runtime {
    public let database: AppDatabase
    public let strings: Strings
    /// Who is signed in: the "who" of every write, and the role whose rules every command follows.
    public let session: Session
    /// Today, for age bands in filters.
    let today: LocalDate
    /// The wall clock, for timestamps of saves and drafts only (never for "today" in the update).
    let now: () -> String
    /// The obligation rules in force (the executable reads the community's file or the shipped one).
    let rules: () throws -> ObligationRules

    /// The wall clock of sign-in and lock checks.
    let clock: () -> Date

    /// A roster longer than this is read this many ids at a time (see `RosterWindow`).
    let rosterWindow: Int

    /// Without `session`, everything runs for a coordinator named `actor` (a demo database, tests).
    public init(database: AppDatabase, strings: Strings, today: LocalDate, actor: String = "local", session: Session? = nil,
                now: @escaping () -> String = Runtime.timestamp, rules: @escaping () throws -> ObligationRules = { .fiveOnes },
                clock: @escaping () -> Date = Date.init, rosterWindow: Int = 300) {
        self.database = database; self.strings = strings; self.today = today; self.now = now
        self.session = session ?? Session(signedIn: .coordinator(actor))
        self.rules = rules; self.clock = clock
        self.rosterWindow = max(1, rosterWindow)
    }

    /// The name written as "who" in the history and the audit trail.
    var actor: String { principal.name }

    /// The semester's obligations, evaluated and labelled for the grid.
    func obligations(semesterID: String?) throws -> ObligationBoard {
        let id = try semesterID ?? database.currentSemester(today: today).id
        let input = try database.obligationInput(rules: try rules(), semesterID: id, today: today)
        let report = ObligationEngine.evaluate(input)
        var childIDs = Set<Int64>(), mentorIDs = Set<Int64>()
        for row in report.rows { childIDs.insert(row.childID); mentorIDs.insert(row.mentorID) }
        return visible(ObligationBoard.build(report, children: try database.obligationChildLabels(ids: Array(childIDs)),
                                             mentors: try database.obligationMentorLabels(ids: Array(mentorIDs)), today: today))
    }

    /// ISO 8601 in China Standard Time, e.g. `2026-11-23T10:22:05+08:00` (the form of every audit entry).
    public static func timestamp() -> String { AuditTime.stamp(Date()) }

    /// Lunar days and festivals for the weeks around a month, and its semester. (Wired to Scheduling's
    /// calendar in `CalendarFacts.swift`.)
    func monthFacts(year: Int, month: Int) throws -> MonthFacts {
        try CalendarFacts.month(year: year, month: month, database: database, strings: strings)
    }

    func file(_ id: Int64) throws -> ChildFile? {
        guard let child = try database.child(id: id), let version = try database.childVersion(id: id) else { return nil }
        var f = ChildFile(child: child, version: version, history: try database.history(childID: id),
                          growth: try database.growthRecords(childID: id), pairings: try database.pairings(childID: id),
                          contacts: try database.contacts(childID: id, limit: 50))
        f.coverage = try coverage(childID: id)
        return f
    }

    /// The child's own coverage of this semester's obligations (any of their mentors counts).
    func coverage(childID: Int64) throws -> [CoverageLine] {
        let semester = try database.currentSemester(today: today)
        let input = try database.obligationInput(rules: try rules(), semesterID: semester.id, childID: childID, today: today)
        let report = ObligationEngine.evaluate(input)
        return ObligationEngine.childCoverage(report, input).map { c in
            let rule = report.rules.rules[Int(c.rule)]
            return CoverageLine(nameZh: rule.nameZh, nameEn: rule.nameEn, period: report.periods[Int(c.rule)][Int(c.period)].id,
                                state: c.state, date: c.date)
        }
    }

    /// Saves a draft without stalling the keystroke: while another process writes (an import),
    /// it waits a moment only, and a draft that could not be written is left to the next keystroke,
    /// which writes the whole form again.
    func keepDraft(_ draft: Draft) throws {
        do {
            try database.saveDraft(draft, patience: 0.2)
        } catch where StorageFault(error) == .busy {
            return
        }
    }

    public func execute(_ command: Command) -> Msg {
        do {
            if let refused = try refusal(command) { return refused }
            switch command {
            case .signIn, .createCoordinator, .unlock, .lockSession, .recordReveal:
                return try executeSession(command)
            case .readDataVersion:
                return .dataVersionRead(try database.dataVersion())
            case .loadSummary:
                return .summaryLoaded(try database.rosterSummary(countingHouseholds: false))
            case .loadRosterIDs(let query):
                if let window = try database.rosterWindow(scoped(query), covering: 0..<0, limit: rosterWindow), window.count > rosterWindow {
                    return .rosterWindowLoaded(query, window, nil)
                }
                return .rosterIDsLoaded(query, ids: try database.rosterIDs(scoped(query), today: today))
            case let .loadRosterWindow(query, request):
                let window: RosterWindow?
                switch request {
                case .covering(let positions): window = try database.rosterWindow(scoped(query), covering: positions, limit: rosterWindow)
                case .around(let id): window = try database.rosterWindow(scoped(query), around: id, limit: rosterWindow)
                }
                guard let window else { return .rosterIDsLoaded(query, ids: try database.rosterIDs(scoped(query), today: today)) }
                return .rosterWindowLoaded(query, window, request)
            case .prepareSearch:
                try database.prepareSearch()
                return .none
            case .loadFilterOptions:
                return .filterOptionsLoaded(try database.filterOptions())
            case .loadRosterRows(let ids):
                return .rosterRowsLoaded(try database.rosterRows(ids: try database.reachable(children: ids, as: principal)))
            case .loadDetail(let id):
                var loaded = try file(id)
                if loaded != nil {
                    try database.recordAccess(.open, entityID: id, childID: id, actor: actor, timestamp: now())
                    if principal.isCoordinator {
                        let reads: Set<String> = [AuditAction.open.rawValue, AuditAction.reveal.rawValue, AuditAction.export.rawValue]
                        loaded?.access = Array(try database.auditEntries(childID: id, limit: 500)
                            .filter { reads.contains($0.action) }.reversed().prefix(30))
                    }
                }
                return .detailLoaded(id: id, file: loaded.map(visible))
            case .loadEditor(let id):
                return .editorLoaded(try file(id))
            case .loadDraft(let key):
                guard let draft = try database.draft(key: key) else { return .draftLoaded(nil, savedAt: "") }
                if draft.kind == "mentor-form",
                   let form = try? JSONDecoder().decode(MentorForm.self, from: Data(draft.payload.utf8)) {
                    return .mentorDraftLoaded(form.withFocusInBounds(), savedAt: draft.updatedAt)
                }
                if draft.kind == "contact-form",
                   let form = try? JSONDecoder().decode(ContactForm.self, from: Data(draft.payload.utf8)) {
                    return .contactDraftLoaded(form.withFocusInBounds(), savedAt: draft.updatedAt)
                }
                let form = try? JSONDecoder().decode(ChildForm.self, from: Data(draft.payload.utf8))
                if form == nil { try database.deleteDraft(key: key) } // unreadable (older format): drop it
                return .draftLoaded(form?.withFocusInBounds(), savedAt: draft.updatedAt)
            case let .saveMentorDraft(key, form):
                let payload = String(decoding: try JSONEncoder().encode(form), as: UTF8.self)
                try keepDraft(Draft(key: key, kind: "mentor-form", payload: payload, updatedAt: now()))
                return .none
            case let .saveContactDraft(key, form):
                let payload = String(decoding: try JSONEncoder().encode(form), as: UTF8.self)
                try keepDraft(Draft(key: key, kind: "contact-form", payload: payload, updatedAt: now()))
                return .none
            case .loadReport(let asked):
                let period = try database.reportPeriod(try asked ?? ReportPeriod(parsing: database.currentSemester(today: today).id)!)
                let figures = try database.reportFigures(period: period, rules: try rules(), today: today)
                let doc = ReportDocument.build(figures, english: strings.language == .en, text: { strings.text($0, $1) })
                return .reportLoaded(period, doc)
            case let .loadReportChildren(slice, period):
                return .reportChildrenLoaded(slice, ids: try database.reportChildren(slice, period: period))
            case .loadReportRows(let ids):
                return .reportRowsLoaded(try database.rosterRows(ids: ids))
            case .loadObligations(let id):
                return .obligationsLoaded(semesterID: id, try obligations(semesterID: id))
            case let .saveContact(contact, id, expectedVersion):
                if let id {
                    try database.updateContact(try keepingHiddenLetter(contact, id: id), id: id, expectedVersion: expectedVersion,
                                               today: today, actor: actor, timestamp: now())
                } else {
                    try database.addContact(contact, today: today, actor: actor, timestamp: now())
                }
                return .contactSaved(childID: contact.childID, mentorID: contact.mentorID)
            case let .loadPairingSpans(child, mentor):
                let spans = try database.pairings(childID: child).filter { $0.pairing.mentorID == mentor }
                    .map { PairingSpan(start: $0.pairing.start, end: $0.pairing.end) }
                return .pairingSpansLoaded(child: child, mentor: mentor, spans)
            case .loadContact(let id):
                return .contactLoaded(id: id, try database.contact(id: id).map(visible))
            case let .deleteContact(id, expectedVersion):
                guard let stored = try database.contact(id: id) else { return .failed(strings[.contactGone]) }
                let (child, mentor) = (stored.contact.childID, stored.contact.mentorID)
                do {
                    try database.deleteContact(id: id, expectedVersion: expectedVersion, actor: actor, timestamp: now())
                } catch is SaveConflict {
                    return .contactNotDeleted(childID: child, mentorID: mentor)
                }
                return .contactDeleted(childID: child, mentorID: mentor)
            case let .saveMentor(mentor, capacityGiven, id, expectedVersion):
                var m = mentor
                if !capacityGiven { m.capacity = try database.capacity(for: m.role) }
                if let id {
                    _ = try database.updateMentor(m, id: id, expectedVersion: expectedVersion, actor: actor, timestamp: now())
                    return .mentorSaved(id: id)
                }
                return .mentorSaved(id: try database.addMentor(m, actor: actor, timestamp: now()))
            case let .markMentorLeft(id, on):
                _ = try database.markMentorLeft(id: id, on: on, actor: actor, timestamp: now())
                return .mentorLeft(id: id)
            case let .saveActivity(activity, id, scope):
                if let id {
                    try database.updateActivity(activity, id: id, scope: scope, actor: actor, timestamp: now())
                } else {
                    _ = try database.addActivity(activity, actor: actor, timestamp: now())
                }
                return .activitySaved(date: activity.date)
            case let .addRecurringActivity(activity, rule, until):
                let end = try until ?? database.semester(id: Semester.standard(containing: activity.date).id).end
                _ = try database.addRecurringActivity(activity, rule: rule, until: end, actor: actor, timestamp: now())
                return .activitySaved(date: activity.date)
            case let .setSemester(id, from, to):
                _ = try database.setSemester(id: id, from: from, to: to, actor: actor, timestamp: now())
                return .semesterSaved
            case let .deleteActivity(id, date, scope):
                try database.deleteActivity(id: id, scope: scope, actor: actor, timestamp: now())
                return .activitySaved(date: date)
            case .loadAttendance(let id):
                return .attendanceLoaded(activityID: id, childIDs: try database.attendance(activityID: id))
            case .loadAttendanceCandidates(let query):
                let ids = try database.rosterIDs(search: query)
                return .attendanceCandidatesLoaded(query: query, children: try database.rosterRows(ids: Array(ids.prefix(200))))
            case let .saveAttendance(id, children, date):
                try database.setAttendance(activityID: id, childIDs: children, actor: actor, timestamp: now())
                return .attendanceSaved(date: date, count: children.count)
            case let .cancelActivity(id, date, scope):
                try database.cancelActivity(id: id, scope: scope, actor: actor, timestamp: now())
                return .activitySaved(date: date)
            case let .loadMonth(year, month):
                return .monthLoaded(try monthFacts(year: year, month: month))
            case .loadMentorVersion(let id):
                return .mentorVersionLoaded(id: id, version: try database.mentorVersion(id: id) ?? 0)
            case let .saveDraft(key, form):
                let payload = String(decoding: try JSONEncoder().encode(form), as: UTF8.self)
                try keepDraft(Draft(key: key, kind: "child-form", payload: payload, updatedAt: now()))
                return .none
            case .deleteDraft(let key):
                try database.deleteDraft(key: key)
                return .none
            case let .checkDuplicates(child, excluding):
                var sameID: Int64?
                if let id = child.idNumber, let found = try database.findChild(idNumber: id), found != excluding { sameID = found }
                let same = try child.birthDate.map { try database.findChildren(name: child.name, birthDate: $0, excluding: excluding) } ?? []
                return .duplicatesChecked(sameID: sameID, sameNameAndBirth: same.count)
            case .saveChild(let request):
                switch request {
                case let .new(child, household, guardian, source):
                    return .childSaved(try database.saveNewChild(child, household: household, guardian: guardian,
                                                                 actor: actor, source: source, timestamp: now()))
                case let .update(child, id, expectedVersion):
                    return .childSaved(try database.updateChild(child, id: id, expectedVersion: expectedVersion,
                                                                actor: actor, timestamp: now()))
                }
            case let .archive(id, reason, on):
                try database.archiveChild(id: id, reason: reason, on: on, actor: actor, timestamp: now())
                return .archived(id: id)
            case .loadMentorIDs(let q):
                return .mentorIDsLoaded(q, ids: reachableMentors(try database.mentorIDs(search: q.search, filter: q.filter)))
            case .loadMentorRows(let ids):
                return .mentorRowsLoaded(try database.mentorRows(ids: reachableMentors(ids)))
            case .loadMentorCounts:
                let c = try database.mentorCounts()
                return .mentorCountsLoaded(active: c.active, free: c.withFreeCapacity)
            case .loadMentorDetail(let id):
                return .mentorDetailLoaded(id: id, row: try database.mentorRows(ids: [id]).first,
                                           pairings: try database.pairings(mentorID: id), history: try database.mentorHistory(id: id),
                                           contacts: try database.contacts(mentorID: id, limit: 50).map(visible))
            case let .loadPairCandidates(child, role, query):
                if query.trimmingCharacters(in: .whitespaces).isEmpty {
                    let s = try database.suggestions(forChild: child, role: role, limit: 30)
                    return .pairCandidatesLoaded(query: query, role: role, candidates: s.map(\.mentor),
                                                 sameGrid: Set(s.filter(\.sameGrid).map(\.mentor.id)))
                }
                let ids = try database.mentorIDs(search: query, filter: MentorFilter(role: nil))
                return .pairCandidatesLoaded(query: query, role: role, candidates: try database.mentorRows(ids: Array(ids.prefix(50))),
                                             sameGrid: [])
            case let .loadChildCandidates(grid, query):
                let q = query.trimmingCharacters(in: .whitespaces)
                let filter = q.isEmpty ? RosterFilter(grid: grid, unpairedOnly: true) : RosterFilter()
                let ids = try database.rosterIDs(RosterQuery(search: q, filter: filter), today: today)
                return .childCandidatesLoaded(query: query, children: try database.rosterRows(ids: Array(ids.prefix(50))))
            case let .pair(child, mentor, role, start, overrideReason):
                _ = try database.pair(child: child, mentor: mentor, role: role, start: start, overrideReason: overrideReason,
                                      actor: actor, timestamp: now())
                return .paired(childID: child)
            case let .endPairing(id, on, reason):
                guard let row = try database.pairing(id: id) else { throw PairingError.unknownPairing }
                // The store keeps the end after the start; the day itself is the interface's to check.
                guard on <= today else { return .failed(strings.format(.pairingEndRefused, strings[.problemDateInFuture])) }
                try database.endPairing(id: id, on: on, reason: reason, actor: actor, timestamp: now())
                return .pairingEnded(childID: row.pairing.childID, mentorID: row.pairing.mentorID)
            case let .reassign(child, mentor, start, overrideReason):
                _ = try database.reassign(child: child, to: mentor, start: start, overrideReason: overrideReason,
                                          actor: actor, timestamp: now())
                return .paired(childID: child)
            case .restore(let id):
                try database.restoreChild(id: id, actor: actor, timestamp: now())
                return .archived(id: id)
            case let .addGrowthNote(id, on, note):
                try database.addGrowthRecord(childID: id, date: on, note: note, author: actor, timestamp: now())
                return .detailLoaded(id: id, file: try file(id).map(visible))
            }
        } catch is SaveConflict {
            return .saveConflict
        } catch let error as PairingError {
            return .pairingRefused(error)
        } catch let StorageError.refused(.semester(refusal)) {
            return .failed(strings.format(.semesterRefused, strings.describe(refusal)))
        } catch let error as ContactError {
            return .failed(strings.describe(error))
        } catch {
            // Another process writing (an import), a full disk, a read-only file, a rule of the store or
            // of the schema: one plain line in the user's language (never SQL), the form stays open
            // with everything typed.
            if let text = strings.explain(error) { return .failed(strings.format(.errorGeneric, text)) }
            return .failed(strings.unexpected(error))
        }
    }
}

/// The single-threaded program loop: input → update → commands → messages → … → view → draw.
public final class Program {
    public private(set) var state: AppState
    public let runtime: Runtime
    let backend: TerminalBackend
    let shouldStop: () -> Bool
    /// Seconds without a key after which the screen locks (nil: never).
    let idleLimit: Double?
    /// Seconds on a monotonic clock, for the idle lock.
    let clock: () -> Double

    public init(state: AppState, runtime: Runtime, backend: TerminalBackend, shouldStop: @escaping () -> Bool = { false },
                idleLimit: Double? = nil, clock: @escaping () -> Double = Program.monotonicSeconds) {
        self.state = state; self.runtime = runtime; self.backend = backend; self.shouldStop = shouldStop
        self.idleLimit = idleLimit; self.clock = clock
    }

    /// Seconds since an arbitrary start, never going back (the wall clock may).
    public static func monotonicSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    /// Locks the screen when no key came for `idleLimit` seconds. Returns whether it did.
    @discardableResult
    public func checkIdle(lastInput: Double) -> Bool {
        guard let idleLimit, state.lock == nil, state.signIn == nil, clock() - lastInput >= idleLimit else { return false }
        dispatch(.idle)
        return true
    }

    /// When the data version was last read (monotonic seconds).
    private var versionReadAt = -Double.infinity

    /// Reads the database's data version, at most once a second, and shows what another process
    /// saved (see `ExternalChanges`). Returns whether the screen may have changed.
    @discardableResult
    public func checkExternalChanges() -> Bool {
        guard state.lock == nil, state.signIn == nil, clock() - versionReadAt >= 1 else { return false }
        versionReadAt = clock()
        let before = state.dataVersion
        dispatch(runtime.execute(.readDataVersion))
        return before != nil && state.dataVersion != before
    }

    /// Feeds one message and every message its commands produce.
    public func dispatch(_ msg: Msg) {
        var queue = [msg]
        while !queue.isEmpty {
            let next = queue.removeFirst()
            for command in Update.update(&state, next) { queue.append(runtime.execute(command)) }
        }
    }

    /// Loads the first screen.
    public func start() {
        state.size = backend.size
        for command in Update.start(&state) { dispatch(runtime.execute(command)) }
    }

    /// Runs until the user quits or `shouldStop` says so (a signal arrived). With `exitWhenIdle`
    /// it also returns when the backend has no more events (for scripted tests).
    public func run(exitWhenIdle: Bool = false) {
        start()
        checkExternalChanges() // the version the first screen was read at
        var dirty = true
        var lastInput = clock()
        while state.running && !shouldStop() {
            if dirty {
                backend.draw(View.render(state))
                dirty = false
            }
            guard let event = backend.nextEvent(timeoutMilliseconds: 250) else {
                if exitWhenIdle { return }
                if checkIdle(lastInput: lastInput) || checkExternalChanges() { dirty = true }
                continue
            }
            lastInput = clock()
            switch event {
            case .key(let key): dispatch(.key(key))
            case .resize(let size): dispatch(.resized(size))
            case .hangup: return
            }
            dirty = true
        }
    }
}
