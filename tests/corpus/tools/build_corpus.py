#!/usr/bin/env python3
"""Builds the labelled PII corpus: roster CSVs, attachments, messages/*.eml and labels.json.

What this is: the generator of everything under tests/corpus/ except LABELLING.md, README.md
and school.toml. Message texts live in tools/src/messages-*.txt, attachment texts in
tools/src/attachments-*.txt; the format is described in tools/src/FORMAT.md.
Labels are not written by hand: every finding is marked inline in the source text
([[kind:text]]) and the marker is removed when the text is written, so a label can never
drift from the text it labels. Intended hard negatives that pass a checksum are marked
{{kind:text}} and listed under "hard_negatives" so check_labels.py can prove they are valid.

How to use:  python3 tests/corpus/tools/build_corpus.py      (from anywhere; stdlib only)
             python3 tests/corpus/tools/build_corpus.py --corpus tests/corpus/heldout
--corpus DIR builds another corpus with this same generator: DIR/tools/ then holds that
corpus's roster_data.py and signatures.py (which may set MAIL_DOMAIN, the school's mail
domain used in Message-IDs) and DIR/tools/src/ its texts; output goes to DIR.
It needs LibreOffice (soffice), zip, 7z (p7zip-full) and qpdf to (re)build attachments.
Attachments whose source is unchanged are not rebuilt (attachments/.manifest.json), because
LibreOffice, ZipCrypto and AES output is not byte-reproducible; the .eml files are.

Security note: everything here is fictional (.example domains, Ofcom drama numbers).
"""

import base64
import binascii
import datetime
import email.header
import email.utils
import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))


def _corpus_arg():
    """The corpus directory: --corpus DIR, or the one this tools/ folder belongs to."""
    if "--corpus" in sys.argv:
        i = sys.argv.index("--corpus")
        if i + 1 >= len(sys.argv):
            sys.exit("build_corpus: --corpus needs a directory")
        return os.path.abspath(sys.argv[i + 1])
    return os.path.dirname(HERE)


CORPUS = _corpus_arg()
DATA_TOOLS = os.path.join(CORPUS, "tools")  # roster_data.py, signatures.py, src/ of this corpus
sys.path.insert(0, HERE)
if DATA_TOOLS != HERE:
    sys.path.insert(0, DATA_TOOLS)
import ids  # noqa: E402
import roster_data as R  # noqa: E402
import signatures as S  # noqa: E402

SRC = os.path.join(DATA_TOOLS, "src")
MAIL_DOMAIN = getattr(S, "MAIL_DOMAIN", "school.example")
ATT_DIR = os.path.join(CORPUS, "attachments")
MSG_DIR = os.path.join(CORPUS, "messages")
LO_PROFILE = "file:///tmp/lo-corpus-build"

KINDS = {
    "n": "person_name", "d": "dob", "a": "address", "p": "postcode", "u": "upn", "l": "uln",
    "h": "nhs_number", "i": "nino", "t": "phone", "e": "email",
}
for _k in list(KINDS.values()):
    KINDS[_k] = _k
HN_KINDS = {"nhs": "nhs_number", "upn": "upn", "uln": "uln", "nino": "nino"}

MARK = re.compile(r"\[\[([\w-]+):(.*?)\]\]|\{\{([\w-]+):(.*?)\}\}")


class SourceError(Exception):
    pass


def strip_markup(text, where, ctx):
    """Removes [[k:text]] / {{k:text}} markers. Returns (plain, findings, hard_negatives)."""
    out, findings, hns = [], [], []
    pos = 0
    for m in MARK.finditer(text):
        out.append(text[pos:m.start()])
        if m.group(1) is not None:
            kind = KINDS.get(m.group(1))
            if kind is None:
                raise SourceError("%s: unknown kind %r" % (ctx, m.group(1)))
            span = m.group(2)
            if "\n" in span or span != span.strip():
                raise SourceError("%s: bad span %r" % (ctx, span))
            findings.append({"kind": kind, "text": span, "where": where})
        else:
            span = m.group(4)
            hns.append({"kind": HN_KINDS.get(m.group(3), m.group(3)), "text": span, "where": where})
        out.append(span)
        pos = m.end()
    out.append(text[pos:])
    plain = "".join(out)
    if "[[" in plain or "{{" in plain:
        raise SourceError("%s: unclosed marker" % ctx)
    return plain, findings, hns


# ---------------------------------------------------------------- source parsing

def parse_blocks(path):
    """Yields (name, meta dict, body text) for each '=== name' block of a source file."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    blocks, cur = [], None
    for line in lines:
        if line.startswith("=== "):
            if cur:
                blocks.append(cur)
            cur = {"name": line[4:].strip(), "meta": {}, "body": [], "in_body": False}
            continue
        if cur is None:
            continue
        if not cur["in_body"]:
            if line.strip() == "---":
                cur["in_body"] = True
            elif line.strip() and not line.startswith("#"):
                if line.startswith(("inline:", "as:")):
                    k, _, v = line.rpartition(": ")
                else:
                    k, _, v = line.partition(":")
                cur["meta"][k.strip().lower()] = v.strip()
        else:
            cur["body"].append(line)
    if cur:
        blocks.append(cur)
    result = []
    for b in blocks:
        body = "\n".join(b["body"]).rstrip("\n") + "\n"
        result.append((b["name"], b["meta"], body))
    return result


def expand_macros(body, meta):
    def sig(m):
        return S.signature(m.group(1))
    body = re.sub(r"%SIG:([\w:-]+)%", sig, body)
    body = body.replace("%DISCLAIMER%", S.DISCLAIMER)
    body = body.replace("%DISCLAIMER_SHORT%", S.DISCLAIMER_SHORT)
    body = re.sub(r"%PUPIL:(\w+):(\w+)%", lambda m: pupil_field(m.group(1), m.group(2)), body)
    return body


def pupil_field(key, field):
    p = R.BY_KEY[key]
    return {"name": p.name, "sf": p.name_sf, "upn": p.upn, "dob": p.dob_dmy(), "dobiso": p.dob,
            "address": p.address, "postcode": p.postcode, "town": p.town,
            "forename": p.forename, "surname": p.surname}[field]


# ---------------------------------------------------------------- attachments

FODT_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:meta><meta:generator>{school} office</meta:generator><dc:title>{title}</dc:title></office:meta>
<office:styles><style:style style:name="Standard" style:family="paragraph"><style:text-properties fo:font-size="11pt" style:font-name="Arial"/></style:style></office:styles>
<office:automatic-styles><style:style style:name="Tb" style:family="table"><style:table-properties style:width="16.5cm" table:align="left"/></style:style>
<style:style style:name="B" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style></office:automatic-styles>
<office:body><office:text>
"""
FODT_TAIL = "</office:text></office:body></office:document>\n"

FODS_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:automatic-styles>
<number:date-style style:name="N1"><number:day number:style="long"/><number:text>/</number:text><number:month number:style="long"/><number:text>/</number:text><number:year number:style="long"/></number:date-style>
<style:style style:name="ce1" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="N1"/>
<style:style style:name="ceh" style:family="table-cell" style:parent-style-name="Default"><style:text-properties fo:font-weight="bold"/></style:style>
</office:automatic-styles>
<office:body><office:spreadsheet>
"""
FODS_TAIL = "</office:spreadsheet></office:body></office:document>\n"

FODP_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.presentation">
<office:body><office:presentation>
"""
FODP_TAIL = "</office:presentation></office:body></office:document>\n"

DATE_CELL = re.compile(r"^@(\d{4}-\d{2}-\d{2})$")


def x(s):
    return html.escape(s, quote=False)


def split_cells(line):
    inner = line.strip()[1:]
    if inner.endswith("|"):
        inner = inner[:-1]
    return [c.strip() for c in inner.split("|")]


def roster_rows(spec):
    """'roster(year=4; cols=name_sf,dob,postcode,upn)' -> table lines with markup."""
    m = re.fullmatch(r"roster\((.*)\)", spec.strip())
    args = dict(a.strip().split("=", 1) for a in m.group(1).split(";"))
    cols = args["cols"].split(",")
    if "keys" in args:
        pupils = [R.BY_KEY[k] for k in args["keys"].split(",")]
    else:
        years = args["year"].split(",")
        pupils = [p for p in R.PUPILS if p.year in years]
        pupils.sort(key=lambda p: (p.surname, p.forename))
    date_style = args.get("datefmt", "cell")
    lines = []
    for p in pupils:
        cells = []
        for c in cols:
            if c == "name":
                cells.append("[[n:%s]]" % p.name)
            elif c == "name_sf":
                cells.append("[[n:%s]]" % p.name_sf)
            elif c == "forename":
                cells.append(p.forename)
            elif c == "surname":
                cells.append(p.surname)
            elif c == "dob":
                if date_style == "cell":
                    cells.append("[[d:@%s]]" % p.dob)
                elif date_style == "iso":
                    cells.append("[[d:%s]]" % p.dob)
                else:
                    cells.append("[[d:%s]]" % p.dob_dmy())
            elif c == "address":
                cells.append("[[a:%s]]" % p.address)
            elif c == "town":
                cells.append(p.town)
            elif c == "postcode":
                cells.append("[[p:%s]]" % p.postcode)
            elif c == "upn":
                cells.append("[[u:%s]]" % p.upn)
            elif c == "year":
                cells.append("Reception" if p.year == "R" else "Year %s" % p.year)
            elif c == "contact":
                con = [c2 for c2 in R.CONTACTS if p.key in c2[0]][0]
                nm = re.sub(r"^(Mrs|Mr|Ms|Miss) ", "", con[1])
                cells.append("[[n:%s]]" % nm)
            elif c == "contact_phone":
                con = [c2 for c2 in R.CONTACTS if p.key in c2[0]][0]
                cells.append("[[t:%s]]" % con[4])
            elif c.startswith("const:"):
                cells.append(c[6:])
            elif c == "blank":
                cells.append("")
            else:
                raise SourceError("unknown roster column %s" % c)
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def expand_rows(body):
    out = []
    for line in body.split("\n"):
        if line.strip().startswith("roster("):
            out.extend(roster_rows(line))
        else:
            out.append(line)
    return "\n".join(out)


def cell_text_and_labels(cell, where, ctx, date_as="dmy"):
    """A table cell: returns (display text, date iso or None, findings, hns)."""
    m = re.fullmatch(r"\[\[d:@(\d{4}-\d{2}-\d{2})\]\]", cell)
    if m:
        iso = m.group(1)
        y, mo, d = iso.split("-")
        disp = "%s/%s/%s" % (d, mo, y)
        return disp, iso, [{"kind": "dob", "text": disp, "where": where}], []
    m = DATE_CELL.match(cell)
    if m:
        iso = m.group(1)
        y, mo, d = iso.split("-")
        return "%s/%s/%s" % (d, mo, y), iso, [], []
    plain, f, h = strip_markup(cell, where, ctx)
    return plain, None, f, h


def build_fodt(body, where, title):
    findings, hns, parts = [], [], [FODT_HEAD.format(title=x(title), school=x(S.SCHOOL))]
    table = None

    def flush_table():
        nonlocal table
        if table:
            ncol = max(len(r) for r in table)
            parts.append('<table:table table:name="T%d" table:style-name="Tb"><table:table-column table:number-columns-repeated="%d"/>\n' % (len(parts), ncol))
            for row in table:
                parts.append("<table:table-row>")
                for c in row + [""] * (ncol - len(row)):
                    parts.append('<table:table-cell office:value-type="string"><text:p>%s</text:p></table:table-cell>' % x(c))
                parts.append("</table:table-row>\n")
            parts.append("</table:table>\n")
        table = None

    for line in expand_rows(body).split("\n"):
        if line.strip().startswith("|"):
            cells = []
            for c in split_cells(line):
                disp, _, f, h = cell_text_and_labels(c, where, where)
                findings += f
                hns += h
                cells.append(disp)
            table = (table or []) + [cells]
            continue
        flush_table()
        plain, f, h = strip_markup(line, where, where)
        findings += f
        hns += h
        if plain.startswith("# "):
            parts.append('<text:h text:outline-level="1">%s</text:h>\n' % x(plain[2:]))
        elif plain.startswith("## "):
            parts.append('<text:h text:outline-level="2">%s</text:h>\n' % x(plain[3:]))
        elif plain.strip() == "":
            parts.append("<text:p/>\n")
        else:
            parts.append("<text:p>%s</text:p>\n" % x(plain))
    flush_table()
    parts.append(FODT_TAIL)
    return "".join(parts), findings, hns


def build_fods(body, where):
    """Sheets: '## Sheet name' starts a sheet; '| a | b |' rows; '@YYYY-MM-DD' date cells."""
    findings, hns, parts = [], [], [FODS_HEAD]
    sheet_open = False
    for line in expand_rows(body).split("\n"):
        if line.startswith("## "):
            if sheet_open:
                parts.append("</table:table>\n")
            parts.append('<table:table table:name="%s">\n' % x(line[3:].strip()))
            sheet_open = True
            continue
        if not line.strip().startswith("|"):
            continue
        if not sheet_open:
            parts.append('<table:table table:name="Sheet1">\n')
            sheet_open = True
        parts.append("<table:table-row>")
        for c in split_cells(line):
            head = c.startswith("**") and c.endswith("**")
            if head:
                c = c[2:-2]
            disp, iso, f, h = cell_text_and_labels(c, where, where)
            findings += f
            hns += h
            if iso:
                parts.append('<table:table-cell table:style-name="ce1" office:value-type="date" office:date-value="%s"><text:p>%s</text:p></table:table-cell>' % (iso, disp))
            elif re.fullmatch(r"-?\d+(\.\d+)?", disp) and not disp.startswith("0") and not f and not h:
                parts.append('<table:table-cell office:value-type="float" office:value="%s"><text:p>%s</text:p></table:table-cell>' % (disp, disp))
            elif disp == "":
                parts.append("<table:table-cell/>")
            else:
                style = ' table:style-name="ceh"' if head else ""
                parts.append('<table:table-cell%s office:value-type="string"><text:p>%s</text:p></table:table-cell>' % (style, x(disp)))
        parts.append("</table:table-row>\n")
    if sheet_open:
        parts.append("</table:table>\n")
    parts.append(FODS_TAIL)
    return "".join(parts), findings, hns


def build_fodp(body, where):
    findings, hns, parts = [], [], [FODP_HEAD]
    slides = [s.strip("\n") for s in re.split(r"^----slide----$", body, flags=re.M)]
    for i, s in enumerate(slides):
        lines = s.split("\n")
        plain_lines = []
        for ln in lines:
            p, f, h = strip_markup(ln, where, where)
            findings += f
            hns += h
            plain_lines.append(p)
        title, rest = plain_lines[0], [ln for ln in plain_lines[1:] if ln.strip()]
        parts.append('<draw:page draw:name="Slide%d">\n' % (i + 1))
        parts.append('<draw:frame svg:x="1.5cm" svg:y="1cm" svg:width="25cm" svg:height="3cm"><draw:text-box><text:p>%s</text:p></draw:text-box></draw:frame>\n' % x(title))
        if rest:
            parts.append('<draw:frame svg:x="1.5cm" svg:y="4.5cm" svg:width="25cm" svg:height="13cm"><draw:text-box>')
            for ln in rest:
                parts.append("<text:p>%s</text:p>" % x(ln))
            parts.append("</draw:text-box></draw:frame>\n")
        parts.append("</draw:page>\n")
    parts.append(FODP_TAIL)
    return "".join(parts), findings, hns


def build_csv(body, where, newline):
    findings, hns, lines = [], [], []
    for line in expand_rows(body).split("\n"):
        if not line.strip().startswith("|"):
            continue
        cells = []
        for c in split_cells(line):
            disp, iso, f, h = cell_text_and_labels(c, where, where)
            if iso and not f:
                pass
            findings += f
            hns += h
            if "," in disp or '"' in disp:
                disp = '"' + disp.replace('"', '""') + '"'
            cells.append(disp)
        lines.append(",".join(cells))
    return newline.join(lines) + newline, findings, hns


class Attachment:
    def __init__(self, name, meta, body):
        self.name, self.meta, self.body = name, meta, body
        self.findings, self.hns = [], []
        self.protected = False
        self.path = os.path.join(ATT_DIR, name)
        self.source_text = None  # what the file was generated from (for check_labels)

    @property
    def ext(self):
        return self.name.rsplit(".", 1)[-1].lower()


def load_attachments():
    atts = {}
    for fn in sorted(os.listdir(SRC)):
        if fn.startswith("attachments") and fn.endswith(".txt"):
            for name, meta, body in parse_blocks(os.path.join(SRC, fn)):
                kind, _, fname = name.partition(" ")
                fname = fname.strip()
                a = Attachment(fname, meta, body)
                a.kind = kind
                if fname in atts:
                    raise SourceError("duplicate attachment %s" % fname)
                atts[fname] = a
    return atts


def run(cmd, cwd=None):
    r = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if r.returncode != 0:
        raise SourceError("command failed: %s\n%s" % (" ".join(cmd), r.stderr.decode(errors="replace")))
    return r


def prepare(a):
    """Computes the generated source and labels of one attachment (no I/O of the output)."""
    where = a.name
    body = expand_macros(a.body, a.meta)
    if a.kind == "@doc":
        src, a.findings, a.hns = build_fodt(body, where, a.meta.get("title", ""))
        a.gen = ("fodt", src)
    elif a.kind == "@sheet":
        if a.ext == "csv":
            nl = "\r\n" if a.meta.get("newline", "crlf") == "crlf" else "\n"
            src, a.findings, a.hns = build_csv(body, where, nl)
            a.gen = ("raw", src.encode(a.meta.get("charset", "utf-8")))
        else:
            src, a.findings, a.hns = build_fods(body, where)
            a.gen = ("fods", src)
    elif a.kind == "@slides":
        src, a.findings, a.hns = build_fodp(body, where)
        a.gen = ("fodp", src)
    elif a.kind == "@text":
        plain, a.findings, a.hns = strip_markup(body, where, where)
        a.gen = ("raw", plain.encode(a.meta.get("charset", "utf-8")))
        src = plain
    elif a.kind == "@png":
        src = "png:" + a.meta.get("size", "64x24") + ":" + a.meta.get("colour", "1d4f91")
        a.gen = ("raw", make_png(src))
    elif a.kind in ("@zip", "@encpdf"):
        src = json.dumps(a.meta, sort_keys=True)
        a.gen = (a.kind, src)
    else:
        raise SourceError("unknown attachment kind %s" % a.kind)
    a.source_text = src


def make_png(spec):
    """A small solid-colour PNG (a school logo stand-in): 'png:WxH:rrggbb'."""
    import struct
    import zlib
    _, size, colour = spec.split(":")
    w, h = (int(v) for v in size.split("x"))
    rgb = bytes.fromhex(colour)
    raw = b"".join(b"\x00" + rgb * w for _ in range(h))

    def chunk(tag, data):
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xffffffff)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def source_hash(a, atts):
    h = hashlib.sha256()
    kind, src = a.gen
    h.update(kind.encode())
    h.update(src if isinstance(src, bytes) else src.encode("utf-8"))
    for dep in deps_of(a):
        h.update(source_hash(atts[dep], atts).encode())
    return h.hexdigest()


def deps_of(a):
    if a.kind == "@zip":
        return [e.strip() for e in a.meta["entries"].split(",")]
    if a.kind == "@encpdf":
        return [a.meta["source"]]
    return []


def build_attachments(atts):
    os.makedirs(ATT_DIR, exist_ok=True)
    man_path = os.path.join(ATT_DIR, ".manifest.json")
    manifest = json.load(open(man_path)) if os.path.exists(man_path) else {}
    for a in atts.values():
        prepare(a)
    # dependencies first: plain files, then encrypted pdfs, then zips (possibly nested)
    order = sorted(atts.values(), key=lambda a: {"@zip": 2, "@encpdf": 1}.get(a.kind, 0))
    pending_lo = []
    for a in order:
        if a.kind in ("@zip", "@encpdf"):
            continue
        hsh = source_hash(a, atts)
        if manifest.get(a.name) == hsh and os.path.exists(a.path):
            continue
        kind, src = a.gen
        if kind == "raw":
            with open(a.path, "wb") as f:
                f.write(src)
            manifest[a.name] = hsh
        else:
            pending_lo.append((a, hsh))
    if pending_lo:
        convert_with_libreoffice(pending_lo, manifest)
    # zips may contain zips: build until done
    for _ in range(5):
        for a in order:
            if a.kind not in ("@zip", "@encpdf"):
                continue
            hsh = source_hash(a, atts)
            if manifest.get(a.name) == hsh and os.path.exists(a.path):
                continue
            if any(manifest.get(d) != source_hash(atts[d], atts) for d in deps_of(a)):
                continue
            if a.kind == "@encpdf":
                pw = a.meta["password"]
                run(["qpdf", "--encrypt", pw, pw + "-owner", "256", "--", atts[a.meta["source"]].path, a.path])
            else:
                build_zip(a, atts)
            manifest[a.name] = hsh
    with open(man_path, "w") as f:
        json.dump(manifest, f, indent=1, sort_keys=True)
    for a in atts.values():
        a.protected = a.kind == "@encpdf" or (a.kind == "@zip" and a.meta.get("method", "none") != "none")


def convert_with_libreoffice(items, manifest):
    tmp = tempfile.mkdtemp(prefix="corpus-lo-")
    try:
        by_target = {}
        for a, hsh in items:
            kind, src = a.gen
            stem = a.name.rsplit(".", 1)[0]
            sub = os.path.join(tmp, a.name.replace("/", "_"))
            os.makedirs(sub)
            inp = os.path.join(sub, stem + "." + kind)
            with open(inp, "w", encoding="utf-8") as f:
                f.write(src)
            by_target.setdefault(a.ext, []).append((a, hsh, inp, sub))
        for ext, lst in by_target.items():
            target = {"pdf": "pdf:writer_pdf_Export", "rtf": "rtf:Rich Text Format"}.get(ext, ext)
            for a, hsh, inp, sub in lst:
                run(["soffice", "--headless", "-env:UserInstallation=" + LO_PROFILE,
                     "--convert-to", target, inp, "--outdir", sub])
                stem = os.path.basename(inp).rsplit(".", 1)[0]
                shutil.move(os.path.join(sub, stem + "." + ext), a.path)
                manifest[a.name] = hsh
                print("  built", a.name)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


FIXED_DT = (2025, 3, 14, 9, 30, 0)


def build_zip(a, atts):
    entries = deps_of(a)
    method = a.meta.get("method", "none")
    names = [a.meta.get("as:" + e, e) for e in entries]
    if method == "none":
        with zipfile.ZipFile(a.path, "w", zipfile.ZIP_DEFLATED) as z:
            for e, n in zip(entries, names):
                zi = zipfile.ZipInfo(n, FIXED_DT)
                zi.compress_type = zipfile.ZIP_DEFLATED
                zi.external_attr = 0o644 << 16
                with open(atts[e].path, "rb") as f:
                    z.writestr(zi, f.read())
        return
    tmp = tempfile.mkdtemp(prefix="corpus-zip-")
    try:
        for e, n in zip(entries, names):
            shutil.copy(atts[e].path, os.path.join(tmp, n))
            os.utime(os.path.join(tmp, n), (1741944600, 1741944600))
        if os.path.exists(a.path):
            os.remove(a.path)
        if method == "zipcrypto":
            run(["zip", "-q", "-X", "-P", a.meta["password"], a.path] + names, cwd=tmp)
        elif method == "aes":
            run(["7z", "a", "-tzip", "-mem=AES256", "-p" + a.meta["password"], a.path] + names, cwd=tmp)
        else:
            raise SourceError("unknown zip method %s" % method)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def attachment_labels(a, atts, prefix=""):
    """Findings inside attachment `a` as seen from a message, with archive paths."""
    where = prefix + a.name
    if a.protected:
        return [], []
    if a.kind == "@zip":
        f_all, h_all = [], []
        for e in deps_of(a):
            inner = atts[e]
            shown = a.meta.get("as:" + e, e)
            f, h = attachment_labels(inner, atts, where + "/")
            # the entry may be stored under another name
            f = [dict(x2, where=x2["where"].replace(where + "/" + inner.name, where + "/" + shown, 1)) for x2 in f]
            h = [dict(x2, where=x2["where"].replace(where + "/" + inner.name, where + "/" + shown, 1)) for x2 in h]
            f_all += f
            h_all += h
        return f_all, h_all
    return ([dict(f, where=where) for f in a.findings], [dict(h, where=where) for h in a.hns])


MIME_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "pdf": "application/pdf", "rtf": "application/rtf", "zip": "application/zip",
    "csv": "text/csv", "txt": "text/plain", "png": "image/png", "eml": "message/rfc822",
}


# ---------------------------------------------------------------- messages

def parse_addr_list(v):
    if not v:
        return []
    return [(n, a) for n, a in email.utils.getaddresses([v]) if a]


def fmt_addr(name, addr, charset):
    if not name:
        return addr
    try:
        name.encode("ascii")
        return email.utils.formataddr((name, addr))
    except UnicodeEncodeError:
        return email.utils.formataddr((name, addr), charset=charset if charset != "us-ascii" else "utf-8")


def fmt_date(s):
    dt = datetime.datetime.strptime(s, "%Y-%m-%d %H:%M")
    # British Summer Time: last Sunday of March to last Sunday of October (approximate by day)
    bst = (dt.month > 3 and dt.month < 10) or (dt.month == 3 and dt.day >= 30) or (dt.month == 10 and dt.day < 27)
    tz = datetime.timezone(datetime.timedelta(hours=1 if bst else 0))
    return email.utils.format_datetime(dt.replace(tzinfo=tz))


def encode_header_value(v, charset):
    try:
        v.encode("ascii")
        return v
    except UnicodeEncodeError:
        cs = "utf-8" if charset in ("us-ascii",) else charset
        try:
            v.encode(cs)
        except UnicodeEncodeError:
            cs = "utf-8"
        return email.header.Header(v, cs, maxlinelen=76, header_name="Subject").encode()


def encode_body(text, charset, cte):
    data = text.encode(charset)
    if cte == "quoted-printable":
        enc = binascii.b2a_qp(data, istext=True).decode("ascii")
    elif cte == "base64":
        b = base64.b64encode(data).decode("ascii")
        enc = "\n".join(b[i:i + 76] for i in range(0, len(b), 76)) + "\n"
    elif cte in ("7bit", "8bit"):
        if cte == "7bit" and any(c > 127 for c in data):
            raise SourceError("7bit body with non-ASCII text")
        enc = data.decode(charset)
        if any(len(ln.encode(charset)) > 998 for ln in enc.split("\n")):
            raise SourceError("line too long for %s" % cte)
    else:
        raise SourceError("unknown cte %s" % cte)
    return enc


def text_part(text, subtype, charset, cte, extra_params=""):
    hdr = "Content-Type: text/%s; charset=\"%s\"%s\nContent-Transfer-Encoding: %s\n" % (subtype, charset, extra_params, cte)
    return hdr + "\n" + encode_body(text, charset, cte)


def boundary_for(name, n):
    return "----=_Part_%s_%d" % (hashlib.sha1(name.encode()).hexdigest()[:16], n)


def multipart(subtype, parts, boundary, preamble=None):
    out = ["Content-Type: multipart/%s;\n\tboundary=\"%s\"\n\n" % (subtype, boundary)]
    if preamble:
        out.append(preamble + "\n")
    for p in parts:
        out.append("--%s\n%s" % (boundary, p if p.endswith("\n") else p + "\n"))
    out.append("--%s--\n" % boundary)
    return "".join(out)


def plain_to_html(text, style):
    """Renders plain text as the HTML a mail client would send; text content is unchanged."""
    paras = re.split(r"\n\s*\n", text.strip("\n"))
    out = []
    if style == "outlook":
        out.append('<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word" xmlns="http://www.w3.org/TR/REC-html40">\n<head>\n<meta http-equiv="Content-Type" content="text/html; charset=%CHARSET%">\n<meta name="Generator" content="Microsoft Word 15 (filtered medium)">\n<style><!--\np.MsoNormal, li.MsoNormal, div.MsoNormal\n\t{margin:0cm;\n\tfont-size:11.0pt;\n\tfont-family:"Calibri",sans-serif;}\n--></style>\n</head>\n<body lang="EN-GB" link="#0563C1" vlink="#954F72" style="word-wrap:break-word">\n<div class="WordSection1">\n')
        for p in paras:
            for ln in p.split("\n"):
                out.append('<p class="MsoNormal">%s<o:p></o:p></p>\n' % x(ln))
            out.append('<p class="MsoNormal"><o:p>&nbsp;</o:p></p>\n')
        out.append("</div>\n</body>\n</html>\n")
    elif style == "gmail":
        out.append('<div dir="ltr">')
        for p in paras:
            out.append("<div>%s</div><div><br></div>" % "<br>".join(x(ln) for ln in p.split("\n")))
        out.append("</div>\n")
    elif style == "apple":
        out.append('<html><head><meta http-equiv="content-type" content="text/html; charset=%CHARSET%"></head><body style="overflow-wrap: break-word; -webkit-nbsp-mode: space; line-break: after-white-space;">')
        for p in paras:
            out.append("<div>%s</div><div><br></div>" % "<br>".join(x(ln) for ln in p.split("\n")))
        out.append("</body></html>\n")
    else:  # a newsletter / bulk-mail style page
        out.append('<!DOCTYPE html>\n<html><head><meta charset="%CHARSET%"><title></title></head>\n<body style="font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#222">\n<table width="100%" cellpadding="0" cellspacing="0"><tr><td style="padding:16px">\n')
        for p in paras:
            lines = p.split("\n")
            if len(lines) == 1 and lines[0].startswith("## "):
                out.append("<h2 style=\"color:#1d4f91\">%s</h2>\n" % x(lines[0][3:]))
            else:
                out.append("<p>%s</p>\n" % "<br>\n".join(x(ln) for ln in lines))
        out.append("</td></tr></table>\n</body></html>\n")
    return "".join(out)


CLIENTS = {
    "outlook": [("X-Mailer", "Microsoft Outlook 16.0"), ("Content-Language", "en-GB"), ("Thread-Index", None)],
    "outlook-mac": [("X-Mailer", "Microsoft Outlook for Mac 16.89"), ("Content-Language", "en-GB")],
    "owa": [("X-MS-Has-Attach", None), ("X-MS-TNEF-Correlator", ""), ("Content-Language", "en-GB")],
    "thunderbird": [("User-Agent", "Mozilla Thunderbird 115.15.0"), ("Content-Language", "en-GB")],
    "apple": [("X-Mailer", "Apple Mail (2.3774.500.171.1.1)")],
    "iphone": [("X-Mailer", "iPhone Mail (21F90)")],
    "android": [("X-Mailer", "Outlook for Android")],
    "gmail": [],
    "mutt": [("User-Agent", "NeoMutt/20220429")],
    "arbor": [("X-Mailer", "Arbor Education Mailer 4.2"), ("Precedence", "bulk")],
    "parentmail": [("X-Mailer", "ParentMail PMX"), ("Precedence", "bulk")],
    "helpdesk": [("X-Mailer", "School IT Helpdesk 3.1"), ("Auto-Submitted", "auto-generated")],
}


def build_message(name, meta, body, atts, idx):
    ctx = name
    charset = meta.get("charset", "utf-8").lower()
    cte = meta.get("cte", "quoted-printable" if charset != "us-ascii" else "7bit")
    fmt = meta.get("format", "plain")
    client = meta.get("client", "outlook")
    if client not in CLIENTS:
        raise SourceError("%s: unknown client %s" % (ctx, client))
    findings, hns = [], []

    subject_raw = meta["subject"]
    subject, f, h = strip_markup(subject_raw, "body", ctx)
    findings += f
    hns += h

    body = expand_macros(body, meta)
    body = re.sub(r"%CID:([^%]+)%", lambda m: "%s@%s" % (hashlib.sha1(m.group(1).encode()).hexdigest()[:12], MAIL_DOMAIN), body)
    inner = None
    html_raw = None
    if "\n--- rfc822\n" in "\n" + body:
        body, inner = ("\n" + body).split("\n--- rfc822\n", 1)
        body = body[1:] if body.startswith("\n") else body
    if "\n--- html\n" in "\n" + body:
        body, html_raw = ("\n" + body).split("\n--- html\n", 1)
        body = body[1:] if body.startswith("\n") else body

    parts_text = []
    is_alt = fmt in ("alt", "alt-raw")

    def tag(found, part):
        # multipart/alternative: the same text twice; say which rendering each label is in,
        # so a consumer that scans only one alternative can filter (README, "Alternatives")
        return [dict(x2, part=part) for x2 in found] if is_alt else found
    if fmt in ("plain", "alt", "alt-raw"):
        plain, f, h = strip_markup(body, "body", ctx)
        f = tag(f, "text/plain")
        findings += f
        hns += h
        parts_text.append(("plain", plain))
    if fmt in ("html", "alt"):
        src = html_raw if html_raw is not None else body
        plain, f, h = strip_markup(src, "body", ctx)
        f = tag(f, "text/html")
        findings += f
        hns += h
        style = meta.get("html-style", {"outlook": "outlook", "outlook-mac": "outlook", "owa": "outlook",
                                        "gmail": "gmail", "apple": "apple", "iphone": "apple"}.get(client, "page"))
        hbody = plain if html_raw is not None else plain_to_html(plain, style)
        parts_text.append(("html", hbody.replace("%CHARSET%", charset)))
    if fmt in ("html-raw", "alt-raw"):
        plain, f, h = strip_markup(html_raw, "body", ctx)
        f = tag(f, "text/html")
        findings += f
        hns += h
        parts_text.append(("html", plain.replace("%CHARSET%", charset)))

    flowed = ""
    body_parts = []
    for sub, t in parts_text:
        body_parts.append(text_part(t, sub, charset, cte if sub == "plain" else meta.get("html-cte", cte), flowed if sub == "plain" else ""))
    bn = 0
    if len(body_parts) == 2:
        bn += 1
        content = multipart("alternative", body_parts, boundary_for(name, bn))
    else:
        content = body_parts[0]

    extra_parts = []
    if inner is not None:
        inner_msg, f, h = build_inner(inner, ctx)
        findings += f
        hns += h
        extra_parts.append("Content-Type: message/rfc822\nContent-Disposition: inline\n\n" + inner_msg)

    attach_names = [a.strip() for a in meta.get("attach", "").split(",") if a.strip()]
    for an in attach_names:
        if an.endswith(".eml") and an in EML_ATTS:
            raw, f, h = EML_ATTS[an]
            findings += [dict(x2, where=an) for x2 in f]
            hns += [dict(x2, where=an) for x2 in h]
            extra_parts.append('Content-Type: message/rfc822; name="%s"\nContent-Disposition: attachment; filename="%s"\n\n%s' % (an, an, raw))
            continue
        a = atts.get(an)
        if a is None:
            raise SourceError("%s: unknown attachment %s" % (ctx, an))
        shown = meta.get("as:" + an, an)
        f, h = attachment_labels(a, atts)
        findings += [dict(x2, where=x2["where"].replace(an, shown, 1)) for x2 in f]
        hns += [dict(x2, where=x2["where"].replace(an, shown, 1)) for x2 in h]
        with open(a.path, "rb") as fh:
            data = fh.read()
        b = base64.b64encode(data).decode("ascii")
        b = "\n".join(b[i:i + 76] for i in range(0, len(b), 76))
        ctype = MIME_TYPES.get(shown.rsplit(".", 1)[-1].lower(), "application/octet-stream")
        try:
            shown.encode("ascii")
            fnp = 'filename="%s"' % shown
            nmp = 'name="%s"' % shown
        except UnicodeEncodeError:
            q = email.utils.encode_rfc2231(shown, "utf-8")
            fnp = "filename*=%s" % q
            nmp = 'name="%s"' % email.header.Header(shown, "utf-8").encode()
        disp = "inline" if meta.get("inline:" + an) else "attachment"
        cid = "Content-ID: <%s@%s>\n" % (hashlib.sha1(an.encode()).hexdigest()[:12], MAIL_DOMAIN) if disp == "inline" else ""
        extra_parts.append("Content-Type: %s; %s\nContent-Transfer-Encoding: base64\nContent-Disposition: %s; %s\n%s\n%s\n" % (ctype, nmp, disp, fnp, cid, b))

    if extra_parts:
        bn += 1
        outer_parts = [content] + extra_parts
        content = multipart(meta.get("multipart", "mixed"), outer_parts, boundary_for(name, bn),
                            preamble="This is a multi-part message in MIME format." if client in ("thunderbird", "mutt") else None)

    frm = parse_addr_list(meta["from"])
    to = parse_addr_list(meta.get("to", ""))
    cc = parse_addr_list(meta.get("cc", ""))
    bcc = parse_addr_list(meta.get("bcc", ""))
    hdrs = []
    hdrs.append(("Date", fmt_date(meta["date"])))
    hdrs.append(("From", fmt_addr(frm[0][0], frm[0][1], charset)))
    if meta.get("to-header"):
        hdrs.append(("To", meta["to-header"]))
    elif to:
        hdrs.append(("To", ", ".join(fmt_addr(n, a2, charset) for n, a2 in to)))
    if cc:
        hdrs.append(("Cc", ", ".join(fmt_addr(n, a2, charset) for n, a2 in cc)))
    if meta.get("reply-to"):
        hdrs.append(("Reply-To", meta["reply-to"]))
    hdrs.append(("Subject", encode_header_value(subject, charset)))
    mid_hash = hashlib.sha1(name.encode()).hexdigest()
    if client in ("outlook", "owa", "outlook-mac"):
        mid = "<LO2P265MB%s@LO2P265MB%04d.GBRP265.PROD.%s>" % (mid_hash[:10].upper(), idx, MAIL_DOMAIN)
    elif client == "gmail":
        mid = "<CAF%s+%s@mail.%s>" % (mid_hash[:18], mid_hash[18:30], MAIL_DOMAIN)
    elif client in ("arbor", "parentmail", "helpdesk"):
        mid = "<%s.%d@%s.%s>" % (mid_hash[:24], idx, client, MAIL_DOMAIN)
    else:
        mid = "<%s-%s@%s>" % (mid_hash[:8], mid_hash[8:20], MAIL_DOMAIN)
    hdrs.append(("Message-ID", mid))
    if meta.get("reply"):
        ref = "<%s@parents.example>" % hashlib.sha1((name + "ref").encode()).hexdigest()[:20]
        hdrs.append(("In-Reply-To", ref))
        hdrs.append(("References", ref))
    for k, v in CLIENTS[client]:
        if k == "Thread-Index":
            v = base64.b64encode(hashlib.md5(name.encode()).digest()[:16] + b"\x01\xdb").decode()
        if k == "X-MS-Has-Attach":
            v = "yes" if attach_names else ""
        hdrs.append((k, v))
    if meta.get("importance"):
        hdrs.append(("Importance", meta["importance"]))
    hdrs.append(("MIME-Version", "1.0"))
    head = "".join("%s: %s\n" % (k, v) for k, v in hdrs)
    raw = head + content
    crlf = meta.get("eol", "crlf" if client in ("outlook", "owa") else "lf") == "crlf"
    if crlf:
        raw = raw.replace("\r\n", "\n").replace("\n", "\r\n")
    env_to = [a2.lower() for _, a2 in to + cc + bcc]
    if meta.get("envelope-to"):
        env_to = [s.strip().lower() for s in meta["envelope-to"].split(",")]
    entry = {
        "file": "messages/%s.eml" % name,
        "from": frm[0][1].lower(),
        "to": env_to,
        "category": meta["category"],
        "findings": findings,
        "note": meta.get("note", ""),
    }
    if hns:
        entry["hard_negatives"] = hns
    return raw, entry


EML_ATTS = {}


def build_inner(text, ctx):
    """An inline forwarded message: 'Header: value' lines, blank line, plain UTF-8 body."""
    head, _, body = text.partition("\n\n")
    hdr_lines = []
    for ln in head.split("\n"):
        k, _, v = ln.partition(":")
        v = v.strip()
        if k.lower() == "subject":
            p, f, h = strip_markup(v, "body", ctx)
            if f:
                raise SourceError("%s: keep findings out of the inner Subject (ambiguous extraction)" % ctx)
            v = encode_header_value(p, "utf-8")
        elif k.lower() == "date":
            v = fmt_date(v)
        elif k.lower() in ("from", "to", "cc"):
            v = ", ".join(fmt_addr(n, a, "utf-8") for n, a in parse_addr_list(v))
        hdr_lines.append("%s: %s" % (k, v))
    plain, f, h = strip_markup(body, "body", ctx)
    cte = "quoted-printable"
    try:
        plain.encode("ascii")
        cte = "7bit"
    except UnicodeEncodeError:
        pass
    msg = "\n".join(hdr_lines) + "\nMIME-Version: 1.0\n" + text_part(plain, "plain", "utf-8", cte)
    return msg, f, h


def load_eml_attachments():
    for fn in sorted(os.listdir(SRC)):
        if fn.startswith("attachments") and fn.endswith(".txt"):
            pass
    path = os.path.join(SRC, "eml-attachments.txt")
    if not os.path.exists(path):
        return
    for name, meta, body in parse_blocks(path):
        hdr = "\n".join("%s: %s" % (k.title(), v) for k, v in meta.items())
        raw, f, h = build_inner(hdr + "\n\n" + body, name)
        EML_ATTS[name] = (raw, f, h)


# ---------------------------------------------------------------- roster

def write_roster():
    d = os.path.join(CORPUS, "roster")
    os.makedirs(d, exist_ok=True)
    import csv
    with open(os.path.join(d, "students.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["upn", "forename", "surname", "dob", "year_group", "address_line1", "town", "postcode"])
        for p in R.PUPILS:
            w.writerow([p.upn, p.forename, p.surname, p.dob, p.year, p.address, p.town, p.postcode])
    with open(os.path.join(d, "contacts.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["upn", "contact_name", "relationship", "email", "phone"])
        for keys, name, rel, em, ph in R.CONTACTS:
            for k in keys:
                w.writerow([R.BY_KEY[k].upn, name, rel, em, ph])
    with open(os.path.join(d, "staff.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["name", "email"])
        for name, em, _ in R.STAFF:
            w.writerow([name, em])


def main():
    write_roster()
    atts = load_attachments()
    build_attachments(atts)
    load_eml_attachments()
    os.makedirs(MSG_DIR, exist_ok=True)
    entries, seen = [], set()
    srcs = sorted(fn for fn in os.listdir(SRC) if fn.startswith("messages") and fn.endswith(".txt"))
    written = set()
    for fn in srcs:
        for name, meta, body in parse_blocks(os.path.join(SRC, fn)):
            if name in seen:
                raise SourceError("duplicate message %s" % name)
            seen.add(name)
            idx = int(name.split("-", 1)[0])
            try:
                raw, entry = build_message(name, meta, body, atts, idx)
            except UnicodeEncodeError as ue:
                raise SourceError("%s: text not encodable in its charset: %s" % (name, ue))
            path = os.path.join(MSG_DIR, name + ".eml")
            with open(path, "w", encoding="utf-8", newline="") as f:
                f.write(raw)
            written.add(name + ".eml")
            entries.append(entry)
    for fn in os.listdir(MSG_DIR):
        if fn.endswith(".eml") and fn not in written:
            os.remove(os.path.join(MSG_DIR, fn))
    entries.sort(key=lambda e: e["file"])
    with open(os.path.join(CORPUS, "labels.json"), "w", encoding="utf-8") as f:
        json.dump(entries, f, indent=1, ensure_ascii=False)
        f.write("\n")
    # the generated sources of attachments, for check_labels.py and for review
    gen = {a.name: {"kind": a.kind, "protected": a.protected,
                    "source": a.source_text if isinstance(a.source_text, str) else a.source_text.decode("utf-8", "replace")}
           for a in atts.values()}
    with open(os.path.join(ATT_DIR, ".sources.json"), "w", encoding="utf-8") as f:
        json.dump(gen, f, indent=1, ensure_ascii=False, sort_keys=True)
    print("wrote %d messages, %d attachment files" % (len(entries), len(atts)))


if __name__ == "__main__":
    try:
        main()
    except SourceError as e:
        print("build_corpus: " + str(e), file=sys.stderr)
        sys.exit(2)
