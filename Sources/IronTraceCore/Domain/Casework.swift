import Foundation

// The analyst's own records: cases opened from leads or entities, and watch lists that raise an
// alert when a new trace touches a watched dealer, person or serial. Values and their rules only;
// the store keeps them (with an audit row for every change) and the network module matches them.

/// An investigation an analyst opened: what it holds, where it stands, who may see it.
public struct CaseFile: Sendable, Hashable, Codable {
    public enum Status: String, CaseIterable, Sendable, Codable {
        case open, referred, closed
    }

    public var id: Int64
    public var title: String
    public var status: Status
    /// The agency the case was referred to ("" until it is referred).
    public var referredTo: String
    /// Seen only by its owner and administrators; other cases are seen by every analyst.
    public var restricted: Bool
    /// The account that opened it.
    public var owner: String
    public var openedAt: String
    public var updatedAt: String
    /// What it was opened from: `lead:3`, `person:12`, `dealer:5`, ... or "".
    public var origin: String

    public init(
        id: Int64,
        title: String,
        status: Status,
        referredTo: String,
        restricted: Bool,
        owner: String,
        openedAt: String,
        updatedAt: String,
        origin: String
    ) {
        self.id = id
        self.title = title
        self.status = status
        self.referredTo = referredTo
        self.restricted = restricted
        self.owner = owner
        self.openedAt = openedAt
        self.updatedAt = updatedAt
        self.origin = origin
    }

    /// Whether `user` with `isAdmin` may see (and so work on) this case.
    public func isVisible(to user: String, isAdmin: Bool) -> Bool { !restricted || isAdmin || owner == user }
}

/// One entity in a case, by the link graph's reference (`person:12`, `dealer:5`, `firearm:88`,
/// `recovery:7`, `event:3`).
public struct CaseItem: Sendable, Hashable, Codable {
    public var caseID: Int64
    public var ref: String
    public var addedBy: String
    public var addedAt: String

    public init(caseID: Int64, ref: String, addedBy: String, addedAt: String) {
        self.caseID = caseID
        self.ref = ref
        self.addedBy = addedBy
        self.addedAt = addedAt
    }
}

/// A note on a case, never edited: a correction is a new note.
public struct CaseNote: Sendable, Hashable, Codable {
    public var id: Int64
    public var caseID: Int64
    public var author: String
    public var at: String
    public var text: String

    public init(id: Int64, caseID: Int64, author: String, at: String, text: String) {
        self.id = id
        self.caseID = caseID
        self.author = author
        self.at = at
        self.text = text
    }
}

/// Something an analyst wants to hear about: a dealer (by licence number), a person (by record id)
/// or a serial pattern (`*` any run of characters, `?` one character).
public struct Watch: Sendable, Hashable, Codable {
    public enum Kind: String, CaseIterable, Sendable, Codable {
        case dealer, person, serial
    }

    public var id: Int64
    public var kind: Kind
    /// A licence number (dealer), a person's record id (person) or a pattern in normal form (serial).
    public var value: String
    /// Why it is watched, in the analyst's words.
    public var note: String
    public var owner: String
    public var createdAt: String
    /// Traces with ids up to this one existed when the watch was set: only later ones alert.
    public var sinceTrace: Int64
    public var active: Bool

    public init(
        id: Int64,
        kind: Kind,
        value: String,
        note: String,
        owner: String,
        createdAt: String,
        sinceTrace: Int64,
        active: Bool
    ) {
        self.id = id
        self.kind = kind
        self.value = value
        self.note = note
        self.owner = owner
        self.createdAt = createdAt
        self.sinceTrace = sinceTrace
        self.active = active
    }
}

/// A new trace that touched a watched entity: raised once per watch and trace.
public struct WatchAlert: Sendable, Hashable, Codable {
    /// What in the trace matched the watch.
    public enum Match: String, CaseIterable, Sendable, Codable {
        /// The trace's source dealer is the watched dealer.
        case dealer
        /// The watched person bought the traced gun.
        case purchaser
        /// The gun was recovered from the watched person.
        case possessor
        /// The recovered gun's serial, or the serial of the sale it traced to, fits the pattern.
        case serial
    }

    public var id: Int64
    public var watchID: Int64
    public var traceID: Int64
    public var match: Match
    public var raisedAt: String
    /// "" until somebody marks it seen.
    public var acknowledgedBy: String
    public var acknowledgedAt: String
    /// The watch, as it was when read (kind, value, note, owner).
    public var watch: Watch?

    public init(
        id: Int64,
        watchID: Int64,
        traceID: Int64,
        match: Match,
        raisedAt: String,
        acknowledgedBy: String = "",
        acknowledgedAt: String = "",
        watch: Watch? = nil
    ) {
        self.id = id
        self.watchID = watchID
        self.traceID = traceID
        self.match = match
        self.raisedAt = raisedAt
        self.acknowledgedBy = acknowledgedBy
        self.acknowledgedAt = acknowledgedAt
        self.watch = watch
    }
}

/// The limits every writer applies (store, server and CLI say the same thing).
public enum Casework {
    public static let maxTitle = 200
    public static let maxNote = 4000
    public static let maxAgency = 200
    public static let maxRef = 120
    public static let maxItemsPerCase = 2000
    public static let maxPattern = 40

    /// What is wrong with a case title, or nil.
    public static func problem(title: String) -> String? {
        let t = title.trimmingCharacters(in: .whitespacesAndNewlines)
        if t.isEmpty { return "a case needs a title" }
        if t.count > maxTitle { return "a case title is at most \(maxTitle) characters (this one has \(t.count))" }
        return nil
    }

    public static func problem(note: String) -> String? {
        let t = note.trimmingCharacters(in: .whitespacesAndNewlines)
        if t.isEmpty { return "a note cannot be empty" }
        if t.count > maxNote { return "a note is at most \(maxNote) characters (this one has \(t.count))" }
        return nil
    }

    public static func problem(agency: String, status: CaseFile.Status) -> String? {
        let t = agency.trimmingCharacters(in: .whitespacesAndNewlines)
        if status == .referred && t.isEmpty { return "a referral names the agency it goes to" }
        if t.count > maxAgency { return "an agency name is at most \(maxAgency) characters" }
        return nil
    }

    /// What is wrong with an entity reference (`kind:value`), or nil. Whether it names an entity
    /// that exists is the snapshot's question, not this one.
    public static func problem(ref: String) -> String? {
        let kinds = ["person", "dealer", "firearm", "recovery", "event"]
        guard ref.count <= maxRef, let colon = ref.firstIndex(of: ":") else {
            return "'\(ref.prefix(maxRef))' is not an entity reference such as person:12 or dealer:5"
        }
        let kind = String(ref[..<colon])
        let value = ref[ref.index(after: colon)...]
        guard kinds.contains(kind) else {
            return "a case holds \(kinds.joined(separator: ", ")); not '\(kind.prefix(40))'"
        }
        guard !value.isEmpty, value.allSatisfy({ $0.isASCII && $0.isNumber }), value.count <= 18 else {
            return "'\(ref.prefix(maxRef))' must end in a record number"
        }
        return nil
    }
}

/// A serial pattern a watch matches against normal forms: `*` any run of characters (none
/// included), `?` exactly one; the rest in serial normal form (upper case, no separators).
public struct SerialPattern: Sendable, Hashable, CustomStringConvertible {
    /// The pattern in normal form, with `*` and `?`.
    public let text: String

    public struct Problem: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// Parses what a user typed; refuses a pattern that would match almost anything (fewer than
    /// three known characters) or is longer than ``Casework/maxPattern``.
    public init(_ typed: String) throws(Problem) {
        guard typed.count <= Casework.maxPattern else {
            throw Problem(description: "a serial pattern is at most \(Casework.maxPattern) characters")
        }
        // Each run between stars normalised as a serial (where `?` and `#` stay one unknown
        // character), then joined back with single stars.
        let runs = typed.split(separator: "*", omittingEmptySubsequences: false).map {
            SerialNumber.normalize($0)
        }
        var text = ""
        for (i, run) in runs.enumerated() {
            if i > 0 && !text.hasSuffix("*") { text += "*" }
            text += run
        }
        let known = text.utf8.count { $0 != UInt8(ascii: "*") && $0 != UInt8(ascii: "?") }
        guard known >= 3 else {
            throw Problem(
                description:
                    "serial pattern '\(typed)' needs at least 3 known characters, or it would match almost every gun"
            )
        }
        self.text = text
    }

    public var description: String { text }

    /// Whether a serial's normal form fits. Linear in practice: the classic two-pointer glob
    /// match, backtracking only to the last star.
    public func matches(_ normal: String) -> Bool {
        let p = Array(text.utf8)
        let s = Array(normal.utf8)
        var i = 0
        var j = 0
        var star = -1
        var mark = 0
        while j < s.count {
            if i < p.count && (p[i] == UInt8(ascii: "?") || p[i] == s[j]) {
                i += 1
                j += 1
            } else if i < p.count && p[i] == UInt8(ascii: "*") {
                star = i
                mark = j
                i += 1
            } else if star >= 0 {
                i = star + 1
                mark += 1
                j = mark
            } else {
                return false
            }
        }
        while i < p.count && p[i] == UInt8(ascii: "*") { i += 1 }
        return i == p.count
    }
}
