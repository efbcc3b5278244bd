// The venue catalog: the built-in list of conferences and journals (rules/data/venues.tsv,
// compiled in) plus venues from the configuration, looked up by name or alias.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "rules/config.hpp"

namespace awesome::rules {

enum class VenueKind : std::uint8_t { kConference, kJournal, kWorkshop, kPreprint, kOther };

struct VenueEntry {
  std::string name;
  std::string full_name;
  std::vector<std::string> aliases;
  VenueKind kind = VenueKind::kConference;
  std::vector<std::string> variants;  ///< spellings as right as `name` ("EMNLP Findings")
  /// Whether `spelling` is the name or a variant, ignoring spaces and '-' but not case.
  bool accepts(std::string_view spelling) const;
};

class VenueCatalog {
 public:
  /// The built-in catalog plus `extra` (extra venues win over built-in ones of the same name).
  explicit VenueCatalog(const std::vector<VenueSpec>& extra = {});
  /// The venue whose name or alias equals `name` ignoring case, spaces, '-' and '.'; or null.
  const VenueEntry* find(std::string_view name) const;
  const std::vector<VenueEntry>& all() const { return venues_; }

 private:
  std::vector<VenueEntry> venues_;
  std::unordered_map<std::string, std::size_t> index_;  ///< folded spelling -> venue
};

/// Folds a venue spelling for lookup: lowercase, without spaces, '-', '.' and '_'.
std::string fold_venue(std::string_view name);

}  // namespace awesome::rules
