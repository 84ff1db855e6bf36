// The filing rule: one child, several children with some named, several with none named.
#include <catch2/catch.hpp>

#include "archive/casefile/filing_rule.h"
#include "archive_test_support.h"

using namespace chaperone;
using namespace chaperone::archive;

TEST_CASE("filing rule", "[filing]") {
    using B = FilingBasis;
    struct Case {
        const char* name;
        std::vector<ContactChildren> contacts;
        std::vector<std::string> named;
        std::vector<FiledPupil> expected;
    };
    const ContactChildren only{"claire@p.example", {"B1"}};
    const ContactChildren siblings{"sarah@p.example", {"Q2", "E3"}};
    const ContactChildren three{"priya@p.example", {"U4", "H5", "X6"}};
    const ContactChildren nobody{"stranger@p.example", {}};
    const Case cases[] = {
        {"only child", {only}, {}, {{"B1", B::only_child}}},
        {"only child, another pupil named", {only}, {"Q2"}, {{"B1", B::only_child}}},
        {"siblings, none named: all of them", {siblings}, {}, {{"E3", B::all_children}, {"Q2", B::all_children}}},
        {"siblings, one named", {siblings}, {"Q2"}, {{"Q2", B::named}}},
        {"three, two named", {three}, {"X6", "U4"}, {{"U4", B::named}, {"X6", B::named}}},
        {"three, only another family named", {three}, {"B1"},
         {{"H5", B::all_children}, {"U4", B::all_children}, {"X6", B::all_children}}},
        {"not a contact", {nobody}, {"B1"}, {}},
        {"two families in one message", {only, siblings}, {"E3"}, {{"B1", B::only_child}, {"E3", B::named}}},
        {"both parents, most specific basis wins", {siblings, ContactChildren{"james@p.example", {"Q2"}}}, {},
         {{"E3", B::all_children}, {"Q2", B::only_child}}},
    };
    for (const auto& c : cases) {
        INFO(c.name);
        CHECK(decide_filing(c.contacts, c.named) == c.expected);
    }
}

TEST_CASE("children_of reads the roster, case-insensitively", "[filing]") {
    pii::Roster roster = test::fixture_roster();
    auto children = children_of(roster, {"Sarah.Hartley@Parents.Example", "claire.dupre@parents.example", "x@y.example"});
    REQUIRE(children.size() == 3);
    CHECK(children[0].children == std::vector<std::string>{"Q801200005002", "E801200005003"});
    CHECK(children[1].children == std::vector<std::string>{"B801200005001"});
    CHECK(children[2].children.empty());
    auto filed = decide_filing(children, {"E801200005003"});
    CHECK(filed == std::vector<FiledPupil>{{"B801200005001", FilingBasis::only_child},
                                           {"E801200005003", FilingBasis::named}});
}
