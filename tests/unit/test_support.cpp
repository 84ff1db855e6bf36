// Implementation of the unit-test helpers; see test_support.h.
#include "test_support.h"

#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

namespace chaperone::test {

std::filesystem::path tests_path(const std::string& relative) {
    return std::filesystem::path(CHAPERONE_TESTS_DIR) / relative;
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) FAIL("cannot read test file " << path.string());
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

void write_file(const std::filesystem::path& path, const std::string& bytes) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) FAIL("cannot write test file " << path.string());
}

ScratchDir::ScratchDir(const std::string& name) {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::path(CHAPERONE_BINARY_DIR) / "test-scratch" /
            (name + "-" + std::to_string(getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
}

ScratchDir::~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
}

}  // namespace chaperone::test
