import _CryptoExtras
import Crypto
import Foundation

/// An encrypted backup: a self-describing header, then the database file sealed with AES-256-GCM
/// under a key derived from a passphrase with scrypt. Nothing of the database shows in the file.
///
/// ```
/// offset  size  field
///      0     8  magic "SHOUHU\x00E"
///      8     1  format version (1)
///      9     1  key derivation (1 = scrypt)
///     10     1  scrypt log2(N)           (15: N = 32768)
///     11     1  scrypt r                 (8)
///     12     1  scrypt p                 (1)
///     13     1  salt length              (16)
///     14     …  salt
///      …     8  length of the sealed database, big-endian (a cut-off file is told from a wrong passphrase)
///      …    12  AES-GCM nonce
///      …     …  ciphertext, then the 16-byte GCM tag
/// ```
/// The header is authenticated too (it is the additional data of the seal), so a changed parameter
/// fails like a wrong passphrase.
public enum SealedFile {
    public static let magic: [UInt8] = Array("SHOUHU".utf8) + [0x00, UInt8(ascii: "E")]
    public static let version: UInt8 = 1

    /// The cost of the key derivation (scrypt), written into each file's header.
    public struct Cost: Equatable, Sendable {
        public var log2N: UInt8
        public var r: UInt8
        public var p: UInt8
        /// N = 2^15, r = 8, p = 1: 32 MiB of memory, a fraction of a second.
        public static let standard = Cost(log2N: 15, r: 8, p: 1)
        public init(log2N: UInt8, r: UInt8, p: UInt8) { self.log2N = log2N; self.r = r; self.p = p }
    }

    public enum Failure: Error, Equatable {
        /// The file is shorter (or longer) than its header says, or its header is not one this program knows.
        case damaged
        /// The seal does not open: a wrong passphrase, or a file changed since it was written.
        case wrongPassphraseOrDamaged
    }

    /// Whether `data` starts like a sealed file (the magic bytes).
    public static func isSealed(_ data: Data) -> Bool { data.count >= magic.count && Array(data.prefix(magic.count)) == magic }

    public static func seal(_ plain: Data, passphrase: String, cost: Cost = .standard) throws -> Data {
        var salt = [UInt8](repeating: 0, count: 16)
        var rng = SystemRandomNumberGenerator()
        for i in salt.indices { salt[i] = rng.next() }
        var header = Data(magic)
        header.append(contentsOf: [version, 1, cost.log2N, cost.r, cost.p, UInt8(salt.count)])
        header.append(contentsOf: salt)
        header.append(contentsOf: (0..<8).reversed().map { UInt8(truncatingIfNeeded: UInt64(plain.count) >> (8 * $0)) })
        let key = try deriveKey(passphrase, salt: salt, cost: cost)
        let box = try AES.GCM.seal(plain, using: key, nonce: AES.GCM.Nonce(), authenticating: header)
        return header + Data(box.nonce) + box.ciphertext + box.tag
    }

    public static func open(_ sealed: Data, passphrase: String) throws -> Data {
        let bytes = [UInt8](sealed)
        let fixed = magic.count + 6
        guard bytes.count >= fixed, Array(bytes[0..<magic.count]) == magic else { throw Failure.damaged }
        let (fileVersion, kdf, log2N, r, p, saltLength) = (bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], Int(bytes[13]))
        // Bounds keep a crafted header from asking for more than 1 GiB of memory or hours of work.
        guard fileVersion == version, kdf == 1, (10...20).contains(log2N), (1...32).contains(r), (1...16).contains(p),
              128 * Int(r) << Int(log2N) <= 1 << 30, saltLength >= 8 else {
            throw Failure.damaged
        }
        let headerEnd = fixed + saltLength + 8
        guard bytes.count >= headerEnd else { throw Failure.damaged }
        let length = bytes[(headerEnd - 8)..<headerEnd].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let body = bytes.count - headerEnd
        guard body >= 12 + 16, UInt64(body - 12 - 16) == length else { throw Failure.damaged }
        let header = Data(bytes[0..<headerEnd])
        let salt = Array(bytes[fixed..<(fixed + saltLength)])
        let key = try deriveKey(passphrase, salt: salt, cost: Cost(log2N: log2N, r: r, p: p))
        do {
            let box = try AES.GCM.SealedBox(nonce: AES.GCM.Nonce(data: bytes[headerEnd..<(headerEnd + 12)]),
                                            ciphertext: bytes[(headerEnd + 12)..<(bytes.count - 16)],
                                            tag: bytes[(bytes.count - 16)...])
            return try AES.GCM.open(box, using: key, authenticating: header)
        } catch {
            throw Failure.wrongPassphraseOrDamaged
        }
    }

    static func deriveKey(_ passphrase: String, salt: [UInt8], cost: Cost) throws -> SymmetricKey {
        do {
            return try KDF.Scrypt.deriveKey(from: Array(passphrase.utf8), salt: salt, outputByteCount: 32,
                                            rounds: 1 << Int(cost.log2N), blockSize: Int(cost.r), parallelism: Int(cost.p))
        } catch {
            throw Failure.damaged // parameters the derivation refuses (too much memory, say)
        }
    }
}
