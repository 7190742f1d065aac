import IronTraceCore
import Testing

/// The rules of cases and watch lists: serial patterns as analysts type them, references and limits.
@Suite struct CaseworkRulesTests {
    @Test func serialPatternsMatchNormalForms() throws {
        let prefix = try SerialPattern("ab-12*")
        #expect(prefix.text == "AB12*")
        #expect(prefix.matches("AB12"))
        #expect(prefix.matches("AB12345"))
        #expect(!prefix.matches("XAB12"))
        let inner = try SerialPattern("*12?4*")
        #expect(inner.matches("X1234Y"))
        #expect(inner.matches("1284"))
        #expect(!inner.matches("124"))
        let suffix = try SerialPattern("**9876")
        #expect(suffix.text == "*9876")
        #expect(suffix.matches("AB9876"))
        #expect(!suffix.matches("AB98761"))
        #expect(try SerialPattern("ÑA12").matches("ÑA12"), "characters beyond ASCII are kept, not dropped")
        // Worst case stays quick: many stars against a long serial that almost matches.
        let many = try SerialPattern("A*A*A*A*A*B")
        #expect(!many.matches(String(repeating: "A", count: 40)))
    }

    @Test func patternsThatWouldMatchEverythingAreRefused() {
        for typed in ["*", "?*", "A*", "*1?", String(repeating: "A", count: 41)] {
            #expect(throws: SerialPattern.Problem.self, "\(typed)") { try SerialPattern(typed) }
        }
    }

    @Test func referencesAndLimits() {
        #expect(Casework.problem(ref: "person:12") == nil)
        #expect(Casework.problem(ref: "event:3") == nil)
        #expect(Casework.problem(ref: "address:ab12") != nil)
        #expect(Casework.problem(ref: "person:") != nil)
        #expect(Casework.problem(ref: "person:1x") != nil)
        #expect(Casework.problem(ref: "12") != nil)
        #expect(Casework.problem(title: "  ") != nil)
        #expect(Casework.problem(title: String(repeating: "t", count: 201)) != nil)
        #expect(Casework.problem(agency: "", status: .referred) != nil)
        #expect(Casework.problem(agency: "", status: .closed) == nil)
        let c = CaseFile(
            id: 1,
            title: "t",
            status: .open,
            referredTo: "",
            restricted: true,
            owner: "ana",
            openedAt: "",
            updatedAt: "",
            origin: ""
        )
        #expect(c.isVisible(to: "ana", isAdmin: false))
        #expect(!c.isVisible(to: "bea", isAdmin: false))
        #expect(c.isVisible(to: "bea", isAdmin: true))
    }
}
