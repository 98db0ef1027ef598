"""Turns a seed text into laid-out lines on A4 pages, the way a Vietnamese plan is printed.

The layout is a list of pages; each page is a list of `Line`s (text runs with a font, a
position and an optional justification width), shared by every renderer (cairo PDF with a
text layer, 300 dpi raster for the scanned variants) so that the gold text is exactly what
is printed.
"""

import re
from dataclasses import dataclass, field

import cairo

# A4 in PostScript points, and the margins of Decree 30/2020 (top/bottom 2 cm, left 3 cm, right 2 cm).
PAGE_W, PAGE_H = 595.28, 841.89
CM = 72 / 2.54
LEFT, RIGHT, TOP, BOTTOM = 3 * CM, 2 * CM, 2 * CM, 2 * CM
TEXT_W = PAGE_W - LEFT - RIGHT
INDENT = 1 * CM
FONT_FAMILY = "Noto Serif"
FONT_FILES = [
    "/usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoSerif-Bold.ttf",
    "/usr/share/fonts/truetype/noto/NotoSerif-Italic.ttf",
    "/usr/share/fonts/truetype/noto/NotoSerif-BoldItalic.ttf",
]


@dataclass(frozen=True)
class Font:
    size: float = 13
    bold: bool = False
    italic: bool = False

    def apply(self, ctx):
        ctx.select_font_face(
            FONT_FAMILY,
            cairo.FONT_SLANT_ITALIC if self.italic else cairo.FONT_SLANT_NORMAL,
            cairo.FONT_WEIGHT_BOLD if self.bold else cairo.FONT_WEIGHT_NORMAL,
        )
        ctx.set_font_size(self.size)


@dataclass
class Line:
    """One printed line: words drawn from x at baseline y; spread over `justify` points if set.

    `style` is "print" (the document's text), "hand" (filled in by hand: jittered, blue),
    "stamp" (an overlay in small blue print) or "seal" (a red ring of text around x, y).
    `gold` overrides the line's gold text ("" leaves it out: stamps, seals, handwriting
    already counted in the printed line it fills in).
    """
    words: list
    font: Font
    x: float
    y: float
    justify: float = None
    style: str = "print"
    gold: str = None

    @property
    def text(self):
        return " ".join(self.words)


@dataclass
class Block:
    kind: str
    text: str


# ---------------------------------------------------------------------------------------------
# Seed text → blocks (Markdown stripped: a printed page has no markup)

ROMAN = re.compile(r"^[IVXL]+\.\s")
NUMBERED = re.compile(r"^\d+(\.\d+)*\.?\s")
SIGNATURE = re.compile(r"^(TM\.|KT\.|Q\.|PHÓ CHỦ TỊCH|CHỦ TỊCH|GIÁM ĐỐC|PHÓ GIÁM ĐỐC)")


def strip_markup(line):
    """Removes the light Markdown/LaTeX of the seeds; returns (text, was_heading, was_bold)."""
    s = line.strip()
    heading = bool(re.match(r"^#{1,6}\s", s))
    s = re.sub(r"^#{1,6}\s*", "", s)
    s = re.sub(r"^\*\s+(?=\S)", "- ", s)            # "* item" bullets
    s = re.sub(r"</?sup>", "", s)
    s = re.sub(r"\$\\leq\s*([^$]*)\$", r"≤ \1", s)
    s = s.replace("\\%", "%").replace("$", "")
    bold = s.startswith("**") or s.startswith("***")
    s = s.replace("***", "").replace("**", "")
    s = re.sub(r"(?<![\w*])\*(?=[\w(])|(?<=[\w).:])\*(?![\w*])", "", s)   # *italic*
    s = s.replace("*", "")
    s = re.sub(r"\s+", " ", s).strip()
    return s, heading, bold


def blocks_of(seed_text):
    raw = []
    for line in seed_text.splitlines():
        text, heading, bold = strip_markup(line)
        if text:
            raw.append((text, heading or bold))
    # Join a paragraph that the source split mid-sentence (next line starts in lower case).
    joined = []
    for text, strong in raw:
        if joined and text[0].islower() and not re.search(r"[.;:!?]$", joined[-1][0]):
            prev, pstrong = joined.pop()
            joined.append((prev + " " + text, pstrong))
        else:
            joined.append((text, strong))

    blocks = []
    state = "header"
    for text, strong in joined:
        if state == "header":
            if text.startswith("Số"):
                blocks.append(Block("number", text)); continue
            if re.match(r"^[^,]{2,40}, ngày", text):
                blocks.append(Block("dateline", text)); continue
            if text == "KẾ HOẠCH":
                blocks.append(Block("doctype", text)); state = "title"; continue
        if state == "title":
            blocks.append(Block("title", text)); state = "body"; continue
        if text.rstrip(":") == "Nơi nhận":
            blocks.append(Block("recipients", text)); state = "recipients"; continue
        if state == "recipients" and text.startswith("-"):
            blocks.append(Block("recipient", text)); continue
        if state in ("recipients", "signature") and (SIGNATURE.match(text) or state == "signature"):
            kind = "signer" if state == "signature" and not SIGNATURE.match(text) else "signature"
            blocks.append(Block(kind, text)); state = "signature"; continue
        is_heading = strong or ROMAN.match(text) or (
            NUMBERED.match(text) and len(text) < 90 and not re.search(r"[.;:]$", text))
        blocks.append(Block("heading" if is_heading else "body", text))
    return blocks


# ---------------------------------------------------------------------------------------------
# Blocks → pages of lines

def wrap(ctx, font, words, width, first_indent=0.0):
    """Greedy line breaking into lines no wider than `width` (the first one indented)."""
    font.apply(ctx)
    space = ctx.text_extents(" ").x_advance
    lines, current, used = [], [], 0.0
    for w in words:
        wlen = ctx.text_extents(w).x_advance
        avail = width - (first_indent if not lines else 0.0)
        if current and used + space + wlen > avail:
            lines.append(current)
            current, used = [w], wlen
        else:
            used = wlen if not current else used + space + wlen
            current.append(w)
    if current:
        lines.append(current)
    return lines


def width_of(ctx, font, text):
    font.apply(ctx)
    return ctx.text_extents(text).x_advance


def layout(blocks, page_numbers=True, start_y=None):
    """Places blocks on A4 pages; returns a list of pages, each a list of Lines."""
    probe = cairo.Context(cairo.ImageSurface(cairo.FORMAT_A8, 4, 4))
    pages = [[]]
    y = TOP if start_y is None else start_y
    left_col = (LEFT, LEFT + TEXT_W * 0.42)
    right_col = (LEFT + TEXT_W * 0.40, LEFT + TEXT_W)

    def new_page():
        nonlocal y
        pages.append([])
        y = TOP
        if page_numbers:
            f = Font(12)
            label = str(len(pages))
            pages[-1].append(Line([label], f, LEFT + (TEXT_W - width_of(probe, f, label)) / 2, y + f.size))
            y += f.size * 2

    def place(words_lines, font, align, region, indent=0.0, justify=False, before=0.0):
        nonlocal y
        lh = font.size * 1.32
        y += before
        for i, words in enumerate(words_lines):
            if y + lh > PAGE_H - BOTTOM:
                new_page()
            x0, x1 = region
            text = " ".join(words)
            w = width_of(probe, font, text)
            last = i == len(words_lines) - 1
            if align == "center":
                x = x0 + (x1 - x0 - w) / 2
                pages[-1].append(Line(words, font, x, y + font.size))
            else:
                ind = indent if i == 0 else 0.0
                span = (x1 - x0 - ind) if (justify and not last and len(words) > 1) else None
                pages[-1].append(Line(words, font, x0 + ind, y + font.size, span))
            y += lh

    for b in blocks:
        words = b.text.split()
        if b.kind == "number":
            f = Font(13)
            place(wrap(probe, f, words, left_col[1] - left_col[0]), f, "center", left_col, before=4)
        elif b.kind == "dateline":
            f = Font(13, italic=True)
            place(wrap(probe, f, words, right_col[1] - right_col[0]), f, "center", right_col, before=4)
        elif b.kind == "doctype":
            f = Font(14, bold=True)
            place([words], f, "center", (LEFT, LEFT + TEXT_W), before=18)
        elif b.kind == "title":
            f = Font(13, bold=True)
            place(wrap(probe, f, words, TEXT_W * 0.85), f, "center", (LEFT, LEFT + TEXT_W), before=2)
            y += 10
        elif b.kind == "heading":
            f = Font(13, bold=True)
            place(wrap(probe, f, words, TEXT_W, INDENT), f, "left", (LEFT, LEFT + TEXT_W),
                  indent=INDENT, justify=True, before=6)
        elif b.kind == "recipients":
            f = Font(12, bold=True, italic=True)
            place([words], f, "left", (LEFT, LEFT + TEXT_W), before=16)
        elif b.kind == "recipient":
            f = Font(11)
            place(wrap(probe, f, words, TEXT_W * 0.5), f, "left", (LEFT, LEFT + TEXT_W * 0.5))
        elif b.kind == "signature":
            f = Font(13, bold=True)
            place(wrap(probe, f, words, right_col[1] - right_col[0]), f, "center", right_col, before=6)
        elif b.kind == "signer":
            f = Font(13, bold=True)
            place([words], f, "center", right_col, before=60)
        else:
            f = Font(13)
            place(wrap(probe, f, words, TEXT_W, INDENT), f, "left", (LEFT, LEFT + TEXT_W),
                  indent=INDENT, justify=True, before=6)
    return [p for p in pages if p]


def draw_page(ctx, lines):
    """Draws one page's lines on a cairo context in points (the caller sets the scale)."""
    for line in lines:
        ctx.set_source_rgb(0, 0, 0)
        line.font.apply(ctx)
        if line.style == "hand":
            draw_hand(ctx, line)
            continue
        if line.style == "seal":
            draw_seal(ctx, line)
            continue
        if line.style == "stamp":
            ctx.set_source_rgb(0.1, 0.2, 0.65)
        if line.justify is None or len(line.words) < 2:
            ctx.move_to(line.x, line.y)
            ctx.show_text(line.text)
            continue
        widths = [ctx.text_extents(w).x_advance for w in line.words]
        gap = (line.justify - sum(widths)) / (len(line.words) - 1)
        x = line.x
        for w, wl in zip(line.words, widths):
            ctx.move_to(x, line.y)
            ctx.show_text(w)
            x += wl + gap


def draw_hand(ctx, line):
    """Digits written with a pen: larger, slanted, each one off the baseline, in blue ink."""
    ctx.set_source_rgb(0.12, 0.16, 0.55)
    x = line.x
    for i, ch in enumerate(line.text):
        ctx.save()
        ctx.move_to(x, line.y + (1.5 if i % 2 else -1.2))
        ctx.rotate(-0.12 if i % 2 else 0.06)
        ctx.text_path(ch)
        ctx.set_line_width(0.7)
        ctx.stroke_preserve()
        ctx.fill()
        ctx.restore()
        x += ctx.text_extents(ch).x_advance * 1.1


def draw_seal(ctx, line):
    """A round red seal centred at (x, y): two rings, the issuer's name around, a star inside."""
    import math
    r = line.font.size * 6
    ctx.new_path()
    ctx.set_source_rgba(0.85, 0.1, 0.12, 0.75)
    ctx.set_line_width(1.6)
    for radius in (r, r * 0.72):
        ctx.arc(line.x, line.y, radius, 0, 2 * math.pi)
        ctx.stroke()
    text = line.text
    step = 2 * math.pi / (len(text) + 4)
    for i, ch in enumerate(text):
        angle = -math.pi / 2 + (i - len(text) / 2) * step
        ctx.save()
        ctx.translate(line.x + r * 0.86 * math.cos(angle), line.y + r * 0.86 * math.sin(angle))
        ctx.rotate(angle + math.pi / 2)
        ctx.move_to(-ctx.text_extents(ch).x_advance / 2, line.font.size / 3)
        ctx.show_text(ch)
        ctx.restore()
    ctx.move_to(line.x + r * 0.3 * math.cos(-math.pi / 2), line.y + r * 0.3 * math.sin(-math.pi / 2))
    for k in range(1, 6):
        a = -math.pi / 2 + k * 4 * math.pi / 5
        ctx.line_to(line.x + r * 0.3 * math.cos(a), line.y + r * 0.3 * math.sin(a))
    ctx.close_path()
    ctx.fill()


def gold_text(pages):
    """The printed text: lines joined by newlines, pages separated by a form feed."""
    def text(line):
        return line.text if line.gold is None else line.gold
    return "\f".join("\n".join(text(l) for l in page if text(l) != "") for page in pages) + "\n"


# ---------------------------------------------------------------------------------------------
# The Decree 30/2020 form: two-column header and closing bands, stamps, handwriting

@dataclass
class Form:
    """What a filled-in, signed and stamped copy adds to a seed's text."""
    parent_issuer: str
    issuer: str
    signed_by: list          # the digital-signature overlay's lines, top right of page 1
    seal: str                # the text around the red seal over the signature


def form_layout(blocks, form):
    """Lays a seed out as a signed Decree 30/2020 document (see `Form`).

    The header band has two columns (issuer | national name and motto; "Số: …" | place and
    date on one row), the number and the day are handwritten into blanks of the printed
    form, the closing band has the recipients on the left and the signature block on the
    right starting on the same row, and a seal is stamped over the signature.
    """
    probe = cairo.Context(cairo.ImageSurface(cairo.FORMAT_A8, 4, 4))
    number = next(b.text for b in blocks if b.kind == "number")
    dateline = next(b.text for b in blocks if b.kind == "dateline")
    rest = [b for b in blocks if b.kind not in ("number", "dateline")]
    left = (LEFT - 0.8 * CM, LEFT + TEXT_W * 0.40)
    right = (LEFT + TEXT_W * 0.36, LEFT + TEXT_W + 0.5 * CM)

    def centred(text, font, col, y, **kw):
        w = width_of(probe, font, text)
        return Line(text.split(), font, col[0] + (col[1] - col[0] - w) / 2, y, **kw)

    head = []
    y = TOP + 13
    small = Font(7.5)
    for i, text in enumerate(form.signed_by):
        w = width_of(probe, small, text)
        head.append(Line(text.split(), small, PAGE_W - RIGHT - w + 0.8 * CM, TOP - 1.1 * CM + i * 9.5,
                         style="stamp", gold=""))
    b13, r13, i13 = Font(12.5, bold=True), Font(12.5), Font(13, italic=True)
    rows = [((form.parent_issuer, r13), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", b13)),
            ((form.issuer, b13), ("Độc lập - Tự do - Hạnh phúc", Font(13, bold=True)))]
    lefts, rights = [], []
    for (lt, lf), (rt, rf) in rows:
        lefts.append(centred(lt, lf, left, y))
        rights.append(centred(rt, rf, right, y))
        y += 18
    y += 14
    # "Số: 123 /KH-SYT" printed as "Số:      /KH-SYT" with "123" written into the blank.
    m = re.match(r"^(Số:)\s*(\S+?)\s*(/\S+)$", number)
    label, written, sign = m.group(1), m.group(2), m.group(3)
    blank = 38   # points left blank on the form for the pen
    hand = Font(15, italic=True)

    def with_blank(first, second, font, col, gold):
        """Two printed runs with a blank between them, centred in the column as one line."""
        w1, w2 = width_of(probe, font, first), width_of(probe, font, second)
        x = col[0] + (col[1] - col[0] - (w1 + blank + w2)) / 2
        return [Line(first.split(), font, x, y, gold=gold),
                Line(second.split(), font, x + w1 + blank, y, gold="")], x + w1 + 4

    printed, hand_x = with_blank(label, sign, r13, left, f"{label} {written} {sign}")
    lefts += printed
    lefts.append(Line([written], hand, hand_x, y, style="hand", gold=""))
    # "Bắc Giang, ngày 10 tháng …": the day written into the blank after "ngày".
    d = re.match(r"^(.*ngày)\s+(\d+)\s+(tháng.*)$", dateline)
    before, day, after = d.group(1), d.group(2), d.group(3)
    printed, hand_x = with_blank(before, after, i13, right, dateline)
    rights += printed
    rights.append(Line([day], hand, hand_x, y, style="hand", gold=""))
    page1 = head + lefts + rights

    # The body: the plain layout from "KẾ HOẠCH" on, moved down under the header band.
    closing_kinds = ("recipients", "recipient", "signature", "signer")
    body = [b for b in rest if b.kind not in closing_kinds]
    closing = [b for b in rest if b.kind in closing_kinds]
    pages = layout(body, start_y=y + 10)
    pages[0] = page1 + pages[0]

    # The closing band: recipients and signature side by side from the same row.
    last = pages[-1]
    y = max((l.y for l in last), default=TOP) + 22
    if y > PAGE_H - BOTTOM - 200:
        pages.append([])
        last = pages[-1]
        y = TOP + 20
    ly, ry = y, y
    sig_col = (LEFT + TEXT_W * 0.5, LEFT + TEXT_W)
    sig_lines = []
    for b in closing:
        if b.kind == "recipients":
            last.append(Line(b.text.split(), Font(12, bold=True, italic=True), LEFT, ly))
            ly += 15
        elif b.kind == "recipient":
            f = Font(11)
            for words in wrap(probe, f, b.text.split(), TEXT_W * 0.45):
                last.append(Line(words, f, LEFT, ly))
                ly += 13.5
        elif b.kind == "signature":
            for words in wrap(probe, b13, b.text.split(), sig_col[1] - sig_col[0]):
                sig_lines.append(centred(" ".join(words), Font(13, bold=True), sig_col, ry))
                ry += 17
        elif b.kind == "signer":
            ry += 80
            sig_lines.append(centred(b.text, Font(13, bold=True), sig_col, ry))
            seal_y = ry - 54
    last.extend(sig_lines)
    seal_x = (sig_col[0] + sig_col[1]) / 2 - 70
    last.append(Line(form.seal.split(), Font(8, bold=True), seal_x, seal_y, style="seal", gold=""))
    return pages
