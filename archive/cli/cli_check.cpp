// `chaperone check`: the whole policy, offline, exactly as the milter would judge a message.
//
//   chaperone check --config C --from ADDR --to ADDR[,ADDR...] [--json] MESSAGE.eml
//
// Prints {"verdict":"deliver|quarantine|reject","rules":[ids],"findings":[...]} with --json
// (plus "rule_details", "attachments", "limits", "footer", "mode", "monitor_would",
// "recipients", "roster_version"), or a readable summary. Exit 0 deliver, 1
// quarantine/reject/tempfail, 2 usage or input error.
//
// Same engine, same roster: the policy engine is built by make_policy_engine() from the
// config and the roster in the store, exactly as the milter builds it, so the store must be
// initialised (`chaperone keys init`) as for the milter.
#include <cstdio>
#include <sstream>

#include "archive/cli/arg_parser.h"
#include "archive/cli/cli_config.h"
#include "archive/cli/command.h"
#include "archive/cli/findings_json.h"
#include "archive/cli/stored_roster.h"
#include "policies/address/domain.h"
#include "policies/decision/engine_factory.h"
#include "policies/footer/footer_inserter.h"

namespace chaperone::cli {
namespace {

std::vector<std::string> split_addresses(const std::string& csv) {
    std::vector<std::string> out;
    std::stringstream in(csv);
    std::string item;
    while (std::getline(in, item, ',')) {
        std::string address = policies::normalize_address(item);
        if (!address.empty()) out.push_back(address);
    }
    return out;
}

int run_check(const std::vector<std::string>& argv) {
    ArgParser args(argv, {"config", "from", "to"}, {"json"});
    if (!args.ok()) return usage_error(args.error());
    if (!args.require({"config", "from", "to"})) return usage_error(args.error());
    if (args.positional().size() != 1) return usage_error("check takes exactly one MESSAGE.eml");
    auto config = load_cli_config(args);
    if (!config) return kExitError;

    const std::string& file = args.positional().front();
    auto message = pii::MimeMessage::parse_file(file);
    if (!message) return input_error(file + ": " + message.error_message());

    policies::Envelope envelope;
    envelope.mail_from = policies::normalize_address(args.value("from"));
    envelope.recipients = split_addresses(args.value("to"));
    if (envelope.recipients.empty()) return usage_error("--to needs at least one address");
    envelope.queue_id = "check";

    // The roster as the milter loads it (engine_builder.cpp): none until one is imported.
    auto stored = load_stored_roster(*config);
    if (!stored) return kExitError;

    auto engine = policies::make_policy_engine(config, stored->roster);
    policies::Decision decision = engine->decide(envelope, *message);

    std::string footer = "not-needed";
    if (decision.wants_footer() && config->disclaimer.enabled) {
        policies::FooterResult r =
            policies::insert_footer(*message, policies::FooterText{config->disclaimer.text, config->disclaimer.html});
        footer = std::string(policies::footer_header_value(r.outcome));
    }

    if (args.flag("json")) {
        nlohmann::json out;
        out["verdict"] = std::string(policies::action_name(decision.verdict));
        out["rules"] = nlohmann::json::array();
        out["rule_details"] = nlohmann::json::array();
        for (const auto& hit : decision.rules) {
            out["rules"].push_back(hit.rule_id);
            out["rule_details"].push_back({{"id", hit.rule_id},
                                           {"action", std::string(policies::action_name(hit.action))},
                                           {"reason", hit.reason}});
        }
        out["findings"] = findings_json(decision.scan.findings);
        out["attachments"] = attachments_json(decision.scan.extraction.attachments);
        out["limits"] = limits_json(decision.scan.extraction.limits);
        out["footer"] = footer;
        out["mode"] = config->policy.mode;
        if (decision.monitor) out["monitor_would"] = std::string(policies::action_name(decision.enforced));
        out["roster_version"] = stored->version;
        out["recipients"] = {{"internal", decision.recipients.internal}, {"external", decision.recipients.external}};
        std::printf("%s\n", out.dump(2).c_str());
    } else {
        std::printf("verdict: %s%s\n", std::string(policies::action_name(decision.verdict)).c_str(),
                    decision.monitor && decision.enforced != decision.verdict
                        ? (" (monitor mode; enforcing would " + std::string(policies::action_name(decision.enforced)) + ")").c_str()
                        : "");
        std::printf("recipients: %zu internal, %zu external\n", decision.recipients.internal.size(),
                    decision.recipients.external.size());
        for (const auto& hit : decision.rules)
            std::printf("rule %s -> %s: %s\n", hit.rule_id.c_str(), std::string(policies::action_name(hit.action)).c_str(),
                        hit.reason.c_str());
        for (const auto& a : decision.scan.extraction.attachments)
            std::printf("attachment %s: %s%s%s\n", a.name.c_str(), pii::protection_name(a.protection).c_str(),
                        a.detail.empty() ? "" : " - ", a.detail.c_str());
        for (const auto& l : decision.scan.extraction.limits)
            std::printf("limit %s reached in %s: %s\n", l.limit.c_str(), l.where.c_str(), l.detail.c_str());
        for (const auto& f : decision.scan.findings)
            std::printf("finding %s in %s [%zu,%zu): %s\n", std::string(pii::kind_name(f.kind)).c_str(), f.where.c_str(),
                        f.start, f.end, f.text.c_str());
        std::printf("disclaimer: %s\n", footer.c_str());
    }
    return decision.verdict == policies::Action::deliver ? kExitOk : kExitFound;
}

const CommandRegistration reg("check", "judge a message offline exactly as the milter would", run_check);

}  // namespace
}  // namespace chaperone::cli
