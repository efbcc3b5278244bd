-- Runs the Neovim 0.7 snippets of docs/editors.md exactly as written (every ```lua block of the
-- "Neovim 0.7" section) in headless Neovim, so the guide cannot drift from what is tested:
-- 1. without `awesome-ls` on the PATH, opening a Markdown file gives one clear notification
--    and no error;
-- 2. with it, the documented `settings` reach the server before the first diagnostics
--    (whitespace off: none of the list's trailing spaces is reported);
-- 3. changed settings sent as the guide says (didChangeConfiguration with the client's
--    settings) re-check the list: keyword-label turned into a warning, then off;
-- 4. the documented fix-all key (<leader>cf) formats the buffer on this version.
-- Inputs (environment): AWESOME_BIN_DIR (a folder holding `awesome-ls`), EMPTY_BIN_DIR (a
-- folder without it), DOC_FILE, LIST_FILE, LIST_FILE_2 (another copy of the list),
-- EXPECT_KEYWORD_LINE. Exit code 0 on success, 1 on failure.

local bin_dir = os.getenv('AWESOME_BIN_DIR')
local empty_dir = os.getenv('EMPTY_BIN_DIR')
local doc_file = os.getenv('DOC_FILE')
local file = os.getenv('LIST_FILE')
local file2 = os.getenv('LIST_FILE_2')
local keyword_line = tonumber(os.getenv('EXPECT_KEYWORD_LINE'))

local common = dofile(vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':h') ..
  '/nvim_common.lua')
local fail, code_of = common.fail, common.code_of

-- The Lua blocks of the guide's "## Neovim 0.7" section, in order.
local function doc_snippets(path, section)
  local blocks, current, inside = {}, nil, false
  for line in io.lines(path) do
    if line:match('^## ') then inside = line:find(section, 1, true) == 4 end
    if inside then
      if current == nil and line == '```lua' then
        current = {}
      elseif current ~= nil and line == '```' then
        table.insert(blocks, table.concat(current, '\n'))
        current = nil
      elseif current ~= nil then
        table.insert(current, line)
      end
    end
  end
  return blocks
end

-- The section's blocks: init.lua (the autocmd), the keys, and the settings change at run time.
local snippets, change_snippet = {}, nil
for _, code in ipairs(doc_snippets(doc_file, 'Neovim 0.7')) do
  if code:find('nvim_create_autocmd', 1, true) or code:find('vim.keymap.set', 1, true) then
    table.insert(snippets, code)
  elseif code:find('didChangeConfiguration', 1, true) then
    change_snippet = code
  end
end
if #snippets ~= 2 or not change_snippet then
  fail('expected the init.lua, key and settings-change snippets in the Neovim 0.7 section')
end

-- Everything the snippets tell the user.
local notes = {}
local notify = vim.notify
vim.notify = function(message, level, opts)
  table.insert(notes, { message = message, level = level })
  return notify(message, level, opts)
end

-- Spawn attempts (0.7 reports a failed spawn itself, then start_client returns nil, and an
-- error raised in a FileType callback is not seen from a headless script).
local started = 0
local start_client = vim.lsp.start_client
vim.lsp.start_client = function(config)
  started = started + 1
  return start_client(config)
end
local attach = vim.lsp.buf_attach_client
local bad_attach = nil
vim.lsp.buf_attach_client = function(bufnr, client_id)
  if type(client_id) ~= 'number' then bad_attach = vim.inspect(client_id) end
  return attach(bufnr, client_id)
end

vim.cmd('filetype on')
for i, code in ipairs(snippets) do
  local chunk, err = loadstring(code, 'editors.md Neovim 0.7 snippet ' .. i)
  if not chunk then fail('snippet ' .. i .. ' does not parse: ' .. err) end
  local ok, run_err = pcall(chunk)
  if not ok then fail('snippet ' .. i .. ' failed: ' .. tostring(run_err)) end
end

local function count(diagnostics, code)
  local n = 0
  for _, d in ipairs(diagnostics) do
    if code_of(d) == code then n = n + 1 end
  end
  return n
end

local function find(bufnr, code, line)
  for _, d in ipairs(vim.diagnostic.get(bufnr, { lnum = line })) do
    if code_of(d) == code then return d end
  end
  return nil
end

-- Opens `path` as a user would (:edit, filetype detection) and reports errors instead of dying.
local function open(path)
  vim.v.errmsg = ''
  local ok, err = pcall(vim.cmd, 'edit ' .. vim.fn.fnameescape(path))
  if not ok then fail('opening ' .. path .. ' raised: ' .. tostring(err)) end
  if vim.v.errmsg ~= '' then fail('opening ' .. path .. ' reported: ' .. vim.v.errmsg) end
  local bufnr = vim.api.nvim_get_current_buf()
  if vim.bo[bufnr].filetype ~= 'markdown' then fail('filetype is ' .. vim.bo[bufnr].filetype) end
  return bufnr
end

-- 1. No awesome-ls on the PATH: one clear notification, no client, no error.
local path = vim.env.PATH
vim.env.PATH = empty_dir
if vim.fn.executable('awesome-ls') == 1 then fail('awesome-ls is still found on ' .. empty_dir) end
local missing_buf = open(file2)
local missing_buf_2 = open(file)  -- a second Markdown file: no second notification
vim.wait(500)
if started ~= 0 then fail('the snippet tried to start awesome-ls although it is not on the PATH') end
if bad_attach then fail('the snippet attached the buffer to client ' .. bad_attach) end
if #vim.lsp.get_active_clients() ~= 0 then fail('a client started without awesome-ls on the PATH') end
if #notes ~= 1 or not notes[1].message:find('awesome-ls', 1, true)
    or not notes[1].message:find('PATH', 1, true) then
  fail('expected one notification naming awesome-ls and the PATH, got ' .. vim.inspect(notes))
end
if notes[1].level ~= vim.log.levels.WARN and notes[1].level ~= vim.log.levels.ERROR then
  fail('the missing-binary notification has level ' .. tostring(notes[1].level))
end
vim.cmd('bwipeout! ' .. missing_buf .. ' ' .. missing_buf_2)
notes = {}

-- 2. With awesome-ls on the PATH, the guide's settings are in force from the first diagnostics.
vim.env.PATH = bin_dir .. ':' .. path
local bufnr = open(file)
local arrived = vim.wait(30000, function() return find(bufnr, 'keyword-label', keyword_line) ~= nil end, 50)
if not arrived then fail('no keyword-label diagnostic on line ' .. keyword_line) end
local clients = vim.lsp.buf_get_clients(bufnr)
local client = nil
for _, c in pairs(clients) do
  if c.name == 'awesome-ls' then client = c end
end
if client == nil then fail('no awesome-ls client attached') end
if started ~= 1 or bad_attach then fail('started ' .. started .. ' clients; attach ' .. tostring(bad_attach)) end
if not vim.tbl_isempty(notes) then fail('unexpected notifications: ' .. vim.inspect(notes)) end
local first = vim.diagnostic.get(bufnr)
local settings = client.config.settings
if vim.tbl_get == nil then  -- 0.7 has no vim.tbl_get
  settings = settings and settings.awesomeLs and settings.awesomeLs.rules
else
  settings = vim.tbl_get(settings, 'awesomeLs', 'rules')
end
if not settings or settings.whitespace ~= 'off' then
  fail('the guide\'s settings no longer turn whitespace off: ' .. vim.inspect(client.config.settings))
end
if count(first, 'whitespace') ~= 0 then
  fail(count(first, 'whitespace') .. ' whitespace diagnostics although the settings turn it off')
end
if find(bufnr, 'keyword-label', keyword_line).severity ~= vim.diagnostic.severity.ERROR then
  fail('keyword-label is not an error by default')
end

-- 3. Changing the settings at run time: first with the guide's snippet (entry-order an error),
-- then with other rules through the same mechanism.
local order = nil
for _, d in ipairs(first) do
  if code_of(d) == 'entry-order' then order = d end
end
if order == nil or order.severity ~= vim.diagnostic.severity.WARN then
  fail('expected an entry-order warning before the change')
end
local chunk = assert(loadstring(change_snippet, 'editors.md settings change'))
local ran, change_err = pcall(chunk)
if not ran then fail('the settings-change snippet failed: ' .. tostring(change_err)) end
if not vim.wait(30000, function()
  local d = find(bufnr, 'entry-order', order.lnum)
  return d ~= nil and d.severity == vim.diagnostic.severity.ERROR
end, 50) then
  fail('entry-order did not become an error after the guide\'s settings change')
end
if count(vim.diagnostic.get(bufnr), 'whitespace') ~= 0 then fail('whitespace came back') end

local function change_settings(rules)
  client.config.settings = { awesomeLs = { rules = rules } }
  client.notify('workspace/didChangeConfiguration', { settings = client.config.settings })
end
change_settings({ whitespace = 'off', ['keyword-label'] = 'warning' })
local warned = vim.wait(30000, function()
  local d = find(bufnr, 'keyword-label', keyword_line)
  return d ~= nil and d.severity == vim.diagnostic.severity.WARN
end, 50)
if not warned then fail('keyword-label did not become a warning after the settings changed') end
if count(vim.diagnostic.get(bufnr), 'whitespace') ~= 0 then fail('whitespace came back') end
change_settings({ ['keyword-label'] = 'off' })
local changed = vim.wait(30000, function()
  return find(bufnr, 'keyword-label', keyword_line) == nil
    and count(vim.diagnostic.get(bufnr), 'whitespace') > 0
end, 50)
if not changed then fail('keyword-label off / whitespace back not reflected in the diagnostics') end
local whitespace_count = count(vim.diagnostic.get(bufnr), 'whitespace')
change_settings({ whitespace = 'off' })
if not vim.wait(30000, function() return find(bufnr, 'keyword-label', keyword_line) ~= nil end, 50) then
  fail('keyword-label not reported again')
end

-- 4. The documented fix-all key formats the buffer (every safe fix of the rules in force).
local before = vim.api.nvim_buf_get_lines(bufnr, keyword_line, keyword_line + 1, true)[1]
if not before:find('Key Work:', 1, true) then fail('unexpected line ' .. before) end
vim.v.errmsg = ''
local ok, err = pcall(vim.cmd, 'normal \\cf')
if not ok or vim.v.errmsg ~= '' then fail('<leader>cf failed: ' .. tostring(err) .. ' ' .. vim.v.errmsg) end
-- Found by its text: safe fixes above it may join lines (a digest wrapped onto two lines).
local expected = before:gsub('Key Work:', 'Key Word:', 1)
local formatted = vim.wait(30000, function()
  local has_expected = false
  for _, text in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, true)) do
    if text:find('Key Work:', 1, true) then return false end
    has_expected = has_expected or text == expected
  end
  return has_expected
end, 50)
if not formatted then fail('<leader>cf did not format the buffer') end
if not vim.tbl_isempty(notes) then fail('unexpected notifications: ' .. vim.inspect(notes)) end

print(string.format('ok: missing binary notified; %d diagnostics with whitespace off (%d with it on);'
  .. ' severity and off changes applied; <leader>cf formatted', #first, whitespace_count))
local id = client.id
vim.lsp.stop_client(id)
vim.wait(5000, function() return vim.lsp.get_client_by_id(id) == nil end, 50)
vim.cmd('qall!')
