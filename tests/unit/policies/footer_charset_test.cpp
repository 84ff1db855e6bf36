// Charset handling: a footer with characters outside a part's charset ("Ysgol – ☎" in a
// Latin-1 part) converts text/plain parts to UTF-8 and writes HTML references in text/html
// parts; a footer that fits is written in the part's own charset. Plus literal golden results,
// so the expectations are not only computed by helpers.
#include "footer_test_support.h"
#include "policies/footer/footer_inserter.h"

using namespace chaperone;
using namespace chaperone::footer_test;

namespace {

// kWelshFooter.html as each charset must carry it (decoded to UTF-8 for comparison).
const std::string kWelshHtmlAscii =
    "<p>Ysgol Enghraifft &#8211; &#9742; 0116 496 0720 &#8211; ffioedd o &#163;5 &#8211; caf&#233; ar agor 8am.</p>";
const std::string kWelshHtmlLatin1 =
    "<p>Ysgol Enghraifft &#8211; &#9742; 0116 496 0720 &#8211; ffioedd o \u00a35 &#8211; caf\u00e9 ar agor 8am.</p>";
const std::string kWelshHtmlCp1252 =
    "<p>Ysgol Enghraifft \u2013 &#9742; 0116 496 0720 \u2013 ffioedd o \u00a35 \u2013 caf\u00e9 ar agor 8am.</p>";

struct Target {
    std::string path;
    bool html;
    std::string charset;
    std::string encoding;
    std::string html_footer;  // for html targets: the footer as it must decode
};
struct WelshCase {
    std::string file;
    bool top_level_changed;
    std::vector<Target> targets;
};

}  // namespace

TEST_CASE("a footer outside the part's charset: text/plain becomes UTF-8, HTML gets references", "[footer]") {
    const std::vector<WelshCase> cases = {
        {"latin1_8bit.eml", true, {{"", false, "utf-8", "8bit", ""}}},
        {"latin1_qp.eml", true, {{"", false, "utf-8", "quoted-printable", ""}}},
        {"cp1252_8bit.eml", true, {{"", false, "utf-8", "8bit", ""}}},
        {"plain_crlf_outlook_latin1_qp.eml", true, {{"", false, "utf-8", "quoted-printable", ""}}},
        {"alternative_outlook_cp1252.eml", false,
         {{"1", false, "utf-8", "quoted-printable", ""}, {"2", true, "windows-1252", "quoted-printable", kWelshHtmlCp1252}}},
        {"already_footed_html.eml", false, {{"", true, "iso-8859-1", "quoted-printable", kWelshHtmlLatin1}}},
        {"html_only_apple.eml", false, {{"", true, "us-ascii", "quoted-printable", kWelshHtmlAscii}}},
        {"nested_apple_alternative_related.eml", false,
         {{"1", false, "utf-8", "quoted-printable", ""}, {"2.1", true, "us-ascii", "7bit", kWelshHtmlAscii}}},
        {"alternative_gmail.eml", false,
         {{"1", false, "UTF-8", "quoted-printable", ""}, {"2", true, "UTF-8", "quoted-printable", kWelshFooter.html}}},
    };
    for (const auto& c : cases) {
        DYNAMIC_SECTION(c.file) {
            std::string raw = fixture(c.file);
            bool crlf = uses_crlf(raw);
            pii::MimeMessage original = parse(raw);
            pii::MimeMessage message = parse(raw);
            policies::FooterResult result = policies::insert_footer(message, kWelshFooter);
            INFO("detail: " << result.detail);
            REQUIRE(result.outcome == FooterOutcome::added);
            CHECK(result.top_level_changed == c.top_level_changed);

            pii::MimeMessage after = reparse(message, crlf);
            for (const auto& t : c.targets) {
                INFO("part " << t.path);
                std::string before_text = decoded_utf8(part_at(original.body(), t.path));
                GMimeObject* part = part_at(after.body(), t.path);
                CHECK(decoded_utf8(part) == (t.html ? expected_html(before_text, t.html_footer)
                                                    : expected_plain(before_text, kWelshFooter.text)));
                CHECK(lower(charset_of(part)) == lower(t.charset));
                CHECK(encoding_of(part) == t.encoding);
                if (lower(t.charset) == "utf-8") {
                    std::string bytes = decoded_bytes(part);
                    CHECK(g_utf8_validate(bytes.data(), static_cast<gssize>(bytes.size()), nullptr));
                }
            }
            pii::MimeMessage again = parse(message.serialize(crlf));
            CHECK(policies::insert_footer(again, kWelshFooter).outcome == FooterOutcome::already_present);
        }
    }
}

TEST_CASE("golden: ISO-8859-1 8bit with a footer that fits stays Latin-1 bytes", "[footer]") {
    pii::MimeMessage message = parse(fixture("latin1_8bit.eml"));
    REQUIRE(policies::insert_footer(message, kFooter).outcome == FooterOutcome::added);
    pii::MimeMessage after = reparse(message, false);
    CHECK(decoded_bytes(after.body()) ==
          "Bonjour Madame,\n\nLe caf\xe9 de l'\xe9" "cole ouvre \xe0 8h. Le voyage co\xfbte \xa3" "12.\n\nCordialement,\nJo\n\n"
          "Example Primary School, Pembury Lane, Leicester. Caf\xe9 open 8am to 9am.\n"
          "Confidential: if this reached you in error, please tell the sender. Trip fees from \xa3" "5.\n");
    CHECK(charset_of(after.body()) == "iso-8859-1");
    CHECK(encoding_of(after.body()) == "8bit");
}

TEST_CASE("golden: ISO-8859-1 with the Welsh footer is converted to UTF-8, text intact", "[footer]") {
    pii::MimeMessage message = parse(fixture("latin1_8bit.eml"));
    policies::FooterResult result = policies::insert_footer(message, kWelshFooter);
    REQUIRE(result.outcome == FooterOutcome::added);
    CHECK(result.detail == "footed text/plain (8bit, utf-8 converted)");
    pii::MimeMessage after = reparse(message, false);
    CHECK(decoded_bytes(after.body()) ==
          "Bonjour Madame,\n\nLe caf\u00e9 de l'\u00e9" "cole ouvre \u00e0 8h. Le voyage co\u00fbte \u00a3" "12.\n\n"
          "Cordialement,\nJo\n\nYsgol Enghraifft \u2013 \u260e 0116 496 0720 \u2013 ffioedd o \u00a35 \u2013 caf\u00e9 ar agor 8am.\n");
    CHECK(charset_of(after.body()) == "utf-8");
}

TEST_CASE("golden: us-ascii text without a final newline, quoted-printable soft breaks", "[footer]") {
    pii::MimeMessage message = parse(fixture("plain_no_trailing_newline.eml"));
    REQUIRE(policies::insert_footer(message, kFooter).outcome == FooterOutcome::added);
    CHECK(message.serialize_body() ==
          "Thanks, see you at 3pm.\n"
          "Jo\n"
          "\n"
          "Example Primary School, Pembury Lane, Leicester. Caf=C3=A9 open 8am to 9am.\n"
          "Confidential: if this reached you in error, please tell the sender. Trip fe=\n"
          "es from =C2=A35.\n");
    pii::MimeMessage after = reparse(message, false);
    CHECK(decoded_utf8(after.body()) == "Thanks, see you at 3pm.\nJo\n\n" + kFooter.text + "\n");
}

TEST_CASE("golden: Apple Mail HTML, footer before </BODY>, pound as a reference", "[footer]") {
    pii::MimeMessage message = parse(fixture("html_only_apple.eml"));
    REQUIRE(policies::insert_footer(message, kFooter).outcome == FooterOutcome::added);
    CHECK(decoded_bytes(reparse(message, false).body()) ==
          "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=us-ascii\"></head>"
          "<body style=\"word-wrap: break-word; -webkit-nbsp-mode: space; line-break: after-white-space;\">"
          "<div>Dear Mr Parent,</div><div><br></div><div>The reading records are due back on Monday.</div>"
          "<div><br></div><div>Jo</div>\n" + kFooterHtmlAscii + "\n</BODY></html>\n");
}

TEST_CASE("golden: Gmail HTML without <body> gets the footer at the end", "[footer]") {
    pii::MimeMessage message = parse(fixture("alternative_gmail.eml"));
    REQUIRE(policies::insert_footer(message, kFooter).outcome == FooterOutcome::added);
    CHECK(decoded_utf8(part_at(reparse(message, false).body(), "2")) ==
          "<div dir=\"ltr\"><div>Hi Sam,\u00a0</div><div><br></div><div>The swimming kit list is attached to the "
          "newsletter \u2013 towel, costume and a \u00a32 coin for the locker.</div><div><br></div><div>Thanks,</div>"
          "<div>Jo</div></div>\n" + kFooter.html + "\n");
}

TEST_CASE("golden: CRLF message keeps CRLF, base64 CRLF text gets a CRLF footer", "[footer]") {
    pii::MimeMessage outlook = parse(fixture("plain_crlf_outlook_latin1_qp.eml"));
    REQUIRE(policies::insert_footer(outlook, kFooter).outcome == FooterOutcome::added);
    std::string body = outlook.serialize_body(true);
    const std::string tail =
        "Jo Teacher\r\n\r\nExample Primary School, Pembury Lane, Leicester. Caf=E9 open 8am to 9am.\r\n"
        "Confidential: if this reached you in error, please tell the sender. Trip fe=\r\nes from =A35.\r\n";
    REQUIRE(body.size() > tail.size());
    CHECK(body.substr(body.size() - tail.size()) == tail);

    pii::MimeMessage b64 = parse(fixture("base64_utf8_crlf_text.eml"));
    REQUIRE(policies::insert_footer(b64, kFooter).outcome == FooterOutcome::added);
    CHECK(decoded_bytes(reparse(b64, false).body()) ==
          "Dear parents,\r\n\r\nThe Eisteddfod is on Friday \u2013 children may wear red.\r\n\r\nDiolch,\r\nJo\r\n\r\n"
          "Example Primary School, Pembury Lane, Leicester. Caf\u00e9 open 8am to 9am.\r\n"
          "Confidential: if this reached you in error, please tell the sender. Trip fees from \u00a35.\r\n");
}

TEST_CASE("odd charsets: UTF-16, unknown-8bit, undeclared 8-bit", "[footer]") {
    struct Row {
        std::string name;
        std::string content_headers;
        std::string body;                // as it stands in the message
        std::string original_utf8;       // what the reader saw before
        std::string charset_after;
        std::string encoding_after;
    };
    const std::vector<Row> rows = {
        // UTF-16 is not ASCII-compatible: converted to UTF-8 (base64 stays).
        {"utf-16 base64", "Content-Type: text/plain; charset=utf-16\nContent-Transfer-Encoding: base64\n",
         "//5IAGkAIABKAG8ACgA=\n", "Hi Jo\n", "utf-8", "base64"},
        // mutt's unknown-8bit: iconv has no such charset; the text is read as windows-1252.
        {"unknown-8bit", "Content-Type: text/plain; charset=unknown-8bit\nContent-Transfer-Encoding: 8bit\n",
         "Caf\xe9\n", "Caf\u00e9\n", "utf-8", "8bit"},
        // No charset parameter but UTF-8 bytes: us-ascii by the RFC, UTF-8 in practice.
        {"undeclared utf-8", "Content-Type: text/plain\nContent-Transfer-Encoding: 8bit\n", "Caf\u00e9\n",
         "Caf\u00e9\n", "utf-8", "8bit"},
        // No Content-Type at all, 7bit ASCII: labelled UTF-8 and quoted-printable for the footer.
        {"no content-type", "", "Hello\n", "Hello\n", "utf-8", "quoted-printable"},
    };
    for (const auto& row : rows) {
        DYNAMIC_SECTION(row.name) {
            std::string raw = "From: jo.teacher@school.example\nTo: sam.parent@parents.example\nSubject: x\n"
                              "MIME-Version: 1.0\n" + row.content_headers + "\n" + row.body;
            pii::MimeMessage original = parse(raw);
            REQUIRE(decoded_utf8(original.body()) == row.original_utf8);
            pii::MimeMessage message = parse(raw);
            policies::FooterResult result = policies::insert_footer(message, kFooter);
            REQUIRE(result.outcome == FooterOutcome::added);
            CHECK(result.top_level_changed);
            pii::MimeMessage after = reparse(message, false);
            CHECK(decoded_utf8(after.body()) == expected_plain(row.original_utf8, kFooter.text));
            CHECK(lower(charset_of(after.body())) == row.charset_after);
            CHECK(encoding_of(after.body()) == row.encoding_after);
        }
    }
}
