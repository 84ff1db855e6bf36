// Place ownership; see place_context.h.
#include "pii/detect/place_context.h"

#include <algorithm>

#include "pii/detect/context_words.h"
#include "pii/detect/place_candidates.h"
#include "pii/roster/text_fold.h"

namespace chaperone::pii {

bool has_business_context(std::string_view text, std::size_t pos) {
    ByteRange block = line_of(text, pos);
    for (std::size_t k = 0; k < kAddressBlockLines && block.start > 0; ++k) {
        const ByteRange previous = line_of(text, block.start - 1);
        if (previous.end <= previous.start) break;  // a blank line ends the address block
        block.start = previous.start;
    }
    return contains_word(text, block.start, block.end,
                         {"ltd", "limited", "plc", "llp", "unit", "units", "suite", "industrial estate", "business park",
                          "trading estate", "retail park", "business centre", "enterprise park", "ind est", "co.",
                          "t/a", "vat", "company", "depot", "warehouse", "headquarters", "head office"});
}

SchoolPlace::SchoolPlace(std::string_view address) : folded_address(fold_text(address)), postcodes(postcodes_in(address)) {}

bool SchoolPlace::has_street(std::string_view folded_street) const {
    if (folded_address.empty() || folded_street.empty()) return false;
    const auto at = folded_address.find(folded_street);
    if (at == std::string::npos) return false;
    const std::size_t end = at + folded_street.size();
    return (at == 0 || folded_address[at - 1] == ' ') && (end == folded_address.size() || folded_address[end] == ' ');
}

bool SchoolPlace::has_postcode(std::string_view compact) const {
    return std::find(postcodes.begin(), postcodes.end(), compact) != postcodes.end();
}

}  // namespace chaperone::pii
