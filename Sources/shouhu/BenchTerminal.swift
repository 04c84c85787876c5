import App
import Foundation
import Storage
import TerminalUI

/// Peak resident memory (VmHWM) of a fresh process that opens the county database and uses it:
/// first frame, search keys loaded by a search, scrolling to the end and back.
enum MemoryProbe {
    static func figures(_ env: BenchEnv) throws -> [BenchFigure] {
        var samples: [Double] = []
        for _ in 0..<min(env.runs, 3) {
            let out = try Spawn.run(Spawn.selfPath, ["bench", "--probe-memory", env.countyDatabase])
            if let bytes = Double(out.trimmingCharacters(in: .whitespacesAndNewlines)) { samples.append(bytes) }
        }
        return [BenchFigure("peak resident memory, \(env.county) children open", .bytes, samples: samples, target: "≤ 150 MB")]
    }

    /// The child process: uses the database like a person would, then prints VmHWM in bytes.
    static func run(database path: String) throws {
        let today = BenchEnv.benchToday
        let strings = try Strings.load(.zhHans)
        let size = Size(width: 120, height: 40)
        let program = Program(state: AppState(size: size, today: today, strings: strings),
                              runtime: Runtime(database: try AppDatabase.open(path: path), strings: strings, today: today),
                              backend: TestBackend(size: size))
        program.start()
        var keys: [Key] = [.char("/")] + "王".map { .char($0) } + [.escape, .char("/")] + "zh".map { .char($0) } + [.escape]
        keys += [.end] + Array(repeating: .pageUp, count: 5) + [.home]
        for key in keys {
            program.dispatch(.key(key))
            _ = View.render(program.state)
        }
        print(Int(peakResidentBytes()))
    }

    /// VmHWM from /proc/self/status, in bytes (0 where there is no /proc).
    static func peakResidentBytes() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kb = Double(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
        return kb * 1024
    }
}

/// Once end to end: the real binary in a real terminal (a private tmux server, 120×40), timed
/// from `send-keys` until `capture-pane` shows a changed screen. Polling a tmux client costs a few
/// milliseconds itself, so these figures include tmux's own latency.
enum TerminalBench {
    static func figures(_ env: BenchEnv) throws -> [BenchFigure] {
        guard env.terminal else { return [] }
        guard let tmuxPath = Spawn.which("tmux") else {
            note("tmux not found: the end-to-end keystroke is skipped")
            return []
        }
        let tmux = Tmux(path: tmuxPath)
        defer { tmux.killServer() }
        let command = ["env", "LANG=C.UTF-8", "SWIFT_BACKTRACE=enable=no", "SHOUHU_TODAY=\(env.today)", "SHOUHU_ACTOR=bench",
                       Spawn.selfPath, "--db", env.countyDatabase].map(shellQuote).joined(separator: " ")
        var start: Double = 0
        var screen = ""
        start = try Clock.wall {
            try tmux.run(["new-session", "-d", "-s", "bench", "-x", "120", "-y", "40", command])
            screen = try tmux.waitFor { $0.contains("在册") }
        }
        var scroll: [Double] = [], typing: [Double] = []
        let count = min(env.keystrokes, 40)
        for _ in 0..<count {
            let before = screen
            scroll.append(try Clock.wall {
                try tmux.run(["send-keys", "-t", "bench", "Down"])
                screen = try tmux.waitFor { $0 != before }
            })
        }
        let queries = ["王浩", "zhang", "lx", "陈", "liu", "zy"]
        for q in queries where typing.count < count {
            let idle = screen
            try tmux.run(["send-keys", "-t", "bench", "/"])
            screen = try tmux.waitFor { $0 != idle }
            for c in q {
                let before = screen
                typing.append(try Clock.wall {
                    try tmux.run(["send-keys", "-t", "bench", "-l", String(c)])
                    screen = try tmux.waitFor { $0 != before }
                })
            }
            let before = screen
            try tmux.run(["send-keys", "-t", "bench", "Escape"])
            screen = try tmux.waitFor { $0 != before }
        }
        _ = try? tmux.run(["send-keys", "-t", "bench", "q"])
        return [
            BenchFigure("start to first frame through tmux, \(env.county)", samples: [start], target: "stated"),
            BenchFigure("scroll keystroke through tmux, \(env.county)", samples: scroll, target: "stated", p99: true),
            BenchFigure("search keystroke through tmux, \(env.county)", samples: typing, target: "stated", p99: true),
        ]
    }

    /// A private tmux server (own socket, no configuration).
    struct Tmux {
        let path: String
        let socket = "shouhu-bench-\(getpid())"

        @discardableResult
        func run(_ args: [String]) throws -> String {
            try Spawn.run(path, ["-f", "/dev/null", "-L", socket, "-u"] + args,
                          environment: ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "xterm-256color",
                                        "HOME": NSTemporaryDirectory(), "SHELL": "/bin/sh"])
        }

        /// Polls the pane until `done` holds (at most 10 s); returns the screen.
        func waitFor(_ done: (String) -> Bool) throws -> String {
            let deadline = DispatchTime.now() + 10
            while DispatchTime.now() < deadline {
                let screen = try run(["capture-pane", "-p", "-t", "bench"])
                if done(screen) { return screen }
            }
            throw Spawn.Failure(description: "the screen did not change within 10 s")
        }

        func killServer() { _ = try? run(["kill-server"]) }
    }

    static func shellQuote(_ s: String) -> String {
        if !s.isEmpty, s.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_./=:,+@%".contains($0)) }) { return s }
        return "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
