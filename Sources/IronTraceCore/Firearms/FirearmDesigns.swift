/// Designs whose name in a model field tells who made the gun: a "P-08" is a Luger (DWM, Mauser,
/// Erfurt or Stoeger, never Ruger), a "J-22" a Jennings, a "P-64" a Radom, a "Draco" a Romanian
/// Cugir pistol, a "TP-9" a Canik. Used to refuse misspelling matches the model contradicts and to
/// keep the importer of military surplus apart from its maker.
///
/// Only designs made by a short, known list of firms are here; a design made everywhere (the
/// Tokarev, the Makarov) lists the makers and is read with the country the make names.
public enum FirearmDesigns {
    public struct Design: Sendable {
        /// How the design is written in a model, compacted (letters and digits, no spaces or dashes).
        public let words: [String]
        /// Canonical catalog names of the firms that made it.
        public let makers: [String]
        /// Compacted words that, in the same model, mean another gun ("RAS47 (Draco)" is Century's
        /// US-made AK).
        public let unless: [String]
        public let name: String
    }

    public static let table: [Design] = [
        design(
            "Luger",
            ["luger", "p08", "po8", "parabellum"],
            ["DWM", "Mauser", "Deutsche Werke", "Stoeger Industries"]
        ),
        design("Jennings", ["j22", "j25", "j380", "j9"], ["Jennings Firearms (Bryco)"]),
        design("Radom P-64/P-83", ["p64", "p83", "wanad"], ["Radom (Fabryka Broni)"]),
        design("Nagant revolver", ["nagant"], ["Nagant"]),
        design("Draco", ["draco", "wasr", "tt9c"], ["Romarm (Cugir)"], unless: ["ras47"]),
        design("Canik TP", ["tp9"], ["Canik"]),
        design("CZ 52/82", ["cz52", "vz52", "cz82", "vz82", "cz83", "vz58"], ["CZ (Česká zbrojovka)"]),
        design("FÉG PA-63", ["pa63"], ["FÉG"]),
        design("Baikal IJ-70", ["ij70"], ["Baikal (IMEZ)"]),
        design(
            "Makarov",
            ["makarov", "makatov"],
            [
                "Arsenal (Bulgaria)", "Ernst Thälmann (East German)", "Baikal (IMEZ)", "Norinco",
                "Izhmash (Kalashnikov Concern)",
            ]
        ),
        design(
            "Tokarev",
            ["tokarev", "tt33"],
            ["Zastava Arms", "Norinco", "Romarm (Cugir)", "Radom (Fabryka Broni)", "Tula Arms Plant", "FÉG"]
        ),
    ]

    static func design(_ name: String, _ words: [String], _ makers: [String], unless: [String] = []) -> Design {
        Design(words: words, makers: makers, unless: unless, name: name)
    }

    /// The design a model names, if any.
    public static func design(model: String?) -> Design? {
        guard let model, !model.isEmpty else { return nil }
        let tokens = compactTokens(model)
        for d in table where d.words.contains(where: { w in tokens.contains { matches($0, w) } }) {
            if d.unless.contains(where: { w in tokens.contains { matches($0, w) } }) { return nil }
            return d
        }
        return nil
    }

    /// Lower-case letter-and-digit runs, with a run of letters joined to the number after it
    /// ("P-08" → "p08", "IJ 70-17A" → "ij70", "17a").
    static func compactTokens(_ s: String) -> [String] {
        var raw: [String] = []
        var cur = ""
        for ch in s.lowercased() {
            if ch.isLetter || ch.isNumber { cur.append(ch) } else if !cur.isEmpty { raw.append(cur); cur = "" }
        }
        if !cur.isEmpty { raw.append(cur) }
        var out: [String] = []
        var i = 0
        while i < raw.count {
            if i + 1 < raw.count, raw[i].allSatisfy(\.isLetter), raw[i + 1].first?.isNumber == true {
                out.append(raw[i] + raw[i + 1])
                i += 2
            } else {
                out.append(raw[i])
                i += 1
            }
        }
        return out
    }

    /// Whether a token starts with a word, not followed by more of the same kind of character
    /// ("tp9sf" has "tp9"; "p640" does not have "p64"; "lugers" does not have "luger").
    static func matches(_ token: String, _ word: String) -> Bool {
        guard token.hasPrefix(word) else { return false }
        guard let next = token.dropFirst(word.count).first, let last = word.last else { return true }
        return last.isNumber ? !next.isNumber : !next.isLetter
    }

    /// ISO country a make string names by a country word ("Baikal or IMEZ - (Russia)", "Bulgarian
    /// CAI", "DWM (GERMAN)"), or nil.
    public static func country(inMake make: String) -> String? {
        for t in compactTokens(make) {
            if let c = countryWords[t] { return c }
        }
        return nil
    }

    static let countryWords: [String: String] = [
        "russia": "RU", "russian": "RU", "ussr": "RU", "soviet": "RU", "germany": "DE", "german": "DE",
        "poland": "PL", "polish": "PL", "bulgaria": "BG", "bulgarian": "BG", "czech": "CZ", "czechoslovakia": "CZ",
        "romania": "RO", "romanian": "RO", "china": "CN", "chinese": "CN", "yugoslavia": "RS", "yugoslavian": "RS",
        "serbia": "RS", "hungary": "HU", "hungarian": "HU", "turkey": "TR", "turkish": "TR", "italy": "IT",
        "italian": "IT", "spain": "ES", "spanish": "ES", "brazil": "BR", "brazilian": "BR", "israel": "IL",
        "israeli": "IL", "philippines": "PH", "austria": "AT", "austrian": "AT", "belgium": "BE", "belgian": "BE",
        "swiss": "CH", "switzerland": "CH", "finland": "FI", "finnish": "FI", "japan": "JP", "japanese": "JP",
        "egypt": "EG", "egyptian": "EG", "argentina": "AR",
    ]

    /// The firearm types a firm makes, for the few firms whose line is one type only; nil when unknown.
    public static func onlyTypes(of maker: String) -> Set<FirearmType>? {
        switch maker {
        case "Glock", "Kahr Arms", "SCCY Industries", "Jennings Firearms (Bryco)", "Lorcin Engineering",
            "Phoenix Arms", "Seecamp", "Bersa":
            [.pistol]
        case "Hi-Point": [.pistol, .rifle]
        case "Freedom Arms": [.revolver]
        case "Charter Arms": [.revolver, .rifle]
        default: nil
        }
    }
}
