import Storage

/// A long roster read a window at a time (see `PagedList` and `RosterWindow`), with the same
/// behaviour as a list whose ids are all loaded: a new or reloaded list keeps the selected child
/// selected wherever it now is, scrolling reads the ids it shows, and a window read after the data
/// changed (another save, another process) is taken as a reload.
enum RosterWindowing {
    static func loaded(_ state: inout AppState, _ query: RosterQuery, _ window: RosterWindow,
                       _ request: RosterWindowRequest?) -> [Command] {
        guard query == state.roster.rosterQuery else { return [] } // a reply to an older keystroke
        let page = state.rosterPageSize
        var list = state.roster.list
        let sameList = state.roster.loadedQuery == query && state.roster.windowGeneration == window.generation
            && list.count == window.count
        var extended = false
        switch request {
        case .covering?:
            if sameList {
                list.extend(offset: window.offset, ids: window.ids)
                extended = true
            } else {
                // The data changed since the list was read: stay at the same position (the end
                // stays the end), rows read afresh.
                let atEnd = list.cursor == list.count - 1
                list.replace(offset: window.offset, ids: window.ids, count: window.count,
                             selecting: atEnd ? window.count - 1 : min(list.cursor, max(0, window.count - 1)), pageSize: page)
            }
        case .around?:
            list.replace(offset: window.offset, ids: window.ids, count: window.count, selecting: window.located, pageSize: page)
        case nil:
            // A new list, or the same read again after a change: keep the selected child selected,
            // wherever it now is, as `setIDs` does.
            let previous = list.selectedID
            if let previous, !window.ids.contains(previous) { return [.loadRosterWindow(query, .around(previous))] }
            let at = previous.flatMap { id in window.ids.firstIndex(of: id).map { window.offset + $0 } }
            list.replace(offset: window.offset, ids: window.ids, count: window.count, selecting: at, pageSize: page)
        }
        state.roster.list = list
        state.roster.loadedQuery = query
        state.roster.windowGeneration = window.generation
        // A window read for scrolling that still does not cover the screen is not asked for again.
        return Update.windowCommands(state, readingWindows: !extended)
    }
}
