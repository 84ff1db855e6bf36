// The stack most end-to-end tests need: an smtp-sink, chaperone-milter with a test config,
// and a private Postfix with the milter plugged in, all under one scratch directory.
#pragma once

#include <memory>
#include <string>

#include "milter_process.h"
#include "postfix_instance.h"
#include "test_support.h"

namespace chaperone::test {

// The [school] and [disclaimer] sections every e2e config starts with; `extra` is appended.
std::string e2e_config(const std::string& extra = "");

struct E2EStack {
    explicit E2EStack(const std::string& name, const std::string& extra_config = "", bool inet = false,
                      std::map<std::string, std::string> postfix_extra = {});

    std::filesystem::path dir;
    SmtpSink sink;
    MilterProcess milter;
    std::unique_ptr<PostfixInstance> postfix;
    std::string error;  // non-empty when the stack did not come up

    SendResult send(const std::string& from, const std::string& to, const std::string& message) const;
    std::filesystem::path message_path(const std::string& name) const;
};

}  // namespace chaperone::test
