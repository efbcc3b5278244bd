#include "rules/venues.hpp"

#include <algorithm>

#include "rules/text_util.hpp"

namespace awesome::rules {

extern const std::string_view kVenueCatalogData;

namespace {

VenueKind parse_kind(std::string_view word) {
  if (word == "journal")
    return VenueKind::kJournal;
  if (word == "workshop")
    return VenueKind::kWorkshop;
  if (word == "preprint")
    return VenueKind::kPreprint;
  if (word == "other")
    return VenueKind::kOther;
  return VenueKind::kConference;
}

std::vector<VenueEntry> parse_catalog(std::string_view data) {
  std::vector<VenueEntry> out;
  for (std::string_view line : text::split(data, "\n")) {
    if (line.empty() || line[0] == '#')
      continue;
    auto fields = text::split(line, "\t");
    if (fields.size() < 2)
      continue;
    VenueEntry v;
    v.name = std::string(text::trim(fields[0]));
    v.full_name = std::string(text::trim(fields[1]));
    if (fields.size() > 2) {
      for (std::string_view alias : text::split(fields[2], "|")) {
        if (!text::trim(alias).empty())
          v.aliases.emplace_back(text::trim(alias));
      }
    }
    if (fields.size() > 3)
      v.kind = parse_kind(text::trim(fields[3]));
    if (fields.size() > 4) {
      for (std::string_view variant : text::split(fields[4], "|")) {
        if (!text::trim(variant).empty())
          v.variants.emplace_back(text::trim(variant));
      }
    }
    out.push_back(std::move(v));
  }
  return out;
}

const std::vector<VenueEntry>& builtin() {
  static const std::vector<VenueEntry> venues = parse_catalog(kVenueCatalogData);
  return venues;
}

}  // namespace

std::string fold_venue(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  for (char c : name) {
    if (c == ' ' || c == '-' || c == '.' || c == '_' || c == '\'')
      continue;
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return out;
}

VenueCatalog::VenueCatalog(const std::vector<VenueSpec>& extra) {
  venues_ = builtin();
  for (const VenueSpec& spec : extra) {
    VenueEntry v{spec.name, spec.full_name, spec.aliases, VenueKind::kConference, {}};
    bool replaced = false;
    for (auto& existing : venues_) {
      if (fold_venue(existing.name) == fold_venue(spec.name)) {
        existing = v;
        replaced = true;
      }
    }
    if (!replaced)
      venues_.push_back(std::move(v));
  }
  for (std::size_t i = 0; i < venues_.size(); ++i) {
    index_.emplace(fold_venue(venues_[i].name), i);
    index_.emplace(fold_venue(venues_[i].full_name), i);
    for (const auto& alias : venues_[i].aliases) index_.emplace(fold_venue(alias), i);
    for (const auto& variant : venues_[i].variants) index_.emplace(fold_venue(variant), i);
  }
}

bool VenueEntry::accepts(std::string_view spelling) const {
  auto squeeze = [](std::string_view s) {
    std::string out;
    for (char c : s) {
      if (c != ' ' && c != '-')
        out.push_back(c);
    }
    return out;
  };
  const std::string wanted = squeeze(spelling);
  if (wanted == squeeze(name))
    return true;
  return std::any_of(variants.begin(), variants.end(),
                     [&](const std::string& v) { return squeeze(v) == wanted; });
}

const VenueEntry* VenueCatalog::find(std::string_view name) const {
  auto it = index_.find(fold_venue(name));
  return it == index_.end() ? nullptr : &venues_[it->second];
}

}  // namespace awesome::rules
