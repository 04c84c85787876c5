import App
import ArgumentParser
import CursesBackend
import Foundation
import Storage
import TerminalUI
import Domain

/// Wires the database, the strings and the curses backend into the program loop.
enum TUI {
    /// Refuses (one line, status 1) a locale that names another character set than UTF-8.
    static func checkLocale(_ strings: Strings, _ environment: [String: String]) throws {
        guard let name = Faults.nonUTF8Locale(environment) else { return }
        FileHandle.standardError.write(Data((strings.format(.errorGeneric, strings.format(.localeNotUTF8, name)) + "\n").utf8))
        throw ExitCode(1)
    }

    static func run(database: AppDatabase, strings: Strings, today: LocalDate, environment: [String: String],
                    sweep: Bool = false) throws {
        let useColor = environment["NO_COLOR"].map { $0.isEmpty } ?? true
        let backend = try CursesBackend.start(useColor: useColor)
        defer { backend.stop() }
        // Who is at the terminal, for the change history (accounts come later).
        let actor = environment["SHOUHU_ACTOR"] ?? environment["USER"] ?? environment["LOGNAME"] ?? "local"
        var state = AppState(size: backend.size, today: today, strings: strings, actor: actor)
        state.startInSweep = sweep
        let program = Program(state: state, runtime: Runtime(database: database, strings: strings, today: today, actor: actor,
                                                                        rules: { try ActiveRules.load(database).rules }), backend: backend,
                              shouldStop: { TerminalGuard.stopSignal != 0 })
        program.run()
        // Stopped by a signal (closed SSH session, kill): leave with the conventional 128 + signal
        // status, after the terminal was restored and the database left in its normal state.
        let signal = TerminalGuard.stopSignal
        if signal != 0 {
            backend.stop()
            throw ExitCode(128 + signal)
        }
    }
}
