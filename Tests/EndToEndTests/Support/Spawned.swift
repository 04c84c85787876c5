import Foundation

/// A program started in the background (`posix_spawn`), its output collected in files, that a test
/// can kill at any moment and wait for — the crash and concurrency tests' second process.
///
///     let p = try Spawned(executable: shouhu, arguments: ["_robust", "write-stream", …], environment: env)
///     usleep(120_000); p.kill(SIGKILL)
///     let status = p.wait()     // 137: killed by SIGKILL, as a shell reports it
///     p.stdout                  // everything written before the kill
final class Spawned {
    let pid: pid_t
    let outPath: String
    let errPath: String
    private let dir: URL
    private var status: Int32?

    init(executable: String, arguments: [String], environment: [String: String], stdinPath: String = "/dev/null") throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("shouhu-spawn-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        outPath = dir.appendingPathComponent("stdout").path
        errPath = dir.appendingPathComponent("stderr").path

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
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard rc == 0 else {
            throw ProcessRunner.Failure(description: "cannot start \(executable): \(String(cString: strerror(rc)))")
        }
        self.pid = pid
    }

    deinit {
        if status == nil { Foundation.kill(pid, SIGKILL); _ = wait() }
        try? FileManager.default.removeItem(at: dir)
    }

    func kill(_ signal: Int32) { if status == nil { Foundation.kill(pid, signal) } }

    /// Whether the process is still running (reaps it when it has ended).
    var isRunning: Bool {
        guard status == nil else { return false }
        var raw: Int32 = 0
        if waitpid(pid, &raw, WNOHANG) == pid { status = Self.code(raw); return false }
        return true
    }

    /// Waits for the end (up to `timeout` seconds, then kills it) and returns the status as a shell
    /// reports it: the exit code, or 128 + the signal.
    @discardableResult
    func wait(timeout: Double = 120) -> Int32 {
        if let status { return status }
        let deadline = Date().addingTimeInterval(timeout)
        var raw: Int32 = 0
        while true {
            let r = waitpid(pid, &raw, WNOHANG)
            if r == pid { break }
            if r == -1 && errno != EINTR { status = -1; return -1 }
            if Date() > deadline { Foundation.kill(pid, SIGKILL) }
            usleep(2_000)
        }
        status = Self.code(raw)
        return status!
    }

    var stdout: String { String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: outPath))) ?? Data(), as: UTF8.self) }
    var stderr: String { String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: errPath))) ?? Data(), as: UTF8.self) }

    private static func code(_ raw: Int32) -> Int32 { (raw & 0x7f) == 0 ? (raw >> 8) & 0xff : 128 + (raw & 0x7f) }
}

/// A seeded generator for the tests (SplitMix64): the same seed, the same kill moments.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
