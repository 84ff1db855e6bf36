#!/usr/bin/env python3
"""Validates labels.json against the committed corpus (python3 stdlib; pdftotext for PDFs).

What this is: the corpus's own consistency check, independent of the C++ engine.
- Every message file exists, parses, and every labelled text occurs in the decoded text of
  its source (body = Subject + every text part, HTML as text, inline forwarded messages;
  or the named attachment, archive entries as "outer.zip/inner.csv") at least as many times
  as it is labelled there.
- Every labelled upn / uln / nhs_number / nino passes its checksum, every labelled postcode
  has the UK format, every "hard_negatives" identifier really passes its checksum.
- Nothing is labelled inside a password-protected attachment, and clean / hard-negative
  messages have no findings.
- Audit (warnings, --strict makes them errors): candidates the labels do not account for —
  roster names, DOBs and postcodes, phone numbers, email addresses, checksum-valid
  identifiers — so a forgotten label is noticed.
Prints counts per category and per kind.

How to use:  python3 tests/corpus/tools/check_labels.py [--strict] [--verbose] [--corpus DIR]
--corpus DIR checks another corpus (e.g. tests/corpus/heldout); the school's own phone,
postcode and mail domains are read from DIR/school.toml.
Exit 0 clean, 1 problems found.
"""

import collections
import csv
import datetime
import email
import email.policy
import html.parser
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import ids  # noqa: E402

CORPUS = (os.path.abspath(sys.argv[sys.argv.index("--corpus") + 1])
          if "--corpus" in sys.argv[:-1] else os.path.dirname(HERE))
KINDS = ["person_name", "dob", "address", "postcode", "upn", "uln", "nhs_number", "nino", "phone", "email"]


def _school_settings():
    """The school's own phone digits, postcode and mail domains, from CORPUS/school.toml."""
    import tomllib
    with open(os.path.join(CORPUS, "school.toml"), "rb") as f:
        school = tomllib.load(f)["school"]
    phone = re.sub(r"\D", "", school["phones"][0])
    postcode = re.search(r"[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}$", school["address"]).group(0)
    return phone, postcode, tuple(school["internal_domains"])


SCHOOL_PHONE_DIGITS, SCHOOL_POSTCODE, SCHOOL_DOMAINS = _school_settings()


# ---------------------------------------------------------------- text extraction (approximate)

class _HtmlText(html.parser.HTMLParser):
    BLOCK = {"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "table", "blockquote", "td"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script", "head", "title"):
            self.skip += 1
        elif tag in self.BLOCK:
            self.out.append("\n")

    def handle_endtag(self, tag):
        if tag in ("style", "script", "head", "title"):
            self.skip = max(0, self.skip - 1)
        elif tag in self.BLOCK:
            self.out.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.out.append(data)


def html_to_text(h):
    p = _HtmlText()
    p.feed(h)
    t = "".join(p.out).replace("\xa0", " ")
    t = re.sub(r"[ \t]*\n[ \t\n]*", "\n", t)
    return t


def xml_text(data, para_tags, text_tags=None):
    """Text of XML paragraphs: one line per paragraph element (regex, good enough here)."""
    s = data.decode("utf-8")
    out = []
    for m in re.finditer(r"<(%s)\b[^>]*?(/>|>(.*?)</\1>)" % "|".join(para_tags), s, re.S):
        inner = m.group(3) or ""
        inner = re.sub(r"<text:s(?: text:c=\"(\d+)\")?/>", lambda mm: " " * int(mm.group(1) or 1), inner)
        inner = re.sub(r"<text:tab/>|<w:tab/>", "\t", inner)
        txt = re.sub(r"<[^>]+>", "", inner)
        out.append(html_unescape(txt))
    return "\n".join(out)


def html_unescape(s):
    import html as _h
    return _h.unescape(s)


def xlsx_text(z):
    shared = []
    if "xl/sharedStrings.xml" in z.namelist():
        s = z.read("xl/sharedStrings.xml").decode("utf-8")
        for si in re.findall(r"<si>(.*?)</si>", s, re.S):
            shared.append(html_unescape("".join(re.findall(r"<t[^>]*>(.*?)</t>", si, re.S))))
    styles = z.read("xl/styles.xml").decode("utf-8")
    fmts = dict(re.findall(r'<numFmt numFmtId="(\d+)" formatCode="([^"]*)"', styles))
    xfs_block = re.search(r"<cellXfs[^>]*>(.*?)</cellXfs>", styles, re.S).group(1)
    xfs = re.findall(r'<xf [^>]*numFmtId="(\d+)"', xfs_block)
    date_styles = set()
    for i, nf in enumerate(xfs):
        code = fmts.get(nf, "")
        if int(nf) in range(14, 18) or re.search(r"[dy]", code.lower().replace("general", "")):
            date_styles.add(str(i))
    out = []
    for name in sorted(n for n in z.namelist() if re.match(r"xl/worksheets/sheet\d+\.xml", n)):
        s = z.read(name).decode("utf-8")
        for row in re.findall(r"<row[^>]*>(.*?)</row>", s, re.S):
            cells = []
            for attrs, val in re.findall(r"<c ([^>]*?)(?:/>|>(.*?)</c>)", row, re.S):
                t = re.search(r't="(\w+)"', attrs)
                st = re.search(r's="(\d+)"', attrs)
                v = re.search(r"<v>(.*?)</v>", val or "")
                if t and t.group(1) == "s" and v:
                    cells.append(shared[int(v.group(1))])
                elif t and t.group(1) == "inlineStr":
                    cells.append(html_unescape("".join(re.findall(r"<t[^>]*>(.*?)</t>", val, re.S))))
                elif v and st and st.group(1) in date_styles:
                    d = datetime.date(1899, 12, 30) + datetime.timedelta(days=int(float(v.group(1))))
                    cells.append(d.strftime("%d/%m/%Y"))
                elif v:
                    cells.append(v.group(1))
            out.append("\t".join(cells))
    return "\n".join(out)


def ods_text(z):
    s = z.read("content.xml").decode("utf-8")
    out = []
    for row in re.findall(r"<table:table-row[^>]*>(.*?)</table:table-row>", s, re.S):
        cells = []
        for attrs, inner in re.findall(r"<table:table-cell([^>]*?)(?:/>|>(.*?)</table:table-cell>)", row, re.S):
            dv = re.search(r'office:date-value="(\d{4})-(\d{2})-(\d{2})', attrs)
            if dv:
                cells.append("%s/%s/%s" % (dv.group(3), dv.group(2), dv.group(1)))
            else:
                cells.append(html_unescape(re.sub(r"<[^>]+>", "", inner or "")))
        out.append("\t".join(cells))
    return "\n".join(out)


def rtf_text(data):
    s = data.decode("latin-1")
    out, i, uc_skip = [], 0, 1
    # drop the font/colour/style tables and other destinations
    s = re.sub(r"\{\\\*[^{}]*(\{[^{}]*\}[^{}]*)*\}", "", s)
    s = re.sub(r"\{\\(fonttbl|colortbl|stylesheet|info)(?:[^{}]|\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\})*\}", "", s)
    while i < len(s):
        c = s[i]
        if c == "\\":
            m = re.match(r"\\u(-?\d+) ?", s[i:])
            if m:
                cp = int(m.group(1))
                out.append(chr(cp + 65536 if cp < 0 else cp))
                i += m.end()
                # skip the ANSI fallback character(s)
                for _ in range(uc_skip):
                    if s[i:i + 2] == "\\'":
                        i += 4
                    elif i < len(s):
                        i += 1
                continue
            m = re.match(r"\\'([0-9a-fA-F]{2})", s[i:])
            if m:
                out.append(bytes([int(m.group(1), 16)]).decode("cp1252", "replace"))
                i += m.end()
                continue
            m = re.match(r"\\([a-z]+)(-?\d+)? ?", s[i:])
            if m:
                w = m.group(1)
                if w == "uc":
                    uc_skip = int(m.group(2) or 1)
                if w in ("par", "line", "row", "sect"):
                    out.append("\n")
                elif w in ("tab", "cell"):
                    out.append("\t")
                i += m.end()
                continue
            if i + 1 < len(s):
                out.append(s[i + 1] if s[i + 1] in "\\{}" else "")
            i += 2
            continue
        if c in "{}\r\n":
            i += 1
            continue
        out.append(c)
        i += 1
    return "".join(out)


def pdf_text(data):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(data)
        f.flush()
        r = subprocess.run(["pdftotext", "-enc", "UTF-8", f.name, "-"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if r.returncode != 0:
            return None
        return r.stdout.decode("utf-8")


def file_texts(data, name, sources, protected):
    """Adds {where: text} for one file (recursing into zips); protected names into `protected`."""
    ext = name.rsplit(".", 1)[-1].lower()
    if ext in ("docx", "xlsx", "pptx", "odt", "ods", "odp") or (ext == "zip"):
        try:
            z = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile:
            if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
                protected.add(name)
            return
        if ext == "zip":
            enc = [i for i in z.infolist() if i.flag_bits & 1]
            if enc:
                protected.add(name)
                return
            for info in z.infolist():
                if info.is_dir():
                    continue
                file_texts(z.read(info), name + "/" + info.filename, sources, protected)
            return
        if ext == "docx":
            sources[name] = xml_text(z.read("word/document.xml"), ["w:p"])
        elif ext == "xlsx":
            sources[name] = xlsx_text(z)
        elif ext == "pptx":
            slides = sorted((n for n in z.namelist() if re.match(r"ppt/slides/slide\d+\.xml$", n)),
                            key=lambda n: int(re.search(r"(\d+)", n.rsplit("/", 1)[1]).group(1)))
            sources[name] = "\n".join(xml_text(z.read(n), ["a:p"]) for n in slides)
        elif ext == "odt" or ext == "odp":
            sources[name] = xml_text(z.read("content.xml"), ["text:p", "text:h"])
        elif ext == "ods":
            sources[name] = ods_text(z)
        return
    if ext == "pdf":
        if b"/Encrypt" in data:
            protected.add(name)
            return
        t = pdf_text(data)
        if t is not None:
            sources[name] = t
        return
    if ext == "rtf":
        sources[name] = rtf_text(data)
        return
    if ext == "eml":
        msg = email.message_from_bytes(data, policy=email.policy.default)
        sources[name] = message_body(msg)
        return
    if ext in ("csv", "txt"):
        for cs in ("utf-8", "cp1252"):
            try:
                sources[name] = data.decode(cs)
                break
            except UnicodeDecodeError:
                continue
        return
    sources[name] = ""


def part_text(part):
    payload = part.get_payload(decode=True) or b""
    cs = part.get_content_charset() or "us-ascii"
    try:
        t = payload.decode(cs)
    except (LookupError, UnicodeDecodeError):
        t = payload.decode("latin-1")
    if part.get_content_subtype() == "html":
        t = html_to_text(t)
    return t


def message_body(msg, subject=True):
    chunks = [str(msg.get("Subject", ""))] if subject else []
    for part in msg.walk():
        if part.get_content_maintype() == "multipart":
            continue
        if part.get_content_type() == "message/rfc822":
            continue
        fn = part.get_filename()
        if part.get_content_maintype() == "text" and not fn and part.get_content_disposition() != "attachment":
            chunks.append(part_text(part))
    return "\n\n".join(chunks)


def message_sources(path):
    with open(path, "rb") as f:
        msg = email.message_from_bytes(f.read(), policy=email.policy.default)
    sources, protected = {}, set()
    chunks = [str(msg.get("Subject", ""))]

    def walk(m, top):
        ctype = m.get_content_type()
        fn = m.get_filename()
        if m.is_multipart() and ctype != "message/rfc822":
            for p in m.iter_parts():
                walk(p, False)
            return
        if ctype == "message/rfc822":
            inner = m.get_payload()[0] if isinstance(m.get_payload(), list) else m.get_payload()
            if fn:
                sources[fn] = message_body(inner)
            else:
                chunks.append(str(inner.get("Subject", "")))
                walk(inner, False)
            return
        if fn or m.get_content_disposition() == "attachment":
            file_texts(m.get_payload(decode=True) or b"", fn or "unnamed", sources, protected)
            return
        if m.get_content_maintype() == "text":
            chunks.append(part_text(m))

    walk(msg, True)
    sources["body"] = "\n\n".join(chunks)
    return msg, sources, protected


# ---------------------------------------------------------------- roster and audit patterns

def load_roster():
    r = os.path.join(CORPUS, "roster")
    with open(os.path.join(r, "students.csv"), encoding="utf-8") as f:
        pupils = list(csv.DictReader(f))
    with open(os.path.join(r, "contacts.csv"), encoding="utf-8") as f:
        contacts = list(csv.DictReader(f))
    with open(os.path.join(r, "staff.csv"), encoding="utf-8") as f:
        staff = list(csv.DictReader(f))
    return pupils, contacts, staff


# Roster forenames that are also common English words: standing alone they are not labelled
# (LABELLING.md), so the audit does not ask for them.
COMMON_WORD_NAMES = {"Grace", "Hope", "Summer", "Ruby", "Favour", "Precious", "Eve", "Will", "May", "Rose", "Mark", "Amber"}

TITLE = re.compile(r"^(Mrs|Mr|Ms|Miss|Dr) ")


def count_word(text, needle):
    """Occurrences of needle not inside a longer word (letters/digits either side)."""
    n = 0
    for m in re.finditer(re.escape(needle), text):
        a = text[m.start() - 1] if m.start() > 0 else " "
        b = text[m.end()] if m.end() < len(text) else " "
        if not (a.isalnum() or (b.isalnum())):
            n += 1
    return n


PHONE_RE = re.compile(r"(?<![\d\w])(?:\+44\s?(?:\(0\)\s?)?|\(?0)(?:\d[\d\s\-\)]{8,13}\d)(?![\d])")
EMAIL_RE = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
POSTCODE_RE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}\b")
TENDIGIT_RE = re.compile(r"(?<![\d])(\d{3} ?\d{3} ?\d{4}|\d{10})(?![\d])")
UPN_RE = re.compile(r"\b[A-Z]\d{11}[0-9A-Z]\b")
NINO_RE = re.compile(r"\b[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b")


def digits(s):
    return re.sub(r"\D", "", s.replace("+44", "0").replace("(0)", ""))


def audit(entry, msg, sources, pupils, contacts, staff, warn_raw):
    """Warns about candidate PII the labels do not account for."""
    seen = set()

    def warn(s):
        if s not in seen:
            seen.add(s)
            warn_raw(s)
    correspondents = set([entry["from"]] + entry["to"])
    corr_names = set()
    for h in ("From", "To", "Cc"):
        for n, a in email.utils.getaddresses([str(msg.get(h, ""))]):
            if n:
                corr_names.add(n)
    for c in contacts:
        if c["email"] and c["email"].lower() in correspondents:
            corr_names.add(TITLE.sub("", c["contact_name"]))
    labelled = collections.Counter((f["where"], f["text"]) for f in entry["findings"])
    negs = collections.Counter((f["where"], f["text"]) for f in entry.get("hard_negatives", []))

    def covered(where, text, n_found):
        n_lab = sum(v for (w, t), v in labelled.items() if w == where and text in t)
        n_neg = sum(v for (w, t), v in negs.items() if w == where and text in t)
        return n_found <= n_lab + n_neg

    pupil_names = set()
    for p in pupils:
        pupil_names.add("%s %s" % (p["forename"], p["surname"]))
        pupil_names.add("%s, %s" % (p["surname"], p["forename"]))
    contact_names = set(TITLE.sub("", c["contact_name"]) for c in contacts)
    forenames = set(p["forename"] for p in pupils) - COMMON_WORD_NAMES
    addresses = set(p["address_line1"] for p in pupils)
    family_surnames = set(p["surname"] for p in pupils) | set(TITLE.sub("", c["contact_name"]).split()[-1] for c in contacts)
    corr_surnames = set(n.split()[-1] for n in corr_names if n.split())
    staff_surnames = set(st["name"].split()[-1] for st in staff)
    staff_names = set(st["name"] for st in staff)
    dobs = set()
    for p in pupils:
        y, m, d = p["dob"].split("-")
        dobs.update({p["dob"], "%s/%s/%s" % (d, m, y)})
    for where, text in sources.items():
        for nm in sorted(pupil_names | (contact_names - corr_names)):
            n = count_word(text, nm)
            if n and not covered(where, nm, n):
                warn("%s [%s]: name %r occurs %d time(s), not all labelled" % (entry["file"], where, nm, n))
        for fn in forenames:
            n = count_word(text, fn)
            if n and not covered(where, fn, n):
                warn("%s [%s]: roster forename %r occurs %d time(s), not all labelled or marked" % (entry["file"], where, fn, n))
        for ad in addresses:
            n = count_word(text, ad)
            if n and not covered(where, ad, n):
                warn("%s [%s]: roster address %r unlabelled" % (entry["file"], where, ad))
        for m in re.finditer(r"\b(?:Mrs|Mr|Ms|Miss) ([A-Z][\w'-]+)", text):
            sn = m.group(1)
            after = text[m.end():m.end() + 40].split()
            if after and (sn + " " + after[0].strip(",.")) in staff_names:
                continue  # "Mrs Gill Hammond": a staff forename that is also a family surname
            if sn in family_surnames and sn not in corr_surnames and sn not in staff_surnames:
                if not covered(where, m.group(0), count_word(text, m.group(0))):
                    warn("%s [%s]: %r (family surname with a title) unlabelled" % (entry["file"], where, m.group(0)))
        for d in dobs:
            n = count_word(text, d)
            if n and not covered(where, d, n):
                warn("%s [%s]: roster DOB %r unlabelled" % (entry["file"], where, d))
        for m in POSTCODE_RE.finditer(text):
            pc = m.group(0)
            if pc == SCHOOL_POSTCODE or not ids.postcode_valid(pc):
                continue
            if not covered(where, pc, count_word(text, pc)):
                warn("%s [%s]: postcode %r unlabelled" % (entry["file"], where, pc))
        for m in PHONE_RE.finditer(text):
            ph = m.group(0).strip()
            if ph.startswith("(") and ")" not in ph:
                ph = ph[1:]
            dg = digits(ph)
            if dg == SCHOOL_PHONE_DIGITS or len(dg) not in (10, 11):
                continue
            if not covered(where, ph, text.count(ph)):
                warn("%s [%s]: phone-like %r unlabelled" % (entry["file"], where, ph))
        for m in EMAIL_RE.finditer(text):
            em = m.group(0).strip(".")
            if em.lower() in correspondents or em.lower().endswith(SCHOOL_DOMAINS):
                continue
            if not covered(where, em, text.count(em)):
                warn("%s [%s]: email %r unlabelled" % (entry["file"], where, em))
        for m in TENDIGIT_RE.finditer(text):
            num = m.group(0)
            if (ids.nhs_valid(num) or ids.uln_valid(num)) and not covered(where, num, text.count(num)):
                warn("%s [%s]: checksum-valid 10-digit %r neither labelled nor a marked hard negative" % (entry["file"], where, num))
        for m in UPN_RE.finditer(text):
            if ids.upn_valid(m.group(0)) and not covered(where, m.group(0), text.count(m.group(0))):
                warn("%s [%s]: valid UPN %r unlabelled" % (entry["file"], where, m.group(0)))
        for m in NINO_RE.finditer(text):
            if ids.nino_valid(m.group(0)) and not covered(where, m.group(0), text.count(m.group(0))):
                warn("%s [%s]: valid NINO %r unlabelled" % (entry["file"], where, m.group(0)))


# ---------------------------------------------------------------- main

CHECKSUM = {"upn": ids.upn_valid, "uln": ids.uln_valid, "nhs_number": ids.nhs_valid, "nino": ids.nino_valid}


def main():
    strict = "--strict" in sys.argv
    verbose = "--verbose" in sys.argv
    errors, warnings = [], []
    with open(os.path.join(CORPUS, "labels.json"), encoding="utf-8") as f:
        labels = json.load(f)
    pupils, contacts, staff = load_roster()
    for p in pupils:
        if not ids.upn_valid(p["upn"]):
            errors.append("roster: invalid UPN %s" % p["upn"])
        if not ids.postcode_valid(p["postcode"]):
            errors.append("roster: invalid postcode %s" % p["postcode"])
    files = set(os.listdir(os.path.join(CORPUS, "messages")))
    labelled_files = set(os.path.basename(e["file"]) for e in labels)
    for fn in sorted(files - labelled_files):
        errors.append("messages/%s has no labels entry" % fn)
    per_cat = collections.Counter()
    per_kind = collections.Counter()
    per_kind_att = collections.Counter()
    per_kind_once = collections.Counter()
    hn_kind = collections.Counter()
    n_att_msgs, n_att_files = 0, 0
    for e in labels:
        path = os.path.join(CORPUS, e["file"])
        if not os.path.exists(path):
            errors.append("%s: file missing" % e["file"])
            continue
        per_cat[e["category"]] += 1
        msg, sources, protected = message_sources(path)
        att_names = [k for k in sources if k != "body"] + sorted(protected)
        tops = set(n.split("/", 1)[0] for n in att_names)
        if tops:
            n_att_msgs += 1
            n_att_files += len(tops)
        if e["category"] in ("clean", "hard-negative") and e["findings"]:
            errors.append("%s: category %s but has findings" % (e["file"], e["category"]))
        if e["category"] in ("pii", "mixed") and not e["findings"]:
            errors.append("%s: category %s without findings" % (e["file"], e["category"]))
        if e["category"] == "attachment" and not tops:
            errors.append("%s: category attachment without attachments" % e["file"])
        need = collections.Counter((f["where"], f["text"]) for f in e["findings"])
        for (where, text), n in need.items():
            if any(where == p or where.startswith(p + "/") for p in protected):
                errors.append("%s: finding inside protected attachment %s" % (e["file"], where))
                continue
            src = sources.get(where)
            if src is None:
                errors.append("%s: no source %r (have %s)" % (e["file"], where, sorted(sources)))
                continue
            have = src.count(text)
            if have < n:
                errors.append("%s [%s]: %r labelled %d time(s), found %d" % (e["file"], where, text, n, have))
        for f in e["findings"]:
            if f["kind"] not in KINDS:
                errors.append("%s: unknown kind %s" % (e["file"], f["kind"]))
            per_kind[f["kind"]] += 1
            if f.get("part") != "text/html":
                per_kind_once[f["kind"]] += 1
            if f["where"] != "body":
                per_kind_att[f["kind"]] += 1
            chk = CHECKSUM.get(f["kind"])
            if chk and not chk(f["text"]):
                errors.append("%s: labelled %s %r fails its checksum" % (e["file"], f["kind"], f["text"]))
            if f["kind"] == "postcode" and not ids.postcode_valid(f["text"]):
                errors.append("%s: labelled postcode %r has no valid format" % (e["file"], f["text"]))
            if f["text"] != f["text"].strip() or f["text"].endswith(("'s", "’s", ".", ",")):
                errors.append("%s: span %r has trailing punctuation/possessive" % (e["file"], f["text"]))
        for h in e.get("hard_negatives", []):
            hn_kind[h["kind"]] += 1
            chk = CHECKSUM.get(h["kind"])
            if chk and not chk(h["text"]):
                errors.append("%s: hard negative %s %r is not checksum-valid as intended" % (e["file"], h["kind"], h["text"]))
            src = sources.get(h["where"])
            if src is not None and h["text"] not in src:
                errors.append("%s: hard negative %r not found in %s" % (e["file"], h["text"], h["where"]))
        audit(e, msg, sources, pupils, contacts, staff, warnings.append)
    for w in warnings:
        print("warning:", w)
    for er in errors:
        print("error:", er)
    print("messages: %d (with attachments: %d, attachment files: %d)" % (len(labels), n_att_msgs, n_att_files))
    print("per category:", dict(sorted(per_cat.items())))
    print("findings per kind: all labels / in attachments / counting each multipart/alternative rendering once")
    for k in KINDS:
        print("  %-12s %4d  %4d  %4d" % (k, per_kind[k], per_kind_att[k], per_kind_once[k]))
    print("findings total: %d (alternatives once: %d)" % (sum(per_kind.values()), sum(per_kind_once.values())))
    print("marked hard negatives:", dict(sorted(hn_kind.items())))
    bad = errors or (strict and warnings)
    print("RESULT:", "FAIL" if bad else "OK", "(%d errors, %d warnings)" % (len(errors), len(warnings)))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
