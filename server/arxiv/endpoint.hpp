// Where requests to arXiv go: the base URL (config `arxiv.url`, env AWESOME_LS_ARXIV_URL, or the
// real API) split into scheme, host, port and path; plain http only to a loopback host; and the
// proxy that HTTPS_PROXY and NO_PROXY name for it. Pure functions of their inputs.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace awesome::server::arxiv {

inline constexpr std::string_view kDefaultApiUrl = "https://export.arxiv.org/api/query";

struct Endpoint {
  bool tls = true;
  std::string host;  ///< without brackets for IPv6
  std::string port;  ///< "443", "80" or as given
  std::string path;  ///< "/api/query"
  bool operator==(const Endpoint&) const = default;
};

struct EndpointParse {
  std::optional<Endpoint> endpoint;
  std::string error;
};

/// Whether `host` is a loopback name or address: localhost, 127.0.0.0/8, ::1.
bool is_loopback(std::string_view host);
/// Parses an `http://` or `https://` URL without query or user part. `http://` is refused for
/// a host that is not loopback: the ids of a list go nowhere in clear text.
EndpointParse parse_endpoint(std::string_view url);
/// The API's base URL: AWESOME_LS_ARXIV_URL when set, else `configured` when not empty, else
/// the real API.
std::string api_url(std::string_view configured);

/// Whether NO_PROXY (a comma-separated list of host names, `.domain` suffixes, `*`) exempts
/// `host`.
bool no_proxy_matches(std::string_view no_proxy, std::string_view host);
/// The HTTP proxy to tunnel (CONNECT) a request to `target` through: HTTPS_PROXY (or
/// https_proxy) for https, HTTP_PROXY (http_proxy) for http, unless NO_PROXY (no_proxy) exempts
/// the host; loopback hosts never go through a proxy. An unreadable proxy URL sets `error`.
std::optional<Endpoint> proxy_for(const Endpoint& target, std::string& error);

}  // namespace awesome::server::arxiv
