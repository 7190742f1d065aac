import CInflate
import HTTPTypes
import Hummingbird
import NIOCore

/// Compresses text responses (pages, CSS, script, JSON, CSV, SVG) with gzip for clients that accept
/// it: a dashboard page of tables and charts is mostly repeated markup and shrinks about five to ten
/// times. Small bodies (under 1 KiB), bodies of unknown length and anything already encoded pass
/// as they are; every answer says `Vary: Accept-Encoding` so a cache keeps the two apart.
struct GzipMiddleware<Context: RequestContext>: RouterMiddleware {
    static var minimumBytes: Int { 1024 }
    /// Bodies larger than this stream as they are (our largest pages are well under it).
    static var maximumBytes: Int { 32 << 20 }
    static var compressibleTypes: Set<String> {
        [
            "text/html", "text/css", "text/csv", "text/plain", "text/javascript", "application/javascript",
            "application/json", "image/svg+xml", "application/xml", "application/graphml+xml",
        ]
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var response = try await next(request, context)
        response.headers[.vary] = response.headers[.vary].map { $0 + ", Accept-Encoding" } ?? "Accept-Encoding"
        guard request.method != .head, Self.acceptsGzip(request.headers[.acceptEncoding]),
            response.headers[.contentEncoding] == nil,
            let length = response.body.contentLength, length >= Self.minimumBytes, length <= Self.maximumBytes,
            let type = response.headers[.contentType]?.split(separator: ";").first.map(String.init),
            Self.compressibleTypes.contains(type)
        else { return response }
        let collected = Collected()
        try await response.body.write(Collector(into: collected))
        guard let gzipped = Gzip.compress(collected.buffer) else { return response }
        response.body = ResponseBody(byteBuffer: gzipped)
        response.headers[.contentEncoding] = "gzip"
        response.headers[.contentLength] = String(gzipped.readableBytes)
        return response
    }

    /// Whether an Accept-Encoding header allows gzip (`gzip`, `gzip;q=0.5`, `*`; not `gzip;q=0`).
    static func acceptsGzip(_ header: String?) -> Bool {
        guard let header else { return false }
        for part in header.split(separator: ",") {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let coding = pieces.first, coding == "gzip" || coding == "*" else { continue }
            let q = pieces.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return q > 0
        }
        return false
    }
}

/// Where a body is collected before it is compressed (the writer is consumed by the body).
final class Collected: @unchecked Sendable {
    var buffer = ByteBuffer()
}

struct Collector: ResponseBodyWriter {
    let into: Collected
    mutating func write(_ buffer: ByteBuffer) async throws {
        var b = buffer
        into.buffer.writeBuffer(&b)
    }
    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}

/// gzip (RFC 1952) through zlib, whole buffers only.
enum Gzip {
    static func compress(_ input: ByteBuffer, level: Int32 = 6) -> ByteBuffer? {
        var stream = z_stream()
        // 15 window bits + 16: a gzip header and trailer instead of zlib's.
        guard
            deflateInit2_(
                &stream,
                level,
                Z_DEFLATED,
                MAX_WBITS + 16,
                8,
                Z_DEFAULT_STRATEGY,
                ZLIB_VERSION,
                Int32(MemoryLayout<z_stream>.size)
            ) == Z_OK
        else { return nil }
        defer { deflateEnd(&stream) }
        var source = Array(input.readableBytesView)
        let bound = Int(deflateBound(&stream, UInt(source.count)))
        var out = [UInt8](repeating: 0, count: bound)
        let status = source.withUnsafeMutableBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst -> Int32 in
                stream.next_in = src.baseAddress
                stream.avail_in = UInt32(src.count)
                stream.next_out = dst.baseAddress
                stream.avail_out = UInt32(dst.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { return nil }
        return ByteBuffer(bytes: out.prefix(Int(stream.total_out)))
    }
}
