// Display helpers of EntrySummary; see casefile_store.h.
#include "archive/store/casefile_store.h"

namespace chaperone::archive {

std::string EntrySummary::shown_from() const { return header_from.empty() ? envelope_from : header_from; }

std::vector<std::string> EntrySummary::shown_to() const { return header_to.empty() ? envelope_to : header_to; }

}  // namespace chaperone::archive
