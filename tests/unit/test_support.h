// Helpers shared by unit tests: where fixtures live, reading them, scratch directories.
#pragma once

#include <filesystem>
#include <string>

namespace chaperone::test {

// <source>/tests/<relative>
std::filesystem::path tests_path(const std::string& relative);
// Whole file as bytes; fails the running test when it cannot be read.
std::string read_file(const std::filesystem::path& path);
void write_file(const std::filesystem::path& path, const std::string& bytes);

// A fresh directory under the build tree, removed when the object goes away.
class ScratchDir {
public:
    explicit ScratchDir(const std::string& name);
    ~ScratchDir();
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

}  // namespace chaperone::test
