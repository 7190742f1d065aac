/// Words for synthetic people, streets and shops. Every combination is invented; phone numbers use
/// the 555-01xx block that US numbering reserves for fiction.
enum SyntheticNames {
    static let first = [
        "James", "Maria", "Robert", "Jose", "Michael", "Ana", "David", "Laura", "Daniel", "Sofia", "Carlos",
        "Jennifer", "Luis", "Emily", "Juan", "Sarah", "Miguel", "Jessica", "Brian", "Rosa", "Kevin", "Elena",
        "Jorge", "Ashley", "Steven", "Carmen", "Eric", "Diana", "Ricardo", "Megan", "Anthony", "Patricia",
        "Victor", "Amanda", "Jason", "Gabriela", "Mark", "Teresa", "Adrian", "Nicole",
    ]
    static let last = [
        "Smith", "Garcia", "Johnson", "Martinez", "Williams", "Rodriguez", "Brown", "Hernandez", "Jones", "Lopez",
        "Davis", "Gonzalez", "Miller", "Perez", "Wilson", "Sanchez", "Moore", "Ramirez", "Taylor", "Torres",
        "Anderson", "Flores", "Thomas", "Rivera", "Jackson", "Gomez", "White", "Diaz", "Harris", "Reyes",
        "Clark", "Cruz", "Lewis", "Morales", "Walker", "Ortiz", "Hall", "Gutierrez", "Young", "Chavez",
    ]
    static let streets = [
        "Oak", "Pine", "Maple", "Cedar", "Elm", "Main", "Washington", "Lake", "Hill", "Sunset", "Mesquite",
        "Cactus", "Ranch", "River", "Park", "Mission", "Border", "Valley", "Desert", "Prairie",
    ]
    static let streetKinds = ["St", "Ave", "Rd", "Dr", "Ln", "Blvd"]
    static let shopWords = [
        "Frontier", "Lone Star", "Patriot", "Liberty", "Eagle", "Desert", "Canyon", "Trailhead", "Outpost",
        "Ironwood", "Red River", "Big Country", "Freedom", "Pioneer", "Heritage", "Longhorn",
    ]
    static let shopKinds = ["Guns", "Firearms", "Gun Exchange", "Outdoors", "Pawn & Gun", "Sporting Goods", "Arms"]
}
