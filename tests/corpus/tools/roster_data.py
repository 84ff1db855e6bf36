"""The corpus roster as Python data: pupils, their contacts, staff (all fictional).

What this is: the single source of roster/students.csv, roster/contacts.csv and roster/staff.csv
(written by build_corpus.py) and of the class lists attached to messages. UPNs are computed
with ids.make_upn, so every roster UPN has a correct DfE check letter.

The school: Pembury Lane Academy, an all-through academy (Reception to Year 11) in Leicester,
academic year 2024/25. Year groups follow from the DOB (1 September cut-off).
Phones are Ofcom drama numbers (07700 900xxx, 0116 496 0xxx); the school's is 0116 496 0720.
Postcodes have the valid UK format and are invented to go with invented streets.
"""

from ids import make_upn

# key, forename, surname, dob, year, address_line1, town, postcode, (la, establishment, yy, serial)
_PUPILS = [
    # Reception (born Sep 2019 - Aug 2020)
    ("tobenna", "Tobenna", "Okafor", "2020-02-11", "R", "23 Mayflower Road", "Leicester", "LE4 7QN", (856, 4012, 24, 11)),
    ("isla", "Isla", "McAllister", "2019-11-30", "R", "5 Thornbury Walk", "Birstall", "LE4 3WD", (856, 4012, 24, 12)),
    ("ruby", "Ruby", "Walsh", "2020-06-17", "R", "41 Kestrel Lane", "Leicester", "LE4 9PL", (856, 4012, 24, 13)),
    ("oscar", "Oscar", "Bailey", "2019-10-05", "R", "112 Humberstone Drive", "Leicester", "LE5 0RB", (856, 4012, 24, 14)),
    ("lilymae", "Lily-Mae", "Foster", "2020-03-22", "R", "18 Harcourt Street", "Leicester", "LE4 6JW", (856, 4012, 24, 15)),
    ("musa", "Musa", "Bello", "2020-08-09", "R", "6 Wharf Mews", "Leicester", "LE4 5NQ", (856, 4012, 24, 16)),
    # Year 1 (Sep 2018 - Aug 2019)
    ("poppy", "Poppy", "Bennett", "2019-01-14", "1", "14 Larch Close", "Leicester", "LE4 6XT", (856, 4012, 23, 21)),
    ("hope", "Hope", "Adeyemi", "2018-12-03", "1", "9 Saffron Way", "Leicester", "LE4 2GH", (856, 4012, 23, 22)),
    ("kai", "Kai", "Robinson", "2019-05-27", "1", "60 Ashfield Road", "Thurmaston", "LE4 8BU", (856, 4012, 23, 23)),
    ("noah", "Noah", "Williams", "2018-10-19", "1", "3 Meadowsweet Court", "Syston", "LE7 1NS", (855, 2210, 23, 104)),
    ("sofia", "Sofia", "Rossi", "2019-07-08", "1", "27 Coverdale Road", "Leicester", "LE4 5JR", (856, 4012, 23, 24)),
    ("finley", "Finley", "Ward", "2019-03-30", "1", "88 Lindfield Avenue", "Birstall", "LE4 4HQ", (856, 4012, 23, 25)),
    ("summer", "Summer", "Lee", "2018-09-21", "1", "15 Orchard Rise", "Anstey", "LE7 7TA", (855, 2330, 23, 61)),
    # Year 2 (Sep 2017 - Aug 2018)
    ("adaeze", "Adaeze", "Okafor", "2017-12-29", "2", "23 Mayflower Road", "Leicester", "LE4 7QN", (856, 4012, 22, 31)),
    ("ayesha", "Ayesha", "Rahman", "2018-04-16", "2", "52 Dorset Mews", "Leicester", "LE4 6LB", (856, 4012, 22, 32)),
    ("maja", "Maja", "Kowalczyk", "2017-10-02", "2", "7 Whitebeam Gardens", "Leicester", "LE4 7HE", (856, 4012, 22, 33)),
    ("favour", "Favour", "Okonkwo", "2018-02-28", "2", "130 Sandringham Parade", "Leicester", "LE4 6ND", (316, 2003, 22, 187)),
    ("yusuf", "Yusuf", "Ali", "2018-06-05", "2", "19 Tudor Crescent", "Leicester", "LE5 3AW", (856, 4012, 22, 34)),
    ("nia", "Nia", "Evans", "2017-09-14", "2", "4 Bramble Close", "Syston", "LE7 2PY", (856, 4012, 22, 35)),
    # Year 3 (Sep 2016 - Aug 2017)
    ("zofia", "Zofia", "Nowak", "2017-03-09", "3", "31 Wensleydale Road", "Leicester", "LE4 9FR", (856, 4012, 21, 41)),
    ("aarav", "Aarav", "Patel", "2016-11-23", "3", "6 Sherwood Mews", "Leicester", "LE4 5DE", (856, 4012, 21, 42)),
    ("ethan", "Ethan", "Chen", "2017-08-01", "3", "77 Quarry Hill", "Leicester", "LE4 1JT", (856, 4012, 21, 43)),
    ("amara", "Amara", "Mensah", "2016-10-26", "3", "12 Juniper Drive", "Thurmaston", "LE4 8QA", (330, 2145, 21, 72)),
    ("alfie", "Alfie", "Turner", "2017-05-18", "3", "45 Ferndale Road", "Birstall", "LE4 3EU", (856, 4012, 21, 44)),
    ("ahmed", "Ahmed", "Abdi", "2016-09-07", "3", "201 Northgate Terrace", "Leicester", "LE4 0AD", (856, 4012, 21, 45)),
    ("amir", "Amir", "Karimi", "2017-01-31", "3", "16 Beaumont Walk", "Leicester", "LE4 0SU", (856, 4012, 21, 46)),
    # Year 4 (Sep 2015 - Aug 2016)
    ("oliver", "Oliver", "Bennett", "2016-04-03", "4", "14 Larch Close", "Leicester", "LE4 6XT", (856, 4012, 20, 51)),
    ("grace", "Grace", "Brown", "2015-12-12", "4", "9 Holly Bank", "Leicester", "LE4 2RT", (856, 4012, 20, 52)),
    ("freya", "Freya", "Williams", "2015-09-25", "4", "3 Meadowsweet Court", "Syston", "LE7 1NS", (855, 2210, 20, 88)),
    ("ioana", "Ioana", "Popescu", "2016-07-19", "4", "58 Glenfield Terrace", "Leicester", "LE4 6EA", (856, 4012, 20, 53)),
    ("mateo", "Mateo", "Fernández", "2016-01-08", "4", "11 Acacia Avenue", "Leicester", "LE4 5PW", (856, 4012, 20, 54)),
    ("darya", "Darya", "Kovalenko", "2015-10-30", "4", "2 Marlowe Court", "Leicester", "LE4 7DJ", (856, 4012, 22, 901)),
    ("mohammed", "Mohammed", "Hussain", "2016-05-22", "4", "36 Hollybush Lane", "Leicester", "LE5 4NH", (856, 4012, 20, 55)),
    # Year 5 (Sep 2014 - Aug 2015)
    ("zoe", "Zoë", "Dupré", "2014-11-02", "5", "25 Chestnut Walk", "Oadby", "LE2 5TG", (855, 2415, 19, 40)),
    ("jakub", "Jakub", "Nowak", "2015-02-17", "5", "31 Wensleydale Road", "Leicester", "LE4 9FR", (856, 4012, 19, 61)),
    ("ibrahim", "Ibrahim", "Rahman", "2014-09-29", "5", "52 Dorset Mews", "Leicester", "LE4 6LB", (856, 4012, 19, 62)),
    ("leila", "Leila", "Haddad", "2015-06-11", "5", "8 Stonehill Avenue", "Birstall", "LE4 4JB", (856, 4012, 19, 63)),
    ("jayden", "Jayden", "Campbell", "2015-04-04", "5", "67 Parkside View", "Leicester", "LE4 9XJ", (856, 4012, 19, 64)),
    ("arjun", "Arjun", "Mistry", "2014-12-20", "5", "140 Loughborough Crescent", "Leicester", "LE4 5GY", (856, 4012, 19, 65)),
    ("elif", "Elif", "Yılmaz", "2015-08-13", "5", "3 Kingfisher Close", "Leicester", "LE4 2AZ", (892, 2351, 19, 17)),
    ("jack", "Jack", "Pearson", "2015-03-03", "5", "29 Ridgeway Drive", "Syston", "LE7 1RL", (856, 4012, 19, 66)),
    # Year 6 (Sep 2013 - Aug 2014)
    ("chidi", "Chidi", "Okafor", "2013-10-14", "6", "23 Mayflower Road", "Leicester", "LE4 7QN", (856, 4012, 18, 71)),
    ("siobhan", "Siobhán", "O'Neill", "2014-03-27", "6", "10 Harrow Close", "Leicester", "LE4 0HL", (856, 4012, 18, 72)),
    ("diya", "Diya", "Patel", "2013-12-08", "6", "6 Sherwood Mews", "Leicester", "LE4 5DE", (856, 4012, 18, 73)),
    ("tomasz", "Tomasz", "Wójcik", "2014-07-05", "6", "54 Beechwood Avenue", "Thurmaston", "LE4 8DG", (925, 2718, 18, 9)),
    ("amelia", "Amelia", "Clarke", "2014-01-19", "6", "1 Windmill Court", "Anstey", "LE7 7BX", (856, 4012, 18, 74)),
    ("hodan", "Hodan", "Abdi", "2013-09-16", "6", "201 Northgate Terrace", "Leicester", "LE4 0AD", (856, 4012, 18, 75)),
    ("reuben", "Reuben", "Levy", "2014-05-30", "6", "83 Gloucester Crescent", "Leicester", "LE2 3QR", (209, 2411, 18, 130)),
    ("rosie", "Rosie", "Hughes", "2014-08-24", "6", "20 Primrose Hill", "Birstall", "LE4 4BD", (856, 4012, 18, 76)),
    # Year 7 (Sep 2012 - Aug 2013)
    ("fatima", "Fatima", "Hussain", "2012-11-11", "7", "36 Hollybush Lane", "Leicester", "LE5 4NH", (856, 4012, 17, 81)),
    ("simran", "Simran", "Kaur Gill", "2013-04-22", "7", "18 Lyndhurst Road", "Leicester", "LE3 2HE", (856, 2104, 17, 29)),
    ("erin", "Erin", "Gallagher", "2013-02-06", "7", "6 Foxglove Close", "Syston", "LE7 2SJ", (855, 2210, 17, 55)),
    # Year 8 (Sep 2011 - Aug 2012)
    ("andrei", "Andrei", "Popescu", "2011-12-01", "8", "58 Glenfield Terrace", "Leicester", "LE4 6EA", (856, 4012, 16, 91)),
    ("marcus", "Marcus", "Reid", "2012-06-29", "8", "99 Stanley Road", "Leicester", "LE2 1RF", (373, 2260, 16, 214)),
    # Year 9 (Sep 2010 - Aug 2011)
    ("connor", "Connor", "O'Neill", "2010-10-18", "9", "10 Harrow Close", "Leicester", "LE4 0HL", (856, 4012, 15, 101)),
    ("aditi", "Aditi", "Sharma", "2011-03-15", "9", "47 Marigold Crescent", "Leicester", "LE5 6PR", (856, 4012, 15, 102)),
    ("tolu", "Tolu", "Adebayo", "2011-07-02", "9", "5 Birchwood Close", "Leicester", "LE4 0TQ", (856, 4012, 15, 103)),
    # Year 10 (Sep 2009 - Aug 2010)
    ("zain", "Zain", "Malik", "2009-12-24", "10", "71 Hawthorn Road", "Leicester", "LE5 2LU", (856, 4012, 14, 111)),
    ("precious", "Precious", "Moyo", "2010-05-09", "10", "13 Magnolia Court", "Leicester", "LE4 7SF", (856, 4012, 14, 112)),
    # Year 11 (Sep 2008 - Aug 2009)
    ("eve", "Eve", "Harrison", "2008-10-27", "11", "38 Oakley Drive", "Wigston", "LE18 2NE", (855, 2620, 13, 77)),
    ("kacper", "Kacper", "Dąbrowski", "2009-04-12", "11", "24 Sycamore Road", "Leicester", "LE4 9HD", (856, 4012, 13, 121)),
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
_CONTACTS = [
    (["poppy", "oliver"], "Mrs Sarah Bennett", "Mother", "sarah.bennett@parents.example", "07700 900101"),
    (["poppy", "oliver"], "Mr Mark Bennett", "Father", "mark.bennett@famnet.example", "07700 900102"),
    (["tobenna", "adaeze", "chidi"], "Mrs Ngozi Okafor", "Mother", "ngozi.okafor@parents.example", "07700 900111"),
    (["tobenna", "adaeze", "chidi"], "Mr Emeka Okafor", "Father", "e.okafor@famnet.example", "07700 900112"),
    (["zofia", "jakub"], "Łukasz Nowak", "Father", "lukasz.nowak@parents.example", "07700 900121"),
    (["zofia", "jakub"], "Agnieszka Nowak", "Mother", "a.nowak@homemail.example", "07700 900122"),
    (["ayesha", "ibrahim"], "Shirin Begum", "Mother", "shirin.begum@parents.example", "07700 900131"),
    (["ayesha", "ibrahim"], "Abdul Rahman", "Father", "abdul.rahman@homemail.example", "07700 900132"),
    (["aarav", "diya"], "Mrs Priya Patel", "Mother", "priya.patel@parents.example", "07700 900141"),
    (["aarav", "diya"], "Mr Nikhil Patel", "Father", "nikhil.patel@famnet.example", "0116 496 0141"),
    (["ahmed", "hodan"], "Faadumo Abdi", "Mother", "faadumo.abdi@parents.example", "07700 900151"),
    (["ahmed", "hodan"], "Hassan Abdi", "Uncle", "", "07700 900152"),
    (["mohammed", "fatima"], "Mrs Nadia Hussain", "Mother", "nadia.hussain@parents.example", "07700 900161"),
    (["mohammed", "fatima"], "Mr Imran Hussain", "Father", "imran.h@homemail.example", "07700 900162"),
    (["ioana", "andrei"], "Elena Popescu", "Mother", "elena.popescu@parents.example", "07700 900171"),
    (["ioana", "andrei"], "Mihai Popescu", "Father", "mihai.popescu@inbox.example", "07700 900172"),
    (["siobhan", "connor"], "Mrs Ciara O'Neill", "Mother", "ciara.oneill@parents.example", "07700 900181"),
    (["siobhan", "connor"], "Mr Declan O'Neill", "Father", "declan.oneill@famnet.example", "07700 900182"),
    (["siobhan", "connor"], "Mrs Bridget O'Neill", "Grandmother", "", "0116 496 0183"),
    (["noah", "freya"], "Ms Lauren Williams", "Mother", "lauren.williams@parents.example", "07700 900191"),
    (["noah", "freya"], "Mr Craig Dunn", "Stepfather", "craig.dunn@homemail.example", "07700 900192"),
    (["isla"], "Kirsty McAllister", "Mother", "kirsty.mcallister@parents.example", "07700 900201"),
    (["ruby"], "Gemma Walsh", "Mother", "gemma.walsh@parents.example", "07700 900203"),
    (["ruby"], "Liam Walsh", "Father", "liam.walsh@inbox.example", "07700 900204"),
    (["oscar"], "Hayley Bailey", "Mother", "hayley.bailey@parents.example", "07700 900205"),
    (["lilymae"], "Stacey Foster", "Mother", "stacey.foster@parents.example", "07700 900206"),
    (["lilymae"], "Pauline Foster", "Grandmother", "", "0116 496 0207"),
    (["musa"], "Aminat Bello", "Mother", "aminat.bello@parents.example", "07700 900208"),
    (["musa"], "Tunde Bello", "Father", "tunde.bello@famnet.example", "07700 900209"),
    (["hope"], "Mrs Funmilayo Adeyemi", "Mother", "funmi.adeyemi@parents.example", "07700 900210"),
    (["kai"], "Danielle Robinson", "Mother", "danielle.robinson@parents.example", "07700 900211"),
    (["kai"], "Jerome Robinson", "Father", "jerome.robinson@inbox.example", "07700 900212"),
    (["sofia"], "Giulia Rossi", "Mother", "giulia.rossi@parents.example", "07700 900213"),
    (["sofia"], "Marco Rossi", "Father", "marco.rossi@famnet.example", "07700 900214"),
    (["finley"], "Becky Ward", "Mother", "becky.ward@parents.example", "07700 900215"),
    (["summer"], "Michelle Lee", "Mother", "michelle.lee@parents.example", "07700 900216"),
    (["maja"], "Katarzyna Kowalczyk", "Mother", "k.kowalczyk@parents.example", "07700 900217"),
    (["favour"], "Blessing Okonkwo", "Mother", "blessing.okonkwo@parents.example", "07700 900218"),
    (["favour"], "Chinedu Okonkwo", "Father", "chinedu.okonkwo@homemail.example", "07700 900219"),
    (["yusuf"], "Samira Ali", "Mother", "samira.ali@parents.example", "07700 900220"),
    (["nia"], "Rhian Evans", "Mother", "rhian.evans@parents.example", "07700 900221"),
    (["nia"], "Owen Evans", "Father", "owen.evans@famnet.example", "07700 900222"),
    (["ethan"], "Wei Chen", "Father", "wei.chen@parents.example", "07700 900223"),
    (["ethan"], "May Chen", "Grandmother", "", "0116 496 0224"),
    (["amara"], "Kwame Mensah", "Father", "kwame.mensah@parents.example", "07700 900225"),
    (["amara"], "Abena Mensah", "Mother", "abena.mensah@inbox.example", "07700 900226"),
    (["alfie"], "Kelly Turner", "Mother", "kelly.turner@parents.example", "07700 900227"),
    (["amir"], "Maryam Karimi", "Mother", "maryam.karimi@parents.example", "07700 900228"),
    (["amir"], "Reza Karimi", "Father", "reza.karimi@famnet.example", "07700 900229"),
    (["grace"], "Rose Brown", "Mother", "rose.brown@parents.example", "07700 900230"),
    (["grace"], "Will Green", "Father", "will.green@inbox.example", "07700 900231"),
    (["mateo"], "Lucía Fernández", "Mother", "lucia.fernandez@parents.example", "07700 900232"),
    (["darya"], "Olena Kovalenko", "Mother", "olena.kovalenko@parents.example", "07700 900233"),
    (["zoe"], "Anne-Marie Dupré", "Mother", "annemarie.dupre@parents.example", "07700 900234"),
    (["zoe"], "Julien Dupré", "Father", "julien.dupre@famnet.example", "07700 900235"),
    (["leila"], "Rania Haddad", "Mother", "rania.haddad@parents.example", "07700 900236"),
    (["jayden"], "Shanice Campbell", "Mother", "shanice.campbell@parents.example", "07700 900237"),
    (["jayden"], "Delroy Campbell", "Grandfather", "", "0116 496 0238"),
    (["arjun"], "Hetal Mistry", "Mother", "hetal.mistry@parents.example", "07700 900239"),
    (["arjun"], "Sanjay Mistry", "Father", "sanjay.mistry@homemail.example", "07700 900240"),
    (["elif"], "Mehmet Yılmaz", "Father", "mehmet.yilmaz@parents.example", "07700 900241"),
    (["elif"], "Ayşe Yılmaz", "Mother", "ayse.yilmaz@inbox.example", "07700 900242"),
    (["jack"], "Nicola Pearson", "Mother", "nicola.pearson@parents.example", "07700 900243"),
    (["tomasz"], "Piotr Wójcik", "Father", "piotr.wojcik@parents.example", "07700 900244"),
    (["tomasz"], "Ewa Wójcik", "Mother", "ewa.wojcik@famnet.example", "07700 900245"),
    (["amelia"], "Joanne Clarke", "Mother", "joanne.clarke@parents.example", "07700 900246"),
    (["reuben"], "Hannah Levy", "Mother", "hannah.levy@parents.example", "07700 900247"),
    (["reuben"], "Daniel Levy", "Father", "daniel.levy@inbox.example", "07700 900248"),
    (["rosie"], "Claire Hughes", "Mother", "claire.hughes@parents.example", "07700 900249"),
    (["simran"], "Jaspreet Singh Gill", "Father", "jaspreet.gill@parents.example", "07700 900250"),
    (["simran"], "Manpreet Kaur Gill", "Mother", "manpreet.gill@homemail.example", "07700 900251"),
    (["erin"], "Siobhan Gallagher", "Mother", "siobhan.gallagher@parents.example", "07700 900252"),
    (["marcus"], "Andrea Reid", "Carer", "andrea.reid@parents.example", "07700 900253"),
    (["aditi"], "Pooja Sharma", "Mother", "pooja.sharma@parents.example", "07700 900254"),
    (["aditi"], "Vikram Sharma", "Father", "vikram.sharma@famnet.example", "07700 900255"),
    (["tolu"], "Folake Adebayo", "Mother", "folake.adebayo@parents.example", "07700 900256"),
    (["zain"], "Sana Malik", "Mother", "sana.malik@parents.example", "07700 900257"),
    (["zain"], "Tariq Malik", "Father", "tariq.malik@inbox.example", "07700 900258"),
    (["precious"], "Tendai Moyo", "Mother", "tendai.moyo@parents.example", "07700 900259"),
    (["eve"], "Paul Harrison", "Father", "paul.harrison@parents.example", "07700 900260"),
    (["eve"], "Lisa Harrison", "Mother", "lisa.harrison@homemail.example", "07700 900261"),
    (["kacper"], "Marta Dąbrowska", "Mother", "marta.dabrowska@parents.example", "07700 900262"),
]

CONTACTS = _CONTACTS

# name, email, role (role is not a roster column; it is for the signatures in messages)
STAFF = [
    ("Helen Carter", "h.carter@school.example", "Headteacher"),
    ("David Okoro", "d.okoro@school.example", "Deputy Headteacher & Designated Safeguarding Lead"),
    ("Rachel Singh", "r.singh@school.example", "SENCO"),
    ("Julie Marsh", "j.marsh@school.example", "School Business Manager"),
    ("Karen Whitfield", "k.whitfield@school.example", "Office Manager"),
    ("Sophie Lambert", "s.lambert@school.example", "Reception Teacher (Acorns)"),
    ("Tom Fletcher", "t.fletcher@school.example", "Year 1 Teacher (Hazel Class)"),
    ("Nasreen Akhtar", "n.akhtar@school.example", "Year 2 Teacher (Rowan Class)"),
    ("Chloe Parker", "c.parker@school.example", "Year 3 Teacher (Willow Class)"),
    ("Ben Whitaker", "b.whitaker@school.example", "Year 4 Teacher (Maple Class)"),
    ("James Evans", "j.evans@school.example", "Year 5 Teacher (Cedar Class)"),
    ("Anita Desai", "a.desai@school.example", "Year 6 Teacher (Oak Class)"),
    ("Gill Hammond", "g.hammond@school.example", "Teaching Assistant"),
    ("Pawel Zielinski", "p.zielinski@school.example", "IT Technician"),
    ("Lorraine Price", "l.price@school.example", "Attendance Officer"),
    ("Deborah Kaye", "d.kaye@school.example", "Head of Secondary Phase"),
    ("Sam Osei", "s.osei@school.example", "PE Teacher"),
    ("Amy Rowe", "a.rowe@school.example", "Exams Officer"),
    ("Gareth Lloyd", "g.lloyd@school.example", "Careers Lead"),
    ("Beverley Nash", "b.nash@school.example", "Catering Manager"),
    ("Fiona Grant", "f.grant@school.example", "Clerk to the Governors"),
    ("Priti Shah", "p.shah@school.example", "Family Support Worker"),
    ("School Office", "office@school.example", ""),
    ("IT Support", "itsupport@school.example", ""),
]
