// Byte-level layout of a list file that `check --fix` must keep: the UTF-8 byte order mark,
// the line-ending style (LF or CRLF) and whether the file ends in a line break. The rules see
// the text without the BOM; the fixed text gets the original layout back before it is written.
#pragma once

#include <string>
#include <string_view>

namespace awesome::server {

inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

/// True when `text` starts with the UTF-8 BOM.
bool has_bom(std::string_view text);
/// `text` without a leading BOM.
std::string_view strip_bom(std::string_view text);

/// `fixed` with the layout of `original` (both without BOM): when every line break of
/// `original` is CRLF, lone LFs in `fixed` become CRLF; a final line break is added or removed
/// so that `fixed` ends like `original`. Mixed line endings are left as they are.
std::string restore_layout(std::string_view original, std::string fixed);

}  // namespace awesome::server
