// Names of quarantine states; see quarantine_store.h.
#include "archive/store/quarantine_store.h"

namespace chaperone::archive {

std::string_view quarantine_state_name(QuarantineState state) {
    switch (state) {
        case QuarantineState::held: return "held";
        case QuarantineState::releasing: return "releasing";
        case QuarantineState::released: return "released";
        case QuarantineState::discarded: return "discarded";
    }
    return "held";
}

bool parse_quarantine_state(std::string_view name, QuarantineState& out) {
    for (QuarantineState s : {QuarantineState::held, QuarantineState::releasing, QuarantineState::released,
                              QuarantineState::discarded}) {
        if (quarantine_state_name(s) == name) {
            out = s;
            return true;
        }
    }
    return false;
}

std::string_view notice_state_name(NoticeState state) {
    switch (state) {
        case NoticeState::not_needed: return "not-needed";
        case NoticeState::pending: return "pending";
        case NoticeState::sent: return "sent";
        case NoticeState::failed: return "failed";
    }
    return "not-needed";
}

bool parse_notice_state(std::string_view name, NoticeState& out) {
    for (NoticeState s : {NoticeState::not_needed, NoticeState::pending, NoticeState::sent, NoticeState::failed}) {
        if (notice_state_name(s) == name) {
            out = s;
            return true;
        }
    }
    return false;
}

std::vector<std::string> QuarantineEntry::rule_ids() const {
    std::vector<std::string> out;
    for (const auto& r : rules) out.push_back(r.id);
    return out;
}

}  // namespace chaperone::archive
