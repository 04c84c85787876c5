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
            secret = firstLine(FileHandle.standardInput.readDataToEndOfFile())
        }
        guard !secret.isEmpty else { throw Failure.missing }
        return secret
    }

    /// The first line of piped input, without its line ending.
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
