import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What the process is running right now, for the watchdog thread and the crash handler: both
/// must say which reader and iteration to replay, and neither may allocate or lock.
enum Current {
    /// Monotonic nanoseconds when the current input started; 0 between inputs.
    static let startedAt = Atomic<UInt64>(0)
    static let iteration = Atomic<Int>(0)
    /// "irontrace-fuzz: <what> in reader R (seed S); input kept at P; replay: ... --start " as a C
    /// string, built before the reader starts so the signal handler only writes bytes.
    nonisolated(unsafe) static var replayPrefix: UnsafeMutablePointer<CChar>?
    nonisolated(unsafe) static var replayPrefixLength = 0
    nonisolated(unsafe) static var digits = UnsafeMutablePointer<CChar>.allocate(capacity: 32)

    static func now() -> UInt64 {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_nsec)
    }

    /// Sets the replay line for a reader (called between readers, never during an input).
    static func prepare(reader: String, seed: UInt64, path: String) {
        let text =
            "reader \(reader) (seed \(seed)); input kept at \(path); replay: irontrace-fuzz --reader \(reader) --seed \(seed) --iterations 1 --start "
        replayPrefix?.deallocate()
        let bytes = Array(text.utf8)
        let p = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count + 1)
        for (i, b) in bytes.enumerated() { p[i] = CChar(bitPattern: b) }
        p[bytes.count] = 0
        replayPrefix = p
        replayPrefixLength = bytes.count
    }

    /// Writes `message`, the replay line and the current iteration to stderr without allocating.
    static func report(_ message: StaticString) {
        _ = write(2, message.utf8Start, message.utf8CodeUnitCount)
        if let p = replayPrefix { _ = write(2, p, replayPrefixLength) }
        var n = iteration.load(ordering: .relaxed)
        var len = 0
        repeat {
            digits[len] = CChar(48 + n % 10)
            n /= 10
            len += 1
        } while n > 0 && len < 31
        var i = 0
        while i < len / 2 {
            let t = digits[i]
            digits[i] = digits[len - 1 - i]
            digits[len - 1 - i] = t
            i += 1
        }
        digits[len] = 10
        _ = write(2, digits, len + 1)
    }
}

/// The handlers installed before ours (the Swift runtime's backtracer), restored on a crash.
nonisolated(unsafe) var previousActions: [sigaction] = Array(repeating: sigaction(), count: 65)

/// A crash (a Swift trap is SIGILL or SIGTRAP, a bad access SIGSEGV or SIGBUS) prints the replay
/// line, then hands the signal to the handler that was there before (the Swift backtracer prints
/// the stack) so the process still dies of it.
func installCrashHandlers() {
    for sig in [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGABRT, SIGFPE] {
        var action = sigaction()
        #if os(Linux)
            action.__sigaction_handler.sa_handler = { s in
                Current.report("\nirontrace-fuzz: CRASH (fatal signal) in ")
                var previous = previousActions[Int(s)]
                sigaction(s, &previous, nil)
                raise(s)
            }
        #else
            action.__sigaction_u.__sa_handler = { s in
                Current.report("\nirontrace-fuzz: CRASH (fatal signal) in ")
                var previous = previousActions[Int(s)]
                sigaction(s, &previous, nil)
                raise(s)
            }
        #endif
        action.sa_flags = Int32(SA_NODEFER)
        sigaction(sig, &action, &previousActions[Int(sig)])
    }
}

/// Aborts the process when one input runs longer than `timeout` seconds (a hang).
func startWatchdog(timeout: Double) {
    let limit = UInt64(timeout * 1e9)
    let thread = Thread {
        while true {
            usleep(100_000)
            let started = Current.startedAt.load(ordering: .relaxed)
            if started != 0 && Current.now() &- started > limit {
                Current.report("\nirontrace-fuzz: HANG (one input ran past the watchdog's limit) in ")
                _exit(3)
            }
        }
    }
    thread.start()
}

/// Peak resident memory of the process so far, in bytes.
///
/// On Linux from `/proc/self/status` (VmHWM, this process's own memory): `getrusage`'s maximum is
/// kept across `execve`, so a harness started by a large process (the test runner, 1.1 GiB) read
/// its parent's peak and reported a violation of the memory limit at its first input.
func peakRSS() -> Int {
    var usage = rusage()
    #if os(Linux)
        if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kB = Int(line.dropFirst(6).trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "")
        {
            return kB * 1024
        }
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return usage.ru_maxrss * 1024
    #else
        getrusage(RUSAGE_SELF, &usage)
        return usage.ru_maxrss
    #endif
}
