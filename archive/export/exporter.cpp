// Export formats: factory, temp-file handling, mbox and eml-zip; see exporter.h.
// The PDF writer is in pdf_export.cpp.
#include "archive/export/exporter.h"

#include <fcntl.h>
#include <unistd.h>
#include <zip.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <set>

#include "archive/casefile/text_util.h"
#include "archive/crypto/sodium_init.h"

namespace chaperone::archive {
namespace fs = std::filesystem;

std::unique_ptr<Exporter> make_pdf_exporter(const fs::path& out, const ExportHeading& heading,
                                            const policies::LimitsConfig& limits, Status& error);

bool parse_export_format(std::string_view name, ExportFormat& out) {
    if (name == "mbox") out = ExportFormat::mbox;
    else if (name == "eml-zip") out = ExportFormat::eml_zip;
    else if (name == "pdf") out = ExportFormat::pdf;
    else return false;
    return true;
}

fs::path temp_path_beside(const fs::path& out) {
    fs::path dir = out.parent_path().empty() ? fs::path(".") : out.parent_path();
    return dir / ("." + out.filename().string() + ".tmp-" + crypto::random_hex(6));
}

Status commit_temp_file(const fs::path& temp, const fs::path& out) {
    {
        int fd = ::open(temp.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd >= 0) {
            (void)::fsync(fd);
            ::close(fd);
        }
    }
    if (::rename(temp.c_str(), out.c_str()) != 0) {
        int err = errno;
        ::unlink(temp.c_str());
        return Status::error(Errc::io, "writing " + out.string() + ": " + std::strerror(err));
    }
    fs::path dir = out.parent_path().empty() ? fs::path(".") : out.parent_path();
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        (void)::fsync(fd);
        ::close(fd);
    }
    return Status::ok();
}

std::string mbox_message(const EntrySummary& entry, std::string_view raw) {
    std::string sender = bare_address(entry.envelope_from.empty() ? entry.header_from : entry.envelope_from);
    if (sender.empty() || sender.find(' ') != std::string::npos) sender = "MAILER-DAEMON";
    std::string out = "From " + sender + " " + format_asctime_utc(entry.sent_at) + "\n";
    std::string body = to_lf(raw);
    std::size_t pos = 0;
    while (pos < body.size()) {
        std::size_t end = body.find('\n', pos);
        std::string_view line = std::string_view(body).substr(pos, end == std::string::npos ? std::string::npos : end - pos);
        // mboxrd: any line that is ">*From " gains one more '>' (readers strip exactly one).
        std::size_t q = 0;
        while (q < line.size() && line[q] == '>') ++q;
        if (line.substr(q, 5) == "From ") out.push_back('>');
        out.append(line);
        out.push_back('\n');
        if (end == std::string::npos) break;
        pos = end + 1;
    }
    out.push_back('\n');
    return out;
}

std::string eml_file_name(const EntrySummary& entry) {
    return format_compact(entry.sent_at) + "_" + std::to_string(entry.id) + ".eml";
}

namespace {

class MboxExporter final : public Exporter {
public:
    MboxExporter(fs::path out, fs::path temp) : out_(std::move(out)), temp_(std::move(temp)) {
        file_.open(temp_, std::ios::binary | std::ios::trunc);
    }
    ~MboxExporter() override {
        if (!done_) {
            file_.close();
            ::unlink(temp_.c_str());
        }
    }
    bool opened() const { return file_.is_open(); }
    Status add(const EntrySummary& entry, std::string_view raw) override {
        std::string message = mbox_message(entry, raw);
        file_.write(message.data(), static_cast<std::streamsize>(message.size()));
        if (!file_) return Status::error(Errc::io, "writing " + temp_.string() + ": " + std::strerror(errno));
        return Status::ok();
    }
    Status finish() override {
        file_.close();
        if (!file_) return Status::error(Errc::io, "writing " + temp_.string());
        done_ = true;
        return commit_temp_file(temp_, out_);
    }

private:
    fs::path out_, temp_;
    std::ofstream file_;
    bool done_ = false;
};

class EmlZipExporter final : public Exporter {
public:
    EmlZipExporter(fs::path out, fs::path temp, zip_t* zip) : out_(std::move(out)), temp_(std::move(temp)), zip_(zip) {}
    ~EmlZipExporter() override {
        if (zip_) zip_discard(zip_);
        if (!done_) ::unlink(temp_.c_str());
    }
    Status add(const EntrySummary& entry, std::string_view raw) override {
        std::string name = eml_file_name(entry);
        void* copy = std::malloc(raw.size() ? raw.size() : 1);
        if (!copy) return Status::error(Errc::io, "out of memory");
        std::memcpy(copy, raw.data(), raw.size());
        zip_source_t* source = zip_source_buffer(zip_, copy, raw.size(), 1);  // libzip frees `copy`
        if (!source) {
            std::free(copy);
            return Status::error(Errc::io, std::string("zip: ") + zip_strerror(zip_));
        }
        if (zip_file_add(zip_, name.c_str(), source, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0) {
            zip_source_free(source);
            return Status::error(Errc::io, std::string("zip: ") + zip_strerror(zip_));
        }
        return Status::ok();
    }
    Status finish() override {
        if (zip_close(zip_) != 0) {
            std::string why = zip_strerror(zip_);
            return Status::error(Errc::io, "writing " + temp_.string() + ": " + why);
        }
        zip_ = nullptr;
        done_ = true;
        return commit_temp_file(temp_, out_);
    }

private:
    fs::path out_, temp_;
    zip_t* zip_;
    bool done_ = false;
};

}  // namespace

Result<std::unique_ptr<Exporter>> make_exporter(ExportFormat format, const fs::path& out, const ExportHeading& heading,
                                                const policies::LimitsConfig& limits) {
    fs::path temp = temp_path_beside(out);
    switch (format) {
        case ExportFormat::mbox: {
            auto exporter = std::make_unique<MboxExporter>(out, temp);
            if (!exporter->opened()) {
                return Status::error(Errc::io, "cannot write " + out.string() + ": " + std::strerror(errno));
            }
            return std::unique_ptr<Exporter>(std::move(exporter));
        }
        case ExportFormat::eml_zip: {
            int error = 0;
            zip_t* zip = zip_open(temp.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
            if (!zip) {
                zip_error_t ze;
                zip_error_init_with_code(&ze, error);
                std::string why = zip_error_strerror(&ze);
                zip_error_fini(&ze);
                return Status::error(Errc::io, "cannot write " + out.string() + ": " + why);
            }
            return std::unique_ptr<Exporter>(std::make_unique<EmlZipExporter>(out, temp, zip));
        }
        case ExportFormat::pdf: {
            Status error;
            auto exporter = make_pdf_exporter(out, heading, limits, error);
            if (!exporter) return error;
            return exporter;
        }
    }
    return Status::error(Errc::internal, "unknown export format");
}

}  // namespace chaperone::archive
