// keyword-variant: a key word that is a near-variant of a more frequent one in the same list.
// Phrases are compared at word level: same words up to case, hyphens and plurals, or one rare
// word that is a small edit away from a frequent word (a typo), judged by frequency.
#include <algorithm>
#include <cctype>
#include <map>
#include <tuple>
#include <unordered_map>

#include "rules/analysis.hpp"
#include "rules/keys.hpp"
#include "rules/text_util.hpp"

namespace awesome::rules {

namespace {

struct Occurrence {
  std::size_t block;
  std::size_t phrase;
};

struct PhraseStats {
  int count = 0;
  std::size_t first = 0;  ///< order of first use
  std::vector<Occurrence> uses;
};

enum class Difference { kCase, kSpelling, kPlural };

Difference classify(std::string_view a, std::string_view b) {
  if (text::iequals(a, b)) return Difference::kCase;
  const auto wa = text::words(a), wb = text::words(b);
  return wa == wb ? Difference::kSpelling : Difference::kPlural;
}

/// Whether `rare` (used `rare_count` times) reads as a typo of `common`.
bool is_typo_of(const std::string& rare, int rare_count, const std::string& common,
                int common_count) {
  if (rare.size() < 5 || rare == common || rare[0] != common[0]) return false;
  if (common_count < 3 * rare_count || rare_count > 3) return false;
  const int cap = rare.size() >= 8 ? 2 : 1;
  const auto diff = static_cast<int>(rare.size()) - static_cast<int>(common.size());
  if (diff > cap || diff < -cap) return false;
  // One word extending the other is derivation (representation/representational), not a typo.
  if (rare.starts_with(common) || common.starts_with(rare)) return false;
  if (text::edit_distance(rare, common, cap) > cap) return false;
  return singular(rare) != singular(common);
}

/// Finds every variant among the distinct phrases (in first-use order) into `cache`.
void analyze_variants(const Analysis& a, const std::unordered_map<std::string, PhraseStats>& phrases,
                      const std::vector<const std::string*>& order, VariantCache& cache) {
  std::unordered_map<std::string, int> word_count;
  for (const auto& [text, stats] : phrases) {
    const Occurrence& use = stats.uses.front();
    for (const auto& w : a.block(use.block).phrase_words[use.phrase]) word_count[w] += stats.count;
  }
  auto report = [&](const std::string& variant, const std::string& reference, std::string why) {
    cache.found.emplace(variant, std::make_pair(reference, std::move(why)));
  };
  // Group spellings by their normalized form; the most used spelling is the reference.
  std::unordered_map<std::string, const std::string*> best_by_key;
  std::unordered_map<const std::string*, std::string> key_of;
  for (const std::string* p : order) {
    const Occurrence& first_use = phrases.at(*p).uses.front();
    std::string key = a.block(first_use.block).phrase_keys[first_use.phrase];
    auto [it, fresh] = best_by_key.try_emplace(key, p);
    if (!fresh && phrases.at(*p).count > phrases.at(*it->second).count) it->second = p;
    key_of.emplace(p, std::move(key));
  }
  // Words used at least three times, by first byte: the only candidates a typo can be of.
  std::vector<std::vector<std::pair<std::string, int>>> frequent(256);
  for (const auto& [w, c] : word_count) {
    if (c >= 3 && !w.empty()) frequent[static_cast<unsigned char>(w[0])].emplace_back(w, c);
  }
  for (auto& bucket : frequent) std::sort(bucket.begin(), bucket.end());  // deterministic ties
  for (const std::string* p : order) {
    const PhraseStats& stats = phrases.at(*p);
    const std::string* best = best_by_key[key_of[p]];
    if (best != p) {
      const int ref = phrases.at(*best).count;
      const Difference diff = classify(*p, *best);
      if (diff == Difference::kCase && ref > stats.count) {
        report(*p, *best, "differs only in case from");
        continue;
      }
      if (diff == Difference::kSpelling && ref > stats.count) {
        report(*p, *best, "is a spelling variant of");
        continue;
      }
      if (diff == Difference::kPlural && ref >= 3 * stats.count) {
        report(*p, *best, "is a singular/plural variant of");
        continue;
      }
    }
    // One rare word that is a typo of a frequent word: prefer a phrase that exists.
    const Occurrence& use0 = stats.uses.front();
    const auto& words = a.block(use0.block).phrase_words[use0.phrase];
    for (std::size_t wi = 0; wi < words.size(); ++wi) {
      const std::string& w = words[wi];
      const int wc = word_count[w];
      if (w.size() < 5 || wc > 3) continue;  // only rare words can be typos
      const std::string* target = nullptr;
      int target_count = 0;
      for (const auto& [cand, cc] : frequent[static_cast<unsigned char>(w[0])]) {
        if (cc <= target_count || !is_typo_of(w, wc, cand, cc)) continue;
        auto replaced = words;
        replaced[wi] = cand;
        auto it = best_by_key.find(phrase_key(replaced));
        if (it != best_by_key.end() && phrases.at(*it->second).count >= stats.count) {
          target = it->second;
          target_count = cc;
        }
      }
      if (target) {
        report(*p, *target, "looks like a misspelling of");
        break;
      }
    }
    if (cache.found.count(*p)) continue;
    // No phrase to point at: a long rare word one edit away from a frequent word is a typo.
    for (std::size_t wi = 0; wi < words.size(); ++wi) {
      const std::string& w = words[wi];
      const int wc = word_count[w];
      if (w.size() < 7 || wc > 2) continue;
      const std::string* best_word = nullptr;
      int best_count = 4;
      for (const auto& [cand, cc] : frequent[static_cast<unsigned char>(w[0])]) {
        if (cc > best_count && is_typo_of(w, wc, cand, cc) && text::edit_distance(w, cand, 1) <= 1) {
          best_word = &cand;
          best_count = cc;
        }
      }
      if (best_word) {
        cache.word_typos.emplace_back(*p, wi, *best_word, best_count);
        break;
      }
    }
  }
}


/// Byte offset and length of word number `index` of `phrase` (as text::words() splits it).
std::pair<std::size_t, std::size_t> word_span(std::string_view phrase, std::size_t index) {
  auto is_word = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80;
  };
  std::size_t pos = 0, seen = 0;
  while (pos < phrase.size()) {
    while (pos < phrase.size() && !is_word(phrase[pos])) ++pos;
    std::size_t end = pos;
    while (end < phrase.size() && is_word(phrase[end])) ++end;
    if (end == pos) break;
    if (seen++ == index) return {pos, end - pos};
    pos = end;
  }
  return {std::string_view::npos, 0};
}

/// Turns the analysis into one record per variant spelling, keyed by the hash of its text.
void resolve_emits(const std::unordered_map<std::string, PhraseStats>& phrases, VariantCache& cache) {
  const std::hash<std::string> hash;
  for (const auto& [variant, found] : cache.found) {
    std::string reference = found.first;
    for (int hops = 0; hops < 8; ++hops) {  // a reference that is a variant itself is followed
      auto it = cache.found.find(reference);
      if (it == cache.found.end() || it->second.first == variant) break;
      reference = it->second.first;
    }
    VariantCache::Emit e;
    e.variant = variant;
    e.reference = reference;
    e.why = found.second;
    e.used = phrases.at(reference).count;
    cache.emits.emplace(hash(variant), std::move(e));
  }
  for (const auto& [phrase, word_index, correct, used] : cache.word_typos) {
    VariantCache::Emit e;
    e.variant = phrase;
    e.word_index = word_index;
    e.reference = correct;
    e.used = used;
    cache.emits.emplace(hash(phrase), std::move(e));
  }
}

void report_use(const Analysis& a, std::size_t block, const KeywordPhrase& kp,
                const VariantCache::Emit& e, DiagnosticSink& sink) {
  Range r = a.absolute(block, kp.range);
  std::string message, replacement = e.reference;
  if (e.word_index == SIZE_MAX) {
    message = "Key word '" + e.variant + "' " + e.why + " '" + e.reference + "' (used " +
              std::to_string(e.used) + " times); expected '" + e.reference + "'.";
  } else {
    const auto [start, len] = word_span(kp.text, e.word_index);
    if (start == std::string_view::npos) return;
    r.start.column += static_cast<std::uint32_t>(start);
    r.end.column = r.start.column + static_cast<std::uint32_t>(len);
    const std::string wrong = kp.text.substr(start, len);
    if (!wrong.empty() && std::isupper(static_cast<unsigned char>(wrong[0]))) {
      replacement[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(replacement[0])));
    }
    message = "Key word '" + e.variant + "' contains '" + wrong +
              "', which looks like a misspelling of '" + replacement + "' (used " +
              std::to_string(e.used) + " times in key words).";
  }
  auto& d = sink.report("keyword-variant", r, std::move(message));
  Fix fix;
  fix.title = "Replace with '" + replacement + "'";
  fix.edits.push_back({r, replacement});
  fix.safe = false;
  fix.preferred = true;
  d.fixes.push_back(std::move(fix));
}

}  // namespace

void check_keyword_variants(const Analysis& a, DiagnosticSink& sink) {
  // Findings depend only on the sequence of key words: an edit elsewhere reuses the analysis.
  std::uint64_t fingerprint = 1469598103934665603ull;
  for (std::size_t bi : a.papers) {
    fingerprint = (fingerprint ^ a.block(bi).phrases_hash) * 1099511628211ull;
  }
  VariantCache local;
  VariantCache& cache = a.variant_cache ? *a.variant_cache : local;
  if (!cache.valid || cache.fingerprint != fingerprint) {
    std::unordered_map<std::string, PhraseStats> phrases;
    std::vector<const std::string*> order;
    for (std::size_t bi : a.papers) {
      const Entry& e = a.entry(bi);
      for (std::size_t pi = 0; pi < e.keywords.size(); ++pi) {
        const std::string& t = e.keywords[pi].text;
        if (t.empty()) continue;
        auto [it, fresh] = phrases.try_emplace(t);
        if (fresh) {
          it->second.first = order.size();
          order.push_back(&it->first);
        }
        ++it->second.count;
        it->second.uses.push_back({bi, pi});
      }
    }
    cache.found.clear();
    cache.word_typos.clear();
    cache.emits.clear();
    analyze_variants(a, phrases, order, cache);
    resolve_emits(phrases, cache);
    cache.fingerprint = fingerprint;
    cache.valid = true;
  }
  if (cache.emits.empty()) return;
  for (std::size_t bi : a.papers) {
    const Block& b = a.block(bi);
    for (std::size_t pi = 0; pi < b.entry->keywords.size(); ++pi) {
      auto it = cache.emits.find(b.phrase_hashes[pi]);
      if (it != cache.emits.end() && it->second.variant == b.entry->keywords[pi].text) {
        report_use(a, bi, b.entry->keywords[pi], it->second, sink);
      }
    }
  }
}

}  // namespace awesome::rules
