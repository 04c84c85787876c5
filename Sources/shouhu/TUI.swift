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
        let idle = try idleSeconds(database, environment, strings)
        // Who is at the terminal: on a demo database whoever the system says (nothing real to protect);
        // otherwise the account that signs in (or the first one, created now).
        let systemUser = environment["SHOUHU_ACTOR"] ?? environment["USER"] ?? environment["LOGNAME"] ?? "local"
        let isDemo = try database.setting(.isDemo) == "1"
        let hasUsers = try database.hasUsers()
        let backend = try CursesBackend.start(useColor: useColor)
        defer { backend.stop() }
        var state = AppState(size: backend.size, today: today, strings: strings, actor: systemUser)
        state.startInSweep = sweep
        let session: Session
        if isDemo {
            // The header says so: 演示 · 免登录 (demo, no sign-in).
            session = Session(signedIn: .coordinator(systemUser))
        } else {
            session = Session()
            // The first account may also name the community (a name stored already shows, to keep or change).
            state.signIn = hasUsers ? SignInForm(mode: .signIn)
                : SignInForm(mode: .firstAccount, community: try database.setting(.communityName) ?? "")
            state.accountsInUse = true
        }
        let runtime = Runtime(database: database, strings: strings, today: today, session: session,
                              rules: { try ActiveRules.load(database).rules })
        let program = Program(state: state, runtime: runtime, backend: backend, shouldStop: { TerminalGuard.stopSignal != 0 },
                              idleLimit: idle)
        program.run()
        // Stopped by a signal (closed SSH session, kill): leave with the conventional 128 + signal
        // status, after the terminal was restored and the database left in its normal state.
        let signal = TerminalGuard.stopSignal
        if signal != 0 {
            backend.stop()
            throw ExitCode(128 + signal)
        }
    }

    /// The idle lock's delay: `SHOUHU_IDLE_MINUTES`, else the database's `idle_minutes` setting, else 5
    /// minutes; 0 turns it off. Fractions are allowed (0.5 is thirty seconds). Both are read as
    /// `shouhu settings set idle-minutes` reads a value (`CommunitySetting.minutes`); one that does not
    /// read is refused before the screen starts, in one line of the user's language naming what to fix
    /// (the variable, or the settings command).
    static func idleSeconds(_ database: AppDatabase, _ environment: [String: String], _ strings: Strings) throws -> Double? {
        let (text, refusal): (String, StringKey)
        if let variable = environment["SHOUHU_IDLE_MINUTES"] {
            (text, refusal) = (variable, .tuiIdleEnvBad)
        } else if let stored = try database.setting(.idleMinutes) {
            (text, refusal) = (stored, .tuiIdleStoredBad)
        } else {
            return Double(CommunitySetting.idleDefault) * 60
        }
        let minutes: Double
        do throws(CommunitySetting.Problem) { minutes = try CommunitySetting.minutes(text) } catch {
            let line = strings.format(.errorGeneric, strings.format(refusal, InertText.make(text), strings.describe(error)))
            FileHandle.standardError.write(Data((line + "\n").utf8))
            throw ExitCode(1)
        }
        return minutes == 0 ? nil : minutes * 60
    }
}
