// Password protection of attachments, each class against a real file: ZipCrypto and AES
// zips (zip -e, libzip AES-256), PDFs encrypted by qpdf with and without a user password,
// Word 97 and Excel 97 files saved with a password by LibreOffice, an OpenDocument file
// saved with a password, and encrypted OOXML / PowerPoint 97 containers built to the
// [MS-OFFCRYPTO] layout. Protected files are classified and not opened.
#include "extract_test_support.h"
#include "pii/extract/cfb_reader.h"

using namespace chaperone;
using namespace chaperone::test;

TEST_CASE("protection_name spells each class", "[extract][protection]") {
    CHECK(pii::protection_name(pii::Protection::none) == "none");
    CHECK(pii::protection_name(pii::Protection::encrypted_aes) == "aes");
    CHECK(pii::protection_name(pii::Protection::encrypted_zipcrypto) == "zipcrypto");
    CHECK(pii::protection_name(pii::Protection::encrypted_pdf) == "pdf");
    CHECK(pii::protection_name(pii::Protection::encrypted_ooxml) == "ooxml");
    CHECK(pii::protection_name(pii::Protection::encrypted_legacy_office) == "legacy-office");
    CHECK(pii::protection_name(pii::Protection::encrypted_odf) == "odf");
    CHECK(pii::protection_name(pii::Protection::unreadable) == "unreadable");
    CHECK(pii::is_protected(pii::Protection::encrypted_odf));
    CHECK_FALSE(pii::is_protected(pii::Protection::unreadable));
}

TEST_CASE("each protected file is classified, not opened", "[extract][protection]") {
    struct Case {
        const char* file;
        const char* report;
    };
    const Case cases[] = {
        {"letter-user-password.pdf", "letter-user-password.pdf |  | pdf | pdf | 0 | PDF encrypted (AES-256); a user password is required to open it"},
        {"encrypted-agile.docx", "encrypted-agile.docx |  | docx | ooxml | 0 | Office document encrypted with a password (agile encryption)"},
        {"encrypted-standard.xlsx", "encrypted-standard.xlsx |  | xlsx | ooxml | 0 | Office document encrypted with a password (standard encryption)"},
        {"letter-password.doc", "letter-password.doc |  | doc | legacy-office | 0 | Word 97-2003 document encrypted with a password (RC4)"},
        {"class-list-password.xls", "class-list-password.xls |  | xls | legacy-office | 0 | Excel 97-2003 workbook encrypted with a password (RC4)"},
        {"slides-password.ppt", "slides-password.ppt |  | ppt | legacy-office | 0 | PowerPoint 97-2003 presentation encrypted with a password (RC4)"},
        {"letter-password.odt", "letter-password.odt |  | odt | odf | 0 | OpenDocument encrypted with a password (AES-256)"},
    };
    for (const Case& c : cases) {
        INFO(c.file);
        pii::Extraction e = extract_fixture(c.file);
        CHECK(e.texts.empty());
        CHECK(reports(e) == std::vector<std::string>{c.report});
        CHECK(e.limits.empty());
    }
}

TEST_CASE("encrypted zip entries: ZipCrypto told from AES, the archive protected when all are", "[extract][protection]") {
    pii::Extraction e = extract_fixture("zipcrypto.zip");
    CHECK(e.texts.empty());
    CHECK(reports(e) == std::vector<std::string>{
                            "zipcrypto.zip |  | zip | zipcrypto | 0 | all 2 entries encrypted with ZipCrypto (weak)",
                            "zipcrypto.zip/class-list-1252.csv |  | csv | zipcrypto | 1 | encrypted entry (ZipCrypto); ZipCrypto is weak and easily broken",
                            "zipcrypto.zip/notes.txt |  | txt | zipcrypto | 1 | encrypted entry (ZipCrypto); ZipCrypto is weak and easily broken",
                        });
    CHECK(e.attachments[1].size == attachment_fixture("class-list-1252.csv").size());

    e = extract_fixture("aes.zip");
    CHECK(e.texts.empty());
    CHECK(reports(e) == std::vector<std::string>{
                            "aes.zip |  | zip | aes | 0 | all 2 entries encrypted (AES-256)",
                            "aes.zip/class-list-1252.csv |  | csv | aes | 1 | encrypted entry (AES-256)",
                            "aes.zip/notes.txt |  | txt | aes | 1 | encrypted entry (AES-256)",
                        });
}

TEST_CASE("a zip with one encrypted and one plain entry is not protected; the plain one is read", "[extract][protection]") {
    pii::Extraction e = extract_fixture("mixed.zip");
    CHECK(source_names(e) == std::vector<std::string>{"mixed.zip/notes.txt"});
    CHECK(reports(e) == std::vector<std::string>{
                            "mixed.zip |  | zip | none | 0 | 1 of 2 entries encrypted; the others are readable",
                            "mixed.zip/class-list-1252.csv |  | csv | aes | 1 | encrypted entry (AES-256)",
                            "mixed.zip/notes.txt |  | txt | none | 1 | ",
                        });
}

TEST_CASE("a PDF encrypted with an empty user password is readable, read, and says so", "[extract][protection][pdf]") {
    pii::Extraction e = extract_fixture("letter-owner-only.pdf");
    CHECK(reports(e) == std::vector<std::string>{
                            "letter-owner-only.pdf |  | pdf | none | 0 | PDF encrypted (AES-256) with an empty user password: anyone can open it; read"});
    CHECK(text_of(e, "letter-owner-only.pdf") == text_of(extract_fixture("letter.pdf"), "letter.pdf"));
}

TEST_CASE("CompoundFile reads the directory and streams of a real Word 97 file", "[extract][protection][cfb]") {
    std::string bytes = attachment_fixture("letter.doc");
    auto cfb = pii::CompoundFile::open(bytes);
    REQUIRE(cfb.is_ok());
    std::vector<std::string> names;
    for (const pii::CfbEntry* entry : cfb->root_children()) names.push_back(entry->name);
    CHECK(std::find(names.begin(), names.end(), "WordDocument") != names.end());
    CHECK(std::find(names.begin(), names.end(), "1Table") != names.end());
    const pii::CfbEntry* word = cfb->root_stream("worddocument");  // names match without case
    REQUIRE(word != nullptr);
    auto fib = cfb->read(*word, 4);
    REQUIRE(fib.is_ok());
    CHECK(*fib == std::string("\xEC\xA5", 2) + fib->substr(2));  // wIdent 0xA5EC
    CHECK(fib->size() == 4);
}

TEST_CASE("CompoundFile refuses damaged containers with a reason", "[extract][protection][cfb]") {
    std::string good = attachment_fixture("encrypted-agile.docx");
    struct Case {
        std::string bytes;
        const char* error;
    };
    std::string bad_order = good;
    bad_order[0x1C] = 0;
    std::string bad_shift = good;
    bad_shift[0x1E] = 10;
    std::string fat_beyond = good;
    fat_beyond[0x4C] = '\x70';  // the FAT sector number points past the end of the file
    std::string loop = good;
    // FAT entry of the directory sector (sector 1) points at itself: a chain loop.
    loop[512 + 4] = 1;
    loop[512 + 5] = loop[512 + 6] = loop[512 + 7] = 0;
    const Case cases[] = {
        {good.substr(0, 100), "compound file header truncated"},
        {bad_order, "compound file: bad byte order mark"},
        {bad_shift, "compound file: unsupported version 3 / sector shift 10"},
        {fat_beyond, "compound file: FAT sector beyond the end"},
        {loop, "compound file directory: broken sector chain"},
        {"not a compound file at all", "not a compound file"},
    };
    for (const Case& c : cases) {
        auto cfb = pii::CompoundFile::open(c.bytes);
        REQUIRE_FALSE(cfb.is_ok());
        CHECK(cfb.error_message() == c.error);
    }
    pii::Extraction e = pii::extract_file(loop, "loop.docx", {});
    CHECK(reports(e) == std::vector<std::string>{
                            "loop.docx |  | cfb | unreadable | 0 | corrupt compound file: compound file directory: broken sector chain"});
}
