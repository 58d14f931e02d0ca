-- load: text chunks only, in the hook's own sandbox by default.
assert(load("return 1 + 1")() == 2)
assert(load("return os")() == nil, "no os in loaded chunks either")
assert(load("return io or require or debug or dofile")() == nil)
assert(load("return x", "chunk", "t", {x = 5})() == 5)
local f, err = load("return (")
assert(f == nil and err:find("unexpected symbol", 1, true), err)
local parts = {"\27Lua", "T"}
f, err = load(function() return table.remove(parts, 1) end)
assert(f == nil and err:find("attempt to load a binary chunk (mode is 't')", 1, true), err)
assert(load("return 3", "=name", "b")() == 3, "mode is always text")
