import Domain
import Foundation
import Storage
import TestSupport
import XCTest

/// The base of the end-to-end tests: the real `shouhu` binary, a fresh directory per test (the
/// database and `XDG_DATA_HOME` live in it), and, for the terminal tests, a private tmux server.
///
/// Every spawned `shouhu` runs with a clean environment (`env -i`): no user settings leak in,
/// `SWIFT_BACKTRACE=enable=no` (a crash never waits for a key) and `SHOUHU_TODAY` pinned.
class EndToEndTestCase: XCTestCase {
    static let today = "2026-11-23"
    static var todayDate: LocalDate { LocalDate(parsing: today)! }

    /// A fresh directory, removed after the test.
    var workDir: URL!
    /// The tmux session, once `startTUI` ran.
    var tmux: TmuxSession?
    /// The `shouhu` executable under test.
    var binary: URL!

    enum E2EError: Error { case timeout(String) }

    override func setUpWithError() throws {
        try super.setUpWithError()
        continueAfterFailure = false
        let products = Bundle(for: EndToEndTestCase.self).bundleURL.deletingLastPathComponent()
        // On Linux the .xctest sits in .build/debug; on macOS it is a bundle beside the binary as well.
        let candidates = [products.appendingPathComponent("shouhu"),
                          Bundle(for: EndToEndTestCase.self).bundleURL.appendingPathComponent("shouhu")]
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            XCTFail("shouhu binary not found (looked at \(candidates.map(\.path))); run `swift build` first")
            return
        }
        binary = found
        workDir = FileManager.default.temporaryDirectory.appendingPathComponent("shouhu-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: workDir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        tmux?.killServer()
        tmux = nil
        if let workDir {
            // A shouhu that outlived its pane (it should not) is ended here, by its own pid.
            for pid in shouhuPIDs(matching: workDir.path) { kill(pid, SIGKILL) }
            try? FileManager.default.removeItem(at: workDir)
        }
        try super.tearDownWithError()
    }

    // MARK: Paths and environment

    func path(_ name: String) -> String { workDir.appendingPathComponent(name).path }

    /// The environment every spawned shouhu gets (`nil` values are left out).
    func shouhuEnvironment(_ overrides: [String: String?] = [:]) -> [String: String] {
        var env: [String: String?] = [
            "HOME": workDir.path,
            "PATH": "/usr/bin:/bin",
            "LANG": "C.UTF-8",
            "XDG_DATA_HOME": workDir.path,
            "SWIFT_BACKTRACE": "enable=no",
            "SHOUHU_TODAY": Self.today,
        ]
        for (k, v) in overrides { env[k] = v }
        return env.compactMapValues { $0 }
    }

    /// Runs `shouhu` directly (not in a terminal).
    func runShouhu(_ args: [String], env: [String: String?] = [:], timeout: Double = 60) throws -> ProcessRunner.Result {
        try ProcessRunner.run(executable: binary.path, arguments: args, environment: shouhuEnvironment(env), timeout: timeout)
    }

    /// Creates a demo database with `shouhu demo` and returns its path.
    func makeDemoDatabase(children: Int = 300, seed: UInt64 = 2026, name: String = "roster.sqlite") throws -> String {
        let db = path(name)
        let r = try runShouhu(["demo", "--db", db, "--children", String(children), "--seed", String(seed)])
        XCTAssertEqual(r.status, 0, "shouhu demo failed: \(r.stderr)")
        return db
    }

    /// Opens the database in this process, runs `body`, and closes it again (so the file has no
    /// other connection while shouhu runs or after it exits).
    func withDatabase<T>(_ path: String, _ body: (AppDatabase) throws -> T) throws -> T {
        let db = try AppDatabase.open(path: path)
        return try body(db)
    }

    // MARK: The terminal

    /// Starts shouhu in a fresh tmux session. After shouhu exits the pane prints `EXIT=<status>`
    /// and stays open, so the test can read the status and anything printed.
    ///
    /// On a database that is not a demo database the program asks for a sign-in first: unless `signIn`
    /// is false, the test coordinator (named `SHOUHU_ACTOR`, else `e2e-coordinator`) is added when
    /// missing and signs in on the screen, so the test starts where it would have without accounts.
    func startTUI(_ args: [String], env: [String: String?] = [:], width: Int = 100, height: Int = 30,
                  signIn: Bool = true) throws {
        let account = signIn ? try coordinatorAccount(args, env) : nil
        guard let tmuxPath = TmuxSession.locate() else { throw XCTSkip("tmux is not installed") }
        let session = TmuxSession(tmuxPath: tmuxPath)
        tmux = session
        // TERM is the pane's own (tmux sets it) unless the test overrides it.
        var words = ["env", "-i", "TERM=\"$TERM\""]
        for (k, v) in shouhuEnvironment(env).sorted(by: { $0.key < $1.key }) {
            words.append(k + "=" + shellQuote(v))
        }
        words.append(shellQuote(binary.path))
        words += args.map(shellQuote)
        let command = words.joined(separator: " ") + "; echo EXIT=$?; sleep 60"
        try session.start(command: command, width: width, height: height)
        if let account { try signInOnScreen(account, password: Self.coordinatorPassword) }
    }

    static let coordinatorPassword = "e2e-password-1"

    /// The coordinator that signs in for a test on a real (non-demo) database, added when missing.
    func coordinatorAccount(_ args: [String], _ env: [String: String?]) throws -> String? {
        guard !args.contains("--demo"), let i = args.firstIndex(of: "--db"), i + 1 < args.count else { return nil }
        let name = (env["SHOUHU_ACTOR"] ?? nil) ?? "e2e-coordinator"
        return try withDatabase(args[i + 1]) { db -> String? in
            if try db.setting(.isDemo) == "1" { return nil }
            if try db.user(named: name) == nil {
                try db.addUser(name: name, role: .coordinator, password: Self.coordinatorPassword, now: Date(), rounds: 1_000)
            }
            return name
        }
    }

    /// Types a name and password into the sign-in screen and waits for it to go.
    func signInOnScreen(_ name: String, password: String) throws {
        let titles = [Catalog.zh.text("sign_in.title"), Catalog.en.text("sign_in.title")]
        try waitFor("the sign-in screen") { s in titles.contains { s.contains($0) } }
        try type(name)
        try send("Tab")
        try type(password)
        try send("Enter")
        // The tabs are drawn again once someone is signed in (never on the sign-in screen).
        let tabs = [Catalog.zh.text("tab.roster"), Catalog.en.text("tab.roster")]
        try waitFor("the sign-in screen gone") { s in tabs.contains { s.contains(" 1 " + $0) } }
    }

    var session: TmuxSession {
        get throws {
            guard let tmux else { throw TmuxSession.Failure(description: "no tmux session; call startTUI first") }
            return tmux
        }
    }

    func send(_ keys: String...) throws {
        let s = try session
        try s.run(["send-keys", "-t", s.target] + keys)
    }

    func type(_ text: String) throws { try session.type(text) }

    func capture() throws -> String { try session.capture() }

    /// Polls the pane (every 50 ms, up to `timeout`) until `predicate` holds on two consecutive,
    /// identical captures (so a half-drawn screen is never judged), and returns that screen.
    /// On timeout the test fails with the last screen in the message.
    @discardableResult
    func waitFor(_ what: String, timeout: Double = 10, file: StaticString = #filePath, line: UInt = #line,
                 _ predicate: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        var matched: String?
        while true {
            let screen = try capture()
            if predicate(screen) {
                if screen == matched { return screen }
                matched = screen
            } else {
                matched = nil
            }
            last = screen
            if Date() > deadline {
                XCTFail("timed out after \(timeout) s waiting for \(what); last screen:\n\(last)", file: file, line: line)
                throw E2EError.timeout(what)
            }
            usleep(50_000)
        }
    }

    /// Waits until the pane shows `text`.
    @discardableResult
    func waitFor(_ text: String, timeout: Double = 10, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        try waitFor("“\(text)”", timeout: timeout, file: file, line: line) { $0.contains(text) }
    }

    /// Waits for shouhu to exit and returns its status (from the `EXIT=` line).
    func waitForExit(timeout: Double = 10, file: StaticString = #filePath, line: UInt = #line) throws -> Int {
        let screen = try waitFor("EXIT=", timeout: timeout, file: file, line: line) { $0.contains("EXIT=") }
        let line = screen.split(separator: "\n").first { $0.hasPrefix("EXIT=") }.map(String.init) ?? ""
        return Int(line.dropFirst("EXIT=".count)) ?? -1
    }

    // MARK: Processes

    /// Pids of running `shouhu` processes whose command line mentions `fragment` (`pgrep -f`,
    /// keeping only processes whose executable name is shouhu: the tmux server and the pane's shell
    /// carry the same words in their command lines).
    func shouhuPIDs(matching fragment: String) -> [pid_t] {
        guard let r = try? ProcessRunner.run(executable: "/usr/bin/pgrep", arguments: ["-f", fragment],
                                             environment: ["PATH": "/usr/bin:/bin"], timeout: 10) else { return [] }
        return r.stdout.split(separator: "\n").compactMap { pid_t($0.trimmingCharacters(in: .whitespaces)) }.filter { pid in
            let comm = (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8)) ?? ""
            return comm.trimmingCharacters(in: .whitespacesAndNewlines) == "shouhu"
        }
    }
}

// MARK: Reading the roster screen

/// What the roster screen shows, read from the captured text (`c` is the catalog of the language on screen).
enum RosterScreen {
    /// The names of the table rows (first column), in order: the rows right below the header row
    /// that starts with the name column's title, up to the first blank or indented line.
    static func names(_ screen: String, _ c: [String: String] = Catalog.zh) -> [String] {
        rows(screen, c).map { String($0.split(separator: " ")[0]) }
    }

    /// The table rows (whole lines) below the header row.
    static func rows(_ screen: String, _ c: [String: String] = Catalog.zh) -> [String] {
        let lines = screen.components(separatedBy: "\n")
        let nameHeader = c.text("col.name")
        guard let header = lines.firstIndex(where: { $0.hasPrefix(nameHeader) }) else { return [] }
        var rows: [String] = []
        for line in lines[(header + 1)...] {
            guard let first = line.first, first != " " else { break }
            rows.append(line)
        }
        return rows
    }

    /// The table's header row.
    static func headerRow(_ screen: String, _ c: [String: String] = Catalog.zh) -> String? {
        screen.components(separatedBy: "\n").first { $0.hasPrefix(c.text("col.name")) }
    }

    /// The search line (`搜索： 王▏  5 名`), if shown.
    static func searchLine(_ screen: String, _ c: [String: String] = Catalog.zh) -> String? {
        let prompt = c.text("search.prompt")
        return screen.components(separatedBy: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix(prompt) }
    }

    /// The text typed into the search field, as shown between the prompt and the count.
    static func query(_ screen: String, _ c: [String: String] = Catalog.zh) -> String? {
        guard let line = searchLine(screen, c) else { return nil }
        var rest = line.trimmingCharacters(in: .whitespaces).dropFirst(c.text("search.prompt").count)
        rest = rest.drop { $0 == " " }
        return String(rest.prefix { $0 != " " && $0 != "▏" })
    }

    /// Whether the search field has the text cursor (search mode).
    static func isSearching(_ screen: String, _ c: [String: String] = Catalog.zh) -> Bool {
        searchLine(screen, c)?.contains("▏") == true
    }

    /// The result count of the search line (`5 名` / `5 found`).
    static func resultCount(_ screen: String, _ c: [String: String] = Catalog.zh) -> Int? {
        guard let line = searchLine(screen, c) else { return nil }
        let parts = c.text("search.results").components(separatedBy: "{0}")
        let pattern = parts.map(NSRegularExpression.escapedPattern(for:)).joined(separator: "(\\d+)")
        guard let regex = try? NSRegularExpression(pattern: pattern),
              let m = regex.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)),
              let r = Range(m.range(at: 1), in: line) else { return nil }
        return Int(line[r])
    }

    static func line(_ screen: String, containing text: String) -> String? {
        screen.components(separatedBy: "\n").first { $0.contains(text) }
    }

    /// The SGR parameters of every escape sequence in a `capture-pane -e` capture.
    static func sgrParameters(_ screen: String) -> [Int] {
        var out: [Int] = []
        var rest = Substring(screen)
        while let start = rest.range(of: "\u{1B}[") {
            rest = rest[start.upperBound...]
            guard let m = rest.firstIndex(where: { !($0.isNumber || $0 == ";" || $0 == ":") }) else { break }
            if rest[m] == "m" {
                out += rest[..<m].split(whereSeparator: { $0 == ";" || $0 == ":" }).compactMap { Int($0) }
            }
            rest = rest[m...]
        }
        return out
    }

    /// Whether SGR parameters set a foreground or background color.
    static func hasColor(_ params: [Int]) -> Bool {
        params.contains { (30...38).contains($0) || (40...48).contains($0) || (90...97).contains($0) || (100...107).contains($0) }
    }
}

// MARK: The string catalogs

/// The app's string catalogs (`Resources/i18n/*.json`), read from the source tree so the tests follow
/// wording changes while still checking that the right language and the right text is on screen.
enum Catalog {
    static let zh = load("zh-Hans")
    static let en = load("en")

    static func load(_ language: String) -> [String: String] {
        let root = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let url = root.appendingPathComponent("Resources/i18n/\(language).json")
        guard let data = try? Data(contentsOf: url),
              let dict = try? JSONSerialization.jsonObject(with: data) as? [String: String] else {
            XCTFail("cannot read the catalog \(url.path)")
            return [:]
        }
        return dict
    }
}

extension Dictionary where Key == String, Value == String {
    /// The text of `key`, with `{0}`, `{1}`… replaced by `args`.
    func text(_ key: String, _ args: Any...) -> String {
        guard var s = self[key] else {
            XCTFail("catalog has no key \(key)")
            return "<\(key)>"
        }
        for (i, a) in args.enumerated() { s = s.replacingOccurrences(of: "{\(i)}", with: "\(a)") }
        return s
    }
}

