import VietdocCore

/// A paragraph or list item of a section's body: wrapped lines joined, with its line range.
struct TextBlock {
    var text: String
    var first: Int
    var last: Int
    /// The item started with a bullet ("-", "+", "•", "*").
    var isBullet: Bool
    /// The item started with a numbering ("1.", "a)").
    var number: HeadingNumber?
}

extension DocumentLines {
    /// The body lines in `range` as paragraphs and list items. A new item starts at a bullet, a
    /// numbering, after a blank line, or after a line ending a sentence when the next starts
    /// with a capital.
    func blocks(_ range: Range<Int>) -> [TextBlock] {
        var out: [TextBlock] = []
        var current: TextBlock?
        var previousBlank = true
        for i in range {
            let line = lines[i]
            if line.isBlank || DocumentLines.isPageNumber(line.clean) {
                previousBlank = true
                continue
            }
            let bullet = SectionBuilder.isBullet(line.clean)
            let number = bullet ? nil : HeadingNumber.parse(line.clean)
            var startsNew = previousBlank || bullet || number != nil || current == nil
            if !startsNew, let cur = current, let last = cur.text.last, ".;:!?".contains(last),
                let f = line.clean.first, f.isUppercase
            {
                startsNew = true
            }
            if startsNew {
                if let c = current { out.append(c) }
                current = TextBlock(text: line.clean, first: i, last: i, isBullet: bullet, number: number)
            } else {
                current!.text += " " + line.clean
                current!.last = i
            }
            previousBlank = false
        }
        if let c = current { out.append(c) }
        return out
    }
}

extension TextBlock {
    /// The text without its bullet or numbering.
    var body: String {
        if isBullet { return text.trimmed("-+•–—* ") }
        if number != nil { return HeadingNumber.parse(text)?.title ?? text }
        return text
    }

    /// "Label: rest" when the label is short and starts with a capital.
    var labelled: (label: String, rest: String)? { labelled(maxWords: 12) }

    func labelled(maxWords: Int) -> (label: String, rest: String)? {
        let b = body
        guard let colon = SectionBuilder.labelColon(b) else { return nil }
        let label = String(b[..<colon]).trimmed("*_ ")
        let rest = String(b[b.index(after: colon)...]).trimmed
        guard !label.isEmpty, label.wordCount <= maxWords, let f = label.first, f.isUppercase else { return nil }
        return (label, rest)
    }
}
