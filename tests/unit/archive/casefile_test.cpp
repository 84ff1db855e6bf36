// Case files: recording with the filing rule, date-ordered listing, reading back, audit of
// reads, roles, atomic roster re-import, and building a Correspondence from a real message.
#include <map>

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "archive/casefile/correspondence_builder.h"
#include "archive/casefile/message_text.h"
#include "archive_test_support.h"

using namespace chaperone;
using namespace chaperone::archive;
using chaperone::test::TestArchive;

namespace {
const Timestamp kMarch5{1709629920, 0};  // 2024-03-05T09:12:00Z
Timestamp at(std::int64_t days_after) { return Timestamp{kMarch5.unix_seconds + days_after * 86400, 0}; }
}  // namespace

TEST_CASE("roster store: versions, load, atomic re-import", "[store][roster]") {
    TestArchive archive("roster-store");
    auto store = archive.open(StoreRole::admin);
    auto version = store->roster().roster_version();
    REQUIRE(version.is_ok());
    CHECK(*version == 1);
    auto roster = store->roster().load_roster();
    REQUIRE(roster.is_ok());
    CHECK(roster->version == 1);
    CHECK(roster->pupils.size() == 6);
    CHECK(roster->contacts.size() == 7);
    CHECK(roster->staff.size() == 2);
    CHECK(roster->pupils[0].forename == "Zo\xC3\xAB");

    // A roster the database refuses half-way (a contact of no pupil) changes nothing.
    pii::Roster broken = *roster;
    broken.pupils.resize(1);
    auto failed = store->roster().replace_roster(broken, test::test_actor());
    REQUIRE_FALSE(failed.is_ok());
    CHECK(*store->roster().roster_version() == 1);
    auto unchanged = store->roster().load_roster();
    REQUIRE(unchanged.is_ok());
    CHECK(unchanged->pupils.size() == 6);
    CHECK(unchanged->contacts.size() == 7);

    pii::Roster smaller = *roster;
    smaller.pupils.resize(1);
    smaller.contacts.resize(1);
    auto v2 = store->roster().replace_roster(smaller, test::test_actor());
    REQUIRE(v2.is_ok());
    CHECK(*v2 == 2);
    auto info = store->roster().roster_info();
    REQUIRE(info.is_ok());
    CHECK(info->pupils == 1);
    CHECK(info->contacts == 1);
    CHECK(info->staff == 2);
    // A second process sees the new version.
    auto other = archive.open(StoreRole::milter);
    CHECK(*other->roster().roster_version() == 2);
}

TEST_CASE("record files siblings by the rule and reads back exactly", "[casefile]") {
    TestArchive archive("record");
    auto store = archive.open();
    auto& files = store->casefiles();

    std::string to_all = test::simple_message("School Office <office@school.example>", "sarah.hartley@parents.example",
                                              "Harvest festival", at(0), "Dear parents, the harvest festival is on Friday.");
    auto all = files.record(test::correspondence_for(to_all, Direction::out, "sarah.hartley@parents.example", at(0)));
    REQUIRE(all.is_ok());
    CHECK(all->students == std::vector<FiledPupil>{{"E801200005003", FilingBasis::all_children},
                                                   {"Q801200005002", FilingBasis::all_children}});

    std::string about_oliver = test::simple_message("office@school.example", "sarah.hartley@parents.example",
                                                    "Oliver's reading", at(1), "Oliver has read ten books.");
    auto named = files.record(test::correspondence_for(about_oliver, Direction::out, "Sarah.Hartley@parents.example",
                                                       at(1), {"Q801200005002", "B801200005001"}));
    REQUIRE(named.is_ok());
    CHECK(named->students == std::vector<FiledPupil>{{"Q801200005002", FilingBasis::named}});

    std::string stranger = test::simple_message("x@elsewhere.example", "office@school.example", "Hello", at(2), "Hi");
    auto unfiled = files.record(test::correspondence_for(stranger, Direction::in, "x@elsewhere.example", at(2)));
    REQUIRE(unfiled.is_ok());
    CHECK(unfiled->students.empty());

    auto message = files.read_entry(named->id, test::test_actor());
    REQUIRE(message.is_ok());
    CHECK(message->raw == about_oliver);
    CHECK(message->entry.subject == "Test subject");
    CHECK(message->entry.sent_at == at(1));
    CHECK(message->entry.direction == Direction::out);
    CHECK(message->entry.envelope_to == std::vector<std::string>{"Sarah.Hartley@parents.example"});
    CHECK(message->entry.contacts == std::vector<std::string>{"sarah.hartley@parents.example"});

    auto amelia = files.list_entries(EntryQuery{"E801200005003", "", {}, {}, 100}, test::test_actor());
    REQUIRE(amelia.is_ok());
    REQUIRE(amelia->size() == 1);
    CHECK((*amelia)[0].id == all->id);
    auto oliver = files.list_entries(EntryQuery{"Q801200005002", "", {}, {}, 100}, test::test_actor());
    REQUIRE(oliver.is_ok());
    CHECK(oliver->size() == 2);

    auto missing = files.read_entry(9999, test::test_actor());
    REQUIRE_FALSE(missing.is_ok());
    CHECK(missing.status().code() == Errc::not_found);
    CHECK(missing.error_message() == "no case-file entry 9999");
}

TEST_CASE("listing is in date order of sending, whatever the arrival order", "[casefile]") {
    TestArchive archive("date-order");
    auto store = archive.open();
    std::vector<std::string> raws;
    const int days[] = {5, 1, 9, 3, 7};  // arrival order
    raws.reserve(5);
    for (int d : days) {
        raws.push_back(test::simple_message("claire.dupre@parents.example", "office@school.example",
                                            "Day " + std::to_string(d), at(d), "Message of day " + std::to_string(d)));
        auto c = test::correspondence_for(raws.back(), Direction::in, "claire.dupre@parents.example", at(d));
        c.subject = "Day " + std::to_string(d);
        REQUIRE(store->casefiles().record(c).is_ok());
    }
    auto entries = store->casefiles().list_entries(EntryQuery{"B801200005001", "", {}, {}, 100}, test::test_actor());
    REQUIRE(entries.is_ok());
    std::vector<std::string> subjects;
    for (const auto& e : *entries) subjects.push_back(e.subject);
    CHECK(subjects == std::vector<std::string>{"Day 1", "Day 3", "Day 5", "Day 7", "Day 9"});

    auto window = store->casefiles().list_entries(EntryQuery{"B801200005001", "", at(3), at(7), 100}, test::test_actor());
    REQUIRE(window.is_ok());
    REQUIRE(window->size() == 3);
    CHECK((*window)[0].subject == "Day 3");
    CHECK((*window)[2].subject == "Day 7");

    auto by_contact = store->casefiles().list_entries(EntryQuery{"", "Claire.Dupre@parents.example", {}, {}, 100},
                                                      test::test_actor());
    REQUIRE(by_contact.is_ok());
    CHECK(by_contact->size() == 5);
}

TEST_CASE("reads and listings are audited without content; the milter cannot read", "[casefile][audit]") {
    TestArchive archive("audited");
    auto store = archive.open();
    std::string raw = test::simple_message("office@school.example", "claire.dupre@parents.example", "Secret subject",
                                           at(0), "Body text");
    auto entry = store->casefiles().record(test::correspondence_for(raw, Direction::out, "claire.dupre@parents.example", at(0)));
    REQUIRE(entry.is_ok());
    REQUIRE(store->casefiles().read_entry(entry->id, Actor{"alice", "cli"}).is_ok());
    REQUIRE(store->casefiles().list_entries(EntryQuery{"B801200005001", "", {}, {}, 10}, Actor{"bob", "web"}).is_ok());
    REQUIRE(store->casefiles().find_students("Zoë", Actor{"carol", "cli"}).is_ok());

    auto log = store->audit().list(0, 100);
    REQUIRE(log.is_ok());
    REQUIRE(log->size() == 4);  // roster import, show, list, students
    CHECK((*log)[0].action == "roster.import");
    CHECK((*log)[1].action == "archive.show");
    CHECK((*log)[1].actor == "alice");
    CHECK((*log)[1].target == "entry " + std::to_string(entry->id));
    CHECK((*log)[2].action == "archive.list");
    CHECK((*log)[2].channel == "web");
    CHECK((*log)[2].target == "student B801200005001");
    CHECK((*log)[3].action == "archive.students");
    for (const auto& r : *log) {
        CHECK(r.details.find("Secret") == std::string::npos);
        CHECK(r.details.find("Zo") == std::string::npos);
        CHECK(r.details.find("claire") == std::string::npos);
    }
    // The log refuses edits even through SQL.
    CHECK(archive.sql_error("UPDATE audit_log SET actor = 'mallory'") == "audit_log is append-only");
    CHECK(archive.sql_error("DELETE FROM audit_log") == "audit_log is append-only");
    CHECK(archive.sql_error("DELETE FROM ledger") == "ledger is append-only");

    auto milter = archive.open(StoreRole::milter);
    auto denied = milter->casefiles().read_entry(entry->id, Actor{"milter", "milter"});
    REQUIRE_FALSE(denied.is_ok());
    CHECK(denied.status().code() == Errc::permission);
}

TEST_CASE("students search: name (any case, accents), UPN, year group", "[casefile]") {
    TestArchive archive("students");
    auto store = archive.open();
    auto names = [&](const std::string& search) {
        auto found = store->casefiles().find_students(search, test::test_actor());
        REQUIRE(found.is_ok());
        std::vector<std::string> out;
        for (const auto& s : *found) out.push_back(s.upn);
        return out;
    };
    CHECK(names("ZOË").size() == 1);
    CHECK(names("zoë dupré") == std::vector<std::string>{"B801200005001"});
    CHECK(names("hartley") == std::vector<std::string>{"E801200005003", "Q801200005002"});
    CHECK(names("h801200005005") == std::vector<std::string>{"H801200005005"});
    CHECK(names("Reception") == std::vector<std::string>{"H801200005005"});
    CHECK(names("").size() == 6);
    CHECK(names("nobody").empty());
}

TEST_CASE("students search counts each pupil's entries, for a few matches and for hundreds", "[casefile]") {
    TestArchive archive("students-many");
    auto store = archive.open();
    // 300 pupils (more than are counted one lookup each); every tenth has a parent on file.
    pii::Roster roster;
    for (int i = 0; i < 300; ++i) {
        std::string upn = fmt::format("T{:012d}", i);
        roster.pupils.push_back({upn, fmt::format("Pupil{:03d}", i), "Testington", "2016-01-01", "Year 3", "", "", ""});
        if (i % 10 == 0) roster.contacts.push_back({upn, "A Parent", "Mother", fmt::format("p{}@home.example", i), ""});
    }
    REQUIRE(store->roster().replace_roster(roster, test::test_actor()).is_ok());
    for (int i = 0; i < 300; i += 10) {
        for (int n = 0; n <= i / 100; ++n) {  // 1, 2 or 3 letters
            std::string raw = test::simple_message("office@school.example", fmt::format("p{}@home.example", i), "Note",
                                                   at(n), "A note home.");
            REQUIRE(store->casefiles()
                        .record(test::correspondence_for(raw, Direction::out, fmt::format("p{}@home.example", i), at(n)))
                        .is_ok());
        }
    }
    auto entries = [&](const std::string& search) {
        auto found = store->casefiles().find_students(search, test::test_actor());
        REQUIRE(found.is_ok());
        std::map<std::string, std::int64_t> out;
        for (const auto& s : *found) out[s.upn] = s.entries;
        return out;
    };
    auto everyone = entries("");  // 300 matches: counted in one pass
    REQUIRE(everyone.size() == 300);
    CHECK(everyone["T000000000000"] == 1);
    CHECK(everyone["T000000000001"] == 0);
    CHECK(everyone["T000000000150"] == 2);
    CHECK(everyone["T000000000290"] == 3);
    std::int64_t total = 0;
    for (const auto& [upn, n] : everyone) total += n;
    CHECK(total == 10 * 1 + 10 * 2 + 10 * 3);
    auto one = entries("pupil290");  // one match: counted by itself
    CHECK(one == std::map<std::string, std::int64_t>{{"T000000000290", 3}});
}

TEST_CASE("a failed blob write leaves no row", "[casefile]") {
    TestArchive archive("blob-fail");
    auto store = archive.open();
    // Put a file where the blob directory goes: every blob write fails with an I/O error.
    test::write_file(archive.dir() / "blobs", "not a directory");
    std::string raw = test::simple_message("office@school.example", "claire.dupre@parents.example", "S", at(0), "B");
    auto failed = store->casefiles().record(test::correspondence_for(raw, Direction::out, "claire.dupre@parents.example", at(0)));
    REQUIRE_FALSE(failed.is_ok());
    CHECK(failed.status().code() == Errc::io);
    CHECK(archive.sql_int("SELECT COUNT(*) FROM casefile_entries") == 0);
    CHECK(archive.sql_int("SELECT COUNT(*) FROM ledger WHERE kind = 'casefile'") == 0);
}

TEST_CASE("build_correspondence reads headers, date and attachments of a real message", "[casefile]") {
    std::string raw = test::read_file(test::tests_path("fixtures/archive/school_letter.eml"));
    Timestamp recorded{1709540100 + 60, 0};  // a minute after the Date: header
    auto c = build_correspondence(raw, Envelope{"A.Teacher@school.example", {"sarah.hartley@parents.example",
                                                                               "james.hartley@parents.example"}},
                                  Direction::out, policies::LimitsConfig{}, recorded);
    REQUIRE(c.is_ok());
    CHECK(c->header_from == "Mrs Ann Teacher <a.teacher@school.example>");
    CHECK(c->header_to == std::vector<std::string>{"Sarah Hartley <sarah.hartley@parents.example>"});
    CHECK(c->header_cc == std::vector<std::string>{"James Hartley <james.hartley@parents.example>"});
    CHECK(c->envelope_from == "a.teacher@school.example");
    CHECK(c->subject == "Trip to the museum on Friday");
    CHECK(c->message_id == "<letter-7@school.example>");
    CHECK(c->sent_at == Timestamp{1709540100, 0});
    REQUIRE(c->attachments.size() == 1);
    CHECK(c->attachments[0].name == "consent-form.pdf");
    CHECK(c->attachments[0].type == "application/pdf");
    CHECK(c->attachments[0].size == 82);
    CHECK(c->attachments[0].sha256 == "36dc4d8396e18eff67cf01ca1121f420465e698179be0d927351dbe6ac07884d");
    CHECK(c->raw_message.size() == raw.size());

    // A Date: header far from the time of recording is not believed.
    Timestamp much_later{1709540100 + 90 * 86400, 0};
    auto late = build_correspondence(raw, Envelope{}, Direction::out, policies::LimitsConfig{}, much_later);
    REQUIRE(late.is_ok());
    CHECK(late->sent_at == much_later);
}

TEST_CASE("message text: plain part, or HTML stripped; RFC 2047 subject decoded", "[casefile]") {
    auto reply = pii::MimeMessage::parse(test::read_file(test::tests_path("fixtures/archive/parent_reply.eml")));
    REQUIRE(reply.is_ok());
    CHECK(message_text(*reply, {}) ==
          "Dear Mrs Teacher,\n\nThank you for letting me know. Zo\xC3\xAB will bring her reading book back tomorrow "
          "morning.\n\nKind regards,\nClaire Dupr\xC3\xA9\n");
    CHECK(reply->header("Subject") == "Re: Zo\xC3\xAB's reading book");
    auto html = pii::MimeMessage::parse(test::read_file(test::tests_path("fixtures/archive/html_only.eml")));
    REQUIRE(html.is_ok());
    CHECK(message_text(*html, {}) ==
          "Dear Mrs Whitfield,\n\nParents' evening is on Thursday & Friday.\nPlease book a slot \xC3\xA9" "arly.\n\n"
          "- Noah: 4pm\n- Isla: 4:15pm");
}

TEST_CASE("timestamps format and parse", "[casefile]") {
    Timestamp t{1709629920, 60};
    CHECK(format_iso8601(t) == "2024-03-05T10:12:00+01:00");
    CHECK(format_human(t) == "2024-03-05 10:12 +01:00");
    CHECK(format_asctime_utc(t) == "Tue Mar  5 09:12:00 2024");
    CHECK(parse_iso8601("2024-03-05T10:12:00+01:00") == std::optional<Timestamp>(t));
    CHECK(parse_iso8601("2024-03-05") == std::optional<Timestamp>(Timestamp{1709596800, 0}));
    CHECK_FALSE(parse_iso8601("2024-02-30").has_value());
    CHECK_FALSE(parse_iso8601("yesterday").has_value());
    CHECK(parse_rfc5322_date("Tue, 05 Mar 2024 10:12:00 +0100") == std::optional<Timestamp>(t));
    CHECK_FALSE(parse_rfc5322_date("").has_value());
}
