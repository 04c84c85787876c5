/// What other people saved, shown without a key: two coordinators over SSH on one database, an
/// import or a restore run from the shell while the program is open. While no key comes the program
/// loop reads SQLite's data version about once a second (`Command.readDataVersion`; it moves only
/// when another process commits). When it moved, the header counts and what is on screen are read
/// again — lists keep their selected record wherever it now is — and what other screens keep from
/// earlier is dropped, so they read afresh when shown. Open forms are left alone: a save of a record
/// someone else changed meanwhile is caught by its version, as always.
enum ExternalChanges {
    static func versionRead(_ state: inout AppState, _ version: Int64) -> [Command] {
        let previous = state.dataVersion
        state.dataVersion = version
        guard let previous, previous != version, state.signIn == nil, state.lock == nil else { return [] }
        return reload(&state)
    }

    static func reload(_ state: inout AppState) -> [Command] {
        var commands: [Command] = [.loadSummary, .loadRosterIDs(state.roster.rosterQuery)]
        if let detail = state.detail { commands.append(.loadDetail(detail.childID)) }
        if state.screen == .mentors {
            commands += [.loadMentorIDs(state.mentors.mentorQuery), .loadMentorCounts]
            if let detail = state.mentors.detail { commands.append(.loadMentorDetail(detail.mentorID)) }
        } else {
            state.mentors.loadedQuery = nil // read again when shown
        }
        if state.screen == .calendar {
            commands.append(.loadMonth(year: state.calendar.year, month: state.calendar.month))
        } else {
            state.calendar.facts = nil
        }
        // The obligations and reports screens read afresh each time they are shown.
        if state.screen == .obligations, !state.obligations.loading {
            state.obligations.loading = true
            commands.append(.loadObligations(semesterID: state.obligations.semesterID))
        }
        if state.screen == .reports, !state.reports.loading, state.reports.drill == nil {
            state.reports.loading = true
            commands.append(.loadReport(state.reports.period))
        }
        return commands
    }
}
