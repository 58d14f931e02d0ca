-- shirube.read refuses .git/ and every other name starting with '.',
-- also when a symbolic link with a plain name leads there.
assert(shirube.read("./data/note.txt") == "ノートの中身\n2行目\n")
local function fails(p, want)
  local ok, err = pcall(shirube.read, p)
  assert(not ok, "should fail: " .. p)
  assert(err:find(want, 1, true), err)
end
fails(".env", "'.env' is hidden")
fails("data/.secret", "'data/.secret' is hidden")
fails("data/git/config", "'data/git/config' leads to a hidden file or directory")
shirube.read(".git/config")
