import Foundation

/// The 10,000 most common passwords (`Resources/common-passwords.txt`, see the README beside it for
/// the source, Dropbox's zxcvbn under the MIT licence, and how it was extracted), compared
/// case-insensitively, alone or with digits, punctuation or spaces added before or after.
package enum CommonPasswords {
    /// Lower-case entries; empty only if the resource is missing from the build (a test checks).
    package static let list: Set<String> = {
        guard
            let url = Bundle.module.url(
                forResource: "common-passwords",
                withExtension: "txt",
                subdirectory: "Resources"
            ),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else { return [] }
        var set = Set<String>(minimumCapacity: 10_000)
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") && !line.isEmpty {
            set.insert(line.lowercased())
        }
        return set
    }()

    static func problem(_ password: String) -> String? {
        let lower = password.lowercased()
        if list.contains(lower) { return "is one of the 10,000 most common passwords" }
        let core = lower.trimmingCharacters(in: CharacterSet.letters.inverted)
        if !core.isEmpty, core != lower, list.contains(core) {
            return "is a common password with digits or punctuation added"
        }
        return nil
    }
}
