#!/usr/bin/env python3
"""Derive the name lexicons of dictionaries/lexicons/ from licensed packaged sources.

usage: tools/model/make_lexicons.py --provinces-2025 DIR --provinces-2020 DIR --faker DIR
                                    [--out dictionaries/lexicons]

  --provinces-2025  unpacked PyPI `vietnam-provinces` 2025.10.1 (GPL-3.0-or-later): the
                    administrative units after the 2025 reorganisation (34 provinces, wards)
  --provinces-2020  unpacked PyPI `vietnam-provinces` 0.6.0 (GPL-3.0-or-later): the units
                    before it (63 provinces, districts, wards)
  --faker           unpacked PyPI `Faker` 40.63.0 wheel (MIT): person names of its vi_VN provider

Writes admin-units.tsv (name without its unit word, unit word, period) and person-names.tsv
(name, part), sorted and de-duplicated. Standard library only; the packages are read as files
(JSON data, and the provider's source parsed with `ast`), never imported. The recipe is in
dictionaries/README.md.
"""
import argparse
import ast
import json
import os
import unicodedata

# Unit words a name starts with, longest first ("Thành phố", "Thị xã" before single words).
UNIT_WORDS = ["thành phố", "thị trấn", "thị xã", "đặc khu", "tỉnh", "quận", "huyện", "phường", "xã"]


def nfc(s):
    return unicodedata.normalize("NFC", s).strip()


def split_unit(name):
    """("Phường Hoàn Kiếm") → ("Hoàn Kiếm", "phường"); names without a unit word keep "-"."""
    low = name.lower()
    for u in UNIT_WORDS:
        if low.startswith(u + " "):
            return name[len(u) + 1:].strip(), u
    return name, "-"


def walk(units, period, out):
    for u in units:
        name, word = split_unit(nfc(u["name"]))
        out.add((name, word, period))
        for key in ("districts", "wards"):
            walk(u.get(key, []), period, out)


def divisions(package_dir):
    path = os.path.join(package_dir, "vietnam_provinces", "data", "nested-divisions.json")
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def faker_names(faker_dir):
    """The string tuples of Faker's vi_VN person provider, by attribute name."""
    path = os.path.join(faker_dir, "faker", "providers", "person", "vi_VN", "__init__.py")
    with open(path, encoding="utf-8") as f:
        tree = ast.parse(f.read())
    parts = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            name = node.targets[0].id
            if name.startswith(("first_names", "last_names", "middle_names")) and isinstance(node.value, ast.Tuple):
                vals = [e.value for e in node.value.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
                part = name.split("_")[0]
                parts.setdefault(part, set()).update(nfc(v) for v in vals)
    return parts


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--provinces-2025", required=True)
    ap.add_argument("--provinces-2020", required=True)
    ap.add_argument("--faker", required=True)
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "..", "dictionaries", "lexicons"))
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)

    units = set()
    walk(divisions(args.provinces_2025), "2025", units)
    walk(divisions(args.provinces_2020), "pre-2025", units)
    with open(os.path.join(args.out, "admin-units.tsv"), "w", encoding="utf-8") as f:
        f.write("# name\tunit\tperiod — from PyPI vietnam-provinces 2025.10.1 and 0.6.0 (GPL-3.0-or-later)\n")
        for row in sorted(units):
            f.write("%s\t%s\t%s\n" % row)

    names = faker_names(args.faker)
    with open(os.path.join(args.out, "person-names.tsv"), "w", encoding="utf-8") as f:
        f.write("# name\tpart — from PyPI Faker 40.63.0, provider person/vi_VN (MIT)\n")
        for part in sorted(names):
            for n in sorted(names[part]):
                f.write("%s\t%s\n" % (n, part))
    print("units", len(units), "names", sum(len(v) for v in names.values()))


if __name__ == "__main__":
    main()
