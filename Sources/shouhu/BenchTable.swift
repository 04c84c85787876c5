import Foundation

/// One line of the benchmark table: what was measured, its samples, the target and the comparable
/// `sqlite3` figure. Nothing is asserted: the benchmark reports, the README records.
struct BenchFigure {
    enum Unit {
        /// Samples are seconds.
        case time
        /// Samples are the seconds `items` rows took; shown as rows per second.
        case rate(items: Int)
        /// Samples are bytes.
        case bytes
    }

    var what: String
    var unit: Unit
    /// Seconds (time, rate) or bytes, in any order.
    var samples: [Double]
    var target: String
    /// Median seconds of the comparable `sqlite3` operation, when it was measured.
    var baseline: Double?
    /// Keystroke figures also show their 99th percentile (the target is stated for it).
    var showsP99 = false

    init(_ what: String, _ unit: Unit = .time, samples: [Double], target: String = "", baseline: Double? = nil, p99: Bool = false) {
        self.what = what; self.unit = unit; self.samples = samples.sorted(); self.target = target
        self.baseline = baseline; self.showsP99 = p99
    }

    var median: Double? { samples.isEmpty ? nil : samples[samples.count / 2] }
    var worst: Double? { samples.last }
    var p99: Double? { samples.isEmpty ? nil : samples[min(samples.count - 1, Int(Double(samples.count) * 0.99))] }

    /// The table row: what | median | p99 | worst | target | ratio to baseline.
    var cells: [String] {
        [what, show(median), showsP99 ? show(p99) : "", show(worst), target, ratio]
    }

    /// Our median over the baseline's median ("12×": twelve times as long as sqlite3).
    var ratio: String {
        if case .bytes = unit { return "—" }
        guard let baseline, baseline > 0, let median else { return "—" }
        let r = median / baseline
        return r >= 10 ? String(format: "%.0f×", r) : String(format: "%.2f×", r)
    }

    func show(_ value: Double?) -> String {
        guard let value else { return "—" }
        switch unit {
        case .time: return Self.duration(value)
        case .rate(let items): return value > 0 ? Self.grouped(Int(Double(items) / value)) + " rows/s" : "—"
        case .bytes: return String(format: "%.0f MB", value / 1_048_576)
        }
    }

    static func duration(_ seconds: Double) -> String {
        if seconds >= 1 { return String(format: "%.2f s", seconds) }
        return String(format: seconds < 0.01 ? "%.2f ms" : "%.1f ms", seconds * 1000)
    }

    static func grouped(_ n: Int) -> String {
        let digits = Array(String(n))
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(d)
        }
        return out
    }
}

/// Prints figures as a Markdown table, a row as soon as it is measured.
struct BenchTable {
    static let header = ["what", "median", "p99", "worst", "target", "ratio to sqlite3"]

    static func printHeader() {
        print("| " + header.joined(separator: " | ") + " |")
        print("| --- | ---: | ---: | ---: | ---: | ---: |")
    }

    static func printRow(_ f: BenchFigure) {
        print("| " + f.cells.joined(separator: " | ") + " |")
        fflush(stdout)
    }
}

/// Monotonic time in seconds: wall-clock, or with `useCPUTime` the CPU time of this process
/// (less disturbed by other work on a shared machine; child processes are not counted).
enum Clock {
    nonisolated(unsafe) static var useCPUTime = false

    static func now() -> UInt64 {
        guard useCPUTime else { return DispatchTime.now().uptimeNanoseconds }
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        return UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_nsec)
    }

    static func since(_ t: UInt64) -> Double { Double(now() - t) / 1e9 }

    /// Seconds `body` took.
    static func time(_ body: () throws -> Void) rethrows -> Double {
        let t = now()
        try body()
        return since(t)
    }

    /// Wall-clock seconds `body` took, whatever the clock (other processes' work, waiting).
    static func wall(_ body: () throws -> Void) rethrows -> Double {
        let t = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - t) / 1e9
    }
}
