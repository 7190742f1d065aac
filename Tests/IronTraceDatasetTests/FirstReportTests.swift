import IronTraceCore
import IronTraceDataset
import Testing

@Suite struct FirstReportTests {
    /// A hand-built dataset with known answers.
    @Test func computesSharesFromColumns() {
        var d = Dataset()
        d.appendLicensee(id: 1, licence: "5-74-123-01-2K-12345", name: "A", city: "Houston", state: "TX")
        d.appendLicensee(id: 2, licence: "5-74-123-01-2K-12346", name: "B", city: "Tucson", state: "AZ")
        d.appendLicensee(id: 3, licence: "5-74-123-01-2K-12347", name: "C", city: "Austin", state: "TX")
        let day = CivilDate(year: 2020, month: 1, day: 1)!
        for (i, (country, type)) in [("MX", FirearmType.pistol), ("MX", .rifle), ("MX", .pistol), ("US", .pistol)]
            .enumerated()
        {
            d.appendRecovery(
                id: Int64(i + 1),
                date: day,
                country: country,
                area: "",
                manufacturer: "Glock",
                caliber: "9mm Luger",
                type: type,
                serialNormal: "X\(i)",
                obliterated: false,
                crimeCategory: "weapon_offense",
                event: nil
            )
        }
        d.appendTrace(
            id: 1,
            recovery: 1,
            outcome: .completedToPurchaser,
            reason: "",
            sale: 1,
            licensee: 1,
            purchaser: 9,
            timeToCrime: 100,
            sourceClass: .usSourced,
            sourceCountry: "US",
            sourceState: "TX"
        )
        d.appendTrace(
            id: 2,
            recovery: 2,
            outcome: .completedToDealer,
            reason: "",
            sale: 2,
            licensee: 1,
            purchaser: nil,
            timeToCrime: 800,
            sourceClass: .usSourced,
            sourceCountry: "US",
            sourceState: "TX"
        )
        d.appendTrace(
            id: 3,
            recovery: 3,
            outcome: .notTraced,
            reason: "foreign_not_imported",
            sale: nil,
            licensee: nil,
            purchaser: nil,
            timeToCrime: nil,
            sourceClass: .nonUS,
            sourceCountry: "AT",
            sourceState: ""
        )
        d.appendTrace(
            id: 4,
            recovery: 4,
            outcome: .completedToPurchaser,
            reason: "",
            sale: 3,
            licensee: 2,
            purchaser: 5,
            timeToCrime: 2000,
            sourceClass: .usSourced,
            sourceCountry: "US",
            sourceState: "AZ"
        )
        let r = FirstReport(d)
        #expect(r.traces == 4)
        #expect(r.mexicoTraces == 3)
        #expect(r.mexicoBySourceClass.first { $0.0 == .usSourced }?.1 == 2)
        #expect(r.mexicoNoPurchaserShare == 0.5)
        #expect(r.mexicoSourceStates.first?.0 == "TX")
        #expect(r.medianTimeToCrimeDays == 800)
        #expect(r.usUnderOneYear == 0)
        #expect(abs(r.mexicoHandgunShare - 2.0 / 3.0) < 1e-9)
        #expect(abs(r.dealersWithoutTraces - 1.0 / 3.0) < 1e-9)
    }
}
