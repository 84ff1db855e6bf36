// Exports: mbox parsed back by GMime (and formail), eml-zip entries named by date, and the
// PDF read back with pdftotext showing each entry's sender, addressee and date.
#include <sys/wait.h>
#include <zip.h>

#include <algorithm>

#include <catch2/catch.hpp>

#include "archive/export/exporter.h"
#include "archive_test_support.h"
#include "pii/mime/gmime_ptr.h"
#include "pii/mime/mime_message.h"

using namespace chaperone;
using namespace chaperone::archive;
using chaperone::test::TestArchive;

namespace {

struct Fixture {
    TestArchive archive;
    std::unique_ptr<Store> store;
    std::vector<std::string> raws;
    std::vector<EntrySummary> entries;

    explicit Fixture(const std::string& name) : archive(name) {
        store = archive.open();
        raws = {test::read_file(test::tests_path("fixtures/archive/parent_reply.eml")),
                test::simple_message("School Office <office@school.example>", "claire.dupre@parents.example",
                                     "Your letter", Timestamp{1709550000, 0},
                                     "Dear Mrs Dupr\xC3\xA9,\n\nFrom Monday the gate opens at 8am.\n>From the office.\n"
                                     "Zo\xC3\xAB Dupr\xC3\xA9 is doing well.\n" +
                                         std::string(300, 'w') + "\n" + [] {
                                             std::string many;
                                             for (int i = 0; i < 120; ++i) many += "Line " + std::to_string(i) + " of a long letter.\n";
                                             return many;
                                         }())};
        // The parent's reply was sent (and arrives) after the school's letter: date order is letter, reply.
        auto reply = test::correspondence_for(raws[0], Direction::in, "claire.dupre@parents.example",
                                              Timestamp{1709667730, 0});
        reply.header_from = "Claire Dupré <claire.dupre@parents.example>";
        reply.subject = "Re: Zoë's reading book";
        REQUIRE(store->casefiles().record(reply).is_ok());
        auto letter = test::correspondence_for(raws[1], Direction::out, "claire.dupre@parents.example",
                                               Timestamp{1709550000, 0});
        letter.header_to = {"Claire Dupré <claire.dupre@parents.example>"};
        letter.subject = "Your letter";
        REQUIRE(store->casefiles().record(letter).is_ok());
        auto listed = store->casefiles().list_entries(EntryQuery{"B801200005001", "", {}, {}, 100}, test::test_actor());
        REQUIRE(listed.is_ok());
        entries = *listed;
        REQUIRE(entries.size() == 2);
        CHECK(entries[0].subject == "Your letter");
    }

    void export_to(ExportFormat format, const std::filesystem::path& out) {
        ExportHeading heading{"Pembury Lane Primary", "Zo\xC3\xAB Dupr\xC3\xA9 (B801200005001)",
                              {{"B801200005001", "Zo\xC3\xAB Dupr\xC3\xA9"}}, "test-runner"};
        auto exporter = make_exporter(format, out, heading, policies::LimitsConfig{});
        REQUIRE(exporter.is_ok());
        auto s = store->casefiles().read_entries(entries, test::test_actor(), AuditEvent{"archive.export", "student B801200005001", "{}"},
                                                 [&](const EntrySummary& e, std::string_view raw) {
                                                     return (*exporter)->add(e, raw);
                                                 });
        REQUIRE(s.is_ok());
        REQUIRE((*exporter)->finish().is_ok());
    }
};

std::string run(const std::string& command) {
    std::string output;
    FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe);
    char buffer[4096];
    std::size_t n;
    while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, n);
    pclose(pipe);
    return output;
}

}  // namespace

TEST_CASE("mbox export: From_ lines, >From quoting, parsed back by GMime", "[export]") {
    Fixture f("export-mbox");
    auto out = f.archive.scratch() / "zoe.mbox";
    f.export_to(ExportFormat::mbox, out);
    std::string mbox = test::read_file(out);
    CHECK(mbox.rfind("From office@school.example Mon Mar  4 11:00:00 2024\n", 0) == 0);
    CHECK(mbox.find("\n>From Monday the gate opens") != std::string::npos);
    CHECK(mbox.find("\n>>From the office.") != std::string::npos);
    CHECK(mbox.find("\nFrom claire.dupre@parents.example Tue Mar  5 19:42:10 2024\n") != std::string::npos);

    pii::ensure_gmime();
    pii::GPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(mbox.data(), mbox.size()));
    pii::GPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
    g_mime_parser_set_format(parser.get(), GMIME_FORMAT_MBOX);
    std::vector<std::string> subjects;
    std::vector<std::string> bodies;
    while (!g_mime_parser_eos(parser.get())) {
        pii::GPtr<GMimeMessage> message(g_mime_parser_construct_message(parser.get(), nullptr));
        if (!message) break;
        subjects.emplace_back(g_mime_message_get_subject(message.get()));
        auto body = pii::MimeMessage::from_parsed(pii::adopt_ref(message.get()), {});
        bodies.push_back(body.serialize_body());
    }
    CHECK(subjects == std::vector<std::string>{"Your letter", "Re: Zo\xC3\xAB's reading book"});
    REQUIRE(bodies.size() == 2);
    // GMime's mbox reader leaves the quoting: the stored body is recovered by stripping one '>'.
    CHECK(bodies[0].find("\n>From Monday") != std::string::npos);
}

TEST_CASE("mbox export splits cleanly with formail", "[export]") {
    if (std::system("command -v formail >/dev/null 2>&1") != 0) {
        WARN("formail not installed; skipped");
        return;
    }
    Fixture f("export-formail");
    auto out = f.archive.scratch() / "zoe.mbox";
    f.export_to(ExportFormat::mbox, out);
    CHECK(run("formail -s sh -c 'cat >/dev/null; echo one' < " + out.string()) == "one\none\n");
    // formail un-quotes exactly one '>' (mboxrd) when asked to write the messages back out.
    std::string bodies = run("formail -s sh -c 'cat' < " + out.string());
    CHECK(bodies.find("Subject: Your letter") != std::string::npos);
    CHECK(bodies.find("Subject: =?UTF-8?Q?Re:_Zo=C3=AB's_reading_book?=") != std::string::npos);
}

TEST_CASE("eml-zip export: one .eml per entry, named by date, byte-exact", "[export]") {
    Fixture f("export-zip");
    auto out = f.archive.scratch() / "zoe.zip";
    f.export_to(ExportFormat::eml_zip, out);
    int error = 0;
    zip_t* zip = zip_open(out.c_str(), ZIP_RDONLY, &error);
    REQUIRE(zip);
    REQUIRE(zip_get_num_entries(zip, 0) == 2);
    std::string first = zip_get_name(zip, 0, 0);
    std::string second = zip_get_name(zip, 1, 0);
    CHECK(first == "20240304T110000_" + std::to_string(f.entries[0].id) + ".eml");
    CHECK(second == "20240305T194210_" + std::to_string(f.entries[1].id) + ".eml");
    zip_stat_t st;
    REQUIRE(zip_stat_index(zip, 1, 0, &st) == 0);
    std::string content(st.size, '\0');
    zip_file_t* file = zip_fopen_index(zip, 1, 0);
    REQUIRE(file);
    CHECK(zip_fread(file, content.data(), st.size) == static_cast<zip_int64_t>(st.size));
    zip_fclose(file);
    zip_close(zip);
    CHECK(content == f.raws[0]);
}

TEST_CASE("PDF export: each entry's sender, addressee and date; UTF-8 names; page numbers", "[export]") {
    if (std::system("command -v pdftotext >/dev/null 2>&1") != 0) {
        WARN("pdftotext (poppler-utils) not installed; skipped");
        return;
    }
    Fixture f("export-pdf");
    auto out = f.archive.scratch() / "zoe.pdf";
    f.export_to(ExportFormat::pdf, out);
    std::string text = run("pdftotext -enc UTF-8 " + out.string() + " -");
    INFO(text.substr(0, 2000));
    CHECK(text.find("Pembury Lane Primary") != std::string::npos);
    CHECK(text.find("Case file: Zo\xC3\xAB Dupr\xC3\xA9 (B801200005001)") != std::string::npos);
    // Entry 1: the school's letter.
    CHECK(text.find("From: School Office <office@school.example>") != std::string::npos);
    CHECK(text.find("To: Claire Dupr\xC3\xA9 <claire.dupre@parents.example>") != std::string::npos);
    CHECK(text.find("Date sent: 2024-03-04 11:00 +00:00") != std::string::npos);
    // Entry 2: the parent's reply.
    CHECK(text.find("From: Claire Dupr\xC3\xA9 <claire.dupre@parents.example>") != std::string::npos);
    CHECK(text.find("To: School Office <office@school.example>") != std::string::npos);
    CHECK(text.find("Date sent: 2024-03-05 19:42 +00:00") != std::string::npos);
    CHECK(text.find("Zo\xC3\xAB will bring her reading book back") != std::string::npos);
    // Date order: the letter comes before the reply.
    CHECK(text.find("2024-03-04 11:00") < text.find("2024-03-05 19:42"));
    // The long letter ran over a page; numbering knows the total.
    auto pages = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\f'));  // pdftotext ends each page with \f
    CHECK(pages >= 2);
    CHECK(text.find("Page 1 of " + std::to_string(pages)) != std::string::npos);
    CHECK(text.find("Page " + std::to_string(pages) + " of " + std::to_string(pages)) != std::string::npos);
    CHECK(text.find("Line 119 of a long letter.") != std::string::npos);
}

TEST_CASE("export formats parse by name; a failed export leaves no file", "[export]") {
    ExportFormat f;
    CHECK(parse_export_format("mbox", f));
    CHECK(f == ExportFormat::mbox);
    CHECK(parse_export_format("eml-zip", f));
    CHECK(f == ExportFormat::eml_zip);
    CHECK(parse_export_format("pdf", f));
    CHECK_FALSE(parse_export_format("docx", f));
    auto missing_dir = make_exporter(ExportFormat::mbox, "/nonexistent-dir/x.mbox", {}, {});
    CHECK_FALSE(missing_dir.is_ok());
}
