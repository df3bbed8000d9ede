// `--config FILE`: a command's options from a TOML file, read with toml++.
//
//   threshold = 0.7          # top level: for every command that has the option
//   languages = ["en", "de"]
//   [clean]                  # a command's table: that command only, over the top level
//   no_context = true
//
// Keys are the long option names, with '-' or '_' ("good-min-words",
// "good_min_words"); a list option takes an array, a flag true or false.
// An option given on the command line wins over the file. A key no winnow
// command has, a table that is not a command, or a value of the wrong kind
// is an error naming FILE:LINE; a top-level key only other commands have
// (`threshold` for `winnow clean`) is left to them. The report's "options"
// object is written in the same names, so it can be pasted into a file.
#ifndef WINNOW_TOOLS_CONFIG_FILE_H_
#define WINNOW_TOOLS_CONFIG_FILE_H_

#include <CLI/CLI.hpp>
#include <string>

namespace winnow {

// Adds `--config FILE` (into `*path`) and `--print-config` (into `*print`)
// to `command`.
void AddConfigOptions(CLI::App* command, std::string* path, bool* print);

// After `command` has parsed its command line: gives each option that FILE
// sets and the command line did not its value from the file, checked as a
// value on the command line is. Throws CLI::ParseError: ConfigError "FILE:LINE:
// message" for a file winnow cannot use, or the error of a bad value.
void ApplyConfigFile(CLI::App* command, const std::string& file);

// The options of `command`, as parsed (and read from a --config file), as a
// --config file: every configurable option with its value or default and
// its description (--print-config).
std::string ConfigText(const CLI::App* command);

}  // namespace winnow

#endif  // WINNOW_TOOLS_CONFIG_FILE_H_
