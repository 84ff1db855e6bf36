"""The held-out corpus roster as Python data: pupils, their contacts, staff (all fictional).

What this is: the single source of heldout/roster/*.csv (written by
../../tools/build_corpus.py --corpus tests/corpus/heldout) and of class lists in its
attachments. A different school from the main corpus: Moorcroft Rise Academy, an
all-through academy (Reception to Year 11) in west Leeds, academic year 2024/25.
UPNs come from ids.make_upn, so every check letter is correct. Phones are Ofcom drama
numbers (07700 900xxx, 0113 496 0xxx); the school's own is 0113 496 0500.
"""

from ids import make_upn

# key, forename, surname, dob, year, address_line1, town, postcode, (la, establishment, yy, serial)
_PUPILS = [
    ("alba", "Alba", "Ferreira", "2020-01-23", "R", "7 Cragside Walk", "Leeds", "LS5 3PB", (383, 4127, 24, 5)),
    ("theo", "Theo", "Whitlock", "2019-09-12", "R", "48 Tinshill Grove", "Leeds", "LS16 7HN", (383, 4127, 24, 6)),
    ("amina", "Amina", "Diallo", "2020-05-04", "R", "15 Brudenell Mount", "Leeds", "LS6 1HU", (383, 4127, 24, 7)),
    ("rose", "Rose", "Ashworth", "2019-02-08", "1", "22 Moorfield Crescent", "Pudsey", "LS28 7EL", (383, 4127, 23, 12)),
    ("kofi", "Kofi", "Asante", "2018-11-15", "1", "3 Waterloo Fold", "Leeds", "LS13 2JT", (383, 4127, 23, 13)),
    ("lucja", "Łucja", "Kamińska", "2019-06-30", "1", "91 Stanningley Road", "Leeds", "LS13 3BA", (383, 4127, 23, 14)),
    ("olivia", "Olivia-Grace", "Thornton", "2018-03-19", "2", "5 Larkfield Drive", "Rawdon", "LS19 6EX", (380, 2231, 22, 48)),
    ("rayan", "Rayan", "Benali", "2017-10-27", "2", "60 Hough Lane", "Leeds", "LS13 3RE", (383, 4127, 22, 21)),
    ("evie", "Evie", "O'Sullivan", "2018-07-02", "2", "12 Cockshott Close", "Leeds", "LS12 2QT", (383, 4127, 22, 22)),
    ("mason", "Mason", "Whitlock", "2016-12-05", "3", "48 Tinshill Grove", "Leeds", "LS16 7HN", (383, 4127, 21, 30)),
    ("niamh", "Niamh", "MacGregor", "2017-04-14", "3", "33 Swinnow Gardens", "Leeds", "LS13 4PQ", (383, 4127, 21, 31)),
    ("seun", "Oluwaseun", "Adeyinka", "2016-09-30", "3", "8 Aire View Terrace", "Leeds", "LS13 1EX", (201, 3310, 21, 407)),
    ("hope", "Hope", "Brennan", "2017-01-19", "3", "27 Bramley Vale", "Leeds", "LS13 2DW", (383, 4127, 21, 32)),
    ("ines", "Inês", "Ferreira", "2015-11-09", "4", "7 Cragside Walk", "Leeds", "LS5 3PB", (383, 4127, 20, 40)),
    ("dawid", "Dawid", "Kamiński", "2016-02-21", "4", "91 Stanningley Road", "Leeds", "LS13 3BA", (383, 4127, 20, 41)),
    ("harvey", "Harvey", "Pickles", "2015-09-18", "4", "4 Intake Lane", "Leeds", "LS13 1DQ", (383, 4127, 20, 42)),
    ("safiya", "Safiya", "Mahmood", "2016-06-11", "4", "119 Town Street", "Leeds", "LS12 3HD", (383, 4127, 20, 43)),
    ("jude", "Jude", "Ashworth", "2014-10-03", "5", "22 Moorfield Crescent", "Pudsey", "LS28 7EL", (383, 4127, 19, 50)),
    ("aoife", "Aoife", "Ní Bhriain", "2015-03-28", "5", "16 Gamble Hill Drive", "Leeds", "LS13 4JF", (383, 4127, 19, 51)),
    ("yusra", "Yusra", "Benali", "2014-12-16", "5", "60 Hough Lane", "Leeds", "LS13 3RE", (383, 4127, 19, 52)),
    ("tyler", "Tyler", "Hebden", "2015-07-21", "5", "70 Raynville Road", "Leeds", "LS13 2QN", (384, 2050, 19, 96)),
    ("renee", "Renée", "Lefèvre", "2013-10-08", "6", "2 Kirkdale Mount", "Leeds", "LS12 6AU", (383, 4127, 18, 60)),
    ("kwabena", "Kwabena", "Asante", "2014-04-17", "6", "3 Waterloo Fold", "Leeds", "LS13 2JT", (383, 4127, 18, 61)),
    ("freddie", "Freddie", "Sutcliffe", "2013-12-29", "6", "45 Wellstone Avenue", "Leeds", "LS13 4EB", (383, 4127, 18, 62)),
    ("maryam", "Maryam", "Mahmood", "2014-08-06", "6", "119 Town Street", "Leeds", "LS12 3HD", (383, 4127, 18, 63)),
    ("callum", "Callum", "MacGregor", "2012-11-22", "7", "33 Swinnow Gardens", "Leeds", "LS13 4PQ", (383, 4127, 17, 70)),
    ("zara", "Zara", "Okonjo-Hart", "2013-05-13", "7", "10 Rodley Lane", "Leeds", "LS13 1LB", (383, 4127, 17, 71)),
    ("lewis", "Lewis", "Dyson", "2012-09-04", "7", "88 Broad Lane", "Leeds", "LS13 2JX", (382, 2114, 17, 233)),
    ("grace", "Grace", "Obi", "2013-01-30", "7", "19 Fairfield Avenue", "Leeds", "LS13 3DF", (383, 4127, 17, 72)),
    ("sienna", "Sienna", "O'Sullivan", "2012-02-14", "8", "12 Cockshott Close", "Leeds", "LS12 2QT", (383, 4127, 16, 80)),
    ("bilal", "Bilal", "Qureshi", "2011-10-31", "8", "31 Ganners Rise", "Leeds", "LS13 2NF", (383, 4127, 16, 81)),
    ("mirela", "Mirela", "Dumitrescu", "2011-01-07", "9", "5 Hill Foot", "Pudsey", "LS28 9BG", (383, 4127, 15, 90)),
    ("owen", "Owen", "Hebden", "2010-09-25", "9", "70 Raynville Road", "Leeds", "LS13 2QN", (384, 2050, 15, 17)),
    ("anjali", "Anjali", "Varma", "2011-06-19", "9", "140 Half Mile Lane", "Leeds", "LS13 1BY", (383, 4127, 15, 91)),
    ("kieran", "Kieran", "Pickles", "2009-11-02", "10", "4 Intake Lane", "Leeds", "LS13 1DQ", (383, 4127, 14, 100)),
    ("zsofia", "Zsófia", "Horváth", "2010-03-08", "10", "9 Moor Top", "Leeds", "LS12 4RP", (935, 4021, 14, 58)),
    ("ioan", "Ioan", "Pritchard-Jones", "2009-10-15", "10", "3 Ravensworth Close", "Leeds", "LS15 8NQ", (383, 4127, 14, 101)),
    ("darnell", "Darnell", "Campbell-Reid", "2008-12-11", "11", "57 Bradford Road", "Pudsey", "LS28 6AT", (383, 4127, 13, 110)),
    ("amelie", "Amélie", "Lefèvre", "2009-02-26", "11", "2 Kirkdale Mount", "Leeds", "LS12 6AU", (383, 4127, 13, 111)),
    ("saoirse", "Saoirse", "Brennan", "2008-09-29", "11", "27 Bramley Vale", "Leeds", "LS13 2DW", (383, 4127, 13, 112)),
]


class Pupil:
    def __init__(self, row):
        (self.key, self.forename, self.surname, self.dob, self.year, self.address, self.town,
         self.postcode, la) = row
        self.upn = make_upn(*la)

    @property
    def name(self):
        return "%s %s" % (self.forename, self.surname)

    @property
    def name_sf(self):
        return "%s, %s" % (self.surname, self.forename)

    def dob_dmy(self):
        y, m, d = self.dob.split("-")
        return "%s/%s/%s" % (d, m, y)


PUPILS = [Pupil(r) for r in _PUPILS]
BY_KEY = {p.key: p for p in PUPILS}

# (pupil keys, contact_name, relationship, email, phone)
CONTACTS = [
    (["alba", "ines"], "Mrs Joana Ferreira", "Mother", "joana.ferreira@home.example", "07700 900301"),
    (["alba", "ines"], "Mr Rui Ferreira", "Father", "rui.ferreira@kinmail.example", "07700 900302"),
    (["theo", "mason"], "Mrs Kerry Whitlock", "Mother", "kerry.whitlock@home.example", "07700 900303"),
    (["theo", "mason"], "Mr Bill Whitlock", "Father", "bill.whitlock@parentpost.example", "07700 900304"),
    (["amina"], "Fatoumata Diallo", "Mother", "fatoumata.diallo@home.example", "07700 900305"),
    (["amina"], "Ibrahima Diallo", "Father", "i.diallo@kinmail.example", "07700 900306"),
    (["rose", "jude"], "Mrs Lucy Ashworth", "Mother", "lucy.ashworth@home.example", "07700 900307"),
    (["rose", "jude"], "Mark Ashworth", "Grandfather", "", "0113 496 0308"),
    (["kofi", "kwabena"], "Akosua Asante", "Mother", "akosua.asante@home.example", "07700 900309"),
    (["kofi", "kwabena"], "Yaw Asante", "Father", "yaw.asante@parentpost.example", "07700 900310"),
    (["lucja", "dawid"], "Agata Kamińska", "Mother", "agata.kaminska@home.example", "07700 900311"),
    (["lucja", "dawid"], "Tomasz Kamiński", "Father", "t.kaminski@kinmail.example", "07700 900312"),
    (["olivia"], "Gemma Thornton", "Mother", "gemma.thornton@home.example", "07700 900313"),
    (["olivia"], "Ryan Holt", "Stepfather", "ryan.holt@parentpost.example", "07700 900314"),
    (["rayan", "yusra"], "Samira Benali", "Mother", "samira.benali@home.example", "07700 900315"),
    (["rayan", "yusra"], "Karim Benali", "Father", "karim.benali@kinmail.example", "07700 900316"),
    (["evie", "sienna"], "Mrs Siobhán O'Sullivan", "Mother", "siobhan.osullivan@home.example", "07700 900317"),
    (["evie", "sienna"], "Mr Pádraig O'Sullivan", "Father", "padraig.osullivan@parentpost.example", "07700 900318"),
    (["niamh", "callum"], "Fiona MacGregor", "Mother", "fiona.macgregor@home.example", "07700 900319"),
    (["niamh", "callum"], "Euan MacGregor", "Father", "euan.macgregor@kinmail.example", "07700 900320"),
    (["seun"], "Mrs Bukola Adeyinka", "Mother", "bukola.adeyinka@home.example", "07700 900321"),
    (["hope", "saoirse"], "Ms Róisín Brennan", "Mother", "roisin.brennan@home.example", "07700 900322"),
    (["hope", "saoirse"], "Rose Brennan", "Grandmother", "", "0113 496 0323"),
    (["harvey", "kieran"], "Stacey Pickles", "Mother", "stacey.pickles@home.example", "07700 900324"),
    (["harvey", "kieran"], "Dean Pickles", "Father", "dean.pickles@parentpost.example", "07700 900325"),
    (["safiya", "maryam"], "Mrs Nazia Mahmood", "Mother", "nazia.mahmood@home.example", "07700 900326"),
    (["safiya", "maryam"], "Mr Asif Mahmood", "Father", "asif.mahmood@kinmail.example", "07700 900327"),
    (["aoife"], "Orla Ní Bhriain", "Mother", "orla.nibhriain@home.example", "07700 900328"),
    (["aoife"], "Conor Byrne", "Father", "conor.byrne@parentpost.example", "07700 900329"),
    (["tyler", "owen"], "Maxine Hebden", "Grandmother (kinship carer)", "maxine.hebden@home.example", "0113 496 0330"),
    (["renee", "amelie"], "Claire Lefèvre", "Mother", "claire.lefevre@home.example", "07700 900331"),
    (["renee", "amelie"], "Étienne Lefèvre", "Father", "etienne.lefevre@kinmail.example", "07700 900332"),
    (["freddie"], "Leanne Sutcliffe", "Mother", "leanne.sutcliffe@home.example", "07700 900333"),
    (["freddie"], "Will Sutcliffe", "Father", "will.sutcliffe@parentpost.example", "07700 900334"),
    (["zara"], "Adaora Okonjo-Hart", "Mother", "adaora.okonjohart@home.example", "07700 900335"),
    (["zara"], "Simon Hart", "Father", "simon.hart@kinmail.example", "07700 900336"),
    (["lewis"], "Mrs Pauline Greenwood", "Foster carer", "pauline.greenwood@home.example", "07700 900337"),
    (["grace"], "Chiamaka Obi", "Mother", "chiamaka.obi@home.example", "07700 900338"),
    (["grace"], "Nnamdi Obi", "Father", "nnamdi.obi@parentpost.example", "07700 900339"),
    (["bilal"], "Rubina Qureshi", "Mother", "rubina.qureshi@home.example", "07700 900340"),
    (["bilal"], "Imtiaz Qureshi", "Father", "imtiaz.qureshi@kinmail.example", "07700 900341"),
    (["mirela"], "Ana-Maria Dumitrescu", "Mother", "anamaria.dumitrescu@home.example", "07700 900342"),
    (["anjali"], "Deepa Varma", "Mother", "deepa.varma@home.example", "07700 900343"),
    (["anjali"], "Rohan Varma", "Father", "rohan.varma@parentpost.example", "07700 900344"),
    (["zsofia"], "Katalin Horváth", "Mother", "katalin.horvath@home.example", "07700 900345"),
    (["zsofia"], "Gábor Horváth", "Father", "gabor.horvath@kinmail.example", "07700 900346"),
    (["ioan"], "Bethan Pritchard-Jones", "Mother", "bethan.pj@home.example", "07700 900347"),
    (["ioan"], "Huw Pritchard-Jones", "Father", "huw.pj@parentpost.example", "07700 900348"),
    (["darnell"], "Marcia Campbell-Reid", "Mother", "marcia.campbellreid@home.example", "07700 900349"),
]

# name, email, role
STAFF = [
    ("Joanne Hargreaves", "j.hargreaves@moorcroft.example", "Headteacher"),
    ("Dominic Fairbairn", "d.fairbairn@moorcroft.example", "Deputy Headteacher & DSL"),
    ("Priya Raval", "p.raval@moorcroft.example", "SENCO"),
    ("Carol Ackroyd", "c.ackroyd@moorcroft.example", "Office Manager"),
    ("Neil Booth", "n.booth@moorcroft.example", "School Business Manager"),
    ("Hollie Crabtree", "h.crabtree@moorcroft.example", "Reception Teacher (Kestrel)"),
    ("Aled Morgan", "a.morgan@moorcroft.example", "Year 3 Teacher (Heron)"),
    ("Sunita Kaur", "s.kaur@moorcroft.example", "Year 5 Teacher (Osprey)"),
    ("Patrick Doyle", "p.doyle@moorcroft.example", "Year 6 Teacher (Kingfisher)"),
    ("Wendy Lister", "w.lister@moorcroft.example", "Attendance Officer"),
    ("Mark Denby", "m.denby@moorcroft.example", "Head of Year 10"),
    ("Bethany Illingworth", "b.illingworth@moorcroft.example", "Exams Officer"),
    ("Jonah Kemp", "j.kemp@moorcroft.example", "IT Technician"),
    ("Yvonne Pratt", "y.pratt@moorcroft.example", "Family Support Worker"),
    ("Elaine Brown", "e.brown@moorcroft.example", "Teaching Assistant"),
    ("School Office", "office@moorcroft.example", ""),
    ("IT Support", "itsupport@moorcroft.example", ""),
]
