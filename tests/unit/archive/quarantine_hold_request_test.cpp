// From a policy decision to what the quarantine keeps: fingerprints, masked subjects,
// findings without text, redacted context for the DPO.
#include <catch2/catch.hpp>

#include "archive/quarantine/fingerprint.h"
#include "archive/quarantine/hold_request.h"
#include "archive/quarantine/redacted_context.h"

using namespace chaperone;
using namespace chaperone::archive;

TEST_CASE("fingerprints: the same message retried is the same; any real difference is not", "[quarantine][fingerprint]") {
    std::vector<std::string> to = {"b@x.example", "A@y.example"};
    std::vector<std::string> to_reordered = {"a@y.example", "b@x.example"};
    FingerprintInput base{"j@school.example", &to, "<1@school.example>", "Mon, 3 Mar 2025 10:00:00 +0000", "Hi", "body\n"};
    std::string fp = quarantine_fingerprint(base);
    CHECK(fp.size() == 64);
    FingerprintInput same = base;
    same.envelope_to = &to_reordered;
    CHECK(quarantine_fingerprint(same) == fp);
    std::vector<FingerprintInput> different(5, base);
    different[0].envelope_from = "k@school.example";
    different[1].message_id = "<2@school.example>";
    different[2].body = "body.\n";
    different[3].subject = "Hi!";
    std::vector<std::string> more = {"b@x.example", "A@y.example", "c@z.example"};
    different[4].envelope_to = &more;
    for (const auto& d : different) CHECK(quarantine_fingerprint(d) != fp);
}

TEST_CASE("subjects are stored with findings masked", "[quarantine][subject]") {
    pii::ScanReport scan;
    scan.extraction.texts = {{"body", "Maisie Thornbury DOB 14/03/2016\n\nHello"}};
    pii::Finding name;
    name.kind = pii::PiiKind::person_name;
    name.start = 0;
    name.end = 16;
    pii::Finding dob;
    dob.kind = pii::PiiKind::dob;
    dob.start = 21;
    dob.end = 31;
    pii::Finding later;  // in the body text, not the subject
    later.kind = pii::PiiKind::dob;
    later.start = 35;
    later.end = 38;
    scan.findings = {name, dob, later};
    CHECK(masked_subject("Maisie Thornbury DOB 14/03/2016", scan) == "[person_name] DOB [dob]");
    scan.findings = {later};
    CHECK(masked_subject("Maisie Thornbury DOB 14/03/2016", scan) == "Maisie Thornbury DOB 14/03/2016");
    scan.findings = {dob};
    // The header does not match the extracted line: nothing of it is kept.
    CHECK(masked_subject("Something else", scan) == "[subject withheld: personal data]");
}

TEST_CASE("a hold request carries rules, findings without text, attachments and pupils", "[quarantine][request]") {
    policies::Decision d;
    pii::Finding f;
    f.kind = pii::PiiKind::dob;
    f.text = "14/03/2016";
    f.where = "body";
    f.start = 40;
    f.end = 50;
    f.confidence = 0.9;
    f.pupil_upns = {"E856412016101"};
    pii::Finding g = f;
    g.kind = pii::PiiKind::phone;
    g.pupil_upns = {};
    d.scan.findings = {f, g};
    d.scan.extraction.texts = {{"body", "Trip\n\nx"}};
    d.scan.extraction.attachments = {{"aes.zip", "application/zip", "zip", 400, pii::Protection::encrypted_aes, "", 0}};
    policies::RuleHit hit;
    hit.rule_id = "pii-in-body";
    hit.action = policies::Action::quarantine;
    hit.reason = "why";
    hit.findings = {0};
    d.rules = {hit};
    policies::Envelope env;
    env.mail_from = "j@school.example";
    env.recipients = {"a@x.example"};
    env.queue_id = "ABC";
    HoldRequest r = build_hold_request(d, env, HeldHeaders{"Jo <j@school.example>", "Trip", "<1@s>"}, "raw", "fp",
                                       Timestamp{100, 0});
    CHECK(r.fingerprint == "fp");
    CHECK(r.queue_id == "ABC");
    CHECK(r.subject == "Trip");
    REQUIRE(r.rules.size() == 1);
    CHECK(r.rules[0].id == "pii-in-body");
    CHECK(r.rules[0].action == "quarantine");
    REQUIRE(r.findings.size() == 2);
    CHECK(r.findings[0].kind == "dob");
    CHECK(r.findings[0].start == 40);
    CHECK(r.findings[0].rules == std::vector<std::string>{"pii-in-body"});
    CHECK(r.findings[1].rules.empty());
    CHECK(r.pupil_upns == std::vector<std::string>{"E856412016101"});
    REQUIRE(r.attachments.size() == 1);
    CHECK(r.attachments[0].protection == "aes");
    CHECK(r.raw_message == "raw");
}

TEST_CASE("redacted context shows the sentence around a finding, never the data", "[quarantine][context]") {
    std::string text = "Hello,\nFor the form: Maisie Thornbury, date of birth 14/03/2016, Year 3. Thank you.";
    QuarantineFinding name{"person_name", "body", 21, 37, 0.9, {}};
    QuarantineFinding dob{"dob", "body", 53, 63, 0.9, {}};
    // The window widens to cover a finding at its edge, so no partial PII shows.
    CHECK(redacted_context(text, dob, {name, dob}, 20) == "...[person_name], date of birth [dob], Year 3. Thank you.");
    CHECK(redacted_context(text, name, {name, dob}, 12) == "...r the form: [person_name], date of bi...");
    CHECK(redacted_context(text, name, {}, 200) == "Hello, For the form: [person_name], date of birth 14/03/2016, Year 3. Thank you.");
    QuarantineFinding gone{"dob", "body", 500, 510, 0.9, {}};
    CHECK(redacted_context(text, gone, {}, 20) == "[dob] (the text has changed since the scan; no context)");
    // Never splits a UTF-8 character.
    std::string accents = "Zo\xC3\xAB Dupr\xC3\xA9 born 12/04/2015";
    QuarantineFinding d{"dob", "body", 17, 27, 0.9, {}};
    CHECK(redacted_context(accents, d, {d}, 16) == "...o\xC3\xAB Dupr\xC3\xA9 born [dob]");  // 16 back: the 'o'
    CHECK(redacted_context(accents, d, {d}, 14) == "...\xC3\xAB Dupr\xC3\xA9 born [dob]");  // 14 back: mid-'ë', moved to its start
}
