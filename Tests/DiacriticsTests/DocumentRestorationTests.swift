import Diacritics
import TestSupport
import XCTest

/// Whole documents: line counts, regime judgement, correct text left alone, model loading.
final class DocumentRestorationTests: XCTestCase {
    let accented = [
        "KẾ HOẠCH",
        "Triển khai công tác phòng, chống dịch bệnh trên địa bàn tỉnh năm 2024",
        "",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Mục đích: nâng cao chất lượng khám bệnh, chữa bệnh cho nhân dân.",
        "2. Yêu cầu: các đơn vị chủ động phối hợp, bảo đảm tiến độ và hiệu quả.",
    ]

    func testOneOutputLinePerInputLine() {
        let pages = [
            PageText(number: 1, method: .textFile, lines: accented.map(VietnameseText.stripDiacritics)),
            PageText(number: 2, method: .textFile, lines: ["", "  ", "Tw do", "x"]),
        ]
        let doc = ModelFixture.restorer.restore(pages: pages)
        XCTAssertEqual(doc.pages.map(\.lines.count), [accented.count, 4])
        XCTAssertEqual(doc.pages.map(\.number), [1, 2])
        XCTAssertEqual(doc.pages[1].lines[0], "")
        XCTAssertEqual(doc.pages[1].lines[1], "  ")
    }

    func testCorrectTextIsLeftUnchanged() {
        let doc = ModelFixture.restorer.restore(pages: [PageText(number: 1, method: .textFile, lines: accented)])
        XCTAssertEqual(doc.pages[0].lines, accented)
        XCTAssertEqual(doc.summary.changes, [])
        XCTAssertEqual(doc.summary.regime, "accented")
    }

    func testStrippedDocumentIsJudgedAndRestored() {
        let doc = ModelFixture.restorer.restore(pages: [
            PageText(number: 1, method: .textFile, lines: accented.map(VietnameseText.stripDiacritics))
        ])
        XCTAssertEqual(doc.summary.regime, "stripped")
        XCTAssertEqual(doc.pages[0].lines, accented)
        XCTAssertEqual(doc.quality.changed, doc.summary.changes.count)
        XCTAssertGreaterThan(doc.quality.tokens, 40)
        XCTAssertTrue(doc.summary.changes.allSatisfy { $0.page == 1 && $0.line >= 1 && $0.line <= accented.count })
        XCTAssertEqual(doc.summary.modelVersion, ModelFixture.model.version)
    }

    func testMangledOCRIsJudgedMangled() {
        let lines = [
            "Hop tac, hd tro vé y té gitta UBND tinh va Bénh vién", "Tw van s6 lieu ve ngudn nhan luc ciia nganh y té",
        ]
        XCTAssertEqual(TextRegime.judge(lines: lines, model: ModelFixture.model), .mangled)
    }

    func testLoadingAMissingOrDamagedModelThrowsTypedErrors() throws {
        let dir = try Fixtures.temporaryDirectory("diacritics-model")
        defer { try? FileManager.default.removeItem(at: dir) }
        XCTAssertThrowsError(try DiacriticModel.load(from: dir)) { error in
            XCTAssertEqual((error as? VietdocError)?.code, .missingModel, "\(error)")
        }
        try Data("VDMODEL\0garbage".utf8).write(to: dir.appendingPathComponent("vietdoc-model.bin"))
        XCTAssertThrowsError(try DiacriticModel.load(from: dir)) { error in
            XCTAssertEqual((error as? VietdocError)?.code, .modelInvalid, "\(error)")
        }
    }

    func testModelIsSmallAndVersioned() throws {
        XCTAssertTrue(ModelFixture.model.version.hasPrefix("vdm1-"))
        var total = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: Fixtures.dictionaries.path) {
            let attrs = try FileManager.default.attributesOfItem(
                atPath: Fixtures.dictionaries.appendingPathComponent(name).path)
            total += (attrs[.size] as? Int) ?? 0
        }
        XCTAssertLessThanOrEqual(total, 25 * 1024 * 1024)
    }
}

final class RegimeJudgementTests: XCTestCase {
    func testAShortLineWithoutAnyMarkIsStripped() {
        XCTAssertEqual(TextRegime.judge(lines: ["Ke hoach trien khai"], model: ModelFixture.model), .stripped)
        XCTAssertEqual(TextRegime.judge(lines: ["KE HOACH"], model: ModelFixture.model), .stripped)
    }

    func testAShortLineWithMarksOrASingleWordIsLeftAsAccented() {
        XCTAssertEqual(TextRegime.judge(lines: ["Lào Cai"], model: ModelFixture.model), .accented)
        XCTAssertEqual(TextRegime.judge(lines: ["Trang"], model: ModelFixture.model), .accented)
    }

    /// Stripped news full of foreign names: the names are no syllables, but the corpus's foreign
    /// words tell them from OCR damage, so the text is read as stripped and the names are kept.
    func testForeignNamesInStrippedTextAreNotTakenForOCRDamage() throws {
        let lines = [
            "Doi bong Chelsea thang tran tai Super League, Apple ra mat iPad Pro tai Vincom",
            "Nha khoa hoc William sang Canada nam 1990 theo loi moi cua Microsoft",
        ]
        XCTAssertEqual(TextRegime.judge(lines: lines, model: ModelFixture.model), .stripped)
        let page = PageText(number: 1, method: .textFile, lines: lines)
        XCTAssertEqual(
            ModelFixture.restorer.restore(pages: [page]).pages[0].lines,
            [
                "Đội bóng Chelsea thắng trận tại Super League, Apple ra mắt iPad Pro tại Vincom",
                "Nhà khoa học William sang Canada năm 1990 theo lời mời của Microsoft",
            ])

        // The same model without its list of foreign words takes the names for damage.
        let dir = try ModelFixture.copy(["vietdoc-model.bin", "confusions.tsv"], label: "diacritics-no-foreign-words")
        defer { try? FileManager.default.removeItem(at: dir) }
        let bare = try DiacriticModel.load(from: dir)
        XCTAssertEqual(TextRegime.judge(lines: lines, model: bare), .mangled)
        // The list is part of the model's version.
        XCTAssertTrue(ModelFixture.model.version.hasPrefix(bare.version + "+"), ModelFixture.model.version)
    }

    /// A foreign word that no syllable reading covers gets the marks it usually carries in the
    /// corpus, as a change with a margin; one usually written without them stays as it is.
    func testAForeignWordGetsTheMarksItUsuallyCarries() {
        let line = ModelFixture.restorer.restoreLine("Binh oxy o Roma, theo dao Kito, sang Dak Lak", regime: .stripped)
        XCTAssertEqual(line.text, "Bình ôxy ở Roma, theo đạo Kitô, sang Đắk Lắk")
        let oxy = line.changes.first { $0.original == "oxy" }
        XCTAssertEqual(oxy?.output, "ôxy")
        XCTAssertEqual(oxy?.reason, .stripped)
        XCTAssertEqual(oxy?.word?.index, 2, "1-based")
        XCTAssertGreaterThan(oxy?.margin ?? 0, 0.69, "the form holds at least 2/3 of the key's occurrences")
        // Only in stripped text: accented text keeps its spelling.
        XCTAssertEqual(ModelFixture.restore("Bình oxy ở Roma", .accented), "Bình oxy ở Roma")
    }

    /// Items run a), b), c), d), đ), e): stripped text writes both d) and đ) as "d)", and the
    /// order tells them apart, across pages too.
    func testTheItemAfterItemDIsItemDWithItsBar() {
        let pages = [
            PageText(number: 1, method: .textFile, lines: ["c) Ho so gom don de nghi", "d) Ban sao giay to"]),
            PageText(number: 2, method: .textFile, lines: ["d) Giay to khac co lien quan", "e) Cac van ban khac"]),
        ]
        let doc = ModelFixture.restorer.restore(pages: pages)
        XCTAssertEqual(doc.pages.map { $0.lines.map { String($0.prefix(2)) } }, [["c)", "d)"], ["đ)", "e)"]])
        let change = doc.summary.changes.first { $0.original == "d" }
        XCTAssertEqual(change?.output, "đ")
        XCTAssertEqual(change?.page, 2)
        XCTAssertEqual(change?.line, 1)
        XCTAssertEqual(change?.word?.index, 1)
        // Accented text is trusted: its "d)" stays.
        var context = LineContext()
        for line in ["d) Bản sao giấy tờ", "d) Giấy tờ khác"] {
            XCTAssertEqual(ModelFixture.restorer.restoreLine(line, regime: .accented, context: &context).text, line)
        }
    }

    func testADamagedListOfForeignWordsIsRefused() throws {
        let dir = try ModelFixture.copy(["vietdoc-model.bin", "confusions.tsv"], label: "diacritics-bad-foreign-words")
        defer { try? FileManager.default.removeItem(at: dir) }
        for damaged in ["chelsea\t462\nleague\n", "oxy\t1301\tôxi\t979\n", "oxy\t13\tôxy\t979\n"] {
            try Data("# header\n\(damaged)".utf8).write(to: dir.appendingPathComponent("foreign-words.tsv"))
            XCTAssertThrowsError(try DiacriticModel.load(from: dir), damaged) { error in
                XCTAssertEqual((error as? VietdocError)?.code, .modelInvalid, "\(error)")
                XCTAssertTrue("\(error)".contains("foreign-words.tsv"), "\(error)")
            }
        }
    }
}

/// Ctrl-C during restoration of a long text: the restorer stops at the next line.
final class RestorationCancellationTests: XCTestCase {
    func testRestorationStopsAtTheNextLineOnceCancelled() {
        let lines = Array(repeating: "ke hoach trien khai cong tac phong chong dich benh nam 2024", count: 2_000)
        let page = PageText(number: 1, method: .textFile, lines: lines)
        var asked = 0
        let started = Date()
        // Asked once per line while judging the regime, then once per line while restoring:
        // the request comes after three restored lines.
        let restored = ModelFixture.restorer.restore(pages: [page]) {
            asked += 1
            return asked > lines.count + 3
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 5)
        XCTAssertEqual(restored.pages[0].lines.count, lines.count, "one line out per line in")
        XCTAssertNotEqual(restored.pages[0].lines[0], lines[0], "the lines before the request are restored")
        XCTAssertEqual(restored.pages[0].lines[1_999], lines[1_999], "the rest is passed through")
    }
}
