// The print-ready case-file PDF, written with libharu.
//
// A4 pages; each page headed with the school and the pupil (or correspondent) and footed
// with "Page i of n". Entries follow one another in date order, each headed with sender,
// addressee(s), date and time sent, subject, attachments and the pupils it is filed to, then
// the message text, wrapped to the page width. Text is UTF-8 in an embedded TrueType font
// (DejaVu Sans, Debian fonts-dejavu-core), so "Zoë Dupré" prints as written.
//
// libharu reports errors through a callback; we record the first and check after each
// call that matters, so a failure is a Status, never a longjmp.
#include <hpdf.h>

#include <fmt/format.h>

#include <filesystem>
#include <vector>

#include "archive/casefile/message_text.h"
#include "archive/casefile/text_util.h"
#include "archive/export/exporter.h"
#include "pii/mime/mime_message.h"

namespace chaperone::archive {
namespace fs = std::filesystem;

namespace {

constexpr const char* kFontRegular = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
constexpr const char* kFontBold = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
constexpr float kPageWidth = 595.276f;   // A4 in points
constexpr float kPageHeight = 841.89f;
constexpr float kMargin = 50.0f;
constexpr float kBodySize = 9.5f;
constexpr float kHeadSize = 10.5f;
constexpr float kLeading = 1.3f;
constexpr std::size_t kMaxLinesPerEntry = 20'000;  // a bound on one message's printed text
constexpr std::size_t kMaxPages = 20'000;

void on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void* user_data) {
    auto* first = static_cast<std::string*>(user_data);
    if (first->empty()) *first = fmt::format("libharu error 0x{:04X} (detail {})", error_no, detail_no);
}

// Splits UTF-8 into code points (as byte strings), replacing control characters.
std::vector<std::string> utf8_chars(std::string_view s) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < s.size()) {
        auto c = static_cast<unsigned char>(s[i]);
        std::size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
        if (i + len > s.size()) len = 1;
        std::string ch(s.substr(i, len));
        if (len == 1 && (c < 0x20 || c >= 0x80)) ch = c == '\t' ? "    " : (c >= 0x80 ? "\xEF\xBF\xBD" : " ");
        out.push_back(std::move(ch));
        i += len;
    }
    return out;
}

class PdfExporter final : public Exporter {
public:
    PdfExporter(fs::path out, ExportHeading heading, policies::LimitsConfig limits)
        : out_(std::move(out)), heading_(std::move(heading)), limits_(limits) {}
    ~PdfExporter() override {
        if (pdf_) HPDF_Free(pdf_);
    }

    Status start() {
        for (const char* font : {kFontRegular, kFontBold}) {
            std::error_code ec;
            if (!fs::exists(font, ec)) {
                return Status::error(Errc::not_found,
                                     std::string("PDF export needs the font ") + font + " (Debian package fonts-dejavu-core)");
            }
        }
        pdf_ = HPDF_New(on_error, &error_);
        if (!pdf_) return Status::error(Errc::internal, "libharu could not start");
        HPDF_SetCompressionMode(pdf_, HPDF_COMP_ALL);
        HPDF_UseUTFEncodings(pdf_);
        HPDF_SetCurrentEncoder(pdf_, "UTF-8");
        const char* regular = HPDF_LoadTTFontFromFile(pdf_, kFontRegular, HPDF_TRUE);
        const char* bold = HPDF_LoadTTFontFromFile(pdf_, kFontBold, HPDF_TRUE);
        if (!regular || !bold) return failed("loading fonts");
        font_ = HPDF_GetFont(pdf_, regular, "UTF-8");
        bold_ = HPDF_GetFont(pdf_, bold, "UTF-8");
        if (!font_ || !bold_) return failed("loading fonts");
        HPDF_SetInfoAttr(pdf_, HPDF_INFO_TITLE, ("Case file: " + heading_.subject).c_str());
        HPDF_SetInfoAttr(pdf_, HPDF_INFO_CREATOR, "Chaperone");
        return new_page();
    }

    Status add(const EntrySummary& entry, std::string_view raw) override {
        if (!error_.empty()) return failed("writing PDF");
        if (entries_ > 0) {
            gap(10);
            rule();
            gap(8);
        }
        ++entries_;
        std::string heading = fmt::format("Entry {} — {}", entry.id,
                                          entry.direction == Direction::out ? "sent by the school"
                                                                            : "received from a parent or carer");
        write_wrapped(heading, bold_, kHeadSize);
        auto field = [&](const std::string& label, const std::string& value) {
            if (!value.empty()) write_wrapped(label + ": " + value, font_, kBodySize);
        };
        auto joined = [](const std::vector<std::string>& items) {
            std::string out;
            for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
            return out;
        };
        field("From", entry.shown_from());
        field("To", joined(entry.shown_to()));
        field("Cc", joined(entry.header_cc));
        if (entry.envelope_to != entry.shown_to()) field("Delivered to", joined(entry.envelope_to));
        field("Date sent", format_human(entry.sent_at));
        field("Recorded", format_human(entry.recorded_at));
        field("Subject", entry.subject.empty() ? "(no subject)" : entry.subject);
        std::vector<std::string> attachments;
        for (const auto& a : entry.attachments) {
            attachments.push_back(fmt::format("{} ({}, {} bytes)", a.name.empty() ? "(unnamed)" : a.name, a.type, a.size));
        }
        field("Attachments", attachments.empty() ? "none" : joined(attachments));
        std::vector<std::string> pupils;
        for (const auto& s : entry.students) {
            auto it = heading_.pupil_names.find(s.upn);
            std::string name = it == heading_.pupil_names.end() ? "" : it->second + " ";
            pupils.push_back(fmt::format("{}({}, {})", name, s.upn, basis_name(s.basis)));
        }
        field("Filed to", joined(pupils));
        gap(4);
        std::string text;
        auto parsed = pii::MimeMessage::parse(raw);
        if (parsed) text = message_text(*parsed, limits_);
        if (text.empty()) text = "(no readable text in this message)";
        std::size_t lines = 0;
        std::size_t pos = 0;
        while (pos <= text.size() && lines < kMaxLinesPerEntry) {
            std::size_t end = text.find('\n', pos);
            write_wrapped(text.substr(pos, end == std::string::npos ? std::string::npos : end - pos), font_, kBodySize,
                          &lines);
            if (end == std::string::npos) break;
            pos = end + 1;
        }
        if (lines >= kMaxLinesPerEntry) write_wrapped("[text cut short: too long to print]", bold_, kBodySize);
        if (pages_.size() > kMaxPages) return Status::error(Errc::limit, "PDF export: more than 20000 pages");
        return error_.empty() ? Status::ok() : failed("writing PDF");
    }

    Status finish() override {
        if (entries_ == 0) write_wrapped("No correspondence on file for this selection.", font_, kBodySize);
        // Page numbers last, now that the count is known.
        for (std::size_t i = 0; i < pages_.size(); ++i) {
            HPDF_Page page = pages_[i];
            std::string footer = fmt::format("Page {} of {}", i + 1, pages_.size());
            std::string printed = "Printed " + format_human(now_utc()) +
                                  (heading_.printed_by.empty() ? "" : " by " + heading_.printed_by) + " — confidential";
            HPDF_Page_BeginText(page);
            HPDF_Page_SetFontAndSize(page, font_, 8);
            HPDF_Page_TextOut(page, kMargin, 28, printed.c_str());
            float w = HPDF_Page_TextWidth(page, footer.c_str());
            HPDF_Page_TextOut(page, kPageWidth - kMargin - w, 28, footer.c_str());
            HPDF_Page_EndText(page);
        }
        if (!error_.empty()) return failed("writing PDF");
        fs::path temp = temp_path_beside(out_);
        if (HPDF_SaveToFile(pdf_, temp.c_str()) != HPDF_OK) {
            ::unlink(temp.c_str());
            return Status::error(Errc::io, "writing " + out_.string() + ": " + error_);
        }
        return commit_temp_file(temp, out_);
    }

private:
    Status failed(const std::string& what) {
        return Status::error(Errc::io, what + ": " + (error_.empty() ? std::string("libharu failed") : error_));
    }

    Status new_page() {
        HPDF_Page page = HPDF_AddPage(pdf_);
        if (!page) return failed("adding a page");
        HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
        pages_.push_back(page);
        page_ = page;
        float top = kPageHeight - kMargin + 18;
        HPDF_Page_BeginText(page);
        HPDF_Page_SetFontAndSize(page, bold_, 9);
        HPDF_Page_TextOut(page, kMargin, top, heading_.school.c_str());
        HPDF_Page_SetFontAndSize(page, font_, 9);
        std::string right = "Case file: " + heading_.subject;
        float w = HPDF_Page_TextWidth(page, right.c_str());
        HPDF_Page_TextOut(page, std::max(kMargin + 150, kPageWidth - kMargin - w), top, right.c_str());
        HPDF_Page_EndText(page);
        HPDF_Page_SetLineWidth(page, 0.5);
        HPDF_Page_MoveTo(page, kMargin, top - 6);
        HPDF_Page_LineTo(page, kPageWidth - kMargin, top - 6);
        HPDF_Page_Stroke(page);
        y_ = top - 24;
        return Status::ok();
    }

    void gap(float points) {
        y_ -= points;
        if (y_ < kMargin) (void)new_page();
    }

    void rule() {
        HPDF_Page_SetLineWidth(page_, 0.3f);
        HPDF_Page_MoveTo(page_, kMargin, y_);
        HPDF_Page_LineTo(page_, kPageWidth - kMargin, y_);
        HPDF_Page_Stroke(page_);
    }

    void emit_line(const std::string& line, HPDF_Font font, float size) {
        float height = size * kLeading;
        if (y_ - height < kMargin) (void)new_page();
        y_ -= height;
        if (line.empty()) return;
        HPDF_Page_BeginText(page_);
        HPDF_Page_SetFontAndSize(page_, font, size);
        HPDF_Page_TextOut(page_, kMargin, y_, line.c_str());
        HPDF_Page_EndText(page_);
    }

    float width_of(const std::string& text, HPDF_Font font, float size) {
        HPDF_Page_SetFontAndSize(page_, font, size);
        return HPDF_Page_TextWidth(page_, text.c_str());
    }

    // Greedy word wrap; a word longer than the line is broken between characters.
    void write_wrapped(const std::string& text, HPDF_Font font, float size, std::size_t* lines = nullptr) {
        const float max_width = kPageWidth - 2 * kMargin;
        auto chars = utf8_chars(text);
        std::string line, word;
        auto flush_line = [&]() {
            emit_line(line, font, size);
            if (lines) ++*lines;
            line.clear();
        };
        auto place_word = [&]() {
            if (word.empty()) return;
            std::string candidate = line + word;
            if (width_of(candidate, font, size) <= max_width) {
                line = candidate;
            } else {
                if (!trim(line).empty()) flush_line();
                std::string w = word[0] == ' ' ? word.substr(1) : word;
                if (width_of(w, font, size) <= max_width) {
                    line = w;
                } else {
                    for (const auto& ch : utf8_chars(w)) {
                        if (width_of(line + ch, font, size) > max_width) flush_line();
                        line += ch;
                    }
                }
            }
            word.clear();
        };
        for (const auto& ch : chars) {
            if (ch == " " && !word.empty() && word.back() != ' ') place_word();
            word += ch;
        }
        place_word();
        flush_line();
    }

    fs::path out_;
    ExportHeading heading_;
    policies::LimitsConfig limits_;
    std::string error_;
    HPDF_Doc pdf_ = nullptr;
    HPDF_Font font_ = nullptr;
    HPDF_Font bold_ = nullptr;
    HPDF_Page page_ = nullptr;
    std::vector<HPDF_Page> pages_;
    float y_ = 0;
    std::size_t entries_ = 0;
};

}  // namespace

std::unique_ptr<Exporter> make_pdf_exporter(const fs::path& out, const ExportHeading& heading,
                                            const policies::LimitsConfig& limits, Status& error) {
    auto exporter = std::make_unique<PdfExporter>(out, heading, limits);
    error = exporter->start();
    if (!error) return nullptr;
    return exporter;
}

}  // namespace chaperone::archive
