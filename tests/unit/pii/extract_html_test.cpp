// HTML to text: markup, entities, invisible characters, layout of blocks, lists and tables.
#include "extract_test_support.h"
#include "pii/extract/html_text.h"

using namespace chaperone;

TEST_CASE("html_to_text table", "[extract][html]") {
    struct Case {
        const char* html;
        const char* text;
    };
    const Case cases[] = {
        {"<p>Hello <b>Oliver</b>   Bennett</p>", "Hello Oliver Bennett"},
        {"<p>One</p><p>Two</p>", "One\n\nTwo"},
        {"<div>One</div><div>Two</div>", "One\nTwo"},
        {"a<br>b<br/>c<BR >d", "a\nb\nc\nd"},
        {"a<br><br><br><br>b", "a\n\nb"},
        {"<ul><li>x</li><li>y</li></ul>z", "x\ny\n\nz"},
        {"<table><tr><td>Oliver Bennett</td><td>03/04/2016</td><td>LE4 6XT</td></tr>"
         "<tr><th>A</th><td></td><td>C</td></tr></table>",
         "Oliver Bennett\t03/04/2016\tLE4 6XT\nA\t\tC"},
        {"<table><tr><td>outer<table><tr><td>i1</td><td>i2</td></tr></table></td><td>o2</td></tr></table>",
         "outer\n\ni1\ti2\n\n\to2"},
        {"&amp;&lt;&gt;&quot;&apos;&#39;&#x41;&#65;", "&<>\"''AA"},
        {"&eacute;&Eacute;&pound;&euro;&mdash;&hellip;&copy;", "éÉ£€—…©"},
        {"&#150;&#x93;x&#148;", "–“x”"},  // C1 references are windows-1252
        {"&#0;&#xD800;&#1114112;", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},
        {"AT&T &nosuch; &amp &lt3 &copy 2025 &#", "AT&T &nosuch; & <3 © 2025 &#"},
        {"Oliver&nbsp;Bennett Oliver\xC2\xA0" "Bennett", "Oliver Bennett Oliver Bennett"},
        {"Oli&shy;ver Ben\xE2\x80\x8Bnett &#8203;&#xFEFF;x", "Oliver Bennett x"},
        {"<script>document.write('<p>Secret</p>')</script>Visible", "Visible"},
        {"<style type=\"text/css\">p{}</style><STYLE>x</STYLE>Visible", "Visible"},
        {"<title>T</title><template><p>T2</p></template>Visible", "Visible"},
        {"<!-- hidden <p>comment</p> -->Visible<!---->", "Visible"},
        {"<![CDATA[raw <text>]]>", "raw <text>"},
        {"<!DOCTYPE html><?xml version=\"1.0\"?>Visible", "Visible"},
        {"<a href=\"x>y\" title='a>b'>link</a>", "link"},
        {"<pre>  a   b\n  c</pre>after", "  a   b\n  c\n\nafter"},
        {"5 < 6 and 7 > 3", "5 < 6 and 7 > 3"},
        {"<p>unclosed <b>tags", "unclosed tags"},
        {"text <script>never closed", "text"},
        {"<!-- never closed", ""},
        {"<", "<"},
        {"a</ >b", "ab"},
        {"<verylongelementnamethatisnotreal>x</verylongelementnamethatisnotreal>", "x"},
        {"<h1>Title</h1>Body", "Title\n\nBody"},
    };
    for (const Case& c : cases) {
        INFO(c.html);
        CHECK(pii::html_to_text(c.html, 1 << 20) == c.text);
    }
}

TEST_CASE("html_to_text stops at its byte budget on a UTF-8 boundary", "[extract][html]") {
    CHECK(pii::html_to_text("<p>Zoë Brontë</p>", 3) == "Zo");
    CHECK(pii::html_to_text("<p>abcdef</p>", 4) == "abcd");
}

TEST_CASE("html_meta_charset finds the declared charset in the head", "[extract][html]") {
    CHECK(pii::html_meta_charset("<html><head><meta charset=\"Windows-1252\"></head>") == "windows-1252");
    CHECK(pii::html_meta_charset("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">") == "iso-8859-1");
    CHECK(pii::html_meta_charset("<p>no meta</p>") == "");
    CHECK(pii::html_meta_charset(std::string(2000, ' ') + "<meta charset=utf-8>") == "");
}
