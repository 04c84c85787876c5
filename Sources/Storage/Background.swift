import Foundation

/// A value computed on another thread while the caller does other work; `value()` waits for it.
/// The report reads the children's facts on the caller's thread while the five ones (the longest
/// part) are evaluated on another: a database pool reads on both at once.
final class Background<T>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<T, any Error>?

    init(_ work: @escaping () throws -> T) {
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            result = Result(catching: work)
            done.signal()
        }
    }

    /// The result (or the error the work threw), once the work is done.
    func value() throws -> T {
        done.wait()
        done.signal()
        return try result!.get()
    }
}
