// Conversion between the byte positions rules/ counts in and LSP positions in the negotiated
// encoding, clamped to the document. Knows nothing of the store or of publication.
#pragma once

#include "protocol/lsp_types.hpp"
#include "protocol/position_encoding.hpp"
#include "rules/list_document.hpp"

namespace awesome::server {

/// Byte position in `list` of the LSP position `pos`: a line past the end clamps to the end of
/// the document, a character past the end of its line to the line's end.
rules::Position to_byte_position(const rules::ListDocument& list, lsp::Position pos,
                                 protocol::PositionEncoding encoding);
/// LSP position of the byte position `pos` (clamped the same way).
lsp::Position to_lsp_position(const rules::ListDocument& list, rules::Position pos,
                              protocol::PositionEncoding encoding);
lsp::Range to_lsp_range(const rules::ListDocument& list, rules::Range range,
                        protocol::PositionEncoding encoding);

}  // namespace awesome::server
