import Foundation

/// A minimal W3C WebDriver client for Debian's chromium-driver: enough to drive a real headless
/// Chromium through the dashboard (navigate, find, type, click, read, run a script, screenshot).
final class WebDriver: @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static var chromedriver: String? {
        for p in ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"]
        where FileManager.default.isExecutableFile(atPath: p) {
            return p
        }
        return nil
    }
    static var chromium: String? {
        for p in ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        where FileManager.default.isExecutableFile(atPath: p) {
            return p
        }
        return nil
    }
    static var isAvailable: Bool {
        chromedriver != nil && chromium != nil && FileManager.default.isExecutableFile(atPath: "/usr/bin/curl")
    }

    private let process = Process()
    private let port: Int
    private var session = ""

    /// A desktop browser of 1400 × 1000 pixels, or with `phone`, a screen of `phone.width` ×
    /// `phone.height` CSS pixels at twice the density, as Chromium's device emulation draws it
    /// (a headless window cannot be narrower than 500 pixels).
    init(phone: (width: Int, height: Int)? = nil) async throws {
        guard let driver = Self.chromedriver, let browser = Self.chromium else {
            throw Failure(description: "chromium and chromium-driver are not installed")
        }
        let port = Int.random(in: 20_000..<40_000)
        process.executableURL = URL(fileURLWithPath: driver)
        process.arguments = ["--port=\(port)"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.port = port
        var lastError = ""
        var ready = false
        for _ in 0..<100 {
            do {
                let s = try await call("GET", "/status")
                if (s["value"] as? [String: Any])?["ready"] as? Bool == true {
                    ready = true
                    break
                }
            } catch { lastError = "\(error)" }
            try await Task.sleep(for: .milliseconds(100))
        }
        guard ready else {
            stopDriver()
            throw Failure(description: "chromedriver did not start on port \(port): \(lastError)")
        }
        var options: [String: Any] = [
            "binary": browser,
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1400,1000", "--lang=en-US",
            ],
        ]
        if let phone {
            options["mobileEmulation"] = [
                "deviceMetrics": ["width": phone.width, "height": phone.height, "pixelRatio": 2.0]
            ]
        }
        let caps: [String: Any] = [
            "capabilities": ["alwaysMatch": ["browserName": "chrome", "goog:chromeOptions": options]]
        ]
        let r: [String: Any]
        do { r = try await call("POST", "/session", caps) } catch {
            stopDriver()
            throw error
        }
        guard let v = r["value"] as? [String: Any], let id = v["sessionId"] as? String else {
            stopDriver()
            throw Failure(description: "no WebDriver session: \(r)")
        }
        session = id
    }

    func quit() async {
        if !session.isEmpty { _ = try? await call("DELETE", "/session/\(session)") }
        session = ""
        stopDriver()
    }

    /// Stops chromedriver for sure: SIGTERM, up to two seconds to exit, then SIGKILL. (No
    /// waitUntilExit: Foundation's wait can miss the exit of a terminated child on Linux.)
    private func stopDriver() {
        guard process.isRunning else { return }
        let pid = process.processIdentifier
        process.terminate()
        for _ in 0..<40 {
            if !process.isRunning || kill(pid, 0) != 0 { return }
            usleep(50_000)
        }
        kill(pid, SIGKILL)
    }

    deinit { stopDriver() }

    /// One WebDriver command, sent with curl (simple and dependable; `.ci/run` installs it).
    @discardableResult
    private func call(_ method: String, _ path: String, _ body: [String: Any]? = nil) async throws -> [String: Any] {
        var payload = Data()
        if let body {
            payload = try JSONSerialization.data(withJSONObject: body)
        } else if method == "POST" {
            payload = Data("{}".utf8)
        }
        let curl = Process()
        curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        curl.arguments =
            ["-s", "--max-time", "120", "-X", method, "http://127.0.0.1:\(port)\(path)"]
            + (method == "POST" ? ["-H", "Content-Type: application/json", "--data-binary", "@-"] : [])
        let input = Pipe()
        let output = Pipe()
        curl.standardInput = input
        curl.standardOutput = output
        curl.standardError = FileHandle.nullDevice
        try curl.run()
        try input.fileHandleForWriting.write(contentsOf: payload)
        try input.fileHandleForWriting.close()
        // Waiting for curl blocks a thread for as long as the page takes to load: never one of
        // Swift concurrency's few shared threads (2 on a 2-core machine), which the server under
        // test needs to answer that very page. Two browser tests at once used to deadlock so.
        let data = await withCheckedContinuation { (done: CheckedContinuation<Data, Never>) in
            DispatchQueue.global().async {
                let data = output.fileHandleForReading.readDataToEndOfFile()
                curl.waitUntilExit()
                done.resume(returning: data)
            }
        }
        guard curl.terminationStatus == 0 else {
            throw Failure(description: "\(method) \(path): curl exit \(curl.terminationStatus)")
        }
        let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
        if let v = object["value"] as? [String: Any], let e = v["error"] as? String {
            throw Failure(description: "\(method) \(path): \(e): \(v["message"] ?? "")")
        }
        return object
    }

    private func s(_ path: String) -> String { "/session/\(session)\(path)" }

    func go(_ url: String) async throws { try await call("POST", s("/url"), ["url": url]) }

    func currentURL() async throws -> String { try await call("GET", s("/url"))["value"] as? String ?? "" }

    func element(_ css: String) async throws -> String {
        let r = try await call("POST", s("/element"), ["using": "css selector", "value": css])
        guard let v = r["value"] as? [String: Any], let id = v.values.first as? String else {
            throw Failure(description: "no element \(css)")
        }
        return id
    }

    func type(_ css: String, _ text: String) async throws {
        let e = try await element(css)
        try await call("POST", s("/element/\(e)/clear"))
        try await call("POST", s("/element/\(e)/value"), ["text": text])
    }

    /// Signs in through the login form as `user` with the test password, as a person would.
    func logIn(_ root: String, _ user: String) async throws {
        try await go(root + "/login")
        try await type("#f-user", user)
        try await type("#f-password", ServerFixture.password)
        try await click("#login-submit")
    }

    /// Sends keys to an element as typed on a keyboard (focusing it), without clearing it first:
    /// "\u{E007}" is Enter, " " is Space.
    func press(_ css: String, _ keys: String) async throws {
        let e = try await element(css)
        try await call("POST", s("/element/\(e)/value"), ["text": keys])
    }

    func click(_ css: String) async throws {
        let e = try await element(css)
        try await call("POST", s("/element/\(e)/click"))
    }

    func text(_ css: String) async throws -> String {
        let e = try await element(css)
        return try await call("GET", s("/element/\(e)/text"))["value"] as? String ?? ""
    }

    func attribute(_ css: String, _ name: String) async throws -> String {
        let e = try await element(css)
        return try await call("GET", s("/element/\(e)/attribute/\(name)"))["value"] as? String ?? ""
    }

    func count(_ css: String) async throws -> Int {
        let r = try await call("POST", s("/elements"), ["using": "css selector", "value": css])
        return (r["value"] as? [Any])?.count ?? 0
    }

    /// Runs a script and returns what it returns.
    func run(_ script: String, _ args: [Any] = []) async throws -> Any? {
        try await call("POST", s("/execute/sync"), ["script": script, "args": args])["value"]
    }

    /// Runs an async script; its last argument is the callback.
    func runAsync(_ script: String, _ args: [Any] = []) async throws -> Any? {
        try await call("POST", s("/execute/async"), ["script": script, "args": args])["value"]
    }

    func screenshot(to path: String) async throws {
        let r = try await call("GET", s("/screenshot"))
        guard let b64 = r["value"] as? String, let data = Data(base64Encoded: b64) else { return }
        try data.write(to: URL(fileURLWithPath: path))
    }
}
