// Status and Result<T>: how Chaperone's modules report failure to each other.
//
// Errors are values (as in LevelDB's Status). A module never throws across its public
// interface, and nothing throws into libmilter: a caller either handles the error or turns
// it into a tempfail with the message logged. Messages are written for the person who reads
// the log or the CLI's one-line error, and never contain matched PII.
//
// Thread-safety: plain values; safe to copy between threads.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace chaperone {

enum class Errc {
    ok = 0,
    invalid_input,  // the data handed in is malformed (config, CSV, MIME, CLI usage)
    not_found,      // a named thing (file, id, key) does not exist
    io,             // the OS refused (disk full, permission, socket)
    limit,          // a configured limit was reached
    conflict,       // state forbids it (already released, locked database)
    permission,     // caller may not do this (role, file mode)
    unsupported,    // a format or feature we deliberately do not handle
    internal,       // our own bug; never reachable from input
};

class [[nodiscard]] Status {
public:
    Status() = default;
    static Status ok() { return Status(); }
    static Status error(Errc code, std::string message) { return Status(code, std::move(message)); }

    bool is_ok() const { return code_ == Errc::ok; }
    explicit operator bool() const { return is_ok(); }
    Errc code() const { return code_; }
    const std::string& message() const { return message_; }

    // Prefixes context ("loading roster: ") so errors read as a path from cause to caller.
    Status with_context(const std::string& context) const {
        if (is_ok()) return *this;
        return Status(code_, context + ": " + message_);
    }

private:
    Status(Errc code, std::string message) : code_(code), message_(std::move(message)) {}
    Errc code_ = Errc::ok;
    std::string message_;
};

template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : state_(std::move(value)) {}  // NOLINT: implicit by design
    Result(Status error) : state_(std::move(error)) {  // NOLINT: implicit by design
        assert(!std::get<Status>(state_).is_ok() && "Result built from an ok Status");
    }

    bool is_ok() const { return std::holds_alternative<T>(state_); }
    explicit operator bool() const { return is_ok(); }

    T& value() & { return std::get<T>(state_); }
    const T& value() const& { return std::get<T>(state_); }
    T&& value() && { return std::get<T>(std::move(state_)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const Status& status() const {
        static const Status ok_status;
        return is_ok() ? ok_status : std::get<Status>(state_);
    }
    const std::string& error_message() const { return status().message(); }

private:
    std::variant<T, Status> state_;
};

}  // namespace chaperone
