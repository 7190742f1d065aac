import Foundation
import Synchronization

/// A compiled regular expression, shared between requests: `NSRegularExpression` is immutable and
/// safe to use from several threads once built.
package struct CompiledPattern: @unchecked Sendable {
    package let expression: NSRegularExpression

    private static let cache = Mutex<[String: CompiledPattern]>([:])

    /// The pattern compiled, from the cache after the first time; nil for an invalid pattern.
    package static func named(_ pattern: String) -> CompiledPattern? {
        cache.withLock { cache in
            if let known = cache[pattern] { return known }
            guard let re = try? NSRegularExpression(pattern: pattern) else { return nil }
            cache[pattern] = CompiledPattern(expression: re)
            return cache[pattern]
        }
    }
}
