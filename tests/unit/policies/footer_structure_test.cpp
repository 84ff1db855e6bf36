// Messages with no body text get a footer part of their own; the walk is bounded; bad input
// has a defined outcome and never crashes.
#include <random>

#include "footer_test_support.h"
#include "policies/footer/footer_inserter.h"

using namespace chaperone;
using namespace chaperone::footer_test;

namespace {

void check_footer_part(GMimeObject* part) {
    CHECK(pii::mime_type_of(part) == "text/plain");
    CHECK(lower(charset_of(part)) == "utf-8");
    CHECK(encoding_of(part) == "quoted-printable");
    CHECK(std::string(g_mime_object_get_header(part, "Content-Disposition")) == "inline");
    CHECK(decoded_utf8(part) == kFooter.text + "\n");
}

std::string header_value(const std::vector<std::pair<std::string, std::string>>& headers, const std::string& name) {
    for (const auto& [n, v] : headers) {
        if (n == name) return v;
    }
    FAIL("no " << name << " in top_level_content_headers");
    return {};
}

}  // namespace

TEST_CASE("a message that is only a PDF is wrapped into multipart/mixed with the footer last", "[footer]") {
    std::string raw = fixture("only_pdf.eml");
    pii::MimeMessage original = parse(raw);
    pii::MimeMessage message = parse(raw);
    policies::FooterResult result = policies::insert_footer(message, kFooter);
    CHECK(result.outcome == FooterOutcome::added);
    CHECK(result.top_level_changed);
    CHECK(result.detail == "no body text: footer part wrapped");

    auto headers = policies::top_level_content_headers(message);
    CHECK(header_value(headers, "MIME-Version") == "1.0");
    CHECK(header_value(headers, "Content-Type").rfind("multipart/mixed; boundary=", 0) == 0);
    CHECK(header_value(headers, "Content-Transfer-Encoding").empty());

    pii::MimeMessage after = reparse(message, false);
    REQUIRE(pii::mime_type_of(after.body()) == "multipart/mixed");
    REQUIRE(g_mime_multipart_get_count(GMIME_MULTIPART(after.body())) == 2);
    CHECK(object_bytes(part_at(after.body(), "1")) == object_bytes(original.body()));
    CHECK(decoded_bytes(part_at(after.body(), "1")) == decoded_bytes(original.body()));
    check_footer_part(part_at(after.body(), "2"));
    // The message headers other than the MIME ones are untouched.
    CHECK(after.header("Subject") == "Trip letter");
    CHECK(after.header("X-Mailer") == "Canon iR-ADV C5535 Scan to Mail");

    pii::MimeMessage again = parse(message.serialize());
    CHECK(policies::insert_footer(again, kFooter).outcome == FooterOutcome::already_present);
}

TEST_CASE("a multipart/mixed of attachments only gets a text/plain footer part appended", "[footer]") {
    std::string raw = fixture("mixed_no_text.eml");
    pii::MimeMessage original = parse(raw);
    pii::MimeMessage message = parse(raw);
    policies::FooterResult result = policies::insert_footer(message, kFooter);
    CHECK(result.outcome == FooterOutcome::added);
    CHECK(result.top_level_changed);
    CHECK(result.detail == "no body text: footer part appended");

    std::string out = message.serialize();
    // Same boundary, same preamble, attachments as they were, footer part last.
    CHECK(out.rfind(raw.substr(0, raw.find("Content-Transfer-Encoding: base64")), 0) == 0);
    pii::MimeMessage after = parse(out);
    REQUIRE(g_mime_multipart_get_count(GMIME_MULTIPART(after.body())) == 3);
    for (std::string path : {"1", "2"}) {
        CHECK(object_bytes(part_at(after.body(), path)) == object_bytes(part_at(original.body(), path)));
        CHECK(out.find(object_bytes(part_at(original.body(), path))) != std::string::npos);
    }
    check_footer_part(part_at(after.body(), "3"));
}

TEST_CASE("an ASCII footer part is us-ascii 7bit", "[footer]") {
    pii::MimeMessage message = parse(fixture("only_pdf.eml"));
    FooterText ascii{"Example Primary School. Confidential.", ""};
    REQUIRE(policies::insert_footer(message, ascii).outcome == FooterOutcome::added);
    pii::MimeMessage after = reparse(message, false);
    GMimeObject* part = part_at(after.body(), "2");
    CHECK(lower(charset_of(part)) == "us-ascii");
    CHECK(encoding_of(part) == "7bit");
    CHECK(decoded_bytes(part) == "Example Primary School. Confidential.\n");
}

TEST_CASE("an empty body becomes the footer, with MIME headers for the milter", "[footer]") {
    pii::MimeMessage message = parse(fixture("empty_body.eml"));
    policies::FooterResult result = policies::insert_footer(message, kFooter);
    CHECK(result.outcome == FooterOutcome::added);
    CHECK(result.top_level_changed);
    auto headers = policies::top_level_content_headers(message);
    CHECK(header_value(headers, "MIME-Version") == "1.0");
    CHECK(header_value(headers, "Content-Type") == "text/plain; charset=utf-8");
    CHECK(header_value(headers, "Content-Transfer-Encoding") == "quoted-printable");
    CHECK(message.serialize_body() ==
          "Example Primary School, Pembury Lane, Leicester. Caf=C3=A9 open 8am to 9am.\n"
          "Confidential: if this reached you in error, please tell the sender. Trip fe=\n"
          "es from =C2=A35.\n");
}

TEST_CASE("top-level headers are reported unfolded as they stand", "[footer]") {
    pii::MimeMessage message = parse(fixture("alternative_outlook_cp1252.eml"));
    REQUIRE(policies::insert_footer(message, kFooter).outcome == FooterOutcome::added);
    auto headers = policies::top_level_content_headers(message);
    CHECK(header_value(headers, "Content-Type") ==
          "multipart/alternative;\tboundary=\"----=_NextPart_000_0011_01DAA53B.7C2E9A40\"");
    CHECK(header_value(headers, "Content-Transfer-Encoding").empty());
}

TEST_CASE("header values for X-Chaperone-Disclaimer", "[footer]") {
    CHECK(policies::footer_header_value(FooterOutcome::added) == "added");
    CHECK(policies::footer_header_value(FooterOutcome::already_present) == "already-present");
    CHECK(policies::footer_header_value(FooterOutcome::signed_or_encrypted) == "signed-or-encrypted");
    CHECK(policies::footer_header_value(FooterOutcome::nothing_to_foot) == "nothing-to-foot");
}

TEST_CASE("an empty footer foots nothing", "[footer]") {
    for (FooterText empty : {FooterText{"", ""}, FooterText{"\n\r\n  ", " \n"}, FooterText{"", "<img src=\"logo.png\">"}}) {
        pii::MimeMessage message = parse(fixture("plain_flowed_thunderbird.eml"));
        std::string before = message.serialize();
        policies::FooterResult result = policies::insert_footer(message, empty);
        CHECK(result.outcome == FooterOutcome::nothing_to_foot);
        CHECK(message.serialize() == before);
    }
}

TEST_CASE("one footer form is made from the other when only one is configured", "[footer]") {
    SECTION("text only: the HTML part gets the escaped text in a div") {
        std::string raw = fixture("alternative_gmail.eml");
        pii::MimeMessage message = parse(raw);
        FooterText text_only{"Example School <office@school.example>\nTel 0116 496 0720 & \u00a35 trips", ""};
        REQUIRE(policies::insert_footer(message, text_only).outcome == FooterOutcome::added);
        pii::MimeMessage original = parse(raw);
        pii::MimeMessage after = reparse(message, false);
        CHECK(decoded_utf8(part_at(after.body(), "2")) ==
              expected_html(decoded_utf8(part_at(original.body(), "2")),
                            "<div class=\"chaperone-disclaimer\">Example School &lt;office@school.example&gt;<br>\n"
                            "Tel 0116 496 0720 &amp; \u00a35 trips</div>"));
        CHECK(decoded_utf8(part_at(after.body(), "1")) ==
              expected_plain(decoded_utf8(part_at(original.body(), "1")), text_only.text));
    }
    SECTION("html only: the plain part gets the visible text, one line per block") {
        std::string raw = fixture("alternative_gmail.eml");
        pii::MimeMessage message = parse(raw);
        FooterText html_only{"", kFooter.html};
        REQUIRE(policies::insert_footer(message, html_only).outcome == FooterOutcome::added);
        CHECK(decoded_utf8(part_at(reparse(message, false).body(), "1")) ==
              expected_plain(decoded_utf8(part_at(parse(raw).body(), "1")), kFooter.text));
    }
}

TEST_CASE("walk limits: 10,000 parts and deep nesting end in nothing_to_foot, unchanged", "[footer]") {
    std::string many =
        "From: a@school.example\nTo: b@parents.example\nSubject: many\nMIME-Version: 1.0\n"
        "Content-Type: multipart/mixed; boundary=\"b\"\n\n--b\nContent-Type: text/plain\n\nHello\n";
    for (int i = 0; i < 10000; ++i) many += "--b\nContent-Type: application/octet-stream\n\nx\n";
    many += "--b--\n";

    pii::MimeMessage message = parse(many);
    std::string before = message.serialize();
    policies::FooterResult result = policies::insert_footer(message, kFooter);
    CHECK(result.outcome == FooterOutcome::nothing_to_foot);
    CHECK(result.detail == "more than 2000 MIME parts");
    CHECK(message.serialize() == before);

    // With a higher bound the same message is footed in its one text part.
    policies::FooterLimits roomy;
    roomy.max_mime_parts = 20000;
    CHECK(policies::insert_footer(message, kFooter, roomy).outcome == FooterOutcome::added);
    CHECK(decoded_utf8(part_at(reparse(message, false).body(), "1")) == "Hello\n\n" + kFooter.text + "\n");

    std::string deep = "From: a@school.example\nSubject: deep\nMIME-Version: 1.0\n";
    for (int i = 0; i < 40; ++i) deep += "Content-Type: multipart/mixed; boundary=\"d" + std::to_string(i) + "\"\n\n--d" + std::to_string(i) + "\n";
    deep += "Content-Type: text/plain\n\ndeep text\n";
    for (int i = 39; i >= 0; --i) deep += "--d" + std::to_string(i) + "--\n";
    pii::MimeMessage nested = parse(deep);
    std::string nested_before = nested.serialize();
    policies::FooterLimits shallow;
    shallow.max_mime_depth = 10;
    result = policies::insert_footer(nested, kFooter, shallow);
    CHECK(result.outcome == FooterOutcome::nothing_to_foot);
    CHECK(result.detail == "multipart nesting deeper than 10");
    CHECK(nested.serialize() == nested_before);
}

TEST_CASE("a body text part over the size bound is not footed", "[footer]") {
    pii::MimeMessage message = parse(fixture("bench_alternative_8k.eml"));
    std::string before = message.serialize();
    policies::FooterLimits tight;
    tight.max_text_part_bytes = 1024;
    policies::FooterResult result = policies::insert_footer(message, kFooter, tight);
    CHECK(result.outcome == FooterOutcome::nothing_to_foot);
    CHECK(result.detail == "a text/plain part is larger than 1024 bytes");
    CHECK(message.serialize() == before);
}

TEST_CASE("8-bit header bytes survive footing byte-for-byte", "[footer]") {
    std::string raw = fixture("utf8_8bit_headers.eml");
    pii::MimeMessage message = parse(raw);
    REQUIRE(policies::insert_footer(message, kFooter).outcome == FooterOutcome::added);
    std::string out = message.serialize();
    std::string header_block = raw.substr(0, raw.find("Content-Type:"));
    CHECK(out.rfind(header_block, 0) == 0);
}

TEST_CASE("truncated and corrupted messages have a defined outcome and never crash", "[footer]") {
    std::vector<std::string> files = {"mixed_attachments_thunderbird.eml", "nested_outlook_mixed_related_alternative.eml",
                                      "alternative_outlook_cp1252.eml", "forwarded_rfc822_with_old_footer.eml",
                                      "signed_smime.eml", "base64_utf8_crlf_text.eml"};
    std::mt19937 random(20240513);
    int footed = 0, runs = 0;
    for (const auto& file : files) {
        std::string raw = fixture(file);
        std::vector<std::string> variants;
        for (std::size_t cut = 1; cut < raw.size(); cut += 97) variants.push_back(raw.substr(0, cut));
        for (int i = 0; i < 30; ++i) {
            std::string flipped = raw;
            for (int j = 0; j < 8; ++j) flipped[random() % flipped.size()] = static_cast<char>(random() % 256);
            variants.push_back(flipped);
        }
        for (const auto& variant : variants) {
            auto parsed = pii::MimeMessage::parse(variant);
            if (!parsed) continue;
            ++runs;
            policies::FooterResult result = policies::insert_footer(*parsed, kFooter);
            bool defined = result.outcome == FooterOutcome::added || result.outcome == FooterOutcome::already_present ||
                           result.outcome == FooterOutcome::signed_or_encrypted ||
                           result.outcome == FooterOutcome::nothing_to_foot;
            REQUIRE(defined);
            CHECK_FALSE(result.detail.empty());
            if (result.outcome != FooterOutcome::added) continue;
            ++footed;
            // Whatever was footed reads as footed on the next pass.
            auto again = pii::MimeMessage::parse(parsed->serialize());
            REQUIRE(again);
            policies::FooterResult second = policies::insert_footer(*again, kFooter);
            CHECK(second.outcome != FooterOutcome::added);
        }
    }
    CHECK(runs > 100);
    CHECK(footed > 50);
}

TEST_CASE("as the milter applies it: old headers + top_level_content_headers + serialize_body", "[footer]") {
    // The milter cannot resend the headers: it changes the three MIME headers when
    // top_level_changed and replaces the body. The recipient must read the same message.
    for (std::string file : {"only_pdf.eml", "mixed_no_text.eml", "empty_body.eml", "plain_no_trailing_newline.eml",
                             "latin1_8bit.eml", "alternative_outlook_cp1252.eml"}) {
        DYNAMIC_SECTION(file) {
            std::string raw = fixture(file);
            bool crlf = uses_crlf(raw);
            pii::MimeMessage message = parse(raw);
            policies::FooterResult result = policies::insert_footer(message, kWelshFooter);
            REQUIRE(result.outcome == FooterOutcome::added);

            std::string nl = crlf ? "\r\n" : "\n";
            std::string header_block = raw.substr(0, raw.find(nl + nl) + nl.size());
            std::string rebuilt;
            if (result.top_level_changed) {
                // Drop the three MIME headers (with their folded lines), then add the new values.
                bool dropping = false;
                std::size_t start = 0;
                while (start < header_block.size()) {
                    std::size_t end = header_block.find(nl, start) + nl.size();
                    std::string line = header_block.substr(start, end - start);
                    if (line[0] != ' ' && line[0] != '\t') {
                        std::string name = lower(line.substr(0, line.find(':')));
                        dropping = name == "mime-version" || name == "content-type" || name == "content-transfer-encoding";
                    }
                    if (!dropping) rebuilt += line;
                    start = end;
                }
                for (const auto& [name, value] : policies::top_level_content_headers(message)) {
                    if (!value.empty()) rebuilt += name + ": " + value + nl;
                }
            } else {
                rebuilt = header_block;
            }
            rebuilt += nl + message.serialize_body(crlf);

            pii::MimeMessage as_sent = parse(rebuilt);
            pii::MimeMessage as_footed = reparse(message, crlf);
            auto sent_leaves = leaves(as_sent.body());
            auto footed_leaves = leaves(as_footed.body());
            REQUIRE(sent_leaves.size() == footed_leaves.size());
            for (std::size_t i = 0; i < sent_leaves.size(); ++i) {
                CHECK(sent_leaves[i].first == footed_leaves[i].first);
                CHECK(pii::mime_type_of(sent_leaves[i].second) == pii::mime_type_of(footed_leaves[i].second));
                CHECK(decoded_utf8(sent_leaves[i].second) == decoded_utf8(footed_leaves[i].second));
            }
            pii::MimeMessage again = parse(rebuilt);
            CHECK(policies::insert_footer(again, kWelshFooter).outcome == FooterOutcome::already_present);
        }
    }
}

TEST_CASE("the log detail carries no message content and no raw header junk", "[footer]") {
    std::string raw = "From: a@school.example\nMIME-Version: 1.0\n"
                      "Content-Type: text/plain; charset=\"Pupil Jane Doe\\x07 lives at 1 High St and more and more text\"\n\n"
                      "Secret pupil details\n";
    pii::MimeMessage message = parse(raw);
    policies::FooterResult result = policies::insert_footer(message, kFooter);
    REQUIRE(result.outcome == FooterOutcome::added);
    CHECK(result.detail == "footed text/plain (quoted-printable, utf-8 converted)");

    raw.replace(raw.find("Pupil"), std::string("Pupil Jane Doe\\x07 lives at 1 High St and more and more text").size(),
                "Pupil Jane Doe lives at 1 High St and more and more text");
    pii::MimeMessage ascii_footer_message = parse(raw);
    result = policies::insert_footer(ascii_footer_message, FooterText{"Confidential.", ""});
    REQUIRE(result.outcome == FooterOutcome::added);
    CHECK(result.detail == "footed text/plain (none, Pupil?Jane?Doe?lives?at?1?High?St?and?mo)");
    CHECK(result.detail.find("Secret") == std::string::npos);
}
