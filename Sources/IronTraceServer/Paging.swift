import Foundation

/// `page` and `per_page` as every list reads them, pages and API alike: whole numbers in range or a
/// 400 with the API's JSON error (`bad_request`), never clamped silently. The bounds keep the
/// offset `(page - 1) * perPage` far below `Int.max`, so no query can make the arithmetic trap.
struct Paging: Sendable, Equatable {
    /// The highest page number accepted; past it a list is empty anyway at any size we serve.
    static let maxPage = 1_000_000
    static let maxPerPage = 500

    let page: Int
    let perPage: Int

    init(page: Int = 1, perPage: Int) {
        self.page = page
        self.perPage = perPage
    }

    /// Reads `page` and (when `perPageAllowed`) `per_page` from a query.
    init(_ q: [String: String], defaultPerPage: Int, perPageAllowed: Bool = true) throws(AppError) {
        page = try Self.number(q["page"], name: "page", default: 1, range: 1...Self.maxPage)
        if perPageAllowed {
            perPage = try Self.number(
                q["per_page"],
                name: "per_page",
                default: defaultPerPage,
                range: 1...Self.maxPerPage
            )
        } else {
            perPage = defaultPerPage
        }
    }

    static func number(_ text: String?, name: String, default value: Int, range: ClosedRange<Int>) throws(AppError)
        -> Int
    {
        guard let text else { return value }
        let t = text.trimmingCharacters(in: .whitespaces)
        // Digits only (no sign, no exponent), and short enough that Int(...) cannot overflow.
        guard !t.isEmpty, t.utf8.count <= 9, t.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let n = Int(t),
            range.contains(n)
        else {
            throw AppError.badRequest(
                "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound)"
                    + " (got '\(t.prefix(40))')"
            )
        }
        return n
    }

    /// Index of the first item on this page (at most 499,999,500).
    var offset: Int { (page - 1) * perPage }

    func pages(total: Int) -> Int { max(1, (max(0, total) + perPage - 1) / perPage) }

    /// This page's items of a collection (empty past the end).
    func slice<C: Collection>(_ items: C) -> C.SubSequence { items.dropFirst(offset).prefix(perPage) }
}
