import Foundation
import Testing

@testable import IronTraceStore

/// Audit and session time stamps: the same text `ISO8601DateFormatter` writes, without building a
/// formatter for every row.
@Suite struct TimestampTests {
    @Test(arguments: [0, 1, 59, 86_399, 86_400, 951_782_400, 1_709_251_199, 1_796_610_209, 4_102_444_800.9])
    func writesWhatTheFoundationFormatterWrites(_ seconds: Double) {
        let d = Date(timeIntervalSince1970: seconds)
        #expect(IronTraceStore.iso(d) == ISO8601DateFormatter().string(from: d))
    }
}
