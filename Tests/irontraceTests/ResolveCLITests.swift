import Foundation
import IronTraceTesting
import Testing

/// Entity resolution through the executable on a messy world (`generate --messy`): the pairwise
/// precision and recall against the truth file meet the goals (P ≥ 0.98, R ≥ 0.95), and the leads
/// with resolution stored (`--apply`) are as precise and complete as the goals ask (≥ 0.9 each).
@Suite struct ResolveCLITests {
    /// "pairwise precision 0.9876, recall 1.0000 ..." → (0.9876, 1.0).
    static func figures(_ text: String, after label: String) -> [Double] {
        guard let r = text.range(of: label) else { return [] }
        return text[r.upperBound...].prefix(80).split(whereSeparator: { !($0.isNumber || $0 == ".") }).prefix(2)
            .compactMap { Double($0) }
    }

    /// The overall row of `network evaluate`'s two tables: recall, then precision.
    static func overall(_ text: String) -> (recall: Double, precision: Double)? {
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("all ") }
        guard rows.count == 2, let r = Double(rows[0].split(separator: " ").last ?? ""),
            let p = Double(rows[1].split(separator: " ").last ?? "")
        else { return nil }
        return (r, p)
    }

    @Test func aMessyWorldResolvesAndItsLeadsRecover() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let gen = try CLI.run(["generate", "--messy", "--out", "world", "--scale", "tiny", "--seed", "5"], in: dir.url)
        #expect(gen.status == 0, "\(gen.stderr)")
        #expect(gen.stdout.contains("resolution_truth.csv"))
        _ = try CLI.run(["import", "world", "--database", "m.sqlite"], in: dir.url)
        let r = try CLI.run(
            ["resolve", "--database", "m.sqlite", "--evaluate", "world/resolution_truth.csv", "--apply"],
            in: dir.url
        )
        #expect(r.status == 0, "\(r.stderr)")
        let pr = Self.figures(r.stdout, after: "pairwise precision")
        #expect(pr.count == 2, "\(r.stdout)")
        #expect((pr.first ?? 0) >= 0.98, "precision: \(r.stdout)")
        #expect((pr.last ?? 0) >= 0.95, "recall: \(r.stdout)")
        #expect(r.stdout.contains("stored:"))
        // The dealers' second records (a renewed licence, the name typed differently) are found too.
        let dealers = Self.figures(r.stdout, after: "licensees: pairwise precision")
        #expect(dealers.count == 2 && dealers.allSatisfy { $0 >= 0.95 }, "\(r.stdout)")
        let leads = try CLI.run(
            ["network", "evaluate", "--ground-truth", "world/ground_truth.csv", "--database", "m.sqlite"],
            in: dir.url
        )
        let o = try #require(Self.overall(leads.stdout), "\(leads.stdout)")
        #expect(o.recall >= 0.9 && o.precision >= 0.9, "\(leads.stdout)")
        // Wrong options are refused with a reason.
        let bad = try CLI.run(["resolve", "--database", "m.sqlite", "--merge", "0.5", "--review", "0.9"], in: dir.url)
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("--review"))
    }
}

extension ResolveCLITests {
    /// The harder world (straw buyers with no shared address or phone) generates, resolves and is
    /// evaluated; `--show` bounds the review pairs printed.
    @Test func theHarderSchemesWorldIsEvaluatedToo() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let gen = try CLI.run(
            ["generate", "--messy", "--hard-schemes", "--out", "hard", "--scale", "tiny", "--seed", "6"],
            in: dir.url
        )
        #expect(gen.status == 0, "\(gen.stderr)")
        _ = try CLI.run(["import", "hard", "--database", "h.sqlite"], in: dir.url)
        let r = try CLI.run(["resolve", "--database", "h.sqlite", "--show", "2"], in: dir.url)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.split(separator: "\n").filter { $0.hasPrefix("  review ") }.count <= 2)
        #expect(!r.stdout.contains("stored:"), "without --apply nothing is stored")
        let leads = try CLI.run(
            ["network", "evaluate", "--ground-truth", "hard/ground_truth.csv", "--database", "h.sqlite"],
            in: dir.url
        )
        #expect(Self.overall(leads.stdout) != nil, "\(leads.stdout)")
    }
}
