-- shirube.copy: a writable deep copy of a view as plain tables.
local g = shirube.copy(shirube.site.guidelines)
assert(type(g) == "table" and #g == 2 and type(g[1].sections) == "table")
table.sort(g, function(a, b) return a.id > b.id end)
assert(g[1].id == "beta" and shirube.site.guidelines[1].id == "alpha")
g[1].title = "x"
assert(shirube.site.guidelines[2].title == "ベータ・ガイドライン")
assert(shirube.copy(5) == 5 and shirube.copy("s") == "s")
local t = {}
assert(shirube.copy(t) == t)
shirube.add_page{path = "copy.html", title = "copy", template = "guidelines", data = {list = g}}
