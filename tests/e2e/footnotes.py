#!/usr/bin/env python3
# tests/e2e/footnotes.py FODT DUMP.json: the footnotes of `hamish dump
# --json` (blocks of kind "footnote") against the notes of the .fodt
# LibreOffice printed (text:note), or the \footnote{} of a .tex (tex.py,
# XeLaTeX, which numbers them 1, 2, ...); a fixture's .html (html.py,
# Chromium) has none.  A note is found when a footnote block has its label and
# text close to its own (letters only, harakat, hamza forms and digit
# scripts folded: alike()); it is attached when some block of the body
# has its marker.  Prints "FOUND WANT GOT ATTACHED" (GOT: footnote
# blocks, ATTACHED: of the found, those whose marker a body block has)
# and then the labels of the notes not found.
import collections, difflib, json, re, sys, unicodedata
import xml.etree.ElementTree as ET

TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
FOLD = str.maketrans("٠١٢٣٤٥٦٧٨٩أإآٱىة", "0123456789اااايه")


def letters(s):
    s = unicodedata.normalize("NFKC", s).translate(FOLD)
    return "".join(c for c in s if c.isalpha() or c.isdigit())


def alike(a, b):
    """At least 80% of the letters in common, in any order (a symbol
    A/79/322 may come out as 322/79A/), or 60% in order."""
    if not a or not b:
        return a == b
    common = sum((collections.Counter(a) & collections.Counter(b)).values())
    if 2 * common >= 0.8 * (len(a) + len(b)):
        return True
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= 0.6


def label(s):
    return s.strip().strip("()").translate(FOLD)


def tex_notes(path):
    """The \\footnote{...} of a tex.py document, numbered as TeX does."""
    t = open(path, encoding="utf-8").read()
    out, i = [], 0
    while True:
        i = t.find("\\footnote{", i)
        if i < 0:
            return out
        j, depth = i + len("\\footnote{"), 1
        k = j
        while k < len(t) and depth:
            depth += {"{": 1, "}": -1}.get(t[k], 0)
            k += 1
        body = re.sub(r"\\[A-Za-z]+\{?|[{}]", "", t[j:k - 1])
        out.append((str(len(out) + 1), body))
        i = k


def notes(path):
    if path.endswith(".tex"):
        return tex_notes(path)
    if not path.endswith(".fodt"):
        return []       # NAME.html: Chromium prints no footnotes
    root = ET.parse(path).getroot()
    out = []
    for n in root.iter("{%s}note" % TEXT):
        c = n.find("{%s}note-citation" % TEXT)
        b = n.find("{%s}note-body" % TEXT)
        lab = c.get("{%s}label" % TEXT) or (c.text or "")
        out.append((label(lab), "".join(b.itertext())))
    return out


def main():
    want = notes(sys.argv[1])
    d = json.load(open(sys.argv[2], encoding="utf-8"))
    got = [b for b in d["blocks"] if b["kind"] == "footnote"]
    marks = [label(m) for b in d["blocks"] if b["kind"] != "footnote"
             for m in b["footnotes"]]
    used = set()
    found = attached = 0
    missing = []
    for lab, text in want:
        t = letters(text)
        hit = None
        for i, b in enumerate(got):
            if i in used or label(b["label"] or "") != lab:
                continue
            if alike(t, letters(b["text"])):
                hit = i
                break
        if hit is None:
            missing.append(lab)
            continue
        used.add(hit)
        found += 1
        if lab in marks:
            attached += 1
        else:
            missing.append(lab + "(no marker)")
    print(found, len(want), len(got), attached, " ".join(missing[:8]))


main()
