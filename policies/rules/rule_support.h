// What several rules ask of a message: who counts as a recipient for the PII rules, which
// pupils are "the family" of a parent recipient, whether a finding discloses anything to
// them, and how to say which kinds of data were found without quoting them.
//
// Thread-safety: pure functions.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "pii/finding.h"
#include "policies/rules/rule.h"

namespace chaperone::policies {

// External recipients outside [policy] trusted_domains: the ones PII rules protect.
std::vector<std::string> pii_recipients(const RuleContext& context);

// UPNs of the pupils every one of `recipients` is a roster contact of. Empty when any of
// them is not a contact (or there is no roster): then nobody's family may be named.
std::set<std::string> shared_children(const RuleContext& context, const std::vector<std::string>& recipients);

// Whether a finding discloses something to recipients whose shared children are `family`.
// A parent may be told their own children's (and family's) names, phones and email
// addresses; identifiers (UPN, ULN, NHS number, NINO), dates of birth and addresses always
// count, as does anything about a person outside the family.
bool discloses(const pii::Finding& finding, const std::set<std::string>& family);

// True for findings in the message's open text ("body": Subject, body parts, inline
// forwards); false for attachments (which were read, so not protected).
inline bool in_open_text(const pii::Finding& finding) { return finding.where == "body"; }

// "a date of birth", "an NHS number", ... for the kinds of the given findings, in kind
// order, without duplicates, joined "a, b and c".
std::string describe_kinds(const std::vector<pii::Finding>& findings, const std::vector<std::size_t>& which);

// "report.zip/pupils.xlsx" -> "report.zip": the attachment as sent (extraction names
// entries inside archives and attached messages "outer/inner").
std::string top_attachment(const std::string& where);

// "1 attachment", "3 attachments".
std::string count_of(std::size_t n, const char* singular, const char* plural);

}  // namespace chaperone::policies
