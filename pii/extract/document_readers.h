// Readers of zip-packaged documents: Word (docx), Excel (xlsx), PowerPoint (pptx) and
// OpenDocument (odt, ods, odp). Each turns one package into text in reading order, and
// reports an unreadable part through PackageParts.
//
// Layout every reader keeps (detectors rely on it):
// - one paragraph per line; table rows one per line with cells separated by tabs;
// - spreadsheets: for each sheet its name on a line, then one line per non-empty row,
//   cells separated by tabs (empty cells keep their column, trailing ones dropped), dates
//   as dd/mm/yyyy; sheets separated by an empty line;
// - docx: body, then headers, footers, footnotes, endnotes, comments; text boxes follow
//   the paragraph they are anchored in; tracked deletions are included (they are still in
//   the file, and one click shows them);
// - pptx: slides in presentation order, each slide's text then its notes and comments,
//   slides separated by an empty line; odp likewise;
// - odt: body, then the headers and footers of the page styles.
//
// Thread-safety: pure functions of their inputs.
#pragma once

#include <string>

#include "pii/extract/package_parts.h"

namespace chaperone::pii {

DocumentText read_docx(PackageParts& parts, const std::string& main_part);
DocumentText read_xlsx(PackageParts& parts, const std::string& main_part);
DocumentText read_pptx(PackageParts& parts, const std::string& main_part);

enum class OdfKind { text, spreadsheet, presentation, graphics };
DocumentText read_odf(PackageParts& parts, OdfKind kind);

}  // namespace chaperone::pii
