// Word lists for the name heuristics; see name_lexicon.h. Lists are space-separated so they
// read as lists; they are split once into hash sets.
#include "pii/detect/name_lexicon.h"

#include <string>
#include <unordered_set>

namespace chaperone::pii::lexicon {
namespace {

using WordSet = std::unordered_set<std::string_view>;

WordSet make_set(std::string_view words) {
    WordSet set;
    std::size_t pos = 0;
    while (pos < words.size()) {
        while (pos < words.size() && (words[pos] == ' ' || words[pos] == '\n')) ++pos;
        const std::size_t start = pos;
        while (pos < words.size() && words[pos] != ' ' && words[pos] != '\n') ++pos;
        if (pos > start) set.insert(words.substr(start, pos - start));
    }
    return set;
}

constexpr std::string_view kForenames = R"(
aaliyah aaron abbie abby abdul abdullah abel abigail abu ada adam adeel adele adrian agnes ahmad ahmed aidan aiden
ailsa aimee aisha aishah ajay alan alana albert aleksander alesha alex alexa alexander alexandra alexis alfie alfred
ali alice alicia alina alisha alison alistair alix aliyah allan allison alma amaan amal amanda amar amara amber amelia
amelie amina amir amira amit amna amy ana anastasia anaya andre andrea andreas andrei andrew andy aneesa angela angus
anika anita anna annabel annabelle anne anneka annie anthony antonio anya april arabella archer archie aria ariana arjun
arlo arran arthur arun arya asha ashley ashton asif asma aston astrid atticus aubrey audrey aurora austin ava avery axel
ayaan ayan ayesha aylin ayra bailey barbara barnaby barry bartosz beatrice beatrix bella ben benjamin benedict bernard
beth bethany betty beverley bianca billie billy blake bobby bogdan bonnie brandon brenda brendan brian bridget brodie
brooke bruce bryony caitlin caleb callum calvin cameron camilla cara carl carla carlos carly carmen caroline carolyn
carter casey cassandra cassie catherine cathy cecilia cerys chantelle charlene charles charley charlie charlotte chelsea
cheryl chester chidi chiamaka chinedu chloe chris christian christina christine christopher ciara cillian claire clara
clare claudia clayton clementine cleo cody colin connie connor conor constance corey courtney craig daisy dale damian
damon dan dana daniel daniela danielle danny darcey darcie darcy darius darren david dawid dawn dean deborah declan
deepak deniz dennis derek desmond dexter diana diane dianne dilan dina dominic dominika donna dora dorothy douglas dylan
ebony eddie eden edith edward edwin efe eileen elaine eleanor elena eli eliana elias elif elijah elin elisa elise eliza
elizabeth ella elle ellie elliot elliott ellis elsa elsie emanuel emeka emil emilia emily emma emmanuel enzo eric erica
erin ernest esme esther ethan eva evan evelyn evie ezra faisal faith farah fatima fatuma felicity felix fiona florence
frances francesca francis frankie freddie freddy frederick freya gabriel gabriela gabriella gabrielle gareth gary gavin
gemma george georgia georgina gerald geraldine gilbert gillian gina giovanni gloria gordon graham gregory gurpreet gwen
hadiza hafsa hailey haleema haley hamza hannah hari harley harlow harmony harold harper harriet harrison harry harvey
hassan hayden hayley hazel heather hector heidi helen helena henry hollie holly hugh hugo hussain ian ibrahim idris ifeoma
ilyas imogen imran ines ingrid ioana irene iris isaac isabel isabella isabelle isaiah isha ishaan isla ismail ivan ivy
jack jackson jacob jacqueline jade jaden jake james jamie jan jane janet janice jasmine jason jasper javier jay jayden
jaya jean jenna jennifer jenny jeremy jesse jessica jessie jill jim jimmy joan joanna joanne jodie joe joel joey johanna
john johnny jonah jonathan jordan jorge joseph josephine josh joshua josie joy joyce juan jude judith judy julia julian
julie juliet june justin kacper kai kaitlyn kamal kamil karen karina karl kate katherine kathleen kathryn katie katy kay
kayla kayden keira keith kelly kelsey ken kenneth kerry kevin khadija kian kieran kim kimberley kirsty kofi krishna
krystal kuba kwame kyle lacey lachlan laila lana lara laura lauren layla leah lee leila lena leo leon leonard leonardo
leonie lewis lexi lexie liam libby lilly lily lina linda lindsay lisa logan lois lola lorna lottie louie louis louisa
louise luca lucas lucia lucy luis luka lukas luke luna lydia lyla mabel maddison madeleine madison maeve maisie maja
malachi malik mandy manuel marcel marcus margaret maria mariam marie marion mark marley martha martin mary maryam mason
mateo matilda matteo matthew maureen max maxim maximilian maya megan mehmet melanie melissa mia michael michaela michal
michelle mikolaj milan mildred miles millie milly mina mohamed mohammad mohammed molly monica morgan muhammad muhammed
musa mustafa myles nadia nancy naomi natalia natalie natasha nathan nathaniel neil nevaeh niall nicholas nicola nicole
nikita nina noah noor nora norah norman nuala nyla oakley odessa olga olive oliver olivia ollie omar orla oscar owen
pamela paige patricia patrick paul paula pauline pearl peggy penelope peter petra philip philippa phoebe piper piotr
polly poppy precious priya priyanka qasim rachel rafael rahul raj rajesh ralph ramona rana raphael rashid raymond rebecca
reece reggie reuben rhian rhys ricardo richard rita rob robert roberta robin robyn rocco rohan roman ronald ronan ronnie
rory rosa rosalind rosie ross rowan roxanne roy ruben rubina ruby rufus rupert russell ruth ryan saanvi sabrina sadie
safa safiya sahil saira sally sam samantha samir samira samuel sandra sanjay sara sarah sasha scarlett scott sean sebastian
seren shabana shane shannon sharon shaun sheila shirley shreya siddharth sienna simon simran sinead sofia sofie sonia
sophia sophie stacey stanley stella stephanie stephen steven stuart sukhdeep sultan summer susan suzanne sylvia szymon
tallulah tamara tanisha tanya tara tariq teddy terence teresa terry tess tessa thea theo theodore thomas tia tiffany tilly
timothy tina tobias toby tom tomas tomasz tommy toni tony tracey tracy trevor tristan tyler umar usman valentina valerie
vanessa vera veronica victor victoria vienna vijay vikram vincent violet vivian vivienne wanda wayne wendy wiktoria william
willow wojciech xander xavier yara yasmin yasmine yousef yusuf yvonne zac zach zachary zain zainab zak zara zayn zeynep
zoe zofia zuzanna
)";

// Strong: never a name on their own however written (the words of the brief and those most
// often capitalised in school mail: months, terms, colours, "Will you", "Hope you").
constexpr std::string_view kStrongCommonWords = R"(
will may grace hope rose mark bill brown green april june august summer autumn winter spring joy faith white black
gray grey art sue pat rob drew chase frank miles ray rich sandy penny bob guy don nick kit king hall wood hill bell
lane price star sunny noble major page young long little baker cook christmas easter carol noel eve patience charity
honour honor unity trinity destiny
)";

// Weak: common words that are also popular names; alone they need a sign of a person
// (a verb of a person after them, a possessive).
constexpr std::string_view kWeakCommonWords = R"(
holly ivy lily poppy daisy ruby jade pearl crystal hazel heather willow olive violet iris jasmine blossom berry river
sky storm rain snow robin jay wren sage basil ginger honey candy rusty misty angel harmony melody rowan scarlett sonny
precious fern marigold primrose saffron clementine amber dawn hunter mason carter reed ash
)";

constexpr std::string_view kOrganisationWords = R"(
class group team house school academy college primary secondary infant infants junior juniors nursery preschool trust
federation partnership council centre center hall road street lane avenue close drive way park church chapel cathedral
hospital surgery clinic practice library museum gallery theatre theater station court ltd limited plc llp inc services
service foundation club society department office room building estate farm garden gardens zoo university county city
borough village town week day term fair festival award awards prize cup league fund appeal project programme program
scheme unit ward block wing lodge manor cottage crescent terrace grove place square mews green row walk rise hill view
parade gate gates bridge wharf quay field fields meadow meadows wood woods forest valley brook lake river beach bay
island islands centre leisure sports pool arena stadium market shop shopping store stores bank building society company
limited group holdings education learning care trust charity hospice pharmacy dental medical health nhs police fire
rescue ambulance airport railway line lines bus coaches coach travel tours tour holidays hotel inn restaurant cafe
kitchen bakery catering band choir orchestra players singers ensemble dance drama scouts guides brownies cubs beavers
rainbows cadets brigade fc afc rfc united city rovers wanderers athletic town albion
)";

constexpr std::string_view kRoleWords = R"(
social worker workers nurse nurses doctor doctors gp psychologist therapist therapists senco sendco headteacher head
deputy teacher teachers assistant ta hlta officer officers police constable councillor solicitor lawyer barrister
caseworker keyworker consultant paediatrician pediatrician dentist optician optometrist counsellor counselor manager
coordinator co-ordinator inspector governor governors chair chairman chairperson clerk receptionist bursar caretaker
coach instructor tutor trainer advisor adviser practitioner lead dsl ddsl senior principal midwife physio
physiotherapist camhs surgery clinic hospital ofsted matron vicar priest rabbi imam chaplain minister mp mayor
editor reporter journalist author illustrator speaker visitor paramedic firefighter sergeant detective safeguarding
welfare attendance admissions inclusion pastoral mentor librarian technician secretary administrator admin director
ceo trustee trustees specialist health visitor send ehcp educational ed psych speech language occupational ot
audiologist orthodontist surgeon registrar radiographer pharmacist chemist vet volunteer volunteers supplier driver
escort lunchtime supervisor mdsa cook chef cleaner site agent estate agent landlord housing officer ward
)";

constexpr std::string_view kKinshipWords = R"(
son daughter brother sister sibling siblings twin twins mum mummy mom mother dad daddy father stepmum stepdad
stepmother stepfather stepson stepdaughter stepbrother stepsister grandmother grandfather grandma grandad granddad
grandpa granny gran nan nana nanna grandson granddaughter aunt auntie aunty uncle cousin niece nephew carer guardian
child children baby husband wife partner fiance fiancee kids kid boy girl
)";

constexpr std::string_view kPersonalTitles = "mr mrs ms miss mx master dr";

constexpr std::string_view kProfessionalTitles = R"(
pc dc ds di dci wpc sgt sergeant insp inspector supt constable cllr councillor rev revd reverend fr prof professor
judge dame sir lord lady officer nurse coach captain capt lt major col colonel bishop canon rabbi imam pastor
)";

constexpr std::string_view kNotASurname = R"(
the a an and or but of in on at to for with from by as is are was were be been am i you he she it we they me him her
us them my your his its our their this that these those there here what which who whom whose when where why how all any
each every some no not yes ok okay please thanks thank dear hi hello hey regards best wishes kind many sincerely
faithfully love monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
january february march april may june july august september october november december jan feb mar apr jun jul aug sep
sept oct nov dec today tomorrow yesterday morning afternoon evening night year years yr class school term week
english maths math mathematics science history geography music art pe re french spanish german computing reading
writing phonics spelling drama dance reception nursery key stage ks1 ks2 ks3 ks4 eyfs sats gcse gcses mock mocks
christmas easter halloween diwali eid hanukkah ramadan bonfire also just only then so if else could would should can
will shall may might must do does did done has have had having get got go went going come came make made see saw said
say says tell told ask asked let lets let's new old good great well very much more most less little big small next last
first second third after before during since until about above below up down out over under again further once both few
other such own same too any further mr mrs ms miss dr sir madam team staff parents parent carers carer pupils pupil
children child students student everyone everybody anyone someone nobody friday's
)";

constexpr std::string_view kRoleConnectors = "the our your their a an school's schools school new named called is was";

const WordSet& forenames() {
    static const WordSet set = make_set(kForenames);
    return set;
}
const WordSet& strong_common() {
    static const WordSet set = make_set(kStrongCommonWords);
    return set;
}
const WordSet& weak_common() {
    static const WordSet set = make_set(kWeakCommonWords);
    return set;
}

}  // namespace

bool is_forename(std::string_view w) { return forenames().count(w) > 0; }
bool is_strong_common_word(std::string_view w) { return strong_common().count(w) > 0; }
bool is_common_word_name(std::string_view w) { return strong_common().count(w) > 0 || weak_common().count(w) > 0; }

bool is_organisation_word(std::string_view w) {
    static const WordSet set = make_set(kOrganisationWords);
    return set.count(w) > 0;
}
bool is_role_word(std::string_view w) {
    static const WordSet set = make_set(kRoleWords);
    return set.count(w) > 0;
}
bool is_kinship_word(std::string_view w) {
    static const WordSet set = make_set(kKinshipWords);
    return set.count(w) > 0;
}
bool is_personal_title(std::string_view w) {
    static const WordSet set = make_set(kPersonalTitles);
    return set.count(w) > 0;
}
bool is_professional_title(std::string_view w) {
    static const WordSet set = make_set(kProfessionalTitles);
    return set.count(w) > 0;
}
bool is_not_a_surname(std::string_view w) {
    static const WordSet set = make_set(kNotASurname);
    return set.count(w) > 0;
}
bool is_role_connector(std::string_view w) {
    static const WordSet set = make_set(kRoleConnectors);
    return set.count(w) > 0;
}

}  // namespace chaperone::pii::lexicon
