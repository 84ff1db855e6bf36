// TextSink: where a document reader writes the text it extracts, line by line, up to a cap.
//
// Readers append text and call end_line() / blank_line(); the sink keeps the layout tidy
// (no trailing blanks on a line, at most one empty line in a row) and stops growing at
// `cap` bytes, cutting on a UTF-8 boundary. Readers test full() in their loops so a hostile
// document cannot make them work past the budget.
//
// Thread-safety: a plain value, one reader at a time.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace chaperone::pii {

class TextSink {
public:
    explicit TextSink(std::uint64_t cap) : cap_(cap) {}

    void append(std::string_view text);
    void push(char c) { append(std::string_view(&c, 1)); }
    // Ends the current line (dropping its trailing spaces and tabs); no-op on an empty line
    // unless `keep_empty` (an empty paragraph still separates blocks, up to one empty line).
    void end_line(bool keep_empty = false);
    // Ends the current line and leaves one empty line, unless the text is empty.
    void blank_line();
    void trim_trailing_blanks();  // spaces and tabs at the end of the current line

    bool full() const { return full_; }
    bool at_line_start() const { return out_.empty() || out_.back() == '\n'; }
    std::size_t size() const { return out_.size(); }
    // The text with trailing whitespace removed.
    std::string take();

private:
    std::string out_;
    std::uint64_t cap_;
    bool full_ = false;
};

// Cuts `text` to at most `max_bytes` without splitting a UTF-8 sequence.
void truncate_utf8(std::string& text, std::size_t max_bytes);

}  // namespace chaperone::pii
