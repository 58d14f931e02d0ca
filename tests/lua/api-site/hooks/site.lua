-- shirube.site: read-only views of config, guidelines (sections, coverage,
-- relations), topics, personas, journeys, pages, relations and UI strings.
local site = shirube.site
assert(site.config.title == "フックのテスト", site.config.title)
assert(#site.guidelines == 2 and #site.topics == 2 and #site.personas == 0 and #site.journeys == 0)
local alpha = site.guidelines[1]
assert(alpha.id == "alpha" and alpha.short_title == "アルファ" and alpha.url == "guidelines/alpha.html")
assert(alpha.published == "2024-01-02" and alpha.superseded == false)
assert(alpha.sections[1].id == "policy" and alpha.sections[1].topics[1].id == "backup")
assert(alpha.sections[2].level == 3 and alpha.sections[2].topics[1].partial == true)
local levels = {}
for _, c in ipairs(alpha.coverage_list) do levels[c.topic_id] = c.level end
assert(levels.backup == "covered" and levels.cloud == "partial", "coverage")
assert(alpha.sections[1].relations[1].url == "guidelines/beta.html#only")
assert(site.relations[1].type == "intersects" and site.relations[1].a == "alpha#policy")
local backup = site.topics[1]
assert(backup.id == "backup" and backup.reading == "ばっくあっぷ" and backup.synonyms[2] == "backup")
assert(backup.body:find("<p>バックアップは", 1, true))
assert(#backup.covered_by == 1 and backup.covered_by[1].guideline_id == "alpha")
local kinds = {}
for _, p in ipairs(site.pages) do kinds[p.url] = p.kind end
assert(kinds["about.html"] == "page" and kinds["guidelines/alpha.html"] == "guideline")
assert(kinds["topics/cloud.html"] == "topic" and kinds["index.html"] == "home")
assert(site.pages[1].data.title == "アルファ・ガイドライン 第1版" and site.pages[1].source == "content/guidelines/alpha.md")
assert(site.t.glossary_title == "用語集")
local keys = {}
for k in pairs(site) do keys[#keys + 1] = k end
assert(table.concat(keys, ",") == "config,t,guidelines,topics,personas,journeys,pages,relations", table.concat(keys, ","))
local n = 0
for i, g in ipairs(site.guidelines) do
  n = n + 1
  assert(g == site.guidelines[i])
end
assert(n == 2)
assert(tostring(site.guidelines) == "shirube view (list of 2)", tostring(site.guidelines))
assert(type(site) == "userdata" and math.type(alpha.sections[1].level) == "integer")
assert(site.nonexistent == nil and site.guidelines[3] == nil and site.guidelines[0] == nil and site.guidelines.x == nil)
