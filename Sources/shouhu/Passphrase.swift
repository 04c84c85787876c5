import App
import Foundation

/// A secret typed by the user: from an environment variable, else standard input — asked for with the
/// echo off on a terminal, else the first line of what is piped in.
///
///     echo 'correct horse' | shouhu backup out.shb --encrypt
///     SHOUHU_PASSPHRASE='correct horse' shouhu restore out.shb
enum Passphrase {
    enum Failure: Error { case missing, mismatch }

    /// The secret, or `Failure.missing` when it is empty. `confirm` asks twice on a terminal.
    static func read(variable: String, prompt: String, again: String? = nil) throws -> String {
        if let value = ProcessInfo.processInfo.environment[variable], !value.isEmpty { return value }
        let secret: String
        if isatty(STDIN_FILENO) == 1 {
            secret = ask(prompt)
            if let again, ask(again) != secret { throw Failure.mismatch }
        } else {
            secret = StandardInputLines.next() ?? ""
        }
        guard !secret.isEmpty else { throw Failure.missing }
        return secret
    }

    /// The first line of `data`, without its line ending.
    static func firstLine(_ data: Data) -> String {
        let text = String(decoding: data, as: UTF8.self)
        let line = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        return line.hasSuffix("\r") ? String(line.dropLast()) : line
    }

    /// Prompts on standard error and reads one line from the terminal with the echo off.
    static func ask(_ prompt: String) -> String {
        FileHandle.standardError.write(Data(prompt.utf8))
        var saved = termios()
        let canHide = tcgetattr(STDIN_FILENO, &saved) == 0
        if canHide {
            var quiet = saved
            quiet.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet)
        }
        let line = readLine(strippingNewline: true) ?? ""
        if canHide { tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved) }
        FileHandle.standardError.write(Data("\n".utf8))
        return line
    }
}

/// Piped standard input, handed out a line at a time to whoever asks first: `--user`'s password, then
/// a command's own secrets (a backup's passphrase, `user passwd`'s new password), in the order they are asked.
enum StandardInputLines {
    nonisolated(unsafe) private static var lines: [String]?

    static func next() -> String? {
        if lines == nil {
            let text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            var all = text.components(separatedBy: "\n").map { $0.hasSuffix("\r") ? String($0.dropLast()) : $0 }
            if all.last == "" { all.removeLast() }
            lines = all
        }
        guard let first = lines?.first else { return nil }
        lines?.removeFirst()
        return first
    }
}
