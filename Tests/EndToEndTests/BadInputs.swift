import Foundation
import TestSupport

/// Bad input files made fresh for a test, with the word each error message must contain.
struct BadInputs {
    var expectations: [(URL, String)]
    var all: [URL] { expectations.map(\.0) }

    static func make() throws -> BadInputs {
        let dir = try Fixtures.temporaryDirectory("bad-inputs")
        let fm = FileManager.default
        var list: [(URL, String)] = []

        list.append((dir.appendingPathComponent("missing.pdf"), "no such file"))

        let folder = dir.appendingPathComponent("folder.pdf")
        try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        list.append((folder, "directory"))

        let fake = dir.appendingPathComponent("fake.pdf")
        try Data([0x00, 0x01, 0x02, 0xFF, 0xFE, 0x00, 0x10]).write(to: fake)
        list.append((fake, "not a pdf"))

        let textPDF = Fixtures.sample("004-muongte-2022-text.pdf")
        let pdfData = try Data(contentsOf: textPDF)
        let truncated = dir.appendingPathComponent("truncated.pdf")
        try pdfData.prefix(pdfData.count / 3).write(to: truncated)
        list.append((truncated, "damaged"))

        let encrypted = dir.appendingPathComponent("encrypted.pdf")
        _ = try runCommand(
            URL(fileURLWithPath: "/usr/bin/qpdf"),
            ["--encrypt", "user", "owner", "256", "--", textPDF.path, encrypted.path])
        list.append((encrypted, "encrypted"))

        let zeroPages = dir.appendingPathComponent("zero-pages.pdf")
        try Data(Self.zeroPagePDF.utf8).write(to: zeroPages)
        list.append((zeroPages, "no pages"))

        let png = try Data(contentsOf: Fixtures.sample("001-bacgiang-2022-page1.png"))
        let brokenPNG = dir.appendingPathComponent("broken.png")
        try png.prefix(200).write(to: brokenPNG)
        list.append((brokenPNG, "image"))

        return BadInputs(expectations: list)
    }

    /// A well-formed PDF whose page tree is empty.
    static let zeroPagePDF: String = {
        let objects = [
            "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n",
            "2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n",
        ]
        var body = "%PDF-1.4\n"
        var offsets: [Int] = []
        for object in objects {
            offsets.append(body.utf8.count)
            body += object
        }
        let xref = body.utf8.count
        body += "xref\n0 3\n0000000000 65535 f \n"
        for offset in offsets { body += String(format: "%010d 00000 n \n", offset) }
        body += "trailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return body
    }()
}
