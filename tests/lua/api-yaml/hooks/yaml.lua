-- shirube.yaml: a YAML file of the project as plain tables, with positions.
local d, pos = shirube.yaml("data/list.yaml")
assert(d.title == "表")
assert(#d.items == 2 and d.items[1].id == "a" and d.items[1].n == 1)
assert(d.items[2].tags[2] == "y")
d.items[1].id = "changed" -- plain tables: writable
assert(pos[d] == "data/list.yaml:1:1", pos[d])
assert(pos[d.items] == "data/list.yaml:3:3", tostring(pos[d.items]))
assert(pos[d.items[2]] == "data/list.yaml:4:5", tostring(pos[d.items[2]]))
assert(pos[d.items[2].tags] == "data/list.yaml:5:11", tostring(pos[d.items[2].tags]))
local function fails(p, want)
  local ok, err = pcall(shirube.yaml, p)
  assert(not ok, "should fail: " .. want)
  assert(err:find(want, 1, true), err)
end
fails("../x.yaml", "leaves the project")
fails("data/outside.yaml", "is outside the project")
fails("data/missing.yaml", "cannot read 'data/missing.yaml'")
-- a YAML error is reported at its place, and the call fails
fails("data/broken.yaml", "shirube.yaml: 'data/broken.yaml' is not valid YAML")
