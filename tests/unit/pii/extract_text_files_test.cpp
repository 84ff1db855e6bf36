// Plain-text and CSV attachments: charset sniffing (BOMs, UTF-16 without BOM, UTF-8,
// windows-1252) and CSV rows as tab-separated lines.
#include "extract_test_support.h"
#include "pii/extract/text_file.h"
#include "pii/mime/mime_message.h"

using namespace chaperone;
using namespace chaperone::test;

namespace {

std::string csv(std::string_view text) {
    pii::TextSink sink(1 << 20);
    pii::csv_rows(text, sink);
    return sink.take();
}

void check_text_file(const std::string& file, const std::string& type, const std::string& expected) {
    INFO(file);
    pii::Extraction e = extract_fixture(file);
    CHECK(text_of(e, file) == expected);
    REQUIRE(e.attachments.size() == 1);
    CHECK(e.attachments[0].detected_type == type);
    CHECK(e.attachments[0].protection == pii::Protection::none);
    CHECK(e.limits.empty());
}

}  // namespace

TEST_CASE("csv fixtures in windows-1252, UTF-16LE with BOM and UTF-8 with BOM", "[extract][text]") {
    check_text_file("class-list-1252.csv", "csv",
                    lines({
                        "Name\tDate of birth\tPostcode\tNotes",
                        "Oliver Bennett\t03/04/2016\tLE4 6XT\tAllergy: nuts, eggs",
                        "Zoë Brontë\t09/01/2016\tLE3 9RN",
                        "Clarke, Amelia\t21/11/2015\tLE5 2QB\tSays \"hi\"",
                    }));
    check_text_file("class-list-utf16.csv", "csv",
                    lines({
                        "Name\tDate of birth\tPostcode",
                        "Oliver Bennett\t03/04/2016\tLE4 6XT",
                        "Łucja Nowak\t17/07/2015\tLE2 8AA",
                    }));
    // Semicolons, a quoted field over two lines, an all-empty record (dropped).
    check_text_file("class-list-semicolon.csv", "csv",
                    lines({
                        "Name\tAddress\tPostcode",
                        "Oliver Bennett\t12 Pembury Road Leicester\tLE4 6XT",
                        "Amelia Clarke\t\tLE5 2QB",
                    }));
}

TEST_CASE("text files: UTF-8 kept, windows-1252 converted, CRLF to LF", "[extract][text]") {
    check_text_file("notes.txt", "txt",
                    lines({"Notes for Mrs Bennett", "", "Oliver’s inhaler is in the office.", "Phone 07700 900123."}));
    check_text_file("notes-1252.txt", "txt", "Zoë’s café — 12 €");
}

TEST_CASE("decode_text_file sniffs the charset", "[extract][text]") {
    struct Case {
        std::string bytes;
        const char* charset;
        const char* text;
    };
    const Case cases[] = {
        {"plain ascii\r\nline", "us-ascii", "plain ascii\nline"},
        {"\xEF\xBB\xBFZo\xC3\xAB", "utf-8", "Zoë"},
        {"Zo\xC3\xAB", "utf-8", "Zoë"},
        {"Zo\xEB \x80", "windows-1252", "Zoë €"},
        {std::string("\xFF\xFEZ\0o\0\xEB\0", 8), "utf-16le", "Zoë"},
        {std::string("\xFE\xFF\0Z\0o\0\xEB", 8), "utf-16be", "Zoë"},
        {std::string("N\0a\0m\0e\0\r\0\n\0A\0", 14), "utf-16le", "Name\nA"},
        {std::string("\0N\0a\0m\0e\0,\0A", 12), "utf-16be", "Name,A"},
        {"old\rmac", "us-ascii", "old\nmac"},
    };
    for (const Case& c : cases) {
        std::string charset;
        CHECK(pii::decode_text_file(c.bytes, &charset) == c.text);
        CHECK(charset == c.charset);
    }
}

TEST_CASE("csv_rows: delimiters, quotes, empty fields and records", "[extract][text]") {
    struct Case {
        const char* in;
        const char* out;
    };
    const Case cases[] = {
        {"a,b,c\n1,2,3\n", "a\tb\tc\n1\t2\t3"},
        {"a;b\n\"x;y\";2", "a\tb\nx;y\t2"},
        {"a\tb\n1\t2", "a\tb\n1\t2"},
        {"a|b|c\n1|2|3", "a\tb\tc\n1\t2\t3"},
        {",,x\n,,\n\ny,,", "\t\tx\ny"},
        {"\"multi\nline\",\"tab\there\"\n", "multi line\ttab here"},
        {"\"unterminated,quote\nnext", "unterminated,quote next"},
        {"\"a \"\"quoted\"\" word\",b", "a \"quoted\" word\tb"},
        {"", ""},
    };
    for (const Case& c : cases) {
        INFO(c.in);
        CHECK(csv(c.in) == c.out);
    }
}

TEST_CASE("to_utf8 converts declared charsets and repairs wrong declarations", "[extract][text][mime]") {
    struct Case {
        std::string bytes;
        const char* charset;
        const char* text;
    };
    const Case cases[] = {
        {"caf\xE9", "iso-8859-1", "café"},
        {"\x80 5", "ISO-8859-1", "€ 5"},  // Latin-1 labels mean windows-1252 in mail
        {"\x93quoted\x94", "windows-1252", "“quoted”"},
        {"Fran\xE7ois", "utf-8", "François"},            // declared UTF-8, written Latin-1
        {"Zo\xC3\xAB and Fran\xE7ois", "utf-8", "Zoë and François"},  // mixed: each byte judged
        {"Zo\xC3\xAB", "us-ascii", "Zoë"},               // declared ASCII, written UTF-8
        {"caf\xE9", nullptr, "café"},
        {"caf\xE9", "", "café"},
        {"\xF0\xD2\xC9\xD7\xC5\xD4", "koi8-r", "Привет"},
        {"na\xEFve", "x-no-such-charset", "naïve"},
        {std::string("Z\0o\0", 4), "utf-16le", "Zo"},
        {"\x82\xA0\x82\xA2", "shift_jis", "あい"},
        {"ok \x82", "shift_jis", "ok \xEF\xBF\xBD"},  // truncated multibyte: U+FFFD, not lost
        {"plain", "utf-8", "plain"},
    };
    for (const Case& c : cases) {
        INFO(c.bytes);
        CHECK(pii::to_utf8(c.bytes, c.charset) == c.text);
    }
}

TEST_CASE("html and other text attachments by name, declared type and content", "[extract][text]") {
    pii::Extraction e = pii::extract_file("<html><body><p>Oliver&nbsp;Bennett</p><script>x</script></body></html>", "page.bin", {});
    CHECK(text_of(e, "page.bin") == "Oliver Bennett");
    CHECK(e.attachments[0].detected_type == "html");
    e = pii::extract_file("BEGIN:VCARD\r\nFN:Sarah Bennett\r\nTEL:07700 900123\r\nEND:VCARD\r\n", "contact.vcf", {});
    CHECK(text_of(e, "contact.vcf") == "BEGIN:VCARD\nFN:Sarah Bennett\nTEL:07700 900123\nEND:VCARD");
    CHECK(e.attachments[0].detected_type == "txt");
    e = pii::extract_file(std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16), "scan.jpg", {});
    CHECK(reports(e) == std::vector<std::string>{"scan.jpg |  | image | none | 0 | image: no text extracted"});
    e = pii::extract_file(std::string("7z\xBC\xAF\x27\x1C\0\x04", 8), "pupils.7z", {});
    CHECK(reports(e) == std::vector<std::string>{"pupils.7z |  | 7z | unreadable | 0 | 7-Zip archive: not opened (unsupported archive format)"});
    e = pii::extract_file(std::string("\0\x01\x02\x03binary", 10), "data.bin", {});
    CHECK(reports(e) == std::vector<std::string>{"data.bin |  | other | unreadable | 0 | unknown binary format: not read"});
    e = pii::extract_file("", "empty.txt", {});
    CHECK(e.texts.empty());
    CHECK(reports(e) == std::vector<std::string>{"empty.txt |  | txt | none | 0 | "});
}
