import App
import Foundation
import Storage

/// The warning given when the database file can be read by other users of the machine: one line on
/// standard error, the file's mode and the fix, never a name or a path.
enum FilePrivacy {
    static func warnIfReadableByOthers(_ path: String, _ strings: Strings) {
        guard OwnerOnlyFile.isReadableByOthers(path) == true else { return }
        var st = stat()
        guard stat(path, &st) == 0 else { return }
        let mode = "0" + String(st.st_mode & 0o777, radix: 8)
        FileHandle.standardError.write(Data((strings.format(.privacyDatabaseReadable, mode) + "\n").utf8))
    }

    /// The same, in the language of the command line (`--lang`, else `SHOUHU_LANG`), for the places
    /// that open the database before they have their strings.
    static func warnIfReadableByOthers(_ path: String) {
        guard OwnerOnlyFile.isReadableByOthers(path) == true else { return }
        let env = ProcessInfo.processInfo.environment
        let language = commandLineLanguage(CommandLine.arguments).flatMap(Language.init(code:))
            ?? env["SHOUHU_LANG"].flatMap(Language.init(code:)) ?? .zhHans
        guard let strings = try? Strings.load(language) else { return }
        warnIfReadableByOthers(path, strings)
    }

    /// The value of `--lang X` or `--lang=X` among `arguments`.
    static func commandLineLanguage(_ arguments: [String]) -> String? {
        for (i, a) in arguments.enumerated() {
            if a == "--lang", i + 1 < arguments.count { return arguments[i + 1] }
            if a.hasPrefix("--lang=") { return String(a.dropFirst("--lang=".count)) }
        }
        return nil
    }
}
