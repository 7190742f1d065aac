/// The kind of firearm, as trace forms and ATF tables name it.
public enum FirearmType: String, CaseIterable, Sendable, Codable, CustomStringConvertible {
    case pistol, revolver, rifle, shotgun, derringer
    case machineGun = "machine_gun"
    case receiverFrame = "receiver_frame"
    case privatelyMade = "privately_made"
    case unknown

    /// Handgun or long gun: the split ATF reports use.
    public enum WeaponClass: String, Sendable, CaseIterable, Codable {
        case handgun, longGun = "long_gun", other
    }

    public var weaponClass: WeaponClass {
        switch self {
        case .pistol, .revolver, .derringer: .handgun
        case .rifle, .shotgun, .machineGun: .longGun
        case .receiverFrame, .privatelyMade, .unknown: .other
        }
    }

    public var description: String {
        switch self {
        case .machineGun: "machine gun"
        case .receiverFrame: "receiver/frame"
        case .privatelyMade: "privately made"
        default: rawValue
        }
    }

    /// Reads the spellings agencies and datasets use ("PISTOL", "Semi-auto pistol", "RIFLE/SHOTGUN
    /// COMBO" is a long gun, "Frame", "PMF", "ghost gun", "MG", "revolver"). `nil` when unknown.
    public init?(parsing raw: some StringProtocol) {
        let s = raw.lowercased().trimmingASCIISpaces()
        if s.isEmpty { return nil }
        if let exact = FirearmType(rawValue: s.replacingSpaces(with: "_")) {
            self = exact
            return
        }
        func has(_ words: String...) -> Bool { words.contains { s.contains($0) } }
        // Spanish names as Mexican agencies write them: pistola, revólver, rifle, escopeta,
        // carabina, fusil, ametralladora, subametralladora.
        if has("ametralladora") {
            self = .machineGun
        } else if has("privately", "pmf", "ghost", "polymer80", "80%", "80 percent", "unserialized") {
            self = .privatelyMade
        } else if has("machine gun", "machinegun", "submachine", "sub-machine", "full auto", "full-auto")
            || s == "mg"
        {
            self = .machineGun
        } else if has("receiver", "frame", "lower") {
            self = .receiverFrame
        } else if has("derringer") {
            self = .derringer
        } else if has("revolver", "revólver") {
            self = .revolver
        } else if has("pistol", "handgun", "semi-auto pistol") {
            self = .pistol
        } else if has("shotgun", "shot gun", "escopeta") {
            self = .shotgun
        } else if has("rifle", "carbine", "carabina", "fusil") {
            self = .rifle
        } else {
            return nil
        }
    }
}

extension StringProtocol {
    /// Trims ASCII spaces, tabs, CR, LF and no-break spaces at both ends.
    public func trimmingASCIISpaces() -> String { trimASCIISpaces(String(self)) }

    func replacingSpaces(with replacement: Character) -> String {
        String(self.map { $0 == " " ? replacement : $0 })
    }
}

extension String {
    /// Trims ASCII spaces, tabs, CR, LF and no-break spaces at both ends (concrete, for hot paths).
    public func trimmingASCIISpaces() -> String { trimASCIISpaces(self) }
}

/// Works on UTF-8 bytes: this runs on every field of every row read.
@usableFromInline
func trimASCIISpaces(_ s: String) -> String {
    @inline(__always) func space(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 10 || b == 13 }
    // Most fields need no trimming: decide from the contiguous bytes without walking indices.
    let clean = s.utf8.withContiguousStorageIfAvailable { p -> Bool in
        guard let first = p.first, let last = p.last else { return true }
        return !space(first) && !space(last) && first != 0xC2 && last != 0xA0
    }
    if clean == true { return s }
    let u = s.utf8
    guard !u.isEmpty else { return "" }
    var start = u.startIndex
    var end = u.endIndex
    while start < end {
        let b = u[start]
        if space(b) {
            start = u.index(after: start)
        } else if b == 0xC2, u.index(after: start) < end, u[u.index(after: start)] == 0xA0 {
            start = u.index(start, offsetBy: 2)
        } else {
            break
        }
    }
    while end > start {
        let before = u.index(before: end)
        let b = u[before]
        if space(b) {
            end = before
        } else if b == 0xA0, before > start, u[u.index(before: before)] == 0xC2 {
            end = u.index(before: before)
        } else {
            break
        }
    }
    return String(s[start..<end])
}
