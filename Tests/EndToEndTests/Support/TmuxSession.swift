import Foundation

/// A private tmux server (its own socket, no user configuration) holding one session, `main`,
/// whose single pane runs a shell command. The tests drive it with `send-keys` and read it with
/// `capture-pane`.
///
///     let tmux = TmuxSession(tmuxPath: "/usr/bin/tmux")
///     try tmux.start(command: "shouhu --db x.sqlite; echo EXIT=$?; sleep 60", width: 100, height: 30)
///     try tmux.type("张")
///     print(try tmux.capture())
final class TmuxSession {
    let tmuxPath: String
    /// The `-L` socket name, unique per session, so a user's tmux server is never touched.
    let socket = "shouhu-e2e-" + UUID().uuidString
    let target = "main"

    init(tmuxPath: String) { self.tmuxPath = tmuxPath }

    /// Where tmux is installed, or nil.
    static func locate() -> String? {
        var candidates = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"]
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            candidates.append(String(dir) + "/tmux")
        }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs one tmux command against the private server and returns its standard output.
    @discardableResult
    func run(_ args: [String]) throws -> String {
        let result = try ProcessRunner.run(
            executable: tmuxPath,
            // -f /dev/null: no user configuration; -u: UTF-8 whatever the locale.
            arguments: ["-f", "/dev/null", "-L", socket, "-u"] + args,
            environment: Self.environment,
            timeout: 10)
        guard result.status == 0 else {
            throw Failure(description: "tmux \(args.joined(separator: " ")) failed (\(result.status)): \(result.stderr)")
        }
        return result.stdout
    }

    /// A small fixed environment for the tmux client and server (no TMUX, so nesting is never an issue).
    static var environment: [String: String] {
        let env = ProcessInfo.processInfo.environment
        return [
            "PATH": env["PATH"] ?? "/usr/bin:/bin",
            "HOME": env["HOME"] ?? NSTemporaryDirectory(),
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
            "SHELL": "/bin/sh",
            "TERM": "xterm-256color",
        ]
    }

    /// The server's socket file (tmux leaves it behind when the server ends; `killServer` removes it).
    private(set) var socketPath: String?

    /// Starts the server and the session; the pane runs `command` with `/bin/sh -c`.
    func start(command: String, width: Int, height: Int) throws {
        try run(["new-session", "-d", "-s", target, "-x", String(width), "-y", String(height), command])
        socketPath = try? run(["display-message", "-p", "-t", target, "#{socket_path}"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Sends named keys (`Enter`, `Escape`, `C-u`, `F1`, `PageDown`) or plain characters.
    func send(_ keys: String...) throws {
        try run(["send-keys", "-t", target] + keys)
    }

    /// Types `text` literally (Chinese characters arrive as UTF-8, one key each).
    func type(_ text: String) throws {
        try run(["send-keys", "-t", target, "-l", text])
    }

    /// The visible pane as text; with `escapes`, including the SGR attribute sequences.
    func capture(escapes: Bool = false) throws -> String {
        try run(["capture-pane", "-p", "-t", target] + (escapes ? ["-e"] : []))
    }

    func resize(width: Int, height: Int) throws {
        try run(["resize-window", "-t", target, "-x", String(width), "-y", String(height)])
    }

    /// Closes the session: tmux closes the pane's terminal, which hangs up (SIGHUP) its processes.
    func killSession() throws {
        try run(["kill-session", "-t", target])
    }

    /// Stops the private server if it is still running (errors ignored: it may be gone already),
    /// and removes its socket file.
    func killServer() {
        _ = try? run(["kill-server"])
        if let socketPath, socketPath.contains(socket) { unlink(socketPath) }
    }
}

/// Runs a program to completion with a time limit, its output collected in files.
///
/// Uses `posix_spawn` and `waitpid` rather than Foundation's `Process`: on Linux `Process` notices
/// the end of a child only when every copy of an inherited descriptor is closed, so a tmux client
/// (whose forked server keeps that descriptor) looks as if it never finished.
enum ProcessRunner {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var seconds: Double

        /// Standard error without the line a demo database adds to every command that needs no sign-in there.
        /// (Progress bars, drawn with `\r` before the note on the same terminal line, are left out too.)
        var errors: String {
            var text = stderr
            for note in [Catalog.zh.text("cli.demo_exempt"), Catalog.en.text("cli.demo_exempt")] {
                text = text.replacingOccurrences(of: note + "\n", with: "")
            }
            // A progress bar: `\r<label> [███░░░] 50% 2500/5000`, ended by a newline only when complete.
            text = text.replacingOccurrences(of: "\r?[^\\n\\r\\[]*\\[[█░]+\\] \\d+% \\d+/\\d+\\n?", with: "", options: .regularExpression)
            return text
        }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func run(executable: String, arguments: [String], environment: [String: String],
                    stdinPath: String = "/dev/null", timeout: Double) throws -> Result {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("shouhu-e2e-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let outPath = dir.appendingPathComponent("stdout").path
        let errPath = dir.appendingPathComponent("stderr").path

        #if canImport(Darwin)
        var actions: posix_spawn_file_actions_t? = nil
        #else
        var actions = posix_spawn_file_actions_t()
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdinPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup($0.key + "=" + $0.value) } + [nil]
        defer { (argv + envp).forEach { free($0) } }

        let started = Date()
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard rc == 0 else {
            throw Failure(description: "cannot start \(executable): \(String(cString: strerror(rc)))")
        }
        let deadline = started.addingTimeInterval(timeout)
        var status: Int32 = 0
        while true {
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid { break }
            if r == -1 && errno != EINTR {
                throw Failure(description: "waitpid for \(executable) failed: \(String(cString: strerror(errno)))")
            }
            if Date() > deadline {
                kill(pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                throw Failure(description: "\(([executable] + arguments).joined(separator: " ")) did not finish within \(timeout) s (killed)")
            }
            usleep(10_000)
        }
        let seconds = Date().timeIntervalSince(started)
        // Exited: the status is in bits 8–15; killed by a signal: 128 + the signal, as a shell reports it.
        let code: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let stdout = String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: outPath))) ?? Data(), as: UTF8.self)
        let stderr = String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: errPath))) ?? Data(), as: UTF8.self)
        return Result(status: code, stdout: stdout, stderr: stderr, seconds: seconds)
    }
}

/// Quotes a word for `/bin/sh`.
func shellQuote(_ s: String) -> String {
    if !s.isEmpty, s.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_./=:,+@%".contains($0)) }) { return s }
    return "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
}
