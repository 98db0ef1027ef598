#!/usr/bin/python3
"""Render clean Vietnamese text to degraded page images and OCR them with the tesseract CLI.

Used twice by the model recipe (dictionaries/README.md):
  * learn_confusions.py renders sentences of the training corpus and aligns tesseract's output
    to them (the learned OCR confusion channel);
  * the evaluation fixtures in eval/restore/ are OCR outputs of pages rendered from the clean
    seed documents (not corpus text).

Run with /usr/bin/python3 (Debian's Python has Pillow). Deterministic: the degradation is
seeded by the page index, fonts and sizes are fixed.

Two degradations (--degrade): `render` (default; blur, down/up sampling, speckle — the pages of
settings (b)/(c) and of the clean-render channel) and `scan` (pages degraded as real archive scans
are: slight skew, photocopy toner noise and speckle, 200 dpi, JPEG compression, and on about half
the pages a fax-like 1-bit threshold — setting (e) and the scan part of the channel).

usage: render_ocr.py --input TEXT --out DIR [--lang eng,vie,vie+eng] [--degrade render|scan]
                     [--lines-per-page 40] [--max-pages N] [--first-index I]
Writes DIR/page-NNN.gold.txt (the wrapped lines as rendered) and DIR/page-NNN.<lang>.txt.
"""
import argparse
import io
import os
import random
import subprocess
import sys
import textwrap
import unicodedata

from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONTS = [
    "/usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
]
DPI = 200
WIDTH, HEIGHT = int(8.27 * DPI), int(11.69 * DPI)


def wrap_lines(text, width=72):
    out = []
    for para in text.splitlines():
        para = unicodedata.normalize("NFC", para.strip().lstrip("#*").strip().replace("**", ""))
        if not para:
            continue
        out.extend(textwrap.wrap(para, width=width, break_long_words=False, break_on_hyphens=False))
    return out


def typeset(lines, rng, font_path, size_pt, darkest_grey):
    """A clean white page with `lines` printed on it, each line's ink grey up to `darkest_grey`."""
    px = int(size_pt * DPI / 72)
    font = ImageFont.truetype(font_path, px)
    img = Image.new("L", (WIDTH, HEIGHT), 255)
    draw = ImageDraw.Draw(img)
    y = int(0.8 * DPI)
    for line in lines:
        draw.text((int(0.9 * DPI), y), line, font=font, fill=rng.randint(0, darkest_grey))
        y += int(px * 1.55)
    return img


def render(lines, index, font_path, size_pt):
    rng = random.Random(1000 + index)
    img = typeset(lines, rng, font_path, size_pt, 60)
    # Degrade: a slight rotation, blur, down/up sampling (a low-quality scan) and speckle noise.
    img = img.rotate(rng.uniform(-0.6, 0.6), resample=Image.BILINEAR, fillcolor=255)
    img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.5, 1.4)))
    f = rng.uniform(0.42, 0.8)
    img = img.resize((int(WIDTH * f), int(HEIGHT * f)), Image.BILINEAR).resize((WIDTH, HEIGHT), Image.BILINEAR)
    px_ = img.load()
    for _ in range(WIDTH * HEIGHT // 400):
        x, yy = rng.randrange(WIDTH), rng.randrange(HEIGHT)
        px_[x, yy] = rng.choice((0, 255, 128))
    return img


def scan(lines, index, font_path, size_pt):
    """A page as a real archive scan looks: photocopied, skewed, 200 dpi, JPEG, often 1-bit."""
    rng = random.Random(5000 + index)
    img = typeset(lines, rng, font_path, size_pt, 70)
    # Photocopy: toner spread (blur), a grey background with streaks, toner specks of a few pixels.
    img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.4, 1.1)))
    img = img.rotate(rng.uniform(-1.5, 1.5), resample=Image.BILINEAR, fillcolor=255)
    bg = rng.randint(0, 40)
    pix = img.load()
    for x0 in [rng.randrange(WIDTH) for _ in range(rng.randint(0, 3))]:
        w = rng.randint(2, 12)
        for yy in range(HEIGHT):
            for x in range(x0, min(WIDTH, x0 + w)):
                pix[x, yy] = max(0, pix[x, yy] - 60)
    for _ in range(WIDTH * HEIGHT // 2500):
        x, yy, r = rng.randrange(WIDTH), rng.randrange(HEIGHT), rng.randint(1, 3)
        for dx in range(r):
            for dy in range(r):
                if x + dx < WIDTH and yy + dy < HEIGHT:
                    pix[x + dx, yy + dy] = rng.randint(0, 90)
    if bg:
        img = img.point(lambda v: max(0, v - bg))
    # JPEG compression of a cheap scanner.
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=rng.randint(15, 45))
    buf.seek(0)
    img = Image.open(buf).convert("L")
    if rng.random() < 0.5:
        # Fax-like: a hard 1-bit threshold, then salt-and-pepper.
        t = rng.randint(110, 170)
        img = img.point(lambda v: 255 if v > t else 0)
        pix = img.load()
        for _ in range(WIDTH * HEIGHT // 1500):
            x, yy = rng.randrange(WIDTH), rng.randrange(HEIGHT)
            pix[x, yy] = 0 if rng.random() < 0.6 else 255
        img = img.convert("1")
    return img


def done(base, gold, langs):
    """Whether a page was already rendered from the same lines and OCR'd in every language."""
    try:
        with open(base + ".gold.txt", encoding="utf-8") as f:
            same = f.read() == gold
    except FileNotFoundError:
        return False
    return same and all(os.path.exists(base + "." + lang + ".txt") for lang in langs)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--input", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--lang", default="eng,vie")
    ap.add_argument("--lines-per-page", type=int, default=40)
    ap.add_argument("--max-pages", type=int, default=1000)
    ap.add_argument("--first-index", type=int, default=0)
    ap.add_argument("--from-page", type=int, default=0, help="skip the pages before this one (to split a run)")
    ap.add_argument("--degrade", choices=("render", "scan"), default="render")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    with open(args.input, encoding="utf-8") as f:
        lines = wrap_lines(f.read())
    pages = [lines[i:i + args.lines_per_page] for i in range(0, len(lines), args.lines_per_page)]
    for n, page in enumerate(pages[: args.max_pages]):
        if n < args.from_page:
            continue
        idx = args.first_index + n
        font = FONTS[idx % len(FONTS)]
        size = (11, 12, 13)[idx % 3]
        base = os.path.join(args.out, "page-%03d" % n)
        gold = "\n".join(page) + "\n"
        if done(base, gold, args.lang.split(",")):
            continue
        with open(base + ".gold.txt", "w", encoding="utf-8") as f:
            f.write(gold)
        png = base + ".png"
        (scan if args.degrade == "scan" else render)(page, idx, font, size).save(png)
        for lang in args.lang.split(","):
            subprocess.run(["tesseract", png, base + "." + lang, "-l", lang, "--psm", "6", "--dpi", str(DPI)],
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           env=dict(os.environ, OMP_THREAD_LIMIT="1"))
        os.remove(png)
        print(base, file=sys.stderr)


if __name__ == "__main__":
    main()
