/// A purchaser or possessor. The id and pseudonym travel everywhere; the PII (name, birth date,
/// address, phone) is kept apart and shown only to roles allowed to see it.
public struct Person: Hashable, Sendable {
    public var id: Int64
    /// A stable pseudonym safe to show anyone ("P-0004711").
    public var pseudonym: String
    public var pii: PersonPII

    public init(id: Int64, pseudonym: String, pii: PersonPII) {
        self.id = id
        self.pseudonym = pseudonym
        self.pii = pii
    }

    /// The default pseudonym of a person id.
    public static func pseudonym(for id: Int64) -> String {
        let s = String(id)
        return "P-" + String(repeating: "0", count: max(0, 7 - s.count)) + s
    }
}

/// Personally identifying information about a person.
public struct PersonPII: Hashable, Sendable {
    public var lastName: String
    public var firstName: String
    public var birthDate: CivilDate?
    public var street: String
    public var city: String
    public var state: String
    public var zip: String
    public var phone: String

    public init(
        lastName: String,
        firstName: String,
        birthDate: CivilDate?,
        street: String,
        city: String,
        state: String,
        zip: String,
        phone: String
    ) {
        self.lastName = lastName
        self.firstName = firstName
        self.birthDate = birthDate
        self.street = street
        self.city = city
        self.state = state
        self.zip = zip
        self.phone = phone
    }
}
