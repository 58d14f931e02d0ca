shirube.warn("気をつけて")
print("a", 1, nil, true)
local function check()
  shirube.warn("from a function")
end
check()
