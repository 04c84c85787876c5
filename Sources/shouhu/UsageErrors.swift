import App
import ArgumentParser
import Foundation

extension Shouhu {
    /// ArgumentParser's text for a usage error (a mistyped command, a refused value, a command's
    /// `ValidationError`) in the user's language; nil for what it prints otherwise (help, clean exits,
    /// exit codes, other errors), which it keeps printing itself.
    static func usageText(for error: any Error, strings: Strings) -> String? {
        guard exitCode(for: error).rawValue == ExitCode.validationFailure.rawValue else { return nil }
        let message = message(for: error)
        guard !message.isEmpty else { return nil }
        return UsageWords.text(message: message, fullText: fullMessage(for: error), strings)
    }
}

/// The values a usage error lists, each with its name in the user's language: `“volunteer”（志愿者）、…`.
func labelledChoices<E: RawRepresentable>(_ values: [E], kind: String) -> String where E.RawValue == String {
    let strings = Faults.strings()
    return values.map { v in strings.map { $0.format(.usageRoleItem, v.rawValue, $0.label(kind, v)) } ?? v.rawValue }
        .joined(separator: strings?[.usageItemSeparator] ?? ", ")
}

/// A usage error of a command (a bad date, an unknown role), worded from the catalog in the language
/// of the command line (`--lang`, else `SHOUHU_LANG`, else Chinese): ArgumentParser's usage follows
/// it and the exit status is 64, as for its own errors.
func usageError(_ key: StringKey, _ args: CustomStringConvertible...) -> ValidationError {
    guard let strings = Faults.strings() else { return ValidationError(([key.rawValue] + args.map(\.description)).joined(separator: " ")) }
    return ValidationError(UsageWords.worded(key, strings, args))
}
