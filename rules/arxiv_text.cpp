// The text side of arXiv metadata: LaTeX titles and names made plain text, the comparable form
// of a title and a family name, and the author line split into names. Byte-oriented UTF-8;
// only the accents and letters that real titles and names use are known.
#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <string>
#include <string_view>

#include "rules/arxiv.hpp"
#include "rules/text_util.hpp"

namespace awesome::rules {

namespace {

/// A LaTeX accent and the letters it composes with: the i-th letter of `bases` gives the i-th
/// code point of `composed`.
struct Accent {
  char command;
  std::string_view bases;
  std::string_view composed;
};
constexpr std::array kAccents{
    Accent{'"', "aeiouyAEIOUY", "äëïöüÿÄËÏÖÜŸ"},
    Accent{'\'', "aeiouyAEIOUYcCnNsSzZgGrRlL", "áéíóúýÁÉÍÓÚÝćĆńŃśŚźŹǵǴŕŔĺĹ"},
    Accent{'`', "aeiouyAEIOUYnN", "àèìòùỳÀÈÌÒÙỲǹǸ"},
    Accent{'^', "aeiouyAEIOUYcCsSzZgG", "âêîôûŷÂÊÎÔÛŶĉĈŝŜẑẐĝĜ"},
    Accent{'~', "aeiouyAEIOUYnN", "ãẽĩõũỹÃẼĨÕŨỸñÑ"},
    Accent{'c', "eEcCnNsSgGrRlLtTdD", "ȩȨçÇņŅşŞģĢŗŖļĻţŢḑḐ"},
    Accent{'v', "aeiouAEIOUcCnNsSzZgGrRlLtTdD", "ǎěǐǒǔǍĚǏǑǓčČňŇšŠžŽǧǦřŘľĽťŤďĎ"},
    Accent{'=', "aeiouyAEIOUYgG", "āēīōūȳĀĒĪŌŪȲḡḠ"},
    Accent{'.', "aeoyAEIOYcCnNsSzZgGrRtTdD", "ȧėȯẏȦĖİȮẎċĊṅṄṡṠżŻġĠṙṘṫṪḋḊ"},
    Accent{'u', "aeiouAEIOUgG", "ăĕĭŏŭĂĔĬŎŬğĞ"},
    Accent{'H', "ouOU", "őűŐŰ"},
    Accent{'r', "auyAU", "åůẙÅŮ"},
    Accent{'k', "aeiouAEIOU", "ąęįǫųĄĘĮǪŲ"},
};

/// Letters and symbols written as a command, and what they stand for.
struct Named {
  std::string_view name;
  std::string_view text;
};
constexpr std::array kNamed{
    Named{"ss", "ß"},        Named{"o", "ø"},          Named{"O", "Ø"},     Named{"aa", "å"},
    Named{"AA", "Å"},        Named{"ae", "æ"},         Named{"AE", "Æ"},    Named{"oe", "œ"},
    Named{"l", "ł"},         Named{"L", "Ł"},          Named{"i", "i"},     Named{"j", "j"},
    Named{"alpha", "α"},     Named{"beta", "β"},       Named{"gamma", "γ"}, Named{"delta", "δ"},
    Named{"epsilon", "ε"},   Named{"varepsilon", "ε"}, Named{"eta", "η"},   Named{"theta", "θ"},
    Named{"kappa", "κ"},     Named{"lambda", "λ"},     Named{"mu", "μ"},    Named{"pi", "π"},
    Named{"rho", "ρ"},       Named{"sigma", "σ"},      Named{"tau", "τ"},   Named{"phi", "φ"},
    Named{"chi", "χ"},       Named{"psi", "ψ"},        Named{"omega", "ω"}, Named{"Delta", "Δ"},
    Named{"Omega", "Ω"},     Named{"ell", "ℓ"},        Named{"infty", "∞"}, Named{"times", "×"},
    Named{"LaTeX", "LaTeX"}, Named{"TeX", "TeX"},
};

/// Commands that only style their argument: dropped, the argument kept.
constexpr std::array<std::string_view, 24> kStyles{
    "emph",   "textbf", "textit", "texttt",  "textsc", "textrm", "textsf",     "textup",
    "mathrm", "mathbf", "mathit", "mathcal", "mathbb", "mathsf", "mathtt",     "text",
    "bf",     "it",     "em",     "rm",      "sc",     "tt",     "boldsymbol", "mbox"};

/// Folded forms of letters that are not an accent on an ASCII letter.
constexpr std::array kFolds{Named{"ß", "ss"}, Named{"ø", "o"},  Named{"Ø", "o"},
                            Named{"æ", "ae"}, Named{"Æ", "ae"}, Named{"œ", "oe"},
                            Named{"ł", "l"},  Named{"Ł", "l"},  Named{"ı", "i"}};
/// Unicode punctuation that compares as a space, like ASCII punctuation.
constexpr std::array<std::string_view, 10> kPunctuation{"–", "—", "‘", "’", "“",
                                                        "”", "…", "‐", "‑", " "};

/// The length of the UTF-8 sequence starting with byte `c` (1 for a stray byte).
std::size_t utf8_length(unsigned char c) {
  if (c >= 0xF0)
    return 4;
  if (c >= 0xE0)
    return 3;
  if (c >= 0xC0)
    return 2;
  return 1;
}

/// The i-th UTF-8 code point of `s`, or "" when it has fewer.
std::string_view nth_code_point(std::string_view s, std::size_t i) {
  std::size_t pos = 0;
  for (; pos < s.size() && i > 0; --i) pos += utf8_length(static_cast<unsigned char>(s[pos]));
  if (pos >= s.size())
    return {};
  return s.substr(pos, utf8_length(static_cast<unsigned char>(s[pos])));
}

std::string compose(char accent, char base) {
  for (const Accent& a : kAccents) {
    if (a.command != accent)
      continue;
    if (auto at = a.bases.find(base); at != std::string_view::npos)
      return std::string(nth_code_point(a.composed, at));
  }
  std::string plain(1, base);  // not {1, base}: that would be two characters
  return plain;
}

/// The ASCII letter(s) that code point `cp` folds to, or "" when it folds to none.
std::string_view fold(std::string_view cp) {
  for (const Accent& a : kAccents) {
    for (std::size_t i = 0; i < a.bases.size(); ++i) {
      if (nth_code_point(a.composed, i) == cp)
        return a.bases.substr(i, 1);
    }
  }
  for (const Named& f : kFolds) {
    if (f.name == cp)
      return f.text;
  }
  return {};
}

bool is_letter(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) != 0;
}

/// Reads an accent's argument at `i`: `{o}`, `o`, ` o`, `{\i}`; returns the base letter.
char accent_argument(std::string_view s, std::size_t& i) {
  while (i < s.size() && (s[i] == ' ' || s[i] == '{')) ++i;
  char base = 0;
  if (i + 1 < s.size() && s[i] == '\\' && (s[i + 1] == 'i' || s[i + 1] == 'j')) {
    base = s[i + 1];
    i += 2;
  } else if (i < s.size()) {
    base = s[i++];
  }
  if (i < s.size() && s[i] == '}')
    ++i;
  return base;
}

/// Handles the command after a backslash at `i` (pointing past it), appending its text.
void latex_command(std::string_view s, std::size_t& i, std::string& out) {
  if (i >= s.size())
    return;
  const char c = s[i];
  if (std::string_view("\"'`^~=.").find(c) != std::string_view::npos) {
    ++i;
    out += compose(c, accent_argument(s, i));
    return;
  }
  if (!is_letter(c)) {  // \& \% \_ \$ \{ \}, and \\ or \, as space
    out += std::string_view("&%_$#{}").find(c) != std::string_view::npos ? c : ' ';
    ++i;
    return;
  }
  std::size_t end = i;
  while (end < s.size() && is_letter(s[end])) ++end;
  const std::string_view name = s.substr(i, end - i);
  i = end;
  if (name.size() == 1 && std::string_view("cvuHrk").find(name[0]) != std::string_view::npos &&
      i < s.size() && (s[i] == '{' || s[i] == ' ')) {
    out += compose(name[0], accent_argument(s, i));
    return;
  }
  for (const Named& n : kNamed) {
    if (n.name == name) {
      out += n.text;
      return;
    }
  }
  if (std::find(kStyles.begin(), kStyles.end(), name) != kStyles.end())
    return;
  out += name;  // an unknown command: its name is the best plain text there is
}

/// Runs of white space made one space, trimmed.
std::string collapse_spaces(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space)
      out += ' ';
    space = false;
    out += c;
  }
  return out;
}

/// Case folded, accents folded, punctuation made spaces, collapsed.
std::string comparable(std::string_view plain) {
  std::string out;
  for (std::size_t i = 0; i < plain.size();) {
    const auto c = static_cast<unsigned char>(plain[i]);
    if (c < 0x80) {
      out += std::isalnum(c) != 0 ? static_cast<char>(std::tolower(c)) : ' ';
      ++i;
      continue;
    }
    const std::string_view cp = plain.substr(i, utf8_length(c));
    i += cp.size();
    if (std::find(kPunctuation.begin(), kPunctuation.end(), cp) != kPunctuation.end()) {
      out += ' ';
    } else if (const std::string_view f = fold(cp); !f.empty()) {
      out += text::to_lower_ascii(f);
    } else {
      out += cp;
    }
  }
  return collapse_spaces(out);
}

}  // namespace

std::string latex_to_text(std::string_view latex) {
  std::string out;
  bool math = false;
  for (std::size_t i = 0; i < latex.size();) {
    const char c = latex[i];
    if (c == '\\') {
      ++i;
      latex_command(latex, i, out);
      continue;
    }
    if (c == '$')
      math = !math;
    else if (c == '~')
      out += ' ';
    // Sub- and superscript markers in math are layout, not text: $\ell_\infty$ reads "ℓ∞".
    else if (c != '{' && c != '}' && !(math && (c == '_' || c == '^')))
      out += c;
    ++i;
  }
  return collapse_spaces(out);
}

std::string comparable_title(std::string_view title) {
  return comparable(latex_to_text(title));
}

std::string family_name(std::string_view name) {
  const std::string plain = comparable(latex_to_text(name));
  std::vector<std::string_view> words = text::split(plain, " ");
  // "Jr." and the like follow the family name.
  while (words.size() > 1 && (words.back() == "jr" || words.back() == "sr" ||
                              words.back() == "ii" || words.back() == "iii")) {
    words.pop_back();
  }
  return words.empty() ? std::string() : std::string(words.back());
}

std::vector<std::string> split_authors(std::string_view authors, bool& abbreviated) {
  abbreviated = false;
  std::string line(text::trim(authors));
  while (!line.empty() && (line.back() == '.' || line.back() == ',' || line.back() == ' '))
    line.pop_back();
  std::vector<std::string> names;
  std::string current;
  auto flush = [&] {
    const std::string_view name = text::trim(current);
    if (!name.empty())
      names.emplace_back(name);
    current.clear();
  };
  for (std::string_view part : text::split(line, ",")) {
    std::string_view p = text::trim(part);
    if (text::istarts_with(p, "and "))
      p = text::trim(p.substr(4));
    // "A and B", "A & B": two names.
    for (std::string_view sep : {" and ", " & "}) {
      if (auto at = p.find(sep); at != std::string_view::npos) {
        current = p.substr(0, at);
        flush();
        p = text::trim(p.substr(at + sep.size()));
      }
    }
    if (text::istarts_with(p, "et al") || p == "..." || p == "…") {
      abbreviated = true;
      break;
    }
    // "Martin Luther King, Jr.": a suffix after a comma belongs to the name before it.
    const std::string suffix =
        text::to_lower_ascii(p.ends_with(".") ? p.substr(0, p.size() - 1) : p);
    if (!names.empty() && (suffix == "jr" || suffix == "sr" || suffix == "ii" || suffix == "iii")) {
      names.back() += ", " + std::string(p);
      continue;
    }
    if (auto at = p.find(" et al"); at != std::string_view::npos) {
      current = p.substr(0, at);
      flush();
      abbreviated = true;
      break;
    }
    current = p;
    flush();
  }
  return names;
}

std::string list_title(std::string_view arxiv_title) {
  std::string title = latex_to_text(arxiv_title);
  if (!title.empty() && title.back() != '.' && title.back() != '?' && title.back() != '!')
    title += '.';
  return title;
}

std::string first_sentence(std::string_view summary) {
  std::string plain = latex_to_text(summary);
  // A sentence ends at ". " before a capital letter or a digit: "e.g. the" goes on.
  for (std::size_t i = 0; i + 2 < plain.size(); ++i) {
    if (plain[i] == '.' && plain[i + 1] == ' ' &&
        (std::isupper(static_cast<unsigned char>(plain[i + 2])) != 0 ||
         std::isdigit(static_cast<unsigned char>(plain[i + 2])) != 0)) {
      return plain.substr(0, i + 1);
    }
  }
  return plain;
}

}  // namespace awesome::rules
