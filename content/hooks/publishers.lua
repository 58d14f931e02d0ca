-- 発行元別一覧 (publishers.html): the guidelines grouped by publisher, with
-- versions and dates. A joint publication ("経済産業省・IPA") is listed
-- under each of its publishers; notes in brackets ("IPA（情報処理推進機構）")
-- are not part of the name. See docs/lua-api.md.

local site = shirube.site
local t = site.t

-- "経済産業省・IPA（注）" -> {"経済産業省", "IPA"}
-- (Lua patterns work on bytes: a multibyte character may not go in [sets].)
local function publishers_of(s)
  s = s:gsub("（.-）", ""):gsub("%(.-%)", "") .. "・"
  local names, from = {}, 1
  while true do
    local i, j = s:find("・", from, true)
    if not i then break end
    local name = s:sub(from, i - 1):match("^%s*(.-)%s*$")
    if name ~= "" then names[#names + 1] = name end
    from = j + 1
  end
  return names
end

local groups, by_name = {}, {}
for _, g in ipairs(site.guidelines) do
  local names = publishers_of(g.publisher or "")
  if #names == 0 then names = {"—"} end
  for _, name in ipairs(names) do
    local grp = by_name[name]
    if not grp then
      grp = {name = name, guidelines = {}}
      by_name[name] = grp
      groups[#groups + 1] = grp
    end
    grp.guidelines[#grp.guidelines + 1] = {
      title = g.title, short_title = g.short_title, url = g.url, version = g.version,
      published = g.published, superseded = g.superseded,
      published_unverified = g.unverified and g.unverified.published or false,
      version_unverified = g.unverified and g.unverified.version or false,
      joint = #names > 1 and g.publisher or nil,
    }
  end
end

-- Most guidelines first, then by name; newest first within a publisher.
table.sort(groups, function(a, b)
  if #a.guidelines ~= #b.guidelines then return #a.guidelines > #b.guidelines end
  return a.name < b.name
end)
for i, grp in ipairs(groups) do
  grp.id = "pub-" .. i
  grp.count = #grp.guidelines
  table.sort(grp.guidelines, function(a, b)
    local pa, pb = a.published or "", b.published or ""
    if pa ~= pb then return pa > pb end
    return a.url < b.url
  end)
end

shirube.add_page{
  path = "publishers.html",
  title = t.publishers_title or "発行元別一覧",
  description = t.publishers_lead,
  template = "publishers",
  nav = 30,
  data = {groups = groups, count = #site.guidelines},
}
