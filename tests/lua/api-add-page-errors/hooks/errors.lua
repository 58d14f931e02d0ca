-- Every path, field and data problem of shirube.add_page is an error at the
-- calling line; the last one is not caught and fails the build.
local function fails(t, want)
  local ok, err = pcall(shirube.add_page, t)
  assert(not ok, "should fail: " .. want)
  assert(err:find(want, 1, true), err)
end
fails({title = "x"}, "errors.lua:4: shirube.add_page: 'path' must be a string, got a nil")
fails({path = "/abs.html", title = "x"}, "path '/abs.html' must be relative to the site root (no leading '/')")
fails({path = "a/../b.html", title = "x"}, "path 'a/../b.html' must not contain '..'")
fails({path = "a.htm", title = "x"}, "path 'a.htm' must end with .html")
fails({path = "a//b.html", title = "x"}, "has an empty part")
fails({path = "dir/", title = "x"}, "has an empty part")
fails({path = ".hidden.html", title = "x"}, "must not contain names that start with '.'")
fails({path = "assets/x.html", title = "x"}, "is inside assets/")
fails({path = "a b.html", title = "x"}, "may contain only ASCII letters, digits, '-', '_', '.' and '/'")
fails({path = "about.html", title = "x"}, "path 'about.html' is already the page made from content/pages/about.md")
fails({path = "guidelines/alpha.html", title = "x"}, "is already the page made from content/guidelines/alpha.md")
fails({path = "index.html", title = "x"}, "is already the page made from the generator or another hook")
fails({path = "ok.html"}, "'title' must be a non-empty string")
fails({path = "ok.html", title = "x", template = "nope"}, "unknown template 'nope'")
fails({path = "ok.html", title = "x", template = "../layout"}, "unknown template '../layout'")
fails({path = "ok.html", title = "x", bogus = 1}, "unknown field 'bogus'")
fails({path = "ok.html", title = "x", nav = "1"}, "'nav' must be a number")
fails({path = "ok.html", title = "x", html = 5}, "'html' must be a string")
fails({path = "ok.html", title = "x", html = "\255"}, "'html': a string is not valid UTF-8")
fails({path = "ok.html", title = "x", data = {1, x = 2}}, "'data': a table mixes list items and fields")
fails({path = "ok.html", title = "x", data = {f = print}}, "'data': a function cannot be page data")
fails({path = "ok.html", title = "x", data = "s"}, "'data': expected a table of fields (name = value), got a string")
fails({path = "ok.html", title = "x", data = {1, 2}}, "'data': expected a table of fields")
local loop = {}
loop.self = loop
fails({path = "ok.html", title = "x", data = {loop = loop}}, "nested more than 64 levels deep")
shirube.add_page{path = "twice.html", title = "x"}
fails({path = "twice.html", title = "y"}, "is already the page made from the generator or another hook")
local ok, err = pcall(shirube.add_page, "x")
assert(not ok and err:find("expected a table {path = ..., title = ...}, got a string", 1, true), err)
shirube.add_page{path = "../escape.html", title = "x"}
