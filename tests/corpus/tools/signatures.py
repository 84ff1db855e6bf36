"""Signature blocks and disclaimers used in the corpus messages (%SIG:key[:variant]%).

What this is: the staff signatures as the school's mail clients append them. They carry
staff names, job titles, the school's own address, postcode and phone number in several
spellings: all of these are hard negatives (LABELLING.md: correspondents, staff, the
school's own address and phones are not findings).
"""

SCHOOL = "Pembury Lane Academy"

_PEOPLE = {
    "carter": ("Mrs Helen Carter", "Helen", "Headteacher"),
    "okoro": ("Mr David Okoro", "David", "Deputy Headteacher | Designated Safeguarding Lead"),
    "singh": ("Ms Rachel Singh", "Rachel", "SENCO (Special Educational Needs Co-ordinator)"),
    "marsh": ("Mrs Julie Marsh", "Julie", "School Business Manager"),
    "whitfield": ("Mrs Karen Whitfield", "Karen", "Office Manager"),
    "lambert": ("Miss Sophie Lambert", "Sophie", "Reception Teacher, Acorns"),
    "fletcher": ("Mr Tom Fletcher", "Tom", "Year 1 Teacher, Hazel Class"),
    "akhtar": ("Mrs Nasreen Akhtar", "Nasreen", "Year 2 Teacher, Rowan Class"),
    "parker": ("Miss Chloe Parker", "Chloe", "Year 3 Teacher, Willow Class"),
    "whitaker": ("Mr Ben Whitaker", "Ben", "Year 4 Teacher, Maple Class"),
    "evans": ("Mr James Evans", "James", "Year 5 Teacher, Cedar Class / Maths Lead"),
    "desai": ("Mrs Anita Desai", "Anita", "Year 6 Teacher, Oak Class"),
    "hammond": ("Mrs Gill Hammond", "Gill", "Teaching Assistant"),
    "zielinski": ("Pawel Zielinski", "Pawel", "IT Technician"),
    "price": ("Mrs Lorraine Price", "Lorraine", "Attendance Officer"),
    "kaye": ("Ms Deborah Kaye", "Deborah", "Head of Secondary Phase"),
    "osei": ("Mr Sam Osei", "Sam", "PE Teacher & Sports Coordinator"),
    "rowe": ("Miss Amy Rowe", "Amy", "Exams Officer"),
    "lloyd": ("Mr Gareth Lloyd", "Gareth", "Careers Lead"),
    "nash": ("Mrs Beverley Nash", "Bev", "Catering Manager"),
    "grant": ("Mrs Fiona Grant", "Fiona", "Clerk to the Governing Body"),
    "shah": ("Mrs Priti Shah", "Priti", "Family Support Worker"),
    "office": ("School Office", "The Office Team", "Pembury Lane Academy"),
}

_FULL = """{name}
{role}
Pembury Lane Academy
Pembury Lane, Leicester LE4 1FX
Tel: 0116 496 0720"""

_LONG = """Kind regards,

{name}
{role}

Pembury Lane Academy | Pembury Lane | Leicester | LE4 1FX
T: 0116 4960720
"Learning together, growing together\""""

_SHORT = """{first}
--
{name} | {role} | Pembury Lane Academy | 0116 496 0720"""

_INTL = """Best wishes
{first}

{name}
{role}, Pembury Lane Academy
Pembury Lane, Leicester, LE4 1FX
Phone: +44 (0)116 496 0720"""

_BRACKET = """Thanks,
{first}

{name} - {role}
Pembury Lane Academy, Pembury Lane, Leicester LE4 1FX
(0116) 496 0720"""

_MOBILE = """{first}

Sent from my iPhone"""

_FIRST = """{first}"""

_VARIANTS = {"full": _FULL, "long": _LONG, "short": _SHORT, "intl": _INTL, "bracket": _BRACKET,
             "mobile": _MOBILE, "first": _FIRST}


def signature(key):
    who, _, variant = key.partition(":")
    name, first, role = _PEOPLE[who]
    return _VARIANTS[variant or "full"].format(name=name, first=first, role=role)


DISCLAIMER = """________________________________
This email and any files transmitted with it are confidential and intended solely for the use of the individual or entity to whom they are addressed. If you have received this email in error please notify the sender and delete it. Pembury Lane Academy is part of the Soar Valley Learning Trust, a charitable company limited by guarantee registered in England and Wales (company number 07712345). Registered office: Pembury Lane, Leicester LE4 1FX."""

DISCLAIMER_SHORT = """--
Pembury Lane Academy: please consider the environment before printing this email. Views expressed are those of the sender and not necessarily of the Trust."""
