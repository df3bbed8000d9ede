#include "config_file.h"

#include <toml++/toml.h>

#include <algorithm>
#include <charconv>
#include <sstream>
#include <string_view>
#include <utility>
#include <vector>

namespace winnow {
namespace {

// The long name of `op` ("good-min-words"; a positional's own name, "inputs").
std::string LongName(const CLI::Option* op) {
  if (!op->get_lnames().empty()) return op->get_lnames().front();
  return op->get_name(false, false);
}

// The option a key names in `app`, or null: "good_min_words" and
// "good-min-words" are --good-min-words; "inputs" is the positional.
const CLI::Option* Find(const CLI::App* app, const std::string& key) {
  std::string dashed = key;
  std::replace(dashed.begin(), dashed.end(), '_', '-');
  for (const CLI::Option* op : app->get_options()) {
    if (op != app->get_help_ptr() && LongName(op) == dashed) return op;
  }
  return nullptr;
}

bool IsList(const CLI::Option* op) {
  return op->get_multi_option_policy() == CLI::MultiOptionPolicy::TakeAll || op->get_expected_max() > 1;
}

bool IsNumber(const CLI::Option* op) {
  const std::string t = op->get_type_name();
  return t.rfind("INT", 0) == 0 || t.rfind("UINT", 0) == 0 || t.rfind("FLOAT", 0) == 0 ||
         t.rfind("NUMBER", 0) == 0;
}

[[noreturn]] void Fail(const std::string& file, const toml::source_region& at, const std::string& what) {
  throw CLI::ConfigError(file + ":" + std::to_string(at.begin.line) + ": " + what);
}

// A scalar TOML value as the text the option would take on the command line.
std::string Scalar(const std::string& file, const std::string& key, const toml::node& v) {
  if (const auto* s = v.as_string()) return s->get();
  if (const auto* i = v.as_integer()) return std::to_string(i->get());
  if (const auto* b = v.as_boolean()) return b->get() ? "true" : "false";
  if (const auto* f = v.as_floating_point()) {
    char buf[32];
    return std::string(buf, std::to_chars(buf, buf + sizeof(buf), f->get()).ptr);
  }
  Fail(file, v.source(), "'" + key + "' takes a string, a number or true/false");
}

// The commands that take --config: a file's tables are for them, and a
// top-level key must be an option of one of them.
std::vector<const CLI::App*> ConfigCommands(const CLI::App* root) {
  return root->get_subcommands([](const CLI::App* sub) { return sub->get_option_no_throw("--config") != nullptr; });
}

// TOML text of `s`: a basic string, escaped.
std::string Quoted(std::string_view s) {
  std::ostringstream o;
  o << toml::value<std::string>(std::string(s));
  return o.str();
}

// The entries of `t` in the order the file has them (toml++ keeps a table
// sorted by key), so the first fault is the first in the file.
std::vector<std::pair<std::string, const toml::node*>> InFileOrder(const toml::table& t) {
  std::vector<std::pair<std::string, const toml::node*>> entries;
  for (const auto& [k, v] : t) entries.emplace_back(std::string(k.str()), &v);
  std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
    const toml::source_position pa = a.second->source().begin, pb = b.second->source().begin;
    return pa.line != pb.line ? pa.line < pb.line : pa.column < pb.column;
  });
  return entries;
}

// A value the file gives an option, and where.
struct Setting {
  CLI::Option* option;
  std::vector<std::string> values;
  toml::source_region at;
};

}  // namespace

void AddConfigOptions(CLI::App* command, std::string* path, bool* print) {
  command
      ->add_option("--config", *path,
                   "Read options from a TOML file: top-level keys, then a [" + command->get_name() +
                       "] table over them; the command line wins")
      ->configurable(false)
      ->group("CONFIG");
  command->add_flag("--print-config", *print, "Print the options as a --config file (with those given) and exit")
      ->configurable(false)
      ->group("CONFIG");
}

void ApplyConfigFile(CLI::App* command, const std::string& file) {
  toml::table doc;
  try {
    doc = toml::parse_file(file);
  } catch (const toml::parse_error& e) {
    if (e.source().begin.line == 0) throw CLI::ConfigError(file + ": " + std::string(e.description()));
    Fail(file, e.source(), std::string(e.description()));
  }
  const std::vector<const CLI::App*> commands = ConfigCommands(command->get_parent());
  std::vector<Setting> settings;
  // The option `key` names in `app`; an error when it names none.
  auto option = [&](const CLI::App* app, const std::string& key, const toml::node& v) {
    const CLI::Option* op = Find(app, key);
    if (op == nullptr) Fail(file, v.source(), "unknown option '" + key + "' for 'winnow " + app->get_name() + "'");
    if (!op->get_configurable()) Fail(file, v.source(), "'" + key + "' cannot be set in a config file");
    return op;
  };
  // Adds or replaces (a command's table over the top level) what the file
  // gives the option `key` of this command.
  auto set = [&](const std::string& key, const toml::node& v) {
    Setting s{const_cast<CLI::Option*>(option(command, key, v)), {}, v.source()};  // `command` is ours to set
    const bool flag = s.option->get_expected_min() == 0;
    if (const toml::array* a = v.as_array()) {
      if (!IsList(s.option)) Fail(file, v.source(), "'" + key + "' takes one value, not a list");
      for (const toml::node& e : *a) s.values.push_back(Scalar(file, key, e));
    } else if (v.is_table()) {
      Fail(file, v.source(), "'" + key + "' takes a value, not a table");
    } else if (flag && !v.is_boolean()) {
      Fail(file, v.source(), "'" + key + "' is a switch: true or false");
    } else {
      s.values.push_back(Scalar(file, key, v));
    }
    std::erase_if(settings, [&](const Setting& o) { return o.option == s.option; });
    if (!s.values.empty()) settings.push_back(std::move(s));  // [] is the default: nothing given
  };
  const toml::table* own = nullptr;
  for (const auto& [key, node] : InFileOrder(doc)) {
    const toml::node& v = *node;
    if (const toml::table* t = v.as_table()) {
      auto named = std::find_if(commands.begin(), commands.end(), [&](const CLI::App* c) { return c->get_name() == key; });
      if (named == commands.end()) {
        std::string names;
        for (const CLI::App* c : commands) names += (names.empty() ? "" : ", ") + c->get_name();
        Fail(file, v.source(), "unknown table [" + key + "]: a table is for a command (" + names + ")");
      }
      const CLI::App* cmd = *named;
      for (const auto& [ck, cv] : InFileOrder(*t)) option(cmd, ck, *cv);  // a typo fails in any command
      if (cmd == command) own = t;
      continue;
    }
    if (Find(command, key) != nullptr) {
      set(key, v);
      continue;
    }
    const bool elsewhere =
        std::any_of(commands.begin(), commands.end(), [&](const CLI::App* c) { return Find(c, key) != nullptr; });
    if (!elsewhere) Fail(file, v.source(), "unknown option '" + key + "' (no winnow command has it)");
  }
  if (own != nullptr) {
    for (const auto& [k, v] : InFileOrder(*own)) set(k, *v);
  }
  for (Setting& s : settings) {
    CLI::Option* op = s.option;
    if (op->count() > 0) continue;  // given on the command line
    try {
      if (op->get_expected_min() == 0) {
        op->add_result(op->get_flag_value(LongName(op), s.values.front()));
      } else {
        op->add_result(s.values);
      }
      op->run_callback();
    } catch (const CLI::ParseError& e) {
      Fail(file, s.at, e.what());
    }
  }
}

std::string ConfigText(const CLI::App* app) {
  std::string out = "# winnow " + app->get_name() + " --config FILE (an option given on the command line wins)\n";
  for (const CLI::Option* op : app->get_options()) {
    if (op == app->get_help_ptr() || !op->get_configurable() || LongName(op).empty()) continue;
    std::string key = LongName(op);
    std::replace(key.begin(), key.end(), '-', '_');
    const bool flag = op->get_expected_min() == 0;
    std::vector<std::string> values = op->results();
    if (flag) {
      values = {op->count() > 0 && op->as<bool>() ? "true" : "false"};
    } else if (values.empty() && !op->get_default_str().empty()) {
      values = {op->get_default_str()};
    }
    if (!op->get_description().empty()) out += "\n# " + op->get_description() + "\n";
    auto value = [&](const std::string& v) { return flag || IsNumber(op) ? v : Quoted(v); };
    if (IsList(op)) {
      out += key + " = [";
      for (size_t i = 0; i < values.size(); ++i) out += (i ? ", " : "") + value(values[i]);
      out += "]\n";
    } else if (values.empty()) {
      out += "# " + key + " = \"\"\n";  // no default: unset
    } else {
      out += key + " = " + value(values.front()) + "\n";
    }
  }
  return out;
}

}  // namespace winnow
