import NIOCore
import PostgresNIO

/// PostgreSQL's COPY text format: one row a line, fields separated by tabs, `\N` for NULL, and
/// backslash, tab, newline and carriage return escaped with a backslash.
enum CopyText {
    /// One row: the file line first when given, then the values, then `suffix` (a value every row
    /// shares, such as the import id) when given.
    static func append(line: Int?, _ values: [String?], suffix: String?, to buffer: inout ByteBuffer) {
        var first = true
        if let line {
            buffer.writeString(String(line))
            first = false
        }
        for v in values {
            if !first { buffer.writeInteger(UInt8(ascii: "\t")) }
            first = false
            field(v, &buffer)
        }
        if let suffix {
            if !first { buffer.writeInteger(UInt8(ascii: "\t")) }
            buffer.writeString(suffix)
        }
        buffer.writeInteger(UInt8(ascii: "\n"))
    }

    static func append(_ values: [String?], to buffer: inout ByteBuffer) {
        for (i, v) in values.enumerated() {
            if i > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
            field(v, &buffer)
        }
        buffer.writeInteger(UInt8(ascii: "\n"))
    }

    private static func field(_ v: String?, _ buffer: inout ByteBuffer) {
        guard let v else {
            buffer.writeStaticString("\\N")
            return
        }
        var needsEscape = false
        for b in v.utf8 where b == 0x5C || b == 0x09 || b == 0x0A || b == 0x0D {
            needsEscape = true
            break
        }
        guard needsEscape else {
            buffer.writeString(v)
            return
        }
        for b in v.utf8 {
            switch b {
            case 0x5C: buffer.writeStaticString("\\\\")
            case 0x09: buffer.writeStaticString("\\t")
            case 0x0A: buffer.writeStaticString("\\n")
            case 0x0D: buffer.writeStaticString("\\r")
            default: buffer.writeInteger(b)
            }
        }
    }

    /// A cell as the SQLite store's export writes it: integers and reals in Swift's notation, NULL
    /// empty; `wholeNumber` writes a real without fraction as an integer (area measure values).
    static func text(of cell: PostgresCell, wholeNumber: Bool) throws -> String {
        guard cell.bytes != nil else { return "" }
        switch cell.dataType {
        case .int8, .int4, .int2: return String(try cell.decode(Int64.self))
        case .float8, .float4:
            let d = try cell.decode(Double.self)
            if wholeNumber, d == d.rounded(), abs(d) < 9e15 { return String(Int64(d)) }
            return String(d)
        default: return try cell.decode(String.self)
        }
    }
}
