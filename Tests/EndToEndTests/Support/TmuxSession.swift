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

    /// Starts the server and the session; the pane runs `command` with `/bin/sh -c`.
    func start(command: String, width: Int, height: Int) throws {
        try run(["new-session", "-d", "-s", target, "-x", String(width), "-y", String(height), command])
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

    /// Stops the private server if it is still running (errors ignored: it may be gone already).
    func killServer() {
        _ = try? run(["kill-server"])
    }
}

/// Runs a program to completion with a time limit, its output collected in files (no pipe deadlocks).
enum ProcessRunner {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var seconds: Double
    }

    struct TimedOut: Error, CustomStringConvertible {
        var command: String
        var timeout: Double
        var description: String { "\(command) did not finish within \(timeout) s (killed)" }
    }

    static func run(executable: String, arguments: [String], environment: [String: String],
                    stdin: FileHandle? = nil, timeout: Double) throws -> Result {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("shouhu-e2e-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let outURL = dir.appendingPathComponent("stdout")
        let errURL = dir.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        defer { try? out.close(); try? err.close() }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        process.standardOutput = out
        process.standardError = err
        process.standardInput = stdin ?? FileHandle.nullDevice
        let started = Date()
        try process.run()
        let deadline = started.addingTimeInterval(timeout)
        while process.isRunning {
            if Date() > deadline {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                throw TimedOut(command: ([executable] + arguments).joined(separator: " "), timeout: timeout)
            }
            usleep(20_000)
        }
        process.waitUntilExit()
        let seconds = Date().timeIntervalSince(started)
        let stdout = String(decoding: (try? Data(contentsOf: outURL)) ?? Data(), as: UTF8.self)
        let stderr = String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self)
        return Result(status: process.terminationStatus, stdout: stdout, stderr: stderr, seconds: seconds)
    }
}

/// Quotes a word for `/bin/sh`.
func shellQuote(_ s: String) -> String {
    if !s.isEmpty, s.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_./=:,+@%".contains($0)) }) { return s }
    return "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
}
