// The data a template is rendered with: strings, numbers, booleans, lists and objects, and
// SafeHtml — markup our own code built (an SVG chart, a highlighted excerpt).
//
//   Value page;
//   page["title"] = "Case files";
//   Value& row = page["pupils"].push_back(Value::object());
//   row["name"] = pupil.forename + " " + pupil.surname;   // escaped when rendered
//   page["chart"] = SafeHtml{svg};                          // inserted as is
//
// Security note: a plain string is ALWAYS escaped by the renderer; only a SafeHtml value is
// inserted unescaped, and SafeHtml is built only by code that escapes every piece of text
// it puts inside (html.h). There is no "triple mustache" to forget about.
//
// Thread-safety: plain values.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace chaperone::archive::web {

struct SafeHtml {
    std::string html;
};

class Value {
public:
    using List = std::vector<Value>;
    using Object = std::map<std::string, Value, std::less<>>;

    Value() = default;
    Value(bool b) : v_(b) {}                                    // NOLINT: implicit by design
    Value(const char* s) : v_(std::string(s)) {}                // NOLINT
    Value(std::string s) : v_(std::move(s)) {}                  // NOLINT
    Value(std::string_view s) : v_(std::string(s)) {}           // NOLINT
    Value(int n) : v_(static_cast<std::int64_t>(n)) {}          // NOLINT
    Value(long n) : v_(static_cast<std::int64_t>(n)) {}         // NOLINT
    Value(long long n) : v_(static_cast<std::int64_t>(n)) {}    // NOLINT
    Value(unsigned long n) : v_(static_cast<std::int64_t>(n)) {}  // NOLINT
    Value(SafeHtml h) : v_(std::move(h)) {}                     // NOLINT
    Value(List l) : v_(std::move(l)) {}                         // NOLINT
    Value(Object o) : v_(std::move(o)) {}                       // NOLINT

    static Value object() { return Value(Object{}); }
    static Value list() { return Value(List{}); }

    // Makes this an object if it is not one, and returns the member (created if missing).
    Value& operator[](const std::string& key);
    // Makes this a list if it is not one, appends, and returns the new element.
    Value& push_back(Value item);

    const Value* member(std::string_view key) const;  // null when absent or not an object
    const List* as_list() const { return std::get_if<List>(&v_); }
    const Object* as_object() const { return std::get_if<Object>(&v_); }
    const SafeHtml* as_html() const { return std::get_if<SafeHtml>(&v_); }
    bool is_null() const { return std::holds_alternative<std::monostate>(v_); }

    // Mustache truthiness: false, null, "", 0 and [] are false.
    bool truthy() const;
    // The text a {{name}} prints, before escaping (SafeHtml: its markup; lists/objects: "").
    std::string text() const;

private:
    std::variant<std::monostate, bool, std::int64_t, std::string, SafeHtml, List, Object> v_;
};

}  // namespace chaperone::archive::web
