// Greetings, sign-offs, signature blocks and quoted mail; correspondents' names.
#include <catch2/catch.hpp>

#include "detect_test_support.h"
#include "pii/detect/correspondents.h"
#include "pii/detect/message_regions.h"

using namespace chaperone::pii;
using namespace chaperone::pii::test;

namespace {

std::vector<std::string> greeted(std::string_view text) {
    std::vector<std::string> out;
    for (const ByteRange& g : find_message_regions(text).greetings) out.emplace_back(text.substr(g.start, g.end - g.start));
    return out;
}

}  // namespace

TEST_CASE("greetings name the greeted, not groups or pupils", "[detect][regions]") {
    CHECK(greeted("Dear Mrs Bennett,\nThanks.") == std::vector<std::string>{"Mrs Bennett"});
    CHECK(greeted("Hi Sarah and Tom,\n") == std::vector<std::string>{"Sarah and Tom"});
    CHECK(greeted("Dear Mr. Okafor:\n") == std::vector<std::string>{"Mr. Okafor"});
    CHECK(greeted("Good morning Ms Reed!\n") == std::vector<std::string>{"Ms Reed"});
    CHECK(greeted("Hi Sarah, Oliver had a great day.") == std::vector<std::string>{"Sarah"});
    CHECK(greeted("Dear Parents and Carers,\n").empty());
    CHECK(greeted("Dear Parent/Carer of Oliver Bennett,\n").empty());
    CHECK(greeted("Dear all,\n").empty());
    CHECK(greeted("Hello,\n").empty());
    CHECK(greeted("Morning sessions start at 9.").empty());  // not a greeting: no name after it
}

TEST_CASE("sign-offs open signature blocks; quoted mail is marked", "[detect][regions]") {
    const std::string text =
        "Hi,\nSee below.\n\nKind regards,\n\nJane Bloggs\nClass Teacher\nTel 0116 496 0720\n\nThis email is confidential.\n"
        "\nOn Mon, 3 Mar 2025 at 10:00, Kate Smith <kate.smith@parents.example> wrote:\n> Can Oliver leave early?\n> Thanks, Kate\n";
    const MessageRegions r = find_message_regions(text);
    REQUIRE(r.signatures.size() == 1);  // the quoted "Thanks, Kate" is inside quoted lines ('>'), not a sign-off line
    const SignatureBlock& sig = r.signatures[0];
    CHECK(text.substr(sig.range.start, sig.range.end - sig.range.start) == "Jane Bloggs\nClass Teacher\nTel 0116 496 0720");
    CHECK(sig.outer);
    CHECK(r.quoted_from == text.find("On Mon"));
    CHECK(r.signature_at(text.find("Class Teacher")) == &r.signatures[0]);
    CHECK(r.signature_at(text.find("confidential")) == nullptr);
}

TEST_CASE("a sign-off with the name on its line; prose that starts like one is not", "[detect][regions]") {
    const std::string text = "Thanks for your email about the trip.\nThanks, Sarah\n";
    const MessageRegions r = find_message_regions(text);
    REQUIRE(r.signatures.size() == 1);
    CHECK(text.substr(r.signatures[0].range.start, r.signatures[0].range.end - r.signatures[0].range.start) == "Sarah");
}

TEST_CASE("forwarded headers start quoted mail; its signatures are not the sender's", "[detect][regions]") {
    const std::string text =
        "FYI\n\n---------- Forwarded message ---------\nFrom: Kate Smith <kate.smith@parents.example>\nDate: Mon\n\n"
        "Hello,\nOliver is ill today.\nBest wishes,\nKate Smith\n07700 900555\n";
    const MessageRegions r = find_message_regions(text);
    CHECK(r.quoted_from == text.find("----------"));
    REQUIRE(r.signatures.size() == 1);
    CHECK_FALSE(r.signatures[0].outer);
}

TEST_CASE("correspondents come from the envelope, headers, roster and greeting", "[detect][correspondents]") {
    ScanContext c = teacher_to_parent();  // to Sarah Bennett (roster: Mrs, Mother), from Jane Bloggs (staff)
    c.recipients.push_back({"grandad.jones@mail.example", ""});
    const std::string text = "Dear Mr and Mrs Kowalski,\n";
    const CorrespondentNames names = find_correspondents(c, sample_index().get(), text, find_message_regions(text));
    CHECK(names.has_full_name("sarah", "bennett"));
    CHECK(names.has_surname("bennett", TitleSex::female));
    CHECK_FALSE(names.has_surname("bennett", TitleSex::male));  // the roster says the recipient is a mother
    CHECK(names.has_full_name("jane", "bloggs"));                // the sender, from staff.csv
    CHECK(names.has_surname("jones"));                           // "grandad.jones@": the address names him
    CHECK(names.has_forename("grandad"));
    CHECK(names.has_surname("kowalski", TitleSex::male));        // greeted: Mr and Mrs
    CHECK(names.has_surname("kowalski", TitleSex::female));
    CHECK_FALSE(names.has_surname("okafor"));
}

TEST_CASE("correspondents follow the envelope and roster from scan to scan", "[detect][correspondents]") {
    // The envelope's names are cached per thread: a new envelope, or a new roster, must be seen.
    const std::string text = "Hello,\n";
    const auto regions = find_message_regions(text);
    ScanContext c = teacher_to_parent();
    CHECK(find_correspondents(c, sample_index().get(), text, regions).has_full_name("sarah", "bennett"));
    CHECK(find_correspondents(c, sample_index().get(), text, regions).has_full_name("sarah", "bennett"));
    c.recipients = {{"grandad.jones@mail.example", ""}};
    const CorrespondentNames other = find_correspondents(c, sample_index().get(), text, regions);
    CHECK_FALSE(other.has_full_name("sarah", "bennett"));
    CHECK(other.has_surname("jones"));
    c.recipients = {{"someone@mail.example", "Sarah Bennett"}};  // now from the header, not the roster
    const CorrespondentNames by_header = find_correspondents(c, sample_index().get(), text, regions);
    CHECK(by_header.has_surname("bennett", TitleSex::male));  // the header tells no sex
    // The same envelope with and without the roster: only the roster knows she is a mother.
    CHECK_FALSE(find_correspondents(teacher_to_parent(), sample_index().get(), text, regions).has_surname("bennett", TitleSex::male));
    CHECK(find_correspondents(teacher_to_parent(), nullptr, text, regions).has_surname("bennett", TitleSex::male));
    CHECK_FALSE(find_correspondents(teacher_to_parent(), sample_index().get(), text, regions).has_surname("bennett", TitleSex::male));
}
