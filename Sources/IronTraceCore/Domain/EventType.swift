/// ACLED's event types and sub-event types, the taxonomy every armed-violence event is mapped to.
/// Source: ACLED Codebook (2023), section "Event types and sub-event types".
public enum EventType: String, CaseIterable, Sendable, Codable {
    case battles = "Battles"
    case violenceAgainstCivilians = "Violence against civilians"
    case explosionsRemoteViolence = "Explosions/Remote violence"
    case riots = "Riots"
    case protests = "Protests"
    case strategicDevelopments = "Strategic developments"

    public var subTypes: [String] {
        switch self {
        case .battles: ["Armed clash", "Government regains territory", "Non-state actor overtakes territory"]
        case .violenceAgainstCivilians: ["Sexual violence", "Attack", "Abduction/forced disappearance"]
        case .explosionsRemoteViolence:
            [
                "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
                "Remote explosive/landmine/IED", "Grenade",
            ]
        case .riots: ["Violent demonstration", "Mob violence"]
        case .protests: ["Peaceful protest", "Protest with intervention", "Excessive force against protesters"]
        case .strategicDevelopments:
            [
                "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                "Headquarters or base established", "Looting/property destruction", "Non-violent transfer of territory",
                "Other",
            ]
        }
    }

    /// The event type whose sub-types contain `subType` (case-insensitive).
    public static func of(subType: String) -> EventType? {
        let s = subType.lowercased()
        return allCases.first { $0.subTypes.contains { $0.lowercased() == s } }
    }
}
