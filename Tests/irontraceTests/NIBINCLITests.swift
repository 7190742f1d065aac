import Foundation
import IronTraceTesting
import Testing

/// NIBIN leads through the executable: the generated world's leads import by detection, a file of
/// leads with bad rows is stored and rejected row by row with reasons, `network nibin` lists the
/// shootings tied to recovered guns, and `network path` crosses a lead's "same gun" link.
@Suite struct NIBINCLITests {
    @Test func nibinLeadsImportLinkAndReport() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        #expect(try CLI.run(["generate", "--out", "world", "--scale", "tiny", "--seed", "5"], in: dir.url).status == 0)
        let generated = try String(contentsOfFile: dir.path("world/nibin_leads.csv"), encoding: .utf8)
            .split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(generated.first?.first == "lead_id")
        // Two leads of the generated world, each a recovered gun and the shooting its cartridge cases
        // came from: the agency's lead below ties the first gun to the second shooting.
        let rows = generated.dropFirst().filter { $0.count == 12 && !$0[4].isEmpty && !$0[10].isEmpty }
        let first = try #require(rows.first)
        let second = try #require(rows.first { $0[10] != first[10] && $0[5] != first[10] && $0[10] != first[5] })
        let (recovery, event) = (first[4], second[10])
        // The world's files as they are (the ground truth and look-alike lists are skipped, not data).
        let imported = try CLI.run(["import", "world", "--database", "w.sqlite"], in: dir.url)
        #expect(imported.stdout.contains("world/nibin_leads.csv: nibin_leads"), "\(imported.stdout)")
        let leads = generated.count - 1  // without the header
        #expect(imported.stdout.contains("\(leads) rows read, \(leads) stored, 0 rejected"), "\(imported.stdout)")

        // An agency's own list: one good lead, four bad rows, each rejected with its reason.
        try """
        lead_id,lead_date,exhibit_a,exhibit_a_kind,recovery_a,event_a,agency_a,exhibit_b,exhibit_b_kind,recovery_b,event_b,agency_b
        T-1,2024-01-05,FA-1,firearm,\(recovery),,CHIH0001,CC-9,cartridge-case,,\(event),CHIH0001
        T-2,2024-01-05,FA-2,firearm,,,CHIH0001,CC-9,cartridge-case,,\(event),CHIH0001
        T-3,2024-01-05,CC-1,cartridge-case,,\(event),,CC-2,cartridge-case,,\(event),
        T-1,2024-01-06,FA-1,firearm,\(recovery),,CHIH0001,CC-8,cartridge-case,,\(event),CHIH0001
        T-5,2024-02-30,FA-1,firearm,\(recovery),,CHIH0001,CC-8,cartridge-case,,\(event),CHIH0001

        """.write(toFile: dir.path("agency-leads.csv"), atomically: true, encoding: .utf8)
        let mine = try CLI.run(["import", "agency-leads.csv", "--database", "w.sqlite"], in: dir.url)
        #expect(mine.status == 0, "\(mine.stderr)")
        #expect(mine.stdout.contains("agency-leads.csv: nibin_leads"), "\(mine.stdout)")
        #expect(mine.stdout.contains("5 rows read, 1 stored, 4 rejected"), "\(mine.stdout)")
        // The import prints its first rejections with line, column and reason.
        let reasons = mine.stdout
        for reason in [
            "an exhibit names its recovery, its shooting event, or both", "both exhibits are the same event",
            "already stored", "2024-02-30",
        ] {
            #expect(reasons.contains(reason), "\(reason): \(reasons)")
        }

        let review = try CLI.run(["network", "nibin", "--database", "w.sqlite", "--limit", "500"], in: dir.url)
        #expect(review.status == 0, "\(review.stderr)")
        #expect(review.stdout.contains("\(leads + 1) NIBIN leads"), "\(review.stdout)")
        #expect(review.stdout.contains("event:\(event) "), "\(review.stdout)")
        #expect(review.stdout.contains("-[same gun, lead T-1]- recovery:\(recovery)"), "\(review.stdout)")

        let path = try CLI.run(
            ["network", "path", "event:\(event)", "recovery:\(recovery)", "--database", "w.sqlite"],
            in: dir.url
        )
        #expect(path.status == 0, "\(path.stderr)")
        #expect(path.stdout.contains("-[same-gun "), "\(path.stdout)")
        #expect(path.stdout.contains("1 links"), "\(path.stdout)")
    }
}
