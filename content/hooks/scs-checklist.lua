-- SCS★3 準備チェックリスト (scs-checklist.html) and its reading list
-- (scs-reading-list.html). See docs/lua-api.md.
--
-- The checklist: one section per ★3 requirement category of
-- content/scs-star3.yaml (no, title, summary), each with the records worth
-- keeping as evidence (evidence_examples, shown as examples, not as
-- requirements) as checkboxes; the ticks are kept in the browser
-- (assets/scs-checklist.js) and printed. Without that file the categories
-- of content/guidelines/scs.md are used, with one box each.
--
-- The reading list: for each category (the sections under "要求事項の7分類
-- {#categories}" in content/guidelines/scs.md), the sections of the other
-- guidelines that help prepare it: first those content/relations.yaml
-- relates to the category, then every section tagged with one of its
-- topics.

local site = shirube.site
local t = site.t
local SCHEME, CATEGORIES, STAR3 = "scs", "categories", "content/scs-star3.yaml"

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
local section_of = {}
for _, cat in ipairs(categories) do section_of[cat.id] = cat end

local function text_of(html)
  local p = (html or ""):match("<p>(.-)</p>") or ""
  return (p:gsub("<[^>]*>", ""))
end
local function paren(s) return (t.paren_open or "（") .. s .. (t.paren_close or "）") end

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

---------------------------------------------------------------------------
-- The reading list
local total = 0
local groups, reading_count = {}, {}
for _, cat in ipairs(categories) do
  -- items grouped by guideline, in the order the guidelines first appear
  local by_guideline, guidelines, seen, n = {}, {}, {}, 0
  local function add(g, item)
    if seen[item.url] then return end
    seen[item.url] = true
    n = n + 1
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
                    (tag.partial and paren(t.partial or "一部") or "")})
        end
      end
    end
  end
  total = total + n
  reading_count[cat.id] = n
  groups[#groups + 1] = {
    id = "cat-" .. cat.id, title = cat.title, summary = text_of(cat.html),
    url = scs.url .. "#" .. cat.id, topics = table.concat(names, t.list_sep or "、"),
    guidelines = guidelines, count = n,
  }
end

---------------------------------------------------------------------------
-- The checklist, from content/scs-star3.yaml when it is there
local star3, pos
do
  local ok, data, where = pcall(shirube.yaml, STAR3)
  if ok then
    star3, pos = data, where
  elseif not tostring(data):find("cannot read", 1, true) then
    shirube.error(tostring(data))
    return
  end
end

local function at(tbl) return (pos and pos[tbl] or STAR3) .. ": " end
local function str(v) return type(v) == "string" and v ~= "" end

local checklist, items_total, bad = {}, 0, false
if star3 then
  if type(star3.categories) ~= "table" or #star3.categories == 0 then
    shirube.error(at(star3) .. "no categories: write categories: as a list of {id, no, title, summary, evidence_examples}")
    return
  end
  local seen = {}
  for i, c in ipairs(star3.categories) do
    if type(c) ~= "table" or not str(c.id) or not str(c.title) then
      shirube.error(at(type(c) == "table" and c or star3.categories) .. "category " .. i ..
        " needs an id and a title (e.g. {id: governance, no: 1, title: ガバナンスの整備})")
      bad = true
    elseif seen[c.id] then
      shirube.error(at(c) .. "category id '" .. c.id .. "' is used twice; give each category its own id")
      bad = true
    else
      seen[c.id] = true
      if not section_of[c.id] then
        shirube.warn(at(c) .. "category '" .. c.id .. "' has no section {#" .. c.id .. "} under {#" ..
          CATEGORIES .. "} in content/guidelines/scs.md: its link to the scheme's page is left out")
      end
      local ex = c.evidence_examples
      if ex ~= nil and type(ex) ~= "table" then
        shirube.error(at(c) .. "evidence_examples of '" .. c.id .. "' must be a list of texts")
        bad = true
        ex = nil
      end
      local items = {}
      for j, e in ipairs(ex or {}) do
        if not str(e) then
          shirube.error(at(type(e) == "table" and e or ex) .. "item " .. j .. " of evidence_examples of '" .. c.id .. "' must be a text")
          bad = true
        else
          items[#items + 1] = {id = c.id .. "-" .. j, text = e}
        end
      end
      checklist[#checklist + 1] = {
        id = "cat-" .. c.id, cat = c.id, no = c.no, title = c.title,
        summary = str(c.summary) and c.summary or (section_of[c.id] and text_of(section_of[c.id].html)) or nil,
        url = section_of[c.id] and (scs.url .. "#" .. c.id) or nil,
        reading = reading_count[c.id] and ("scs-reading-list.html#cat-" .. c.id) or nil,
        reading_count = reading_count[c.id],
        items = items, count = #items, examples = #items > 0,
      }
      items_total = items_total + #items
    end
  end
  if bad then return end
end
if #checklist == 0 then
  -- no scs-star3.yaml: the categories of scs.md, one box each
  for i, cat in ipairs(categories) do
    checklist[#checklist + 1] = {
      id = "cat-" .. cat.id, cat = cat.id, no = i, title = cat.title, summary = text_of(cat.html),
      url = scs.url .. "#" .. cat.id, reading = "scs-reading-list.html#cat-" .. cat.id,
      reading_count = reading_count[cat.id], items = {}, count = 0, examples = false,
    }
  end
end
-- a category without examples is one box of its own
for _, c in ipairs(checklist) do
  if #c.items == 0 then
    c.items = {{id = c.cat, text = t.scs_category_done or "この分類の取り組みと記録を確かめた"}}
    items_total = items_total + 1
  end
end

-- the journey for a company asked for ★3, if there is one
local journey
for _, j in ipairs(site.journeys) do
  if j.id == "scs-star3" then journey = {title = j.title, url = j.url} end
end

local source
if star3 and type(star3.source) == "table" then
  local s = star3.source
  source = {document = s.document, edition = s.edition, checked = s.checked,
            url = str(s.url) and s.url:match("^https://") and s.url or nil}
end

shirube.add_page{
  path = "scs-checklist.html",
  title = t.scs_checklist_title or "SCS★3 準備チェックリスト",
  description = t.scs_checklist_lead,
  template = "scs-checklist",
  nav = 40,
  data = {
    categories = checklist, count = items_total,
    notice = star3 and star3.examples_notice, method = star3 and star3.star3_method,
    source = source, scheme = {title = scs.short_title, url = scs.url}, journey = journey,
    reading_url = "scs-reading-list.html", reading_total = total,
  },
}

shirube.add_page{
  path = "scs-reading-list.html",
  title = t.scs_reading_title or "SCS★3 準備の読書リスト",
  description = t.scs_reading_lead,
  template = "scs-reading-list",
  data = {groups = groups, count = total, scheme = {title = scs.short_title, url = scs.url},
          checklist_url = "scs-checklist.html"},
}
