import Domain
import Storage
import TerminalUI

/// A recorded contact asked for with `E` (correct) or `D` (delete), waiting for `.contactLoaded`.
/// The anchor and partners are those of the place it was asked from, for the form.
public struct ContactTarget: Equatable, Sendable {
    public enum Purpose: Equatable, Sendable {
        case edit
        case delete
        /// Read it again into the open correction (after a conflict, `r`).
        case reload
    }

    public var id: Int64
    public var purpose: Purpose
    public var anchor: ContactForm.Anchor
    public var partners: [ContactForm.Party]
}

/// Choosing, correcting and deleting recorded contacts: in a child's file and a mentor's file (Tab
/// chooses one of the contact log, `E` corrects it, `D` deletes it) and on a ✓ cell of the obligations
/// grid. The contact is read fresh before the form or the question shows; the runtime refuses a
/// mentor's request for someone else's contact, and the screen says so before asking.
enum ContactEditing {
    // MARK: Choosing in a file

    /// Tab / Shift-Tab: the next or previous contact of the file in front, scrolled into view.
    static func select(_ state: inout AppState, step: Int) -> [Command] {
        if state.screen == .mentors, var d = state.mentors.detail {
            guard !d.contacts.isEmpty else { return [] }
            d.contactCursor = moved(d.contactCursor, step, count: d.contacts.count)
            state.mentors.detail = d
            let lines = MentorsView.detailLines(state)
            let scroll = scrolled(d.scroll, lines, page: state.detailPageSize)
            state.mentors.detail?.scroll = scroll
            return []
        }
        guard var d = state.detail, let contacts = d.file?.contacts, !contacts.isEmpty else { return [] }
        d.contactCursor = moved(d.contactCursor, step, count: contacts.count)
        state.detail = d
        let scroll = scrolled(d.scroll, DetailView.lines(state), page: state.detailPageSize)
        state.detail?.scroll = scroll
        return []
    }

    static func moved(_ cursor: Int?, _ step: Int, count: Int) -> Int {
        guard let cursor else { return step > 0 ? 0 : count - 1 }
        return ((cursor + step) % count + count) % count
    }

    /// The scroll that shows the chosen contact's line.
    static func scrolled(_ scroll: Int, _ lines: [DetailView.Line], page: Int) -> Int {
        guard let i = lines.firstIndex(where: { if case .contact(_, _, true) = $0 { return true } else { return false } }) else {
            return scroll
        }
        var s = scroll
        if i < s { s = i }
        if i >= s + page { s = i - page + 1 }
        return max(0, min(s, max(0, lines.count - page)))
    }

    /// Clamps a file's chosen contact after its log was read again (one may have gone).
    static func clamped(_ cursor: Int?, count: Int) -> Int? {
        guard let cursor, count > 0 else { return nil }
        return min(cursor, count - 1)
    }

    // MARK: Asking for one

    /// `E` or `D` in a file: the chosen contact (the newest when none is chosen yet).
    static func request(_ state: inout AppState, _ purpose: ContactTarget.Purpose) -> [Command] {
        let row: ContactRow
        let anchor: ContactForm.Anchor
        let partners: [ContactForm.Party]
        if state.screen == .mentors, let d = state.mentors.detail, let m = d.row {
            guard !d.contacts.isEmpty else { return none(&state) }
            let i = clamped(d.contactCursor ?? 0, count: d.contacts.count) ?? 0
            state.mentors.detail?.contactCursor = i
            row = d.contacts[i]
            anchor = .mentor(.init(id: m.id, name: m.name))
            partners = ContactFormUpdate.partners(of: d)
        } else if let d = state.detail, let file = d.file {
            guard !file.contacts.isEmpty else { return none(&state) }
            let i = clamped(d.contactCursor ?? 0, count: file.contacts.count) ?? 0
            state.detail?.contactCursor = i
            row = file.contacts[i]
            anchor = .child(.init(id: d.childID, name: file.child.name))
            partners = ContactFormUpdate.partners(of: file, for: state.principal)
        } else {
            return []
        }
        guard mayChange(row.contact.mentorID, state) else { return notYours(&state) }
        guard let id = row.contact.id else { return [] }
        state.contactTarget = ContactTarget(id: id, purpose: purpose, anchor: anchor, partners: partners)
        return [.loadContact(id: id)]
    }

    /// `E` or `D` on the obligations grid: the contact that made the focused cell ✓ (today's period,
    /// else the latest one done).
    static func requestFromGrid(_ state: inout AppState, _ purpose: ContactTarget.Purpose) -> [Command] {
        let o = state.obligations
        guard let line = o.selectedLine, let board = o.board, board.rules.indices.contains(o.column) else { return [] }
        guard let id = line.cells[o.column]?.doneContactID else {
            state.message = StatusMessage(state.strings[.contactCellNone], isError: true)
            return []
        }
        guard mayChange(line.mentorID, state) else { return notYours(&state) }
        state.contactTarget = ContactTarget(id: id, purpose: purpose, anchor: .child(.init(id: line.childID, name: line.childName)),
                                            partners: [.init(id: line.mentorID, name: line.mentorName)])
        return [.loadContact(id: id)]
    }

    /// A mentor corrects and deletes only their own contacts; a coordinator any (a viewer reaches none:
    /// the key is refused before this).
    static func mayChange(_ mentorID: Int64, _ state: AppState) -> Bool {
        switch state.principal.role {
        case .coordinator: return true
        case .mentor: return state.principal.mentorID == mentorID
        case .viewer: return false
        }
    }

    static func notYours(_ state: inout AppState) -> [Command] {
        state.message = StatusMessage(state.strings[.contactNotYours], isError: true)
        return []
    }

    static func none(_ state: inout AppState) -> [Command] {
        state.message = StatusMessage(state.strings[.contactNone], isError: true)
        return []
    }

    /// A letter whose kept content this account may not read (未成年人保护法 art. 63): its correction
    /// leaves kind and content alone.
    static func letterHidden(_ row: ContactRow, _ state: AppState) -> Bool {
        row.contact.kind == .letter && !state.isCoordinator && row.author != state.actor
    }

    // MARK: Results

    static func loaded(_ state: inout AppState, id: Int64, row: ContactRow?) -> [Command] {
        guard let target = state.contactTarget, target.id == id else { return [] }
        state.contactTarget = nil
        guard let row else {
            state.message = StatusMessage(state.strings[.contactGone], isError: true)
            return refresh(state, childID: nil, mentorID: nil)
        }
        guard mayChange(row.contact.mentorID, state) else { return notYours(&state) }
        let form = ContactForm.editing(row, anchor: target.anchor, partners: target.partners, letterHidden: letterHidden(row, state))
        switch target.purpose {
        case .edit:
            state.contactForm = form
            return []
        case .delete:
            let partner: String
            if case .mentor = target.anchor { partner = row.childName } else { partner = row.mentorName }
            state.prompt = .deleteContact(row, partner: partner)
            return []
        case .reload:
            guard state.contactForm?.editing == id else { return [] }
            state.contactForm = form
            state.message = StatusMessage(state.strings[.contactReloaded])
            return [.deleteDraft(key: state.draftKey)]
        }
    }

    /// Answers to the delete question and to a conflict while correcting.
    static func answer(_ state: inout AppState, _ key: Key) -> [Command] {
        guard let prompt = state.prompt else { return [] }
        if prompt == .contactConflict, key == .char("r") || key == .char("R"), let form = state.contactForm, let id = form.editing {
            // Theirs: the contact as saved now, with its version; the draft of mine goes.
            state.prompt = nil
            state.contactTarget = ContactTarget(id: id, purpose: .reload, anchor: form.anchor, partners: form.partners)
            return [.loadContact(id: id)]
        }
        guard let action = Keymap.action(for: key, in: [.prompt]) else { return [] }
        state.prompt = nil
        guard action == .yes else { return [] }
        switch prompt {
        case .deleteContact(let row, _):
            guard let id = row.contact.id else { return [] }
            return [.deleteContact(id: id, expectedVersion: row.version)]
        case .contactConflict:
            // Mine over theirs: their change stays in the contact's history.
            guard let form = state.contactForm, let id = form.editing, let contact = form.contact() else { return [] }
            return [.saveContact(contact, id: id, expectedVersion: nil)]
        default:
            return []
        }
    }

    static func deleted(_ state: inout AppState, childID: Int64, mentorID: Int64) -> [Command] {
        state.message = StatusMessage(state.strings[.contactDeletedMessage])
        return refresh(state, childID: childID, mentorID: mentorID)
    }

    static func notDeleted(_ state: inout AppState, childID: Int64, mentorID: Int64) -> [Command] {
        state.message = StatusMessage(state.strings[.contactChangedNotDeleted], isError: true)
        return refresh(state, childID: childID, mentorID: mentorID)
    }

    /// Reads again what shows a contact of this child or mentor (nil: any): the grid and its counts,
    /// the open files, the mentors list (its last-contact column).
    static func refresh(_ state: AppState, childID: Int64?, mentorID: Int64?) -> [Command] {
        var reload: [Command] = []
        if state.obligations.board != nil { reload.append(.loadObligations(semesterID: state.obligations.semesterID)) }
        if let id = state.detail?.childID, childID == nil || childID == id { reload.append(.loadDetail(id)) }
        if let id = state.mentors.detail?.mentorID, mentorID == nil || mentorID == id { reload.append(.loadMentorDetail(id)) }
        if state.mentors.loadedQuery != nil { reload.append(.loadMentorIDs(state.mentors.mentorQuery)) }
        return reload
    }
}
