/// What a model name tells about a firearm: its type, and the caliber when the model decides it.
///
/// Dealers and agencies rarely write the type in sales records; the model usually says it
/// ("Judge" is a revolver, "M&P 45" a pistol, "PAP M92PV" an AK-pattern pistol in 7.62x39mm).
/// The patterns below are common US-market models; an unknown model yields no hint, never a guess.
public enum ModelHints {
    /// Substrings (of the lower-cased model, with make) that mark a revolver.
    static let revolverWords = [
        "revolver", "judge", "governor", "single six", "single-six", "singlesix", "blackhawk", "black hawk",
        "vaquero", "redhawk", "gp100", "gp 100", "sp101", "sp 101", "lcr", "bearcat", "wrangler", "rough rider",
        "python", "anaconda", "king cobra", "detective", "single action", "saa", "peacemaker", "1873", "1875",
        "schofield", "cattleman", "bisley", "bulldog", "undercover", "pathfinder", "rhino", "raging bull",
        "raging hunter", "tracker", "snub", "airweight", "airlite", "new model army", "1858", "nagant", "1895",
        "trooper", "lawman", "j-frame", "k-frame", "l-frame", "n-frame", "model 10", "model 19", "model 27",
        "model 29", "model 60", "model 66", "model 85", "mod. 85", "security six", "service six", "speed six",
        "super redhawk", "blackhawk", "ultimate", "defender", "pug", "professional", "sentinel", "mag-pug",
        "bodyguard 38", "cobra", "k6", "windicator", "highway patrol", "night cobra", "mountain gun", "new service",
        "official police", "police positive", "single ten", "single-ten", "single nine", "single-nine",
        "trapper", "rossi r", "model 1917", "mk iii", "magnum research bfr", "bfr", "pocket pistol", "mini revolver",
        "taurus 85", "605", "856", "692", "627", "686", "629", "617", "642", "637", "638", "640", "649",
        "442", "351", "360", "340", "638", "632", "327", "500 ", "460 ", "66-", "686-", "629-", "64-", "65-",
    ]

    /// Substrings that mark a semi-automatic pistol.
    static let pistolWords = [
        "pistol", "1911", "m&p", "m & p", "xd", "p220", "p226", "p229", "p239", "p250", "p320", "p365", "p938",
        "p238", "p227", "p225", "p210", "sp2022", "sr9", "sr40", "sr45", "sr22", "sr1911", "lc9", "lc380", "ec9",
        "security-9", "security 9", "american pistol", "p89", "p95", "p90", "p345", "57", "hk45", "usp", "vp9",
        "vp40", "p30", "p2000", "px4", "92", "apx", "m9", "nano", "pico", "cz 75", "cz75", "p-07", "p-09", "p-10",
        "p07", "p09", "p10", "shadow", "pt", "g2c", "g3", "millennium", "pps", "ppq", "pk380", "ppk", "p99",
        "p22", "p 22", "fnx", "fns", "509", "five-seven", "five seven", "jhp", "jcp", "c9", "cpx", "cp33",
        "pmr", "p11", "p3at", "p32", "pf9", "tp9", "sf9", "mc9", "tx22", "custom ii", "ultra carry", "micro",
        "solo", "emp", "range officer", "mark i", "mark ii", "mark iii", "mark iv", "mk iv", "buckmark",
        "buck mark", "22/45", "victory", "sw22", "sw1911", "sw 1911", "mosquito", "neos", "bobcat", "tomcat",
        "firefly", "gsg", "hp-22", "hp22", "draco", "pap", "m92", "m70", "tokarev", "tt-", "cz52", "cz 52",
        "makarov", "p-64", "p64", "pm ", "desert eagle", "baby eagle", "jericho", "masada", "tisas", "canik",
        "tp-9", "mete", "elite", "hellcat", "xds", "xdm", "xd-s", "xd(m)", "bersa", "thunder", "cm9", "pm9",
        "cw9", "cw45", "k9", "p9", "tcp", "bodyguard 380", "shield", "sd9", "sd40", "sw9", "sw40", "sigma",
        "model 41", "22a", "walther", "creed", "gx4", "g43", "g48", "g19", "g17", "g26", "g42", "commander",
        "government", "defender", "officer", "mustang", "pony", "llama", "star", "rock island", "ria", "mac-11",
        "tec-9", "m11", "ak pistol", "ar pistol", "mpx", "scorpion", "evo", "uzi", "mini draco", "micro draco",
        "nighthawk", "stoeger", "cougar", "tanfoglio", "witness", "hi-power", "hi power", "hipower", "p35",
        "sphinx", "ppx", "cz p", "duty", "steyr m", "steyr c", "steyr l", "s9", "rdp", "model 59", "59",
        "3913", "5906", "4006", "4506", "6906", "smith & wesson 39", "ruger 57", "security 380", "charger", "american",
        "p-series", "gold cup", "delta", "1991", "1903",
        "vector", "fx ", "cz 97", "cz 97b", "1908", "pocket hammerless", "ortgies", "p series",
    ]

    static let rifleWords = [
        "rifle", "carbine", "ar-15", "ar15", "ar 15", "am-15", "am15", "st15", "st-15", "x15", "x-15", "pa-15",
        "pa15", "m4", "ar-556", "ar556", "ar-10", "ar10", "sks", "ak-47", "ak47", "akm", "mini-14", "mini 14",
        "scar", "galil", "vz58", "vz.58", "m1a", "garand", "mosin", "m82", "m107", "m95", "m99", "barrett",
        "bolt", "lever", "10/22", "1022", "bca15", "ha-15", "stag-15", "mk4", "a-15", "m5", "bbn-223",
    ]

    static let shotgunWords = ["shotgun", "870", "500 ", "590", "maverick 88", "gauge", " ga", "sxs", "over/under"]

    /// Model numbers that makers use for revolvers and pistols, where the number alone says which.
    /// From the makers' catalogues (S&W: revolvers are 2-3 digit numbers, pistols 4 digits and a
    /// short list of 3-digit autoloaders; Taurus: the PT/G/TX/TH lines are pistols).
    static let smithWessonPistolNumbers: Set<String> = [
        "22a", "22s", "41", "46", "39", "52", "59", "61", "422", "622", "2206", "2213", "2214", "3913", "3914",
        "3953", "4006", "4013", "4043", "4506", "4516", "5906", "6906", "439", "459", "469", "539", "559",
        "639", "645", "659", "669", "745", "908", "909", "910", "915", "457", "411", "4003", "1006", "1076",
    ]
    static let taurusPistolNumbers: Set<String> = [
        "709", "740", "809", "840", "845", "111", "140", "145", "132", "138", "24/7", "708", "738", "917", "92",
        "99", "100", "101", "58", "57", "938", "945", "1911", "22", "25", "132",
    ]

    /// The firearm type a model name points to, or `nil` when it does not tell.
    public static func type(make: String?, model: String?) -> FirearmType? {
        let m = " " + (model ?? "").lowercased() + " "
        let mk = (make ?? "").lowercased()
        if m.trimmingASCIISpaces().isEmpty { return nil }
        let canonical = make.flatMap { ManufacturerCatalog.standard.resolve($0).manufacturer?.name } ?? ""
        // The leading model number without a letter prefix: "686-6" → "686", "29 (S&W)" → "29".
        let digits = String(m.trimmingASCIISpaces().prefix { $0.isNumber || $0 == "/" })
        let lettersAfter = m.trimmingASCIISpaces().dropFirst(digits.count).first.map { $0.isLetter } ?? false
        switch canonical {
        case "Smith & Wesson":
            // The M&P 340 and 360 J-frames and the 327 M&P R8 are revolvers.
            if m.contains("m&p 340") || m.contains("m&p340") || m.contains("m&p 360") || m.contains("m&p360")
                || m.contains("r8")
            {
                return .revolver
            }
            if m.contains("m&p") || m.contains("sd") || m.contains("sw") || m.contains("sigma") || m.contains("shield")
                || m.contains("victory") || m.contains("1911") || m.contains("bodyguard 380") || m.contains("csx")
            {
                return .pistol
            }
            if !digits.isEmpty && !lettersAfter || digits.count >= 2 {
                return smithWessonPistolNumbers.contains(digits) || digits.count == 4 ? .pistol : .revolver
            }
        case "Taurus":
            if m.contains("pt") || m.contains("g2") || m.contains("g3") || m.contains("tx") || m.contains("th")
                || m.contains("millennium") || m.contains("spectrum") || m.contains("curve") || m.contains("gx4")
            {
                return .pistol
            }
            if m.contains("judge") || m.contains("raging") || m.contains("tracker") || m.contains("defender") {
                return .revolver
            }
            if !digits.isEmpty { return taurusPistolNumbers.contains(digits) ? .pistol : .revolver }
        case "Amadeo Rossi", "Charter Arms", "Heritage Manufacturing", "Freedom Arms", "North American Arms",
            "Aldo Uberti", "Pietta", "Cimarron Firearms",
            "Dan Wesson"
        where !m.contains("vector")
            && !m.contains("1911") && !m.contains("pointman") && !m.contains("valor") && !m.contains("razorback")
            && !m.contains("guardian") && !m.contains("discretion") && !m.contains("specialist")
            && !m.contains("bruin") && !m.contains("silverback") && !m.contains("ecp") && !m.contains("kodiak")
            && !m.contains("heritage") && !m.contains("a2") && !m.contains("elite"):
            return .revolver
        case "Dan Wesson":
            // The names excluded above are Dan Wesson's 1911-pattern pistols (Valor, Bruin, ...).
            return .pistol
        case "Rock Island Armory"
        where m.contains("m200") || m.contains("m206") || m.contains(" 200 ") || m.contains(" 206 ")
            || m.contains("revolver"):
            // Armscor's M200 and M206 are .38 Special revolvers.
            return .revolver
        case "Glock", "Kel-Tec", "Hi-Point", "SCCY Industries", "Canik", "Kahr Arms", "Heckler & Koch",
            "Springfield Armory", "Walther", "SIG Sauer", "Beretta", "FN Herstal", "Tisas", "Bersa", "Zastava Arms",
            "CZ (Česká zbrojovka)", "Rock Island Armory", "STI International", "Nighthawk Custom", "Les Baer Custom",
            "Wilson Combat", "Ed Brown Products", "Magnum Research", "Steyr Mannlicher", "Israel Weapon Industries",
            "Para-Ordnance", "Seecamp":
            if m.contains("revolver") || m.contains("k6") || m.contains("bfr") { return .revolver }
            if canonical == "Magnum Research" && !m.contains("eagle") { break }
            return .pistol
        case "Colt":
            if m.contains("python") || m.contains("anaconda") || m.contains("cobra") || m.contains("detective")
                || m.contains("single action") || m.contains("saa") || m.contains("trooper") || m.contains("peacemaker")
                || m.contains("king") || m.contains("diamondback") || m.contains("lawman") || m.contains("police")
                || m.contains("new service") || m.contains("frontier")
            {
                return .revolver
            }
            return .pistol
        case "Kimber":
            return m.contains("k6") ? .revolver : .pistol
        case "Sturm, Ruger & Co.":
            if m.contains("american") || m.contains("p-series") || m.contains("p series") || m.contains("charger")
                || m.contains("lcp") || m.contains("lc9") || (m.contains("security") && !m.contains("six"))
                || m.contains("mark")
                || m.contains("sr") || m.contains("ec9") || m.contains("57") || m.contains("max-9")
                || m.contains("22/45") || m.contains("p8") || m.contains("p9")
            {
                return .pistol
            }
        default:
            break
        }
        if shotgunWords.contains(where: { m.contains($0) }) && !m.contains("500 magnum") && !mk.contains("smith") {
            return .shotgun
        }
        if rifleWords.contains(where: { m.contains($0) }) { return .rifle }
        if revolverWords.contains(where: { m.contains($0) }) {
            // S&W number models: a 3-digit revolver number unless it is an autoloader number (39xx etc.).
            return .revolver
        }
        if pistolWords.contains(where: { m.contains($0) }) { return .pistol }
        if mk.contains("glock") || mk.contains("kel") || mk.contains("hi point") || mk.contains("hi-point")
            || mk.contains("sccy") || mk.contains("canik") || mk.contains("kahr") || mk.contains("heckler")
            || mk.contains("springfield") || mk.contains("kimber") || mk.contains("walther")
        {
            return .pistol
        }
        if mk.contains("charter") || mk.contains("heritage") || mk.contains("uberti") || mk.contains("pietta")
            || mk.contains("freedom arms") || mk.contains("north american arms")
        {
            return .revolver
        }
        return nil
    }
}
