// Normalized keys for comparing entries: paper identity, titles, digests and key word phrases.
// Computed once per parsed block, so document-wide checks compare precomputed keys.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "rules/model.hpp"

namespace awesome::rules {

/// The URL as two links to one page share it: lowercase, trimmed, without `http(s)://`, `www.`
/// and final slashes or `#`.
std::string normalize_url(std::string_view url);
/// A 64-bit hash of normalize_url(url), continued from `seed`, computed without building it.
std::uint64_t normalized_url_hash(std::string_view url, std::uint64_t seed);
/// "arxiv:<id>" or "url:<normalized paper URL>", empty without a paper link.
std::string paper_key(const Entry& e);
/// Lowercase letters and digits of the title's words, concatenated.
std::string title_key(std::string_view title);
/// 64-bit hash of the digest with whitespace runs folded; 0 for digests under 20 bytes.
std::uint64_t digest_hash(std::string_view digest);
/// Whether `text` calls something a thesis: the word thesis, theses or dissertation(s).
bool mentions_thesis(std::string_view text);
/// The singular form used to compare key words ("attacks" -> "attack").
std::string singular(std::string word);
/// Words of a phrase, singular, joined by spaces: the key under which variants group.
std::string phrase_key(const std::vector<std::string>& words);

}  // namespace awesome::rules
