// file:// URIs to paths and the settings section of a client's settings object.
#include "server/lsp/session_config.hpp"

#include <doctest/doctest.h>

using awesome::server::file_uri_to_path;
using awesome::server::settings_section;
using nlohmann::json;

TEST_CASE("file URIs are percent-decoded, other schemes and hosts are refused") {
  CHECK(file_uri_to_path("file:///home/u/My%20Lists/a.md") == "/home/u/My Lists/a.md");
  CHECK(file_uri_to_path("FILE:///w") == "/w");
  CHECK(file_uri_to_path("file://localhost/w/x") == "/w/x");
  CHECK(file_uri_to_path("file:///J%C3%B6rn") == "/Jörn");
  CHECK_FALSE(file_uri_to_path("file://server/share"));
  CHECK_FALSE(file_uri_to_path("untitled:Untitled-1"));
  CHECK_FALSE(file_uri_to_path("file:///bad%2"));
  CHECK_FALSE(file_uri_to_path("file:///bad%zz"));
}

TEST_CASE("the settings section is settings.awesomeLs or the object itself") {
  CHECK(settings_section(json{{"awesomeLs", {{"rules", json::object()}}}}) ==
        json{{"rules", json::object()}});
  CHECK(settings_section(json{{"rules", {{"whitespace", "off"}}}}) ==
        json{{"rules", {{"whitespace", "off"}}}});
  CHECK(settings_section(nullptr) == json::object());
  CHECK(settings_section(json{{"awesomeLs", nullptr}}) == json::object());
}
