-- Drives headless Neovim (0.7+) as a real LSP client of `awesome-ls serve` through the editing
-- features: applies the quick fix of a diagnostic, then completes a key word after `Key Word: `
-- and a venue after `*`, applying each item's textEdit and checking the buffer text.
-- Inputs (environment): AWESOME_BINARY, LIST_FILE, EXPECT_KEYWORD_LINE (0-based line of the
-- `Key Work:` label, whose author line is the one above). Exit code 0 on success, 1 on failure.

local binary = os.getenv('AWESOME_BINARY')
local file = os.getenv('LIST_FILE')
local keyword_line = tonumber(os.getenv('EXPECT_KEYWORD_LINE'))
local author_line = keyword_line - 1

local common = dofile(vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':h') ..
  '/nvim_common.lua')
local fail, code_of = common.fail, common.code_of

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()
vim.bo[bufnr].filetype = 'markdown'

local client_id = vim.lsp.start_client({
  name = 'awesome-ls',
  cmd = { binary, 'serve' },
  root_dir = vim.fn.fnamemodify(file, ':p:h'),
  flags = { debounce_text_changes = 0 },
})
if not client_id then fail('vim.lsp.start_client failed') end
vim.lsp.buf_attach_client(bufnr, client_id)
local client = vim.lsp.get_client_by_id(client_id)

local function line_text(line)
  return vim.api.nvim_buf_get_lines(bufnr, line, line + 1, true)[1]
end

local function request(method, params)
  local responses, err = vim.lsp.buf_request_sync(bufnr, method, params, 20000)
  if not responses then fail(method .. ': ' .. tostring(err)) end
  local response = responses[client_id]
  if not response or response.err or response.error then fail(method .. ': ' .. vim.inspect(response)) end
  return response.result
end

local uri = vim.uri_from_bufnr(bufnr)

-- 1. The quick fix of keyword-label, as the editor's code action menu would apply it.
local label = nil
vim.wait(30000, function()
  for _, d in ipairs(vim.diagnostic.get(bufnr, { lnum = keyword_line })) do
    if code_of(d) == 'keyword-label' then label = d end
  end
  return label ~= nil
end, 50)
if label == nil then fail('no keyword-label diagnostic on line ' .. keyword_line) end
-- The diagnostic as the server sent it: Neovim 0.7 keeps code and data in user_data.lsp and
-- the range in byte columns (the same as UTF-16 on this ASCII line).
local lsp_diagnostic = vim.tbl_extend('force', (label.user_data and label.user_data.lsp) or {}, {
  range = {
    start = { line = label.lnum, character = label.col },
    ['end'] = { line = label.end_lnum, character = label.end_col },
  },
  message = label.message,
  severity = label.severity,
  source = label.source,
  code = 'keyword-label',
})

local actions = request('textDocument/codeAction', {
  textDocument = { uri = uri },
  range = lsp_diagnostic.range,
  context = { diagnostics = { lsp_diagnostic }, only = { 'quickfix' } },
})
local fix = nil
for _, action in ipairs(actions or {}) do
  if action.kind == 'quickfix' and action.edit and action.diagnostics
      and action.diagnostics[1] and action.diagnostics[1].code == 'keyword-label' then
    fix = action -- the rule's own fix comes first, before fix all of the rule and disable
    break
  end
end
if fix == nil then fail('no quick fix for keyword-label: ' .. vim.inspect(actions)) end
vim.lsp.util.apply_workspace_edit(fix.edit, client.offset_encoding)
local fixed_line = line_text(keyword_line)
if fixed_line ~= '  - Key Word: Neural Network Watermarking.' then
  fail('after the quick fix the line reads: ' .. fixed_line)
end
local cleared = vim.wait(30000, function()
  for _, d in ipairs(vim.diagnostic.get(bufnr, { lnum = keyword_line })) do
    if code_of(d) == 'keyword-label' then return false end
  end
  return true
end, 50)
if not cleared then fail('keyword-label still reported after its quick fix') end

-- 2. Key word completion: the list's most used phrase starting with the typed prefix.
local function complete_and_apply(line, wanted_label)
  local text = line_text(line)
  local result = request('textDocument/completion', {
    textDocument = { uri = uri },
    position = { line = line, character = #text },
  })
  local items = result and (result.items or result) or {}
  if #items == 0 then fail('no completion items at the end of: ' .. text) end
  table.sort(items, function(a, b) return (a.sortText or a.label) < (b.sortText or b.label) end)
  if items[1].label ~= wanted_label then
    fail('first completion at "' .. text .. '" is ' .. items[1].label .. ', expected ' .. wanted_label)
  end
  if not items[1].textEdit then fail('completion item has no textEdit') end
  vim.lsp.util.apply_text_edits({ items[1].textEdit }, bufnr, client.offset_encoding)
  return line_text(line)
end

vim.api.nvim_buf_set_lines(bufnr, keyword_line, keyword_line + 1, true, { '  - Key Word: Adv' })
local completed = complete_and_apply(keyword_line, 'Adversarial Robustness')
if completed ~= '  - Key Word: Adversarial Robustness' then
  fail('after key word completion the line reads: ' .. completed)
end

-- 3. Venue completion after '*': the year comes from the entry's arXiv id (September 2019).
local authors = line_text(author_line)
local star = authors:find('*', 1, true)
if star == nil then fail('no venue on the author line: ' .. authors) end
vim.api.nvim_buf_set_lines(bufnr, author_line, author_line + 1, true, { authors:sub(1, star) .. 'Neur' })
completed = complete_and_apply(author_line, 'NeurIPS')
if completed ~= authors then fail('after venue completion the line reads: ' .. completed) end

print('ok: quick fix applied, key word and venue completed')
vim.lsp.stop_client(client_id)
vim.wait(5000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 50)
vim.cmd('qall!')
