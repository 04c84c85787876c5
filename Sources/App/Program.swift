import Domain
import Storage
import TerminalUI

/// Carries out commands against the database and turns the results into messages.
public struct Runtime {
    public let database: AppDatabase
    public let strings: Strings

    public init(database: AppDatabase, strings: Strings) { self.database = database; self.strings = strings }

    public func execute(_ command: Command) -> Msg {
        do {
            switch command {
            case .loadSummary:
                return .summaryLoaded(try database.rosterSummary())
            case .loadRosterIDs(let query):
                return .rosterIDsLoaded(query: query, ids: try database.rosterIDs(search: query))
            case .loadRosterRows(let ids):
                return .rosterRowsLoaded(try database.rosterRows(ids: ids))
            case .loadDetail(let id):
                return .detailLoaded(id: id, child: try database.child(id: id))
            }
        } catch {
            // Database errors name tables and constraints, never the values in them.
            return .failed(strings.format(.errorGeneric, "\(error)"))
        }
    }
}

/// The single-threaded program loop: input → update → commands → messages → … → view → draw.
public final class Program {
    public private(set) var state: AppState
    let runtime: Runtime
    let backend: TerminalBackend
    let shouldStop: () -> Bool

    public init(state: AppState, runtime: Runtime, backend: TerminalBackend, shouldStop: @escaping () -> Bool = { false }) {
        self.state = state; self.runtime = runtime; self.backend = backend; self.shouldStop = shouldStop
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
        var dirty = true
        while state.running && !shouldStop() {
            if dirty {
                backend.draw(View.render(state))
                dirty = false
            }
            guard let event = backend.nextEvent(timeoutMilliseconds: 250) else {
                if exitWhenIdle { return }
                continue
            }
            switch event {
            case .key(let key): dispatch(.key(key))
            case .resize(let size): dispatch(.resized(size))
            case .hangup: return
            }
            dirty = true
        }
    }
}
