// Sender notices; see notice.h.
#include "archive/notice/notice.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "archive/smtp/smtp_client.h"
#include "pii/base/log.h"
#include "pii/mime/gmime_ptr.h"

namespace chaperone::archive {
namespace {

constexpr std::size_t kMaxTemplateBytes = 64 * 1024;
constexpr const char* kPlaceholders[] = {"school", "id", "subject", "recipients", "date", "rules", "advice", "dpo"};

constexpr std::string_view kHeldTemplate =
    "Subject: Held for review: {{subject}}\n"
    "\n"
    "Your email \"{{subject}}\" to {{recipients}}, sent {{date}}, has NOT been delivered.\n"
    "It is held for review by {{school}}'s data protection officer (reference: quarantine {{id}}).\n"
    "\n"
    "Why it was held:\n"
    "{{rules}}\n"
    "\n"
    "What to do:\n"
    "{{advice}}\n"
    "\n"
    "The data protection officer may release the message as it is, or discard it. If you send a\n"
    "corrected version, quote the reference above so that the held copy can be discarded.\n"
    "\n"
    "This notice was sent automatically by Chaperone, the school's email checker. It does not\n"
    "repeat the personal data that was found.\n";

constexpr std::string_view kWarningTemplate =
    "Subject: Please check: {{subject}}\n"
    "\n"
    "Your email \"{{subject}}\" to {{recipients}}, sent {{date}}, was delivered, but:\n"
    "{{rules}}\n"
    "\n"
    "What to do next time:\n"
    "{{advice}}\n"
    "\n"
    "This notice was sent automatically by Chaperone, the school's email checker.\n";

std::string joined(const std::vector<std::string>& items, std::string_view separator) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i) out += separator;
        out += items[i];
    }
    return out;
}

std::string read_bounded(const std::filesystem::path& path, std::string& problem) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        problem = "cannot read " + path.string();
        return {};
    }
    std::string text(kMaxTemplateBytes + 1, '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(in.gcount()));
    if (text.size() > kMaxTemplateBytes) {
        problem = fmt::format("{} is larger than {} bytes", path.string(), kMaxTemplateBytes);
        return {};
    }
    return text;
}

}  // namespace

std::string_view builtin_notice_template(NoticeKind kind) {
    return kind == NoticeKind::held ? kHeldTemplate : kWarningTemplate;
}

std::string notice_template_problem(std::string_view text) {
    std::size_t pos = 0;
    while ((pos = text.find("{{", pos)) != std::string_view::npos) {
        std::size_t close = text.find("}}", pos + 2);
        if (close == std::string_view::npos) return "a \"{{\" without its \"}}\"";
        std::string_view name = text.substr(pos + 2, close - pos - 2);
        bool known = false;
        for (const char* p : kPlaceholders) known = known || name == p;
        if (!known) {
            return fmt::format("unknown placeholder {{{{{}}}}} (known: school id subject recipients date rules advice dpo)",
                               std::string(name.substr(0, 40)));
        }
        pos = close + 2;
    }
    return {};
}

std::string_view advice_for_rule(std::string_view rule_id) {
    if (rule_id == "pii-in-body")
        return "Take the personal details out of the text of the email, or put them in a password-protected "
               "attachment (an AES-encrypted ZIP, or a PDF or Word file with a password) and give the password "
               "to the recipient by phone or text message.";
    if (rule_id == "pii-in-unprotected-attachment")
        return "Password-protect the attachment (an AES-encrypted ZIP, or a password on the PDF or Word file) and "
               "give the password to the recipient by phone or text message, not in the email.";
    if (rule_id == "password-in-message")
        return "Send the email again without the password in it, and give the password to the recipient by phone "
               "or text message.";
    if (rule_id == "other-family")
        return "Check the recipient's address: the email mentions a pupil who is not their child. An email to a "
               "family should be about that family only.";
    if (rule_id == "unscannable-attachment")
        return "An attachment could not be read to check it. If it holds personal data, password-protect it; if "
               "not, ask the data protection officer to release the email.";
    if (rule_id == "weak-protection")
        return "Use AES-256 encryption: in 7-Zip choose \"AES-256\"; the zip built into Windows and old Office "
               "versions use an encryption that is easily broken.";
    if (rule_id == "pupil-external")
        return "Pupil accounts can only email people inside the school.";
    return "Ask the data protection officer if you are unsure what to change.";
}

NoticeText render_notice(std::string_view template_text, const NoticeFacts& facts, const policies::Config& config) {
    std::vector<std::string> rule_lines, advice_lines;
    for (const auto& r : facts.rules) {
        rule_lines.push_back(fmt::format("- {} (rule {})", r.reason, r.id));
        std::string advice = fmt::format("- {}", advice_for_rule(r.id));
        if (std::find(advice_lines.begin(), advice_lines.end(), advice) == advice_lines.end()) advice_lines.push_back(advice);
    }
    auto value = [&](std::string_view name) -> std::string {
        if (name == "school") return config.school.name;
        if (name == "id") return std::to_string(facts.id);
        if (name == "subject") return facts.subject.empty() ? "(no subject)" : facts.subject;
        if (name == "recipients") return joined(facts.recipients, ", ");
        if (name == "date") return format_human(facts.sent_at);
        if (name == "rules") return joined(rule_lines, "\n");
        if (name == "advice") return joined(advice_lines, "\n");
        if (name == "dpo") return config.quarantine.dpo_address.empty() ? config.quarantine.notice_from : config.quarantine.dpo_address;
        return std::string("{{") + std::string(name) + "}}";
    };
    std::string text;
    std::size_t pos = 0;
    while (pos < template_text.size()) {
        std::size_t open = template_text.find("{{", pos);
        if (open == std::string_view::npos) {
            text.append(template_text.substr(pos));
            break;
        }
        std::size_t close = template_text.find("}}", open + 2);
        if (close == std::string_view::npos) {
            text.append(template_text.substr(pos));
            break;
        }
        text.append(template_text.substr(pos, open - pos));
        text += value(template_text.substr(open + 2, close - open - 2));
        pos = close + 2;
    }
    NoticeText out;
    if (text.rfind("Subject:", 0) == 0) {
        std::size_t nl = text.find('\n');
        out.subject = text.substr(8, nl == std::string::npos ? std::string::npos : nl - 8);
        text = nl == std::string::npos ? "" : text.substr(nl + 1);
        if (!text.empty() && text.front() == '\n') text.erase(0, 1);
        while (!out.subject.empty() && (out.subject.front() == ' ' || out.subject.front() == '\t')) out.subject.erase(0, 1);
        for (char& c : out.subject)
            if (c == '\r') c = ' ';
    } else {
        out.subject = facts.kind == NoticeKind::held ? "Your email was held for review" : "About your email";
    }
    out.body = std::move(text);
    return out;
}

std::string notice_template_for(NoticeKind kind, const policies::Config& config) {
    if (kind == NoticeKind::held && !config.quarantine.notice_template.empty()) {
        std::string problem;
        std::string text = read_bounded(config.quarantine.notice_template, problem);
        if (problem.empty()) problem = notice_template_problem(text);
        if (problem.empty()) return text;
        log::warning("[quarantine] notice_template: {}; using the built-in notice", problem);
    }
    return std::string(builtin_notice_template(kind));
}

std::string compose_text_message(const policies::Config& config, const std::string& to, const std::string& subject,
                                 const std::string& body, const std::string& marker) {
    pii::ensure_gmime();
    pii::GPtr<GMimeMessage> message(g_mime_message_new(TRUE));
    g_mime_message_add_mailbox(message.get(), GMIME_ADDRESS_TYPE_FROM, config.school.name.c_str(),
                               config.quarantine.notice_from.c_str());
    g_mime_message_add_mailbox(message.get(), GMIME_ADDRESS_TYPE_TO, nullptr, to.c_str());
    g_mime_message_set_subject(message.get(), subject.c_str(), "utf-8");
    GDateTime* now = g_date_time_new_now_local();
    g_mime_message_set_date(message.get(), now);
    g_date_time_unref(now);
    const std::string& from = config.quarantine.notice_from;
    std::string domain = from.find('@') == std::string::npos ? "localhost" : from.substr(from.find('@') + 1);
    char* id = g_mime_utils_generate_message_id(domain.c_str());
    g_mime_message_set_message_id(message.get(), id);
    g_free(id);
    GMimeObject* top = GMIME_OBJECT(message.get());
    g_mime_object_set_header(top, "Auto-Submitted", "auto-generated", nullptr);
    g_mime_object_set_header(top, "X-Chaperone-Notice", marker.c_str(), nullptr);
    pii::GPtr<GMimeTextPart> part(g_mime_text_part_new_with_subtype("plain"));
    g_mime_text_part_set_text(part.get(), body.c_str());
    g_mime_text_part_set_charset(part.get(), "utf-8");
    g_mime_part_set_content_encoding(GMIME_PART(part.get()),
                                     g_mime_part_get_best_content_encoding(GMIME_PART(part.get()),
                                                                           GMIME_ENCODING_CONSTRAINT_7BIT));
    g_mime_message_set_mime_part(message.get(), GMIME_OBJECT(part.get()));
    char* bytes = g_mime_object_to_string(top, nullptr);
    std::string out = bytes ? bytes : "";
    g_free(bytes);
    return out;
}

std::string compose_notice_message(const NoticeFacts& facts, const policies::Config& config) {
    NoticeText text = render_notice(notice_template_for(facts.kind, config), facts, config);
    std::string marker = facts.kind == NoticeKind::held ? fmt::format("held; quarantine={}", facts.id) : "warning";
    return compose_text_message(config, facts.sender, text.subject, text.body, marker);
}

NoticeResult send_text_message(const policies::Config& config, const std::string& to, const std::string& message) {
    NoticeResult result;
    auto endpoint = smtp::parse_smtp_endpoint(config.release.relay);
    if (!endpoint) {
        result.detail = "[release] relay: " + endpoint.error_message();
        return result;
    }
    smtp::SmtpOptions options;
    options.helo = config.release.helo;
    options.timeout = std::chrono::seconds(config.release.timeout_seconds);
    smtp::SmtpOutcome sent = smtp::smtp_send(*endpoint, smtp::SmtpEnvelope{config.quarantine.notice_from, {to}, message}, options);
    result.sent = sent.delivered;
    result.detail = sent.delivered ? sent.reply : sent.error;
    return result;
}

NoticeResult send_notice(const NoticeFacts& facts, const policies::Config& config) {
    if (facts.sender.empty() || facts.sender.find('@') == std::string::npos) {
        return NoticeResult{false, "no sender address to notify (null sender)"};
    }
    return send_text_message(config, facts.sender, compose_notice_message(facts, config));
}

}  // namespace chaperone::archive
