import IronTraceCore
import IronTraceResolution
import Testing

/// People as trace records name them: the variants the issue lists resolve to one person, look-alike
/// strangers do not, every score is explained, and an analyst's ruling wins.
@Suite struct PersonResolverTests {
    static func record(
        _ id: Int64,
        _ last: String,
        _ first: String,
        _ birth: String?,
        _ street: String,
        zip: String = "79901",
        phone: String = ""
    ) -> PersonRecord {
        PersonRecord(
            id: id,
            lastName: last,
            firstName: first,
            birthDate: birth.flatMap { CivilDate(parsing: $0) },
            street: street,
            city: "El Paso",
            state: "TX",
            zip: zip,
            phone: phone
        )
    }

    static let jose = [
        record(1, "Garcia", "Jose A.", "1987-03-04", "123 N Main St Apt 4", phone: "(915) 555-0101"),
        record(2, "GARCIA, JOSE", "", "1987-04-03", "123 North Main", phone: "915.555.0101"),
        record(3, "", "Jose A. Garcia", "1987-03-04", "123 North Main Street", phone: ""),
        record(4, "Garcai", "J", "1987-03-04", "123 N. Main St.", phone: "9155550101"),
    ]
    /// Same surname, same street, another birth date and first name: the brother, not Jose.
    static let others = [
        record(5, "Garcia", "Luis", "1990-11-21", "123 N Main St", phone: "(915) 555-0199"),
        record(6, "Smith", "John", "1987-03-04", "9 Oak Ave", zip: "79902", phone: "(915) 555-0300"),
    ]

    @Test func theVariantsOfOneNameResolveToOnePerson() {
        let r = PersonResolver().resolve(Self.jose + Self.others)
        #expect(Set([1, 2, 3, 4].map { r.entity[$0] }) == [1], "\(r.entity)")
        #expect(r.entity[5] == 5, "the brother stays apart")
        #expect(r.entity[6] == 6)
        #expect(r.clusters == 3)
        let truth: [Int64: Int64] = [1: 1, 2: 1, 3: 1, 4: 1, 5: 5, 6: 6]
        let pr = PersonResolver.pairwise(entity: r.entity, truth: truth)
        #expect(pr.precision == 1 && pr.recall == 1)
    }

    @Test func everyScoreIsExplained() {
        let pair = PersonResolver().compare(Self.jose[0], Self.jose[1])
        #expect(pair.score >= PersonResolver.Thresholds().merge)
        let notes = pair.comparisons.map(\.note)
        #expect(notes.contains("day and month swapped"), "\(notes)")
        #expect(notes.contains("same address written differently") || notes.contains("same address"), "\(notes)")
        #expect(notes.contains("same phone"))
        let brother = PersonResolver().compare(Self.jose[0], Self.others[0])
        #expect(brother.score < PersonResolver.Thresholds().merge, "\(brother)")
        #expect(brother.comparisons.map(\.note).contains("different birth dates"))
    }

    @Test func normalFormsOfStreetsAndNames() {
        #expect(PersonResolver.street("123 North Main Street Apt 4") == "123 N MAIN ST")
        #expect(PersonResolver.street("123 N. Main St.") == "123 N MAIN ST")
        #expect(PersonResolver.soundex("ROBERT") == "R163")
        #expect(PersonResolver.soundex("RUPERT") == "R163")
        #expect(PersonResolver.jaroWinkler("MARTHA", "MARHTA") > 0.95)
    }

    @Test func anAnalystsRulingWins() {
        let apart = PersonResolver().resolve(
            Self.jose,
            decisions: [.init(a: 1, b: 4, same: false), .init(a: 2, b: 4, same: false), .init(a: 3, b: 4, same: false)]
        )
        #expect(apart.entity[4] == 4, "ruled a different person")
        #expect(apart.entity[2] == 1)
        let together = PersonResolver().resolve(Self.jose + Self.others, decisions: [.init(a: 1, b: 5, same: true)])
        #expect(together.entity[5] == 1)
    }
}

/// Licensees as records name them: a renewed licence (another expiry code) with its name typed
/// differently is one business; two licences at one address with one name wait for an analyst;
/// another business is another.
@Suite struct LicenseeResolverTests {
    @Test func aRenewedLicenceIsOneBusiness() {
        let records = [
            LicenseeRecord(
                id: 1,
                licence: "5-48-033-01-1M-10548",
                name: "Gomez's Gun Exchange",
                street: "12 Main St",
                zip: "78501"
            ),
            LicenseeRecord(
                id: 2,
                licence: "5-48-033-01-4M-10548",
                name: "GOMEZS GUN EXCHANGE LLC",
                street: "12 Main Street",
                zip: "78501"
            ),
            LicenseeRecord(
                id: 3,
                licence: "5-48-033-01-1M-10999",
                name: "Gomez's Gun Exchange",
                street: "12 Main St",
                zip: "78501"
            ),
            LicenseeRecord(
                id: 4,
                licence: "5-48-033-01-1M-10600",
                name: "Border Arms",
                street: "9 Oak Ave",
                zip: "78501"
            ),
        ]
        let r = LicenseeResolver().resolve(records)
        #expect(r.entity[2] == 1)
        #expect(r.entity[3] == 3, "another licence stays apart")
        #expect(r.entity[4] == 4)
        #expect(
            r.review.map { [$0.a, $0.b] }.contains([1, 3]),
            "same name and premises, other licence: for an analyst"
        )
        let pair = LicenseeResolver().compare(records[0], records[1])
        #expect(pair.comparisons.map(\.note).contains("same licence, expiry differs"))
        #expect(LicenseeResolver.nameWords("Gomez's Gun Exchange, LLC") == "GOMEZS GUN EXCHANGE")
        #expect(LicenseeResolver.licenceCore("548033011M10548") == LicenseeResolver.licenceCore("5-48-033-01-2A-10548"))
    }
}
