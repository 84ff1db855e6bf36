// Policy engine construction; see engine_factory.h.
#include "policies/decision/engine_factory.h"

#include "pii/roster/roster_index.h"

namespace chaperone::policies {

pii::ScanSettings scan_settings_for(const Config& config) {
    pii::ScanSettings settings;
    const LimitsConfig& l = config.limits;
    settings.limits.max_extracted_bytes = l.max_extracted_bytes;
    settings.limits.max_attachment_bytes = l.max_attachment_bytes;
    settings.limits.max_archive_depth = l.max_archive_depth;
    settings.limits.max_archive_entries = l.max_archive_entries;
    settings.limits.max_compression_ratio = l.max_compression_ratio;
    settings.limits.max_mime_parts = l.max_mime_parts;
    settings.limits.max_mime_depth = l.max_mime_depth;
    settings.limits.max_pdf_pages = l.max_pdf_pages;
    for (const std::string& name : config.detectors.kinds) {
        pii::PiiKind kind;
        if (pii::parse_kind(name, kind)) settings.kinds.push_back(kind);
    }
    settings.min_confidence = config.detectors.min_confidence;
    return settings;
}

std::shared_ptr<const PolicyEngine> make_policy_engine(std::shared_ptr<const Config> config,
                                                       std::shared_ptr<const pii::Roster> roster) {
    // No roster yet: a null index, which the Scanner takes as "generic detectors only".
    std::shared_ptr<const pii::RosterIndex> index;
    if (roster) index = pii::RosterIndex::build(*roster);
    auto scanner = std::make_shared<const pii::Scanner>(scan_settings_for(*config), std::move(index));
    return std::make_shared<const PolicyEngine>(std::move(config), std::move(scanner));
}

}  // namespace chaperone::policies
