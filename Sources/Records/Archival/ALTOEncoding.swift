import VietdocCore

extension RecordEncoding {
    /// ALTO 4.2 XML of a document: one `Page` per page, a `TextBlock` per paragraph, a
    /// `TextLine` per line and a `String` per restored word, with the OCR's box (pixels of the
    /// page image, `MeasurementUnit` pixel), the OCR's confidence as `WC` and the OCR's form as
    /// an `ALTERNATIVE` when restoration changed it. Pages without OCR (text layers, text files)
    /// have their words but no positions. Stable bytes: no dates, no random identifiers.
    public static func alto(_ record: DocumentRecord, pages: [PageText]) -> String {
        var x = """
            <?xml version="1.0" encoding="UTF-8"?>
            <alto xmlns="http://www.loc.gov/standards/alto/ns-v4#" \
            xmlns:xlink="http://www.w3.org/1999/xlink" \
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
            xsi:schemaLocation="http://www.loc.gov/standards/alto/ns-v4# http://www.loc.gov/standards/alto/v4/alto-4-2.xsd" \
            SCHEMAVERSION="4.2">
              <Description>
                <MeasurementUnit>pixel</MeasurementUnit>
                <sourceImageInformation>
                  <fileName>\(Markup.escape(record.source.path))</fileName>
                </sourceImageInformation>
                <Processing ID="OCR">
                  <processingCategory>contentGeneration</processingCategory>
                  <processingStepDescription>text recognition (tesseract) or the file's text layer</processingStepDescription>
                  <processingSoftware>
                    <softwareName>tesseract</softwareName>
                  </processingSoftware>
                </Processing>
                <Processing ID="RESTORATION">
                  <processingCategory>contentModification</processingCategory>
                  <processingStepDescription>Vietnamese diacritic restoration; the OCR's form is kept as ALTERNATIVE</processingStepDescription>
                  <processingStepSettings>model \(Markup.escape(record.restoration?.modelVersion ?? "none"))</processingStepSettings>
                  <processingSoftware>
                    <softwareName>vietdoc</softwareName>
                    <softwareVersion>\(Markup.escape(record.vietdocVersion))</softwareVersion>
                  </processingSoftware>
                </Processing>
              </Description>

            """
        let archival = ArchivalPage.pages(record: record, pages: pages)
        let kinds = Set(archival.flatMap(\.blocks).compactMap(\.kind))
        if !kinds.isEmpty {
            x += "  <Tags>\n"
            for kind in RegionKind.allCases where kinds.contains(kind) {
                x += "    <LayoutTag ID=\"region_\(kind.rawValue)\" TYPE=\"region\" LABEL=\"\(kind.rawValue)\"/>\n"
            }
            x += "  </Tags>\n"
        }
        x += "  <Layout>\n"
        for page in archival {
            let p = page.number
            var attributes = "ID=\"page_\(p)\" PHYSICAL_IMG_NR=\"\(p)\""
            if let frame = page.frame { attributes += " WIDTH=\"\(frame.width)\" HEIGHT=\"\(frame.height)\"" }
            if let confidence = page.meanConfidence { attributes += " PC=\"\(Markup.fraction(confidence))\"" }
            x += "    <Page \(attributes)>\n"
            let space = page.frame.map { BoundingBox(x: 0, y: 0, width: $0.width, height: $0.height) }
            x += "      <PrintSpace ID=\"page_\(p)_space\"\(position(space))>\n"
            for (b, block) in page.blocks.enumerated() {
                let blockID = "p\(p)_b\(b + 1)"
                let tag = block.kind.map { " TAGREFS=\"region_\($0.rawValue)\"" } ?? ""
                x += "        <TextBlock ID=\"\(blockID)\"\(tag)\(position(block.box)) LANG=\"vi\">\n"
                for line in block.lines {
                    x += "          <TextLine ID=\"p\(p)_l\(line.number)\"\(position(line.box))>\n"
                    for (w, word) in line.words.enumerated() {
                        if w > 0 { x += "            <SP/>\n" }
                        var s = "ID=\"p\(p)_l\(line.number)_w\(w + 1)\" CONTENT=\"\(Markup.escape(word.text))\""
                        s += position(word.box)
                        if let confidence = word.confidence { s += " WC=\"\(Markup.fraction(confidence))\"" }
                        if word.isRestored {
                            x += "            <String \(s) PROCESSINGREFS=\"RESTORATION\">\n"
                            x +=
                                "              <ALTERNATIVE PURPOSE=\"OCR\">\(Markup.escape(word.ocrText))</ALTERNATIVE>\n"
                            x += "            </String>\n"
                        } else {
                            x += "            <String \(s)/>\n"
                        }
                    }
                    x += "          </TextLine>\n"
                }
                x += "        </TextBlock>\n"
            }
            x += "      </PrintSpace>\n"
            x += "    </Page>\n"
        }
        x += "  </Layout>\n</alto>\n"
        return x
    }

    /// ` HPOS=… VPOS=… WIDTH=… HEIGHT=…` for a box, nothing without one.
    private static func position(_ box: BoundingBox?) -> String {
        guard let box else { return "" }
        return " HPOS=\"\(box.x)\" VPOS=\"\(box.y)\" WIDTH=\"\(box.width)\" HEIGHT=\"\(box.height)\""
    }
}
