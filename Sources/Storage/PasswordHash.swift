import _CryptoExtras
import Crypto
import Foundation

/// Password hashes: PBKDF2-HMAC-SHA256 with a random 16-byte salt of each user's own and 600,000
/// rounds (OWASP's figure for PBKDF2-SHA256), 32 bytes of output, compared in constant time.
public struct PasswordHash: Equatable, Sendable {
    public static let standardRounds = 600_000
    public static let scheme = "pbkdf2-sha256"

    public var hash: Data
    public var salt: Data
    public var rounds: Int

    /// A new hash of `password` with a fresh salt.
    public static func make(_ password: String, rounds: Int = standardRounds) throws -> PasswordHash {
        var rng = SystemRandomNumberGenerator()
        let salt = Data((0..<16).map { _ in UInt8.random(in: 0...255, using: &rng) })
        return PasswordHash(hash: try derive(password, salt: salt, rounds: rounds), salt: salt, rounds: rounds)
    }

    /// Whether `password` is the one this hash was made from.
    public func matches(_ password: String) throws -> Bool {
        let candidate = try Self.derive(password, salt: salt, rounds: rounds)
        guard candidate.count == hash.count else { return false }
        var difference: UInt8 = 0
        for (a, b) in zip(candidate, hash) { difference |= a ^ b }
        return difference == 0
    }

    static func derive(_ password: String, salt: Data, rounds: Int) throws -> Data {
        let key = try KDF.Insecure.PBKDF2.deriveKey(from: Array(password.utf8), salt: salt, using: .sha256,
                                                     outputByteCount: 32, unsafeUncheckedRounds: rounds)
        return key.withUnsafeBytes { Data($0) }
    }
}
