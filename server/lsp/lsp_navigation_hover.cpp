// LspServer: textDocument/hover, in Markdown. On an arXiv link: the id, its month, links to the
// abstract and the PDF, and where else the paper appears (or that it has no duplicate); on a key
// word: how often and in which categories it is used; on a venue: its full name from the venue
// catalog.
#include <algorithm>

#include "rules/queries.hpp"
#include "rules/venues.hpp"
#include "server/lsp/lsp_server.hpp"

namespace awesome::server {

using nlohmann::json;
using rules::Model;

namespace {

constexpr std::size_t kListedPlaces = 10;  // more occurrences are summed up

/// "line 120 (Privacy: 2022)", 1-based as editors show lines.
std::string place(const Model& m, const rules::Entry& e) {
  std::string text = "line " + std::to_string(e.first_line + 1);
  if (e.section < m.sections.size())
    text += " (" + m.sections[e.section].title + ")";
  return text;
}

std::string arxiv_hover(const Model& m, const rules::Target& target, const rules::ArxivId& id) {
  std::string text = "**arXiv " + id.id + "**";
  if (const std::string month = rules::arxiv_month(id); !month.empty())
    text += " · " + month;
  text += " · [abstract](https://arxiv.org/abs/" + id.id + ") · [PDF](https://arxiv.org/pdf/" +
          id.id + ")";
  std::vector<std::string> others;
  std::size_t count = 0;
  for (const auto& o : rules::arxiv_occurrences(m, id)) {
    if (o.entry == target.entry && o.index == target.index)
      continue;
    if (++count <= kListedPlaces)
      others.push_back(place(m, m.entries[o.entry]));
  }
  if (count == 0)
    return text + "\n\nNo duplicate in this list.";
  text += "\n\nAlso at ";
  for (std::size_t i = 0; i < others.size(); ++i) text += (i > 0 ? ", " : "") + others[i];
  if (count > others.size())
    text += " and " + std::to_string(count - others.size()) + " more";
  return text + ".";
}

std::string keyword_hover(const Model& m, const std::string& phrase) {
  // (category section or SIZE_MAX, uses) in order of first use.
  std::vector<std::pair<std::size_t, std::size_t>> categories;
  const auto occurrences = rules::keyword_occurrences(m, phrase);
  for (const auto& o : occurrences) {
    const std::size_t c = rules::category_of(m, m.entries[o.entry].section);
    auto it = std::find_if(categories.begin(), categories.end(),
                           [&](const auto& p) { return p.first == c; });
    if (it == categories.end()) {
      categories.emplace_back(c, 1);
    } else {
      ++it->second;
    }
  }
  std::stable_sort(categories.begin(), categories.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  const auto name = [&](std::size_t c) {
    return c == SIZE_MAX ? std::string("no category") : m.sections[c].title;
  };
  std::string text = "**Key word** `" + phrase + "`\n\n";
  if (occurrences.size() == 1)
    return text + "Used once, in " + name(categories[0].first) + ".";
  text += "Used " + std::to_string(occurrences.size()) + " times in " +
          std::to_string(categories.size()) +
          (categories.size() == 1 ? " category: " : " categories: ");
  for (std::size_t i = 0; i < categories.size(); ++i) {
    text += (i > 0 ? ", " : "") + name(categories[i].first) + " (" +
            std::to_string(categories[i].second) + ")";
  }
  return text + ".";
}

std::string_view kind_name(rules::VenueKind kind) {
  switch (kind) {
    case rules::VenueKind::kConference:
      return "conference";
    case rules::VenueKind::kJournal:
      return "journal";
    case rules::VenueKind::kWorkshop:
      return "workshop";
    case rules::VenueKind::kPreprint:
      return "preprint server";
    case rules::VenueKind::kOther:
      return "";
  }
  return "";
}

std::string venue_hover(const rules::Venue& venue, const rules::Config& config) {
  const rules::VenueCatalog catalog(config.venues);
  const rules::VenueEntry* known = catalog.find(venue.name);
  if (known == nullptr)
    return "`" + venue.text + "` is not in the venue catalog.";
  std::string text = "**" + known->name;
  if (venue.year)
    text += " " + std::to_string(*venue.year);
  text += "** · " + known->full_name;
  if (const auto kind = kind_name(known->kind); !kind.empty())
    text += " (" + std::string(kind) + ")";
  return text;
}

}  // namespace

LspServer::Reply LspServer::on_hover(const lsp::TextDocumentPositionParams& params) {
  return at_position(
      params.textDocument, params.position, nullptr, [&](const DocumentPosition& at) -> Reply {
        const Model& m = at.model;
        const rules::Target& target = at.target;
        std::string text;
        if (target.kind == rules::TargetKind::kLink) {
          if (auto id = rules::link_arxiv(m.entries[target.entry].links[target.index])) {
            text = arxiv_hover(m, target, *id);
          }
        } else if (target.kind == rules::TargetKind::kKeyword) {
          text = keyword_hover(m, m.entries[target.entry].keywords[target.index].text);
        } else if (target.kind == rules::TargetKind::kVenue) {
          text = venue_hover(*m.entries[target.entry].venue, at.doc.list.config());
        }
        if (text.empty())
          return json(nullptr);
        return json(lsp::Hover{{"markdown", std::move(text)},
                               to_lsp_range(at.doc.list, target.range, store_.encoding())});
      });
}

}  // namespace awesome::server
