import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Counts elements, collects `<text>` contents and `data-area` attributes while checking that a
/// document (SVG, GraphML, GEXF) is well-formed XML.
public final class XMLProbe: NSObject, XMLParserDelegate {
    public var elements: [String: Int] = [:]
    public var texts: [String] = []
    public var areas: Set<String> = []
    private var current = ""

    public static func parse(_ text: String) -> XMLProbe? {
        let probe = XMLProbe()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = probe
        return parser.parse() ? probe : nil
    }

    public func parser(
        _ parser: XMLParser,
        didStartElement name: String,
        namespaceURI: String?,
        qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        elements[name, default: 0] += 1
        if let a = attributes["data-area"] { areas.insert(a) }
        current = ""
    }

    public func parser(_ parser: XMLParser, foundCharacters string: String) { current += string }

    public func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "text" { texts.append(current) }
    }
}
