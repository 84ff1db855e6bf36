// `chaperone user ...`: accounts of the web console.
//
//   user add NAME --role office|dpo|admin [--password-stdin]
//   user list [--json]
//   user passwd NAME [--password-stdin]
//   user role NAME --role office|dpo|admin
//   user disable NAME | user enable NAME
//
// Passwords are prompted on the terminal twice, without echo, or read as one line from
// standard input with --password-stdin (for scripts: `printf '%s\n' "$pw" | chaperone user
// add ...`). They are hashed with argon2id (archive/web/password.h) and never printed.
// Every change is audited with the person running the CLI ($SUDO_USER) as actor; disabling
// an account or changing its password signs it out of every browser at once.
#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>

#include <nlohmann/json.hpp>

#include "archive/audit/actor.h"
#include "archive/cli/arg_parser.h"
#include "archive/cli/cli_config.h"
#include "archive/cli/cli_store.h"
#include "archive/cli/command.h"
#include "archive/web/password.h"

namespace chaperone::cli {
namespace {

using archive::UserRole;

// One line from `in`, without its line end; false at end of input.
bool read_line(std::istream& in, std::string& out) {
    if (!std::getline(in, out)) return false;
    if (!out.empty() && out.back() == '\r') out.pop_back();
    return true;
}

// Reads a line from the terminal with echo off.
bool prompt_hidden(const char* prompt, std::string& out) {
    std::FILE* tty = std::fopen("/dev/tty", "r+");
    if (!tty) return false;
    int fd = fileno(tty);
    termios old{};
    bool restore = tcgetattr(fd, &old) == 0;
    if (restore) {
        termios quiet = old;
        quiet.c_lflag &= static_cast<tcflag_t>(~ECHO);
        tcsetattr(fd, TCSAFLUSH, &quiet);
    }
    std::fputs(prompt, tty);
    std::fflush(tty);
    char buffer[archive::web::kMaxPasswordBytes + 2];
    bool ok = std::fgets(buffer, sizeof buffer, tty) != nullptr;
    if (restore) tcsetattr(fd, TCSAFLUSH, &old);
    std::fputs("\n", tty);
    std::fclose(tty);
    if (!ok) return false;
    out = buffer;
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
    return true;
}

// The new password, from stdin or the terminal; prints the problem and returns false.
bool new_password(const ArgParser& args, std::string& password) {
    if (args.flag("password-stdin")) {
        if (!read_line(std::cin, password)) {
            input_error("--password-stdin: no password on standard input");
            return false;
        }
    } else {
        std::string again;
        if (!prompt_hidden("New password: ", password) || !prompt_hidden("Repeat it: ", again)) {
            input_error("no terminal to ask for the password on; use --password-stdin");
            return false;
        }
        if (password != again) {
            input_error("the two passwords differ; nothing was changed");
            return false;
        }
    }
    if (auto why = archive::web::password_problem(password); !why.empty()) {
        input_error("password not accepted: " + why);
        return false;
    }
    return true;
}

bool role_option(const ArgParser& args, UserRole& role) {
    if (!archive::parse_role(args.value("role"), role)) {
        usage_error("--role: expected office, dpo or admin, got '" + args.value("role") + "'");
        return false;
    }
    return true;
}

int run_user(const std::vector<std::string>& argv) {
    if (argv.empty()) return usage_error("user: expected add, list, passwd, role, disable or enable");
    const std::string sub = argv[0];
    ArgParser args({argv.begin() + 1, argv.end()}, {"config", "role"}, {"password-stdin", "json"});
    if (!args.ok()) return usage_error(args.error());
    const bool takes_name = sub != "list";
    if (takes_name && args.positional().size() != 1) return usage_error("user " + sub + ": expected one account NAME");
    if (!takes_name && !args.positional().empty()) return usage_error("user list: unexpected argument");
    std::string name = takes_name ? args.positional()[0] : std::string();
    if (takes_name && !archive::valid_user_name(name)) {
        return usage_error("user " + sub + ": account names are 1-64 characters of A-Z a-z 0-9 . _ @ -");
    }
    UserRole role = UserRole::office;
    if (sub == "add" || sub == "role") {
        if (!args.has("role")) return usage_error("user " + sub + ": --role office|dpo|admin is required");
        if (!role_option(args, role)) return kExitError;
    } else if (sub != "add" && sub != "list" && sub != "passwd" && sub != "disable" && sub != "enable") {
        return usage_error("user: unknown subcommand '" + sub + "'");
    }
    auto config = load_cli_config(args);
    if (!config) return kExitError;
    auto store = open_cli_store(*config, archive::StoreRole::admin);
    if (!store) return kExitError;
    auto& users = store->users();
    archive::Actor actor = archive::current_os_actor();

    if (sub == "list") {
        auto list = users.list_users();
        if (!list) return status_error(list.status());
        if (args.flag("json")) {
            nlohmann::json out = nlohmann::json::array();
            for (const auto& u : *list) {
                out.push_back({{"name", u.name}, {"role", std::string(archive::role_name(u.role))},
                               {"disabled", u.disabled}, {"created", u.created_at}, {"last_login", u.last_login_at}});
            }
            std::printf("%s\n", out.dump(2).c_str());
            return kExitOk;
        }
        for (const auto& u : *list) {
            std::printf("%-24s %-7s %-9s last login %s\n", u.name.c_str(), std::string(archive::role_name(u.role)).c_str(),
                        u.disabled ? "disabled" : "active", u.last_login_at.empty() ? "never" : u.last_login_at.c_str());
        }
        if (list->empty()) std::printf("no accounts; add one with: chaperone user add NAME --role admin\n");
        return kExitOk;
    }
    if (sub == "add" || sub == "passwd") {
        if (sub == "passwd") {
            auto exists = users.find_user(name);
            if (!exists) return status_error(exists.status());
        }
        std::string password;
        if (!new_password(args, password)) return kExitError;
        auto hash = archive::web::hash_password(password);
        if (!hash) return status_error(hash.status());
        if (sub == "add") {
            auto id = users.add_user(name, role, *hash, actor);
            if (!id) return status_error(id.status());
            std::printf("added %s (%s)\n", name.c_str(), std::string(archive::role_name(role)).c_str());
        } else {
            if (auto s = users.set_password(name, *hash, actor); !s) return status_error(s);
            std::printf("password of %s changed; its sessions were ended\n", name.c_str());
        }
        return kExitOk;
    }
    if (sub == "role") {
        if (auto s = users.set_role(name, role, actor); !s) return status_error(s);
        std::printf("%s is now %s; its sessions were ended\n", name.c_str(), std::string(archive::role_name(role)).c_str());
        return kExitOk;
    }
    bool disable = sub == "disable";
    if (auto s = users.set_disabled(name, disable, actor); !s) return status_error(s);
    std::printf("%s %s\n", name.c_str(), disable ? "disabled; its sessions were ended" : "enabled");
    return kExitOk;
}

const CommandRegistration reg("user", "web console accounts (user add|list|passwd|role|disable|enable)", run_user);

}  // namespace
}  // namespace chaperone::cli
