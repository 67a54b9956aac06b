import CopydeskCore
import CopydeskTesting
import Dedupe
import Testing

@Suite("dedupe on the seed articles")
struct SeedTests {
    @Test("001 and 002 (two outlets' versions of one wire story) form one cluster, syndicated; every other seed is alone")
    func seeds() throws {
        let (output, report) = try dedupe(try seedDocuments())
        #expect(output.count == 5 && report.balanced)
        let docs = byID(output)
        let a = try #require(docs.first { $0.key.hasPrefix("001") }?.value)
        let b = try #require(docs.first { $0.key.hasPrefix("002") }?.value)
        #expect(a.duplicate?.cluster == b.duplicate?.cluster)
        let member = a.duplicate?.canonical == a.id ? b : a
        #expect(member.duplicate?.relation == .syndicated)
        #expect((member.duplicate?.similarity ?? 1) < 0.5)
        for d in output where !d.id.hasPrefix("001") && !d.id.hasPrefix("002") {
            #expect(d.duplicate?.cluster == d.id && d.duplicate?.canonical == d.id && d.duplicate?.relation == nil, "\(d.id) should be alone")
        }
    }
}
