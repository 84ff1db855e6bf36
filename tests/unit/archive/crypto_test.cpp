// Sealed blobs (round trip, wrong key, tampering, truncation) and key files (modes, owner).
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "archive/crypto/chain_link.h"
#include "archive/crypto/key_files.h"
#include "archive/crypto/sealed_blob.h"
#include "archive/crypto/sodium_init.h"
#include "archive/store/blob_store.h"
#include "test_support.h"

using namespace chaperone;
using namespace chaperone::archive;
using namespace chaperone::archive::crypto;

namespace {

struct KeyPair {
    PublicKey pk;
    SecretBytes sk;
    KeyPair() {
        REQUIRE(ensure_sodium().is_ok());
        crypto_box_keypair(pk.bytes.data(), sk.data());
    }
};

std::string pattern(std::size_t n) {
    std::string s(n, '\0');
    for (std::size_t i = 0; i < n; ++i) s[i] = static_cast<char>((i * 131 + 7) & 0xff);
    return s;
}

}  // namespace

TEST_CASE("sealed blobs round-trip at chunk boundaries", "[crypto]") {
    KeyPair keys;
    for (std::size_t size : {std::size_t{0}, std::size_t{1}, kBlobChunkBytes - 1, kBlobChunkBytes, kBlobChunkBytes + 1,
                             3 * kBlobChunkBytes + 17}) {
        INFO("size " << size);
        std::string plain = pattern(size);
        auto sealed = seal_blob(plain, keys.pk, "0123456789abcdef0123456789abcdef");
        REQUIRE(sealed.is_ok());
        CHECK(sealed->substr(0, 8) == "CHAPBLB1");
        // No run of plaintext shows through (checked where a chance match is impossible in practice).
        if (plain.size() >= 64) CHECK(sealed->find(plain.substr(0, 64)) == std::string::npos);
        auto opened = open_blob(*sealed, keys.pk, keys.sk, "0123456789abcdef0123456789abcdef");
        REQUIRE(opened.is_ok());
        CHECK(*opened == plain);
    }
}

TEST_CASE("sealed blobs: streaming in pieces equals sealing at once in plaintext", "[crypto]") {
    KeyPair keys;
    std::string plain = pattern(200000);
    std::string sealed;
    BlobSealer sealer(keys.pk, "id", [&](std::string_view b) {
        sealed.append(b);
        return Status::ok();
    });
    for (std::size_t i = 0; i < plain.size(); i += 7001) REQUIRE(sealer.update(plain.substr(i, 7001)).is_ok());
    REQUIRE(sealer.finish().is_ok());
    auto opened = open_blob(sealed, keys.pk, keys.sk, "id");
    REQUIRE(opened.is_ok());
    CHECK(*opened == plain);
}

TEST_CASE("sealed blobs refuse the wrong key, tampering, truncation and another id", "[crypto]") {
    KeyPair keys, other;
    std::string plain = pattern(100000);
    auto sealed = seal_blob(plain, keys.pk, "blob-a");
    REQUIRE(sealed.is_ok());

    auto wrong_key = open_blob(*sealed, other.pk, other.sk, "blob-a");
    REQUIRE_FALSE(wrong_key.is_ok());
    CHECK_THAT(wrong_key.error_message(), Catch::Contains("cannot open its key"));

    for (std::size_t position : {std::size_t{3}, std::size_t{40}, std::size_t{100}, std::size_t{500},
                                 sealed->size() / 2, sealed->size() - 1}) {
        INFO("flipped byte " << position);
        std::string tampered = *sealed;
        tampered[position] = static_cast<char>(tampered[position] ^ 0x01);
        CHECK_FALSE(open_blob(tampered, keys.pk, keys.sk, "blob-a").is_ok());
    }
    auto truncated = open_blob(sealed->substr(0, 112 + 65536 + 17), keys.pk, keys.sk, "blob-a");
    REQUIRE_FALSE(truncated.is_ok());
    CHECK_THAT(truncated.error_message(), Catch::Contains("truncated"));
    CHECK_FALSE(open_blob(*sealed + "x", keys.pk, keys.sk, "blob-a").is_ok());
    CHECK_FALSE(open_blob(*sealed, keys.pk, keys.sk, "blob-b").is_ok());
}

TEST_CASE("blob store writes whole files under blobs/xx/ and reports write errors", "[crypto][blobs]") {
    test::ScratchDir dir("blobs");
    KeyPair keys;
    BlobStore blobs(dir / "blobs");
    auto ref = blobs.write("Dear Mrs Dupré", keys.pk);
    REQUIRE(ref.is_ok());
    CHECK(BlobStore::valid_id(ref->id));
    auto path = blobs.path_of(ref->id);
    CHECK(path.parent_path().filename() == ref->id.substr(0, 2));
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    CHECK(static_cast<std::uint64_t>(st.st_size) == ref->sealed_size);
    auto fp = blobs.fingerprint(ref->id);
    REQUIRE(fp.is_ok());
    CHECK(fp->sealed_hash_hex == ref->sealed_hash_hex);
    auto back = blobs.read(ref->id, keys.pk, keys.sk);
    REQUIRE(back.is_ok());
    CHECK(*back == "Dear Mrs Dupré");
    auto listed = blobs.list();
    REQUIRE(listed.is_ok());
    REQUIRE(listed->size() == 1);
    CHECK_FALSE((*listed)[0].temporary);

    // An unusable blob directory (here: a file in its place) is an error, and leaves nothing.
    test::write_file(dir / "notadir", "x");
    BlobStore broken(dir / "notadir");
    auto failed = broken.write("text", keys.pk);
    REQUIRE_FALSE(failed.is_ok());
    CHECK(failed.status().code() == Errc::io);
    CHECK_FALSE(blobs.read("../../etc/passwd", keys.pk, keys.sk).is_ok());
}

TEST_CASE("key files: generated once, modes checked at load", "[crypto][keys]") {
    test::ScratchDir dir("keys");
    KeyPaths paths{dir / "keys" / "archive.pub", dir / "keys" / "archive.key", dir / "keys" / "chain.key"};
    REQUIRE(generate_key_files(paths).is_ok());
    struct stat st {};
    REQUIRE(::stat(paths.secret_key.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    REQUIRE(::stat(paths.chain_key.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    REQUIRE(::stat((dir / "keys").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0700);

    auto again = generate_key_files(paths);
    REQUIRE_FALSE(again.is_ok());
    CHECK(again.message() == "refusing to overwrite existing key file " + paths.public_key.string());

    auto pk = load_public_key(paths.public_key);
    auto sk = load_secret_key(paths.secret_key);
    REQUIRE(pk.is_ok());
    REQUIRE(sk.is_ok());
    auto sealed = seal_blob("hello", *pk, "x");
    REQUIRE(sealed.is_ok());
    auto opened = open_blob(*sealed, *pk, **sk, "x");
    REQUIRE(opened.is_ok());
    CHECK(*opened == "hello");
    REQUIRE(load_chain_key(paths.chain_key).is_ok());

    ::chmod(paths.secret_key.c_str(), 0640);
    auto loose = load_secret_key(paths.secret_key);
    REQUIRE_FALSE(loose.is_ok());
    CHECK(loose.status().code() == Errc::permission);
    CHECK_THAT(loose.error_message(), Catch::Contains("mode 0640, must be 0600"));
    ::chmod(paths.secret_key.c_str(), 0600);

    if (geteuid() == 0) {  // only root can give the file away to test the owner check
        REQUIRE(::chown(paths.secret_key.c_str(), 65534, static_cast<gid_t>(-1)) == 0);
        auto foreign = load_secret_key(paths.secret_key);
        REQUIRE_FALSE(foreign.is_ok());
        CHECK_THAT(foreign.error_message(), Catch::Contains("must be owned by the running user"));
        REQUIRE(::chown(paths.secret_key.c_str(), geteuid(), static_cast<gid_t>(-1)) == 0);
    } else {
        WARN("not root: owner check of the secret key not exercised");
    }

    ::chmod(paths.chain_key.c_str(), 0644);
    auto chain = load_chain_key(paths.chain_key);
    REQUIRE_FALSE(chain.is_ok());
    CHECK_THAT(chain.error_message(), Catch::Contains("lets others read it"));

    auto missing = load_secret_key(dir / "nope.key");
    REQUIRE_FALSE(missing.is_ok());
    CHECK(missing.status().code() == Errc::not_found);
    CHECK_THAT(missing.error_message(), Catch::Contains("run 'chaperone keys init'"));

    test::write_file(dir / "bad.pub", "not hex\n");
    CHECK_FALSE(load_public_key(dir / "bad.pub").is_ok());
}

TEST_CASE("chain links depend on key, position, kind and digest", "[crypto][chain]") {
    KeyPair unused;
    SecretBytes key, other;
    crypto_generichash_keygen(key.data());
    crypto_generichash_keygen(other.data());
    std::string digest = blake2b256("record");
    std::string link = chain_link(key, genesis_link(), 1, "casefile", 7, digest);
    CHECK(link.size() == kLinkBytes);
    CHECK(link == chain_link(key, genesis_link(), 1, "casefile", 7, digest));
    CHECK(link != chain_link(other, genesis_link(), 1, "casefile", 7, digest));
    CHECK(link != chain_link(key, genesis_link(), 2, "casefile", 7, digest));
    CHECK(link != chain_link(key, genesis_link(), 1, "audit", 7, digest));
    CHECK(link != chain_link(key, genesis_link(), 1, "casefile", 8, digest));
    CHECK(link != chain_link(key, genesis_link(), 1, "casefile", 7, blake2b256("other")));
    CHECK(canonical_record({{"a", "1"}, {"b", "2"}}) != canonical_record({{"a", "1\nb=1:2"}}));
}
