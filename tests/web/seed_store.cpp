// web_test_seed: fills a store for the browser tests with what the milter would have put
// there, through the store's own interfaces (the CLI has no command that records mail).
//
//   web_test_seed letters  --config C DIR   record every DIR/*.eml as parent correspondence
//   web_test_seed hold     --config C DIR   judge every DIR/*.eml with the policy engine (as
//                                           `chaperone check` does) and hold it in quarantine
//   web_test_seed counters --config C       per-day "scanned" counts for the last 8 weeks
//
// Letters keep the date of their Date: header; the envelope is taken from From/To/Cc.
// Exit 0 on success, 2 with one line on stderr otherwise. Test tool only.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "archive/casefile/correspondence_builder.h"
#include "archive/casefile/text_util.h"
#include "archive/quarantine/fingerprint.h"
#include "archive/quarantine/hold_request.h"
#include "archive/store/store.h"
#include "policies/address/domain.h"
#include "policies/decision/engine_factory.h"

using namespace chaperone;
using namespace chaperone::archive;

namespace {

int fail(const std::string& message) {
    std::fprintf(stderr, "web_test_seed: %s\n", message.c_str());
    return 2;
}

std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::vector<std::filesystem::path> emls(const std::filesystem::path& dir) {
    std::vector<std::filesystem::path> out;
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
        if (e.path().extension() == ".eml") out.push_back(e.path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::string date_header(const std::string& raw) {
    std::istringstream in(raw);
    std::string line;
    while (std::getline(in, line) && !line.empty() && line != "\r") {
        if (line.rfind("Date:", 0) == 0) return trim(line.substr(5));
    }
    return {};
}

bool internal(const policies::Config& config, const std::string& address) {
    return policies::domain_within(policies::address_domain(address), config.school.internal_domains);
}

int seed_letters(const policies::Config& config, Store& store, const std::filesystem::path& dir) {
    int n = 0;
    for (const auto& file : emls(dir)) {
        std::string raw = slurp(file);
        auto sent = parse_rfc5322_date(date_header(raw));
        if (!sent) return fail(file.string() + ": no usable Date: header");
        // Recorded in the last few days (so the dashboard has archived figures), while the
        // case file keeps each letter's own date (its Date: header).
        Timestamp recorded{now_utc().unix_seconds - 86400 * static_cast<std::int64_t>(n++ % 10), 0};
        auto c = build_correspondence(raw, Envelope{}, Direction::out, config.limits, recorded);
        if (!c) return fail(file.string() + ": " + c.error_message());
        c->sent_at = *sent;
        std::string from = bare_address(c->header_from);
        c->envelope_from = from;
        c->direction = internal(config, from) ? Direction::out : Direction::in;
        std::vector<std::string> all = c->header_to;
        all.insert(all.end(), c->header_cc.begin(), c->header_cc.end());
        for (const auto& mailbox : all) c->envelope_to.push_back(bare_address(mailbox));
        if (!internal(config, from)) c->contact_emails.push_back(from);
        for (const auto& to : c->envelope_to) {
            if (!internal(config, to)) c->contact_emails.push_back(to);
        }
        auto e = store.casefiles().record(*c);
        if (!e) return fail(file.string() + ": " + e.error_message());
        std::printf("letter %s: entry %lld, filed to %zu pupil(s)\n", file.filename().c_str(),
                    static_cast<long long>(e->id), e->students.size());
    }
    return 0;
}

int seed_holds(const std::shared_ptr<const policies::Config>& config, Store& store, const std::filesystem::path& dir) {
    auto roster = store.roster().load_roster();
    if (!roster) return fail(roster.error_message());
    auto engine = policies::make_policy_engine(config, std::make_shared<const pii::Roster>(std::move(roster).value()));
    int n = 0;
    for (const auto& file : emls(dir)) {
        std::string raw = slurp(file);
        auto message = pii::MimeMessage::parse(raw);
        if (!message) return fail(file.string() + ": " + message.error_message());
        auto c = build_correspondence(raw, Envelope{}, Direction::out, config->limits, now_utc());
        if (!c) return fail(file.string() + ": " + c.error_message());
        policies::Envelope envelope;
        envelope.mail_from = bare_address(c->header_from);
        for (const auto& to : c->header_to) envelope.recipients.push_back(bare_address(to));
        envelope.queue_id = "SEED" + std::to_string(++n);
        policies::Decision d = engine->decide(envelope, *message);
        if (d.verdict != policies::Action::quarantine) {
            return fail(file.string() + ": the policy says " + std::string(policies::action_name(d.verdict)) +
                        ", not quarantine; fix the fixture");
        }
        HeldHeaders headers{c->header_from, c->subject, c->message_id};
        std::string body = raw.substr(std::min(raw.size(), raw.find("\n\n") + 2));
        std::string fingerprint = quarantine_fingerprint(
            {envelope.mail_from, &envelope.recipients, c->message_id, date_header(raw), c->subject, body});
        auto sent = parse_rfc5322_date(date_header(raw));
        HoldRequest h = build_hold_request(d, envelope, headers, raw, fingerprint,
                                           sent ? Timestamp{sent->unix_seconds + 5, 0} : now_utc());
        auto held = store.quarantine().hold(h);
        if (!held) return fail(file.string() + ": " + held.error_message());
        std::printf("held %s: quarantine %lld (%zu rule(s), %zu finding(s))\n", file.filename().c_str(),
                    static_cast<long long>(held->id), h.rules.size(), h.findings.size());
    }
    return 0;
}

int seed_counters(Store& store) {
    std::int64_t today = now_utc().unix_seconds / 86400;
    std::vector<CounterIncrement> batch;
    for (std::int64_t d = 0; d < 56; ++d) {
        std::int64_t day = today - d;
        std::string date = format_date(Timestamp{day * 86400, 0});
        std::int64_t weekday = ((day + 3) % 7 + 7) % 7;
        std::int64_t scanned = weekday >= 5 ? 12 + d % 5 : 180 + (d * 37) % 90;
        batch.push_back({date, CounterEvent::scanned, "", scanned});
        if (weekday < 5 && d % 3 == 0) {
            batch.push_back({date, CounterEvent::rejected, "", 1});
            batch.push_back({date, CounterEvent::rejected, "pupil-external", 1});
        }
    }
    if (auto s = store.counters().add(batch); !s) return fail(s.message());
    std::printf("counters: %zu rows\n", batch.size());
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 4 || std::string(argv[2]) != "--config") {
        return fail("usage: web_test_seed letters|hold|counters --config C [DIR]");
    }
    std::string what = argv[1];
    auto loaded = policies::load_config(argv[3]);
    if (!loaded) return fail(loaded.error_message());
    auto config = std::make_shared<const policies::Config>(std::move(loaded).value());
    auto store = open_store(*config, StoreRole::reader);
    if (!store) return fail(store.error_message());
    if (what == "counters") return seed_counters(**store);
    if (argc < 5) return fail(what + " needs a DIR");
    if (what == "letters") return seed_letters(*config, **store, argv[4]);
    if (what == "hold") return seed_holds(config, **store, argv[4]);
    return fail("unknown command " + what);
}
