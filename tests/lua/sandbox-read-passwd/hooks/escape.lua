-- shirube.read stays inside the project
local s = shirube.read("../../../../../../../../etc/passwd")
