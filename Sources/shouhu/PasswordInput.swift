import Foundation

/// Where the passwords of `shouhu user …` come from: with `--password-stdin`, one line of standard
/// input each, in the order they are asked; otherwise typed on the terminal with the echo off.
///
///     printf 'old-password\nnew-password\n' | shouhu user passwd 王主任 --password-stdin
final class PasswordInput {
    enum Failure: Error { case missing, mismatch }

    private let fromStandardInput: Bool

    init(fromStandardInput: Bool) { self.fromStandardInput = fromStandardInput }

    /// The next password. On a terminal, `again` asks a second time and both must agree.
    func next(prompt: String, again: String? = nil) throws -> String {
        if fromStandardInput {
            guard let line = StandardInputLines.next(), !line.isEmpty else { throw Failure.missing }
            return line
        }
        guard isatty(STDIN_FILENO) == 1 else { throw Failure.missing }
        let first = Passphrase.ask(prompt)
        if let again, Passphrase.ask(again) != first { throw Failure.mismatch }
        guard !first.isEmpty else { throw Failure.missing }
        return first
    }
}
