// Case files through a real Postfix on loopback: an email to a parent and one from a parent
// land in the right pupils' case files with sender, addressees, date and direction; mail to
// someone who is no contact is not filed; a parent of two is filed by who the message names
// (else both, recorded as such); a listing is in date order whatever order mail arrived in;
// `archive show` gives the header block; the audit chain verifies afterwards.
#include <time.h>

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "quarantine_stack.h"

using namespace chaperone::test;
using nlohmann::json;

namespace {

const char* kJo = "j.bloggs@school.example";
const char* kHelen = "helen.thornbury@parents.example";
const char* kDan = "dan.ashdown@parents.example";
const char* kMaisie = "E856412016101";
const char* kRory = "Q856412018102";
const char* kTheo = "X856412015103";

// An RFC 5322 date `days_ago` days before now, in +0000.
std::string date_days_ago(int days_ago) {
    time_t t = ::time(nullptr) - static_cast<time_t>(days_ago) * 86400;
    struct tm tm {};
    ::gmtime_r(&t, &tm);
    char buf[64];
    ::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S +0000", &tm);
    return buf;
}

std::filesystem::path write_letter(const QuarantineStack& stack, const std::string& id, const std::string& from,
                                   const std::string& to, int days_ago, const std::string& text) {
    auto path = stack.dir() / (id + ".eml");
    write_file(path, "From: " + from + "\nTo: " + to + "\nSubject: Letter " + id + "\nDate: " + date_days_ago(days_ago) +
                         "\nMessage-ID: <" + id + "@e2e.example>\nMIME-Version: 1.0\n"
                         "Content-Type: text/plain; charset=utf-8\n\n" + text);
    return path;
}

json listing(const QuarantineStack& stack, const std::string& upn) {
    RunResult r = stack.cli({"archive", "list", "--student", upn, "--json"});
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    return json::parse(r.output);
}

std::vector<std::string> message_ids(const json& list) {
    std::vector<std::string> out;
    for (const auto& e : list) out.push_back(e["message_id"].get<std::string>());
    return out;
}

std::string basis_for(const json& entry, const std::string& upn) {
    for (const auto& f : entry["filing"])
        if (f["upn"] == upn) return f["basis"].get<std::string>();
    return "";
}

}  // namespace

TEST_CASE("case files through Postfix: both directions, siblings, date order, not filed when no parent",
          "[e2e][casefile]") {
    QuarantineStack stack("casefile");
    INFO(stack.error);
    REQUIRE(stack.error.empty());

    // Sent in this order; dated so that date order differs from arrival order.
    struct Letter {
        std::string id, from_header, to_header, envelope_from, envelope_to;
        int days_ago;
        std::string text;
    };
    const Letter letters[] = {
        {"rory-book", "Jo Bloggs <j.bloggs@school.example>", "Helen Thornbury <helen.thornbury@parents.example>", kJo,
         kHelen, 1, "Dear Mrs Thornbury,\n\nRory left his reading book in class today.\n\nJo Bloggs\n"},
        {"evening", "Jo Bloggs <j.bloggs@school.example>", "Helen Thornbury <helen.thornbury@parents.example>", kJo,
         kHelen, 5, "Dear Mrs Thornbury,\n\nParents' evening is next Thursday from 4pm.\n\nJo Bloggs\n"},
        {"from-dan", "Daniel Ashdown <dan.ashdown@parents.example>", "Jo Bloggs <j.bloggs@school.example>", kDan, kJo, 3,
         "Hello,\n\nTheo has a dentist appointment tomorrow at 9 and will be late.\n\nDan\n"},
        {"coaches", "Jo Bloggs <j.bloggs@school.example>", "Bookings <bookings@coaches.example>", kJo,
         "bookings@coaches.example", 2, "Hello,\n\nPlease confirm the coach for 30 children on Friday.\n\nJo\n"},
    };
    for (const auto& l : letters) {
        SendResult sent = stack.send(l.envelope_from, l.envelope_to,
                                     write_letter(stack, l.id, l.from_header, l.to_header, l.days_ago, l.text));
        INFO(l.id << ": " << sent.output);
        REQUIRE(sent.accepted);
    }
    REQUIRE(stack.sink().wait_for(4, std::chrono::seconds(60)) == 4);  // all four delivered

    // Rory: the letter naming him, and the one naming neither child, oldest first.
    json rory = listing(stack, kRory);
    CHECK(message_ids(rory) == std::vector<std::string>{"<evening@e2e.example>", "<rory-book@e2e.example>"});
    REQUIRE(rory.size() == 2);
    CHECK(basis_for(rory[0], kRory) == "all_children");
    CHECK(basis_for(rory[1], kRory) == "named");
    const json& book = rory[1];
    CHECK(book["direction"] == "out");
    CHECK(book["from"] == "Jo Bloggs <j.bloggs@school.example>");
    CHECK(book["to"] == json::array({"Helen Thornbury <helen.thornbury@parents.example>"}));
    CHECK(book["envelope_to"] == json::array({kHelen}));
    CHECK(book["subject"] == "Letter rory-book");
    CHECK(book["students"] == json::array({kRory}));
    CHECK(book["date"].get<std::string>().size() == 25);  // 2026-11-22T17:47:25+00:00
    CHECK(rory[0]["date"].get<std::string>() < book["date"].get<std::string>());

    // Maisie: only the letter naming neither child.
    json maisie = listing(stack, kMaisie);
    CHECK(message_ids(maisie) == std::vector<std::string>{"<evening@e2e.example>"});
    CHECK(maisie[0]["students"] == json::array({kMaisie, kRory}));

    // Theo: his father's email, inbound.
    json theo = listing(stack, kTheo);
    REQUIRE(theo.size() == 1);
    CHECK(theo[0]["direction"] == "in");
    CHECK(theo[0]["from"] == "Daniel Ashdown <dan.ashdown@parents.example>");
    CHECK(theo[0]["envelope_to"] == json::array({kJo}));
    CHECK(basis_for(theo[0], kTheo) == "only_child");

    // The coach company is no parent: filed nowhere.
    RunResult by_contact = stack.cli({"archive", "list", "--contact", "bookings@coaches.example", "--json"});
    REQUIRE(by_contact.exit_code == 0);
    CHECK(json::parse(by_contact.output).empty());

    // The stored copy of an outbound letter is the delivered one: footer included.
    RunResult shown = stack.cli({"archive", "show", std::to_string(book["id"].get<long long>())});
    INFO(shown.output);
    REQUIRE(shown.exit_code == 0);
    CHECK_THAT(shown.output, Catch::Contains("Helen Thornbury <helen.thornbury@parents.example>"));
    CHECK_THAT(shown.output, Catch::Contains("Rory left his reading book in class today."));
    CHECK_THAT(shown.output, Catch::Contains("Registered office: Pembury Lane"));

    RunResult verified = stack.cli({"audit", "verify"});
    INFO(verified.output);
    CHECK(verified.exit_code == 0);
}
