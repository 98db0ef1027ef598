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
    """One printed line: words drawn from x at baseline y; spread over `justify` points if set."""
    words: list
    font: Font
    x: float
    y: float
    justify: float = None

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


def layout(blocks, page_numbers=True):
    """Places blocks on A4 pages; returns a list of pages, each a list of Lines."""
    probe = cairo.Context(cairo.ImageSurface(cairo.FORMAT_A8, 4, 4))
    pages = [[]]
    y = TOP
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
    ctx.set_source_rgb(0, 0, 0)
    for line in lines:
        line.font.apply(ctx)
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


def gold_text(pages):
    """The printed text: lines joined by newlines, pages separated by a form feed."""
    return "\f".join("\n".join(l.text for l in page) for page in pages) + "\n"
