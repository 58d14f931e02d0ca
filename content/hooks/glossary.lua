-- 用語集 (glossary.html): every topic with its English title, its other
-- names and the first paragraph of its explanation, in 五十音 order of the
-- topic's `reading:` (hiragana). See docs/lua-api.md.

local site = shirube.site
local t = site.t

-- The 五十音 table: the row (行) of a kana and its vowel (for ー).
-- The third item names the row's label in the theme's i18n files (az_row_*).
local ROWS = {
  {"あ", "あいうえお", "a"}, {"か", "かきくけこ", "ka"}, {"さ", "さしすせそ", "sa"},
  {"た", "たちつてと", "ta"}, {"な", "なにぬねの", "na"}, {"は", "はひふへほ", "ha"},
  {"ま", "まみむめも", "ma"}, {"や", "やゆよ", "ya"}, {"ら", "らりるれろ", "ra"}, {"わ", "わをん", "wa"},
}
local LABEL_OF = {}
for _, r in ipairs(ROWS) do LABEL_OF[r[1]] = t["az_row_" .. r[3]] or r[1] end
local VOWEL_OF_COLUMN = {"あ", "い", "う", "え", "お"}
local row_of, vowel_of = {}, {}
for _, r in ipairs(ROWS) do
  local col = 0
  for _, c in utf8.codes(r[2]) do
    col = col + 1
    local k = utf8.char(c)
    row_of[k] = r[1]
    if r[1] == "や" then
      vowel_of[k] = ({"あ", "う", "お"})[col]
    elseif r[1] ~= "わ" then
      vowel_of[k] = VOWEL_OF_COLUMN[col]
    end
  end
end
vowel_of["わ"], vowel_of["を"] = "あ", "お"

-- Small and voiced kana sort with their plain kana (か = が, つ = っ).
local PLAIN = {}
local function pair(from, to)
  local a, b = {}, {}
  for _, c in utf8.codes(from) do a[#a + 1] = utf8.char(c) end
  for _, c in utf8.codes(to) do b[#b + 1] = utf8.char(c) end
  for i = 1, #a do PLAIN[a[i]] = b[i] end
end
pair("ぁぃぅぇぉっゃゅょゎ", "あいうえおつやゆよわ")
pair("がぎぐげござじずぜぞだぢづでどばびぶべぼぱぴぷぺぽゔ",
     "かきくけこさしすせそたちつてとはひふへほはひふへほう")

-- The key a reading sorts by, and whether it is hiragana (and ー) only.
local function sort_key(reading)
  local out, prev = {}, nil
  for _, c in utf8.codes(reading) do
    local k = utf8.char(c)
    if k == "ー" then
      k = prev and vowel_of[prev] or "ー"
    else
      k = PLAIN[k] or k
    end
    if not (row_of[k] or k == "ー") then return nil end
    out[#out + 1] = k
    prev = k
  end
  return table.concat(out)
end

-- The first paragraph of an HTML body as text (still HTML-escaped).
local function first_paragraph(html)
  local p = (html or ""):match("<p>(.-)</p>") or ""
  return (p:gsub("<[^>]*>", ""))
end

local entries = {}
for _, topic in ipairs(site.topics) do
  local reading = topic.reading
  local key = type(reading) == "string" and sort_key(reading)
  if not key then
    shirube.warn(("topic %s (%s) needs a reading in hiragana, e.g. reading: ないぶふせい; it is sorted last")
      :format(topic.id, topic.title))
  end
  local others = {}
  local seen = {[topic.title:lower()] = true, [(topic.title_en or ""):lower()] = true}
  for _, s in ipairs(topic.synonyms or {}) do
    if not seen[s:lower()] then
      seen[s:lower()] = true
      others[#others + 1] = s
    end
  end
  entries[#entries + 1] = {
    title = topic.title, title_en = topic.title_en, reading = reading, url = topic.url,
    id = topic.id, synonyms = table.concat(others, t.list_sep or "、"), summary = first_paragraph(topic.body),
    key = key or "\u{10FFFF}", row = key and row_of[key:match("^[\128-\255][\128-\191]*")],
  }
end

table.sort(entries, function(a, b)
  if a.key ~= b.key then return a.key < b.key end
  if (a.reading or "") ~= (b.reading or "") then return (a.reading or "") < (b.reading or "") end
  return a.id < b.id
end)

local suffix = t.glossary_row or ""
local groups, by_row = {}, {}
for _, e in ipairs(entries) do
  local row = e.row or "other"
  local g = by_row[row]
  if not g then
    local label = e.row and (LABEL_OF[row] .. suffix) or (t.az_other or "他")
    g = {id = "kana-" .. (#groups + 1), label = label, entries = {}}
    by_row[row] = g
    groups[#groups + 1] = g
  end
  e.key, e.row = nil, nil
  g.entries[#g.entries + 1] = e
end

shirube.add_page{
  path = "glossary.html",
  title = t.glossary_title or "用語集",
  description = t.glossary_lead,
  template = "glossary",
  nav = 20,
  data = {groups = groups, count = #entries},
}
