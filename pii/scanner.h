// The PII engine's front door: text extraction + detectors over a message or a file.
//
//   Scanner scanner(settings, roster_index);
//   ScanReport report = scanner.scan_message(message, context);
//
// A Scanner is immutable after construction and may be shared by every milter thread;
// a new roster means a new Scanner (swap a shared_ptr). `roster` may be null (no roster
// imported yet): the generic detectors still run.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "pii/base/result.h"
#include "pii/extract/extraction.h"
#include "pii/finding.h"
#include "pii/mime/mime_message.h"
#include "pii/roster/roster.h"
#include "pii/scan_context.h"

namespace chaperone::pii {

class RosterIndex;
class DetectorSet;

struct ScanSettings {
    ExtractionLimits limits;
    std::vector<PiiKind> kinds;  // enabled detectors; empty means all
    double min_confidence = 0.5;
};

struct ScanReport {
    Extraction extraction;
    std::vector<Finding> findings;
};

class Scanner {
public:
    Scanner(ScanSettings settings, std::shared_ptr<const RosterIndex> roster);
    ~Scanner();

    // Everything the message carries: body parts (plain, HTML, any charset), the Subject,
    // attachments (documents, spreadsheets, PDFs, archives), forwarded messages.
    ScanReport scan_message(const MimeMessage& message, const ScanContext& context) const;
    // One file: .txt, .eml, or any supported attachment type (chosen by content, then name).
    Result<ScanReport> scan_file(const std::filesystem::path& path, const ScanContext& context) const;
    // Detectors only, over text already extracted.
    std::vector<Finding> scan_text(std::string_view text, std::string_view where, const ScanContext& context) const;

    const RosterIndex* roster() const { return roster_.get(); }
    const ScanSettings& settings() const { return settings_; }

private:
    ScanSettings settings_;
    std::shared_ptr<const RosterIndex> roster_;
    std::unique_ptr<const DetectorSet> detectors_;
};

// The correspondents of a message as its headers name them: `context` with display names
// filled in from From:/To:/Cc: where the caller left them empty (and recipients the
// headers name added when the envelope gave none).
ScanContext with_header_names(const MimeMessage& message, const ScanContext& context);

}  // namespace chaperone::pii
