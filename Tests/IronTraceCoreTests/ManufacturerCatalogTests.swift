import IronTraceCore
import Testing

@Suite struct ManufacturerCatalogTests {
    let catalog = ManufacturerCatalog.standard

    @Test(arguments: [
        ("Glock", "Glock"), ("GLOCK", "Glock"), ("glock inc", "Glock"), ("S&W", "Smith & Wesson"),
        ("smith and wesson", "Smith & Wesson"), ("Sturm, Ruger & Co., Inc.", "Sturm, Ruger & Co."),
        ("Sig Sauer/Sigarms Inc.", "SIG Sauer"), ("Colt/Colts Mfg. Co., Inc. (Walther)", "Colt"),
        ("Springfield Armory/Inc.", "Springfield Armory"), ("BRNO or CZ", "CZ (Česká zbrojovka)"),
        ("Heckler & Koch", "Heckler & Koch"), ("H&K", "Heckler & Koch"), ("anderson mfg", "Anderson Manufacturing"),
        ("Andreson Manufacturing", "Anderson Manufacturing"), ("Palematto State Armory", "Palmetto State Armory"),
        ("Spike's Tactical", "Spike's Tactical"), ("Izhmash", "Izhmash (Kalashnikov Concern)"),
        ("Polymer80", "Polymer80"), ("Barrett", "Barrett Firearms"), ("Cugir", "Romarm (Cugir)"),
    ])
    func resolves(raw: String, expected: String) {
        let r = catalog.resolve(raw)
        #expect(r.manufacturer?.name == expected, "\(raw)")
        #expect(r.raw == raw)
    }

    @Test func makerAndImporterAreDifferentFirms() {
        let zastava = catalog.resolve("Zastava Arms (C.A.I.)")
        #expect(zastava.manufacturer?.name == "Zastava Arms")
        #expect(zastava.importer?.name == "Century Arms")
        #expect(zastava.manufacturer?.country == "RS")
        let canik = catalog.resolve("Canik (Century Arms)")
        #expect(canik.manufacturer?.name == "Canik")
        #expect(canik.importer?.name == "Century Arms")
        // An importer named first, the maker second.
        let eaa = catalog.resolve("E.A.A./F. Tanfoglio")
        #expect(eaa.manufacturer?.name == "Fratelli Tanfoglio")
        #expect(eaa.importer?.name == "European American Armory")
    }

    @Test func unknownStringsStayUnresolvedWithTheirRawText() {
        for raw in ["Japan", "Russian", "NULL", "", "Zorblax Defense Works"] {
            let r = catalog.resolve(raw)
            #expect(r.manufacturer == nil, "\(raw) must not be guessed")
            #expect(r.method == .unresolved)
            #expect(r.raw == raw)
        }
    }

    @Test func misspellingsNeedAUniqueNearestFirm() {
        #expect(catalog.resolve("Rugr").manufacturer == nil)  // too short to trust an edit
        #expect(catalog.resolve("Kimbr America").manufacturer?.name == "Kimber")
        #expect(catalog.resolve("Kimbr America").method != .alias)
    }

    @Test func countriesOfManufacture() {
        #expect(catalog.named("Glock")?.country == "AT")
        #expect(catalog.named("Norinco")?.country == "CN")
        #expect(catalog.named("Barrett Firearms")?.country == "US")
        #expect(catalog.named("FN Herstal")?.country == "BE")
    }
}

@Suite struct CaliberTests {
    let n = CaliberNormalizer.standard

    @Test(arguments: [
        ("9mm", "9mm Luger"), ("9MM", "9mm Luger"), ("9x19", "9mm Luger"), ("9mm Luger", "9mm Luger"),
        (".223", ".223 Rem/5.56 NATO"), ("5.56 NATO", ".223 Rem/5.56 NATO"), ("7.62x39", "7.62x39mm"),
        ("7,62x25", "7.62x25mm Tokarev"), (".50 BMG", ".50 BMG"), ("22LR", ".22 LR"), (".22 LR.", ".22 LR"),
        ("38 Special", ".38 Special"), (".25 ACP.", ".25 ACP"), ("0.45 ACP", ".45 ACP"), (".357 mag", ".357 Magnum"),
        ("45 acp", ".45 ACP"),
        ("12ga", "12 gauge"), ("5.7X28", "5.7x28mm"), ("40", ".40 S&W"),
    ])
    func resolves(raw: String, expected: String) {
        let r = n.resolve(raw)
        #expect(r.caliber?.name == expected, "\(raw)")
        #expect(r.status == .resolved)
    }

    @Test func bareNumbersAreReadFromModelAndType() {
        #expect(n.resolve("45", model: "M&P 45", make: "Smith & Wesson").caliber?.name == ".45 ACP")
        #expect(n.resolve("45", model: "Judge", make: "Taurus").caliber?.name == ".45 Colt/.410")
        #expect(n.resolve("45", model: "Single Action Army", make: "Colt").caliber?.name == ".45 Colt")
        #expect(n.resolve("762", model: "PAPM92PV", make: "Zastava Arms").caliber?.name == "7.62x39mm")
        #expect(n.resolve("762", model: "Tokarev", make: "Zastava Arms (C.A.I.)").caliber?.name == "7.62x25mm Tokarev")
        #expect(n.resolve("9", model: "Makarov").caliber?.name == "9mm Makarov")
        #expect(n.resolve("9", model: "19", make: "Glock").caliber?.name == "9mm Luger")
        #expect(n.resolve("38", model: "686", make: "Smith & Wesson").caliber?.name == ".38 Special")
        // Revolvers the Maryland file writes with bare numbers: a Security-Six is not a Security-9, an
        // S&W 327 or M&P 340 is a .357 Magnum revolver, Armscor's M206 a .38 Special revolver, Ruger's
        // Single-Nine the .22 WMR single-action.
        #expect(n.resolve("357", model: "Security Six Da", make: "Sturm, Ruger & Co.").caliber?.name == ".357 Magnum")
        #expect(n.resolve("357", model: "327", make: "Smith & Wesson").caliber?.name == ".357 Magnum")
        #expect(n.resolve("357", model: "M&P 340", make: "Smith & Wesson").caliber?.name == ".357 Magnum")
        #expect(n.resolve("38", model: "Model 206", make: "Rock Island Armory").caliber?.name == ".38 Special")
        #expect(n.resolve("22", model: "Single Nine", make: "Sturm, Ruger & Co.").caliber?.name == ".22 WMR")
        #expect(n.resolve("22", model: "Single Ten", make: "Sturm, Ruger & Co.").caliber?.name == ".22 LR")
        #expect(n.resolve("45", model: "P Series", make: "Para-Ordnance").caliber?.name == ".45 ACP")
        #expect(n.resolve("10", model: "Bruin", make: "Dan Wesson").caliber?.name == "10mm Auto")
        #expect(n.resolve("7.65", model: "Ortgies", make: "Deutsche Werke").caliber?.name == ".32 ACP")
        // A Glock 32 is still a .357 SIG pistol.
        #expect(n.resolve("357", model: "32", make: "Glock").caliber?.name == ".357 SIG")
    }

    @Test func undecidedBareNumbersAreAmbiguousNotGuessed() {
        let r = n.resolve("45", model: "Zorblax 9000")
        #expect(r.status == .ambiguous)
        #expect(r.caliber == nil)
        #expect(r.candidates.map(\.name).contains(".45 ACP"))
        #expect(r.candidates.map(\.name).contains(".45 Colt"))
        #expect(n.resolve("762").status == .ambiguous)
    }

    @Test func nothingStatedIsNotStated() {
        for raw in ["NULL", "", "N/A", "na"] { #expect(n.resolve(raw).status == .notStated) }
        #expect(n.resolve("9 40 45 357").status == .unresolved)
    }
}

@Suite struct FirearmTypeTests {
    @Test func parsesSpellingsAndClasses() {
        #expect(FirearmType(parsing: "PISTOL") == .pistol)
        #expect(FirearmType(parsing: "Revolver") == .revolver)
        #expect(FirearmType(parsing: "RIFLE") == .rifle)
        #expect(FirearmType(parsing: "shot gun") == .shotgun)
        #expect(FirearmType(parsing: "Machinegun") == .machineGun)
        #expect(FirearmType(parsing: "receiver") == .receiverFrame)
        #expect(FirearmType(parsing: "PMF ghost gun") == .privatelyMade)
        #expect(FirearmType(parsing: "banana") == nil)
        #expect(FirearmType.derringer.weaponClass == .handgun)
        #expect(FirearmType.shotgun.weaponClass == .longGun)
        #expect(FirearmType.receiverFrame.weaponClass == .other)
    }
}
