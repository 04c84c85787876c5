import App
import Foundation
import Storage

/// Faults of the machine rather than of the input — a busy, full, read-only or damaged database, a
/// database of a newer version, a locale that is not UTF-8 — each told in one plain line on
/// standard error (exit status 1), never as a trace or an SQL message.
enum Faults {
    /// The database the command opened last, for messages about errors met after opening it.
    nonisolated(unsafe) static var databasePath: String?

    /// Before anything runs: a write past the file-size limit (`ulimit -f`) fails with EFBIG, which
    /// SQLite and the file writers report, instead of killing the process with SIGXFSZ mid-write.
    static func install() {
        signal(SIGXFSZ, SIG_IGN)
    }

    /// The strings of the language asked for on the command line or in the environment (the parser
    /// may not have run when the error came).
    static func strings(arguments: [String] = CommandLine.arguments,
                        environment: [String: String] = ProcessInfo.processInfo.environment) -> Strings? {
        var lang: String?
        for (i, a) in arguments.enumerated() {
            if a == "--lang", i + 1 < arguments.count { lang = arguments[i + 1] }
            if a.hasPrefix("--lang=") { lang = String(a.dropFirst("--lang=".count)) }
        }
        // An unknown language is Chinese here (the command refuses it, in Chinese).
        let language = Language(code: CommonOptions.languageCode(lang: lang, environment)) ?? .zhHans
        return try? Strings.load(language)
    }

    /// The one line for `error`, or nil when it is no fault of the machine (the usual handling applies).
    static func line(for error: any Error, strings: Strings) -> String? {
        let path = databasePath ?? "?"
        let onDatabase = { (p: String, text: String) in strings.format(.errorGeneric, strings.format(.faultDatabase, p, text)) }
        if let e = error as? StorageError {
            switch e {
            case .newerVersion(let p): return onDatabase(p, strings[.faultNewer])
            case .directory(let p, _): return strings.format(.errorGeneric, strings.format(.faultDirectory, p))
            case .cannotOpen(let p, _): return onDatabase(p, strings[.faultCorrupt])
            case .busy(let p): return onDatabase(p, strings[.faultBusy])
            case .readOnly(let p): return onDatabase(p, strings[.faultReadOnly])
            case .diskFull(let p): return onDatabase(p, strings[.faultDiskFull])
            case .invalid, .refused: return nil
            }
        }
        if let fault = StorageFault(error) { return onDatabase(path, strings.describe(fault)) }
        if let code = posixCode(error), [.ENOSPC, .EFBIG, .EDQUOT].contains(code) {
            return strings.format(.errorGeneric, strings.format(.faultWriteFile, strings[.faultDiskFull]))
        }
        return nil
    }

    /// The POSIX error behind a file error (Foundation wraps it in a CocoaError).
    static func posixCode(_ error: any Error) -> POSIXErrorCode? {
        if let e = error as? POSIXError { return e.code }
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain { return POSIXErrorCode(rawValue: Int32(ns.code)) }
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return POSIXErrorCode(rawValue: Int32(underlying.code))
        }
        return nil
    }

    /// The locale's character set when it is set and not UTF-8 (`zh_CN.GBK`, `zh_CN`, `en_US.ISO-8859-1`):
    /// the terminal then expects another encoding and every Chinese character would be garbled.
    /// An unset locale, C and POSIX say nothing about the terminal: curses then uses C.UTF-8.
    static func nonUTF8Locale(_ env: [String: String]) -> String? {
        let name = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { env[$0] }.first { !$0.isEmpty }
        guard let name, name != "C", name != "POSIX" else { return nil }
        var codeset = ""
        if let dot = name.firstIndex(of: ".") {
            codeset = String(name[name.index(after: dot)...].prefix { $0 != "@" })
        }
        let normalized = codeset.lowercased().filter { $0.isLetter || $0.isNumber }
        return normalized == "utf8" ? nil : name
    }
}
