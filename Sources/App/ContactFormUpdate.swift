import Domain
import Storage
import TerminalUI

/// Opening, editing and saving the contact form.
enum ContactFormUpdate {
    /// From a cell of the obligations grid: child, mentor and kind filled in, dated today.
    /// The pair's pairing dates are read for the form's warning on a contact dated before they were paired.
    static func openFromGrid(_ state: inout AppState, line: ObligationLine, kind: ContactKind) -> [Command] {
        state.contactForm = ContactForm(anchor: .child(.init(id: line.childID, name: line.childName)),
                                        partners: [.init(id: line.mentorID, name: line.mentorName)], kind: kind, date: state.today)
        return [.loadPairingSpans(child: line.childID, mentor: line.mentorID)]
    }

    /// The dates a child and a mentor were paired, for the open contact form's partner.
    static func spansLoaded(_ state: inout AppState, child: Int64, mentor: Int64, spans: [PairingSpan]) -> [Command] {
        guard var form = state.contactForm else { return [] }
        for i in form.partners.indices {
            switch form.anchor {
            case .child(let a) where a.id == child && form.partners[i].id == mentor: form.partners[i].spans = spans
            case .mentor(let a) where a.id == mentor && form.partners[i].id == child: form.partners[i].spans = spans
            default: break
            }
        }
        state.contactForm = form
        return []
    }

    /// Every pairing span of `rows` between the same child and mentor as `pairing`.
    static func spans(_ rows: [PairingRow], child: Int64, mentor: Int64) -> [PairingSpan] {
        rows.filter { $0.pairing.childID == child && $0.pairing.mentorID == mentor }
            .map { PairingSpan(start: $0.pairing.start, end: $0.pairing.end) }
    }

    /// From a child's file: the partner is one of the child's active mentors (primary first).
    static func openFromChild(_ state: inout AppState) -> [Command] {
        guard let file = state.detail?.file, let id = state.detail?.childID else { return [] }
        let mentors = partners(of: file, for: state.principal)
        guard !mentors.isEmpty else {
            state.message = StatusMessage(state.strings[.contactNeedsPairing], isError: true)
            return []
        }
        state.contactForm = ContactForm(anchor: .child(.init(id: id, name: file.child.name)), partners: mentors, date: state.today)
        return []
    }

    /// From a mentor's file: the partner is one of the mentor's children with an active pairing.
    static func openFromMentor(_ state: inout AppState) -> [Command] {
        guard let detail = state.mentors.detail, let row = detail.row else { return [] }
        let children = partners(of: detail)
        guard !children.isEmpty else {
            state.message = StatusMessage(state.strings[.contactNeedsPairing], isError: true)
            return []
        }
        state.contactForm = ContactForm(anchor: .mentor(.init(id: row.id, name: row.name)), partners: children, date: state.today)
        return []
    }

    /// The mentors a contact in a child's file can be with: the child's active mentors, primary first; a
    /// mentor account records and corrects only as itself.
    static func partners(of file: ChildFile, for principal: Principal) -> [ContactForm.Party] {
        file.pairings.filter { $0.pairing.isActive && (principal.role != .mentor || $0.pairing.mentorID == principal.mentorID) }
            .sorted { ($0.pairing.role == .primary ? 0 : 1, $0.mentorName) < ($1.pairing.role == .primary ? 0 : 1, $1.mentorName) }
            .map { .init(id: $0.pairing.mentorID, name: $0.mentorName,
                         spans: spans(file.pairings, child: $0.pairing.childID, mentor: $0.pairing.mentorID)) }
    }

    /// The children a contact in a mentor's file can be with: those of the mentor's active pairings.
    static func partners(of detail: MentorDetailState) -> [ContactForm.Party] {
        detail.pairings.filter { $0.pairing.isActive }.sorted { $0.childName < $1.childName }
            .map { .init(id: $0.pairing.childID, name: $0.childName,
                         spans: spans(detail.pairings, child: $0.pairing.childID, mentor: $0.pairing.mentorID)) }
    }

    static func key(_ state: inout AppState, _ key: Key) -> [Command] {
        // The partner is a choice among ids the form carries: ← → cycle it here.
        if var form = state.contactForm, form.focusedField == .partner, form.partners.count > 1,
           let action = Keymap.action(for: key, in: [.form], textEntry: true), action == .cursorLeft || action == .cursorRight {
            let i = form.partners.firstIndex { String($0.id) == form.value(.partner) } ?? 0
            let next = (i + (action == .cursorLeft ? -1 : 1) + form.partners.count) % form.partners.count
            form.values[.partner] = TextField(String(form.partners[next].id))
            form.dirty = true
            state.contactForm = form
            return [.saveContactDraft(key: state.draftKey, form: form)]
        }
        let today = state.today
        let draftKey = state.draftKey
        return SimpleForm.key(&state, key, \.contactForm, issues: { $0.issues(today: today) }, save: { form in
            guard let contact = form.contact() else { return [] }
            return [.saveContact(contact, id: form.editing, expectedVersion: form.version)]
        }, draft: { .saveContactDraft(key: draftKey, form: $0) })
    }

    /// After a save: close the form, drop the draft, refresh what shows the contact.
    static func saved(_ state: inout AppState, childID: Int64, mentorID: Int64) -> [Command] {
        // Saved through a warning (before the pairing began): said again, so the count that stays owed is no surprise.
        let warning = state.contactForm.flatMap { $0.issues(today: state.today)[.date] }.flatMap { $0.isBlocking ? nil : $0 }
        state.contactForm = nil
        state.message = StatusMessage(warning.map { state.strings.format(.contactSavedNotCounted, state.strings.describe($0)) }
                                      ?? state.strings[.contactSavedMessage])
        return [.deleteDraft(key: state.draftKey)] + ContactEditing.refresh(state, childID: childID, mentorID: mentorID)
    }

    static func render(_ state: AppState, into buffer: inout Buffer, area: Rect) {
        guard let form = state.contactForm else { return }
        let s = state.strings
        let title = s.format(form.editing == nil ? .contactFormTitle : .contactFormEditTitle, form.childName, form.mentorName)
        let isLetter = form.value(.kind) == ContactKind.letter.rawValue
        var rows: [FormView.FormRow<ContactField>] = form.order.map { .field($0) }
        if form.letterHidden == true, let i = rows.firstIndex(of: .field(.date)) {
            rows.insert(.section(s[.contactLetterKept]), at: i + 1)
        }
        FormView.draw(form, title: title, rows: rows,
                      label: { f in
                          if f == .summary, isLetter { return s[.contactLetterContent] }
                          return s.label("ctf", f)
                      },
                      display: { f in
                          if f == .partner { return form.partner?.name ?? "" }
                          if f == .kind { return ContactKind(rawValue: form.value(.kind)).map { s.label("ckind", $0) } ?? "" }
                          if ContactForm.kind(f) == .yesNo { return form.value(f) == "1" ? s[.yes] : s[.no] }
                          return form.values[f]?.text ?? ""
                      },
                      issues: form.issues(today: state.today), state: state, into: &buffer, area: area)
    }
}
