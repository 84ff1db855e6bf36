// Messages the footer engine must leave exactly as they are: signed or encrypted (S/MIME,
// PGP/MIME, opaque pkcs7-mime, inline PGP), already footed (plain, HTML with the footer written
// differently, a reply quoting it re-wrapped), and bodies it cannot foot safely.
#include "footer_test_support.h"
#include "policies/footer/footer_inserter.h"

using namespace chaperone;
using namespace chaperone::footer_test;

namespace {

struct UnchangedCase {
    std::string file;
    FooterOutcome outcome;
    std::string detail;         // expected log detail (no message content in it)
    bool gmime_round_trip_exact;  // GMime writes the parsed fixture back byte-for-byte
};

const std::vector<UnchangedCase>& unchanged_cases() {
    static const std::vector<UnchangedCase> cases = {
        {"signed_smime.eml", FooterOutcome::signed_or_encrypted, "multipart/signed on the main path", true},
        {"signed_pgpmime.eml", FooterOutcome::signed_or_encrypted, "multipart/signed on the main path", true},
        {"encrypted_pgpmime.eml", FooterOutcome::signed_or_encrypted, "multipart/encrypted on the main path", true},
        {"smime_opaque_pkcs7_mime.eml", FooterOutcome::signed_or_encrypted, "application/pkcs7-mime on the main path", true},
        {"smime_encrypted_x_pkcs7_mime.eml", FooterOutcome::signed_or_encrypted,
         "application/x-pkcs7-mime on the main path", true},
        {"signed_inside_mixed.eml", FooterOutcome::signed_or_encrypted, "multipart/signed on the main path", true},
        {"inline_pgp_signed.eml", FooterOutcome::signed_or_encrypted, "inline PGP in a text/plain part", true},
        {"inline_pgp_message_html.eml", FooterOutcome::signed_or_encrypted, "inline PGP in a text/plain part", true},
        {"already_footed_plain.eml", FooterOutcome::already_present, "the body text already contains the footer", true},
        {"already_footed_html.eml", FooterOutcome::already_present, "the body text already contains the footer", true},
        {"reply_quoting_footer.eml", FooterOutcome::already_present, "the body text already contains the footer", true},
        {"missing_boundary.eml", FooterOutcome::nothing_to_foot, "malformed multipart without parts (missing boundary?)",
         false},
        {"bare_calendar.eml", FooterOutcome::nothing_to_foot, "a bare text/calendar invitation is not wrapped", true},
    };
    return cases;
}

}  // namespace

TEST_CASE("signed, encrypted, already footed and unfootable messages stay byte-identical", "[footer]") {
    for (const auto& c : unchanged_cases()) {
        DYNAMIC_SECTION(c.file) {
            std::string raw = fixture(c.file);
            bool crlf = uses_crlf(raw);
            pii::MimeMessage message = parse(raw);
            std::string before = message.serialize(crlf);
            if (c.gmime_round_trip_exact) REQUIRE(before == raw);

            policies::FooterResult result = policies::insert_footer(message, kFooter);
            CHECK(result.outcome == c.outcome);
            CHECK_FALSE(result.top_level_changed);
            CHECK(result.detail == c.detail);
            CHECK(message.serialize(crlf) == before);
            CHECK(message.serialize_body(true) == parse(raw).serialize_body(true));

            // The Welsh footer is not in these messages, but signatures still win.
            if (c.outcome == FooterOutcome::signed_or_encrypted) {
                pii::MimeMessage again = parse(raw);
                CHECK(policies::insert_footer(again, kWelshFooter).outcome == FooterOutcome::signed_or_encrypted);
                CHECK(again.serialize(crlf) == before);
            }
        }
    }
}

TEST_CASE("the already-footed HTML matches although its footer uses entities and other wrapping", "[footer]") {
    // The fixture writes "Caf&#233;", "&pound;5" and breaks a line inside the first paragraph:
    // only the visible, whitespace-normalised text is compared.
    std::string raw = fixture("already_footed_html.eml");
    CHECK(raw.find("Caf&#233;") != std::string::npos);
    CHECK(raw.find("&pound;5") != std::string::npos);
    pii::MimeMessage message = parse(raw);
    CHECK(policies::insert_footer(message, kFooter).outcome == FooterOutcome::already_present);
}

TEST_CASE("a footer that differs in one word is not mistaken for the one present", "[footer]") {
    FooterText changed = kFooter;
    changed.text.replace(changed.text.find("Trip fees"), 9, "Club fees");
    changed.html.replace(changed.html.find("Trip fees"), 9, "Club fees");
    for (std::string file : {"already_footed_plain.eml", "already_footed_html.eml", "reply_quoting_footer.eml"}) {
        DYNAMIC_SECTION(file) {
            pii::MimeMessage message = parse(fixture(file));
            CHECK(policies::insert_footer(message, changed).outcome == FooterOutcome::added);
        }
    }
}
