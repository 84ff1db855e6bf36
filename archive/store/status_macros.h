// CHAPERONE_TRY(expr): return the error of a Status or Result<T> expression to the caller.
//
// Keeps the store code a straight line of steps instead of a ladder of ifs. Works in any
// function returning Status or Result<U> (a Status converts to both).
#pragma once

#include "pii/base/result.h"

namespace chaperone::archive::detail {
inline const Status& status_of(const Status& s) { return s; }
template <typename T>
const Status& status_of(const Result<T>& r) { return r.status(); }
}  // namespace chaperone::archive::detail

#define CHAPERONE_TRY(expr)                                                          \
    do {                                                                            \
        auto&& chaperone_try_result_ = (expr);                                      \
        if (!chaperone_try_result_.is_ok())                                         \
            return ::chaperone::archive::detail::status_of(chaperone_try_result_);  \
    } while (0)
