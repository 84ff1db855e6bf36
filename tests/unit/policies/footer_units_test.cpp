// The footer engine's pure pieces, table-driven: text and HTML placement, flowed safety, the
// HTML-to-text reduction and comparison form behind "never twice", signed/encrypted detection,
// charset encoding, transfer-encoding choice, footer preparation, related-root selection.
#include "footer_test_support.h"
#include "policies/footer/body_part_finder.h"
#include "policies/footer/charset_codec.h"
#include "policies/footer/footer_presence.h"
#include "policies/footer/html_footer.h"
#include "policies/footer/html_text.h"
#include "policies/footer/part_content.h"
#include "policies/footer/prepared_footer.h"
#include "policies/footer/signed_detector.h"
#include "policies/footer/text_footer.h"

using namespace chaperone;
using namespace chaperone::policies::footer;

TEST_CASE("text footer layout", "[footer]") {
    struct Row {
        std::string text, footer;
        Newline style;
        std::string expected;
    };
    const std::vector<Row> rows = {
        {"Hello\n", "F1\nF2", Newline::lf, "Hello\n\nF1\nF2\n"},
        {"Hello", "F", Newline::lf, "Hello\n\nF\n"},                     // no final newline: not glued on
        {"", "F", Newline::lf, "F\n"},                                   // empty body: just the footer
        {"Hello\n\n\n", "F", Newline::lf, "Hello\n\n\n\nF\n"},           // the text's own blank lines stay
        {"Hello\r\n", "F1\nF2", Newline::crlf, "Hello\r\n\r\nF1\r\nF2\r\n"},
        {"Hello", "F", Newline::crlf, "Hello\r\n\r\nF\r\n"},
        {"-- \nJo\n", "F", Newline::lf, "-- \nJo\n\nF\n"},               // after the sender's signature
    };
    for (const auto& row : rows) {
        std::string text = row.text;
        append_text_footer(text, row.footer, row.style);
        CHECK(text == row.expected);
    }
    CHECK(detect_newline("a\nb\r\n") == Newline::crlf);
    CHECK(detect_newline("a\nb\n") == Newline::lf);
    CHECK(detect_newline("") == Newline::lf);
}

TEST_CASE("format=flowed footers lose trailing spaces and are space-stuffed", "[footer]") {
    const std::vector<std::pair<std::string, std::string>> rows = {
        {"plain line", "plain line"},
        {"trailing   \nnext", "trailing\nnext"},
        {"> quoted look", " > quoted look"},
        {"From the office", " From the office"},
        {" indented", "  indented"},
        {"Fromage", "Fromage"},
        {"a\n\nb", "a\n\nb"},
    };
    for (const auto& [in, out] : rows) CHECK(make_flowed_safe(in) == out);
}

TEST_CASE("HTML footer placement", "[footer]") {
    struct Row {
        std::string html;
        Newline style;
        std::string expected;
    };
    const std::vector<Row> rows = {
        {"<html><body><p>x</p></body></html>", Newline::lf, "<html><body><p>x</p>\nF\n</body></html>"},
        {"<html><body><p>x</p>\n</body></html>\n", Newline::lf, "<html><body><p>x</p>\nF\n</body></html>\n"},
        {"<HTML><BODY>x</BODY ></HTML>", Newline::lf, "<HTML><BODY>x\nF\n</BODY ></HTML>"},
        // The LAST </body> (an earlier one in quoted HTML does not count).
        {"<body>a</body> <body>b</body>", Newline::lf, "<body>a</body> <body>b\nF\n</body>"},
        {"<html>x</html>", Newline::lf, "<html>x\nF\n</html>"},
        {"<div>x</div>", Newline::lf, "<div>x</div>\nF\n"},
        {"<div>x</div>\n", Newline::lf, "<div>x</div>\nF\n"},
        {"", Newline::lf, "F\n"},
        {"<body>x</bodyguard></body>", Newline::lf, "<body>x</bodyguard>\nF\n</body>"},
        {"<body>x</body>", Newline::crlf, "<body>x\r\nF\r\n</body>"},
    };
    for (const auto& row : rows) {
        std::string html = row.html;
        insert_html_footer(html, "F", row.style);
        CHECK(html == row.expected);
    }
    std::string two_lines = "<body></body>";
    insert_html_footer(two_lines, "<p>a</p>\n<p>b</p>", Newline::crlf);
    CHECK(two_lines == "<body>\r\n<p>a</p>\r\n<p>b</p>\r\n</body>");
}

TEST_CASE("visible text of HTML", "[footer]") {
    const std::vector<std::pair<std::string, std::string>> rows = {
        {"<p>Caf&eacute; &pound;5 &amp; &#163;5 &#xA3;5</p>", "\nCaf\u00e9 \u00a35 & \u00a35 \u00a35\n"},
        {"a<br>b", "a\nb"},
        {"Ys<b>gol</b>", "Ysgol"},                                           // inline tags join
        {"<!-- hidden -->shown", "shown"},
        {"<style>p{color:red}</style><title>T</title><script>x()</script>text", "text"},
        {"<style>unclosed", "unclosed"},                                     // never hide the rest
        {"<html><head><meta charset=utf-8></hea\xce><body>text</body></html>", "\n\ntext\n\n"},
        {"1 < 2 and &bogus; &#xZZ; & done", "1 < 2 and &bogus; &#xZZ; & done"},
        {"<a href=\"x>y\">link</a>", "link"},                                // '>' inside a quoted value
        {"&nbsp;x&#8211;y&#9742;", "\u00a0x\u2013y\u260e"},
        {"&#0;&#x110000;", "\ufffd&#x110000;"},
    };
    for (const auto& [html, text] : rows) {
        INFO(html);
        CHECK(html_to_text(html) == text);
    }
}

TEST_CASE("comparison form: whitespace runs, no-break spaces and quote markers", "[footer]") {
    const std::vector<std::pair<std::string, std::string>> rows = {
        {"  a \t b\r\n\n c  ", "a b c"},
        {"a\u00a0\u00a0b", "a b"},
        {"> a\n> b\n>> c\n> > d", "a b c d"},
        {"x > y", "x > y"},                  // only at a line start
        {"a\n  > b", "a b"},
        {"", ""},
    };
    for (const auto& [in, out] : rows) CHECK(comparison_text(in) == out);

    auto needles = footer_needles("School\nConfidential", "<p>School</p><p>Confidential</p>");
    REQUIRE(needles.size() == 1);  // both forms read the same: one needle
    CHECK(needles[0].comparable == "School Confidential");
    CHECK(needles[0].anchor == "Confidential");
    CHECK(contains_footer("Thanks\n> School\n> Confidential\n", needles));
    CHECK(contains_footer("Thanks\n>School\u00a0 \n\n>>   Confidential", needles));
    CHECK_FALSE(contains_footer("School is Confidential", needles));
    CHECK_FALSE(contains_footer("School Confidentia", needles));
    CHECK(footer_needles("Text", "<p>Other</p>").size() == 2);

    // Anchors never contain bytes the comparison form changes.
    const std::vector<std::pair<std::string, std::string>> anchors = {
        {"Caf\u00e9 \u00a35 Confidential:", "Confidential:"},
        {"a\u00a0bbbb cc", "bbbb"},
        {"x>yyyyy zz", "yyyyy"},
        {"\u260e\u260e", "\u260e\u260e"},
    };
    for (const auto& [text, anchor] : anchors) CHECK(footer_needles(text, "").at(0).anchor == anchor);
}

TEST_CASE("signed and encrypted forms", "[footer]") {
    for (std::string type : {"multipart/signed", "multipart/encrypted", "application/pkcs7-mime", "application/x-pkcs7-mime"})
        CHECK(signed_or_encrypted_type(type) == type);
    for (std::string type : {"multipart/mixed", "application/pkcs7-signature", "application/pgp-signature", "text/plain"})
        CHECK(signed_or_encrypted_type(type).empty());

    const std::vector<std::pair<std::string, std::string>> rows = {
        {"-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256", "-----BEGIN PGP SIGNED MESSAGE-----"},
        {"Hi\n-----BEGIN PGP MESSAGE-----\n", "-----BEGIN PGP MESSAGE-----"},
        {"Hi\r\n-----BEGIN PGP MESSAGE-----\r\n", "-----BEGIN PGP MESSAGE-----"},
        {"> -----BEGIN PGP SIGNED MESSAGE-----", ""},
        {"see -----BEGIN PGP MESSAGE----- inline", ""},
        {"-----BEGIN PGP PUBLIC KEY BLOCK-----", ""},
        {"", ""},
    };
    for (const auto& [text, marker] : rows) CHECK(inline_pgp_marker(text) == marker);
}

TEST_CASE("charset descriptions", "[footer]") {
    struct Row {
        std::string declared;
        bool utf8, ascii, known, ascii_compatible;
    };
    const std::vector<Row> rows = {
        {"", false, true, true, true},          {"US-ASCII", false, true, true, true},
        {"UTF-8", true, false, true, true},     {"utf8", true, false, true, true},
        {"iso-8859-1", false, false, true, true}, {"Windows-1252", false, false, true, true},
        {"ISO-2022-JP", false, false, true, true}, {"UTF-16", false, false, true, false},
        {"x-no-such-charset", false, false, false, true},
    };
    for (const auto& row : rows) {
        INFO(row.declared);
        CharsetInfo info = describe_charset(row.declared);
        CHECK(info.is_utf8 == row.utf8);
        CHECK(info.is_ascii == row.ascii);
        CHECK(info.known == row.known);
        CHECK(info.ascii_compatible == row.ascii_compatible);
        CHECK(info.declared == row.declared);
    }
}

TEST_CASE("footer bytes in a charset, exact or with HTML references", "[footer]") {
    struct Row {
        std::string charset, utf8;
        std::optional<std::string> exact;
        std::string html;
    };
    const std::vector<Row> rows = {
        {"utf-8", "\u00a35 \u260e", "\u00a35 \u260e", "\u00a35 \u260e"},
        {"iso-8859-1", "Caf\u00e9 \u00a35", "Caf\xe9 \xa3" "5", "Caf\xe9 \xa3" "5"},
        {"iso-8859-1", "a \u2013 \u260e \u00e9", std::nullopt, "a &#8211; &#9742; \xe9"},
        {"windows-1252", "\u20ac \u2013 \u260e", std::nullopt, "\x80 \x96 &#9742;"},
        {"windows-1252", "\u20ac \u2013", "\x80 \x96", "\x80 \x96"},
        {"us-ascii", "plain", "plain", "plain"},
        {"", "\u00a35", std::nullopt, "&#163;5"},
        {"x-no-such-charset", "ascii only", "ascii only", "ascii only"},
        {"x-no-such-charset", "\u00e9", std::nullopt, "&#233;"},
        {"iso-8859-1", "bad \xff utf8", std::nullopt, "bad &#65533; utf8"},
    };
    for (const auto& row : rows) {
        INFO(row.charset << " " << row.utf8);
        CharsetInfo info = describe_charset(row.charset);
        CHECK(encode_exact(row.utf8, info) == row.exact);
        CHECK(encode_with_html_references(row.utf8, info) == row.html);
    }
}

TEST_CASE("transfer encoding after footing", "[footer]") {
    struct Row {
        GMimeContentEncoding current;
        std::string content;
        GMimeContentEncoding expected;
    };
    const std::string long_line(999, 'a');
    const std::vector<Row> rows = {
        {GMIME_CONTENT_ENCODING_DEFAULT, "ascii\n", GMIME_CONTENT_ENCODING_DEFAULT},
        {GMIME_CONTENT_ENCODING_7BIT, "ascii\r\n", GMIME_CONTENT_ENCODING_7BIT},
        {GMIME_CONTENT_ENCODING_7BIT, "caf\xc3\xa9", GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE},
        {GMIME_CONTENT_ENCODING_DEFAULT, "\xa3", GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE},
        {GMIME_CONTENT_ENCODING_7BIT, std::string("nul\0", 4), GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE},
        {GMIME_CONTENT_ENCODING_7BIT, long_line, GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE},
        {GMIME_CONTENT_ENCODING_7BIT, std::string(998, 'a') + "\r\n", GMIME_CONTENT_ENCODING_7BIT},
        {GMIME_CONTENT_ENCODING_8BIT, "caf\xc3\xa9", GMIME_CONTENT_ENCODING_8BIT},
        {GMIME_CONTENT_ENCODING_8BIT, long_line, GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE},
        {GMIME_CONTENT_ENCODING_BINARY, long_line, GMIME_CONTENT_ENCODING_BINARY},
        {GMIME_CONTENT_ENCODING_BASE64, long_line, GMIME_CONTENT_ENCODING_BASE64},
        {GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE, "\xff", GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE},
    };
    for (const auto& row : rows) CHECK(encoding_for(row.current, row.content) == row.expected);
}

TEST_CASE("footer preparation", "[footer]") {
    PreparedFooter crlf = prepare_footer("Line one\r\nLine two\r\n\r\n", "<p>One</p>\r\n");
    CHECK(crlf.text == "Line one\nLine two");
    CHECK(crlf.html == "<p>One</p>");
    REQUIRE(crlf.needles.size() == 2);
    CHECK(crlf.needles[0].comparable == "Line one Line two");
    CHECK(crlf.needles[1].comparable == "One");

    PreparedFooter from_text = prepare_footer("A & B <x>\nC", "");
    CHECK(from_text.html == "<div class=\"chaperone-disclaimer\">A &amp; B &lt;x&gt;<br>\nC</div>");
    CHECK(from_text.needles.size() == 1);

    PreparedFooter from_html = prepare_footer("", "<div>\n  <p>Caf&eacute;</p>\n\n<p> Two </p></div>");
    CHECK(from_html.text == "Caf\u00e9\nTwo");

    CHECK(prepare_footer("", "").empty());
    CHECK(prepare_footer(" \n", "<img src=x>").empty());
}

TEST_CASE("multipart/related: the start parameter picks the root", "[footer]") {
    std::string raw =
        "From: a@school.example\nMIME-Version: 1.0\n"
        "Content-Type: multipart/related; boundary=\"r\"; start=\"<root@x>\"; type=\"text/html\"\n\n"
        "--r\nContent-Type: text/plain\nContent-ID: <other@x>\n\nnot the root\n"
        "--r\nContent-Type: text/html\nContent-ID: <root@x>\n\n<p>root</p>\n--r--\n";
    pii::MimeMessage message = footer_test::parse(raw);
    BodyLayout layout = find_body_parts(message.body(), 100, 10);
    REQUIRE(layout.texts.size() == 2);
    REQUIRE(layout.targets.size() == 1);
    CHECK(GMIME_OBJECT(layout.targets[0]) == footer_test::part_at(message.body(), "2"));
}

TEST_CASE("an attached smime.p7m inside multipart/mixed also counts as signed", "[footer]") {
    // Conservative on purpose: Outlook's opaque S/MIME arrives as an attachment-like part.
    std::string raw =
        "From: a@school.example\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"m\"\n\n"
        "--m\nContent-Type: text/plain\n\nSee attached.\n"
        "--m\nContent-Type: application/pkcs7-mime; smime-type=signed-data; name=smime.p7m\n"
        "Content-Disposition: attachment; filename=smime.p7m\nContent-Transfer-Encoding: base64\n\nAAAA\n--m--\n";
    pii::MimeMessage message = footer_test::parse(raw);
    std::string before = message.serialize();
    CHECK(policies::insert_footer(message, footer_test::kFooter).outcome == footer_test::FooterOutcome::signed_or_encrypted);
    CHECK(message.serialize() == before);
}
