"""Signature blocks and disclaimers of the held-out corpus's school (%SIG:key[:variant]%).

What this is: staff signatures of Moorcroft Rise Academy as its mail clients append them,
with the school's own address, postcode and phone in several spellings: all hard negatives
(LABELLING.md). MAIL_DOMAIN is the school's domain for Message-IDs and Content-IDs.
"""

SCHOOL = "Moorcroft Rise Academy"
MAIL_DOMAIN = "moorcroft.example"

_PEOPLE = {
    "hargreaves": ("Mrs Joanne Hargreaves", "Joanne", "Headteacher"),
    "fairbairn": ("Mr Dominic Fairbairn", "Dom", "Deputy Headteacher | Designated Safeguarding Lead"),
    "raval": ("Ms Priya Raval", "Priya", "SENCO"),
    "ackroyd": ("Mrs Carol Ackroyd", "Carol", "Office Manager"),
    "booth": ("Mr Neil Booth", "Neil", "School Business Manager"),
    "crabtree": ("Miss Hollie Crabtree", "Hollie", "Reception Teacher, Kestrel Class"),
    "morgan": ("Mr Aled Morgan", "Aled", "Year 3 Teacher, Heron Class"),
    "kaur": ("Mrs Sunita Kaur", "Sunita", "Year 5 Teacher, Osprey Class"),
    "doyle": ("Mr Patrick Doyle", "Patrick", "Year 6 Teacher, Kingfisher Class"),
    "lister": ("Mrs Wendy Lister", "Wendy", "Attendance Officer"),
    "denby": ("Mr Mark Denby", "Mark", "Head of Year 10"),
    "illingworth": ("Miss Bethany Illingworth", "Beth", "Exams Officer"),
    "kemp": ("Jonah Kemp", "Jonah", "IT Technician"),
    "pratt": ("Mrs Yvonne Pratt", "Yvonne", "Family Support Worker"),
    "brown": ("Mrs Elaine Brown", "Elaine", "Teaching Assistant"),
    "office": ("School Office", "The Office", "Moorcroft Rise Academy"),
}

_FULL = """{name}
{role}
Moorcroft Rise Academy
Moorcroft Rise, Leeds LS13 4QE
Tel: 0113 496 0500"""

_LONG = """Kind regards,

{name}
{role}

Moorcroft Rise Academy | Moorcroft Rise | Leeds | LS13 4QE
T: 0113 4960500 | www.moorcroft.example
"Aim high, be kind\""""

_SHORT = """{first}
--
{name} | {role} | Moorcroft Rise Academy | 0113 496 0500"""

_INTL = """Best wishes
{first}

{name}
{role}, Moorcroft Rise Academy
Moorcroft Rise, Leeds, LS13 4QE
Phone: +44 (0)113 496 0500"""

_MOBILE = """{first}

Sent from Outlook for iOS"""

_FIRST = """{first}"""

_VARIANTS = {"full": _FULL, "long": _LONG, "short": _SHORT, "intl": _INTL, "mobile": _MOBILE, "first": _FIRST}


def signature(key):
    who, _, variant = key.partition(":")
    name, first, role = _PEOPLE[who]
    return _VARIANTS[variant or "full"].format(name=name, first=first, role=role)


DISCLAIMER = """________________________________
This message is intended only for the addressee and may contain confidential information. If you are not the intended recipient, please tell the sender and delete it. Moorcroft Rise Academy is part of the Aire Valley Schools Trust, a company limited by guarantee registered in England and Wales (no. 08812345). Registered office: Moorcroft Rise, Leeds LS13 4QE."""

DISCLAIMER_SHORT = """--
Moorcroft Rise Academy. Please think before you print."""
