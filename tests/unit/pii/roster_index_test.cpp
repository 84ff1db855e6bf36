// Roster index: folding, tokens, the name matcher's variants, lookups and relationships.
#include <catch2/catch.hpp>

#include "detect_test_support.h"
#include "pii/roster/name_tokens.h"
#include "pii/roster/person_name_parts.h"
#include "pii/roster/roster_index.h"
#include "pii/roster/text_fold.h"

using namespace chaperone::pii;
using chaperone::pii::test::sample_index;

TEST_CASE("fold_text folds case, diacritics and separators", "[roster][fold]") {
    CHECK(fold_text("  Anne-Marie  DUPRÉ ") == "anne marie dupre");
    CHECK(fold_text("Zoë Ćwikła") == "zoe cwikla");
    CHECK(fold_text("Søren Æbelø") == "soren aebelo");
    CHECK(fold_text("Straße") == "strasse");
    CHECK(fold_text("O’Neill") == "o neill");
    CHECK(fold_text("Dupre\xCC\x81") == "dupre");  // decomposed é (e + combining acute)
    CHECK(fold_text("\xFF\xFE broken") == "broken");  // invalid UTF-8 never stops folding
    CHECK(fold_text("Ωmega Дмитрий") == "Ωmega Дмитрий");  // other scripts kept as they are
}

TEST_CASE("tokenize_names records offsets, capitals and separators", "[roster][tokens]") {
    TokenizedText t;
    const std::string text = "Dear Mrs O’Neill,\nANNE-MARIE Dupré's bag";
    tokenize_names(text, t);
    REQUIRE(t.tokens.size() == 9);
    std::vector<std::string> words;
    for (const auto& tok : t.tokens) words.emplace_back(t.folded_of(tok));
    CHECK(words == std::vector<std::string>{"dear", "mrs", "o", "neill", "anne", "marie", "dupre", "s", "bag"});
    CHECK(t.tokens[3].gap == Gap::apostrophe);
    CHECK(t.tokens[4].gap == Gap::comma);  // ",\n"
    CHECK(t.tokens[5].gap == Gap::hyphen);
    CHECK(t.tokens[4].all_upper());
    CHECK(t.tokens[6].capitalised());
    CHECK(text.substr(t.tokens[6].start, t.tokens[6].end - t.tokens[6].start) == "Dupré");
    CHECK(t.tokens[7].gap == Gap::apostrophe);
    CHECK_FALSE(t.tokens[8].capitalised());
}

TEST_CASE("tokenize_names swallows over-long runs", "[roster][tokens]") {
    TokenizedText t;
    tokenize_names(std::string(200, 'A') + "Oliver next", t);
    REQUIRE(t.tokens.size() == 2);
    CHECK(t.folded_of(t.tokens[1]) == "next");
}

TEST_CASE("parse_person_name splits titles, comma forms and particles", "[roster][names]") {
    auto p = parse_person_name("Mrs Sarah Jane Bennett");
    CHECK(p.title == "mrs");
    CHECK(p.forename == "Sarah");
    CHECK(p.middle == "Jane");
    CHECK(p.surname == "Bennett");
    p = parse_person_name("Okafor, Chidi");
    CHECK(p.forename == "Chidi");
    CHECK(p.surname == "Okafor");
    p = parse_person_name("Anna van der Berg");
    CHECK(p.forename == "Anna");
    CHECK(p.surname == "van der Berg");
    p = parse_person_name("Mr. J. Smith");
    CHECK(p.forename == "J");
    CHECK(p.forename_is_initial);
    CHECK(p.surname == "Smith");
    p = parse_person_name("Mrs Smith");
    CHECK(p.forename.empty());
    CHECK(p.surname == "Smith");
    p = name_from_email_local_part("sarah.bennett");
    CHECK(p.forename == "sarah");
    CHECK(p.surname == "bennett");
    CHECK(name_from_email_local_part("office").empty());
    CHECK(name_from_email_local_part("j.bloggs").empty());
    CHECK(name_from_email_local_part("sarah.bennett2").empty());
}

namespace {

struct Match {
    std::string text;
    NameForm form;
};

std::vector<Match> all_matches(std::string_view text) {
    const auto index = sample_index();
    TokenizedText t;
    tokenize_names(text, t);
    std::vector<std::int32_t> ids;
    index->names().lookup(t, ids);
    std::vector<Match> out;
    for (std::size_t i = 0; i < t.tokens.size(); ++i) {
        NameMatch m;
        if (!index->names().match_at(t, ids, i, m)) continue;
        out.push_back({std::string(text.substr(t.tokens[m.first].start, t.tokens[m.last].end - t.tokens[m.first].start)), m.form});
        i = m.last;
    }
    return out;
}

}  // namespace

TEST_CASE("name matcher finds every written form of a roster name", "[roster][matcher]") {
    struct Row {
        const char* text;
        const char* expected;
        NameForm form;
    };
    const Row rows[] = {
        {"I spoke to Oliver Bennett today", "Oliver Bennett", NameForm::full},
        {"BENNETT, Oliver (Year 3)", "BENNETT, Oliver", NameForm::reversed},
        {"Bennett Oliver", "Bennett Oliver", NameForm::reversed},
        {"oliver bennett's coat", "oliver bennett", NameForm::full},
        {"Oliver   Bennett", "Oliver   Bennett", NameForm::full},
        {"Oliver\nBennett", "Oliver\nBennett", NameForm::full},
        {"Oliver James Bennett", "Oliver James Bennett", NameForm::full},
        {"Anne-Marie Dupré", "Anne-Marie Dupré", NameForm::full},
        {"Anne Marie Dupre", "Anne Marie Dupre", NameForm::full},
        {"ANNE-MARIE DUPRE", "ANNE-MARIE DUPRE", NameForm::full},
        {"Siobhan O'Neill", "Siobhan O'Neill", NameForm::full},
        {"Siobhan O’Neill", "Siobhan O’Neill", NameForm::full},
        {"Siobhan ONeill", "Siobhan ONeill", NameForm::full},
        {"Dupré, Hélène", "Dupré, Hélène", NameForm::reversed},
        {"Chidi Okafor", "Chidi Okafor", NameForm::full},
        {"Oliver,Bennett,2016-04-03", "Oliver,Bennett", NameForm::full},
        {"Bennett,Oliver,2016-04-03", "Bennett,Oliver", NameForm::reversed},
        {"Oliver was late", "Oliver", NameForm::forename_only},
    };
    for (const Row& row : rows) {
        INFO(row.text);
        const auto found = all_matches(row.text);
        REQUIRE(found.size() == 1);
        CHECK(found[0].text == row.expected);
        CHECK(found[0].form == row.form);
    }
}

TEST_CASE("name matcher does not join names across sentences or words", "[roster][matcher]") {
    const auto split = all_matches("Oliver. Bennett");  // the forename alone; "Bennett" alone is no one
    REQUIRE(split.size() == 1);
    CHECK(split[0].text == "Oliver");
    CHECK(all_matches("Olivers Bennett").empty());
    CHECK(all_matches("oliver.bennett@parents.example").size() == 1);  // only the forename token; the detector decides
    CHECK(all_matches("Bennett").empty());
}

TEST_CASE("roster lookups and relationships", "[roster][index]") {
    const auto index = sample_index();
    REQUIRE(index->pupil("b801200005001") != nullptr);
    CHECK(index->pupil("B801200005001")->forename == "Oliver");
    CHECK(index->pupil("A801200005001") == nullptr);
    CHECK(index->children_of_contact_email("Sarah.Bennett@Parents.Example") == std::vector<std::string>{"B801200005001"});
    CHECK(index->contacts_by_email("d.bennett@parents.example").size() == 1);
    CHECK(index->is_contact_email("chidi.okafor@parents.example"));
    CHECK_FALSE(index->is_contact_email("j.bloggs@school.example"));
    CHECK(index->is_staff_email("J.Bloggs@school.example"));
    CHECK_FALSE(index->is_staff_email("sarah.bennett@parents.example"));
    CHECK(index->pupils_born_on(2016, 4, 3).size() == 1);
    CHECK(index->pupils_born_on(2016, 4, 4).empty());
    CHECK(index->pupils_at_postcode("le4 6xt").size() == 1);
    CHECK(index->pupils_at_postcode("LE46XT").size() == 1);
    CHECK(index->contacts_with_phone("+44 7700 900123").size() == 1);
    CHECK(index->contacts_with_phone("07700900456").size() == 1);
    CHECK(index->is_staff_surname("bloggs"));
    CHECK(index->contact_sex(0) == TitleSex::female);  // "Mrs"
    CHECK(index->contact_sex(2) == TitleSex::male);    // Father
    CHECK(index->is_roster_forename("chidi"));
    const std::string text = "They live at 14 larch close, Leicester";
    const auto m = index->match_address_at(text, text.find("14"));
    REQUIRE(m.has_value());
    CHECK(text.substr(text.find("14"), m->end - text.find("14")) == "14 larch close, Leicester");  // with the roster town
    const std::string flat = "Flat 2,\n9 Station Street";
    REQUIRE(index->match_address_at(flat, 0).has_value());
    CHECK_FALSE(index->match_address_at("14 Larch Crescent", 0).has_value());
    // A non-breaking space between the first two words takes the tokenizer path.
    const std::string nbsp = "14\xC2\xA0Larch Close";
    const auto m2 = index->match_address_at(nbsp, 0);
    REQUIRE(m2.has_value());
    CHECK(m2->end == nbsp.size());
    CHECK_FALSE(index->match_address_at(" 14 Larch Close", 0).has_value());  // must start at a word
    CHECK_FALSE(index->match_address_at("14", 0).has_value());
    const std::vector<NameEntity> mum = {{EntityKind::contact, 0}};
    CHECK(index->upns_of(mum) == std::vector<std::string>{"B801200005001"});
}

TEST_CASE("roster of 2,000 pupils and 3,500 contacts builds and matches", "[roster][index][scale]") {
    Roster r;
    for (int i = 0; i < 2000; ++i) {
        r.pupils.push_back({"P" + std::to_string(i), "Forename" + std::to_string(i % 300), "Surname" + std::to_string(i),
                            "2015-01-01", "3", std::to_string(i) + " Test Road", "Town", "LE1 1AA"});
    }
    for (int i = 0; i < 3500; ++i) {
        r.contacts.push_back({"P" + std::to_string(i % 2000), "Parent" + std::to_string(i) + " Surname" + std::to_string(i % 2000),
                              "Mother", "p" + std::to_string(i) + "@x.example", ""});
    }
    const auto index = RosterIndex::build(r);
    CHECK(index->names().pattern_count() > 10000);
    TokenizedText t;
    tokenize_names("hello Forename7 Surname1807 and Parent42 Surname42", t);
    std::vector<std::int32_t> ids;
    index->names().lookup(t, ids);
    NameMatch m;
    REQUIRE(index->names().match_at(t, ids, 1, m));
    CHECK(m.last == 2);
    REQUIRE(index->names().match_at(t, ids, 4, m));
    CHECK(m.entities.size() == 1);
    CHECK(index->upns_of(m.entities) == std::vector<std::string>{"P42"});
}
