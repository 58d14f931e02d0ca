-- SCS★3 準備の読書リスト (scs-checklist.html): for each requirement
-- category of the SCS scheme (the sections under "要求事項の7分類
-- {#categories}" in content/guidelines/scs.md), the sections of the other
-- guidelines that help prepare it, as checkboxes: first the sections that
-- content/relations.yaml relates to the category, then every section tagged
-- with one of the category's topics. See docs/lua-api.md.

local site = shirube.site
local t = site.t
local SCHEME, CATEGORIES = "scs", "categories"

local scs
for _, g in ipairs(site.guidelines) do
  if g.id == SCHEME then scs = g end
end
if not scs then
  shirube.warn("no guideline '" .. SCHEME .. "': the SCS checklist is not built")
  return
end

-- The category sections: those nested under #categories.
local categories, level = {}, nil
for _, sec in ipairs(scs.sections) do
  if level then
    if sec.level <= level then break end
    if sec.level == level + 1 then categories[#categories + 1] = sec end
  elseif sec.id == CATEGORIES then
    level = sec.level
  end
end
if #categories == 0 then
  shirube.error("content/guidelines/scs.md has no sections under {#" .. CATEGORIES .. "}")
  return
end

local function text_of(html)
  local p = (html or ""):match("<p>(.-)</p>") or ""
  return (p:gsub("<[^>]*>", ""))
end

-- "guidelines/x.html#sec" -> the guideline and its section
local function section_at(url)
  local page, id = url:match("^(.-)#(.*)$")
  for _, g in ipairs(site.guidelines) do
    if g.url == page then
      for _, sec in ipairs(g.sections) do
        if sec.id == id then return g, sec end
      end
    end
  end
end

local function has_topic(sec, ids)
  for _, tag in ipairs(sec.topics or {}) do
    if ids[tag.id] then return tag end
  end
end

local total = 0
local groups = {}
for _, cat in ipairs(categories) do
  -- items grouped by guideline, in the order the guidelines first appear
  local by_guideline, guidelines, seen, n = {}, {}, {}, 0
  local function add(g, item)
    if seen[item.url] then return end
    seen[item.url] = true
    n = n + 1
    item.box = ("scs-%s-%d"):format(cat.id, n)
    item.guideline = g.short_title
    local entry = by_guideline[g.id]
    if not entry then
      entry = {title = g.title, short_title = g.short_title, url = g.url, items = {}}
      by_guideline[g.id] = entry
      guidelines[#guidelines + 1] = entry
    end
    entry.items[#entry.items + 1] = item
  end
  -- 1. sections related to the category in relations.yaml
  for _, rel in ipairs(cat.relations or {}) do
    local g, sec = section_at(rel.url)
    if g then
      add(g, {section = sec.title, url = rel.url, note = rel.type_label .. (t.label_sep or "：") .. rel.why})
    end
  end
  -- 2. sections of other guidelines tagged with the category's topics
  local ids, names = {}, {}
  for _, tag in ipairs(cat.topics or {}) do
    ids[tag.id] = true
    names[#names + 1] = tag.title
  end
  for _, g in ipairs(site.guidelines) do
    if g.id ~= SCHEME and not g.superseded then
      for _, sec in ipairs(g.sections) do
        local tag = has_topic(sec, ids)
        if tag then
          add(g, {section = sec.title, url = g.url .. "#" .. sec.id,
                  note = (t.scs_via_topic or "トピック") .. (t.label_sep or "：") .. tag.title ..
                    (tag.partial and ((t.paren_open or "（") .. (t.partial or "一部") ..
                                      (t.paren_close or "）")) or "")})
        end
      end
    end
  end
  total = total + n
  groups[#groups + 1] = {
    id = "cat-" .. cat.id, title = cat.title, summary = text_of(cat.html),
    url = scs.url .. "#" .. cat.id, topics = table.concat(names, t.list_sep or "、"),
    guidelines = guidelines, count = n,
  }
end

shirube.add_page{
  path = "scs-checklist.html",
  title = t.scs_checklist_title or "SCS★3 準備の読書リスト",
  description = t.scs_checklist_lead,
  template = "scs-checklist",
  nav = 40,
  data = {groups = groups, count = total, scheme = {title = scs.short_title, url = scs.url}},
}
