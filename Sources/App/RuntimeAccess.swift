import Domain
import Storage

/// The role rules, applied to every command before it touches the database: a command the signed-in
/// account may not run is answered `.failed(accessDenied)` and does nothing, and queries are narrowed
/// to what the account may see (a mentor's own paired children). The screens hide the same things,
/// but nothing depends on that.
extension Runtime {
    /// Who the commands run for (a locked or signed-out session has no one: everything is refused).
    var principal: Principal { session.principal ?? Principal(name: "", role: .viewer, mentorID: -1) }

    /// The refusal for a command the session may not run now, or nil.
    func refusal(_ command: Command) throws -> Msg? {
        switch command {
        case .signIn, .createCoordinator, .unlock, .lockSession, .readDataVersion:
            return nil // .readDataVersion reads no record; a locked screen ignores what it says
        default:
            break
        }
        guard session.isOpen else { return denied }
        let p = principal
        switch command {
        case .readDataVersion:
            return nil // no record is read
        case .loadSummary, .loadRosterIDs, .loadRosterRows, .loadFilterOptions, .prepareSearch, .loadMonth, .loadMentorCounts,
             .loadObligations, .loadDraft, .saveDraft, .deleteDraft, .loadMentorIDs, .loadMentorRows, .loadRosterWindow:
            return nil // narrowed where they run
        case .loadDetail(let id):
            return try database.mayOpenFile(child: id, as: p) ? nil : denied
        case .recordReveal(let id):
            return try p.reveals && database.mayOpenFile(child: id, as: p) ? nil : denied
        case .loadMentorDetail(let id):
            if p.isCoordinator { return nil }
            return p.role == .mentor && p.mentorID == id ? nil : denied
        case .saveContactDraft:
            return p.recordsContacts ? nil : denied
        case .loadPairingSpans(let child, _):
            return try p.recordsContacts && database.mayOpenFile(child: child, as: p) ? nil : denied
        case .loadContact(let id), .deleteContact(let id, _):
            return try mayChange(contact: id, as: p) ? nil : denied
        case let .saveContact(contact, id, _):
            if p.isCoordinator { return nil }
            guard p.recordsContacts, p.mentorID == contact.mentorID,
                  try database.mayOpenFile(child: contact.childID, as: p) else { return denied }
            if let id {
                // A mentor corrects only a contact of their own.
                guard try mayChange(contact: id, as: p) else { return denied }
            }
            return nil
        case .loadEditor, .checkDuplicates, .saveChild, .archive, .restore, .addGrowthNote, .loadPairCandidates,
             .loadChildCandidates, .pair, .reassign, .endPairing, .saveMentor, .saveMentorDraft, .markMentorLeft, .loadMentorVersion,
             .saveActivity, .addRecurringActivity, .cancelActivity, .deleteActivity, .setSemester, .loadAttendance,
             .loadAttendanceCandidates, .saveAttendance:
            return p.edits ? nil : denied
        case .loadReport:
            return nil // aggregates: every role
        case .loadReportChildren, .loadReportRows:
            return p.isCoordinator ? nil : denied // the names behind a figure
        case .signIn, .createCoordinator, .unlock, .lockSession:
            return nil
        }
    }

    var denied: Msg { .failed(strings[.accessDenied]) }

    /// Whether this account may read a recorded contact to correct it, correct it or delete it: a
    /// coordinator any; a mentor their own (theirs as the mentor, with a child they may reach); a viewer none.
    func mayChange(contact id: Int64, as p: Principal) throws -> Bool {
        if p.isCoordinator { return true }
        guard p.recordsContacts, let mentor = p.mentorID, let stored = try database.contact(id: id),
              stored.contact.mentorID == mentor else { return false }
        return try database.mayOpenFile(child: stored.contact.childID, as: p)
    }

    /// A correction as it may be saved: a letter whose kept content this account may not read keeps its
    /// kind and content as stored (the form never had them).
    func keepingHiddenLetter(_ contact: Contact, id: Int64) throws -> Contact {
        let p = principal
        guard !p.isCoordinator, let stored = try database.contact(id: id), stored.contact.kind == .letter,
              stored.author != p.name else { return contact }
        var c = contact
        c.kind = .letter
        c.summary = stored.contact.summary
        return c
    }

    /// The roster query as this account may ask it: a mentor's is narrowed to their own paired children.
    func scoped(_ query: RosterQuery) -> RosterQuery {
        var q = query
        q.filter.mentorScope = principal.mentorScope
        return q
    }

    /// Mentor ids this account may list: all for a coordinator, their own for a mentor, none for a viewer.
    func reachableMentors(_ ids: [Int64]) -> [Int64] {
        switch principal.role {
        case .coordinator: return ids
        case .mentor: return ids.filter { $0 == principal.mentorID }
        case .viewer: return []
        }
    }

    /// A child's file as this account may see it: whole numbers for a coordinator only (the rest see them
    /// masked, so `v` has nothing more to show), and a letter's content for its author or a coordinator.
    func visible(_ file: ChildFile) -> ChildFile {
        let p = principal
        guard !p.isCoordinator else { return file }
        var f = file
        f.child.idNumber = f.child.idNumber.map(IDNumber.masked)
        if let phone = f.child.guardian?.phone { f.child.guardian?.phone = Phone.masked(phone) }
        f.child.father.phone = Phone.masked(f.child.father.phone)
        f.child.mother.phone = Phone.masked(f.child.mother.phone)
        f.pairings = f.pairings.map { var r = $0; r.mentorPhone = Phone.masked(r.mentorPhone); return r }
        f.contacts = f.contacts.map(visible)
        return f
    }

    /// A contact as this account may see it: a letter's kept content for its author or a coordinator only.
    func visible(_ row: ContactRow) -> ContactRow {
        let p = principal
        guard !p.isCoordinator, row.contact.kind == .letter, row.author != p.name else { return row }
        var r = row
        r.contact.summary = ""
        return r
    }

    /// The obligations grid as this account may see it: a mentor's own pairings; no addresses for a viewer.
    func visible(_ board: ObligationBoard) -> ObligationBoard {
        var b = board
        switch principal.role {
        case .coordinator: break
        case .mentor: b.lines = b.lines.filter { $0.mentorID == principal.mentorID }
        case .viewer: b.lines = b.lines.map { var l = $0; l.address = ""; return l }
        }
        return b
    }
}
