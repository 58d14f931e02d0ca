-- Views cannot be changed, by assignment, rawset, setmetatable or the table
-- library; reading still works and the site is unchanged.
local site = shirube.site
local config = site.config
local function fails(f, want)
  local ok, err = pcall(f)
  assert(not ok, "should fail: " .. want)
  assert(tostring(err):find(want, 1, true), tostring(err))
end
fails(function() config.title = "changed" end, "readonly.lua:10: attempt to change a read-only view of the site")
fails(function() site.guidelines[1] = {} end, "attempt to change a read-only view")
fails(function() rawset(config, "title", "changed") end, "bad argument #1 to 'rawset' (table expected, got shirube.view)")
fails(function() setmetatable(config, {}) end, "bad argument #1 to 'setmetatable' (table expected, got shirube.view)")
fails(function() table.insert(site.guidelines, {}) end, "attempt to change a read-only view")
fails(function() table.sort(site.guidelines, function(a, b) return a.id > b.id end) end, "attempt to change a read-only view")
fails(function() next(config) end, "bad argument #1 to 'next' (table expected, got shirube.view)")
assert(getmetatable(config) == "read-only")
assert(config.title == "フックのテスト" and site.guidelines[1].id == "alpha" and #site.guidelines == 2)
local copy = shirube.copy(config)
copy.title = "copy"
assert(config.title == "フックのテスト" and shirube.site.config.title == "フックのテスト")
shirube.add_page{path = "ro.html", title = "RO", html = "<p>" .. shirube.escape(config.title) .. "</p>"}
