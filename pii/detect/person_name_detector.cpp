// person_name: names of pupils and their families, from the roster and from the way names
// are written, and never the correspondents, staff or professionals in their role.
//
// Three passes over the word tokens of each segment of text:
// 1. Roster names (name_matcher.h): pupils' and contacts' full names in all their written
//    forms. A staff name is claimed and dropped; so is a correspondent's.
// 2. Names written as names: a title and surname ("Mrs Bennett", "Mr and Mrs Okafor"), a
//    label ("Child's name: Jack Hill"), a kinship word ("her brother Jack"), a known
//    forename and a capitalised surname ("Jack Hill"), and forename lists ending in one
//    ("Tom, Ella and Jack Hill"). Professionals named in their role ("the social worker,
//    Ms Reed", "Dr Patel at the surgery", "PC Davies") are claimed and dropped.
// 3. A roster pupil's forename standing alone ("Oliver was upset"), when capitalised and
//    not a common word ("Will you", "in May", "Grace"); names that are also words ("Poppy",
//    "Holly") only with a sign of a person after them ("Poppy has", "Holly's").
// Everywhere: the greeting's names and the sender's own signature block are not findings.
#include <algorithm>
#include <iterator>
#include <optional>
#include <set>

#include "pii/detect/detector.h"
#include "pii/detect/identifier_context.h"
#include "pii/detect/name_lexicon.h"
#include "pii/roster/text_fold.h"

namespace chaperone::pii {
namespace {

// Names are matched segment by segment so token memory stays bounded on huge texts.
constexpr std::size_t kSegmentBytes = 1 << 20;
// Longest run of capitalised words taken as one name after a title or label.
constexpr std::size_t kMaxNameWords = 3;
// Tokens looked at before / after a name for a role ("the school nurse, Mrs Hale").
constexpr std::size_t kRoleWindowBefore = 4;
constexpr std::size_t kRoleWindowAfter = 6;
// Names in a forename list before "and" ("Tom, Ella and Jack Hill").
constexpr std::size_t kMaxListNames = 6;
// Table column headers under which cells hold people's names.
const std::initializer_list<std::string_view> kNameColumnWords = {
    "name", "names", "forename", "first name", "surname", "last name", "family name", "pupil", "child", "student",
    "learner", "legal surname", "preferred name"};

bool is_person_verb(std::string_view w) {
    static const std::set<std::string_view> kVerbs = {
        "has", "had", "is", "was", "will", "would", "can", "could", "did", "does", "said", "says", "told", "seems",
        "seemed", "feels", "felt", "went", "got", "gets", "needs", "needed", "wants", "wanted", "loves", "loved",
        "enjoyed", "enjoys", "worked", "works", "made", "makes", "showed", "shows", "tried", "tries", "struggled",
        "struggles", "asked", "came", "comes", "forgot", "brought", "scored", "won", "played", "plays", "read",
        "wrote", "completed", "finished", "joined", "left", "arrived", "missed", "hurt", "fell", "cried", "likes",
        "liked", "settled", "behaved", "spoke", "isn", "wasn", "doesn", "didn", "hasn", "hadn", "won't", "and"};
    return kVerbs.count(w) > 0;
}

// Per-thread working memory, reused from scan to scan (a milter thread scans message after
// message; allocating token arrays afresh each time cost more than tokenizing).
struct ScanBuffers {
    TokenizedText tokens;
    std::vector<std::int32_t> ids;
    std::vector<std::uint8_t> claimed;  // bytes, not vector<bool>: read for nearly every token
    std::vector<std::uint32_t> flags;
    // A huge text leaves huge buffers behind; give the memory back after it.
    void trim() {
        constexpr std::size_t kKeepTokens = 1 << 16;
        if (tokens.tokens.capacity() > kKeepTokens) *this = ScanBuffers{};
    }
};

class SegmentScan {
public:
    SegmentScan(const DetectorInput& in, std::size_t base, std::string_view segment, ScanBuffers& buffers)
        : in_(in),
          base_(base),
          toks_(buffers.tokens),
          ids_(buffers.ids),
          claimed_(buffers.claimed),
          flags_(buffers.flags) {
        tokenize_names(segment, toks_);
        n_ = toks_.tokens.size();
        ids_.resize(n_);
        flags_.resize(n_);
        claimed_.assign(n_, 0);
        // One lookup per word: whose name it is and which lists it is on.
        for (std::size_t i = 0; i < n_; ++i) {
            if (tok(i).flags & NameToken::kAllDigits) {
                ids_[i] = TokenTable::kAbsent, flags_[i] = 0;
            } else if (in.words) {
                const WordIndex::Entry e = in.words->find(fold(i), tok(i).hash);
                ids_[i] = in.roster ? e.roster_id : TokenTable::kAbsent;
                flags_[i] = e.flags;
            } else {
                ids_[i] = in.roster ? in.roster->names().table().find(fold(i), tok(i).hash) : TokenTable::kAbsent;
                flags_[i] = lexicon::flags_of(fold(i), tok(i).hash);
            }
        }
    }

    void run(std::vector<Finding>& out) {
        std::vector<NameMatch> forenames;
        if (in_.roster) roster_pass(out, forenames);
        heuristic_pass(out);
        forename_pass(forenames, out);
    }

private:
    const NameToken& tok(std::size_t i) const { return toks_.tokens[i]; }
    bool has(std::size_t i, std::uint32_t flag) const { return (flags_[i] & flag) != 0; }
    std::string_view fold(std::size_t i) const { return toks_.folded_of(toks_.tokens[i]); }
    std::size_t abs_start(std::size_t i) const { return base_ + tok(i).start; }
    std::size_t abs_end(std::size_t i) const { return base_ + tok(i).end; }
    bool capital(std::size_t i) const { return tok(i).capitalised() || tok(i).all_upper(); }
    bool forward(std::size_t i) const { return tok(i).gap == Gap::space || tok(i).gap == Gap::newline; }
    void claim(std::size_t first, std::size_t last) {
        for (std::size_t k = first; k <= last && k < n_; ++k) claimed_[k] = 1;
    }
    bool any_claimed(std::size_t first, std::size_t last) const {
        for (std::size_t k = first; k <= last && k < n_; ++k) {
            if (claimed_[k]) return true;
        }
        return false;
    }
    // Greeting names and the sender's own signature are the correspondents'.
    bool in_correspondent_region(std::size_t first, std::size_t last) const {
        if (regions().in_greeting(abs_start(first), abs_end(last))) return true;
        const SignatureBlock* sig = regions().signature_at(abs_start(first));
        return sig && sig->outer;
    }
    // Folded words from first to last joined by single spaces ("o neill", "van der berg").
    std::string joined(std::size_t first, std::size_t last) const {
        std::string s;
        for (std::size_t k = first; k <= last; ++k) {
            if (k > first) s.push_back(' ');
            s += fold(k);
        }
        return s;
    }
    bool is_initial(std::size_t i) const { return i < n_ && fold(i).size() == 1 && tok(i).capitalised(); }
    bool is_known_forename(std::size_t i) const {
        return has(i, lexicon::kForename) || (in_.roster && in_.roster->is_roster_forename_token(ids_[i]));
    }
    // A capitalised word that can be a surname after a forename or title.
    bool surname_like(std::size_t i) const {
        if (i >= n_ || !capital(i) || tok(i).has_digit()) return false;
        return tok(i).fold_len >= 2 && !has(i, lexicon::kNotASurname | lexicon::kPersonalTitle | lexicon::kProfessionalTitle) &&
               (!has(i, lexicon::kOrganisation) || has(i, lexicon::kCommonSurname));
    }
    // A surname may start with a one-letter word before an apostrophe: "O'Neill", "D'Souza".
    bool starts_name(std::size_t i) const {
        if (surname_like(i)) return true;
        return i + 1 < n_ && capital(i) && fold(i).size() == 1 && tok(i + 1).gap == Gap::apostrophe && capital(i + 1);
    }
    // The words of a name continue through hyphens and apostrophes ("Smith-Jones", "O'Neill").
    std::size_t extend_compound(std::size_t last) const {
        while (last + 1 < n_ && (tok(last + 1).gap == Gap::hyphen || tok(last + 1).gap == Gap::apostrophe) &&
               capital(last + 1)) {
            ++last;
        }
        return last;
    }
    std::size_t compound_start(std::size_t last) const {
        std::size_t first = last;
        while (first > 0 && (tok(first).gap == Gap::hyphen || tok(first).gap == Gap::apostrophe)) --first;
        return first;
    }

    bool role_context(std::size_t first, std::size_t last) const {
        // Before: "the social worker, Ms Reed", "Headteacher Mrs Smith".
        for (std::size_t k = first, steps = 0; k > 0 && steps < kRoleWindowBefore; --k, ++steps) {
            const Gap g = tok(k).gap;
            if (g == Gap::period || g == Gap::paragraph) break;
            if (has(k - 1, lexicon::kRole)) return true;
            if (!has(k - 1, lexicon::kRoleConnector) && g != Gap::comma) break;
        }
        // After: "Mrs Hale, the school nurse", "Dr Patel at the surgery", "Ms Reed (social worker)".
        const std::size_t j = last + 1;
        if (j >= n_) return false;
        const std::string_view next = fold(j);
        const bool appositive = tok(j).gap == Gap::comma || tok(j).gap == Gap::other || next == "from" ||
                                next == "at" || next == "of" || next == "the" || next == "our" || next == "your" ||
                                next == "who" || next == "is" || next == "a" || next == "an" || next == "with";
        if (!appositive) return false;
        for (std::size_t k = j; k < n_ && k < j + kRoleWindowAfter; ++k) {
            if (k > j && (tok(k).gap == Gap::period || tok(k).gap == Gap::paragraph)) break;
            if (has(k, lexicon::kPersonalTitle)) break;  // the next person
            if (has(k, lexicon::kRole)) return true;
        }
        return false;
    }

    // Inside an email address or a web address: the words there are not names in prose.
    bool in_address_word(std::size_t first, std::size_t last) const {
        const std::string_view text = in_.text();
        std::size_t s = abs_start(first), e = abs_end(last);
        auto space = [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '<' || c == '>' || c == '(' || c == ')'; };
        while (s > 0 && !space(text[s - 1])) --s;
        while (e < text.size() && !space(text[e])) ++e;
        const std::string_view word = text.substr(s, e - s);
        return word.find('@') != std::string_view::npos || word.find("://") != std::string_view::npos ||
               word.substr(0, 4) == "www.";
    }

    void emit(std::vector<Finding>& out, std::size_t first, std::size_t last, double confidence, std::string reason,
              Subject subject = Subject::unknown, std::vector<std::string> upns = {}) {
        if (in_address_word(first, last)) return claim(first, last);
        Finding f = make_finding(in_, PiiKind::person_name, abs_start(first), abs_end(last), confidence, std::move(reason));
        f.subject = subject;
        f.pupil_upns = std::move(upns);
        out.push_back(std::move(f));
        claim(first, last);
    }

    // --- pass 1: roster full names ------------------------------------------------------
    void roster_pass(std::vector<Finding>& out, std::vector<NameMatch>& forenames) {
        const NameMatcher& names = in_.roster->names();
        for (std::size_t i = 0; i < n_; ++i) {
            NameMatch m;
            if (ids_[i] < 0 || !names.match_at(toks_, ids_, i, m)) continue;
            if (m.form == NameForm::forename_only) {
                forenames.push_back(m);
                continue;
            }
            handle_full_match(m, out);
            i = m.last;
        }
    }

    void handle_full_match(const NameMatch& m, std::vector<Finding>& out) {
        const bool staff = std::any_of(m.entities.begin(), m.entities.end(),
                                       [](const NameEntity& e) { return e.kind == EntityKind::staff; });
        if (staff) return claim(m.first, m.last);
        bool any_capital = false, any_word = false;
        for (std::size_t k = m.first; k <= m.last; ++k) {
            any_capital |= capital(k);
            any_word |= has(k, lexicon::kStrongCommon | lexicon::kWeakCommon | lexicon::kNotASurname);
        }
        if (!any_capital && any_word) return;  // "will brown" in running text
        // The correspondent's own name (a parent written to by name) is not a finding.
        for (const NameEntity& e : m.entities) {
            const RosterIndex::FoldedName& name = in_.roster->folded_name(e);
            if (who().has_full_name(name.forename, name.surname)) return claim(m.first, m.last);
        }
        if (in_correspondent_region(m.first, m.last)) return claim(m.first, m.last);
        const bool pupil = std::any_of(m.entities.begin(), m.entities.end(),
                                       [](const NameEntity& e) { return e.kind == EntityKind::pupil; });
        const std::vector<std::uint32_t> ranks = in_.roster->upn_ranks_of(m.entities);
        for (const std::uint32_t r : ranks) {
            const auto at = std::lower_bound(full_name_upns_.begin(), full_name_upns_.end(), r);
            if (at == full_name_upns_.end() || *at != r) full_name_upns_.insert(at, r);
        }
        emit(out, m.first, m.last, 0.95, pupil ? "roster pupil name" : "roster contact name",
             pupil ? Subject::pupil : Subject::contact, in_.roster->upns_at(ranks));
    }

    // --- pass 2: names written as names -------------------------------------------------
    void heuristic_pass(std::vector<Finding>& out) {
        for (std::size_t i = 0; i < n_; ++i) {
            if (claimed_[i]) continue;
            if (!capital(i) && !has(i, lexicon::kKinship | lexicon::kThe | lexicon::kNameLabel)) continue;  // fast path
            if (has(i, lexicon::kPersonalTitle) && capital(i)) {
                title_rule(i, out);
            } else if (has(i, lexicon::kProfessionalTitle) && capital(i) && i + 1 < n_ && surname_like(i + 1) &&
                       forward_or_period(i + 1)) {
                claim(i, extend_compound(i + 1));  // "PC Davies", "Cllr Ahmed": in their role
            } else if (has(i, lexicon::kThe)) {
                family_rule(i + 1, true, out);
            } else if (capital(i) && !has(i, lexicon::kNotASurname) && extend_compound(i) + 1 < n_ &&
                       has(extend_compound(i) + 1, lexicon::kFamilyNoun)) {
                family_rule(i, false, out);
            } else if (has(i, lexicon::kNameLabel)) {
                label_rule(i, out);
            } else if (has(i, lexicon::kKinship)) {
                kinship_rule(i, out);
            } else if (capital(i) && (is_known_forename(i) || has(i, lexicon::kWordForename)) && !has(i, lexicon::kCalendar)) {
                forename_surname_rule(i, out);
            }
        }
    }

    bool forward_or_period(std::size_t i) const { return forward(i) || tok(i).gap == Gap::period; }

    // "Mrs Bennett", "Mr. J. Okafor", "Mrs Sarah Bennett", "Mr and Mrs Bennett", "Mr & Mrs Bennett".
    void title_rule(std::size_t i, std::vector<Finding>& out) {
        std::size_t title = i;
        if (title + 2 < n_ && fold(title + 1) == "and" && has(title + 2, lexicon::kPersonalTitle)) {
            title += 2;
        } else if (title + 1 < n_ && tok(title + 1).gap == Gap::other && has(title + 1, lexicon::kPersonalTitle)) {
            title += 1;  // "&" is not a word: the two titles sit either side of it
        }
        std::size_t j = title + 1;
        if (j >= n_ || claimed_[j] || !forward_or_period(j) || !(starts_name(j) || is_initial(j))) return;
        // Forename or initial, then the surname; or the surname alone.
        std::size_t last = extend_compound(j);
        std::size_t surname_first = j;
        const bool first_is_given = (is_initial(j) && last == j) || is_known_forename(j);
        if (first_is_given && last + 1 < n_ && forward_or_period(last + 1) && starts_name(last + 1) &&
            !claimed_[last + 1]) {
            surname_first = last + 1;
            last = extend_compound(last + 1);
        } else if (is_initial(j) && last == j) {
            return;  // "Mr J." with no surname
        }
        const std::string surname = joined(surname_first, last);
        const std::string_view title_word = fold(title);
        const TitleSex sex = sex_of_title(title == i ? title_word : std::string_view{});
        if (in_correspondent_region(i, last) || who().has_surname(surname, sex) || role_context(i, last)) return claim(i, last);
        // A doctor or professor in school mail is a professional (the GP, the paediatrician,
        // the educational psychologist) unless the roster says a parent carries the title.
        if ((title_word == "dr" || title_word == "prof") && !roster_contact_titled(surname, title_word)) return claim(i, last);
        if (surname_first != j && who().has_full_name(fold(j), surname)) return claim(i, last);
        if (in_.roster && in_.roster->is_staff_surname(surname)) return claim(i, last);

        double confidence = 0.7;
        std::vector<std::string> upns;
        Subject subject = Subject::unknown;
        if (in_.roster) {
            std::vector<NameEntity> who;
            for (const std::uint32_t c : in_.roster->contacts_with_surname(surname)) {
                const TitleSex cs = in_.roster->contact_sex(c);
                if (sex == TitleSex::unknown || cs == TitleSex::unknown || cs == sex) who.push_back({EntityKind::contact, c});
            }
            if (who.empty()) {
                for (const std::uint32_t p : in_.roster->pupils_with_surname(surname)) who.push_back({EntityKind::pupil, p});
            }
            if (!who.empty()) {
                confidence = 0.85;
                subject = Subject::contact;
                upns = in_.roster->upns_of(who);
                if (upns.size() > kMaxListNames) upns.clear();  // a surname too common here to say whose
            }
        }
        emit(out, i, last, confidence, upns.empty() && subject == Subject::unknown ? "title and surname" : "title and roster surname",
             subject, std::move(upns));
    }

    bool roster_contact_titled(const std::string& surname, std::string_view title) const {
        if (!in_.roster) return false;
        for (const std::uint32_t c : in_.roster->contacts_with_surname(surname)) {
            if (in_.roster->contact_name(c).title == title) return true;
        }
        return false;
    }

    // "the Okafor family", "the O'Neill twins": a family named by its surname.
    // `j` is the surname's first word; `after_the` when "the" stands before it. Without "the"
    // ("Popescu family" in a subject line) only a roster surname counts.
    void family_rule(std::size_t j, bool after_the, std::vector<Finding>& out) {
        if (j >= n_ || claimed_[j] || !starts_name(j) || (after_the && !forward(j))) return;
        const std::size_t last = extend_compound(j);
        if (last + 1 >= n_ || !forward(last + 1)) return;
        if (!has(last + 1, lexicon::kFamilyNoun)) return;
        const std::string surname = joined(j, last);
        if (!after_the && !(in_.roster && (!in_.roster->pupils_with_surname(surname).empty() ||
                                           !in_.roster->contacts_with_surname(surname).empty()))) {
            return;
        }
        if (in_correspondent_region(j, last) || who().has_surname(surname)) return claim(j, last);
        if (in_.roster && in_.roster->is_staff_surname(surname)) return claim(j, last);
        std::vector<NameEntity> who;
        if (in_.roster) {
            for (const std::uint32_t p : in_.roster->pupils_with_surname(surname)) who.push_back({EntityKind::pupil, p});
        }
        std::vector<std::string> upns = who.empty() ? std::vector<std::string>{} : in_.roster->upns_of(who);
        if (upns.size() > kMaxListNames) upns.clear();
        emit(out, j, last, who.empty() ? 0.7 : 0.8, "family surname", who.empty() ? Subject::unknown : Subject::pupil,
             std::move(upns));
    }

    // "Name: Jack Hill", "Child's name: Jack", "Pupil - Amy Fox".
    void label_rule(std::size_t i, std::vector<Finding>& out) {
        const std::size_t j = i + 1;
        if (j >= n_ || claimed_[j]) return;
        const std::string_view between = in_.text().substr(abs_end(i), abs_start(j) - abs_end(i));
        if (between.find(':') == std::string_view::npos || between.find('\n') != std::string_view::npos) return;
        if (!surname_like(j) && !is_known_forename(j)) return;
        std::size_t last = extend_compound(j);
        for (std::size_t words = 1; words < kMaxNameWords && last + 1 < n_ && forward(last + 1) && tok(last + 1).gap != Gap::newline &&
                                    surname_like(last + 1) && !claimed_[last + 1];
             ++words) {
            last = extend_compound(last + 1);
        }
        if (in_correspondent_region(j, last) || is_correspondent_name(j, last)) return claim(j, last);
        emit(out, j, last, 0.75, "name after a name label");
    }

    // "her brother Jack", "my son, Oliver Smith", "his sister Lily".
    void kinship_rule(std::size_t i, std::vector<Finding>& out) {
        std::size_t j = i + 1;
        if (j < n_ && (fold(j) == "called" || fold(j) == "named")) ++j;
        if (j >= n_ || claimed_[j] || !capital(j)) return;
        if (!(forward(j) || tok(j).gap == Gap::comma)) return;
        if (crosses_cell(i, j + 1 < n_ ? j + 1 : j)) return;  // "Parent/carer<TAB>Phone<TAB>Balance": a header row
        // A known forename, or two capitalised words that can be a name ("aunt, Leyla Osman").
        if (!is_known_forename(j)) {
            const std::size_t k = extend_compound(j) + 1;
            if (!surname_like(j) || k >= n_ || !forward(k) || !surname_like(k) || next_is_organisation(k)) return;
        }
        if (has(j, lexicon::kNotASurname) && !has(j, lexicon::kStrongCommon | lexicon::kWeakCommon)) return;  // "Mother's Day"
        std::size_t last = extend_compound(j);
        if (last + 1 < n_ && forward(last + 1) && surname_like(last + 1) && !claimed_[last + 1] &&
            !next_is_organisation(last + 1)) {
            last = extend_compound(last + 1);
        }
        if (next_is_organisation(last)) return;
        if (in_correspondent_region(j, last) || is_correspondent_name(j, last) || staff_name(j, last)) return claim(j, last);
        emit(out, j, last, 0.7, "name after a family word");
    }

    // "Jack Hill", "Amelia Jane Hill", and a list before it: "Tom, Ella and Jack Hill".
    void forename_surname_rule(std::size_t i, std::vector<Finding>& out) {
        std::size_t j = extend_compound(i) + 1;
        if (j >= n_ || claimed_[j] || !forward(j) || !surname_like(j)) return;
        if (tok(i).all_upper() != tok(j).all_upper() && tok(i).all_upper()) return;  // "PLEASE Note" shouting
        std::size_t last = extend_compound(j);
        // One middle name: "Amelia Jane Hill".
        if (is_known_forename(j) && last + 1 < n_ && forward(last + 1) && surname_like(last + 1) && !claimed_[last + 1] &&
            !next_is_organisation(last + 1)) {
            last = extend_compound(last + 1);
        }
        if (next_is_organisation(last)) return;  // "Grace Darling Academy", "Victoria Park Road"
        // "St George", "the Albert Hall": a saint's or a place's name, not a person's.
        if (i > 0 && forward(i) && has(i - 1, lexicon::kSaint | lexicon::kThe)) return;
        if (in_correspondent_region(i, last) || is_correspondent_name(i, last) || staff_name(i, last) ||
            role_context(i, last) || lexicon::is_public_figure(joined(i, last)) || is_credited_creator(i)) {
            return claim(i, last);
        }
        const std::string surname = joined(compound_start(last), last);
        const bool roster_surname = in_.roster && (!in_.roster->pupils_with_surname(surname).empty() ||
                                                   !in_.roster->contacts_with_surname(surname).empty());
        // Across a table cell boundary ("Hazel<TAB>Individual") only when the columns hold names.
        const std::string_view between = in_.text().substr(abs_end(i), abs_start(j) - abs_end(i));
        if (between.find('\t') != std::string_view::npos && !roster_surname &&
            !column_header_has(in_.text(), abs_start(i), kNameColumnWords)) {
            return;
        }
        list_before(i, out);
        // "Hope Adeyemi" is a name, but "Hope" and "Will" open sentences too: a little less sure.
        const double confidence = roster_surname ? 0.7 : has(i, lexicon::kStrongCommon) ? 0.55 : 0.6;
        emit(out, i, last, confidence, "forename and surname");
    }

    // Forenames listed before "and" (or "&") in front of a forename-surname name.
    void list_before(std::size_t i, std::vector<Finding>& out) {
        std::size_t k = i;
        if (k >= 2 && fold(k - 1) == "and") {
            k -= 2;
        } else if (k >= 1 && tok(k).gap == Gap::other) {
            k -= 1;  // "Tom & Jack Hill"
        } else {
            return;
        }
        for (std::size_t names = 0; names < kMaxListNames; ++names) {
            if (claimed_[k] || !capital(k) || !is_known_forename(k) || has(k, lexicon::kStrongCommon)) return;
            if (in_correspondent_region(k, k) || who().has_forename(fold(k))) return claim(k, k);
            emit(out, k, k, 0.6, "forename in a list of names");
            if (k == 0 || tok(k).gap != Gap::comma) return;
            --k;
        }
    }

    // A tab between tokens first..last: they sit in different cells of a table row.
    bool crosses_cell(std::size_t first, std::size_t last) const {
        if (last <= first) return false;
        const std::string_view span = in_.text().substr(abs_end(first), abs_start(last) - abs_end(first));
        return span.find('\t') != std::string_view::npos;
    }

    // "by Julia Donaldson" after a title in quotes, "written by ...": an author, not a pupil.
    bool is_credited_creator(std::size_t i) const {
        if (i == 0 || fold(i - 1) != "by") return false;
        const std::size_t by = i - 1;
        const std::size_t from = abs_start(by) >= 4 ? abs_start(by) - 4 : 0;
        const std::string_view before = in_.text().substr(from, abs_start(by) - from);
        if (before.find('"') != std::string_view::npos || before.find("\xE2\x80\x9D") != std::string_view::npos ||
            before.find('\'') != std::string_view::npos || before.find("\xE2\x80\x99") != std::string_view::npos) {
            return true;
        }
        if (by == 0) return false;
        static const std::set<std::string_view> kCreative = {"written", "illustrated", "composed", "painted", "directed",
                                                             "created", "designed", "poem", "book", "story", "novel",
                                                             "song", "film", "play", "sculpted", "drawn", "photographed"};
        return kCreative.count(fold(by - 1)) > 0;
    }

    bool next_is_organisation(std::size_t last) const {
        return last + 1 < n_ && forward(last + 1) && has(last + 1, lexicon::kOrganisation);
    }
    bool is_correspondent_name(std::size_t first, std::size_t last) const {
        const std::string forename(fold(first));
        if (first == compound_start(last) || last == extend_compound(first)) return who().has_forename(forename);
        const std::string surname = joined(compound_start(last), last);
        return who().has_full_name(forename, surname) || (who().has_forename(forename) && who().has_surname(surname));
    }
    bool staff_name(std::size_t first, std::size_t last) const {
        if (!in_.roster || first == last) return false;
        return in_.roster->is_staff_surname(joined(compound_start(last), last)) &&
               !in_.roster->pupils_with_surname(joined(compound_start(last), last)).size();
    }

    // --- pass 3: a roster pupil's forename alone ----------------------------------------
    void forename_pass(const std::vector<NameMatch>& matches, std::vector<Finding>& out) {
        for (const NameMatch& m : matches) {
            if (any_claimed(m.first, m.last) || !capital(m.first)) continue;
            const std::string folded = joined(m.first, m.last);
            if (lexicon::is_strong_common_word(folded) || lexicon::is_not_a_surname(folded)) continue;
            const std::size_t next = m.last + 1;
            const bool possessive = next < n_ && tok(next).gap == Gap::apostrophe && fold(next) == "s";
            if (lexicon::is_common_word_name(folded) && !possessive &&
                !(next < n_ && tok(next).gap == Gap::space && is_person_verb(fold(next)))) {
                continue;  // "a holly wreath", "Poppy Appeal"
            }
            if (next < n_ && forward(next) && (surname_like(next) || has(next, lexicon::kOrganisation))) continue;
            if (m.first > 0 && (has(m.first - 1, lexicon::kPersonalTitle | lexicon::kProfessionalTitle) ||
                                has(m.first - 1, lexicon::kSaint))) {
                continue;
            }
            if (in_correspondent_region(m.first, m.last) || who().has_forename(folded)) {
                claim(m.first, m.last);
                continue;
            }
            const bool weak = lexicon::is_common_word_name(folded);
            emit(out, m.first, m.last, weak ? 0.65 : 0.75, "roster pupil forename", Subject::pupil, narrow(m.entities));
        }
    }

    // Which of the pupils with this forename is meant: a recipient's child if one is, else
    // one named in full in this text, else all of them.
    // UPNs are compared as their ranks in the roster's sorted list (RosterIndex::upn_rank):
    // integers, and strings only for the finding.
    std::vector<std::string> narrow(std::span<const NameEntity> entities) {
        const std::vector<std::uint32_t> all = in_.roster->upn_ranks_of(entities);
        const std::vector<std::uint32_t>& named_in_full = full_name_upns_;
        for (const std::vector<std::uint32_t>* prefer : {&recipients_children(), &named_in_full}) {
            if (prefer->empty()) continue;
            std::vector<std::uint32_t> picked;
            std::set_intersection(all.begin(), all.end(), prefer->begin(), prefer->end(), std::back_inserter(picked));
            if (!picked.empty()) return in_.roster->upns_at(picked);
        }
        return in_.roster->upns_at(all);
    }

    // The recipients' children (UPN ranks, sorted), worked out at the first forename that
    // needs them.
    const std::vector<std::uint32_t>& recipients_children() {
        if (!recipients_children_) {
            recipients_children_.emplace();
            for (const Correspondent& r : in_.context.recipients) {
                for (const auto& u : in_.roster->children_of_contact_email(r.address)) {
                    if (const auto rank = in_.roster->upn_rank(u)) recipients_children_->push_back(*rank);
                }
            }
            std::sort(recipients_children_->begin(), recipients_children_->end());
            recipients_children_->erase(std::unique(recipients_children_->begin(), recipients_children_->end()),
                                        recipients_children_->end());
        }
        return *recipients_children_;
    }

    const DetectorInput& in_;
    std::size_t base_;
    std::optional<std::vector<std::uint32_t>> recipients_children_;
    // Greetings, signatures and correspondents are worked out only once a candidate name
    // needs them: most texts of plain prose never do.
    const MessageRegions& regions() const { return in_.analysis.regions(); }
    const CorrespondentNames& who() const { return in_.analysis.correspondents(); }
    TokenizedText& toks_;
    std::vector<std::int32_t>& ids_;
    std::vector<std::uint8_t>& claimed_;
    std::vector<std::uint32_t>& flags_;  // lexicon flags of each token
    std::size_t n_ = 0;
    std::vector<std::uint32_t> full_name_upns_;  // ranks of pupils named in full so far, sorted
};

class PersonNameDetector final : public Detector {
public:
    PiiKind kind() const override { return PiiKind::person_name; }

    void detect(const DetectorInput& in, std::vector<Finding>& out) const override {
        const std::string_view text = in.text();
        std::size_t start = 0;
        while (start < text.size()) {
            std::size_t end = std::min(text.size(), start + kSegmentBytes);
            if (end < text.size()) {
                // Cut at a line break (or at least a space) so no name is split.
                const std::size_t nl = text.rfind('\n', end);
                const std::size_t sp = text.rfind(' ', end);
                if (nl != std::string_view::npos && nl > start) {
                    end = nl + 1;
                } else if (sp != std::string_view::npos && sp > start) {
                    end = sp + 1;
                }
            }
            thread_local ScanBuffers buffers;
            SegmentScan scan(in, start, text.substr(start, end - start), buffers);
            scan.run(out);
            buffers.trim();
            start = end;
        }
    }
};

}  // namespace

std::unique_ptr<Detector> make_person_name_detector() { return std::make_unique<PersonNameDetector>(); }

}  // namespace chaperone::pii
