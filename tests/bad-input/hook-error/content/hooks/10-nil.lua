-- a runtime error in the top level
local t = nil
local function title()
  return t.title
end
title()
