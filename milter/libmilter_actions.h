// MtaActions over a live libmilter context (smfi_addheader, smfi_chgheader, smfi_replacebody).
#pragma once

#include <libmilter/mfapi.h>

#include "milter/mta_actions.h"

namespace chaperone::milter {

class LibmilterActions : public MtaActions {
public:
    explicit LibmilterActions(SMFICTX* ctx) : ctx_(ctx) {}
    Status add_header(const std::string& name, const std::string& value) override;
    Status change_header(const std::string& name, int index, const std::string& value) override;
    Status replace_body(std::string_view body) override;

private:
    SMFICTX* ctx_;
};

}  // namespace chaperone::milter
