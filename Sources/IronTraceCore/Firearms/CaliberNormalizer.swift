/// Normalises the caliber strings of sales records and trace requests to canonical cartridge names.
///
/// Written calibers ("9mm", "9x19", ".45 ACP.", "7,62x25", "0.357", "22lr") resolve through an
/// alias table. Bare numbers ("9", "45", "762") are read with the model and type: `45` on a Judge
/// is .45 Colt, on an M&P 45 it is .45 ACP, and on an unknown model it is ambiguous.
public struct CaliberNormalizer: Sendable {
    public static let standard = CaliberNormalizer()

    public let all: [Caliber]
    private let byAlias: [String: Caliber]
    private let byName: [String: Caliber]

    // Canonical name | class | aliases (after `key(_:)`).
    static let table = """
        9mm Luger|h|9mm;9x19;9x19mm;9mmluger;9luger;9mmpara;9para;9mmparabellum;9parabellum;9mmnato;9x19para;9mml;9mmp
        9mm Makarov|h|9x18;9x18mm;9mmmakarov;9mak;9mmmak;9x18mak;9x18makarov;9makarov;9x18pm
        9x23mm Largo|h|9mmlargo;9largo;9x23largo
        .380 ACP|h|380;380acp;380auto;9mmshort;9mmkurz;9x17;9mmbrowningshort;9short;9kurz
        .38 Super|h|38super;super38;38acp;38superauto
        .38 Special|h|38special;38spl;38spc;38spec;38sp;38specialp;38splp;38sw spl;38swspl;38swspecial;38swsplp
        .38 S&W|h|38sw;38smithwesson;38s w;38long;38longctg;38200;38colt
        .357 Magnum|h|357magnum;357mag;357m;357/38;357mag/38spl
        .357 SIG|h|357sig
        .40 S&W|h|40;40sw;40s w;40smithwesson;40cal;40auto
        10mm Auto|h|10mm;10mmauto
        .45 ACP|h|45acp;45auto;45a;45apc
        .45 GAP|h|45gap
        .45 Colt|h|45colt;45lc;45longcolt;45l/c;45lcolt
        .45 Colt/.410|h|45/410;45colt/410;410/45colt;45lc/410;45lc/410ga;45/410ga;45colt/410mag;410ga/45lc/454casull;45colt45acp410
        .45 S&W Schofield|h|45sw;45schofield
        .44 Magnum|h|44mag;44magnum;44remmag;44rm
        .44 Special|h|44special;44spl;44sp
        .44-40 Win|l|4440;44-40;44wcf
        .41 Magnum|h|41;41mag;41magnum;41remmag
        .41 Long Colt|h|41longcolt;41lc
        .41 Rimfire|h|41rf
        .32 ACP|h|32acp;32auto;765browning;7.65browning;32rimless
        .32 S&W|h|32sw;32s w;32swl;32swlong;32long;32smithwesson
        .32 Colt|h|32colt;32coltnp;32lr colt
        .32 H&R Magnum|h|32hr;32hrmag;32hrmagnum
        .32-20 Win|l|3220;32-20
        .38-40 Win|l|3840;38-40
        .327 Federal Magnum|h|327;327fed;327federal;327mag
        .25 ACP|h|25;25acp;25auto;6.35;6.35mm;635
        .22 LR|h|22lr;22longrifle;22l;22long rifle
        .22 Short|h|22short
        .22 WMR|h|22mag;22magnum;22wmr;22wm;22wmrf;22winmag
        .22 LR/.22 WMR|h|22lr/22wmr;22/22mag;22lr/22mag
        .17 HMR|l|17;17hmr
        .17 Rem|l|17rem
        .454 Casull|h|454;454casull
        .460 S&W Magnum|h|460;460sw;460mag
        .480 Ruger|h|480;480ruger
        .475 Linebaugh|h|475;475linebaugh
        .500 S&W Magnum|h|500;500sw;500mag;500magnum
        .50 AE|h|50ae
        .50 BMG|l|50bmg;50browning;12.7x99;12.7x99mm
        5.7x28mm|h|57;5.7;5.7x28;5.7x28mm;57x28
        7.62x25mm Tokarev|h|7.62x25;7.62x25mm;762x25;7.63x25;763x25;7.62sx25;7.65x25;7.65x25mm;7.62tokarev;tokarev
        7.62x38mmR Nagant|h|7.62x38r;7.62x38;762x38r;7.62nagant;762nagant
        7.62x39mm|l|7.62x39;7.62x39mm;762x39;7.62x39mm;762x39mm
        7.62x51mm NATO/.308 Win|l|308;308win;7.62x51;7.62x51mm;7.62nato;7.62x51308win
        7.62x54mmR|l|7.62x54r;7.62x54
        7.65x21mm Parabellum|h|30luger;7.65x21;7.65parabellum;7.65luger;7.65x20
        7.63x25mm Mauser|h|7.63;763;7.63mauser;30mauser
        .30 Carbine|l|30carbine;30m1
        .30-30 Win|l|30-30;3030
        .300 AAC Blackout|l|300;300blk;300blackout;300aac;300blkout;300bo;300b/o
        .223 Rem/5.56 NATO|l|223;223rem;223remington;556;5.56;5.56mm;5.56nato;5.56x45;5.56x45mm;556nato;.223/5.56;223/5.56;5.556;0.556
        5.45x39mm|l|545;5.45x39;5.45x39mm
        .224 Valkyrie|l|224valkyrie
        .224 Kay Chuck|l|224kaychuck
        .22-250 Rem|l|22-250
        .221 Fireball|h|221;221fireball
        .222 Rem|l|222;222rem
        .243 Win|l|243;243win
        6.5 Creedmoor|l|6.5creedmoor;65creedmoor
        .45-70 Govt|l|45-70;4570
        8mm Nambu|h|8nambu;8mmnambu;8x22nambu;8x22
        8mm Mauser|l|8mmmauser;8x57;7.92x57
        8mm Lebel revolver|h|8mmfrenchordnance;8mmlebel
        7.5mm Swiss|h|7.5;7.5swiss
        7mm|l|7mm;7mmus
        12 gauge|l|12;12ga;12gauge;12gage;12g
        20 gauge|l|20ga;20gauge;20gage
        16 gauge|l|16ga;16gauge
        28 gauge|l|28ga;28gauge
        10 gauge|l|10ga;10gauge
        .410 bore|l|410;410ga;410bore;410gauge;410mag
        .35 S&W Auto|h|35sw;35auto
        Multi-caliber|l|multi;allcalibersapproved;multicaliber;multical
        """

    public init() {
        var all: [Caliber] = []
        var alias: [String: Caliber] = [:]
        var byName: [String: Caliber] = [:]
        for line in CaliberNormalizer.table.split(separator: "\n") {
            let f = line.split(separator: "|").map { $0.trimmingASCIISpaces() }
            guard f.count == 3 else { continue }
            let c = Caliber(name: f[0], classHint: f[1] == "h" ? .handgun : .longGun)
            all.append(c)
            byName[f[0].lowercased()] = c
            alias[CaliberNormalizer.key(f[0])] = alias[CaliberNormalizer.key(f[0])] ?? c
            for a in f[2].split(separator: ";") {
                let k = CaliberNormalizer.key(a)
                if alias[k] == nil { alias[k] = c }
            }
        }
        self.all = all
        self.byAlias = alias
        self.byName = byName
    }

    /// The canonical caliber of a name already canonical (case-insensitive).
    public func named(_ name: String) -> Caliber? { byName[name.lowercased()] }

    static let notStated: Set<String> = ["", "null", "na", "n/a", "none", "unknown", "unk", "-", "?"]

    /// Normalises a raw caliber with the firearm's model and type when known.
    public func resolve(_ raw: String, model: String? = nil, make: String? = nil, type: FirearmType? = nil)
        -> CaliberResolution
    {
        let k = CaliberNormalizer.key(raw)
        if CaliberNormalizer.notStated.contains(k) {
            return CaliberResolution(raw: raw, caliber: nil, candidates: [], status: .notStated, method: .none)
        }
        if let bare = bareNumberCandidates(k) {
            let t = (type == nil || type == .unknown) ? ModelHints.type(make: make, model: model) : type
            let decided =
                k == "9" && CaliberNormalizer.isMakarovPattern(model: model, make: make)
                ? byName["9mm makarov"]
                : decide(bare: k, candidates: bare, model: (model ?? "").lowercased(), type: t)
            if let d = decided {
                return CaliberResolution(raw: raw, caliber: d, candidates: [d], status: .resolved, method: .bareNumber)
            }
            return CaliberResolution(raw: raw, caliber: nil, candidates: bare, status: .ambiguous, method: .bareNumber)
        }
        if var c = byAlias[k] {
            // "9mm" on a Makarov, IJ-70, P-64 or P-83 is the 9x18 Makarov: none was made in 9x19.
            if c.name == "9mm Luger", k == "9mm" || k == "9" || k == "9m",
                CaliberNormalizer.isMakarovPattern(model: model, make: make), let mak = byName["9mm makarov"]
            {
                c = mak
            }
            return CaliberResolution(raw: raw, caliber: c, candidates: [c], status: .resolved, method: .alias)
        }
        // Several calibers listed ("9 40 45 357", "357/38" is an alias): unresolved, never guessed.
        return CaliberResolution(raw: raw, caliber: nil, candidates: [], status: .unresolved, method: .none)
    }

    /// Canonical names a bare number can mean; `nil` when the key is not a bare number with
    /// several readings.
    private func bareNumberCandidates(_ k: String) -> [Caliber]? {
        let names: [String]
        switch k {
        case "9": names = ["9mm Luger", "9mm Makarov", ".380 ACP"]
        case "45": names = [".45 ACP", ".45 Colt"]
        case "22": names = [".22 LR", ".22 WMR", ".22 Short"]
        case "38": names = [".38 Special", ".38 Super", ".38 S&W"]
        case "357": names = [".357 Magnum", ".357 SIG"]
        case "44": names = [".44 Magnum", ".44 Special"]
        case "10": names = ["10mm Auto", "10 gauge"]
        case "32": names = [".32 ACP", ".32 S&W", ".32 H&R Magnum"]
        case "762", "7.62": names = ["7.62x39mm", "7.62x25mm Tokarev", "7.62x51mm NATO/.308 Win", "7.62x38mmR Nagant"]
        case "50": names = [".50 AE", ".50 BMG"]
        case "30": names = [".30 Carbine", "7.65x21mm Parabellum", ".30-30 Win"]
        case "7.65", "765", "7.65mm": names = [".32 ACP", "7.65x21mm Parabellum"]
        case "8", "8mm": names = ["8mm Nambu", "8mm Mauser", "8mm Lebel revolver"]
        default: return nil
        }
        return names.compactMap { byName[$0.lowercased()] }
    }

    private func decide(bare: String, candidates: [Caliber], model m: String, type: FirearmType?) -> Caliber? {
        func c(_ name: String) -> Caliber? { byName[name.lowercased()] }
        let isHandgun = type?.weaponClass == .handgun
        switch bare {
        case "9":
            if m.contains("kurz") || m.contains("short") { return c(".380 ACP") }
            // A 9 on a pistol or an unnamed model is 9mm Luger: by far the dominant 9 in US sales
            // (the Maryland 2017 records write "9" for 19,481 of 44,702 sales, Glocks and M&Ps).
            return type == nil || type == .pistol || type == .rifle || type == .revolver ? c("9mm Luger") : nil
        case "45":
            if m.contains("judge") || m.contains("governor") || m.contains("410") { return c(".45 Colt/.410") }
            if m.contains("gap") { return c(".45 GAP") }
            if m.contains("schofield") { return c(".45 S&W Schofield") }
            if type == .revolver { return c(".45 Colt") }
            if type == .pistol || type == .rifle { return c(".45 ACP") }
            return nil
        case "22":
            if m.contains("mag") || m.contains("wmr") { return c(".22 WMR") }
            // Ruger's Single-Nine is the .22 WMR single-action (the Single-Ten its .22 LR sibling).
            if m.contains("single nine") || m.contains("single-nine") || m.contains("singlenine") {
                return c(".22 WMR")
            }
            if m.contains("pmr") { return c(".22 WMR") }  // Kel-Tec PMR-30 is .22 WMR only
            if isHandgun || type == .rifle { return c(".22 LR") }
            return nil
        case "38":
            if m.contains("super") { return c(".38 Super") }
            if type == .revolver { return c(".38 Special") }
            if type == .pistol, m.contains("1911") || m.contains("commander") || m.contains("government") {
                return c(".38 Super")
            }
            return nil
        case "357":
            // No revolver is chambered for the .357 SIG: a 357 revolver (an S&W 327 is not a "32") is a Magnum.
            if type == .revolver { return c(".357 Magnum") }
            if m.contains("sig") || m.contains("p226") || m.contains("p229") || m.contains("p239") || m.contains("31")
                || m.contains("32") || m.contains("33")
            {
                return type == .revolver ? nil : c(".357 SIG")
            }
            if type == .revolver || m.contains("desert eagle") || m.contains("coonan") { return c(".357 Magnum") }
            return nil
        case "44":
            if m.contains("bulldog") || m.contains("special") { return c(".44 Special") }
            if type == .revolver || m.contains("desert eagle") { return c(".44 Magnum") }
            return nil
        case "10":
            if type == .shotgun { return c("10 gauge") }
            if type == .pistol { return c("10mm Auto") }
            return nil
        case "32":
            if type == .pistol { return c(".32 ACP") }
            if m.contains("h&r") || m.contains("h & r") { return c(".32 H&R Magnum") }
            return nil
        case "762", "7.62":
            if m.contains("tokarev") || m.contains("tt") || m.contains("cz52") || m.contains("cz 52") || m == "52"
                || m.contains("54-1") || m.contains("m57") || m.contains("pps") || m.contains("m213")
            {
                return c("7.62x25mm Tokarev")
            }
            if m.contains("1895") || m.contains("nagant") { return c("7.62x38mmR Nagant") }
            if m.contains("pap") || m.contains("draco") || m.contains("ak") || m.contains("sks") || m.contains("galil")
                || m.contains("vz") || m.contains("m214") || m.contains("sam 7") || m.contains("c 39")
                || m.contains("c39") || m.contains("m70") || m.contains("m92") || m.contains("alb")
            {
                return c("7.62x39mm")
            }
            if m.contains("fal") || m.contains("m1a") || m.contains("scar 17") { return c("7.62x51mm NATO/.308 Win") }
            return nil
        case "50":
            if m.contains("desert eagle") || m.contains("de50") || m.contains("de 50") { return c(".50 AE") }
            if type == .rifle || m.contains("m82") || m.contains("m107") || m.contains("m99") || m.contains("m95") {
                return c(".50 BMG")
            }
            return nil
        case "30":
            if m.contains("luger") || m.contains("p08") { return c("7.65x21mm Parabellum") }
            if m.contains("carbine") || m.contains("m1") { return c(".30 Carbine") }
            return nil
        case "7.65", "765", "7.65mm":
            if m.contains("luger") || m.contains("p08") || m.contains("parabellum") { return c("7.65x21mm Parabellum") }
            if type == .pistol { return c(".32 ACP") }
            return nil
        default:
            return nil
        }
    }

    /// Pistols made only in 9x18 Makarov among the 9 mm cartridges: the Makarov PM (also when the
    /// make says "Makarov"), the Baikal IJ-70, the Polish P-64 and P-83, the FÉG PA-63. A bare "PM"
    /// counts only alone or beside "Makarov" (Kahr's "PM9" and "PM Series" are 9mm Luger).
    public static func isMakarovPattern(model: String?, make: String?) -> Bool {
        let tokens = FirearmDesigns.compactTokens(model ?? "")
        let makeTokens = FirearmDesigns.compactTokens(make ?? "")
        let words = ["makarov", "makatov", "ij70", "p64", "p83", "pa63", "mak"]
        if tokens.contains(where: { t in words.contains { FirearmDesigns.matches(t, $0) } }) { return true }
        if makeTokens.contains(where: { FirearmDesigns.matches($0, "makarov") }) { return true }
        return tokens == ["pm"]
    }

    /// Normal key: lower case, spaces dropped, `,` read as a decimal point, a leading `0.` or `.`
    /// dropped ("0.357", ".357" → "357"), dots kept only between digits, trailing "cal",
    /// "caliber" and "+p" dropped, `s&w` kept as `sw`.
    public static func key(_ raw: some StringProtocol) -> String {
        var s = Array(raw.lowercased().map { AreaName.foldAccent($0) == "," ? "." : AreaName.foldAccent($0) })
        s.removeAll { $0 == " " || $0 == "\t" || $0 == "&" || $0 == "\"" || $0 == "'" }
        var out: [Character] = []
        for (i, ch) in s.enumerated() {
            if ch == "." {
                let prevDigit = i > 0 && s[i - 1].isNumber
                let nextDigit = i + 1 < s.count && s[i + 1].isNumber
                let prevIsLeadingZero = out == ["0"]
                if prevIsLeadingZero && nextDigit {
                    out.removeAll()
                    continue
                }
                if prevDigit && nextDigit { out.append(ch) }
                continue
            }
            out.append(ch)
        }
        var k = String(out)
        for suffix in ["+p+", "+p", "caliber", "calibre", "cal", "ctg"]
        where k.hasSuffix(suffix) && k.count > suffix.count {
            k.removeLast(suffix.count)
        }
        // ".4" means .40 and ".3" means .30 when written as decimals of an inch.
        if k == "4" { k = "40" }
        if k == "3" { k = "30" }
        return k
    }
}
