// The template parser and renderer; see template.h.
#include "archive/web/template.h"

#include <fmt/format.h>

#include "archive/web/embedded_assets.h"
#include "archive/web/html.h"

namespace chaperone::archive::web {

struct Template::Node {
    enum class Kind { text, variable, section, inverted, partial };
    Kind kind = Kind::text;
    std::string text;  // literal text, or the name
    std::vector<Node> children;
};

namespace {

using Node = Template::Node;

std::string trim(std::string_view s) {
    std::size_t b = 0, e = s.size();
    while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) --e;
    return std::string(s.substr(b, e - b));
}

bool valid_name(const std::string& name) {
    if (name.empty()) return false;
    if (name == ".") return true;
    for (char c : name) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
                  c == '-';
        if (!ok) return false;
    }
    return true;
}

// Lines of the text before `pos`, for error messages.
int line_at(std::string_view text, std::size_t pos) {
    int line = 1;
    for (std::size_t i = 0; i < pos && i < text.size(); ++i) line += text[i] == '\n';
    return line;
}

// A standalone tag ({{#x}}, {{/x}}, {{^x}}, {{>x}}, {{! }}) alone on its line leaves no
// blank line behind: the indentation before it and the line end after it are dropped.
void strip_standalone(std::string_view text, std::size_t tag_start, std::size_t& tag_end, std::vector<Node>& out) {
    std::size_t line_start = tag_start;
    while (line_start > 0 && text[line_start - 1] != '\n') --line_start;
    for (std::size_t i = line_start; i < tag_start; ++i) {
        if (text[i] != ' ' && text[i] != '\t') return;
    }
    std::size_t after = tag_end;
    while (after < text.size() && (text[after] == ' ' || text[after] == '\t')) ++after;
    if (after < text.size() && text[after] == '\r') ++after;
    if (after < text.size() && text[after] != '\n') return;
    if (after < text.size()) ++after;
    std::size_t indent = tag_start - line_start;
    if (indent > 0 && !out.empty() && out.back().kind == Node::Kind::text && out.back().text.size() >= indent) {
        out.back().text.resize(out.back().text.size() - indent);
    }
    tag_end = after;
}

const Value* lookup(const std::vector<const Value*>& stack, const std::string& name) {
    if (name == ".") return stack.back();
    std::string_view first = name;
    std::string_view rest;
    if (auto dot = name.find('.'); dot != std::string::npos) {
        first = std::string_view(name).substr(0, dot);
        rest = std::string_view(name).substr(dot + 1);
    }
    const Value* found = nullptr;
    for (auto it = stack.rbegin(); it != stack.rend() && !found; ++it) found = (*it)->member(first);
    while (found && !rest.empty()) {
        auto dot = rest.find('.');
        std::string_view part = rest.substr(0, dot);
        found = found->member(part);
        rest = dot == std::string_view::npos ? std::string_view() : rest.substr(dot + 1);
    }
    return found;
}

}  // namespace

Result<Template> Template::parse(std::string_view text, const std::string& name) {
    struct Open {
        std::vector<Node>* nodes;
        std::string name;
        std::size_t at;
    };
    auto root = std::make_shared<std::vector<Node>>();
    std::vector<Open> open;
    std::vector<Node>* current = root.get();
    std::size_t pos = 0;
    auto error = [&](std::size_t at, const std::string& what) {
        return Status::error(Errc::invalid_input, fmt::format("template {} line {}: {}", name, line_at(text, at), what));
    };
    while (pos < text.size()) {
        std::size_t start = text.find("{{", pos);
        if (start == std::string_view::npos) {
            current->push_back(Node{Node::Kind::text, std::string(text.substr(pos)), {}});
            break;
        }
        if (start > pos) current->push_back(Node{Node::Kind::text, std::string(text.substr(pos, start - pos)), {}});
        std::size_t close = text.find("}}", start + 2);
        if (close == std::string_view::npos) return error(start, "'{{' without '}}'");
        std::string_view inner = text.substr(start + 2, close - start - 2);
        std::size_t end = close + 2;
        char sigil = inner.empty() ? '\0' : inner[0];
        if (sigil == '{') return error(start, "'{{{' is not supported: put markup in a SafeHtml value");
        if (sigil == '!') {
            strip_standalone(text, start, end, *current);
            pos = end;
            continue;
        }
        bool tagged = sigil == '#' || sigil == '^' || sigil == '/' || sigil == '>';
        std::string tag = trim(tagged ? inner.substr(1) : inner);
        if (!valid_name(tag)) return error(start, "bad name '" + std::string(inner) + "'");
        if (sigil == '#' || sigil == '^') {
            if (open.size() >= kMaxTemplateNesting) return error(start, "sections nested too deeply");
            strip_standalone(text, start, end, *current);
            current->push_back(Node{sigil == '#' ? Node::Kind::section : Node::Kind::inverted, tag, {}});
            open.push_back(Open{current, tag, start});
            current = &current->back().children;
        } else if (sigil == '/') {
            if (open.empty()) return error(start, "'{{/" + tag + "}}' closes nothing");
            if (open.back().name != tag) {
                return error(start, "'{{/" + tag + "}}' closes '" + open.back().name + "' opened on line " +
                                        std::to_string(line_at(text, open.back().at)));
            }
            strip_standalone(text, start, end, *current);
            current = open.back().nodes;
            open.pop_back();
        } else if (sigil == '>') {
            strip_standalone(text, start, end, *current);
            current->push_back(Node{Node::Kind::partial, tag, {}});
        } else {
            current->push_back(Node{Node::Kind::variable, tag, {}});
        }
        pos = end;
    }
    if (!open.empty()) return error(open.back().at, "'{{#" + open.back().name + "}}' is never closed");
    Template t;
    t.nodes_ = std::move(root);
    return t;
}

namespace {

// Rendering with partials needs the set and the depth; Template::render is the entry point.
struct Renderer {
    const TemplateSet* set;
    std::string& out;

    void nodes(const std::vector<Node>& list, std::vector<const Value*>& stack, int depth) {
        for (const auto& n : list) node(n, stack, depth);
    }

    void node(const Node& n, std::vector<const Value*>& stack, int depth) {
        if (n.kind == Node::Kind::text) {
            out += n.text;
            return;
        }
        if (n.kind == Node::Kind::variable) {
            const Value* v = lookup(stack, n.text);
            if (!v) return;
            if (const SafeHtml* h = v->as_html()) out += h->html;
            else out += html_escape(v->text());
            return;
        }
        if (n.kind == Node::Kind::partial) {
            const Template* t = set ? set->find(n.text) : nullptr;
            if (!t || depth >= kMaxPartialDepth) {
                out += "<!-- missing template " + html_escape(n.text) + " -->";
                return;
            }
            Renderer{set, out}.nodes(t->nodes(), stack, depth + 1);
            return;
        }
        const Value* v = lookup(stack, n.text);
        bool show = v && v->truthy();
        if (n.kind == Node::Kind::inverted) {
            if (!show) nodes(n.children, stack, depth);
            return;
        }
        if (!show) return;
        if (const auto* list = v->as_list()) {
            for (const Value& item : *list) {
                stack.push_back(&item);
                nodes(n.children, stack, depth);
                stack.pop_back();
            }
        } else {
            stack.push_back(v);
            nodes(n.children, stack, depth);
            stack.pop_back();
        }
    }
};

}  // namespace

std::string Template::render(const Value& data, const TemplateSet* partials) const {
    std::string out;
    std::vector<const Value*> stack{&data};
    Renderer{partials, out}.nodes(*nodes_, stack, 0);
    return out;
}

Status TemplateSet::add(const std::string& name, std::string_view text) {
    auto t = Template::parse(text, name);
    if (!t) return t.status();
    templates_[name] = std::move(t).value();
    return Status::ok();
}

Result<TemplateSet> TemplateSet::from_embedded() {
    TemplateSet set;
    constexpr std::string_view kPrefix = "templates/", kSuffix = ".html";
    for (const auto& asset : embedded_assets()) {
        if (asset.path.substr(0, kPrefix.size()) != kPrefix) continue;
        if (asset.path.size() < kPrefix.size() + kSuffix.size() ||
            asset.path.substr(asset.path.size() - kSuffix.size()) != kSuffix) {
            continue;
        }
        std::string name(asset.path.substr(kPrefix.size(), asset.path.size() - kPrefix.size() - kSuffix.size()));
        if (auto s = set.add(name, asset.text); !s) return s;
    }
    return set;
}

const Template* TemplateSet::find(const std::string& name) const {
    auto it = templates_.find(name);
    return it == templates_.end() ? nullptr : &it->second;
}

std::string TemplateSet::render(const std::string& name, const Value& data) const {
    const Template* t = find(name);
    if (!t) return "<!-- missing template " + html_escape(name) + " -->";
    return t->render(data, this);
}

}  // namespace chaperone::archive::web
