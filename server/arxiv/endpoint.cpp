#include "server/arxiv/endpoint.hpp"

#include <algorithm>
#include <cstdlib>

#include "rules/text_util.hpp"

namespace awesome::server::arxiv {

namespace {

std::string env(const char* upper, const char* lower) {
  if (const char* v = std::getenv(upper); v && v[0] != '\0')
    return v;
  if (const char* v = std::getenv(lower); v && v[0] != '\0')
    return v;
  return {};
}

bool all_digits(std::string_view s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

}  // namespace

bool is_loopback(std::string_view host) {
  const std::string h = rules::text::to_lower_ascii(host);
  if (h == "localhost" || h.ends_with(".localhost") || h == "::1")
    return true;
  // 127.0.0.0/8 written as a dotted quad.
  const auto parts = rules::text::split(h, ".");
  return parts.size() == 4 && parts[0] == "127" &&
         std::all_of(parts.begin(), parts.end(), [](auto p) { return all_digits(p); });
}

EndpointParse parse_endpoint(std::string_view url) {
  EndpointParse out;
  Endpoint e;
  std::string_view rest;
  if (rules::text::istarts_with(url, "https://")) {
    rest = url.substr(8);
  } else if (rules::text::istarts_with(url, "http://")) {
    e.tls = false;
    rest = url.substr(7);
  } else {
    out.error = "the arXiv URL '" + std::string(url) + "' is not an http:// or https:// URL";
    return out;
  }
  const std::size_t slash = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, slash);
  std::string_view path = slash == std::string_view::npos ? "/" : rest.substr(slash);
  if (path.find_first_of("?#") != std::string_view::npos ||
      authority.find('@') != std::string_view::npos) {
    out.error = "the arXiv URL '" + std::string(url) + "' must not carry a query or a user";
    return out;
  }
  e.port = e.tls ? "443" : "80";
  if (authority.starts_with("[")) {  // [::1]:8123
    const std::size_t close = authority.find(']');
    if (close == std::string_view::npos) {
      out.error = "the arXiv URL '" + std::string(url) + "' has an unclosed [";
      return out;
    }
    e.host = authority.substr(1, close - 1);
    authority.remove_prefix(close + 1);
    if (authority.starts_with(":"))
      e.port = authority.substr(1);
  } else if (const std::size_t colon = authority.rfind(':'); colon != std::string_view::npos) {
    e.host = authority.substr(0, colon);
    e.port = authority.substr(colon + 1);
  } else {
    e.host = authority;
  }
  if (e.host.empty() || !all_digits(e.port)) {
    out.error = "the arXiv URL '" + std::string(url) + "' has no host or a bad port";
    return out;
  }
  if (!e.tls && !is_loopback(e.host)) {
    out.error = "the arXiv URL '" + std::string(url) +
                "' is plain http to a host that is not loopback; use https";
    return out;
  }
  e.path = path;
  out.endpoint = std::move(e);
  return out;
}

std::string api_url(std::string_view configured) {
  if (const char* v = std::getenv("AWESOME_LS_ARXIV_URL"); v && v[0] != '\0')
    return v;
  return configured.empty() ? std::string(kDefaultApiUrl) : std::string(configured);
}

bool no_proxy_matches(std::string_view no_proxy, std::string_view host) {
  const std::string h = rules::text::to_lower_ascii(host);
  for (std::string_view item : rules::text::split(no_proxy, ",")) {
    std::string rule = rules::text::to_lower_ascii(rules::text::trim(item));
    if (rule.empty())
      continue;
    if (rule == "*")
      return true;
    if (const auto colon = rule.find(':');
        colon != std::string::npos && rule.find(':', colon + 1) == std::string::npos)
      rule.resize(colon);  // a port: the host part decides
    if (rule.starts_with("*."))
      rule.erase(0, 1);
    if (h == rule || (rule.starts_with(".") && h.ends_with(rule)) ||
        (!rule.starts_with(".") && h.ends_with("." + rule))) {
      return true;
    }
  }
  return false;
}

std::optional<Endpoint> proxy_for(const Endpoint& target, std::string& error) {
  if (is_loopback(target.host))
    return std::nullopt;
  const std::string proxy =
      target.tls ? env("HTTPS_PROXY", "https_proxy") : env("HTTP_PROXY", "http_proxy");
  if (proxy.empty() || no_proxy_matches(env("NO_PROXY", "no_proxy"), target.host))
    return std::nullopt;
  // A proxy is named as a URL, often without its scheme ("proxy:3128"); its own link is http.
  std::string url = proxy;
  if (url.find("://") == std::string::npos)
    url = "http://" + url;
  if (!rules::text::istarts_with(url, "http://")) {
    error = "the proxy '" + proxy + "' is not an http:// proxy";
    return std::nullopt;
  }
  std::string_view rest = std::string_view(url).substr(7);
  rest = rest.substr(0, rest.find('/'));
  if (rest.find('@') != std::string_view::npos) {
    error = "the proxy '" + proxy + "' carries a user name, which is not supported";
    return std::nullopt;
  }
  Endpoint p;
  p.tls = false;
  p.port = "80";
  if (const auto colon = rest.rfind(':');
      colon != std::string_view::npos && rest.find(']') == std::string_view::npos) {
    p.host = rest.substr(0, colon);
    p.port = rest.substr(colon + 1);
  } else {
    p.host = rest;
  }
  if (p.host.empty() || !all_digits(p.port)) {
    error = "the proxy '" + proxy + "' has no host or a bad port";
    return std::nullopt;
  }
  p.path = "/";
  return p;
}

}  // namespace awesome::server::arxiv
