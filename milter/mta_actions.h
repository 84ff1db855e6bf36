// What the milter can ask of the MTA at end of message, as an interface so the message
// processor can be tested without libmilter (tests record the calls instead).
//
// Header indexes are 1-based among the headers of that name, as in smfi_chgheader();
// an empty value in change_header() deletes the header.
#pragma once

#include <string>
#include <string_view>

#include "pii/base/result.h"

namespace chaperone::milter {

class MtaActions {
public:
    virtual ~MtaActions() = default;
    virtual Status add_header(const std::string& name, const std::string& value) = 0;
    virtual Status change_header(const std::string& name, int index, const std::string& value) = 0;
    virtual Status replace_body(std::string_view body) = 0;
};

// The answer to the MTA for the whole message.
enum class MtaVerdict { accept, tempfail, reject, discard };

struct MtaReply {
    MtaVerdict verdict = MtaVerdict::accept;
    std::string code;      // "451", "550", ... (empty: the MTA's default text)
    std::string xcode;     // enhanced status code "4.3.0"
    std::string text;      // one line, no PII

    static MtaReply accept() { return {}; }
    static MtaReply discard() { return {MtaVerdict::discard, "", "", ""}; }
    static MtaReply tempfail(std::string text, std::string xcode = "4.3.0") {
        return {MtaVerdict::tempfail, "451", std::move(xcode), std::move(text)};
    }
    static MtaReply reject(std::string text, std::string code = "550", std::string xcode = "5.7.1") {
        return {MtaVerdict::reject, std::move(code), std::move(xcode), std::move(text)};
    }
};

}  // namespace chaperone::milter
