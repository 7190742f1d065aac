import CBZip2
import Foundation

/// Streams the decompressed bytes of a `.bz2` file (libbz2), one chunk at a time, so published
/// files shipped compressed are read as they are, with flat memory. Concatenated streams (as
/// `pbzip2` writes) are read one after another.
final class BZip2Stream {
    private let handle: FileHandle
    private var stream = bz_stream()
    private var input: [UInt8] = []
    private var inputOffset = 0
    private var finished = false
    private var open = false
    let path: String

    init(path: String, handle: FileHandle) throws(FormatError) {
        self.path = path
        self.handle = handle
        try begin()
    }

    private func begin() throws(FormatError) {
        stream = bz_stream()
        guard BZ2_bzDecompressInit(&stream, 0, 0) == BZ_OK else {
            throw FormatError(file: path, reason: "cannot start bzip2 decompression")
        }
        open = true
    }

    deinit { if open { BZ2_bzDecompressEnd(&stream) } }

    /// The next decompressed chunk, nil at the end; a damaged stream ends with an error.
    func next(upTo size: Int) throws(FormatError) -> [UInt8]? {
        if finished || size <= 0 { return nil }
        var out = [UInt8](repeating: 0, count: size)
        var produced = 0
        while produced == 0 {
            if inputOffset >= input.count {
                let data = (try? handle.read(upToCount: 1 << 20)) ?? nil
                input = data.map { [UInt8]($0) } ?? []
                inputOffset = 0
                if input.isEmpty {
                    finished = true
                    if open {
                        throw FormatError(file: path, reason: "the bzip2 stream ends early (truncated file)")
                    }
                    return nil
                }
            }
            var status: Int32 = 0
            input.withUnsafeMutableBufferPointer { inBuf in
                out.withUnsafeMutableBufferPointer { outBuf in
                    // Both buffers are non-empty here (input was refilled above, size > 0).
                    guard let inBase = inBuf.baseAddress, let outBase = outBuf.baseAddress else {
                        status = BZ_PARAM_ERROR
                        return
                    }
                    stream.next_in = UnsafeMutableRawPointer(inBase + inputOffset).assumingMemoryBound(to: CChar.self)
                    stream.avail_in = UInt32(inBuf.count - inputOffset)
                    stream.next_out = UnsafeMutableRawPointer(outBase).assumingMemoryBound(to: CChar.self)
                    stream.avail_out = UInt32(size)
                    status = BZ2_bzDecompress(&stream)
                    inputOffset = inBuf.count - Int(stream.avail_in)
                    produced = size - Int(stream.avail_out)
                }
            }
            if status == BZ_STREAM_END {
                BZ2_bzDecompressEnd(&stream)
                open = false
                // Another stream may follow (concatenated .bz2).
                if inputOffset < input.count || !isAtEndOfFile() {
                    try begin()
                } else {
                    finished = produced == 0
                }
            } else if status != BZ_OK {
                throw FormatError(file: path, reason: "damaged bzip2 data (libbz2 status \(status))")
            }
        }
        return Array(out[0..<produced])
    }

    private func isAtEndOfFile() -> Bool {
        let data = (try? handle.read(upToCount: 1 << 20)) ?? nil
        guard let data, !data.isEmpty else { return true }
        input = [UInt8](data)
        inputOffset = 0
        return false
    }
}
