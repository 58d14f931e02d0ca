-- ten billion bytes: refused before anything is allocated
local s = string.rep("x", 1e10)
