import IronTraceCore

/// A firearm model on the synthetic market.
struct MarketModel: Sendable {
    let manufacturer: String
    let model: String
    let caliber: String
    let type: FirearmType
    /// Relative share of US retail sales.
    let usWeight: Double
    /// Multiplier of the model's chance to be trafficked to Mexico (AK- and AR-pattern rifles,
    /// .38 Super, 5.7mm and .50 BMG are over-represented in Mexican recoveries).
    let mexicoAffinity: Double
    /// Serial template: `L` a letter, `#` a digit, anything else literal.
    let serialPattern: String
    /// Semi-automatic rifle above .22 (reportable in TX, AZ, NM and CA as a multiple sale).
    let reportableRifle: Bool
    /// Country of manufacture when it differs from the manufacturer's catalog country.
    let country: String?
    let importer: String
}

/// The models the demo world sells, and the foreign-made guns it recovers in Mexico without a US
/// sale. Market weights are synthetic, shaped after ATF's Annual Firearms Manufacturing and Export
/// Report (pistols the largest category, then rifles) and Mexican recovery reporting (AK- and
/// AR-pattern rifles, Colt .38 Super, FN 5.7mm pistols, Barrett .50 rifles).
enum FirearmMarket {
    static func m(
        _ maker: String,
        _ model: String,
        _ cal: String,
        _ type: FirearmType,
        _ w: Double,
        _ mx: Double,
        _ serial: String,
        rifle: Bool = false,
        country: String? = nil,
        importer: String = ""
    ) -> MarketModel {
        MarketModel(
            manufacturer: maker,
            model: model,
            caliber: cal,
            type: type,
            usWeight: w,
            mexicoAffinity: mx,
            serialPattern: serial,
            reportableRifle: rifle,
            country: country,
            importer: importer
        )
    }

    static let models: [MarketModel] = [
        m("Glock", "G19", "9mm Luger", .pistol, 10, 1.2, "LLL###"),
        m("Glock", "G17", "9mm Luger", .pistol, 6, 1.2, "LLL###"),
        m("Glock", "G22", ".40 S&W", .pistol, 2, 0.8, "LLL###"),
        m("Glock", "G21", ".45 ACP", .pistol, 1.5, 0.8, "LLL###"),
        m("Smith & Wesson", "M&P9 Shield", "9mm Luger", .pistol, 6, 0.8, "LLL####"),
        m("Smith & Wesson", "M&P9", "9mm Luger", .pistol, 4, 0.8, "LLL####"),
        m("Smith & Wesson", "SD9VE", "9mm Luger", .pistol, 3, 0.8, "FWL#####"),
        m("Sturm, Ruger & Co.", "LCP", ".380 ACP", .pistol, 4, 0.6, "37#-#####"),
        m("Sturm, Ruger & Co.", "SR9c", "9mm Luger", .pistol, 2, 0.8, "33#-#####"),
        m("Sturm, Ruger & Co.", "Security-9", "9mm Luger", .pistol, 2, 0.8, "38#-#####"),
        m("SIG Sauer", "P365", "9mm Luger", .pistol, 5, 0.7, "66L######"),
        m("SIG Sauer", "P320", "9mm Luger", .pistol, 3, 0.7, "58L######"),
        m("Taurus", "G2C", "9mm Luger", .pistol, 5, 1.0, "LLL#####", importer: "Taurus"),
        m("Taurus", "PT111 Millennium", "9mm Luger", .pistol, 2, 1.0, "TL#####", importer: "Taurus"),
        m("Springfield Armory", "XD-9", "9mm Luger", .pistol, 3, 0.8, "LL######", country: "HR"),
        m("Springfield Armory", "Hellcat", "9mm Luger", .pistol, 2, 0.6, "LL######", country: "HR"),
        m("Colt", "Government .38 Super", ".38 Super", .pistol, 0.6, 5, "38SS######"),
        m("Colt", "Government 1911", ".45 ACP", .pistol, 1, 1.2, "LL#####"),
        m("FN Herstal", "Five-seveN", "5.7x28mm", .pistol, 0.4, 6, "386######", country: "US"),
        m("Beretta", "92FS", "9mm Luger", .pistol, 1.5, 1.2, "BER######", country: "US"),
        m("Hi-Point", "C9", "9mm Luger", .pistol, 2, 0.3, "P#######"),
        m("Kel-Tec", "P-3AT", ".380 ACP", .pistol, 1.5, 0.4, "LLL##"),
        m("SCCY Industries", "CPX-2", "9mm Luger", .pistol, 1.5, 0.6, "C######"),
        m("Kimber", "Micro 9", "9mm Luger", .pistol, 1, 0.6, "PB#######"),
        m("Heckler & Koch", "VP9", "9mm Luger", .pistol, 0.8, 0.6, "224-######", importer: "Heckler & Koch"),
        m("Walther", "PPQ", "9mm Luger", .pistol, 0.8, 0.6, "FCL####", importer: "Walther"),
        m(
            "CZ (Česká zbrojovka)",
            "CZ 75 B",
            "9mm Luger",
            .pistol,
            0.8,
            0.8,
            "L######",
            importer: "CZ (Česká zbrojovka)"
        ),
        m("Canik", "TP9SF", "9mm Luger", .pistol, 1.2, 1.0, "T6472-##L#####", importer: "Century Arms"),
        m("Romarm (Cugir)", "Draco", "7.62x39mm", .pistol, 0.5, 5, "DR-####-##", importer: "Century Arms"),
        m("Zastava Arms", "PAP M92PV", "7.62x39mm", .pistol, 0.3, 3, "M92PV######", importer: "Century Arms"),
        m("Bersa", "Thunder 380", ".380 ACP", .pistol, 0.8, 0.8, "L######", importer: "Bersa"),
        m("Smith & Wesson", "642 Airweight", ".38 Special", .revolver, 2, 0.6, "CLL####"),
        m("Sturm, Ruger & Co.", "LCR", ".38 Special", .revolver, 1.5, 0.6, "54#-#####"),
        m("Taurus", "856", ".38 Special", .revolver, 1.2, 0.8, "LL######", importer: "Taurus"),
        m("Smith & Wesson", "686", ".357 Magnum", .revolver, 0.8, 0.6, "CLL####"),
        m("Taurus", "Judge", ".45 Colt/.410", .revolver, 0.8, 0.6, "LL######", importer: "Taurus"),
        m("Heritage Manufacturing", "Rough Rider", ".22 LR", .revolver, 1, 0.2, "L######"),
        m("Charter Arms", "Undercover", ".38 Special", .revolver, 0.5, 0.4, "##-#####"),
        m("Smith & Wesson", "M&P15 Sport II", ".223 Rem/5.56 NATO", .rifle, 3, 2.5, "LL#####", rifle: true),
        m("Sturm, Ruger & Co.", "AR-556", ".223 Rem/5.56 NATO", .rifle, 2.5, 2.5, "85#-#####", rifle: true),
        m("Palmetto State Armory", "PA-15", ".223 Rem/5.56 NATO", .rifle, 1.5, 2.5, "SCD######", rifle: true),
        m("Anderson Manufacturing", "AM-15", ".223 Rem/5.56 NATO", .rifle, 1.5, 2.5, "##L######", rifle: true),
        m("Colt", "LE6920 M4 Carbine", ".223 Rem/5.56 NATO", .rifle, 1, 5, "LE######", rifle: true),
        m("Bushmaster", "XM-15", ".223 Rem/5.56 NATO", .rifle, 0.8, 4, "L######", rifle: true),
        m("DPMS", "Oracle", ".223 Rem/5.56 NATO", .rifle, 0.5, 3, "FH######", rifle: true),
        m("Romarm (Cugir)", "WASR-10", "7.62x39mm", .rifle, 1, 8, "1-LL####-##", rifle: true, importer: "Century Arms"),
        m("Century Arms", "VSKA", "7.62x39mm", .rifle, 0.5, 6, "SV#######", rifle: true),
        m("Zastava Arms", "ZPAP M70", "7.62x39mm", .rifle, 0.5, 4, "Z70-######", rifle: true, importer: "Century Arms"),
        m("Barrett Firearms", "M82A1", ".50 BMG", .rifle, 0.05, 12, "AA00#####", rifle: true),
        m("FN Herstal", "SCAR 17S", "7.62x51mm NATO/.308 Win", .rifle, 0.1, 6, "HC#####", rifle: true, country: "US"),
        m("FN Herstal", "PS90", "5.7x28mm", .rifle, 0.1, 6, "FN######", rifle: true, country: "US"),
        m("Sturm, Ruger & Co.", "10/22", ".22 LR", .rifle, 3, 0.2, "###-#####"),
        m("Sturm, Ruger & Co.", "Mini-14", ".223 Rem/5.56 NATO", .rifle, 0.5, 1.5, "58#-#####", rifle: true),
        m("Marlin", "336", ".30-30 Win", .rifle, 0.8, 0.3, "MR#####L"),
        m("Savage Arms", "Axis", "7.62x51mm NATO/.308 Win", .rifle, 1, 0.3, "L#######"),
        m("Remington", "700", "7.62x51mm NATO/.308 Win", .rifle, 0.8, 0.3, "RR######L"),
        m("Mossberg", "500", "12 gauge", .shotgun, 3, 0.4, "V#######"),
        m("Remington", "870", "12 gauge", .shotgun, 2, 0.4, "RS#####L"),
        m("Mossberg", "Maverick 88", "12 gauge", .shotgun, 1, 0.4, "MV#######"),
    ]

    /// Guns recovered in Mexico that never passed through US retail: made abroad and sold to other
    /// markets (the "traced to other countries" share).
    static let foreignOnly: [MarketModel] = [
        m("Norinco", "Type 56", "7.62x39mm", .rifle, 3, 1, "##L#####"),
        m("Izhmash (Kalashnikov Concern)", "AKM", "7.62x39mm", .rifle, 2, 1, "LL####"),
        m("FN Herstal", "FAL", "7.62x51mm NATO/.308 Win", .rifle, 1, 1, "#####"),
        m("Heckler & Koch", "G3", "7.62x51mm NATO/.308 Win", .rifle, 1, 1, "G3-######"),
        m("Beretta", "PX4 Storm", "9mm Luger", .pistol, 2, 1, "PX#####L"),
        m("Zastava Arms", "M70", "7.62x39mm", .rifle, 1.5, 1, "M70-#####"),
        m("Taurus", "PT 24/7", "9mm Luger", .pistol, 2, 1, "TBL#####"),
        m("Bersa", "Thunder 9", "9mm Luger", .pistol, 1, 1, "L######"),
        m("Israel Weapon Industries", "Galil ACE", ".223 Rem/5.56 NATO", .rifle, 1, 1, "GL######"),
    ]

    /// Privately made firearms: no serial and no sale, so never traceable.
    static let privatelyMade = m("Polymer80", "PF940C", "9mm Luger", .privatelyMade, 1, 1, "")
}
