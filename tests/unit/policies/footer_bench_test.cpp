// CPU cost of footing an 8 KB multipart/alternative message (Gmail-shaped, UTF-8
// quoted-printable plain and HTML). Prints figures; asserts nothing about time.
// Run: ./build/bin/policies_tests "[footer_bench]"
#include <time.h>

#include <iostream>

#include "footer_test_support.h"
#include "policies/footer/footer_inserter.h"

using namespace chaperone;
using namespace chaperone::footer_test;

namespace {

double thread_cpu_us() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e6 + static_cast<double>(ts.tv_nsec) / 1e3;
}

}  // namespace

TEST_CASE("footer cost for an 8 KB multipart/alternative message", "[footer_bench][!benchmark]") {
    const std::string raw = fixture("bench_alternative_8k.eml");
    const int iterations = 3000;
    double parse_us = 0, insert_us = 0, serialize_us = 0;
    std::size_t bytes = 0;
    for (int i = 0; i < iterations + 100; ++i) {
        double t0 = thread_cpu_us();
        pii::MimeMessage message = parse(raw);
        double t1 = thread_cpu_us();
        policies::FooterResult result = policies::insert_footer(message, kFooter);
        double t2 = thread_cpu_us();
        std::string body = message.serialize_body(true);
        double t3 = thread_cpu_us();
        REQUIRE(result.outcome == FooterOutcome::added);
        if (i < 100) continue;  // warm-up: charset caches, allocator
        parse_us += t1 - t0;
        insert_us += t2 - t1;
        serialize_us += t3 - t2;
        bytes = body.size();
    }
    std::cout << "footer bench: " << raw.size() << "-byte message, " << iterations << " runs, CPU per message: "
              << "insert_footer " << insert_us / iterations << " us, parse " << parse_us / iterations
              << " us, serialize_body " << serialize_us / iterations << " us (body " << bytes << " bytes)\n";
}
