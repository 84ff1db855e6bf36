// Exporting case-file entries: mbox, a zip of .eml files, or a print-ready PDF.
//
//   auto exporter = make_exporter(ExportFormat::pdf, "/tmp/file.pdf", heading, config.limits);
//   for each entry: exporter->add(entry, raw_message);
//   exporter->finish();   // the output file appears whole (temp file + rename) or not at all
//
// Entries arrive in the order they should appear (date order). The raw message is the one
// stored (footer included), never altered except as the container format requires (LF line
// ends and ">From " quoting in mbox).
//
// Thread-safety: an exporter is one thread's.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "archive/store/casefile_store.h"
#include "pii/base/result.h"
#include "policies/config/config.h"

namespace chaperone::archive {

enum class ExportFormat { mbox, eml_zip, pdf };
bool parse_export_format(std::string_view name, ExportFormat& out);  // "mbox" | "eml-zip" | "pdf"

struct ExportHeading {
    std::string school;        // [school] name
    std::string subject;       // "Zoë Dupré (B801200005001)" or "Correspondence with parent@..."
    std::map<std::string, std::string> pupil_names;  // upn -> "Forename Surname", for the PDF
    std::string printed_by;    // actor, for the PDF footer
};

class Exporter {
public:
    virtual ~Exporter() = default;
    virtual Status add(const EntrySummary& entry, std::string_view raw) = 0;
    virtual Status finish() = 0;
};

Result<std::unique_ptr<Exporter>> make_exporter(ExportFormat format, const std::filesystem::path& out,
                                                const ExportHeading& heading, const policies::LimitsConfig& limits);

// Pieces exposed for tests.
// One mboxrd message: From_ line, the message with LF line ends and >From quoting, blank line.
std::string mbox_message(const EntrySummary& entry, std::string_view raw);
// "20240305T091200_42.eml"
std::string eml_file_name(const EntrySummary& entry);

// The path of a temporary file beside `out`, for write-then-rename.
std::filesystem::path temp_path_beside(const std::filesystem::path& out);
// Renames temp over out and syncs the directory.
Status commit_temp_file(const std::filesystem::path& temp, const std::filesystem::path& out);

}  // namespace chaperone::archive
