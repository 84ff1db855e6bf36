// RAII ownership of GObject-based GMime objects, and one-time GMime initialisation.
//
// GPtr<GMimeMessage> msg(g_mime_parser_construct_message(parser, nullptr));
// The pointer owns one reference and drops it with g_object_unref. adopt_ref() takes an
// extra reference for objects GMime hands out borrowed (g_mime_message_get_mime_part).
//
// Thread-safety: ensure_gmime() is safe to call from any thread, any number of times;
// GMime objects themselves must not be shared between threads without a lock.
#pragma once

#include <gmime/gmime.h>

#include <memory>

namespace chaperone::pii {

struct GObjectUnref {
    void operator()(void* object) const {
        if (object) g_object_unref(object);
    }
};

template <typename T>
using GPtr = std::unique_ptr<T, GObjectUnref>;

template <typename T>
GPtr<T> adopt_ref(T* borrowed) {
    if (borrowed) g_object_ref(borrowed);
    return GPtr<T>(borrowed);
}

// Calls g_mime_init() once per process with RFC-compliant parsing defaults.
void ensure_gmime();

}  // namespace chaperone::pii
