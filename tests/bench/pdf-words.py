#!/usr/bin/env python3
# tests/bench/pdf-words.py - how many words the PDF front end splits or
# joins: the words of `hamish dump --json NAME.pdf`'s blocks against the
# words of NAME.fodt, the text LibreOffice printed, or NAME.html, the text
# Chromium printed (harakat and tatweel folded, punctuation stripped).
#   split: two neighbouring words whose join is a source word, one of
#          them not (الاتج ار);
#   joined: a word not in the source that two source words make (عنطريق);
#   unknown: any word not in the source (الاتجLLار: a kashida glyph the
#          font's ToUnicode maps to a letter).
# Rates per 100 words of the PDF's text.  Usage:
#   python3 tests/bench/pdf-words.py [HAMISH] [FIXTURE.pdf ...]
import json, os, re, subprocess, sys, glob, html

FOLD = re.compile('[\u064B-\u0652\u0670\u0640\u200c-\u200f\u202a-\u202e\u2066-\u2069]')
PUNCT = re.compile(r'[^\w]+', re.UNICODE)

def words(s):
    s = FOLD.sub('', s)
    return [w for w in PUNCT.sub(' ', s).split() if w]

def source(path):
    t = open(path, encoding='utf-8').read()
    t = t.split('<office:body>', 1)[-1]
    t = re.sub(r'<text:s[^>]*/>', ' ', t)
    t = re.sub(r'<text:(tab|line-break)[^>]*/>', ' ', t)
    t = re.sub(r'</text:(p|h)>', '\n', t)
    t = re.sub(r'<[^>]+>', '', t)
    return words(html.unescape(t))

def measure(hamish, pdf):
    src = pdf[:-4] + '.fodt'
    if not os.path.exists(src):     # chrome-*: the HTML Chromium printed
        src = pdf[:-4] + '.html'
    vocab = set(source(src))
    out = subprocess.run([hamish, 'dump', '--json', pdf],
                         capture_output=True).stdout
    b = json.loads(out.decode('utf-8'))['blocks']
    nw = split = joined = unknown = 0
    for x in b:
        w = words(x['text'])
        nw += len(w)
        for i in range(len(w) - 1):
            if (w[i] + w[i + 1]) in vocab and (w[i] not in vocab or
                                                w[i + 1] not in vocab):
                split += 1
        unknown += sum(x1 not in vocab for x1 in w)
        for x1 in w:
            if x1 in vocab or len(x1) < 4:
                continue
            if any(x1[:k] in vocab and x1[k:] in vocab
                   for k in range(2, len(x1) - 1)):
                joined += 1
    return nw, split, joined, unknown

def main():
    hamish = sys.argv[1] if len(sys.argv) > 1 else 'build/hamish'
    pdfs = sys.argv[2:] or sorted(glob.glob('tests/fixtures/pdf/*.pdf'))
    ts = tj = tu = tw = 0
    fmt = '%-38s %6d words  split %5.2f%%  joined %5.2f%%  unknown %5.2f%%'
    for p in pdfs:
        nw, s, j, u = measure(hamish, p)
        tw += nw; ts += s; tj += j; tu += u
        print(fmt % (p.split('/')[-1][:-4], nw, 100.0 * s / max(nw, 1),
                     100.0 * j / max(nw, 1), 100.0 * u / max(nw, 1)))
    print(fmt % ('total', tw, 100.0 * ts / max(tw, 1),
                 100.0 * tj / max(tw, 1), 100.0 * tu / max(tw, 1)))

main()
