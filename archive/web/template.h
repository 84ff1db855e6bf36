// A small Mustache-like template engine: the console's pages are HTML files with holes.
//
//   auto set = TemplateSet::from_embedded();           // every templates/*.html, parsed once
//   std::string html = set->render("casefile", page);  // page is a Value (template_value.h)
//
// Syntax (a subset of Mustache):
//   {{name}}  {{a.b}}  {{.}}      the value, HTML-escaped (SafeHtml values as they are)
//   {{#name}}...{{/name}}         a list: once per item, the item on top of the context;
//                                 an object: once, the object on top; otherwise once if truthy
//   {{^name}}...{{/name}}         once if the value is falsy or absent
//   {{> other}}                   another template of the set, with the same context
//   {{! comment }}
// Names are looked up from the innermost context outwards, as in Mustache.
//
// Errors: parse() reports an unclosed or mismatched section or tag with the template name
// and line; all templates are parsed when the server starts (and in a unit test), so a
// broken template stops the server from starting rather than a page from rendering.
// Rendering never fails: a missing name renders as nothing.
//
// Thread-safety: a parsed Template / TemplateSet is immutable; render from any thread.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "archive/web/template_value.h"
#include "pii/base/result.h"

namespace chaperone::archive::web {

constexpr std::size_t kMaxTemplateNesting = 32;  // sections inside sections
constexpr int kMaxPartialDepth = 8;              // {{> a}} inside {{> b}} ...

class TemplateSet;

class Template {
public:
    static Result<Template> parse(std::string_view text, const std::string& name);
    std::string render(const Value& data, const TemplateSet* partials = nullptr) const;

    struct Node;
    const std::vector<Node>& nodes() const { return *nodes_; }

private:
    std::shared_ptr<const std::vector<Node>> nodes_;
};

class TemplateSet {
public:
    // Every embedded templates/NAME.html as NAME.
    static Result<TemplateSet> from_embedded();
    Status add(const std::string& name, std::string_view text);
    bool has(const std::string& name) const { return templates_.count(name) > 0; }
    // An unknown name renders an HTML comment naming it (a bug of ours, caught by tests).
    std::string render(const std::string& name, const Value& data) const;
    const Template* find(const std::string& name) const;

private:
    std::map<std::string, Template> templates_;
};

}  // namespace chaperone::archive::web
