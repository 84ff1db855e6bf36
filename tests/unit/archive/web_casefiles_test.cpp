// Case files through the web console: search (POSTed, never in a URL), a pupil's
// correspondence in date order, one message, the print view, exports, and the audit
// records every reading leaves with the web user as actor.
#include <chrono>
#include <thread>

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "web_test_support.h"

using namespace chaperone;
using namespace chaperone::archive;
using chaperone::test::Browser;
using chaperone::test::WebConsole;

namespace {

const Timestamp kMarch5{1709629920, 0};  // 2024-03-05T09:12:00Z

// Three letters to Zoë's mother, recorded out of date order; one with markup in the subject.
std::vector<EntryId> record_letters(WebConsole& web) {
    std::vector<EntryId> ids;
    static std::vector<std::string> raws;
    raws.clear();
    raws.reserve(3);
    for (std::int64_t day : {2, 0, 1}) {
        Timestamp sent{kMarch5.unix_seconds + day * 86400, 0};
        std::string subject = day == 1 ? "Trip <b>form</b> & consent" : "Letter " + std::to_string(day);
        raws.push_back(test::simple_message("School Office <office@school.example>", "claire.dupre@parents.example",
                                            subject, sent, "Dear Mrs Dupré, letter " + std::to_string(day) + " body."));
        auto c = test::correspondence_for(raws.back(), Direction::out, "claire.dupre@parents.example", sent);
        c.subject = subject;
        auto e = web.store().casefiles().record(c);
        REQUIRE(e.is_ok());
        ids.push_back(e->id);
    }
    return ids;
}

std::string pupil_link(const std::string& html) {
    auto at = html.find("/casefiles/pupil/");
    REQUIRE(at != std::string::npos);
    auto end = html.find('"', at);
    return html.substr(at, end - at);
}

}  // namespace

TEST_CASE("web case files: search, date order, message, print view; no PII in URLs; every read audited", "[web]") {
    WebConsole web("web-casefiles");
    auto ids = record_letters(web);
    Browser b(web.port());
    REQUIRE(b.sign_in("olive") == 303);

    std::string csrf = b.csrf("/casefiles");
    auto search = b.post("/casefiles/search", {{"csrf", csrf}, {"q", "dupr"}});
    REQUIRE(search);
    CHECK(search->status == 200);
    CHECK_THAT(search->body, Catch::Contains("1 pupil(s) found"));
    CHECK_THAT(search->body, Catch::Contains("Dupré, Zoë</a>"));
    CHECK_THAT(search->body, Catch::Contains("B801200005001"));
    std::string link = pupil_link(search->body);
    // The link names the pupil only by an opaque token.
    CHECK(link.find("B801200005001") == std::string::npos);
    CHECK(link.find("Dupr") == std::string::npos);
    CHECK(link.size() > 40);
    auto year = b.post("/casefiles/search", {{"csrf", csrf}, {"q", "Year 4"}});
    CHECK_THAT(year->body, Catch::Contains("1 pupil(s) found"));
    auto none = b.post("/casefiles/search", {{"csrf", csrf}, {"q", "Nobody Atall"}});
    CHECK_THAT(none->body, Catch::Contains("No pupil matches"));

    auto file = b.get(link);
    REQUIRE(file);
    CHECK(file->status == 200);
    // Oldest first, whatever order they were recorded in; markup in a subject is escaped.
    auto l0 = file->body.find(">Letter 0</a>");
    auto l1 = file->body.find(">Trip &lt;b&gt;form&lt;/b&gt; &amp; consent</a>");
    auto l2 = file->body.find(">Letter 2</a>");
    CHECK(l0 != std::string::npos);
    CHECK(l1 != std::string::npos);
    CHECK(l2 != std::string::npos);
    CHECK(l0 < l1);
    CHECK(l1 < l2);
    CHECK(file->body.find("<b>form</b>") == std::string::npos);
    CHECK_THAT(file->body, Catch::Contains("2024-03-05 09:12 +00:00"));
    CHECK_THAT(file->body, Catch::Contains("<span class=\"mailbox__name\">School Office</span> "
                                           "<span class=\"mailbox__address\">office@school.example</span>"));

    // A date range narrows the listing.
    auto narrowed = b.get(link + "?from=2024-03-06&to=2024-03-06");
    REQUIRE(narrowed);
    CHECK(narrowed->body.find(">Letter 0</a>") == std::string::npos);
    CHECK(narrowed->body.find(">Letter 2</a>") == std::string::npos);
    CHECK(narrowed->body.find("consent</a>") != std::string::npos);

    auto entry = b.get("/casefiles/entry/" + std::to_string(ids[1]));
    REQUIRE(entry);
    CHECK(entry->status == 200);
    CHECK_THAT(entry->body, Catch::Contains("Dear Mrs Dupré, letter 0 body."));
    CHECK_THAT(entry->body, Catch::Contains("Zoë Dupré (B801200005001)"));
    CHECK(b.get("/casefiles/entry/999999")->status == 404);
    CHECK(b.get("/casefiles/pupil/AAAAnot-a-token")->status == 404);

    auto print = b.get(link + "/print");
    REQUIRE(print);
    CHECK(print->status == 200);
    CHECK_THAT(print->body, Catch::Contains("Case file: Zoë Dupré"));
    auto p0 = print->body.find("letter 0 body."), p1 = print->body.find("letter 1 body."), p2 = print->body.find("letter 2 body.");
    CHECK(p0 != std::string::npos);
    CHECK(p0 < p1);
    CHECK(p1 < p2);

    // The audit log names the web user and what was read, never the search text.
    auto records = web.store().audit().list(0, 10000);
    REQUIRE(records.is_ok());
    std::map<std::string, int> web_actions;
    for (const auto& r : *records) {
        if (r.channel != "web") continue;
        CHECK(r.actor == "olive");
        CHECK(r.details.find("dupr") == std::string::npos);
        CHECK(r.details.find("Nobody") == std::string::npos);
        ++web_actions[r.action];
    }
    CHECK(web_actions["archive.students"] >= 3);  // three searches, and each page resolves its pupil
    CHECK(web_actions["archive.list"] == 3);      // case file, narrowed, print view
    CHECK(web_actions["archive.show"] == 1);
    CHECK(web_actions["archive.print"] == 1);
    CHECK(web.archive().sql_int("SELECT COUNT(*) FROM audit_log WHERE action = 'archive.show' AND actor = 'olive' "
                                "AND target = 'entry " + std::to_string(ids[1]) + "'") == 1);
}

TEST_CASE("web case files: PDF and mbox exports are the case file, audited, and leave no file behind", "[web]") {
    WebConsole web("web-export");
    record_letters(web);
    Browser b(web.port());
    REQUIRE(b.sign_in("olive") == 303);
    std::string csrf = b.csrf("/casefiles");
    std::string link = pupil_link(b.post("/casefiles/search", {{"csrf", csrf}, {"q", "B801200005001"}})->body);
    std::string token = link.substr(std::string("/casefiles/pupil/").size());

    auto pdf = b.post("/casefiles/export", {{"csrf", csrf}, {"pupil", token}, {"format", "pdf"}});
    REQUIRE(pdf);
    CHECK(pdf->status == 200);
    CHECK(pdf->get_header_value("Content-Type") == "application/pdf");
    CHECK_THAT(pdf->get_header_value("Content-Disposition"), Catch::StartsWith("attachment; filename=\"case-file-"));
    CHECK(pdf->body.rfind("%PDF-", 0) == 0);

    auto mbox = b.post("/casefiles/export", {{"csrf", csrf}, {"pupil", token}, {"format", "mbox"}});
    REQUIRE(mbox);
    CHECK(mbox->status == 200);
    CHECK(mbox->get_header_value("Content-Type") == "application/mbox");
    std::size_t messages = 0;
    for (std::size_t at = 0; (at = mbox->body.find("From office@school.example ", at)) != std::string::npos; ++at) ++messages;
    CHECK(messages == 3);
    CHECK(mbox->body.find("Subject: Letter 0") < mbox->body.find("Subject: Letter 2"));

    CHECK(b.post("/casefiles/export", {{"csrf", csrf}, {"pupil", token}, {"format", "docx"}})->status == 400);
    CHECK(b.post("/casefiles/export", {{"pupil", token}, {"format", "pdf"}})->status == 403);  // no CSRF token

    CHECK(web.archive().sql_int("SELECT COUNT(*) FROM audit_log WHERE action = 'archive.export' AND actor = 'olive' "
                                "AND channel = 'web' AND target = 'student B801200005001'") == 2);
    // The temporary export files are gone once sent: the server removes each when its
    // response is finished, which may be a moment after the client has the last byte.
    auto files_left = [&] {
        std::size_t left = 0;
        for (const auto& f : std::filesystem::directory_iterator(web.archive().dir() / "web-tmp")) {
            (void)f;
            ++left;
        }
        return left;
    };
    for (int i = 0; i < 100 && files_left() > 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    CHECK(files_left() == 0);
}
