/// A Mexican state (entidad federativa) by its INEGI code 01-32.
public struct MexicanState: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// INEGI Marco Geoestadístico code, 1-32.
    public let code: Int
    /// Short official name with accents ("Michoacán").
    public let name: String
    /// Full official name ("Michoacán de Ocampo").
    public let officialName: String
    /// Common abbreviation used in Mexican press and government tables ("MICH").
    public let abbreviation: String
    /// ISO 3166-2:MX suffix ("MIC").
    public let iso: String

    public var description: String { name }
    public var codeString: String { code < 10 ? "0\(code)" : String(code) }
    public static func < (a: MexicanState, b: MexicanState) -> Bool { a.code < b.code }

    public static let all: [MexicanState] = [
        (1, "Aguascalientes", "Aguascalientes", "AGS", "AGU"),
        (2, "Baja California", "Baja California", "BC", "BCN"),
        (3, "Baja California Sur", "Baja California Sur", "BCS", "BCS"),
        (4, "Campeche", "Campeche", "CAMP", "CAM"),
        (5, "Coahuila", "Coahuila de Zaragoza", "COAH", "COA"),
        (6, "Colima", "Colima", "COL", "COL"),
        (7, "Chiapas", "Chiapas", "CHIS", "CHP"),
        (8, "Chihuahua", "Chihuahua", "CHIH", "CHH"),
        (9, "Ciudad de México", "Ciudad de México", "CDMX", "CMX"),
        (10, "Durango", "Durango", "DGO", "DUR"),
        (11, "Guanajuato", "Guanajuato", "GTO", "GUA"),
        (12, "Guerrero", "Guerrero", "GRO", "GRO"),
        (13, "Hidalgo", "Hidalgo", "HGO", "HID"),
        (14, "Jalisco", "Jalisco", "JAL", "JAL"),
        (15, "México", "México", "MEX", "MEX"),
        (16, "Michoacán", "Michoacán de Ocampo", "MICH", "MIC"),
        (17, "Morelos", "Morelos", "MOR", "MOR"),
        (18, "Nayarit", "Nayarit", "NAY", "NAY"),
        (19, "Nuevo León", "Nuevo León", "NL", "NLE"),
        (20, "Oaxaca", "Oaxaca", "OAX", "OAX"),
        (21, "Puebla", "Puebla", "PUE", "PUE"),
        (22, "Querétaro", "Querétaro", "QRO", "QUE"),
        (23, "Quintana Roo", "Quintana Roo", "QROO", "ROO"),
        (24, "San Luis Potosí", "San Luis Potosí", "SLP", "SLP"),
        (25, "Sinaloa", "Sinaloa", "SIN", "SIN"),
        (26, "Sonora", "Sonora", "SON", "SON"),
        (27, "Tabasco", "Tabasco", "TAB", "TAB"),
        (28, "Tamaulipas", "Tamaulipas", "TAMPS", "TAM"),
        (29, "Tlaxcala", "Tlaxcala", "TLAX", "TLA"),
        (30, "Veracruz", "Veracruz de Ignacio de la Llave", "VER", "VER"),
        (31, "Yucatán", "Yucatán", "YUC", "YUC"),
        (32, "Zacatecas", "Zacatecas", "ZAC", "ZAC"),
    ].map { MexicanState(code: $0.0, name: $0.1, officialName: $0.2, abbreviation: $0.3, iso: $0.4) }

    private static let byKey: [String: MexicanState] = {
        var d: [String: MexicanState] = [:]
        for s in all {
            d[AreaName.key(s.name)] = s
            d[AreaName.key(s.officialName)] = s
            d[AreaName.key(s.abbreviation)] = s
            d[AreaName.key("MX-" + s.iso)] = s
            d[AreaName.key(s.iso)] = s
        }
        for (alias, code) in [
            ("Distrito Federal", 9), ("DF", 9), ("CDMX", 9), ("Mexico City", 9), ("Estado de México", 15),
            ("Edo. de México", 15), ("Edomex", 15), ("State of Mexico", 15), ("Coahuila de Zaragoza", 5),
            ("Michoacan de Ocampo", 16), ("Querétaro de Arteaga", 22), ("Veracruz Llave", 30),
            ("Veracruz de Ignacio de la Llave", 30),
            ("Q Roo", 23), ("Q. Roo", 23), ("Baja California Norte", 2), ("N.L.", 19), ("Nuevo Leon", 19),
            ("B.C.", 2), ("B.C.S.", 3), ("S.L.P.", 24),
        ] {
            d[AreaName.key(alias)] = all[code - 1]
        }
        return d
    }()

    /// Looks a state up by INEGI code (`7`, `07`), name with or without accents, official name,
    /// abbreviation or ISO code, in any case.
    public static func lookup(_ text: some StringProtocol) -> MexicanState? {
        let t = text.trimmingASCIISpaces()
        if let n = Int(t), (1...32).contains(n) { return all[n - 1] }
        return byKey[AreaName.key(t)]
    }

    public static func code(_ code: Int) -> MexicanState? { (1...32).contains(code) ? all[code - 1] : nil }
}
