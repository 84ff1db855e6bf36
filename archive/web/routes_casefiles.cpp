// Case files for office staff: search pupils, a pupil's correspondence in date order, one
// message, a print view and exports (PDF, mbox, zip of .eml); see routes.h.
//
// Privacy: searches are POSTed (the search text never appears in a URL); a pupil is named
// in URLs only by an opaque token (opaque_ids.h); message ids are plain numbers. Every
// listing, message view, print view and export goes through the case-file store's reading
// calls, which write the audit record (with the web user as actor) before returning data.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <set>

#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include "archive/casefile/message_text.h"
#include "archive/casefile/text_util.h"
#include "archive/crypto/sodium_init.h"
#include "archive/export/exporter.h"
#include "archive/web/html.h"
#include "archive/web/routes.h"
#include "pii/base/log.h"
#include "pii/mime/mime_message.h"

namespace chaperone::archive::web {
namespace {

constexpr std::size_t kMaxSearchResults = 200;
constexpr std::size_t kMaxListedEntries = 2000;
constexpr std::size_t kMaxPrintedEntries = 200;
constexpr std::size_t kMaxShownTextBytes = 512 * 1024;

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
    return out;
}

std::string human_size(std::uint64_t bytes) {
    if (bytes < 1024) return fmt::format("{} bytes", bytes);
    if (bytes < 1024 * 1024) return fmt::format("{:.0f} KB", bytes / 1024.0);
    return fmt::format("{:.1f} MB", bytes / (1024.0 * 1024.0));
}

// The readable text of a stored message, bounded, valid UTF-8.
std::string readable_text(const std::string& raw, const policies::LimitsConfig& limits) {
    auto parsed = pii::MimeMessage::parse(raw);
    std::string text = parsed ? message_text(*parsed, limits) : std::string();
    if (text.empty()) return "(no readable text in this message)";
    if (text.size() > kMaxShownTextBytes) {
        text.resize(kMaxShownTextBytes);
        text += "\n\n[… the rest of this message is not shown; export it to read all of it]";
    }
    return valid_utf8(text);
}

Value entry_row(const EntrySummary& e) {
    Value row = Value::object();
    row["id"] = static_cast<long long>(e.id);
    row["date"] = format_human(e.sent_at);
    row["incoming"] = e.direction == Direction::in;
    row["from"] = valid_utf8(e.shown_from());
    row["from_parts"] = mailbox_list({e.shown_from()});
    row["to_parts"] = mailbox_list(e.shown_to());
    row["to"] = valid_utf8(joined(e.shown_to()));
    row["cc"] = valid_utf8(joined(e.header_cc));
    row["subject"] = e.subject.empty() ? std::string("(no subject)") : valid_utf8(e.subject);
    row["attachments"] = static_cast<long long>(e.attachments.size());
    std::vector<std::string> names;
    for (const auto& a : e.attachments) names.push_back(a.name.empty() ? "(unnamed)" : a.name);
    row["attachment_names"] = valid_utf8(joined(names));
    return row;
}

Value pupil_value(const StudentSummary& s) {
    Value p = Value::object();
    p["upn"] = s.upn;
    p["forename"] = valid_utf8(s.forename);
    p["surname"] = valid_utf8(s.surname);
    p["year_group"] = valid_utf8(s.year_group);
    p["on_roster"] = s.on_roster;
    p["entries"] = static_cast<long long>(s.entries);
    return p;
}

// The pupil a token names: from the roster (cached), or — for a former pupil whose case
// file is kept — through the store's search. The listing that follows is what is audited.
Result<StudentSummary> pupil_for(WebContext& ctx, const std::string& token, const WebUser& user) {
    auto upn = ctx.ids.open("pupil", token);
    if (!upn) return Status::error(Errc::not_found, "this link has expired");
    if (auto p = ctx.pupil_names.find(*upn)) {
        return StudentSummary{*upn, p->forename, p->surname, p->year_group, "", true, 0};
    }
    auto found = ctx.store.casefiles().find_students(*upn, user.actor());
    if (!found) return found.status();
    for (auto& s : *found) {
        if (s.upn == *upn) return s;
    }
    return Status::error(Errc::not_found, "this pupil has no case file");
}

struct DateRange {
    std::string from, to;  // as typed, YYYY-MM-DD
    std::optional<Timestamp> from_t, to_t;
    bool filtered() const { return from_t.has_value() || to_t.has_value(); }
    std::string query() const {
        if (!filtered()) return {};
        return "?from=" + (from_t ? from : "") + "&to=" + (to_t ? to : "");
    }
};

DateRange date_range(const httplib::Request& req) {
    DateRange r;
    r.from = form_field(req, "from");
    r.to = form_field(req, "to");
    if (r.from.size() == 10) r.from_t = parse_iso8601(r.from);
    if (r.to.size() == 10) {
        r.to_t = parse_iso8601(r.to);
        if (r.to_t) r.to_t->unix_seconds += 86399;
    }
    if (!r.from_t) r.from.clear();
    if (!r.to_t) r.to.clear();
    return r;
}

void not_found(WebContext& ctx, httplib::Response& res, const WebUser& user, const Status& why) {
    if (why.code() != Errc::not_found) {
        log::error("web: case files: {}", why.message());
        return render_message(ctx, res, &user, 500, "Something went wrong",
                              "The case file could not be read. Try again; if it keeps happening, tell your administrator.");
    }
    render_message(ctx, res, &user, 404, "Not found",
                   "This case file or message was not found, or the link has expired. Search for the pupil again.");
}

// Shared by the case-file page and the print view.
struct Listing {
    StudentSummary pupil;
    std::vector<EntrySummary> entries;
    DateRange range;
};

Result<Listing> list_for(WebContext& ctx, const httplib::Request& req, const std::string& token, const WebUser& user) {
    Listing out;
    auto pupil = pupil_for(ctx, token, user);
    if (!pupil) return pupil.status();
    out.pupil = *pupil;
    out.range = date_range(req);
    EntryQuery q;
    q.student_upn = out.pupil.upn;
    q.from = out.range.from_t;
    q.to = out.range.to_t;
    q.limit = kMaxListedEntries + 1;
    auto entries = ctx.store.casefiles().list_entries(q, user.actor());
    if (!entries) return entries.status();
    out.entries = std::move(entries).value();
    return out;
}

void fill_common(Value& page, const Listing& l, const std::string& token) {
    page["section"] = "casefiles";
    page["pupil"] = pupil_value(l.pupil);
    page["token"] = token;
    page["from"] = l.range.from;
    page["to"] = l.range.to;
    page["from_label"] = l.range.from.empty() ? std::string("the start") : l.range.from;
    page["to_label"] = l.range.to.empty() ? std::string("today") : l.range.to;
    page["filtered"] = l.range.filtered();
    page["query"] = l.range.query();
}

// Sends a finished export file and removes it once sent (or when the client goes away).
void send_file(httplib::Response& res, const std::filesystem::path& path, const std::string& type,
               const std::string& download_name) {
    std::error_code ec;
    auto size = std::filesystem::file_size(path, ec);
    if (ec) {
        res.status = 500;
        return;
    }
    auto stream = std::make_shared<std::ifstream>(path, std::ios::binary);
    res.set_header("Content-Disposition", "attachment; filename=\"" + download_name + "\"");
    res.set_content_provider(
        static_cast<std::size_t>(size), type,
        [stream](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
            std::vector<char> buffer(std::min<std::size_t>(length, 64 * 1024));
            stream->seekg(static_cast<std::streamoff>(offset));
            stream->read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
            auto got = stream->gcount();
            if (got <= 0) return false;
            return sink.write(buffer.data(), static_cast<std::size_t>(got));
        },
        [path](bool) {
            std::error_code remove_error;
            std::filesystem::remove(path, remove_error);
        });
}

}  // namespace

void register_casefile_routes(Router& router, WebContext& ctx) {
    router.get("/casefiles", UserRole::office, [&ctx](const httplib::Request&, httplib::Response& res, const WebUser& user) {
        Value page = Value::object();
        page["section"] = "casefiles";
        render_page(ctx, res, &user, "casefiles", "Case files", std::move(page));
    });

    router.post("/casefiles/search", UserRole::office,
                [&ctx](const httplib::Request& req, httplib::Response& res, const WebUser& user) {
        std::string q = form_field(req, "q");
        Value page = Value::object();
        page["section"] = "casefiles";
        page["q"] = q;
        page["searched"] = true;
        auto found = ctx.store.casefiles().find_students(q, user.actor());
        if (!found) return not_found(ctx, res, user, found.status());
        page["count"] = static_cast<long long>(found->size());
        page["truncated"] = found->size() > kMaxSearchResults;
        page["shown"] = static_cast<long long>(kMaxSearchResults);
        page["has_results"] = !found->empty();
        Value results = Value::list();
        for (std::size_t i = 0; i < found->size() && i < kMaxSearchResults; ++i) {
            Value p = pupil_value((*found)[i]);
            p["token"] = ctx.ids.seal("pupil", (*found)[i].upn);
            results.push_back(std::move(p));
        }
        page["results"] = std::move(results);
        render_page(ctx, res, &user, "casefiles", "Case files", std::move(page));
    });

    router.get(R"(/casefiles/pupil/([A-Za-z0-9_-]+))", UserRole::office,
               [&ctx](const httplib::Request& req, httplib::Response& res, const WebUser& user) {
        std::string token = req.matches[1];
        auto listing = list_for(ctx, req, token, user);
        if (!listing) return not_found(ctx, res, user, listing.status());
        Value page = Value::object();
        fill_common(page, *listing, token);
        page["count"] = static_cast<long long>(std::min(listing->entries.size(), kMaxListedEntries));
        page["truncated"] = listing->entries.size() > kMaxListedEntries;
        page["shown"] = static_cast<long long>(kMaxListedEntries);
        page["has_entries"] = !listing->entries.empty();
        Value rows = Value::list();
        for (std::size_t i = 0; i < listing->entries.size() && i < kMaxListedEntries; ++i) {
            Value row = entry_row(listing->entries[i]);
            row["token"] = token;
            rows.push_back(std::move(row));
        }
        page["entries"] = std::move(rows);
        render_page(ctx, res, &user, "casefile", "Case file", std::move(page));
    });

    router.get(R"(/casefiles/pupil/([A-Za-z0-9_-]+)/print)", UserRole::office,
               [&ctx](const httplib::Request& req, httplib::Response& res, const WebUser& user) {
        std::string token = req.matches[1];
        auto listing = list_for(ctx, req, token, user);
        if (!listing) return not_found(ctx, res, user, listing.status());
        std::vector<EntrySummary> shown(listing->entries.begin(),
                                        listing->entries.begin() +
                                            static_cast<std::ptrdiff_t>(std::min(listing->entries.size(), kMaxPrintedEntries)));
        Value page = Value::object();
        fill_common(page, *listing, token);
        page["school"] = ctx.config.school.name;
        page["printed_at"] = format_human(now_utc());
        page["count"] = static_cast<long long>(listing->entries.size());
        page["truncated"] = listing->entries.size() > kMaxPrintedEntries;
        page["shown"] = static_cast<long long>(kMaxPrintedEntries);
        nlohmann::json ids = nlohmann::json::array();
        for (const auto& e : shown) ids.push_back(e.id);
        nlohmann::json details = {{"format", "print"}, {"entries", ids}};
        Value rows = Value::list();
        Status s = ctx.store.casefiles().read_entries(
            shown, user.actor(), AuditEvent{"archive.print", "student " + listing->pupil.upn, details.dump()},
            [&](const EntrySummary& e, std::string_view raw) {
                Value row = entry_row(e);
                row["text"] = readable_text(std::string(raw), ctx.config.limits);
                rows.push_back(std::move(row));
                return Status::ok();
            });
        if (!s) return not_found(ctx, res, user, s);
        page["entries"] = std::move(rows);
        render_page(ctx, res, &user, "print", "Case file (print view)", std::move(page));
    });

    router.get(R"(/casefiles/entry/(\d+))", UserRole::office,
               [&ctx](const httplib::Request& req, httplib::Response& res, const WebUser& user) {
        std::int64_t id = parse_id(req.matches[1]);
        if (id == 0) return not_found(ctx, res, user, Status::error(Errc::not_found, "bad id"));
        auto message = ctx.store.casefiles().read_entry(id, user.actor());
        if (!message) return not_found(ctx, res, user, message.status());
        const EntrySummary& e = message->entry;
        Value entry = entry_row(e);
        entry["recorded"] = format_human(e.recorded_at);
        // Bcc and other envelope-only recipients: the addresses the letter reached that its
        // To/Cc headers do not show.
        std::set<std::string> shown;
        for (const auto& m : e.shown_to()) shown.insert(ascii_lower(bare_address(m)));
        for (const auto& m : e.header_cc) shown.insert(ascii_lower(bare_address(m)));
        std::vector<std::string> hidden;
        for (const auto& a : e.envelope_to) {
            if (!shown.count(ascii_lower(bare_address(a)))) hidden.push_back(a);
        }
        if (!hidden.empty()) entry["delivered_to"] = valid_utf8(joined(hidden));
        Value attachments = Value::list();
        for (const auto& a : e.attachments) {
            Value& v = attachments.push_back(Value::object());
            v["name"] = a.name.empty() ? std::string("(unnamed)") : valid_utf8(a.name);
            v["type"] = a.type;
            v["size"] = human_size(a.size);
        }
        entry["attachments"] = std::move(attachments);
        Value pupils = Value::list();
        for (const auto& s : e.students) {
            Value& v = pupils.push_back(Value::object());
            std::string name = ctx.pupil_names.name_of(s.upn);
            v["name"] = valid_utf8(name.empty() ? s.upn : name + " (" + s.upn + ")");
            v["token"] = ctx.ids.seal("pupil", s.upn);
            v["basis"] = s.basis == FilingBasis::only_child  ? "the family's only child at the school"
                         : s.basis == FilingBasis::named     ? "named in the message"
                                                             : "the message names none of the family's children";
        }
        entry["pupils"] = std::move(pupils);
        Value page = Value::object();
        page["section"] = "casefiles";
        page["entry"] = std::move(entry);
        page["text"] = readable_text(message->raw, ctx.config.limits);
        std::string back = form_field(req, "pupil");
        if (!back.empty() && ctx.ids.open("pupil", back)) page["back"] = back;
        render_page(ctx, res, &user, "entry", "Message", std::move(page));
    });

    router.post("/casefiles/export", UserRole::office,
                [&ctx](const httplib::Request& req, httplib::Response& res, const WebUser& user) {
        ExportFormat format;
        std::string format_name = form_field(req, "format");
        if (!parse_export_format(format_name, format)) {
            return render_message(ctx, res, &user, 400, "Choose a format", "Choose PDF, mbox or ZIP of .eml files.");
        }
        std::string token = form_field(req, "pupil");
        auto listing = list_for(ctx, req, token, user);
        if (!listing) return not_found(ctx, res, user, listing.status());

        ExportHeading heading;
        heading.school = ctx.config.school.name;
        heading.printed_by = user.account.name;
        heading.pupil_names = ctx.pupil_names.all();
        heading.pupil_names[listing->pupil.upn] = listing->pupil.forename + " " + listing->pupil.surname;
        heading.subject = listing->pupil.forename + " " + listing->pupil.surname + " (" + listing->pupil.upn + ")";

        std::string extension = format == ExportFormat::pdf ? "pdf" : format == ExportFormat::mbox ? "mbox" : "zip";
        std::string type = format == ExportFormat::pdf    ? "application/pdf"
                           : format == ExportFormat::mbox ? "application/mbox"
                                                          : "application/zip";
        auto out = ctx.scratch_dir / ("export-" + crypto::random_hex(16) + "." + extension);
        auto exporter = make_exporter(format, out, heading, ctx.config.limits);
        if (!exporter) return not_found(ctx, res, user, exporter.status().with_context("starting the export"));
        nlohmann::json ids = nlohmann::json::array();
        for (const auto& e : listing->entries) ids.push_back(e.id);
        nlohmann::json details = {{"format", format_name}, {"entries", ids}};
        Status s = ctx.store.casefiles().read_entries(
            listing->entries, user.actor(), AuditEvent{"archive.export", "student " + listing->pupil.upn, details.dump()},
            [&](const EntrySummary& e, std::string_view raw) { return (*exporter)->add(e, raw); });
        if (s) s = (*exporter)->finish();
        if (!s) {
            std::error_code ec;
            std::filesystem::remove(out, ec);
            return not_found(ctx, res, user, s.with_context("exporting"));
        }
        std::string date = format_date(now_utc());
        std::string download = "case-file-" + date + "." + extension;
        send_file(res, out, type, download);
    });
}

}  // namespace chaperone::archive::web
