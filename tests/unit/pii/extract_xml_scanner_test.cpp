// XmlScanner and XmlChunks: tokens, attributes, references, and the same tokens whatever
// the chunking of the input (worksheets are scanned while they inflate).
#include "extract_test_support.h"
#include "pii/extract/xml_scanner.h"

using namespace chaperone;
using pii::XmlScanner;

namespace {

struct Recorder {
    std::vector<std::string> tokens;
    void operator()(XmlScanner::Token t, const XmlScanner& x) {
        switch (t) {
            case XmlScanner::Token::start: tokens.push_back("<" + std::string(x.name()) + " r=" + std::string(x.attribute("r")) + ">"); break;
            case XmlScanner::Token::empty: tokens.push_back("<" + std::string(x.name()) + "/>"); break;
            case XmlScanner::Token::end: tokens.push_back("</" + std::string(x.name()) + ">"); break;
            case XmlScanner::Token::text: {
                std::string text;
                pii::append_xml_text(x.text(), text);
                tokens.push_back((x.cdata() ? "cdata:" : "text:") + text);
                break;
            }
            case XmlScanner::Token::eof: break;
        }
    }
};

const char* kSheet =
    "<?xml version=\"1.0\"?><x:worksheet xmlns:x=\"urn:x\"><!-- note -->"
    "<x:row r='1'><x:c r=\"A1\" t=\"s\" s=\"3\"><x:v>0</x:v></x:c><x:c r=\"B1\" t=\"inlineStr\">"
    "<x:is><x:t xml:space=\"preserve\">Zo&#235; &amp; &lt;Oliver&gt; &#x20AC;5 &bogus; &#0; a&b</x:t></x:is></x:c>"
    "<x:c r=\"C1\" a=\"x>y\"/></x:row><x:row r=\"2\"><x:c><x:v><![CDATA[raw <v>]]></x:v></x:c></x:row></x:worksheet>";

}  // namespace

TEST_CASE("XmlScanner tokens, local names, attributes and references", "[extract][xml]") {
    Recorder whole;
    XmlScanner x(kSheet);
    for (auto t = x.next(); t != XmlScanner::Token::eof; t = x.next()) whole(t, x);
    CHECK(whole.tokens == std::vector<std::string>{
                              "<worksheet r=>", "<row r=1>", "<c r=A1>", "<v r=>", "text:0", "</v>", "</c>", "<c r=B1>",
                              "<is r=>", "<t r=>", "text:Zoë & <Oliver> €5 &bogus; &#0; a&b", "</t>", "</is>", "</c>",
                              "<c/>", "</row>", "<row r=2>", "<c r=>", "<v r=>", "cdata:raw <v>", "</v>", "</c>",
                              "</row>", "</worksheet>"});
}

TEST_CASE("XmlChunks gives the same tokens for every chunk size", "[extract][xml]") {
    Recorder whole;
    pii::XmlChunks one;
    one.feed(kSheet, whole);
    one.finish(whole);
    const std::string_view sheet(kSheet);
    for (std::size_t size = 1; size <= 64; ++size) {
        Recorder chunked;
        pii::XmlChunks chunks;
        for (std::size_t at = 0; at < sheet.size(); at += size) chunks.feed(sheet.substr(at, size), chunked);
        chunks.finish(chunked);
        INFO("chunk size " << size);
        CHECK(chunked.tokens == whole.tokens);
    }
}

TEST_CASE("XmlScanner survives truncated and malformed input", "[extract][xml]") {
    const char* inputs[] = {"<", "<a", "<a b=\"unterminated", "<!-- open", "<![CDATA[open", "</", "<a/><", "&#xFFFFFFFF;", "<<>>"};
    for (const char* in : inputs) {
        Recorder r;
        XmlScanner x(in);
        int guard = 0;
        for (auto t = x.next(); t != XmlScanner::Token::eof && guard < 100; t = x.next(), ++guard) r(t, x);
        CHECK(guard < 100);
    }
}
