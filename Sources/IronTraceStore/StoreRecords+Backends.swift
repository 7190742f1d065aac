import Foundation
import IronTraceFormats

// What a backend other than SQLite builds: the records' memberwise initialisers are internal to this
// module, these make them available to the backends of this package (not to users of the library).

extension ImportSummary {
    package static func make(
        file: String,
        format: String,
        sha256: String,
        rowsRead: Int,
        rowsStored: Int,
        rowsRejected: Int,
        sampleRejections: [Rejection],
        previousImportID: Int64?,
        importID: Int64?,
        seconds: Double,
        dryRun: Bool
    ) -> ImportSummary {
        ImportSummary(
            file: file,
            format: format,
            sha256: sha256,
            rowsRead: rowsRead,
            rowsStored: rowsStored,
            rowsRejected: rowsRejected,
            sampleRejections: sampleRejections,
            previousImportID: previousImportID,
            importID: importID,
            seconds: seconds,
            dryRun: dryRun
        )
    }
}

extension ImportLedgerEntry {
    package static func make(
        id: Int64,
        file: String,
        format: String,
        sha256: String,
        rowsRead: Int,
        rowsStored: Int,
        rowsRejected: Int,
        startedAt: String,
        finishedAt: String
    ) -> ImportLedgerEntry {
        ImportLedgerEntry(
            id: id,
            file: file,
            format: format,
            sha256: sha256,
            rowsRead: rowsRead,
            rowsStored: rowsStored,
            rowsRejected: rowsRejected,
            startedAt: startedAt,
            finishedAt: finishedAt
        )
    }
}

extension ImportConflict {
    package static func make(
        importID: Int64,
        file: String,
        line: Int,
        table: String,
        key: String,
        newValue: Double,
        storedValue: Double,
        storedImportID: Int64,
        storedFile: String
    ) -> ImportConflict {
        ImportConflict(
            importID: importID,
            file: file,
            line: line,
            table: table,
            key: key,
            newValue: newValue,
            storedValue: storedValue,
            storedImportID: storedImportID,
            storedFile: storedFile
        )
    }
}

extension ConflictGroup {
    package static func make(
        table: String,
        importID: Int64,
        file: String,
        storedImportID: Int64,
        storedFile: String,
        count: Int,
        largest: [ImportConflict]
    ) -> ConflictGroup {
        ConflictGroup(
            table: table,
            importID: importID,
            file: file,
            storedImportID: storedImportID,
            storedFile: storedFile,
            count: count,
            largest: largest
        )
    }
}

extension UserAccount {
    package static func make(
        id: Int64,
        name: String,
        role: Role,
        passwordHash: String,
        mustChangePassword: Bool,
        createdAt: String
    ) -> UserAccount {
        UserAccount(
            id: id,
            name: name,
            role: role,
            passwordHash: passwordHash,
            mustChangePassword: mustChangePassword,
            createdAt: createdAt
        )
    }
}

extension AuditEntry {
    package static func make(id: Int64, at: String, user: String, action: String, target: String, detail: String)
        -> AuditEntry
    {
        AuditEntry(id: id, at: at, user: user, action: action, target: target, detail: detail)
    }
}

extension APITokenInfo {
    package static func make(id: String, label: String, createdAt: String) -> APITokenInfo {
        APITokenInfo(id: id, label: label, createdAt: createdAt)
    }
}

extension SessionRecord {
    package static func make(user: UserAccount, csrf: String, expiresAt: Date) -> SessionRecord {
        SessionRecord(user: user, csrf: csrf, expiresAt: expiresAt)
    }
}
