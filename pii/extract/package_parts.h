// PackageParts: how document readers (docx, xlsx, pptx, odf) read the XML parts of one
// zip package, with every limit hit or corruption recorded once against the attachment.
//
//   PackageParts parts(zip, state, "letters.zip/letter.docx");
//   XmlPart doc;
//   if (!parts.load("word/document.xml", doc)) return parts.unreadable();
//
// Also the OPC (OOXML) plumbing: relationships of a part with targets resolved to part
// names, and which kind of document a package is, from [Content_Types].xml.
//
// Thread-safety: one reader at a time.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "pii/extract/extract_state.h"
#include "pii/extract/xml_part.h"
#include "pii/extract/zip_reader.h"

namespace chaperone::pii {

// What a document reader hands back.
struct DocumentText {
    std::string text;
    Protection protection = Protection::none;
    std::string detail;
};

class PackageParts {
public:
    PackageParts(const ZipReader& zip, ExtractState& state, std::string where)
        : zip_(zip), state_(state), where_(std::move(where)) {}

    // Reads and parses a part. False when it is missing (`missing_is_error` decides whether
    // that makes the document unreadable) or cannot be read (always recorded).
    bool load(std::string_view name, XmlPart& out, bool missing_is_error = true,
              XmlSpace space = XmlSpace::sole_child);
    // Reads a part's raw bytes (e.g. "mimetype"); same failure rules as load().
    bool load_bytes(std::string_view name, std::string& out, bool missing_is_error = true);
    bool has(std::string_view name) const { return zip_.find(name) != nullptr; }

    bool failed() const { return !failure_.empty(); }
    const std::string& failure() const { return failure_; }
    DocumentText unreadable() const { return DocumentText{{}, Protection::unreadable, failure_}; }

    const ZipReader& zip() const { return zip_; }
    ExtractState& state() { return state_; }
    const std::string& where() const { return where_; }
    // Text budget for a sink: one byte over what is left, so add_text sees the cut and reports it.
    std::uint64_t text_cap() const { return state_.text_remaining() + 1; }

private:
    void fail(std::string detail) {
        if (failure_.empty()) failure_ = std::move(detail);
    }
    const ZipReader& zip_;
    ExtractState& state_;
    std::string where_;
    std::string failure_;
};

struct OpcRelationship {
    std::string id;
    std::string type;    // the full type URI; compare with type_is()
    std::string target;  // resolved part name ("word/header1.xml"), or the URI if external
    bool external = false;

    // True when the type URI ends with "/<suffix>" ("officeDocument", "worksheet").
    bool type_is(std::string_view suffix) const;
};

// Relationships of `part` ("" for the package's own _rels/.rels); empty when there are none.
std::vector<OpcRelationship> read_relationships(PackageParts& parts, std::string_view part);

// `target` relative to the folder of `source_part`, with "." and ".." resolved; a target
// starting with "/" is relative to the package root.
std::string resolve_part_name(std::string_view source_part, std::string_view target);

enum class OoxmlKind { unknown, docx, xlsx, pptx, xlsb };

struct OoxmlPackage {
    OoxmlKind kind = OoxmlKind::unknown;
    std::string main_part;  // "word/document.xml"
};

// From [Content_Types].xml (the main part's content type), else the usual part names.
OoxmlPackage identify_ooxml(PackageParts& parts);

}  // namespace chaperone::pii
