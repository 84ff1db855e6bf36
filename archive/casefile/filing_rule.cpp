// The filing rule; see filing_rule.h.
#include "archive/casefile/filing_rule.h"

#include <algorithm>
#include <map>
#include <set>

#include "archive/casefile/text_util.h"

namespace chaperone::archive {
namespace {

int specificity(FilingBasis b) {
    switch (b) {
        case FilingBasis::named: return 3;
        case FilingBasis::only_child: return 2;
        case FilingBasis::all_children: return 1;
    }
    return 0;
}

}  // namespace

std::string_view direction_name(Direction d) { return d == Direction::in ? "in" : "out"; }

std::string_view basis_name(FilingBasis b) {
    switch (b) {
        case FilingBasis::only_child: return "only_child";
        case FilingBasis::named: return "named";
        case FilingBasis::all_children: return "all_children";
    }
    return "only_child";
}

bool parse_basis(std::string_view name, FilingBasis& out) {
    for (auto b : {FilingBasis::only_child, FilingBasis::named, FilingBasis::all_children}) {
        if (basis_name(b) == name) {
            out = b;
            return true;
        }
    }
    return false;
}

std::vector<FiledPupil> decide_filing(const std::vector<ContactChildren>& contacts,
                                      const std::vector<std::string>& named_upns) {
    std::set<std::string> named(named_upns.begin(), named_upns.end());
    std::map<std::string, FilingBasis> filed;
    auto file = [&](const std::string& upn, FilingBasis basis) {
        auto [it, inserted] = filed.emplace(upn, basis);
        if (!inserted && specificity(basis) > specificity(it->second)) it->second = basis;
    };
    for (const auto& contact : contacts) {
        std::set<std::string> children(contact.children.begin(), contact.children.end());
        if (children.empty()) continue;
        if (children.size() == 1) {
            file(*children.begin(), FilingBasis::only_child);
            continue;
        }
        std::vector<std::string> named_children;
        for (const auto& upn : children) {
            if (named.count(upn)) named_children.push_back(upn);
        }
        if (!named_children.empty()) {
            for (const auto& upn : named_children) file(upn, FilingBasis::named);
        } else {
            for (const auto& upn : children) file(upn, FilingBasis::all_children);
        }
    }
    std::vector<FiledPupil> out;
    out.reserve(filed.size());
    for (const auto& [upn, basis] : filed) out.push_back(FiledPupil{upn, basis});
    return out;
}

std::vector<ContactChildren> children_of(const pii::Roster& roster, const std::vector<std::string>& emails) {
    std::vector<ContactChildren> out;
    for (const auto& email : emails) {
        ContactChildren c;
        c.email = ascii_lower(email);
        for (const auto& contact : roster.contacts) {
            if (ascii_lower(contact.email) == c.email &&
                std::find(c.children.begin(), c.children.end(), contact.upn) == c.children.end()) {
                c.children.push_back(contact.upn);
            }
        }
        out.push_back(std::move(c));
    }
    return out;
}

}  // namespace chaperone::archive
