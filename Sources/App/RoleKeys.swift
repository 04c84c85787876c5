import Domain

/// What each role is offered on screen (the keys it may use; the status bar shows no other). The
/// runtime applies the same rules to the commands, so a key let through here by mistake still does nothing.
extension AppState {
    /// Actions that change records: a coordinator's only.
    static let editingActions: Set<Action> = [.add, .sweep, .edit, .archive, .note, .pair, .markLeft, .endPairing, .attendance,
                                              .deleteActivity, .editSemester]
    /// Actions a viewer may not use besides those: files, contacts (recording, correcting, deleting), the
    /// mentor registry. A mentor may correct and delete only their own contacts (`ContactEditing.mayChange`).
    static let fileActions: Set<Action> = [.open, .recordContact, .showMentors, .editContact, .deleteContact]

    public func allows(_ action: Action) -> Bool {
        switch principal.role {
        case .coordinator: return true
        case .mentor: return !Self.editingActions.contains(action) && action != .reveal
        case .viewer: return !Self.editingActions.contains(action) && !Self.fileActions.contains(action) && action != .reveal
        }
    }
}
