// bench_web_load: the web console under load — N concurrent office users browsing a large
// archive for a fixed time, on loopback. Figures only, no pass/fail.
//
//   build/bin/bench_web_load [--dir DIR] [--clients 50] [--seconds 60] [--messages 100000] [--think-ms 0]
//
// The archive comes from bench_archive's generator (100,000 messages of 4-8 KB over 2,000
// pupils): when DIR has no store yet, this runs `bench_archive --dir DIR --messages N`
// first (slow: every record is fsynced, as the milter does) and reuses it on later runs.
// The console is served in this process (WebServer on 127.0.0.1, port chosen by the
// kernel); each client is a thread with its own keep-alive connection and session that
// repeats what office staff do: search for a pupil (POST), open the case file, open one
// message, and now and then the dashboard, with --think-ms between pages (0: none, the
// hardest case; people take a second or more). Every case-file view writes its audit record
// (an fsynced SQLite transaction), as in production. Bounded: the run stops after
// --seconds, and each client records at most kMaxSamplesPerClient latencies.
// Prints requests/s and latency percentiles per kind of page and overall.
#include <httplib.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <random>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "archive/roster/upn.h"
#include "archive/store/store.h"
#include "archive/web/password.h"
#include "archive/web/web_server.h"
#include "pii/base/log.h"
#include "policies/config/config.h"

using namespace chaperone;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::size_t kMaxSamplesPerClient = 1'000'000;
constexpr const char* kPassword = "bench password long enough";

enum Kind { kSearch, kCaseFile, kMessage, kDashboard, kKinds };
const char* kKindNames[] = {"search (POST)", "case file", "message", "dashboard"};

struct Sample {
    Kind kind;
    double ms;
    bool ok;
};

std::string field(const std::string& html, const std::string& name) {
    std::smatch m;
    if (std::regex_search(html, m, std::regex("name=\"" + name + "\" value=\"([^\"]*)\""))) return m[1];
    return {};
}

std::string first_match(const std::string& html, const std::regex& re) {
    std::smatch m;
    if (std::regex_search(html, m, re)) return m[1];
    return {};
}

double percentile(std::vector<double>& v, double p) {
    if (v.empty()) return 0;
    std::size_t i = std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())));
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(i), v.end());
    return v[i];
}

// One office user: sign in, then browse until `stop`.
void client_loop(int port, const std::string& user, int pupils, unsigned seed, int think_ms, const std::atomic<bool>& go,
                 const std::atomic<bool>& stop, std::vector<Sample>& samples, std::atomic<int>& signed_in) {
    httplib::Client c("127.0.0.1", port);
    c.set_keep_alive(true);
    c.set_tcp_nodelay(true);
    c.set_read_timeout(30);
    std::string cookie;
    auto keep = [&](const httplib::Result& r) {
        if (!r) return;
        auto range = r->headers.equal_range("Set-Cookie");
        for (auto it = range.first; it != range.second; ++it) {
            std::string v = it->second.substr(0, it->second.find(';'));
            if (v.rfind("chaperone_session=", 0) == 0 || v.rfind("chaperone_login=", 0) == 0) {
                cookie += (cookie.empty() ? "" : "; ") + v;
            }
        }
    };
    auto login = c.Get("/login");
    keep(login);
    if (!login) return;
    auto in = c.Post("/login", {{"Cookie", cookie}},
                     httplib::Params{{"login_token", field(login->body, "login_token")}, {"name", user}, {"password", kPassword}});
    keep(in);
    if (!in || in->status != 303) {
        std::fprintf(stderr, "%s: sign-in failed (%d)\n", user.c_str(), in ? in->status : -1);
        return;
    }
    httplib::Headers headers{{"Cookie", cookie}};
    auto home = c.Get("/casefiles", headers);
    std::string csrf = home ? field(home->body, "csrf") : "";
    ++signed_in;
    while (!go.load() && !stop.load()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int> pick(0, pupils - 1);
    const std::regex pupil_link("href=\"(/casefiles/pupil/[A-Za-z0-9_-]+)\"");
    const std::regex entry_link("href=\"(/casefiles/entry/\\d+)\\?");
    auto timed = [&](Kind kind, auto&& call) {
        auto t0 = Clock::now();
        httplib::Result r = call();
        double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
        bool ok = r && r->status == 200;
        if (!ok) {
            static std::atomic<int> reported{0};
            if (reported++ < 5) {
                std::fprintf(stderr, "%s: %s after %.0f ms\n", kKindNames[kind],
                             r ? fmt::format("HTTP {}", r->status).c_str() : httplib::to_string(r.error()).c_str(), ms);
            }
        }
        if (samples.size() < kMaxSamplesPerClient) samples.push_back({kind, ms, ok});
        if (think_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(think_ms));
        return r;
    };
    std::uint64_t round = 0;
    while (!stop.load()) {
        ++round;
        if (round % 10 == 0) timed(kDashboard, [&] { return c.Get("/", headers); });
        std::string q = fmt::format("Surname{}", pick(rng));
        auto found = timed(kSearch, [&] { return c.Post("/casefiles/search", headers, httplib::Params{{"csrf", csrf}, {"q", q}}); });
        if (!found || stop.load()) continue;
        std::string link = first_match(found->body, pupil_link);
        if (link.empty()) continue;
        auto file = timed(kCaseFile, [&] { return c.Get(link.c_str(), headers); });
        if (!file || stop.load()) continue;
        std::string entry = first_match(file->body, entry_link);
        if (entry.empty()) continue;
        timed(kMessage, [&] { return c.Get(entry.c_str(), headers); });
    }
}

}  // namespace

int main(int argc, char** argv) {
    std::filesystem::path dir = std::filesystem::current_path() / "bench-web-archive";
    int clients = 50, seconds = 60, messages = 100000, think_ms = 0;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string arg = argv[i];
        if (arg == "--dir") dir = argv[i + 1];
        else if (arg == "--clients") clients = std::stoi(argv[i + 1]);
        else if (arg == "--seconds") seconds = std::stoi(argv[i + 1]);
        else if (arg == "--messages") messages = std::stoi(argv[i + 1]);
        else if (arg == "--think-ms") think_ms = std::stoi(argv[i + 1]);
    }
    log::configure(log::Level::warning, log::Sink::stderr_stream, "bench_web_load");
    if (!std::filesystem::exists(dir / "store" / "chaperone.db")) {
        std::filesystem::path self = std::filesystem::canonical("/proc/self/exe");
        std::string fill = fmt::format("{} --dir {} --messages {}", (self.parent_path() / "bench_archive").string(),
                                       dir.string(), messages);
        std::fprintf(stderr, "filling the archive with bench_archive's generator: %s\n", fill.c_str());
        if (std::system(fill.c_str()) != 0) return std::fprintf(stderr, "bench_archive failed\n"), 2;
    }
    auto config = policies::load_config(dir / "chaperone.toml");
    if (!config) return std::fprintf(stderr, "%s\n", config.error_message().c_str()), 2;
    auto opened = archive::open_store(*config, archive::StoreRole::reader);
    if (!opened) return std::fprintf(stderr, "%s\n", opened.error_message().c_str()), 2;
    auto& store = **opened;
    auto info = store.roster().roster_info();
    int pupils = info ? static_cast<int>(info->pupils) : 2000;
    auto hash = archive::web::hash_password(kPassword);
    if (!hash) return 2;
    for (int i = 0; i < clients; ++i) {
        std::string name = fmt::format("bench.office{}", i);
        if (!store.users().find_user(name)) {
            if (auto s = store.users().add_user(name, archive::UserRole::office, *hash, {"bench", "cli"}); !s) {
                return std::fprintf(stderr, "%s\n", s.error_message().c_str()), 2;
            }
        }
    }
    auto server = archive::web::WebServer::create(*config, store);
    if (!server) return std::fprintf(stderr, "%s\n", server.error_message().c_str()), 2;
    auto port = (*server)->bind({"127.0.0.1", 0});
    if (!port) return std::fprintf(stderr, "%s\n", port.error_message().c_str()), 2;
    std::thread serving([&] { (void)(*server)->serve(); });

    std::atomic<bool> go{false}, stop{false};
    std::atomic<int> signed_in{0};
    std::vector<std::vector<Sample>> samples(static_cast<std::size_t>(clients));
    for (auto& s : samples) s.reserve(4096);
    std::vector<std::thread> threads;
    for (int i = 0; i < clients; ++i) {
        threads.emplace_back(client_loop, *port, fmt::format("bench.office{}", i), pupils, 1000u + static_cast<unsigned>(i),
                             think_ms, std::cref(go), std::cref(stop), std::ref(samples[static_cast<std::size_t>(i)]),
                             std::ref(signed_in));
    }
    // Every client signs in first (argon2id, a few at a time); the clock starts after.
    for (int waited = 0; signed_in.load() < clients && waited < 1200; ++waited) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    auto start = Clock::now();
    go = true;
    std::this_thread::sleep_for(std::chrono::seconds(seconds));
    stop = true;
    for (auto& t : threads) t.join();
    double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    (*server)->stop();
    serving.join();

    std::vector<double> all;
    std::map<int, std::vector<double>> per_kind;
    std::size_t failed = 0;
    for (const auto& list : samples) {
        for (const auto& s : list) {
            if (!s.ok) ++failed;
            all.push_back(s.ms);
            per_kind[s.kind].push_back(s.ms);
        }
    }
    std::printf("web console load: %d clients browsing for %.1f s (%d ms between pages) against %s\n", clients, elapsed,
                think_ms, dir.string().c_str());
    std::printf("archive: %d pupils; %d clients signed in\n", pupils, signed_in.load());
    std::printf("%-16s %9s %9s %9s %9s %9s\n", "page", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms");
    for (auto& [kind, v] : per_kind) {
        std::size_t n = v.size();
        std::printf("%-16s %9zu %9.1f %9.1f %9.1f %9.1f\n", kKindNames[kind], n, n / elapsed, percentile(v, 0.50),
                    percentile(v, 0.95), percentile(v, 0.99));
    }
    std::size_t n = all.size();
    std::printf("%-16s %9zu %9.1f %9.1f %9.1f %9.1f\n", "all", n, n / elapsed, percentile(all, 0.50),
                percentile(all, 0.95), percentile(all, 0.99));
    std::printf("failed (not 200): %zu\n", failed);
    return failed == 0 ? 0 : 1;
}
