// The rule catalog; see rule_catalog.h. One row per rule: id, default action, what it
// catches, and the clause of the seed policies (the school policies Chaperone is built
// from) that it enforces. The README's rule table is this table.
#include "policies/rules/rule_catalog.h"

#include "policies/rules/rules.h"

namespace chaperone::policies {
namespace {

using Factory = std::unique_ptr<Rule> (*)(const RuleInfo&);

struct CatalogRow {
    RuleInfo info;
    Factory make;
};

const std::vector<CatalogRow>& rows() {
    static const std::vector<CatalogRow> table = {
        {{"pupil-external", Action::reject,
          "a pupil account (a [policy] pupil_accounts pattern) sending to any address outside the school",
          "ham-dingle-e-safety-policy.txt: 5.6 Email for students"},
         make_pupil_external_rule},
        {{"pii-in-body", Action::quarantine,
          "personal data of pupils or families in the open text (Subject, body, inline forwards) to an external "
          "recipient; a parent may be told their own children's names",
          "thomas-becket-ict-and-email-policy.txt: Part 2, Emails Sent Externally; Best practice re. the use of "
          "emails (\"placed in an attachment rather than being in line text\")"},
         make_pii_in_body_rule},
        {{"pii-in-unprotected-attachment", Action::quarantine,
          "personal data in an attachment that is not password-protected, to an external recipient",
          "thomas-becket-ict-and-email-policy.txt: Part 2, Best practice re. the use of emails (\"The attachment "
          "should be password protected\"); woodsetton-e-safety-policy.txt: Technical - Infrastructure (\"Personal "
          "data can not be sent over the internet ... unless safely encrypted\")"},
         make_pii_in_unprotected_attachment_rule},
        {{"password-in-message", Action::quarantine,
          "the password of a protected attachment written in the same message (Subject or body)",
          "thomas-becket-ict-and-email-policy.txt: Part 2, Best practice re. the use of emails (\"This password "
          "should then be given to the recipient\"; Emails Sent Externally: \"telephones the recipient\")"},
         make_password_in_message_rule},
        {{"other-family", Action::quarantine,
          "a message to a parent that names a roster pupil (or their family) who is not that parent's child; "
          "also the usual sign of a misdirected email",
          "thomas-becket-ict-and-email-policy.txt: Part 2, Guidance regarding the content of emails (\"reference "
          "only to the individual or family concerned\")"},
         make_other_family_rule},
        {{"unscannable-attachment", Action::quarantine,
          "an attachment that could not be read (damaged, an unknown format, over a [limits] limit) going "
          "outside the school",
          "woodsetton-e-safety-policy.txt: Technical - Infrastructure (personal data only encrypted); "
          "cchs-e-safety-policy.txt: E-mail (\"Never use email to transfer staff or pupil personal data\" "
          "unencrypted)"},
         make_unscannable_attachment_rule},
        {{"weak-protection", Action::deliver,
          "an attachment protected only with legacy ZipCrypto (ZIP) or legacy Office RC4/XOR encryption, "
          "which is easily broken; the sender is warned",
          "thomas-becket-ict-and-email-policy.txt: Part 2, Best practice re. the use of emails (\"password "
          "protected, using a password that contains letters, numbers and symbols\"); "
          "qehs-online-safety-and-communications-policy.txt: Appendix 2 (\"approved encryption software\")"},
         make_weak_protection_rule},
    };
    return table;
}

}  // namespace

std::vector<std::unique_ptr<Rule>> make_rules() {
    std::vector<std::unique_ptr<Rule>> rules;
    for (const CatalogRow& row : rows()) rules.push_back(row.make(row.info));
    return rules;
}

const std::vector<RuleInfo>& rule_catalog() {
    static const std::vector<RuleInfo> infos = [] {
        std::vector<RuleInfo> out;
        for (const CatalogRow& row : rows()) out.push_back(row.info);
        return out;
    }();
    return infos;
}

const RuleInfo* find_rule_info(std::string_view id) {
    for (const RuleInfo& info : rule_catalog()) {
        if (info.id == id) return &info;
    }
    return nullptr;
}

}  // namespace chaperone::policies
