#include "server/lsp/position_convert.hpp"

namespace awesome::server {

using protocol::PositionEncoding;

rules::Position to_byte_position(const rules::ListDocument& list, lsp::Position pos,
                                 PositionEncoding encoding) {
  std::uint32_t lines = list.line_count();
  if (lines == 0)
    return {};
  if (pos.line >= lines) {
    std::uint32_t last = lines - 1;
    return {last, static_cast<std::uint32_t>(list.line(last).size())};
  }
  return {pos.line, protocol::to_byte_column(list.line(pos.line), pos.character, encoding)};
}

lsp::Position to_lsp_position(const rules::ListDocument& list, rules::Position pos,
                              PositionEncoding encoding) {
  std::uint32_t lines = list.line_count();
  if (lines == 0)
    return {};
  if (pos.line >= lines) {
    std::uint32_t last = lines - 1;
    return {last, protocol::column_count(list.line(last), encoding)};
  }
  return {pos.line, protocol::from_byte_column(list.line(pos.line), pos.column, encoding)};
}

lsp::Range to_lsp_range(const rules::ListDocument& list, rules::Range range,
                        PositionEncoding encoding) {
  lsp::Position start = to_lsp_position(list, range.start, encoding);
  if (range.end == range.start)
    return {start, start};
  return {start, to_lsp_position(list, range.end, encoding)};
}

}  // namespace awesome::server
