import IronTraceCore
import Testing

@Suite struct SerialNumberTests {
    @Test func normalFormDropsSeparatorsAndCase() {
        #expect(SerialNumber("abc-12 3.4").normalized == "ABC1234")
        #expect(SerialNumber("abc-12 3.4").raw == "abc-12 3.4")
    }

    @Test func confusableCharactersShareAKey() {
        #expect(SerialNumber("BO1S").confusableKey == SerialNumber("801S").confusableKey)
        #expect(SerialNumber("Z6IL").confusableKey == SerialNumber("2G11").confusableKey)
        #expect(SerialNumber("ABC").confusableKey != SerialNumber("ABX").confusableKey)
        #expect(SerialNumber.areConfusable(UInt8(ascii: "Q"), UInt8(ascii: "0")))
    }

    @Test func unknownPositionsMatchPatterns() {
        let pattern = SerialNumber("ABC??45")
        #expect(pattern.hasUnknownPositions)
        #expect(pattern.knownCount == 5)
        #expect(pattern.matches("ABC1245"))
        #expect(!pattern.matches("ABD1245"))
        #expect(!pattern.matches("ABC12456"))
    }

    @Test func editDistanceIsBounded() {
        #expect(SerialNumber.editDistance("ABC123", "ABC123") == 0)
        #expect(SerialNumber.editDistance("ABC123", "ABC12") == 1)
        #expect(SerialNumber.editDistance("ABC123", "XYZ999", limit: 2) == 3)
    }
}

@Suite struct LicenceNumberTests {
    @Test func parsesFormatsAndValidates() throws {
        let l = try LicenceNumber(parsing: "5-74-123-01-2K-12345")
        #expect(l.region == 5)
        #expect(l.district == 74)
        #expect(l.county == 123)
        #expect(l.type == .dealer)
        #expect(l.expiry == "2K")
        #expect(l.sequence == 12345)
        #expect(l.description == "5-74-123-01-2K-12345")
        #expect(try LicenceNumber(parsing: "574123012K12345") == l)
        #expect(LicenceType.pawnbroker.isRetail)
        #expect(!LicenceType.importer.isRetail)
    }

    @Test(arguments: [
        "5-74-123-01-2K", "0-74-123-01-2K-12345", "5-74-123-04-2K-12345", "5-74-123-01-2I-12345",
        "5-7A-123-01-2K-12345", "garbage",
    ])
    func rejectsInvalidNumbers(text: String) {
        #expect(throws: LicenceNumber.ParseError.self) { try LicenceNumber(parsing: text) }
    }
}

@Suite struct AreaTests {
    @Test func usStatesByAnyKey() {
        #expect(USState.lookup("TX")?.fips == 48)
        #expect(USState.lookup("texas")?.usps == "TX")
        #expect(USState.lookup("06")?.usps == "CA")
        #expect(USState.lookup("6")?.usps == "CA")
        #expect(USState.lookup("ZZ") == nil)
    }

    @Test func mexicanStatesWithAndWithoutAccents() {
        #expect(MexicanState.lookup("Michoacán")?.code == 16)
        #expect(MexicanState.lookup("MICHOACAN DE OCAMPO")?.code == 16)
        #expect(MexicanState.lookup("Nuevo Leon")?.code == 19)
        #expect(MexicanState.lookup("CDMX")?.code == 9)
        #expect(MexicanState.lookup("Distrito Federal")?.code == 9)
        #expect(MexicanState.lookup("Estado de México")?.code == 15)
        #expect(MexicanState.lookup("07")?.name == "Chiapas")
        #expect(MexicanState.lookup("VER")?.code == 30)
        #expect(MexicanState.lookup("Atlantis") == nil)
    }

    @Test func areaCodesRoundTrip() throws {
        for text in ["US", "MX", "US-TX", "MX-14", "MX-14039", "GT"] {
            #expect(try AreaCode(parsing: text).description == text)
        }
        #expect(try AreaCode(parsing: "MX-14039").mexicanState?.name == "Jalisco")
        #expect(throws: AreaCode.ParseError.self) { try AreaCode(parsing: "US-ZZ") }
        #expect(throws: AreaCode.ParseError.self) { try AreaCode(parsing: "MX-33") }
        #expect(throws: AreaCode.ParseError.self) { try AreaCode(parsing: "MX-33001") }
    }
}

@Suite struct TimeTests {
    @Test func civilDatesParseAndCount() {
        let d = CivilDate(year: 2024, month: 2, day: 29)!
        #expect(d.description == "2024-02-29")
        #expect(CivilDate(year: 2023, month: 2, day: 29) == nil)
        #expect(CivilDate(parsing: "1/6/17") == CivilDate(year: 2017, month: 1, day: 6))
        #expect(CivilDate(parsing: "2017-01-06") == CivilDate(year: 2017, month: 1, day: 6))
        #expect(CivilDate(parsing: "2017-13-06") == nil)
        #expect(CivilDate(parsing: "yesterday") == nil)
        #expect(CivilDate(year: 1970, month: 1, day: 1)!.dayNumber == 0)
        #expect(CivilDate(year: 2026, month: 11, day: 21)!.weekday == 5)  // a Saturday
    }

    @Test func timeToCrimeBucketsFollowATF() {
        let sale = CivilDate(year: 2020, month: 1, day: 1)!
        #expect(TimeToCrime(sale: sale, recovery: sale.adding(days: 30))!.bucket == .under3Months)
        #expect(TimeToCrime(sale: sale, recovery: sale.adding(days: 150))!.bucket == .from3To7Months)
        #expect(TimeToCrime(sale: sale, recovery: sale.adding(days: 300))!.bucket == .from7MonthsTo1Year)
        #expect(TimeToCrime(sale: sale, recovery: sale.adding(days: 500))!.bucket == .from1To2Years)
        #expect(TimeToCrime(sale: sale, recovery: sale.adding(days: 900))!.bucket == .from2To3Years)
        #expect(TimeToCrime(sale: sale, recovery: sale.adding(days: 2000))!.bucket == .over3Years)
        #expect(TimeToCrime(sale: sale, recovery: sale.adding(days: -1)) == nil)
        #expect(TimeToCrime(days: 364).isUnderOneYear)
        #expect(!TimeToCrime(days: 400).isUnderOneYear)
    }
}

@Suite struct MunicipalityTests {
    @Test func lookupByCodeAndName() {
        #expect(MexicanMunicipality.all.count == 2_475)
        #expect(MexicanMunicipality.lookup(code: "14039")?.name == "Guadalajara")
        #expect(MexicanMunicipality.lookup(code: " 14 039 ")?.state.name == "Jalisco")
        #expect(MexicanMunicipality.lookup(code: "MX-08037")?.name == "Juárez")
        #expect(MexicanMunicipality.lookup(name: "guadalajara")?.code == 14039)
        #expect(MexicanMunicipality.lookup(name: "Tijuana")?.state.code == 2)
        // Shared names need the state.
        #expect(MexicanMunicipality.named("Benito Juárez").count > 1)
        #expect(MexicanMunicipality.lookup(name: "Benito Juárez") == nil)
        #expect(
            MexicanMunicipality.lookup(name: "Benito Juarez", state: MexicanState.lookup("Quintana Roo"))?.code == 23005
        )
        #expect(MexicanMunicipality.lookup(code: "99999") == nil)
    }
}
