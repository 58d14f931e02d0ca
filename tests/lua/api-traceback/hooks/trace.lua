local function inner(t)
  return t.x
end
local function outer()
  return inner(nil) + 1
end
outer()
