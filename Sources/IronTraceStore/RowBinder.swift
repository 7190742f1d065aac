import GRDB
import GRDBSQLite

/// Binds one row's values by position straight onto a prepared SQLite statement: the import hot
/// path, without boxing each value. Only this target touches the SQLite C API. Made without a
/// statement, it collects the values as text instead (nil for NULL): the rows PostgreSQL's COPY reads.
struct RowBinder {
    let statement: OpaquePointer!
    private(set) var index: Int32 = 1
    private(set) var texts: [String?] = []

    init(_ statement: OpaquePointer) {
        self.statement = statement
        sqlite3_reset(statement)
    }

    /// A binder that keeps the row's values as text.
    init(textColumns: Int) {
        statement = nil
        texts.reserveCapacity(textColumns)
    }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    mutating func add(_ v: Int64) {
        guard statement != nil else { return texts.append(String(v)) }
        sqlite3_bind_int64(statement, index, v)
        index += 1
    }
    mutating func add(_ v: Int) { add(Int64(v)) }
    mutating func add(_ v: Int64?) {
        if let v { add(v) } else { addNull() }
    }
    mutating func add(_ v: Int?) {
        if let v { add(Int64(v)) } else { addNull() }
    }
    mutating func add(_ v: Double?) {
        guard statement != nil else { return texts.append(v.map { String($0) }) }
        if let v { sqlite3_bind_double(statement, index, v) } else { sqlite3_bind_null(statement, index) }
        index += 1
    }
    mutating func add(_ v: String) {
        guard statement != nil else { return texts.append(v) }
        var s = v
        let i = index
        let stmt = statement
        s.withUTF8 { p in
            if p.count == 0 {
                _ = sqlite3_bind_text(stmt, i, "", 0, RowBinder.transient)
            } else {
                _ = p.withMemoryRebound(to: CChar.self) { c in
                    sqlite3_bind_text(stmt, i, c.baseAddress, Int32(c.count), RowBinder.transient)
                }
            }
        }
        index += 1
    }
    mutating func add(_ v: String?) {
        if let v { add(v) } else { addNull() }
    }
    mutating func addNull() {
        guard statement != nil else { return texts.append(nil) }
        sqlite3_bind_null(statement, index)
        index += 1
    }

    /// Runs the statement; returns the number of rows it changed (0 when a conflict skipped it).
    func step(_ db: Database) throws -> Int {
        let rc = sqlite3_step(statement)
        guard rc == SQLITE_DONE else {
            let message = String(cString: sqlite3_errmsg(db.sqliteConnection))
            throw StoreError(path: db.description, reason: "insert failed: \(message)")
        }
        return Int(sqlite3_changes(db.sqliteConnection))
    }
}
