// An MtaActions that records what the milter asked the MTA to do, and can apply the
// recorded changes to the original message to show what a recipient would receive.
#pragma once

#include <string>
#include <vector>

#include "milter/collected_message.h"
#include "milter/mta_actions.h"

namespace chaperone::test {

struct RecordedHeaderChange {
    std::string name;
    int index;          // 0 for add_header
    std::string value;  // "" with index > 0: delete
};

class RecordingActions : public milter::MtaActions {
public:
    Status add_header(const std::string& name, const std::string& value) override;
    Status change_header(const std::string& name, int index, const std::string& value) override;
    Status replace_body(std::string_view body) override;

    std::vector<RecordedHeaderChange> headers;
    bool body_replaced = false;
    std::string body;
    bool fail_body = false;  // simulate the MTA refusing the body

    // The message as delivered: original headers with the changes applied, then the body.
    std::string delivered(const milter::CollectedMessage& original) const;
};

// Builds a CollectedMessage from a whole message text (headers, blank line, body) as
// libmilter would hand it over: one HeaderField per header, folded lines joined by "\n".
milter::CollectedMessage collect(const std::string& raw, const std::string& from,
                                 const std::vector<std::string>& recipients, std::uint64_t spill_bytes = 1 << 20);

}  // namespace chaperone::test
