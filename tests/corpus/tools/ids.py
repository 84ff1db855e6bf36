"""Check-digit rules for the identifiers in the corpus (python3 stdlib only).

What this is: the one place the corpus tools compute and verify UPN, ULN, NHS number,
NINO and UK postcode validity. build_corpus.py uses it to make valid numbers; check_labels.py
uses it to verify every labelled identifier (and every intended checksum-valid hard negative).

Rules used (stated again in ../README.md):
- UPN (DfE "Unique Pupil Numbers" guidance): 13 characters, a check letter then 12 characters
  (3-digit LA code, 4-digit establishment number, 2-digit year of allocation, 3-digit serial;
  a temporary UPN has a letter in position 13). Sum char[i] * i for positions i = 2..13
  (1-based; digits count their value, a letter in position 13 its index in the check alphabet);
  sum mod 23 indexes "ABCDEFGHJKLMNPQRTUVWXYZ" to give the check letter. Test vector
  B801200005001 is valid.
- ULN (DfE/LRS ULN validation guide): 10 digits; sum digit[i] * (11 - i) for i = 1..9 (weights
  10..2); remainder = sum mod 11; check = 10 - remainder; remainder 0 (check 10) is invalid.
- NHS number: 10 digits; weights 10..2 over the first 9; check = 11 - (sum mod 11); 11 -> 0;
  10 is invalid.
- NINO: two prefix letters, six digits, suffix A-D. First letter not D F I Q U V; second
  not D F I O Q U V; prefixes BG GB NK KN TN NT ZZ are never issued.
- Postcode: the standard UK format (A9 9AA, A99 9AA, A9A 9AA, AA9 9AA, AA99 9AA, AA9A 9AA)
  with the letter restrictions of the Royal Mail format (inward unit letters never C I K M O V).
"""

import re

UPN_ALPHABET = "ABCDEFGHJKLMNPQRTUVWXYZ"


def _upn_char_value(ch):
    if ch.isdigit():
        return int(ch)
    return UPN_ALPHABET.index(ch.upper())


def upn_check_letter(body12):
    """Check letter for the 12 characters that follow it."""
    assert len(body12) == 12
    total = sum(_upn_char_value(c) * (i + 2) for i, c in enumerate(body12))
    return UPN_ALPHABET[total % 23]


def make_upn(la, establishment, year2, serial):
    body = "%03d%04d%02d%03d" % (la, establishment, year2, serial)
    return upn_check_letter(body) + body


def upn_valid(text):
    s = text.replace(" ", "")
    if not re.fullmatch(r"[A-Za-z]\d{11}[0-9A-Za-z]", s):
        return False
    if s[12].isalpha() and s[12].upper() not in UPN_ALPHABET:
        return False
    return s[0].upper() == upn_check_letter(s[1:])


def uln_check_digit(first9):
    total = sum(int(d) * (10 - i) for i, d in enumerate(first9))
    rem = total % 11
    if rem == 0:
        return None
    return 10 - rem


def uln_valid(text):
    s = text.replace(" ", "")
    if not re.fullmatch(r"\d{10}", s):
        return False
    c = uln_check_digit(s[:9])
    return c is not None and int(s[9]) == c


def make_uln(first9):
    c = uln_check_digit(first9)
    return None if c is None else first9 + str(c)


def nhs_check_digit(first9):
    total = sum(int(d) * (10 - i) for i, d in enumerate(first9))
    c = 11 - (total % 11)
    if c == 11:
        return 0
    if c == 10:
        return None
    return c


def nhs_valid(text):
    s = re.sub(r"[ -]", "", text)
    if not re.fullmatch(r"\d{10}", s):
        return False
    c = nhs_check_digit(s[:9])
    return c is not None and int(s[9]) == c


def make_nhs(first9):
    c = nhs_check_digit(first9)
    return None if c is None else first9 + str(c)


def nhs_spaced(n):
    return "%s %s %s" % (n[:3], n[3:6], n[6:])


NINO_BAD_PREFIXES = {"BG", "GB", "NK", "KN", "TN", "NT", "ZZ"}


def nino_valid(text):
    s = text.replace(" ", "").upper()
    m = re.fullmatch(r"([A-Z])([A-Z])(\d{6})([A-D])", s)
    if not m:
        return False
    a, b = m.group(1), m.group(2)
    if a in "DFIQUV" or b in "DFIOQUV":
        return False
    return (a + b) not in NINO_BAD_PREFIXES


_PC = re.compile(
    r"^(?:[A-PR-UWYZ][0-9][0-9]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9]?|[A-PR-UWYZ][0-9][A-HJKPSTUW]"
    r"|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY]) [0-9][ABD-HJLNP-UW-Z]{2}$")


def postcode_valid(text):
    return bool(_PC.match(text.strip().upper()))


if __name__ == "__main__":
    assert upn_valid("B801200005001"), "DfE test vector must be valid"
    assert not upn_valid("A801200005001")
    assert nhs_valid("943 476 5919")
    assert not nhs_valid("943 476 5918")
    assert nino_valid("AB 12 34 56 C") and not nino_valid("QQ 12 34 56 C")
    assert not nino_valid("GB 12 34 56 A")
    assert postcode_valid("LE4 1FX") and not postcode_valid("LE4 1CX")
    print("ids.py self-test ok: B801200005001 valid, 943 476 5919 valid")
