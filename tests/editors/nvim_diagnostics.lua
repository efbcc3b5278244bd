-- Drives headless Neovim (0.7+) as a real LSP client of `awesome-ls serve`: opens a corpus
-- list, checks that the expected diagnostics arrive at the right places, edits the buffer
-- (incremental didChange) and checks the fixed diagnostic goes away.
-- Inputs (environment): AWESOME_BINARY, LIST_FILE, EXPECT_HEADING_LINE, EXPECT_KEYWORD_LINE
-- (0-based line numbers computed by the runner). Exit code 0 on success, 1 on failure.

local binary = os.getenv('AWESOME_BINARY')
local file = os.getenv('LIST_FILE')
local heading_line = tonumber(os.getenv('EXPECT_HEADING_LINE'))
local keyword_line = tonumber(os.getenv('EXPECT_KEYWORD_LINE'))

local common = dofile(vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':h') ..
  '/nvim_common.lua')
local fail, code_of = common.fail, common.code_of

local function find(diagnostics, code, line)
  for _, d in ipairs(diagnostics) do
    if code_of(d) == code and d.lnum == line then return d end
  end
  return nil
end

local function describe(diagnostics)
  local parts = {}
  for _, d in ipairs(diagnostics) do
    table.insert(parts, string.format('%d:%d %s', d.lnum, d.col, tostring(code_of(d))))
  end
  return table.concat(parts, ', ')
end

vim.cmd('filetype on')
vim.cmd('edit ' .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()
vim.bo[bufnr].filetype = 'markdown'

local client_id = vim.lsp.start_client({
  name = 'awesome-ls',
  cmd = { binary, 'serve' },
  root_dir = vim.fn.fnamemodify(file, ':p:h'),
})
if not client_id then fail('vim.lsp.start_client failed') end
vim.lsp.buf_attach_client(bufnr, client_id)

local arrived = vim.wait(30000, function()
  return find(vim.diagnostic.get(bufnr), 'heading-hierarchy', heading_line) ~= nil
end, 50)
local diagnostics = vim.diagnostic.get(bufnr)
if not arrived then
  fail('no heading-hierarchy diagnostic on line ' .. heading_line .. '; got: ' .. describe(diagnostics))
end

local label = find(diagnostics, 'keyword-label', keyword_line)
if label == nil then fail('no keyword-label on line ' .. keyword_line .. ': ' .. describe(diagnostics)) end
if label.col ~= 4 then fail('keyword-label starts at column ' .. label.col .. ', expected 4') end
if label.severity ~= vim.diagnostic.severity.ERROR then fail('keyword-label is not an error') end
if label.source ~= 'awesome-ls' then fail('source is ' .. tostring(label.source)) end

-- Fix the label in the buffer; Neovim sends an incremental didChange.
vim.api.nvim_buf_set_text(bufnr, keyword_line, 4, keyword_line, 13, { 'Key Word:' })
local fixed = vim.wait(30000, function()
  return find(vim.diagnostic.get(bufnr), 'keyword-label', keyword_line) == nil
end, 50)
if not fixed then fail('keyword-label still reported after the fix') end
if find(vim.diagnostic.get(bufnr), 'heading-hierarchy', heading_line) == nil then
  fail('heading-hierarchy vanished after an unrelated edit')
end

print(string.format('ok: %d diagnostics, heading-hierarchy at %d, keyword-label at %d fixed',
  #diagnostics, heading_line, keyword_line))
vim.lsp.stop_client(client_id)
vim.wait(5000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 50)
vim.cmd('qall!')
