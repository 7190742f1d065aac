import Foundation
import Mustache

/// The HTML templates (`Templates/*.mustache`, resources of this target) and the one way pages are
/// drawn from them.
///
/// `{{ }}` escapes. `{{{ }}}` inserts only ``RenderedHTML``: a page body these templates drew (the
/// cached report pages) and our own SVG charts. `TemplateTests` fails when a template inserts
/// anything else unescaped.
enum Templates {
    /// Every template the server draws, by file name (without `.mustache`).
    enum Name: String, CaseIterable, Sendable {
        case layout
        case reportTable = "report-table"
        case reportSection = "report-section"
        case chart
        case pager
        case field
        case filters
        case rejections
        case headline
        case yearSlider = "year-slider"
        case exportLink = "export-link"
        case overview
        case reports
        case dealer
        case login
        case password
        case error
        case facts
        case candidates
        case trace
        case traceResult = "trace-result"
        case traceForm = "trace-form"
        case traces
        case traceList = "trace-list"
        case batchResult = "batch-result"
        case imports
        case importRejections = "import"
        case users
        case audit
        case identities
        case personLink = "person-link"
        case pathForm = "path-form"
        case entityLink = "entity-link"
        case nibin
        case network
        case path
        case linkChart = "link-chart"
        case caseForm = "case-form"
        case lead
        case entity
        case casework
        case watchLabel = "watch-label"
        case cases
        case watches
        case alerts
        case casePage = "case"
    }

    /// The folder of `.mustache` files among the target's resources.
    static var folder: URL? { Bundle.module.url(forResource: "Templates", withExtension: nil) }

    /// The loaded library, or why it could not be loaded.
    static let loaded: Result<MustacheLibrary, TemplateError> = load()

    struct TemplateError: Error, CustomStringConvertible {
        var description: String
    }

    /// Reads every `.mustache` file of the resource folder; a missing folder, a parse error (with
    /// the file, line and column) or a missing template is an error the server reports at start.
    static func load() -> Result<MustacheLibrary, TemplateError> {
        guard let folder else {
            return .failure(TemplateError(description: "templates: the resource folder 'Templates' is missing"))
        }
        MustacheContentTypes.register(HTMLEscaping(), named: HTMLEscaping.name)
        var library = MustacheLibrary()
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for file in files.sorted() where file.hasSuffix(".mustache") {
            let path = folder.appendingPathComponent(file).path
            guard var text = try? String(contentsOfFile: path, encoding: .utf8) else {
                return .failure(TemplateError(description: "templates: cannot read \(path)"))
            }
            // The file's last line break is not part of the markup (fragments sit side by side).
            if text.hasSuffix("\n") { text.removeLast() }
            // Every template escapes with `HTMLEscaping` (the same entities, without a dictionary
            // lookup per character); the pragma line is standalone, so it adds no text.
            text = "{{% CONTENT_TYPE: \(HTMLEscaping.name) }}\n" + text
            do {
                try library.register(text, named: String(file.dropLast(".mustache".count)))
            } catch let e as MustacheTemplate.ParserError {
                return .failure(
                    TemplateError(
                        description:
                            "templates: \(path):\(e.context.lineNumber):\(e.context.columnNumber): \(e.error)"
                    )
                )
            } catch {
                return .failure(TemplateError(description: "templates: \(path): \(error)"))
            }
        }
        for name in Name.allCases where library.getTemplate(named: name.rawValue) == nil {
            return .failure(
                TemplateError(description: "templates: \(folder.path)/\(name.rawValue).mustache is missing")
            )
        }
        return .success(library)
    }

    /// Throws when the templates could not be loaded (the server checks this before it listens).
    static func check() throws {
        if case .failure(let e) = loaded { throw e }
    }

    /// Draws one template with its view model.
    static func render(_ name: Name, _ view: Any) -> RenderedHTML {
        switch loaded {
        case .success(let library):
            RenderedHTML(html: library.render(view, withTemplate: name.rawValue) ?? "")
        case .failure(let e):
            // Unreachable once `check()` passed at start; still no crash, and the reason shows.
            RenderedHTML(html: HTML.esc(e.description))
        }
    }
}

/// HTML drawn by our templates, or an SVG chart drawn by our own code: the only kind of value a
/// template inserts unescaped (`{{{ }}}`). `{{ }}` on it still escapes.
struct RenderedHTML: Sendable, MustacheCustomRenderable, CustomStringConvertible {
    fileprivate(set) var html: String

    fileprivate init(html: String) { self.html = html }

    /// An SVG chart drawn by `IronTraceCharts` (which escapes every text it places).
    static func svg(_ s: String) -> RenderedHTML { RenderedHTML(html: s) }

    /// Fragments one after another.
    static func + (a: RenderedHTML, b: RenderedHTML) -> RenderedHTML { RenderedHTML(html: a.html + b.html) }

    static let empty = RenderedHTML(html: "")

    var renderText: String { html }
    /// An empty fragment is absent (`{{#x}}` skips it).
    var isNull: Bool { html.isEmpty }
    var description: String { html }
}

/// HTML escaping for `{{ }}`: `&`, `<`, `>`, `"` and `'` as swift-mustache's own HTML content type
/// writes them, working on UTF-8 bytes and returning text without any of them unchanged.
struct HTMLEscaping: MustacheContentType {
    static let name = "IRONTRACE_HTML"

    func escapeText(_ text: String) -> String {
        let utf8 = text.utf8
        guard utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
            return text
        }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count + 32)
        for b in utf8 {
            switch b {
            case 0x26: out += [0x26, 0x61, 0x6D, 0x70, 0x3B]  // &amp;
            case 0x3C: out += [0x26, 0x6C, 0x74, 0x3B]  // &lt;
            case 0x3E: out += [0x26, 0x67, 0x74, 0x3B]  // &gt;
            case 0x22: out += [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B]  // &quot;
            case 0x27: out += [0x26, 0x23, 0x33, 0x39, 0x3B]  // &#39;
            default: out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

// Text and whole numbers render themselves. Without these, swift-mustache tries each `{{ }}` value
// as a template, a custom renderable, a lambda and an optional before `String(describing:)`: about
// a quarter of the trace list's time went on those casts under load. The output is the same text.
extension String: @retroactive MustacheCustomRenderable {
    public var renderText: String { self }
    public var isNull: Bool { false }
}

extension Int: @retroactive MustacheCustomRenderable {
    public var renderText: String { String(self) }
    public var isNull: Bool { false }
}

extension Int64: @retroactive MustacheCustomRenderable {
    public var renderText: String { String(self) }
    public var isNull: Bool { false }
}

/// A view model's field that is nil, as the generated lookup answers it: drawn as nothing, false in
/// `{{#x}}` and true in `{{^x}}`, exactly as a nil is. Unlike a nil, it ends the lookup: swift-mustache
/// looks a nil name up again in every enclosing view (with two dynamic casts at each), and a value
/// that belongs to this view must not be taken from an enclosing one anyway.
struct Absent: MustacheCustomRenderable, Sendable {
    static let value = Absent()
    var renderText: String { "" }
    var isNull: Bool { true }
}
