# Writes INPUT into OUTPUT as a C++ string constant (awesome::rules::kVenueCatalogData).
file(READ ${INPUT} content)
set(delim "awesome_venues")
file(WRITE ${OUTPUT}
  "// Generated from rules/data/venues.tsv; do not edit.\n"
  "#include <string_view>\n"
  "namespace awesome::rules {\n"
  "extern const std::string_view kVenueCatalogData;\n"
  "const std::string_view kVenueCatalogData = R\"${delim}(${content})${delim}\";\n"
  "}  // namespace awesome::rules\n")
