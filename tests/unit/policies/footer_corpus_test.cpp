// The footer engine over the corpus of real-shaped messages (tests/fixtures/footer/): every
// footed part decodes to exactly its original text plus the footer once, in the charset and
// transfer encoding it should have; every other part is byte-for-byte what it was; a second
// pass changes nothing.
#include <map>

#include "footer_test_support.h"
#include "policies/footer/footer_inserter.h"

using namespace chaperone;
using namespace chaperone::footer_test;

namespace {

enum class Kind { plain, html };
enum class HtmlForm { as_is, ascii_references };  // kFooter.html or kFooterHtmlAscii

struct Target {
    std::string path;
    Kind kind;
    std::string charset;   // expected charset parameter after footing (compared case-insensitively)
    std::string encoding;  // expected Content-Transfer-Encoding after footing
    HtmlForm form = HtmlForm::as_is;
};

struct FootedCase {
    std::string file;
    bool top_level_changed;
    std::vector<Target> targets;
};

const std::vector<FootedCase>& footed_cases() {
    static const std::vector<FootedCase> cases = {
        // Thunderbird flowed UTF-8 declared 7bit: the pound sign makes it quoted-printable.
        {"plain_flowed_thunderbird.eml", true, {{"", Kind::plain, "UTF-8", "quoted-printable"}}},
        // us-ascii cannot hold "£" or "é": converted to UTF-8, 7bit becomes quoted-printable.
        {"plain_no_trailing_newline.eml", true, {{"", Kind::plain, "utf-8", "quoted-printable"}}},
        // Outlook, CRLF, Latin-1 quoted-printable: the footer fits Latin-1, nothing top-level changes.
        {"plain_crlf_outlook_latin1_qp.eml", false, {{"", Kind::plain, "iso-8859-1", "quoted-printable"}}},
        // Apple Mail HTML only, us-ascii: "£" becomes &#163;, the part stays us-ascii; </BODY> in capitals.
        {"html_only_apple.eml", false, {{"", Kind::html, "us-ascii", "quoted-printable", HtmlForm::ascii_references}}},
        // Gmail: HTML without <body>, the footer is appended.
        {"alternative_gmail.eml", false,
         {{"1", Kind::plain, "UTF-8", "quoted-printable"}, {"2", Kind::html, "UTF-8", "quoted-printable"}}},
        // Outlook windows-1252 with euro and smart quotes, CRLF.
        {"alternative_outlook_cp1252.eml", false,
         {{"1", Kind::plain, "windows-1252", "quoted-printable"}, {"2", Kind::html, "windows-1252", "quoted-printable"}}},
        // Thunderbird mixed[alternative[plain, html], pdf, docx], 8bit UTF-8.
        {"mixed_attachments_thunderbird.eml", false,
         {{"1.1", Kind::plain, "UTF-8", "8bit"}, {"1.2", Kind::html, "UTF-8", "8bit"}}},
        // Outlook mixed > related > alternative > plain/html, inline image and docx.
        {"nested_outlook_mixed_related_alternative.eml", false,
         {{"1.1.1", Kind::plain, "utf-8", "quoted-printable"}, {"1.1.2", Kind::html, "utf-8", "quoted-printable"}}},
        // Apple Mail alternative[plain, related[html, image]]: the related root is footed.
        {"nested_apple_alternative_related.eml", false,
         {{"1", Kind::plain, "utf-8", "quoted-printable"},
          {"2.1", Kind::html, "us-ascii", "7bit", HtmlForm::ascii_references}}},
        // Apple Mail text / image / text: the last text part, at the bottom.
        {"apple_text_image_text.eml", false, {{"3", Kind::plain, "utf-8", "quoted-printable"}}},
        // Base64 UTF-8 with CRLF inside the decoded text: the footer uses CRLF too.
        {"base64_utf8_crlf_text.eml", false, {{"", Kind::plain, "UTF-8", "base64"}}},
        {"latin1_8bit.eml", false, {{"", Kind::plain, "iso-8859-1", "8bit"}}},
        {"latin1_qp.eml", false, {{"", Kind::plain, "ISO-8859-1", "quoted-printable"}}},
        {"cp1252_8bit.eml", false, {{"", Kind::plain, "Windows-1252", "8bit"}}},
        {"utf8_8bit_headers.eml", false, {{"", Kind::plain, "utf-8", "8bit"}}},
        // A quoted inline-PGP block in a reply is not a signature of this message.
        {"reply_quoting_inline_pgp.eml", true, {{"", Kind::plain, "utf-8", "quoted-printable"}}},
        // The forwarded message carries the same footer: it does not count, and stays untouched.
        {"forwarded_rfc822_with_old_footer.eml", false, {{"1", Kind::plain, "UTF-8", "quoted-printable"}}},
        // Text attachments (filename, attachment disposition, name=) are not body.
        {"text_attachments.eml", false, {{"1", Kind::plain, "UTF-8", "quoted-printable"}}},
        // Outlook invitation: plain and html footed, text/calendar untouched.
        {"invitation_alternative_calendar.eml", false,
         {{"1", Kind::plain, "utf-8", "quoted-printable"},
          {"2", Kind::html, "us-ascii", "quoted-printable", HtmlForm::ascii_references}}},
        {"bench_alternative_8k.eml", false,
         {{"1", Kind::plain, "UTF-8", "quoted-printable"}, {"2", Kind::html, "UTF-8", "quoted-printable"}}},
        // No body at all: the empty text/plain body gets the footer, labelled UTF-8.
        {"empty_body.eml", true, {{"", Kind::plain, "utf-8", "quoted-printable"}}},
    };
    return cases;
}

const Target* find_target(const FootedCase& c, const std::string& path) {
    for (const auto& t : c.targets) {
        if (t.path == path) return &t;
    }
    return nullptr;
}

// The encoded body of a leaf as written (after its header block).
std::string encoded_content(GMimeObject* leaf) {
    std::string bytes = object_bytes(leaf);
    std::size_t blank = bytes.find("\n\n");
    return blank == std::string::npos ? std::string() : bytes.substr(blank + 2);
}

}  // namespace

TEST_CASE("footed corpus: exact decoded text, charset, encoding; everything else byte-identical", "[footer]") {
    for (const auto& c : footed_cases()) {
        DYNAMIC_SECTION(c.file) {
            std::string raw = fixture(c.file);
            bool crlf = uses_crlf(raw);
            pii::MimeMessage original = parse(raw);
            pii::MimeMessage message = parse(raw);

            policies::FooterResult result = policies::insert_footer(message, kFooter);
            INFO("detail: " << result.detail);
            REQUIRE(result.outcome == FooterOutcome::added);
            CHECK(result.top_level_changed == c.top_level_changed);

            std::string out = message.serialize(crlf);
            pii::MimeMessage after = parse(out);
            auto before_leaves = leaves(original.body());
            auto after_leaves = leaves(after.body());
            REQUIRE(before_leaves.size() == after_leaves.size());

            std::size_t footed = 0;
            for (std::size_t i = 0; i < before_leaves.size(); ++i) {
                const auto& [path, before_part] = before_leaves[i];
                INFO("part " << (path.empty() ? "(top)" : path));
                REQUIRE(after_leaves[i].first == path);
                GMimeObject* after_part = after_leaves[i].second;
                if (const Target* t = find_target(c, path)) {
                    ++footed;
                    std::string original_text = decoded_utf8(before_part);
                    std::string expected = t->kind == Kind::plain
                                               ? expected_plain(original_text, kFooter.text)
                                               : expected_html(original_text, t->form == HtmlForm::as_is
                                                                                  ? kFooter.html
                                                                                  : kFooterHtmlAscii);
                    CHECK(decoded_utf8(after_part) == expected);
                    CHECK(lower(charset_of(after_part)) == lower(t->charset));
                    CHECK(encoding_of(after_part) == t->encoding);
                    if (t->encoding == "quoted-printable" || t->encoding == "base64")
                        CHECK(longest_line(encoded_content(after_part)) <= 76);
                } else {
                    CHECK(object_bytes(after_part) == object_bytes(before_part));
                    if (GMIME_IS_PART(before_part)) CHECK(decoded_bytes(after_part) == decoded_bytes(before_part));
                    // And the part is in the output exactly as GMime writes the original.
                    CHECK(out.find(object_bytes(before_part, crlf)) != std::string::npos);
                }
            }
            CHECK(footed == c.targets.size());
            CHECK(longest_line(out) <= 998);
        }
    }
}

TEST_CASE("footing twice: the second pass finds the footer and changes nothing", "[footer]") {
    for (const auto& c : footed_cases()) {
        DYNAMIC_SECTION(c.file) {
            std::string raw = fixture(c.file);
            bool crlf = uses_crlf(raw);
            pii::MimeMessage message = parse(raw);
            REQUIRE(policies::insert_footer(message, kFooter).outcome == FooterOutcome::added);
            std::string first = message.serialize(crlf);

            pii::MimeMessage again = parse(first);
            std::string before_second = again.serialize(crlf);
            policies::FooterResult second = policies::insert_footer(again, kFooter);
            CHECK(second.outcome == FooterOutcome::already_present);
            CHECK_FALSE(second.top_level_changed);
            CHECK(again.serialize(crlf) == before_second);
            CHECK(before_second == first);
        }
    }
}

TEST_CASE("the forwarded message and its old footer stay byte-for-byte", "[footer]") {
    std::string raw = fixture("forwarded_rfc822_with_old_footer.eml");
    pii::MimeMessage message = parse(raw);
    REQUIRE(policies::insert_footer(message, kFooter).outcome == FooterOutcome::added);
    std::string out = message.serialize();
    // The whole message/rfc822 part, headers and all, exactly as in the fixture.
    std::size_t start = raw.find("Content-Type: message/rfc822");
    std::size_t end = raw.find("\n--------------Fw3dLx8Qm1Nv6Bc2Zr9Tk5Ps--");
    REQUIRE(start != std::string::npos);
    REQUIRE(end != std::string::npos);
    CHECK(out.find(raw.substr(start, end - start)) != std::string::npos);
    // The outer text was footed once, the inner texts still carry exactly one footer each.
    pii::MimeMessage after = parse(out);
    CHECK(decoded_utf8(part_at(after.body(), "1")) ==
          "Forwarding the office's message below, as promised.\n\nJo\n\n" + kFooter.text + "\n");
}
