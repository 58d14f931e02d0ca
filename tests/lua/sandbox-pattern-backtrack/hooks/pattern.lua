-- Backtracking inside the string library, where the instruction count
-- never fires: ".-.-.-.-x" on 130 characters ran 69 s. Refused before it
-- runs, whichever function is called; ordinary patterns still work.
assert(("key = value"):match("^(%w+)%s*=%s*(.-)$") == "key")
assert(select(2, ("a,b,,c"):gsub(",", ";")) == 3)
assert(("x"):rep(100000):find("y", 1, true) == nil)
local n = 0
for w in ("one two three"):gmatch("%a+") do n = n + 1 end
assert(n == 3)
local s = ("a"):rep(130)
for _, f in ipairs({"gsub", "gmatch"}) do
  local ok, err = pcall(string[f], s, ".-.-.-.-x", "")
  assert(not ok and err:find("this pattern would take more than", 1, true), f .. ": " .. tostring(err))
end
s:find(".-.-.-.-x")
