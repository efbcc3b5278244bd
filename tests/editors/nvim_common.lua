-- Helpers shared by the headless Neovim client scripts (loaded with dofile).
local M = {}

--- Ends Neovim with exit code 1 after printing `message`.
function M.fail(message)
  io.stderr:write('FAIL: ' .. message .. '\n')
  vim.cmd('cquit! 1')
end

--- The rule id of a vim.diagnostic item (Neovim 0.7 keeps it in user_data.lsp).
function M.code_of(d)
  if d.code ~= nil then return d.code end
  local lsp = d.user_data and d.user_data.lsp
  return lsp and lsp.code
end

return M
