// Loads and validates the TOML configuration; see config.h for the contract.
//
// One function per section names every key of that section once. Anything not named is
// an unknown key. Cross-key checks (required keys, files that must exist) come last, so a
// single run reports every problem in the file.
#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "policies/address/domain.h"
#include "policies/config/config.h"
#include "policies/config/toml_table_reader.h"

namespace chaperone::policies {
namespace fs = std::filesystem;

std::string_view action_name(Action action) {
    switch (action) {
        case Action::deliver: return "deliver";
        case Action::tempfail: return "tempfail";
        case Action::quarantine: return "quarantine";
        case Action::reject: return "reject";
    }
    return "deliver";
}

bool parse_action(std::string_view name, Action& out) {
    if (name == "deliver") out = Action::deliver;
    else if (name == "tempfail") out = Action::tempfail;
    else if (name == "quarantine") out = Action::quarantine;
    else if (name == "reject") out = Action::reject;
    else return false;
    return true;
}

const std::vector<std::string>& known_rule_ids() {
    static const std::vector<std::string> ids = {
        "pii-in-body",         "pii-in-unprotected-attachment", "password-in-message", "other-family",
        "pupil-external",      "unscannable-attachment",        "weak-protection",
    };
    return ids;
}

const std::vector<std::string>& known_pii_kinds() {
    static const std::vector<std::string> kinds = {"person_name", "dob",  "address",     "postcode", "upn",
                                                   "uln",         "nhs_number", "nino", "phone",    "email"};
    return kinds;
}

namespace {

constexpr std::uint64_t kGiB = 1ull << 30;

void read_school(TableReader r, SchoolConfig& c) {
    r.string("name", c.name);
    r.string_list("internal_domains", c.internal_domains);
    r.string("address", c.address);
    r.string_list("phones", c.phones);
    r.finish();
}

void read_milter(TableReader r, MilterConfig& c, const fs::path& base) {
    r.string("socket", c.socket);
    r.string("socket_owner", c.socket_owner);
    r.string("socket_group", c.socket_group);
    r.file_mode("socket_mode", c.socket_mode);
    r.string("run_as_user", c.run_as_user);
    r.boolean("fail_open", c.fail_open);
    r.size("spill_bytes", c.spill_bytes, 4096, kGiB);
    r.size("max_message_bytes", c.max_message_bytes, 64 * 1024, 4 * kGiB);
    r.path("temp_dir", c.temp_dir, base);
    r.integer("timeout_seconds", c.timeout_seconds, 5, 3600);
    r.integer("backlog", c.backlog, 1, 65535);
    r.one_of("log_level", c.log_level, {"debug", "info", "warning", "error"});
    r.one_of("log_sink", c.log_sink, {"stderr", "syslog"});
    r.boolean("add_status_header", c.add_status_header);
    r.finish();
}

void read_storage(TableReader r, StorageConfig& c, const fs::path& base) {
    r.path("dir", c.dir, base);
    r.path("public_key_file", c.public_key_file, base);
    r.path("secret_key_file", c.secret_key_file, base);
    r.integer("busy_timeout_ms", c.busy_timeout_ms, 0, 600000);
    r.finish();
}

void read_disclaimer(TableReader r, DisclaimerConfig& c, const fs::path& base) {
    r.boolean("enabled", c.enabled);
    r.path("text_file", c.text_file, base);
    r.path("html_file", c.html_file, base);
    r.finish();
}

void read_limits(TableReader r, LimitsConfig& c) {
    r.size("max_extracted_bytes", c.max_extracted_bytes, 1024, 16 * kGiB);
    r.size("max_attachment_bytes", c.max_attachment_bytes, 1024, 16 * kGiB);
    r.integer("max_archive_depth", c.max_archive_depth, 0, 32);
    r.integer("max_archive_entries", c.max_archive_entries, 1, 1000000);
    r.number("max_compression_ratio", c.max_compression_ratio, 1.0, 1e6);
    r.integer("max_mime_parts", c.max_mime_parts, 1, 1000000);
    r.integer("max_mime_depth", c.max_mime_depth, 1, 1000);
    r.size("max_header_bytes", c.max_header_bytes, 1024, kGiB);
    r.integer("max_pdf_pages", c.max_pdf_pages, 1, 1000000);
    r.finish();
}

void read_detectors(TableReader r, DetectorsConfig& c, ConfigErrors& errors) {
    if (r.has("kinds")) {
        std::vector<std::string> kinds;
        r.string_list("kinds", kinds);
        for (const auto& kind : kinds) {
            bool known = false;
            for (const auto& k : known_pii_kinds()) known = known || k == kind;
            if (!known) {
                r.error_at("kinds", "kinds from: person_name dob address postcode upn uln nhs_number nino phone email");
                kinds.clear();
                break;
            }
        }
        c.kinds = kinds;
    }
    r.number("min_confidence", c.min_confidence, 0.0, 1.0);
    r.finish();
}

void read_roster(TableReader r, RosterConfig& c) {
    r.one_of("preset", c.preset, {"canonical", "sims", "arbor", "bromcom"});
    r.string_map("students_columns", c.students_columns);
    r.string_map("contacts_columns", c.contacts_columns);
    r.string_map("staff_columns", c.staff_columns);
    r.integer("reload_check_seconds", c.reload_check_seconds, 1, 3600);
    r.finish();
}

void read_policy(TableReader r, PolicyConfig& c) {
    r.one_of("mode", c.mode, {"enforce", "monitor"});
    r.string_list("trusted_domains", c.trusted_domains);
    r.string_list("pupil_accounts", c.pupil_accounts);
    r.finish();
}

void read_rules(const toml::table* rules, PolicyConfig& c, ConfigErrors& errors) {
    if (!rules) return;
    for (const auto& [key, node] : *rules) {
        std::string id(key.str());
        bool known = false;
        for (const auto& k : known_rule_ids()) known = known || k == id;
        if (!known) {
            std::string list;
            for (const auto& k : known_rule_ids()) list += (list.empty() ? "" : ", ") + k;
            errors.add(key.source(), fmt::format("[rules]: unknown rule \"{}\" (known: {})", id, list));
            continue;
        }
        const toml::table* table = node.as_table();
        if (!table) {
            errors.add(node.source(), fmt::format("[rules.{}]: expected a table", id));
            continue;
        }
        TableReader r(table, "rules." + id, errors);
        RuleConfig& rule = c.rules[id];
        r.boolean("enabled", rule.enabled);
        std::string action;
        r.one_of("action", action, {"deliver", "quarantine", "reject", "tempfail"});
        if (!action.empty()) parse_action(action, rule.action);
        r.finish();
    }
}

void read_exemption(const toml::table& t, PolicyConfig& c, ConfigErrors& errors) {
    TableReader r(&t, "exemptions", errors);
    Exemption e;
    e.line = static_cast<int>(t.source().begin.line);
    r.string("rule", e.rule);
    r.string("sender", e.sender);
    r.string("recipient_domain", e.recipient_domain);
    r.finish();
    if (e.rule != "*") {
        bool known = false;
        for (const auto& k : known_rule_ids()) known = known || k == e.rule;
        if (!known) errors.add(t.source(), fmt::format("[[exemptions]]: unknown rule \"{}\"", e.rule));
    }
    if (e.sender.empty() && e.recipient_domain.empty())
        errors.add(t.source(), "[[exemptions]]: expected sender and/or recipient_domain (an exemption for everyone "
                               "is disabling the rule: use [rules.ID] enabled = false)");
    if (!e.recipient_domain.empty()) {
        auto d = normalize_domain(e.recipient_domain);
        if (!d) errors.add(t.source(), "[[exemptions]] recipient_domain: " + d.error_message());
        else e.recipient_domain = *d;
    }
    c.exemptions.push_back(std::move(e));
}

void read_quarantine(TableReader r, QuarantineConfig& c, const fs::path& base) {
    r.integer("retention_days", c.retention_days, 1, 3650);
    r.integer("expiry_report_days", c.expiry_report_days, 0, 365);
    r.boolean("notify_sender", c.notify_sender);
    r.path("notice_template", c.notice_template, base);
    r.string("notice_from", c.notice_from);
    r.string("dpo_address", c.dpo_address);
    r.finish();
}

void read_release(TableReader r, ReleaseConfig& c) {
    r.string("relay", c.relay);
    r.integer("timeout_seconds", c.timeout_seconds, 1, 600);
    r.string("helo", c.helo);
    r.finish();
}

void read_archive(TableReader r, ArchiveConfig& c) {
    r.boolean("enabled", c.enabled);
    r.boolean("tempfail_on_error", c.tempfail_on_error);
    r.integer("retention_years_after_dob", c.retention_years_after_dob, 1, 200);
    r.finish();
}

void read_web(TableReader r, WebConfig& c, const fs::path& base) {
    r.string("listen", c.listen);
    r.path("tls_cert", c.tls_cert, base);
    r.path("tls_key", c.tls_key, base);
    r.integer("idle_timeout_minutes", c.idle_timeout_minutes, 1, 1440);
    r.integer("idle_timeout_seconds", c.idle_timeout_seconds, 1, 86400);
    r.integer("login_attempts_per_minute", c.login_attempts_per_minute, 1, 1000);
    r.boolean("allow_non_loopback_without_tls", c.allow_non_loopback_without_tls);
    r.finish();
}

Result<std::string> read_text_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status::error(Errc::not_found, "cannot read " + path.string());
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string html_escape(std::string_view text) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\n': out += "<br>\n"; break;
            default: out += c;
        }
    }
    return out;
}

// Checks across sections and file contents; runs after every section was read.
void resolve(Config& c, const toml::table& root, ConfigErrors& errors) {
    if (c.school.internal_domains.empty()) {
        errors.add_plain("[school] internal_domains: required, expected an array of at least one domain");
    }
    for (auto& domain : c.school.internal_domains) {
        auto normal = normalize_domain(domain);
        if (!normal) {
            const toml::node* node = root.at_path("school.internal_domains").node();
            std::string message = fmt::format("[school] internal_domains: \"{}\": {}", domain, normal.error_message());
            if (node) errors.add(node->source(), message);
            else errors.add_plain(message);
        } else {
            domain = *normal;
        }
    }
    for (auto& domain : c.policy.trusted_domains) {
        auto normal = normalize_domain(domain);
        if (!normal) errors.add_plain(fmt::format("[policy] trusted_domains: \"{}\": {}", domain, normal.error_message()));
        else domain = *normal;
    }
    if (c.storage.dir.empty()) {
        errors.add_plain("[storage] dir: required, expected the directory for the database and sealed blobs");
    } else {
        if (c.storage.public_key_file.empty()) c.storage.public_key_file = c.storage.dir / "keys" / "archive.pub";
        if (c.storage.secret_key_file.empty()) c.storage.secret_key_file = c.storage.dir / "keys" / "archive.key";
    }
    if (c.disclaimer.enabled) {
        if (!c.disclaimer.text_file.empty()) {
            auto text = read_text_file(c.disclaimer.text_file);
            if (!text) errors.add_plain("[disclaimer] text_file: " + text.error_message());
            else c.disclaimer.text = *text;
        } else {
            c.disclaimer.text = fmt::format(
                "This email and any attachments are confidential and intended only for the addressee. "
                "If you have received it in error, please tell the sender and delete it. "
                "Any views expressed are the author's and not necessarily those of {}.",
                c.school.name);
        }
        while (!c.disclaimer.text.empty() &&
               (c.disclaimer.text.back() == '\n' || c.disclaimer.text.back() == '\r'))
            c.disclaimer.text.pop_back();
        if (!c.disclaimer.html_file.empty()) {
            auto html = read_text_file(c.disclaimer.html_file);
            if (!html) errors.add_plain("[disclaimer] html_file: " + html.error_message());
            else c.disclaimer.html = *html;
        } else {
            c.disclaimer.html = "<div class=\"chaperone-disclaimer\">" + html_escape(c.disclaimer.text) + "</div>";
        }
        while (!c.disclaimer.html.empty() && (c.disclaimer.html.back() == '\n' || c.disclaimer.html.back() == '\r'))
            c.disclaimer.html.pop_back();
    }
    std::string first_domain = c.school.internal_domains.empty() ? "localhost" : c.school.internal_domains.front();
    if (c.quarantine.notice_from.empty()) c.quarantine.notice_from = "postmaster@" + first_domain;
    if (c.release.helo.empty()) c.release.helo = "chaperone." + first_domain;
    if (c.detectors.kinds.empty()) c.detectors.kinds = known_pii_kinds();
    if (c.quarantine.expiry_report_days >= c.quarantine.retention_days)
        errors.add_plain("[quarantine] expiry_report_days: expected fewer days than retention_days");
}

}  // namespace

Result<Config> load_config_from_string(std::string_view toml_text, const fs::path& file) {
    fs::path absolute = file.is_absolute() ? file : fs::absolute(file);
    ConfigErrors errors(absolute.string());
    toml::table root;
    try {
        root = toml::parse(toml_text, absolute.string());
    } catch (const toml::parse_error& e) {
        errors.add(e.source(), std::string("not valid TOML: ") + std::string(e.description()));
        return Status::error(Errc::invalid_input, errors.joined());
    }

    Config c;
    c.file = absolute;
    fs::path base = absolute.parent_path();
    TableReader top(&root, "top level", errors);
    read_school(TableReader(top.subtable("school"), "school", errors), c.school);
    read_milter(TableReader(top.subtable("milter"), "milter", errors), c.milter, base);
    read_storage(TableReader(top.subtable("storage"), "storage", errors), c.storage, base);
    read_disclaimer(TableReader(top.subtable("disclaimer"), "disclaimer", errors), c.disclaimer, base);
    read_limits(TableReader(top.subtable("limits"), "limits", errors), c.limits);
    read_detectors(TableReader(top.subtable("detectors"), "detectors", errors), c.detectors, errors);
    read_roster(TableReader(top.subtable("roster"), "roster", errors), c.roster);
    read_policy(TableReader(top.subtable("policy"), "policy", errors), c.policy);
    read_rules(top.subtable("rules"), c.policy, errors);
    top.table_array("exemptions", [&](const toml::table& t) { read_exemption(t, c.policy, errors); });
    read_quarantine(TableReader(top.subtable("quarantine"), "quarantine", errors), c.quarantine, base);
    read_release(TableReader(top.subtable("release"), "release", errors), c.release);
    read_archive(TableReader(top.subtable("archive"), "archive", errors), c.archive);
    read_web(TableReader(top.subtable("web"), "web", errors), c.web, base);
    top.finish();
    if (errors.empty()) resolve(c, root, errors);
    if (!errors.empty()) return Status::error(Errc::invalid_input, errors.joined());
    return c;
}

Result<Config> load_config(const fs::path& file) {
    auto text = read_text_file(file);
    if (!text) return Status::error(Errc::not_found, "cannot read config file " + file.string());
    return load_config_from_string(*text, file);
}

}  // namespace chaperone::policies
