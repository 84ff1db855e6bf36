// The web console's parts on their own: the template engine, listen addresses, cookies,
// the rate limiter, opaque ids, passwords, the SVG chart, the user and counter stores,
// weekly figures and the findings highlighter.
#include <catch2/catch.hpp>

#include "archive/store/counter_batch.h"
#include "archive/web/cookies.h"
#include "archive/web/dashboard_figures.h"
#include "archive/web/findings_view.h"
#include "archive/web/listen_address.h"
#include "archive/web/opaque_ids.h"
#include "archive/web/password.h"
#include "archive/web/rate_limiter.h"
#include "archive/web/svg_chart.h"
#include "archive/web/template.h"
#include "archive_test_support.h"

using namespace chaperone;
using namespace chaperone::archive;
using namespace chaperone::archive::web;

namespace {

std::string render(const std::string& text, const Value& data) {
    auto t = Template::parse(text, "test");
    INFO(t.error_message());
    REQUIRE(t.is_ok());
    return t->render(data);
}

}  // namespace

TEST_CASE("templates: variables are escaped; only SafeHtml values are not", "[web][template]") {
    Value v = Value::object();
    v["name"] = "<script>alert('x')</script> & \"q\"";
    v["html"] = SafeHtml{"<b>ok</b>"};
    v["n"] = 42;
    v["person"]["first"] = "Zoë";
    CHECK(render("Hi {{name}}!", v) == "Hi &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;!");
    CHECK(render("{{html}} {{n}} {{ person.first }} [{{missing}}]", v) == "<b>ok</b> 42 Zoë []");
    auto triple = Template::parse("{{{name}}}", "t");
    REQUIRE_FALSE(triple.is_ok());
    CHECK_THAT(triple.error_message(), Catch::Contains("'{{{' is not supported"));
}

TEST_CASE("templates: sections over lists, objects and booleans; inverted sections; context lookup", "[web][template]") {
    Value v = Value::object();
    v["title"] = "T";
    Value& a = v["items"].push_back(Value::object());
    a["name"] = "a";
    a["flag"] = true;
    Value& b = v["items"].push_back(Value::object());
    b["name"] = "b<";
    v["tags"].push_back("x");
    v["tags"].push_back("y");
    v["empty"] = Value::list();
    v["yes"] = true;
    v["zero"] = 0;
    CHECK(render("{{#items}}[{{name}}{{#flag}}!{{/flag}}{{title}}]{{/items}}", v) == "[a!T][b&lt;T]");
    CHECK(render("{{#tags}}<{{.}}>{{/tags}}", v) == "<x><y>");
    CHECK(render("{{#empty}}no{{/empty}}{{^empty}}none{{/empty}}", v) == "none");
    CHECK(render("{{#yes}}Y{{/yes}}{{^yes}}N{{/yes}}{{#zero}}Z{{/zero}}{{^missing}}M{{/missing}}", v) == "YM");
    CHECK(render("{{! a comment }}x", v) == "x");
}

TEST_CASE("templates: standalone tags leave no blank lines; partials share the context", "[web][template]") {
    Value v = Value::object();
    v["items"].push_back("a");
    v["items"].push_back("b");
    CHECK(render("<ul>\n  {{#items}}\n  <li>{{.}}</li>\n  {{/items}}\n</ul>\n", v) == "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n");
    TemplateSet set;
    REQUIRE(set.add("outer", "[{{> inner}}]").is_ok());
    REQUIRE(set.add("inner", "{{#items}}{{.}}{{/items}}").is_ok());
    CHECK(set.render("outer", v) == "[ab]");
    CHECK(set.render("nope", v) == "<!-- missing template nope -->");
    REQUIRE(set.add("loop", "{{> loop}}").is_ok());
    CHECK_THAT(set.render("loop", v), Catch::Contains("missing template loop"));  // depth-limited, no crash
}

TEST_CASE("templates: parse errors name the template and line", "[web][template]") {
    struct Case {
        const char* text;
        const char* error;
    };
    const Case cases[] = {
        {"a\n{{#x}}\nb", "template t line 2: '{{#x}}' is never closed"},
        {"{{#x}}\n{{/y}}", "template t line 2: '{{/y}}' closes 'x' opened on line 1"},
        {"\n\n{{/x}}", "template t line 3: '{{/x}}' closes nothing"},
        {"{{name", "template t line 1: '{{' without '}}'"},
        {"{{bad name}}", "template t line 1: bad name 'bad name'"},
    };
    for (const auto& c : cases) {
        auto t = Template::parse(c.text, "t");
        INFO(c.text);
        REQUIRE_FALSE(t.is_ok());
        CHECK(t.error_message() == c.error);
    }
}

TEST_CASE("templates: every embedded page template parses and renders", "[web][template]") {
    auto set = TemplateSet::from_embedded();
    INFO(set.error_message());
    REQUIRE(set.is_ok());
    for (const char* name : {"layout", "login", "message", "dashboard", "casefiles", "casefile", "entry", "print",
                             "audit", "users", "user", "health", "quarantine", "quarantine_message", "quarantine_bulk"}) {
        INFO(name);
        CHECK(set->has(name));
        std::string html = set->render(name, Value::object());
        CHECK(html.find("missing template") == std::string::npos);
        CHECK(html.find("{{") == std::string::npos);
    }
}

TEST_CASE("listen addresses: parsing and the loopback-or-TLS rule", "[web]") {
    struct Case {
        const char* text;
        const char* host;
        int port;
        bool loopback;
    };
    const Case good[] = {
        {"127.0.0.1:8080", "127.0.0.1", 8080, true}, {"localhost:80", "localhost", 80, true},
        {"[::1]:8443", "::1", 8443, true},           {"127.9.9.9:0", "127.9.9.9", 0, true},
        {"0.0.0.0:8080", "0.0.0.0", 8080, false},    {"192.0.2.10:443", "192.0.2.10", 443, false},
        {"[::]:8080", "::", 8080, false},
    };
    for (const auto& c : good) {
        auto a = parse_listen_address(c.text);
        INFO(c.text);
        REQUIRE(a.is_ok());
        CHECK(a->host == c.host);
        CHECK(a->port == c.port);
        CHECK(is_loopback_host(a->host) == c.loopback);
    }
    for (const char* bad : {"8080", ":8080", "127.0.0.1:", "127.0.0.1:99999", "::1:8080", "[::1]8080", "host:port"}) {
        INFO(bad);
        CHECK_FALSE(parse_listen_address(bad).is_ok());
    }
    policies::WebConfig web;
    CHECK(check_listen_policy({"127.0.0.1", 8080}, web).is_ok());
    auto refused = check_listen_policy({"0.0.0.0", 8080}, web);
    REQUIRE_FALSE(refused.is_ok());
    CHECK(refused.code() == Errc::permission);
    web.tls_cert = "/c.pem";
    CHECK_FALSE(check_listen_policy({"0.0.0.0", 8080}, web).is_ok());  // key missing
    web.tls_key = "/k.pem";
    CHECK(check_listen_policy({"0.0.0.0", 8080}, web).is_ok());
    policies::WebConfig opt_out;
    opt_out.allow_non_loopback_without_tls = true;
    CHECK(check_listen_policy({"0.0.0.0", 8080}, opt_out).is_ok());
}

TEST_CASE("cookies: one value per name; Set-Cookie flags", "[web]") {
    CHECK(cookie_value("a=1; chaperone_session=abc; b=2", "chaperone_session") == "abc");
    CHECK(cookie_value("chaperone_session=\"q\"", "chaperone_session") == "q");
    CHECK_FALSE(cookie_value("a=1", "chaperone_session").has_value());
    CHECK_FALSE(cookie_value("chaperone_session=1; chaperone_session=2", "chaperone_session").has_value());
    CHECK_FALSE(cookie_value("xchaperone_session=1", "chaperone_session").has_value());
    CHECK_FALSE(cookie_value(std::string(kMaxCookieHeaderBytes + 1, 'a'), "a").has_value());
    CHECK(set_cookie("s", "v", false) == "s=v; Path=/; HttpOnly; SameSite=Strict");
    CHECK(set_cookie("s", "v", true, 0) == "s=v; Path=/; HttpOnly; SameSite=Strict; Secure; Max-Age=0");
    CHECK(cookie_names(true).session == "__Host-chaperone_session");
    CHECK(cookie_names(false).session == "chaperone_session");
}

TEST_CASE("rate limiter: a sliding window per key, bounded memory", "[web]") {
    RateLimiter limiter(3, std::chrono::seconds(60));
    auto t0 = RateLimiter::Clock::now();
    for (int i = 0; i < 3; ++i) {
        CHECK(limiter.allowed("k", t0 + std::chrono::seconds(i)));
        limiter.record("k", t0 + std::chrono::seconds(i));
    }
    CHECK_FALSE(limiter.allowed("k", t0 + std::chrono::seconds(10)));
    CHECK(limiter.allowed("other", t0 + std::chrono::seconds(10)));
    CHECK_FALSE(limiter.allowed("k", t0 + std::chrono::seconds(59)));
    CHECK(limiter.allowed("k", t0 + std::chrono::seconds(60)));  // the first failure aged out
    for (std::size_t i = 0; i < kMaxTrackedKeys + 50; ++i) limiter.record("key" + std::to_string(i), t0);
    CHECK(limiter.tracked_keys() <= kMaxTrackedKeys);
}

TEST_CASE("opaque ids: round trip, bound to their kind and process key, tamper-evident", "[web]") {
    OpaqueIds ids, other;
    std::string t1 = ids.seal("pupil", "B801200005001");
    std::string t2 = ids.seal("pupil", "B801200005001");
    CHECK(t1 != t2);  // random nonce: the token says nothing about the pupil
    CHECK(t1.find("B801200005001") == std::string::npos);
    for (char c : t1) CHECK((std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'));
    CHECK(ids.open("pupil", t1) == "B801200005001");
    CHECK_FALSE(ids.open("entry", t1).has_value());
    CHECK_FALSE(other.open("pupil", t1).has_value());
    std::string altered = t1;
    altered[altered.size() / 2] = altered[altered.size() / 2] == 'A' ? 'B' : 'A';
    CHECK_FALSE(ids.open("pupil", altered).has_value());
    CHECK_FALSE(ids.open("pupil", "").has_value());
    CHECK_FALSE(ids.open("pupil", "!!!").has_value());
}

TEST_CASE("passwords: argon2id, rules for new ones", "[web]") {
    CHECK(password_problem("short") == "a password needs at least 10 characters");
    CHECK(password_problem("long enough\x01") == "a password cannot contain control characters");
    CHECK(password_problem("correct horse battery").empty());
    auto hash = hash_password("correct horse battery");
    REQUIRE(hash.is_ok());
    CHECK_THAT(*hash, Catch::StartsWith("$argon2id$"));
    CHECK(verify_password(*hash, "correct horse battery"));
    CHECK_FALSE(verify_password(*hash, "correct horse batterY"));
    CHECK_FALSE(verify_password("", "x"));
    CHECK_FALSE(password_needs_rehash(*hash));
    CHECK(*hash != *hash_password("correct horse battery"));  // salted
}

TEST_CASE("SVG chart: scale, escaping, one bar per value", "[web]") {
    CHECK(nice_ceiling(0) == 1);
    CHECK(nice_ceiling(3) == 5);
    CHECK(nice_ceiling(7) == 10);
    CHECK(nice_ceiling(11) == 20);
    CHECK(nice_ceiling(250) == 500);
    BarChart chart{"A <title>", "desc & more", {"4 Mar", "11 Mar"}, {{"Held", "#c2750a", {3, 0}}, {"Released", "#00703c", {1, 2}}}};
    std::string svg = render_bar_chart(chart, "c").html;
    CHECK_THAT(svg, Catch::StartsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    CHECK_THAT(svg, Catch::Contains("role=\"img\" aria-labelledby=\"c-title c-desc\""));
    CHECK_THAT(svg, Catch::Contains("<title id=\"c-title\">A &lt;title&gt;</title><desc id=\"c-desc\">desc &amp; more</desc>"));
    CHECK_THAT(svg, Catch::Contains("<title>Held, week of 4 Mar: 3</title>"));
    CHECK_THAT(svg, Catch::Contains("<title>Released, week of 11 Mar: 2</title>"));
    std::size_t rects = 0;
    for (std::size_t at = 0; (at = svg.find("<rect", at)) != std::string::npos; ++at) ++rects;
    CHECK(rects == 4);
    CHECK(svg.find("style=") == std::string::npos);
}

TEST_CASE("user store: names, roles, duplicates, sessions end with the account", "[web][store]") {
    test::TestArchive archive("web-users", false);
    auto store = archive.open(StoreRole::admin);
    auto& users = store->users();
    auto id = users.add_user("J.Smith", UserRole::dpo, "$argon2id$fake", test::test_actor());
    REQUIRE(id.is_ok());
    auto dup = users.add_user("j.smith", UserRole::office, "$argon2id$fake", test::test_actor());
    REQUIRE_FALSE(dup.is_ok());
    CHECK(dup.status().code() == Errc::conflict);
    CHECK(users.add_user("bad name", UserRole::office, "h", test::test_actor()).status().code() == Errc::invalid_input);
    CHECK(users.add_user(std::string(65, 'a'), UserRole::office, "h", test::test_actor()).status().code() == Errc::invalid_input);
    auto found = users.find_user("J.SMITH");
    REQUIRE(found.is_ok());
    CHECK(found->account.name == "J.Smith");
    CHECK(found->account.role == UserRole::dpo);
    CHECK(found->password_hash == "$argon2id$fake");
    CHECK(users.find_user("nobody").status().code() == Errc::not_found);

    REQUIRE(users.create_session(WebSession{"hash-1", *id, "csrf", 100, 100}).is_ok());
    auto s = users.find_session("hash-1");
    REQUIRE(s.is_ok());
    CHECK(s->account.name == "J.Smith");
    CHECK(s->session.csrf_token == "csrf");
    REQUIRE(users.touch_session("hash-1", 150).is_ok());
    CHECK(users.find_session("hash-1")->session.last_seen_utc == 150);
    REQUIRE(users.set_disabled("j.smith", true, test::test_actor()).is_ok());
    CHECK(users.find_session("hash-1").status().code() == Errc::not_found);
    REQUIRE(users.set_disabled("j.smith", false, test::test_actor()).is_ok());
    REQUIRE(users.create_session(WebSession{"hash-2", *id, "c", 100, 100}).is_ok());
    REQUIRE(users.create_session(WebSession{"hash-3", *id, "c", 100, 300}).is_ok());
    auto gone = users.delete_sessions_idle_since(200);
    REQUIRE(gone.is_ok());
    CHECK(*gone == 1);
    REQUIRE(users.set_role("J.Smith", UserRole::admin, test::test_actor()).is_ok());
    CHECK(users.find_session("hash-3").status().code() == Errc::not_found);
    CHECK(users.set_password("ghost", "h", test::test_actor()).code() == Errc::not_found);
    CHECK(archive.sql_int("SELECT COUNT(*) FROM audit_log WHERE target = 'user J.Smith' AND action IN "
                          "('user.add', 'user.disable', 'user.enable', 'user.role')") == 4);
    auto report = store->audit().verify_chain();
    REQUIRE(report.is_ok());
    CHECK(report->ok);
}

TEST_CASE("counter store and weekly figures: milter counts per week and rule, archived from the case files", "[web][store]") {
    test::TestArchive archive("web-counters");
    auto store = archive.open(StoreRole::reader);
    // Monday 2024-03-04; figures for the two weeks up to Sunday 2024-03-17.
    std::int64_t sunday = days_from_civil(2024, 3, 17);
    REQUIRE(store->counters()
                .add({{"2024-03-04", CounterEvent::scanned, "", 100},
                      {"2024-03-10", CounterEvent::scanned, "", 20},
                      {"2024-03-11", CounterEvent::scanned, "", 7},
                      {"2024-03-12", CounterEvent::rejected, "pupil-external", 1},
                      {"2024-03-12", CounterEvent::rejected, "", 1},
                      {"2024-03-03", CounterEvent::scanned, "", 1000},  // the week before: not counted
                      {"2024-03-04", CounterEvent::scanned, "", 1}})
                .is_ok());
    CHECK(store->counters().add({{"2024-13-01", CounterEvent::scanned, "", 1}}).code() == Errc::invalid_input);
    CHECK(store->counters().add({{"2024-03-01", CounterEvent::scanned, "Bad Rule", 1}}).code() == Errc::invalid_input);
    CHECK(store->counters().add({{"2024-03-01", CounterEvent::scanned, "", -1}}).code() == Errc::invalid_input);
    for (CounterEvent e : {CounterEvent::held, CounterEvent::released, CounterEvent::discarded, CounterEvent::archived}) {
        CHECK(store->counters().add({{"2024-03-01", e, "", 1}}).code() == Errc::invalid_input);
    }
    // Two letters recorded on 2024-03-12.
    std::vector<std::string> raws;
    raws.reserve(2);
    for (int i = 0; i < 2; ++i) {
        Timestamp sent{days_from_civil(2024, 3, 12) * 86400 + 3600 * i, 0};
        raws.push_back(test::simple_message("office@school.example", "claire.dupre@parents.example", "x", sent, "y"));
        auto c = test::correspondence_for(raws.back(), Direction::out, "claire.dupre@parents.example", sent);
        c.recorded_at = sent;
        REQUIRE(store->casefiles().record(c).is_ok());
    }
    auto f = weekly_figures(*store, 2, sunday);
    INFO(f.error_message());
    REQUIRE(f.is_ok());
    REQUIRE(f->weeks.size() == 2);
    CHECK(f->weeks[0].start_day == "2024-03-04");
    CHECK(f->weeks[0].label == "4 Mar");
    CHECK(f->weeks[1].start_day == "2024-03-11");
    CHECK(f->weeks[0].get(CounterEvent::scanned) == 121);
    CHECK(f->weeks[1].get(CounterEvent::scanned) == 7);
    CHECK(f->weeks[1].get(CounterEvent::rejected) == 1);
    CHECK(f->weeks[1].get(CounterEvent::archived) == 2);
    CHECK(f->total(CounterEvent::scanned) == 128);
    CHECK(f->per_rule["pupil-external"][static_cast<std::size_t>(CounterEvent::rejected)] == 1);
    // A wednesday falls in its Monday's week.
    auto mid = weekly_figures(*store, 1, days_from_civil(2024, 3, 13));
    REQUIRE(mid.is_ok());
    CHECK(mid->weeks[0].start_day == "2024-03-11");
    CHECK(day_string(days_from_civil(2024, 2, 29)) == "2024-02-29");
}

TEST_CASE("weekly figures: held, released and discarded come from the quarantine's audit records", "[web][store]") {
    test::TestArchive archive("web-counters-quarantine");
    auto store = archive.open(StoreRole::reader);
    auto& q = store->quarantine();
    std::vector<QuarantineId> ids;
    for (int i = 0; i < 3; ++i) {
        HoldRequest h;
        h.fingerprint = "fp" + std::to_string(i);
        h.received_at = now_utc();
        h.queue_id = "Q" + std::to_string(i);
        h.envelope_from = "office@school.example";
        h.envelope_to = {"someone@elsewhere.example"};
        h.header_from = "office@school.example";
        h.subject = "held " + std::to_string(i);
        h.rules = {{"pii-in-body", "quarantine", "personal data in the body"}};
        if (i == 2) h.rules.push_back({"other-family", "quarantine", "another family's child"});
        h.raw_message = "From: office@school.example\nSubject: held\n\nbody " + std::to_string(i) + "\n";
        auto held = q.hold(h);
        INFO(held.error_message());
        REQUIRE(held.is_ok());
        ids.push_back(held->id);
    }
    Actor dpo{"dora", "web"};
    REQUIRE(q.discard(ids[0], dpo, "wrong recipient").is_ok());
    auto claim = q.claim_release(ids[2], dpo, "agreed");
    REQUIRE(claim.is_ok());
    REQUIRE(q.finish_release(ids[2], claim->token, ReleaseOutcome::sent, dpo, "250 ok").is_ok());
    auto waiting = store->counters().waiting_for_review();
    REQUIRE(waiting.is_ok());
    CHECK(*waiting == 1);

    auto f = weekly_figures(*store, 1, today_days_utc());
    INFO(f.error_message());
    REQUIRE(f.is_ok());
    CHECK(f->total(CounterEvent::held) == 3);
    CHECK(f->total(CounterEvent::discarded) == 1);
    CHECK(f->total(CounterEvent::released) == 1);
    auto rule = [&](const char* id, CounterEvent e) { return f->per_rule[id][static_cast<std::size_t>(e)]; };
    CHECK(rule("pii-in-body", CounterEvent::held) == 3);
    CHECK(rule("other-family", CounterEvent::held) == 1);
    CHECK(rule("pii-in-body", CounterEvent::discarded) == 1);
    CHECK(rule("other-family", CounterEvent::discarded) == 0);
    CHECK(rule("pii-in-body", CounterEvent::released) == 1);   // from the hold record of the released entry
    CHECK(rule("other-family", CounterEvent::released) == 1);
    // The quarantine expiring the messages does not change the past.
    auto expired = q.expired(Timestamp{now_utc().unix_seconds + 400 * 86400, 0}, 30);
    REQUIRE(expired.is_ok());
    REQUIRE(q.expire(*expired, dpo).is_ok());
    auto after = weekly_figures(*store, 1, today_days_utc());
    REQUIRE(after.is_ok());
    CHECK(after->total(CounterEvent::held) == 3);
    CHECK(after->total(CounterEvent::released) == 1);
    CHECK(*store->counters().waiting_for_review() == 0);
}

TEST_CASE("counter batch: counts per day, event and rule; a failed flush keeps them", "[web][store]") {
    test::TestArchive archive("web-counter-batch", false);
    auto store = archive.open(StoreRole::admin);
    CounterBatch batch;
    for (int i = 0; i < 5; ++i) batch.count(CounterEvent::scanned);
    batch.count(CounterEvent::rejected, {"pupil-external", "pii-in-body"});
    batch.count(CounterEvent::delivered);
    CHECK(batch.pending() == 5);  // scanned, rejected x3 keys, delivered
    CHECK(batch.due(std::chrono::seconds(0)));
    CHECK_FALSE(batch.due(std::chrono::hours(1)));
    archive.sql("DROP TABLE message_counters");
    CHECK_FALSE(batch.flush(store->counters()).is_ok());
    CHECK(batch.pending() == 5);
    archive.sql("CREATE TABLE message_counters (day TEXT NOT NULL, event TEXT NOT NULL, rule TEXT NOT NULL, "
                "count INTEGER NOT NULL, PRIMARY KEY (day, event, rule)) WITHOUT ROWID");
    REQUIRE(batch.flush(store->counters()).is_ok());
    CHECK(batch.pending() == 0);
    CHECK(archive.sql_int("SELECT count FROM message_counters WHERE event = 'scanned' AND rule = ''") == 5);
    CHECK(archive.sql_int("SELECT count FROM message_counters WHERE event = 'rejected' AND rule = ''") == 1);
    CHECK(archive.sql_int("SELECT count FROM message_counters WHERE event = 'rejected' AND rule = 'pii-in-body'") == 1);
    REQUIRE(batch.flush(store->counters()).is_ok());  // nothing pending: no change
    CHECK(archive.sql_int("SELECT SUM(count) FROM message_counters") == 9);  // 5 + 3 + 1
}

TEST_CASE("findings highlighter: marks in place, escapes, skips bad offsets, excerpts long texts", "[web]") {
    pii::Extraction x;
    x.texts.push_back({"body", "Subject: Zoë <b>\n\nDOB 12/04/2015 for Zoë Dupré."});
    std::string body = x.texts[0].text;
    auto at = [&](const std::string& s) { return static_cast<std::uint64_t>(body.find(s)); };
    std::vector<QuarantineFinding> findings = {
        {"dob", "body", at("12/04/2015"), at("12/04/2015") + 10, 0.9, {"pii-in-body"}},
        {"person_name", "body", at("Zoë Dupré"), at("Zoë Dupré") + std::string("Zoë Dupré").size(), 0.9, {"pii-in-body"}},
        {"person_name", "body", at("Zoë Dupré") + 1, at("Zoë Dupré") + 3, 0.5, {}},  // overlaps: skipped
        {"phone", "body", 1000, 1010, 0.9, {}},                                         // out of range: skipped
        {"email", "report.docx", 0, 3, 0.9, {}},                                        // no such source
    };
    auto out = highlight_findings(x, findings);
    REQUIRE(out.size() == 1);
    CHECK(out[0].where == "body");
    CHECK(out[0].findings == 2);
    CHECK(out[0].skipped == 2);
    CHECK_FALSE(out[0].excerpted);
    CHECK(out[0].html.html ==
          "Subject: Zoë &lt;b&gt;\n\nDOB <mark class=\"finding\">12/04/2015<span class=\"finding__kind\">date of birth</span>"
          "</mark> for <mark class=\"finding\">Zoë Dupré<span class=\"finding__kind\">name</span></mark>.");

    pii::Extraction big;
    std::string filler(kWholeSourceBytes, 'x');
    big.texts.push_back({"notes.txt", filler + " 07700 900123 " + filler});
    std::uint64_t s = kWholeSourceBytes + 1;
    auto long_out = highlight_findings(big, {{"phone", "notes.txt", s, s + 12, 0.9, {}}});
    REQUIRE(long_out.size() == 1);
    CHECK(long_out[0].excerpted);
    CHECK_THAT(long_out[0].html.html, Catch::Contains(">07700 900123<span class=\"finding__kind\">phone</span></mark>"));
    CHECK(long_out[0].html.html.size() < 2 * kContextBytes + 200);
}
