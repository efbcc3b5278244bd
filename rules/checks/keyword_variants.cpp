// keyword-variant: a key word that is a near-variant of a more frequent one in the same list.
// Phrases are compared at word level: same words up to case, hyphens and plurals, or one rare
// word that is a small edit away from a frequent word (a typo), judged by frequency; where the
// two phrases are used as often, by which of the two words the list's titles and digests use.
//
// KeywordIndex keeps the phrase and word counts up to date entry by entry and analyzes the
// variants again only when the phrases in use change; the costly part of the analysis (which
// words are a typo's distance apart) is remembered per word.
#include <algorithm>
#include <bit>
#include <cctype>
#include <functional>
#include <optional>
#include <string_view>
#include <unordered_map>

#include "rules/entry_indexes.hpp"
#include "rules/hash_counter.hpp"
#include "rules/keys.hpp"
#include "rules/text_util.hpp"

namespace awesome::rules {

namespace {

enum class Difference { kCase, kSpelling, kPlural };

Difference classify(std::string_view a, std::string_view b) {
  if (text::iequals(a, b))
    return Difference::kCase;
  const auto wa = text::words(a), wb = text::words(b);
  return wa == wb ? Difference::kSpelling : Difference::kPlural;
}

/// The British and American spellings of a lowercase word, one regional difference at a time:
/// ll/l before -ing, -ed, -er (modelling), our/or (behaviour), ise/ize and yse/yze with their
/// derived forms (randomised, optimisation, analyse), tre/ter (centre) and fence/fense
/// (defence, offence). Symmetric: `w` is among the variants of each of its variants. Words
/// that merely fit a pattern (vector -> vectour) give candidates no list uses: they match
/// nothing.
std::vector<std::string> regional_variants(const std::string& w) {
  std::vector<std::string> out;
  const auto vowel = [](char c) {
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
  };
  const auto swap_at = [&](std::size_t pos, std::size_t len, std::string_view with) {
    std::string v = w;
    v.replace(pos, len, with);
    out.push_back(std::move(v));
  };
  for (std::size_t i = 2; i + 1 < w.size(); ++i) {
    const std::string_view rest = std::string_view(w).substr(i);
    // modelling/modeling, labelled/labeled: an l after one e or a, itself after a consonant.
    if ((w[i - 1] == 'e' || w[i - 1] == 'a') && !vowel(w[i - 2]) && rest[0] == 'l') {
      const bool doubled = rest.size() > 1 && rest[1] == 'l';
      const std::string_view after = rest.substr(doubled ? 2 : 1);
      if (after.starts_with("ing") || after.starts_with("ed") || after.starts_with("er")) {
        swap_at(i, doubled ? 2 : 1, doubled ? "l" : "ll");
      }
    }
    // behaviour/behavior, colour/color.
    if (rest.starts_with("our"))
      swap_at(i, 3, "or");
    else if (rest.starts_with("or"))
      swap_at(i, 2, "our");
    // randomise(d)/randomize(d), optimisation/optimization, analyse/analyze.
    const bool ise = (rest.starts_with("is") || rest.starts_with("iz")) && i >= 3 &&
                     rest.size() > 2 &&
                     (rest[2] == 'e' || rest[2] == 'a' || rest.substr(2).starts_with("ing"));
    const bool yse = (rest.starts_with("ys") || rest.starts_with("yz")) && rest.size() > 2 &&
                     (rest[2] == 'e' || rest.substr(2).starts_with("ing"));
    if (ise || yse)
      swap_at(i + 1, 1, rest[1] == 's' ? "z" : "s");
    // centre(s)/center(s), defence(s)/defense(s): at the end of the word.
    if (rest == "tre" || rest == "tres")
      swap_at(i, 3, "ter");
    else if (rest == "ter" || rest == "ters")
      swap_at(i, 3, "tre");
    if (w[i - 1] == 'f' && (rest == "ence" || rest == "ences"))
      swap_at(i, 4, "ense");
    else if (w[i - 1] == 'f' && (rest == "ense" || rest == "enses"))
      swap_at(i, 4, "ence");
  }
  return out;
}

bool regional_pair(const std::string& a, const std::string& b) {
  if (a.size() > b.size() + 1 || b.size() > a.size() + 1)
    return false;
  const auto variants = regional_variants(a);
  return std::find(variants.begin(), variants.end(), b) != variants.end();
}

/// The part of "`rare` reads as a typo of `common`" that does not depend on how often either
/// is used: same first letter, close in length and in edit distance, neither extending the
/// other (representation/representational is derivation) and not the same singular. A
/// British/American pair (modelling/modeling) is not a typo: decide() reports it as a
/// spelling variant when the list uses the phrase the other way.
bool typo_shape(const std::string& rare, const std::string& common) {
  if (rare.size() < 5 || rare == common || rare[0] != common[0])
    return false;
  const int cap = rare.size() >= 8 ? 2 : 1;
  const auto diff = static_cast<int>(rare.size()) - static_cast<int>(common.size());
  if (diff > cap || diff < -cap)
    return false;
  // A word ending in "ss" never has a form ending in one "s": robustnes is a dropped letter,
  // not a stem of robustness (and singular() leaves robustness alone, so it is no plural).
  const bool dropped_s = common.ends_with("ss") && rare.size() + 1 == common.size();
  if ((rare.starts_with(common) || common.starts_with(rare)) && !dropped_s)
    return false;
  if (text::edit_distance(rare, common, cap) > cap)
    return false;
  if (regional_pair(rare, common))
    return false;
  return singular(rare) != singular(common);
}

/// True when `a` and `b` differ in exactly one letter, in place (content/context).
bool one_substitution(std::string_view a, std::string_view b) {
  if (a.size() != b.size())
    return false;
  int differ = 0;
  for (std::size_t i = 0; i < a.size(); ++i) differ += a[i] != b[i] ? 1 : 0;
  return differ == 1;
}

/// True when `b` is `a` with two neighbouring letters swapped (inforamtion/information).
bool one_transposition(std::string_view a, std::string_view b) {
  if (a.size() != b.size())
    return false;
  std::size_t i = 0;
  while (i < a.size() && a[i] == b[i]) ++i;
  return i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i] &&
         a.substr(i + 2) == b.substr(i + 2);
}

/// Whether a word used `rare_count` times is rare enough, next to one used `common_count`
/// times, to be a typo of it (given typo_shape()).
bool typo_counts(int rare_count, int common_count) {
  return common_count >= 3 * rare_count && rare_count <= 3;
}

/// Byte offset and length of word number `index` of `phrase` (as text::words() splits it).
std::pair<std::size_t, std::size_t> word_span(std::string_view phrase, std::size_t index) {
  std::pair<std::size_t, std::size_t> span{std::string_view::npos, 0};
  std::size_t seen = 0;
  text::for_each_word(phrase, [&](std::string_view word) {
    if (seen++ == index)
      span = {static_cast<std::size_t>(word.data() - phrase.data()), word.size()};
  });
  return span;
}

/// One finding per use of a variant spelling, keyed by the hash of its text.
struct Emit {
  std::string variant;
  std::string reference;  ///< the phrase, or the word for a word-level typo
  std::string_view why;
  int used = 0;
  std::size_t word_index = SIZE_MAX;  ///< word-level typo: which word of the phrase
  bool operator==(const Emit&) const = default;
};

void report_use(const Analysis& a, std::size_t block, const KeywordPhrase& kp, const Emit& e,
                DiagnosticSink& sink) {
  Range r = a.absolute(block, kp.range);
  std::string message, replacement = e.reference;
  const std::string used = e.used == 1 ? "once" : std::to_string(e.used) + " times";
  if (e.word_index == SIZE_MAX) {
    message = "Key word '" + e.variant + "' " + std::string(e.why) + " '" + e.reference +
              "' (used " + used + "); expected '" + e.reference + "'.";
  } else {
    const auto [start, len] = word_span(kp.text, e.word_index);
    if (start == std::string_view::npos)
      return;
    r.start.column += static_cast<std::uint32_t>(start);
    r.end.column = r.start.column + static_cast<std::uint32_t>(len);
    const std::string wrong = kp.text.substr(start, len);
    if (!wrong.empty() && std::isupper(static_cast<unsigned char>(wrong[0]))) {
      replacement[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(replacement[0])));
    }
    message = "Key word '" + e.variant + "' contains '" + wrong +
              "', which looks like a misspelling of '" + replacement + "' (used " + used +
              " in key words).";
  }
  auto& d = sink.report(RuleId::kKeywordVariant, r, std::move(message));
  Fix fix;
  fix.title = "Replace with '" + replacement + "'";
  fix.edits.push_back({r, replacement});
  fix.safe = false;
  fix.preferred = true;
  d.fixes.push_back(std::move(fix));
}

}  // namespace

struct KeywordIndex::State {
  struct Word;
  /// A distinct phrase in use, and what the analysis concluded about it.
  struct Phrase {
    std::string text;
    std::vector<std::string> words;  ///< lowercased
    std::vector<Word*> word_info;    ///< the same words' records
    std::string key;                 ///< phrase_key(words)
    std::uint64_t hash = 0;          ///< of `text`
    int count = 0;                   ///< 0 while it waits to be dropped at the end of an update
    /// One per use (the block and the phrase's index in it), in document order.
    std::vector<std::pair<const Block*, std::size_t>> uses;
    // The conclusion: a variant of another phrase, or a phrase with a misspelled word.
    enum class Kind : std::uint8_t { kNone, kVariant, kWordTypo } kind = Kind::kNone;
    Phrase* reference = nullptr;           ///< kVariant
    std::string_view why;                  ///< kVariant
    std::size_t word_index = 0;            ///< kWordTypo
    const std::string* correct = nullptr;  ///< kWordTypo
    int used = 0;                          ///< kWordTypo: uses of `correct`
    std::vector<Phrase*> referrers;        ///< the kVariant phrases whose reference this is
    std::optional<Emit> emit;              ///< what its uses report, if anything

    std::pair<std::uint64_t, std::size_t> first() const {
      return {uses.front().first->marks.label, uses.front().second};
    }
  };
  struct Word {
    const std::string* text = nullptr;  ///< the map's key
    std::uint64_t hash = 0;             ///< text::word_hash(*text)
    int count = 0;                      ///< uses in key words (a phrase used n times counts n)
    std::uint64_t letters = 0;          ///< which ASCII letters and digits it has
    bool listed = false;                ///< used in a key word, now or before
    bool near_known = false;
    /// Listed words of the same first byte with typo_shape(this, other), sorted, with whether
    /// they are one edit apart. Kept current once known.
    std::vector<std::pair<const std::string*, bool>> near;
    std::vector<Word*> near_of_others;  ///< the words whose `near` holds this one
    std::vector<Phrase*> phrases;       ///< distinct phrases that hold it
  };

  std::unordered_map<std::string, Phrase> phrases;
  std::unordered_map<std::string, std::vector<Phrase*>> by_key;
  std::unordered_map<std::string, Word> words;  ///< every word ever used; entries stay
  std::unordered_map<std::uint64_t, Word*> words_by_hash;
  /// By first byte: the words that were ever used in a key word (the only ones a typo can be
  /// of), and the words whose `near` is known.
  std::vector<std::vector<Word*>> listed_by_first = std::vector<std::vector<Word*>>(256);
  std::vector<std::vector<Word*>> near_known_by_first = std::vector<std::vector<Word*>>(256);
  std::unordered_map<std::uint64_t, const Phrase*> emits;  ///< by hash of the variant text
  /// Uses of each word of 4 letters or more in the titles and digests of the entries, by
  /// text::word_hash(): the list's own vocabulary, which tells a typo from a word where counts
  /// tie. Only the key words' words are ever asked for, but a word typed into a key word later
  /// must find its count, so every word is counted.
  HashCounter prose;
  // What the update in progress changed.
  std::unordered_map<Phrase*, std::pair<int, std::pair<std::uint64_t, std::size_t>>> touched;
  std::unordered_map<Word*, int> word_before;
  /// Whether used in the titles and digests, for key words' words that came into or went out
  /// of use there.
  std::unordered_map<Word*, bool> prose_before;

  int prose_of(const std::string& w) const { return prose.get(text::word_hash(w)); }

  /// Counts the words of `text` (split and lowercased as text::words() does) `by` more uses.
  void count_prose(std::string_view text, int by) {
    text::for_each_word_hash(text, [&](std::uint64_t h, std::size_t length) {
      if (length < 4)
        return;
      const int before = prose.add(h, by);
      if ((before > 0) == (before + by > 0))
        return;
      // A word first used in a key word later in this update is analyzed as new anyway.
      if (auto w = words_by_hash.find(h); w != words_by_hash.end())
        prose_before.try_emplace(w->second, before > 0);
    });
  }

  void count_prose(const Block& b, int by) {
    count_prose(b.entry->title, by);
    count_prose(b.entry->digest, by);
  }

  int count_of(const std::string& w) const {
    auto it = words.find(w);
    return it == words.end() ? 0 : it->second.count;
  }

  const Phrase* best_of(const std::string& key) const {
    auto it = by_key.find(key);
    if (it == by_key.end())
      return nullptr;
    const Phrase* best = nullptr;
    for (const Phrase* p : it->second) {
      if (p->count == 0)
        continue;
      if (best == nullptr || p->count > best->count ||
          (p->count == best->count && p->first() < best->first())) {
        best = p;
      }
    }
    return best;
  }

  static std::uint64_t letters_of(const std::string& w) {
    std::uint64_t m = 0;
    for (char c : w) {
      if (c >= 'a' && c <= 'z')
        m |= 1ull << (c - 'a');
      if (c >= '0' && c <= '9')
        m |= 1ull << (26 + c - '0');
    }
    return m;
  }

  /// typo_shape(), after a cheap bound: an edit changes which letters a word has by at most two.
  static bool near(const Word& rare, const Word& common) {
    const int cap = rare.text->size() >= 8 ? 2 : 1;
    if (std::popcount(rare.letters ^ common.letters) > 2 * cap)
      return false;
    return typo_shape(*rare.text, *common.text);
  }

  Word& word(const std::string& w) {
    auto [it, fresh] = words.try_emplace(w);
    if (fresh) {
      it->second.text = &it->first;
      it->second.hash = text::word_hash(w);
      it->second.letters = letters_of(w);
      words_by_hash.emplace(it->second.hash, &it->second);
    }
    return it->second;
  }

  void count_word(Word& info, int by) {
    word_before.try_emplace(&info, info.count);
    info.count += by;
    if (info.listed || info.count < 1 || info.text->empty())
      return;
    info.listed = true;
    const auto first = static_cast<unsigned char>((*info.text)[0]);
    for (Word* o : near_known_by_first[first]) {
      if (!near(*o, info))
        continue;
      auto at = std::lower_bound(o->near.begin(), o->near.end(), *info.text,
                                 [](const auto& x, const std::string& y) { return *x.first < y; });
      o->near.insert(at, {info.text, text::edit_distance(*o->text, *info.text, 1) <= 1});
      info.near_of_others.push_back(o);
    }
    listed_by_first[first].push_back(&info);
  }

  /// The words a typo of `info` could be of, with whether they are one edit away.
  const std::vector<std::pair<const std::string*, bool>>& near_of(Word& info) {
    if (!info.near_known) {
      info.near_known = true;
      const auto first = static_cast<unsigned char>((*info.text)[0]);
      for (Word* other : listed_by_first[first]) {
        if (!near(info, *other))
          continue;
        info.near.emplace_back(other->text, text::edit_distance(*info.text, *other->text, 1) <= 1);
        other->near_of_others.push_back(&info);
      }
      std::sort(info.near.begin(), info.near.end(),
                [](const auto& x, const auto& y) { return *x.first < *y.first; });
      near_known_by_first[first].push_back(&info);
    }
    return info.near;
  }

  void touch(Phrase& p) {
    touched.try_emplace(&p, p.count,
                        p.uses.empty() ? std::pair<std::uint64_t, std::size_t>{} : p.first());
  }

  void add_use(const Block* b, std::size_t pi) {
    const std::string& t = b->entry->keywords[pi].text;
    auto [it, fresh] = phrases.try_emplace(t);
    Phrase& p = it->second;
    if (fresh) {
      p.text = t;
      p.words = text::words(t);
      p.key = phrase_key(p.words);
      p.hash = b->phrase_hashes[pi];
      for (const auto& w : p.words) {
        Word& info = word(w);
        p.word_info.push_back(&info);
        if (info.phrases.empty() || info.phrases.back() != &p)
          info.phrases.push_back(&p);
      }
      by_key[p.key].push_back(&p);
    }
    touch(p);
    ++p.count;
    const std::pair<std::uint64_t, std::size_t> where{b->marks.label, pi};
    auto at =
        std::upper_bound(p.uses.begin(), p.uses.end(), where, [](const auto& w, const auto& x) {
          return w < std::pair<std::uint64_t, std::size_t>{x.first->marks.label, x.second};
        });
    p.uses.insert(at, {b, pi});
    for (Word* w : p.word_info) count_word(*w, 1);
  }

  void remove_use(const Block* b, std::size_t pi) {
    auto it = phrases.find(b->entry->keywords[pi].text);
    if (it == phrases.end())
      return;
    Phrase& p = it->second;
    auto use = std::find(p.uses.begin(), p.uses.end(), std::pair<const Block*, std::size_t>{b, pi});
    if (use == p.uses.end())
      return;
    touch(p);
    p.uses.erase(use);
    --p.count;
    for (Word* w : p.word_info) count_word(*w, -1);
  }

  void set_variant(Phrase& p, Phrase* reference, std::string_view why) {
    p.kind = Phrase::Kind::kVariant;
    p.reference = reference;
    p.why = why;
    reference->referrers.push_back(&p);
  }

  /// Decides again what `p` is; true when the conclusion changed.
  bool decide(Phrase& p);
  // What decide() tries, in order: a more frequent phrase `p` is a variant of (with the words
  // that say how), else a word of `p` that is a typo of a frequent word.
  std::pair<Phrase*, std::string_view> key_variant(const Phrase& p) const;
  Phrase* regional_variant(const Phrase& p) const;
  Phrase* misspelt_variant(const Phrase& p);
  Phrase* tie_variant(const Phrase& p, std::size_t wi);
  void find_word_typo(Phrase& p);
  std::optional<Emit> emit_of(const Phrase& p) const;
  /// Brings the conclusions up to date with the changes recorded in `touched` and
  /// `word_before`; appends the uses whose findings change to `reemit`.
  void analyze(std::vector<const Block*>& reemit);
  /// The phrases that can conclude differently after `changed` phrases and `counted` words.
  std::vector<Phrase*> affected_by(const std::vector<Phrase*>& changed,
                                   const std::vector<Word*>& counted);
  /// Emits again the findings of `roots` and of the chains of variants that end in them.
  void emit_again(const std::vector<const Phrase*>& roots, std::vector<const Block*>& reemit);
  void drop(Phrase& p);
};

bool KeywordIndex::State::decide(Phrase& p) {
  const auto kind = p.kind;
  Phrase* const reference = p.reference;
  const std::string_view why = p.why;
  const std::size_t word_index = p.word_index;
  const std::string* const correct = p.correct;
  const int used = p.used;
  if (p.kind == Phrase::Kind::kVariant)
    std::erase(p.reference->referrers, &p);
  p.kind = Phrase::Kind::kNone;
  p.reference = nullptr;
  p.why = {};
  p.correct = nullptr;
  p.word_index = 0;
  p.used = 0;
  if (p.count > 0) {
    auto [target, how] = key_variant(p);
    if (target == nullptr && (target = regional_variant(p)) != nullptr)
      how = "is a British/American spelling variant of";
    if (target == nullptr && (target = misspelt_variant(p)) != nullptr)
      how = "looks like a misspelling of";
    if (target != nullptr)
      set_variant(p, target, how);
    else
      find_word_typo(p);
  }
  return p.kind != kind || p.reference != reference || p.why != why || p.word_index != word_index ||
         p.correct != correct || p.used != used;
}

std::pair<KeywordIndex::State::Phrase*, std::string_view> KeywordIndex::State::key_variant(
    const Phrase& p) const {
  auto* best = const_cast<Phrase*>(best_of(p.key));
  if (best == &p)
    return {nullptr, {}};
  const Difference diff = classify(p.text, best->text);
  if (diff == Difference::kCase && best->count > p.count)
    return {best, "differs only in case from"};
  if (diff == Difference::kSpelling && best->count > p.count)
    return {best, "is a spelling variant of"};
  if (diff == Difference::kPlural && best->count >= 3 * p.count)
    return {best, "is a singular/plural variant of"};
  return {nullptr, {}};
}

/// The same phrase with one word in the other regional spelling, used more often.
KeywordIndex::State::Phrase* KeywordIndex::State::regional_variant(const Phrase& p) const {
  std::vector<std::string> replaced;
  Phrase* regional = nullptr;
  for (std::size_t wi = 0; wi < p.words.size(); ++wi) {
    for (const std::string& v : regional_variants(p.words[wi])) {
      replaced = p.words;
      replaced[wi] = v;
      const Phrase* other = best_of(phrase_key(replaced));
      if (other != nullptr && other->count > p.count &&
          (regional == nullptr || other->count > regional->count ||
           (other->count == regional->count && other->first() < regional->first()))) {
        regional = const_cast<Phrase*>(other);
      }
    }
  }
  return regional;
}

/// One rare word that is a typo of a frequent word: prefer a phrase that exists.
KeywordIndex::State::Phrase* KeywordIndex::State::misspelt_variant(const Phrase& p) {
  std::vector<std::string> replaced;
  for (std::size_t wi = 0; wi < p.words.size(); ++wi) {
    Word& w = *p.word_info[wi];
    const int wc = w.count;
    if (w.text->size() < 5 || wc > 3)
      continue;  // only rare words can be typos
    Phrase* target = nullptr;
    int target_count = 0;
    for (const auto& [cand, one_edit] : near_of(w)) {
      const int cc = count_of(*cand);
      if (cc < 3 || cc <= target_count || !typo_counts(wc, cc))
        continue;
      replaced = p.words;
      replaced[wi] = *cand;
      const Phrase* other = best_of(phrase_key(replaced));
      if (other != nullptr && other->count >= p.count) {
        target = const_cast<Phrase*>(other);
        target_count = cc;
      }
    }
    if (target != nullptr)
      return target;
  }
  for (std::size_t wi = 0; wi < p.words.size(); ++wi) {
    if (Phrase* target = tie_variant(p, wi))
      return target;
  }
  return nullptr;
}

/// A tie that counts cannot break (`Inforamtion Bottleneck` and `Information Bottleneck`, once
/// each): the list's own words tell the typo. Word `wi` of `p` is a typo of a word that makes
/// a phrase used at least as often when the rest of the list never uses it (no other key word,
/// no title, no digest) but does use the other word, and the two are one letter added,
/// dropped or swapped with its neighbour apart. One substituted letter between words under 8
/// letters is not enough (content/context), nor are two edits (stealing/steering).
KeywordIndex::State::Phrase* KeywordIndex::State::tie_variant(const Phrase& p, std::size_t wi) {
  Word& w = *p.word_info[wi];
  if (w.text->size() < 5 || w.count > p.count || prose_of(*w.text) > 0)
    return nullptr;
  Phrase* target = nullptr;
  std::vector<std::string> replaced;
  for (const auto& [cand, one_edit] : near_of(w)) {
    if (!one_edit && !one_transposition(*w.text, *cand))
      continue;
    if (w.text->size() < 8 && cand->size() < 8 && one_substitution(*w.text, *cand))
      continue;
    replaced = p.words;
    replaced[wi] = *cand;
    const Phrase* other = best_of(phrase_key(replaced));
    if (other == nullptr || other->count < p.count)
      continue;
    if (prose_of(*cand) == 0 && count_of(*cand) <= other->count)
      continue;  // the other word is no more the list's than this one
    if (target == nullptr || other->count > target->count)
      target = const_cast<Phrase*>(other);
  }
  return target;
}

/// No phrase to point at: a long rare word one edit away from a frequent word is a typo.
/// Except one substituted letter between words under 8 letters: there, a one-letter change
/// of a word is often another ordinary word (content/context, descent/descend), and only a
/// phrase that differs in that word alone (above) tells a typo from a different word. Longer
/// words rarely meet another word at one substitution, and the insertions, deletions and
/// transpositions of real typos (Uncerntainty, Leraning, Languge) are not substitutions.
void KeywordIndex::State::find_word_typo(Phrase& p) {
  for (std::size_t wi = 0; wi < p.words.size(); ++wi) {
    Word& w = *p.word_info[wi];
    const int wc = w.count;
    if (w.text->size() < 7 || wc > 2)
      continue;
    const std::string* best_word = nullptr;
    int best_count = 4;
    for (const auto& [cand, one_edit] : near_of(w)) {
      const int cc = count_of(*cand);
      if (w.text->size() < 8 && cand->size() < 8 && one_substitution(*w.text, *cand))
        continue;
      if (cc > best_count && one_edit && typo_counts(wc, cc)) {
        best_word = cand;
        best_count = cc;
      }
    }
    if (best_word != nullptr) {
      p.kind = Phrase::Kind::kWordTypo;
      p.word_index = wi;
      p.correct = best_word;
      p.used = best_count;
      return;
    }
  }
}

std::optional<Emit> KeywordIndex::State::emit_of(const Phrase& p) const {
  if (p.count == 0)
    return std::nullopt;
  if (p.kind == Phrase::Kind::kWordTypo) {
    return Emit{p.text, *p.correct, {}, p.used, p.word_index};
  }
  if (p.kind != Phrase::Kind::kVariant)
    return std::nullopt;
  const Phrase* reference = p.reference;
  for (int hops = 0; hops < 8; ++hops) {  // a reference that is a variant itself is followed
    if (reference->kind != Phrase::Kind::kVariant || reference->reference == &p)
      break;
    reference = reference->reference;
  }
  return Emit{p.text, reference->text, p.why, reference->count};
}

void KeywordIndex::State::drop(Phrase& p) {
  if (p.kind == Phrase::Kind::kVariant)
    std::erase(p.reference->referrers, &p);
  for (Word* w : p.word_info) std::erase(w->phrases, &p);
  auto group = by_key.find(p.key);
  std::erase(group->second, &p);
  if (group->second.empty())
    by_key.erase(group);
  const std::string text = p.text;  // not a reference into the node being erased
  phrases.erase(text);
}

void KeywordIndex::State::analyze(std::vector<const Block*>& reemit) {
  std::vector<Phrase*> changed;  // count or first use changed
  for (const auto& [p, before] : touched) {
    if (p->count != before.first || (p->count > 0 && p->first() != before.second)) {
      changed.push_back(p);
    }
  }
  std::vector<Word*> counted;
  for (const auto& [w, before] : word_before) {
    if (w->count != before)
      counted.push_back(w);
  }
  // A word that came into or went out of use in the titles and digests can break a tie.
  for (const auto& [w, was] : prose_before) {
    if (was != (prose.get(w->hash) > 0))
      counted.push_back(w);
  }
  touched.clear();
  word_before.clear();
  prose_before.clear();
  if (changed.empty() && counted.empty())
    return;
  std::vector<const Phrase*> roots(changed.begin(), changed.end());
  for (Phrase* p : affected_by(changed, counted)) {
    if (decide(*p))
      roots.push_back(p);
  }
  emit_again(roots, reemit);
  for (Phrase* p : changed) {
    if (p->count == 0)
      drop(*p);
  }
}

// Which phrases can conclude differently: those of the changed phrases' key groups, those
// whose words changed in count, and those with a word that is a typo's distance from one
// of these words or from the words of a changed key (a misspelling points at a phrase).
std::vector<KeywordIndex::State::Phrase*> KeywordIndex::State::affected_by(
    const std::vector<Phrase*>& changed, const std::vector<Word*>& counted) {
  std::vector<Phrase*> affected;
  const auto add_phrases = [&](const Word& w) {
    affected.insert(affected.end(), w.phrases.begin(), w.phrases.end());
  };
  const auto add_near = [&](const Word& w) {
    for (const Word* o : w.near_of_others) add_phrases(*o);
  };
  const auto add_word = [&](const std::string& form, bool near) {
    auto w = words.find(form);
    if (w != words.end())
      near ? add_near(w->second) : add_phrases(w->second);
  };
  for (Phrase* p : changed) {
    auto group = by_key.find(p->key);
    if (group != by_key.end())
      affected.insert(affected.end(), group->second.begin(), group->second.end());
    for (std::size_t from = 0; from <= p->key.size();) {
      std::size_t to = p->key.find(' ', from);
      if (to == std::string::npos)
        to = p->key.size();
      const std::string k = p->key.substr(from, to - from);
      for (const std::string& form : {k, k + "s"}) add_word(form, true);
      // The phrases that name this one as their other regional spelling.
      for (const std::string& v : regional_variants(k)) {
        for (const std::string& form : {v, v + "s"}) add_word(form, false);
      }
      from = to + 1;
    }
  }
  for (Word* w : counted) {
    add_phrases(*w);
    add_near(*w);
  }
  std::sort(affected.begin(), affected.end());
  affected.erase(std::unique(affected.begin(), affected.end()), affected.end());
  return affected;
}

void KeywordIndex::State::emit_again(const std::vector<const Phrase*>& roots,
                                     std::vector<const Block*>& reemit) {
  // A finding names its reference at the end of a chain of variants, and its use count.
  std::vector<const Phrase*> again = roots;
  std::vector<const Phrase*> level = roots;
  for (int hops = 0; hops < 9 && !level.empty(); ++hops) {
    std::vector<const Phrase*> next;
    for (const Phrase* p : level) next.insert(next.end(), p->referrers.begin(), p->referrers.end());
    again.insert(again.end(), next.begin(), next.end());
    level = std::move(next);
  }
  std::sort(again.begin(), again.end());
  again.erase(std::unique(again.begin(), again.end()), again.end());
  for (const Phrase* cp : again) {
    auto& p = const_cast<Phrase&>(*cp);
    std::optional<Emit> e = emit_of(p);
    if (e == p.emit)
      continue;
    if (p.emit) {
      auto it = emits.find(p.hash);
      if (it != emits.end() && it->second == &p)
        emits.erase(it);
    }
    if (e)
      emits.emplace(p.hash, &p);
    p.emit = std::move(e);
    for (const auto& use : p.uses) reemit.push_back(use.first);
  }
}

KeywordIndex::KeywordIndex() : state_(std::make_unique<State>()) {}
KeywordIndex::~KeywordIndex() = default;
KeywordIndex::KeywordIndex(KeywordIndex&&) noexcept = default;
KeywordIndex& KeywordIndex::operator=(KeywordIndex&&) noexcept = default;

void KeywordIndex::clear() {
  state_ = std::make_unique<State>();
}

void KeywordIndex::update(const std::vector<const Block*>& removed,
                          const std::vector<const Block*>& added,
                          std::vector<const Block*>& reemit) {
  State& s = *state_;
  // A whole list at once: room for its phrases up front (a no-op for a keystroke's blocks).
  s.phrases.reserve(s.phrases.size() + added.size());
  s.touched.reserve(added.size());
  for (const Block* b : removed) {
    s.count_prose(*b, -1);
    for (std::size_t pi = 0; pi < b->entry->keywords.size(); ++pi) {
      if (!b->entry->keywords[pi].text.empty())
        s.remove_use(b, pi);
    }
  }
  for (const Block* b : added) {
    s.count_prose(*b, 1);
    for (std::size_t pi = 0; pi < b->entry->keywords.size(); ++pi) {
      if (!b->entry->keywords[pi].text.empty())
        s.add_use(b, pi);
    }
    reemit.push_back(b);
  }
  s.analyze(reemit);
}

void KeywordIndex::check(const Analysis& a, std::size_t bi, DiagnosticSink& sink) const {
  const State& s = *state_;
  if (s.emits.empty())
    return;
  const Block& b = a.block(bi);
  for (std::size_t pi = 0; pi < b.entry->keywords.size(); ++pi) {
    auto it = s.emits.find(b.phrase_hashes[pi]);
    if (it != s.emits.end() && it->second->text == b.entry->keywords[pi].text) {
      report_use(a, bi, b.entry->keywords[pi], *it->second->emit, sink);
    }
  }
}

}  // namespace awesome::rules
