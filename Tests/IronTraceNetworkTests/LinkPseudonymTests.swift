import Foundation
import IronTraceCore
import IronTraceDataset
import IronTraceFormats
import IronTraceNetwork
import IronTraceStore
import IronTraceTesting
import Testing

/// Phone and address nodes are named by a keyed hash (`phone:<hex>`): the key is a secret of each
/// database, so an id cannot be turned back into the number by hashing candidates.
@Suite struct LinkPseudonymTests {
    /// What a phone node's id was before keys were keyed: the top 32 bits of an unsalted 64-bit
    /// FNV-1a of the last ten digits. Anyone could compute it for every number of an exchange.
    static func unkeyedPhoneID(_ phone: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in phone.utf8.filter({ $0 >= 0x30 && $0 <= 0x39 }).suffix(10) {
            h ^= UInt64(b)
            h &*= 0x0000_0100_0000_01b3
        }
        return "phone:" + String((h == 0 ? 1 : h) >> 32, radix: 16)
    }

    static func store(_ path: String, persons: String) throws -> IronTraceStore {
        let store = try IronTraceStore(path: path)
        _ = try store.importNative(kind: .persons, path: persons)
        return store
    }

    @Test func idsDifferBetweenDatabasesStayAcrossReopenAndAreNotTheUnkeyedHash() throws {
        let dir = try TemporaryDirectory("link-keys")
        defer { dir.cleanup() }
        let files = try PlantedWorld.world.writeFiles(to: dir.path("w"))
        let persons = try #require(files.first { $0.kind == .persons }).path
        let a = try Self.store(dir.path("a.sqlite"), persons: persons)
        let b = try Self.store(dir.path("b.sqlite"), persons: persons)
        let da = try a.loadDataset()
        let db = try b.loadDataset()
        #expect(da.persons.id == db.persons.id)
        let withPhone = (0..<da.persons.count).filter { da.persons.phone[$0] != 0 }
        let withAddress = (0..<da.persons.count).filter { da.persons.address[$0] != 0 }
        #expect(withPhone.count > 100 && withAddress.count > 100)
        // The same phone, the same address: other keys in another database.
        #expect(withPhone.allSatisfy { da.persons.phone[$0] != db.persons.phone[$0] })
        #expect(withAddress.allSatisfy { da.persons.address[$0] != db.persons.address[$0] })
        // Equal text still gives equal keys within one database, and the keys survive a reopen.
        let reopened = try IronTraceStore(path: dir.path("a.sqlite")).loadDataset()
        #expect(reopened.persons.phone == da.persons.phone && reopened.persons.address == da.persons.address)
        let ga = LinkGraph(da)
        let gb = LinkGraph(db)
        #expect(ga.count(of: .phone) > 0 && ga.count(of: .phone) == gb.count(of: .phone))
        #expect(ga.count(of: .address) == gb.count(of: .address))
        let shown = Set((0..<ga.count(of: .phone)).map { ga.reference(ga.node(.phone, $0), in: da) })
        let shownB = Set((0..<gb.count(of: .phone)).map { gb.reference(gb.node(.phone, $0), in: db) })
        #expect(shown.isDisjoint(with: shownB))
        // The attack that recovered a number in 1.7 s: hash candidate numbers the old way and look
        // for the id. Every real number of the world is a candidate here, and none is found.
        var candidates = Set<String>()
        for i in withPhone {
            let phone = try #require(try a.personRecord(id: da.persons.id[i])?["phone"])
            candidates.insert(Self.unkeyedPhoneID(phone))
        }
        #expect(shown.isDisjoint(with: candidates))
    }

    @Test func theLinkSecretIsInNoExportAndNotListed() throws {
        let dir = try TemporaryDirectory("link-secret")
        defer { dir.cleanup() }
        let store = try IronTraceStore(path: dir.path("s.sqlite"))
        for f in try PlantedWorld.world.writeFiles(to: dir.path("w")) {
            _ = try store.importNative(kind: f.kind, path: f.path)
        }
        let secret = try store.linkSecretBytes()
        #expect(secret.count == 32)
        let hex = secret.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }
            .joined()
        let base64 = Data(secret).base64EncodedString()
        for kind in NativeKind.allCases {
            let out = dir.path("\(kind.rawValue).csv")
            try store.export(kind: kind, to: out, includePII: true)
            let bytes = try Data(contentsOf: URL(fileURLWithPath: out))
            let text = String(decoding: bytes, as: UTF8.self).lowercased()
            #expect(!text.contains(hex) && !text.contains(base64.lowercased()), "\(kind)")
            #expect(bytes.range(of: Data(secret)) == nil, "\(kind)")
        }
        #expect(!(try store.counts()).contains { $0.table.contains("secret") })
        #expect(!(try store.metadata()).contains { $0.value.lowercased().contains(hex) || $0.value.contains(base64) })
    }
}
