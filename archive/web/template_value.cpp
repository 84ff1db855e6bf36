// Template data values; see template_value.h.
#include "archive/web/template_value.h"

namespace chaperone::archive::web {

Value& Value::operator[](const std::string& key) {
    if (!std::holds_alternative<Object>(v_)) v_ = Object{};
    return std::get<Object>(v_)[key];
}

Value& Value::push_back(Value item) {
    if (!std::holds_alternative<List>(v_)) v_ = List{};
    auto& list = std::get<List>(v_);
    list.push_back(std::move(item));
    return list.back();
}

const Value* Value::member(std::string_view key) const {
    const auto* object = std::get_if<Object>(&v_);
    if (!object) return nullptr;
    auto it = object->find(key);
    return it == object->end() ? nullptr : &it->second;
}

bool Value::truthy() const {
    if (std::holds_alternative<std::monostate>(v_)) return false;
    if (const auto* b = std::get_if<bool>(&v_)) return *b;
    if (const auto* n = std::get_if<std::int64_t>(&v_)) return *n != 0;
    if (const auto* s = std::get_if<std::string>(&v_)) return !s->empty();
    if (const auto* h = std::get_if<SafeHtml>(&v_)) return !h->html.empty();
    if (const auto* l = std::get_if<List>(&v_)) return !l->empty();
    return true;  // an object
}

std::string Value::text() const {
    if (const auto* s = std::get_if<std::string>(&v_)) return *s;
    if (const auto* n = std::get_if<std::int64_t>(&v_)) return std::to_string(*n);
    if (const auto* b = std::get_if<bool>(&v_)) return *b ? "true" : "false";
    if (const auto* h = std::get_if<SafeHtml>(&v_)) return h->html;
    return {};
}

}  // namespace chaperone::archive::web
