// The whole Chaperone configuration: one TOML file passed as --config to every program.
//
// Only [school] internal_domains and [storage] dir are required; every other key has a
// default that a school can run with, or leaves its feature off. load_config() validates in
// one place: an unknown key or a value of the wrong type or range is an error naming the
// file, line, key and what was expected, and the daemon refuses to start on it.
// Relative paths are relative to the directory of the config file.
//
// A Config is immutable once loaded; a reload builds a new one (held by shared_ptr) and each
// SMTP connection keeps the one it started with.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "pii/base/result.h"

namespace chaperone::policies {

// What a rule asks for. Ordered from least to most strict: when several rules fire,
// the strictest action wins.
enum class Action { deliver = 0, tempfail = 1, quarantine = 2, reject = 3 };
std::string_view action_name(Action action);
bool parse_action(std::string_view name, Action& out);

struct SchoolConfig {
    std::string name = "the school";
    std::vector<std::string> internal_domains;  // lower-case, IDN converted to A-labels
    std::string address;                       // the school's own address is not PII
    std::vector<std::string> phones;            // nor are its phone numbers
};

struct MilterConfig {
    std::string socket = "unix:/run/chaperone/milter.sock";  // libmilter spec: unix:PATH | inet:PORT@HOST
    std::string socket_owner;   // user name for a unix socket (e.g. "postfix"); empty: leave as is
    std::string socket_group;   // group name for a unix socket; empty: leave as is
    unsigned socket_mode = 0660;
    std::string run_as_user;    // drop root to this user after binding (e.g. "chaperone")
    bool fail_open = false;     // on an internal error: false tempfails (451), true accepts unscanned
    std::uint64_t spill_bytes = 1 << 20;          // bodies above this go to a private temp file
    std::uint64_t max_message_bytes = 64 << 20;   // above this: tempfail-free reject (552)
    std::filesystem::path temp_dir = "/var/tmp";
    int timeout_seconds = 120;  // libmilter I/O timeout towards the MTA
    int backlog = 128;
    std::string log_level = "info";  // debug | info | warning | error
    std::string log_sink = "stderr"; // stderr | syslog
    bool add_status_header = true;   // X-Chaperone: on every message it saw
};

struct StorageConfig {
    std::filesystem::path dir;              // SQLite database and sealed message blobs
    std::filesystem::path public_key_file;  // default: <dir>/keys/archive.pub (the milter needs only this)
    std::filesystem::path secret_key_file;  // default: <dir>/keys/archive.key (0600; CLI and console only)
    int busy_timeout_ms = 5000;
};

struct DisclaimerConfig {
    bool enabled = true;
    std::filesystem::path text_file;  // empty: the embedded default text
    std::filesystem::path html_file;  // empty: the text footer, HTML-escaped, in a <div>
    std::string text;                 // loaded contents (UTF-8)
    std::string html;                 // loaded contents (UTF-8)
};

// Limits on what a message may make us do. Hitting one is reported, never a crash.
struct LimitsConfig {
    std::uint64_t max_extracted_bytes = 64ull << 20;   // text pulled out of one message in total
    std::uint64_t max_attachment_bytes = 50ull << 20;  // one decoded attachment
    int max_archive_depth = 4;                         // zip in zip in zip ...
    int max_archive_entries = 2000;                    // entries in one archive
    double max_compression_ratio = 150.0;              // uncompressed / compressed, per entry
    int max_mime_parts = 2000;                         // MIME parts walked in one message
    int max_mime_depth = 30;                           // multipart nesting
    std::uint64_t max_header_bytes = 256 << 10;        // one header field, folded
    int max_pdf_pages = 2000;
};

struct DetectorsConfig {
    std::vector<std::string> kinds;  // enabled kinds; default all ten of DESIGN.md
    double min_confidence = 0.5;     // findings below this are dropped
};

// Column names of the roster CSVs, canonical name -> the name in the school's MIS export.
struct RosterConfig {
    std::string preset = "canonical";  // canonical | sims | arbor | bromcom
    std::map<std::string, std::string> students_columns;
    std::map<std::string, std::string> contacts_columns;
    std::map<std::string, std::string> staff_columns;
    int reload_check_seconds = 5;  // how often the milter looks for a new roster
};

struct RuleConfig {
    bool enabled = true;
    Action action = Action::quarantine;
};

// Lets a named sender, or mail to a named recipient domain, past one rule (or all: rule "*").
struct Exemption {
    std::string rule = "*";
    std::string sender;            // address or *@domain; empty: any sender
    std::string recipient_domain;  // domain (subdomains included); empty: any recipient
    int line = 0;                  // where it was declared, for messages
};

struct PolicyConfig {
    std::string mode = "enforce";               // enforce | monitor (record and tag, but deliver)
    std::vector<std::string> trusted_domains;   // partner domains that may receive PII
    std::vector<std::string> pupil_accounts;    // glob patterns of pupil addresses (*@pupils.school.example)
    std::map<std::string, RuleConfig> rules;    // rule id -> settings (defaults in policies/rules)
    std::vector<Exemption> exemptions;
};

struct QuarantineConfig {
    int retention_days = 30;             // held messages expire after this many days
    int expiry_report_days = 7;          // the DPO is told this many days before expiry
    bool notify_sender = true;
    std::filesystem::path notice_template;  // empty: the embedded notice
    std::string notice_from;                // default: postmaster@<first internal domain>
    std::string dpo_address;                // the DPO's mailbox: `quarantine expire` mails its report here; empty: printed only
};

struct ReleaseConfig {
    std::string relay = "127.0.0.1:10027";  // an MTA listener without the milter
    int timeout_seconds = 30;
    std::string helo;  // default: chaperone.<first internal domain>
};

struct ArchiveConfig {
    bool enabled = true;
    bool tempfail_on_error = true;   // no unrecorded parent email is delivered
    int retention_years_after_dob = 25;
};

struct WebConfig {
    std::string listen = "127.0.0.1:8080";
    std::filesystem::path tls_cert;
    std::filesystem::path tls_key;
    int idle_timeout_minutes = 10;
    int idle_timeout_seconds = 0;  // when set, overrides the minutes (tests, kiosks)
    int login_attempts_per_minute = 5;
    bool allow_non_loopback_without_tls = false;
};

struct Config {
    std::filesystem::path file;  // the config file, absolute
    SchoolConfig school;
    MilterConfig milter;
    StorageConfig storage;
    DisclaimerConfig disclaimer;
    LimitsConfig limits;
    DetectorsConfig detectors;
    RosterConfig roster;
    PolicyConfig policy;
    QuarantineConfig quarantine;
    ReleaseConfig release;
    ArchiveConfig archive;
    WebConfig web;
};

// Rule ids known to the policy engine; [rules.ID] with any other id is a config error.
const std::vector<std::string>& known_rule_ids();
// PII kinds of DESIGN.md, in their fixed spelling.
const std::vector<std::string>& known_pii_kinds();

// Reads, validates and resolves the file. On error, the Status message holds one line per
// problem: "FILE:LINE:COL: [section] key: expected ..., got ...".
Result<Config> load_config(const std::filesystem::path& file);
// The same from text in memory; `file` names it in messages and anchors relative paths.
Result<Config> load_config_from_string(std::string_view toml_text, const std::filesystem::path& file);

}  // namespace chaperone::policies
