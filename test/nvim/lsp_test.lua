-- Neovim (0.7+) as a real LSP client for the cloud-config language server.
--
--   nvim --headless --clean -n -c "luafile test/nvim/lsp_test.lua" test/nvim/fixtures/user-data
--
-- The current buffer must hold the fixture with the classic mistakes. Every check writes one line
-- `ok <name>` or `FAIL <name>: <why>` to stdout; the last line is `nvim-lsp: <n> passed, <m> failed`.
-- Exit status 0 when everything passed, 1 otherwise (also on a Lua error or the overall time limit).
-- Environment: CLOUD_CONFIG_SERVER (path to dist/server.js; default: found from this script's path),
-- NODE (node binary; default `node`), NVIM_LSP_TEST_TIMEOUT (ms per wait; default 10000).

local out = io.stdout
local passed, failed = 0, 0

local function say(line)
  out:write(line .. '\n')
  out:flush()
end

local function check(name, ok, why)
  if ok then
    passed = passed + 1
    say('ok ' .. name)
  else
    failed = failed + 1
    say('FAIL ' .. name .. ': ' .. tostring(why))
  end
  return ok
end

local function finish()
  say(string.format('nvim-lsp: %d passed, %d failed', passed, failed))
  if failed > 0 then
    vim.cmd('cquit 1')
  else
    vim.cmd('qall!')
  end
end

local timeout = tonumber(os.getenv('NVIM_LSP_TEST_TIMEOUT') or '') or 10000

-- Whatever happens (a hung server, a wait that never ends in vim.wait), do not hang CI.
vim.defer_fn(function()
  say('FAIL overall time limit reached')
  vim.cmd('cquit 1')
end, timeout * 6)

local script = debug.getinfo(1, 'S').source:gsub('^@', '')
local root = vim.fn.fnamemodify(script, ':p:h:h:h')
local server = os.getenv('CLOUD_CONFIG_SERVER') or (root .. '/dist/server.js')
local node = os.getenv('NODE') or 'node'

local function code_of(d)
  return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
end

local function codes(buf)
  local set, list = {}, {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local c = code_of(d)
    if c then
      set[c] = true
      table.insert(list, c)
    end
  end
  table.sort(list)
  return set, table.concat(list, ', ')
end

local function find_line(buf, pattern)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    if line:find(pattern) then
      return i - 1, line
    end
  end
  return nil
end

--- The single client's answer from buf_request_sync, or nil and a reason.
local function request(buf, method, params)
  local responses, err = vim.lsp.buf_request_sync(buf, method, params, timeout)
  if not responses then
    return nil, 'no response: ' .. tostring(err)
  end
  for _, response in pairs(responses) do
    if response.err then
      return nil, vim.inspect(response.err)
    end
    return response.result
  end
  return nil, 'no client answered'
end

local function main()
  local buf = vim.api.nvim_get_current_buf()
  local uri = vim.uri_from_bufnr(buf)
  if not check('fixture loaded', find_line(buf, '^coreos:') == 0 and find_line(buf, '^write_files:'), 'the buffer is not the user-data fixture') then
    return
  end
  -- The README's Neovim configuration, as written (CLOUD_CONFIG_NVIM_CONFIG holds its lua block; the
  -- runner puts bin/cloud-config-language-server on PATH). Re-reading the buffer runs its autocommands:
  -- filetype detection, then the server start.
  local stderr = {}
  vim.lsp.handlers['window/logMessage'] = function(_, result)
    if result and result.type == 1 then
      table.insert(stderr, result.message)
    end
  end
  local config_file = os.getenv('CLOUD_CONFIG_NVIM_CONFIG')
  if not check('README configuration given', config_file ~= nil and vim.fn.filereadable(config_file) == 1, tostring(config_file)) then
    return
  end
  dofile(config_file)
  vim.cmd('edit')
  check('filetype cloud-config', vim.bo[buf].filetype == 'cloud-config', vim.bo[buf].filetype)
  local client_id
  vim.wait(timeout, function()
    for id, _ in pairs(vim.lsp.buf_get_clients(buf)) do
      client_id = id
    end
    return client_id ~= nil
  end, 20)
  if not check('client started', client_id ~= nil, 'no client attached to the user-data buffer') then
    return
  end
  check('buffer attached', vim.lsp.buf_is_attached(buf, client_id), 'buf_is_attached is false')

  -- Diagnostics for the classic mistakes.
  local expected = {
    'cloud-config/header',
    'cloud-config/unknown-key',
    'cloud-config/unquoted-permissions',
    'cloud-config/firewall-not-loaded',
  }
  local arrived = vim.wait(timeout, function()
    local set = codes(buf)
    for _, c in ipairs(expected) do
      if not set[c] then
        return false
      end
    end
    return true
  end, 20)
  local _, listed = codes(buf)
  check('diagnostics arrived', arrived, 'got: ' .. listed)
  for _, c in ipairs(expected) do
    check('diagnostic ' .. c, codes(buf)[c], 'got: ' .. listed)
  end
  local enabled_line = find_line(buf, '^%s+enabled: true$')
  local on_line = false
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if code_of(d) == 'cloud-config/unknown-key' then
      on_line = d.lnum == enabled_line and d.col == 6 and d.end_col == 13
    end
  end
  check('unknown-key range is `enabled`', on_line, 'expected line ' .. tostring(enabled_line) .. ' columns 6-13')

  -- Hover on `enable`.
  local enable_line = find_line(buf, '^%s+enable: true$')
  local hover, herr = request(buf, 'textDocument/hover', {
    textDocument = { uri = uri },
    position = { line = enable_line, character = 8 },
  })
  local text = hover and hover.contents and (hover.contents.value or hover.contents) or ''
  if type(text) ~= 'string' then
    text = vim.inspect(text)
  end
  check('hover on enable', text:find('**enable**', 1, true) and text:find('coreos.units', 1, true), herr or text)

  -- Completion in a new units item (typed into the buffer: exercises incremental sync too).
  local write_files = find_line(buf, '^write_files:')
  vim.api.nvim_buf_set_lines(buf, write_files, write_files, false, { '    - name: extra.service', '      ' })
  local completion, cerr = request(buf, 'textDocument/completion', {
    textDocument = { uri = uri },
    position = { line = write_files + 1, character = 6 },
  })
  local labels = {}
  for _, item in ipairs(completion and (completion.items or completion) or {}) do
    labels[item.label] = true
  end
  local shown = table.concat(vim.tbl_keys(labels), ', ')
  check('completion offers enable', labels['enable'], cerr or shown)
  check('completion offers command', labels['command'], cerr or shown)
  check('completion omits the present name', not labels['name'], shown)
  vim.api.nvim_buf_set_lines(buf, write_files, write_files + 2, false, {})

  -- Quick fix on the `enabled` line, applied as Neovim applies workspace edits.
  local lsp_diags = {}
  for _, d in ipairs(vim.diagnostic.get(buf, { lnum = enabled_line })) do
    table.insert(lsp_diags, {
      range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum, character = d.end_col } },
      message = d.message,
      severity = d.severity,
      code = code_of(d),
      source = d.source,
    })
  end
  local actions, aerr = request(buf, 'textDocument/codeAction', {
    textDocument = { uri = uri },
    range = { start = { line = enabled_line, character = 0 }, ['end'] = { line = enabled_line, character = 19 } },
    context = { diagnostics = lsp_diags, only = { 'quickfix' } },
  })
  local rename
  for _, a in ipairs(actions or {}) do
    if a.edit and a.title:find('enable', 1, true) then
      rename = a
    end
  end
  if check('code action for enabled', rename ~= nil, aerr or vim.inspect(actions)) then
    vim.lsp.util.apply_workspace_edit(rename.edit, 'utf-16')
    local line = vim.api.nvim_buf_get_lines(buf, enabled_line, enabled_line + 1, false)[1]
    check('code action applied', line == '      enable: true', 'line ' .. enabled_line .. ' is ' .. vim.inspect(line))
    local gone = vim.wait(timeout, function()
      local set = codes(buf)
      return not set['cloud-config/unknown-key'] and set['cloud-config/header']
    end, 20)
    local _, now = codes(buf)
    check('unknown-key gone after the fix', gone, 'got: ' .. now)
  end

  -- Fix all: the buffer ends up clean.
  local fixall, ferr = request(buf, 'textDocument/codeAction', {
    textDocument = { uri = uri },
    range = { start = { line = 0, character = 0 }, ['end'] = { line = 0, character = 0 } },
    context = { diagnostics = {}, only = { 'source.fixAll' } },
  })
  local action = fixall and fixall[1]
  if check('fix-all action', action and action.kind == 'source.fixAll.cloud-config' and action.edit, ferr or vim.inspect(fixall)) then
    vim.lsp.util.apply_workspace_edit(action.edit, 'utf-16')
    check('header inserted', vim.api.nvim_buf_get_lines(buf, 0, 1, false)[1] == '#cloud-config', 'line 1 is not #cloud-config')
    check('permissions quoted', find_line(buf, '^    permissions: "0644"$') ~= nil, 'no quoted permissions line')
    check('iptables-restore.service added', find_line(buf, '^    %- name: iptables%-restore%.service$') ~= nil, 'no unit entry')
    local clean = vim.wait(timeout, function()
      return #vim.diagnostic.get(buf) == 0
    end, 20)
    local _, left = codes(buf)
    check('no diagnostics after fix-all', clean, 'left: ' .. left)
  end

  -- The exposure map and the packet tracer (custom requests, docs/lsp-exposure.md) and the code lenses.
  local map, merr = request(buf, 'cloudConfig/exposure', { textDocument = { uri = uri } })
  local ssh
  for _, f in ipairs((map and map.files) or {}) do
    for _, e in ipairs(f.entries or {}) do
      if f.family == 4 and e.label == '22/tcp' then ssh = e end
    end
  end
  check('exposure: 22/tcp open by its rule', ssh and ssh.status == 'open' and ssh.decidedBy and ssh.decidedBy.text == '-A INPUT -p tcp --dport 22 -j ACCEPT', merr or vim.inspect(ssh))
  local traced, terr = request(buf, 'cloudConfig/trace', { textDocument = { uri = uri }, proto = 'tcp', dport = 3306, src = '203.0.113.5' })
  local last = traced and traced.steps and traced.steps[#traced.steps]
  check('trace: tcp/3306 dropped by the policy', traced and traced.verdict == 'drop' and last and last.text == ':INPUT DROP', terr or vim.inspect(traced))
  local lenses, lerr = request(buf, 'textDocument/codeLens', { textDocument = { uri = uri } })
  local first = lenses and lenses[1]
  check('code lens on line 1', first and first.range.start.line == 0 and first.command and first.command.title:find('Reachable from the internet: 22/tcp', 1, true) == 1, lerr or vim.inspect(lenses))
  -- A rules file of the same project reuses the running server (one server for all buffers).
  local rules_file = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(buf), ':p:h') .. '/rules.v4'
  vim.fn.writefile({ '*filter', ':INPUT DROP [0:0]', '-A INPUT -m state --state ESTABLISHED -j ACCEPT', 'COMMIT' }, rules_file)
  vim.cmd('edit ' .. vim.fn.fnameescape(rules_file))
  local rules_buf = vim.api.nvim_get_current_buf()
  check('rules.v4 is iptables', vim.bo[rules_buf].filetype == 'iptables', vim.bo[rules_buf].filetype)
  local attached = vim.wait(timeout, function()
    return vim.lsp.buf_get_clients(rules_buf)[client_id] ~= nil
  end, 20)
  check('same server for the rules file', attached and #vim.lsp.get_active_clients() == 1, vim.inspect(vim.tbl_keys(vim.lsp.buf_get_clients(rules_buf))))
  local rules_diags = vim.wait(timeout, function()
    return codes(rules_buf)['iptables/state-match'] ~= nil
  end, 20)
  check('diagnostics in the rules file', rules_diags, select(2, codes(rules_buf)))

  -- A Compose file: Neovim reads it as YAML; the README's configuration attaches the same server.
  local compose_file = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(buf), ':p:h') .. '/compose.yaml'
  vim.fn.writefile({ 'services:', '  db:', '    image: postgres:16', '    ports: ["5432:5432"]' }, compose_file)
  vim.cmd('edit ' .. vim.fn.fnameescape(compose_file))
  local compose_buf = vim.api.nvim_get_current_buf()
  local compose_attached = vim.wait(timeout, function()
    return vim.lsp.buf_get_clients(compose_buf)[client_id] ~= nil
  end, 20)
  check('same server for compose.yaml', compose_attached and #vim.lsp.get_active_clients() == 1, vim.bo[compose_buf].filetype)
  local compose_diags = vim.wait(timeout, function()
    return codes(compose_buf)['docker/port-exposure'] ~= nil
  end, 20)
  check('port-exposure in compose.yaml', compose_diags, select(2, codes(compose_buf)))

  check('server logged no errors', #stderr == 0, table.concat(stderr, ' | '))

  -- Orderly shutdown (shutdown + exit).
  vim.lsp.stop_client(client_id)
  local stopped = vim.wait(timeout, function()
    return vim.lsp.client_is_stopped(client_id)
  end, 20)
  check('client stopped', stopped, 'server still running')
end

local ok, err = xpcall(main, debug.traceback)
if not ok then
  check('lua error', false, err)
end
finish()
