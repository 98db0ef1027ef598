"""Vietnamese syllable helpers for the model build: shape check, tone-placement convention.

Convention (documented in dictionaries/README.md): the OLD ("traditional") placement for the
open rhymes oa, oe, uy — hòa, khỏe, thủy — which is the majority in the corpus; every other
syllable keeps its standard placement. Input in the new style (hoà, khoẻ, thuỷ) is accepted and
mapped to it.
"""
import functools
import re
import unicodedata

TONES = ("\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
VOWELS = "aăâeêioôơuưy"
ONSETS = ["ngh", "ng", "gh", "gi", "kh", "nh", "ph", "qu", "th", "tr", "ch",
          "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x"]
CODAS = ["ch", "ng", "nh", "c", "m", "n", "p", "t"]
SHAPE = re.compile("^(?:" + "|".join(ONSETS) + ")?[" + VOWELS + "]{1,3}(?:" + "|".join(CODAS) + ")?$")
OPEN_PAIR = re.compile("^([^" + VOWELS + "]*)(oa|oe|uy)$")


def split_tone(s):
    d = unicodedata.normalize("NFD", s)
    tone = "".join(c for c in d if c in TONES)
    base = unicodedata.normalize("NFC", "".join(c for c in d if c not in TONES))
    return base, tone


@functools.lru_cache(maxsize=None)
def canonical(s):
    """Lower-case NFC syllable in the model's tone convention, or None if not a syllable."""
    s = unicodedata.normalize("NFC", s.lower())
    base, tone = split_tone(s)
    if len(tone) > 1 or len(s) > 8 or not SHAPE.match(base):
        return None
    m = OPEN_PAIR.match(base)
    if tone and m and m.group(1) != "q":
        onset, pair = m.group(1), m.group(2)
        return unicodedata.normalize("NFC", onset + pair[0] + tone + pair[1])
    return s


@functools.lru_cache(maxsize=None)
def skeleton(s):
    d = unicodedata.normalize("NFD", s.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in d if unicodedata.category(c) != "Mn")
