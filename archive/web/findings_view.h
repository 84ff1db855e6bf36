// A held message's findings, highlighted in the text they were found in, for the DPO.
//
//   auto extraction = pii::extract_message(parsed, extraction_limits(config.limits));
//   auto sections = highlight_findings(extraction, entry.findings);
//   for each section: section.where ("body", "report.docx"), section.html (SafeHtml)
//
// The findings' offsets are byte offsets into the extracted text of their source (the same
// extraction the milter ran), so the message is extracted again here and each finding is
// wrapped in <mark class="finding">…<span class="finding__kind">date of birth</span></mark>.
// A short source is shown whole; a long one as windows of kContextBytes around each
// finding, joined by "…". Offsets out of range or overlapping an earlier finding are
// skipped (counted in `skipped`), never trusted blindly. All text is HTML-escaped.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <vector>

#include "archive/store/quarantine_store.h"
#include "archive/web/template_value.h"
#include "pii/extract/extraction.h"
#include "policies/config/config.h"

namespace chaperone::archive::web {

constexpr std::size_t kWholeSourceBytes = 64 * 1024;
constexpr std::size_t kContextBytes = 240;
constexpr std::size_t kMaxHighlightedFindings = 500;

struct HighlightedSource {
    std::string where;
    SafeHtml html;
    std::size_t findings = 0;
    std::size_t skipped = 0;
    bool excerpted = false;  // windows, not the whole text
};

std::vector<HighlightedSource> highlight_findings(const pii::Extraction& extraction,
                                                  const std::vector<QuarantineFinding>& findings);
// "date of birth" for "dob", and so on; the kind itself when unknown.
std::string finding_kind_label(const std::string& kind);
pii::ExtractionLimits extraction_limits(const policies::LimitsConfig& limits);

}  // namespace chaperone::archive::web
