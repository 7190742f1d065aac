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
        if has("privately", "pmf", "ghost", "polymer80", "80%", "80 percent", "unserialized") {
            self = .privatelyMade
        } else if has("machine gun", "machinegun", "submachine", "sub-machine", "full auto", "full-auto")
            || s == "mg"
        {
            self = .machineGun
        } else if has("receiver", "frame", "lower") {
            self = .receiverFrame
        } else if has("derringer") {
            self = .derringer
        } else if has("revolver") {
            self = .revolver
        } else if has("pistol", "handgun", "semi-auto pistol") {
            self = .pistol
        } else if has("shotgun", "shot gun") {
            self = .shotgun
        } else if has("rifle", "carbine") {
            self = .rifle
        } else {
            return nil
        }
    }
}

extension StringProtocol {
    /// Trims ASCII spaces, tabs, CR and LF at both ends.
    public func trimmingASCIISpaces() -> String {
        var start = startIndex
        var end = endIndex
        while start < end, self[start] == " " || self[start] == "\t" || self[start] == "\r\n" || self[start] == "\n" || self[start] == "\r" || self[start] == "\u{A0}" { start = index(after: start) }
        while end > start {
            let before = index(before: end)
            let c = self[before]
            if c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\r\n" || c == "\u{A0}" { end = before } else { break }
        }
        return String(self[start..<end])
    }

    func replacingSpaces(with replacement: Character) -> String {
        String(self.map { $0 == " " ? replacement : $0 })
    }
}
